"""The message catalogs: extracting the interface's messages from strings.py, updating each language's .po
file (what translators edit, in Poedit, Weblate or by hand) and compiling it to the .mo file the program
reads. Babel does the work, as for any Python project.

    python -m herzlich_tui.catalogs            # extract, update every .po, compile every .mo
    python -m herzlich_tui.catalogs --check    # exit status 1 when a catalog is out of date or a message
                                               # has no translation

After editing strings.py: run it, translate the new entries in herzlich_tui/locale/de/LC_MESSAGES/
herzlich_tui.po (their msgstr is empty), and run it again. The tests fail while a catalog is out of date.
"""

from __future__ import annotations

import argparse
import datetime
import io
import sys
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_file
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

from herzlich_tui import __version__
from herzlich_tui.i18n import DOMAIN, LANGUAGES, locale_dir

__all__ = ["Files", "StableCatalog", "main", "missing", "template", "updated"]

SOURCE = Path(__file__).resolve().parent / "strings.py"
TRANSLATED = tuple(language for language in LANGUAGES if language != "en")
# A fixed date in the headers: the files change only when their messages do.
STAMP = datetime.datetime(2026, 12, 6, tzinfo=datetime.UTC)


class StableCatalog(Catalog):
    """A catalog whose header leaves out the Babel version that wrote it: the files are the same whichever
    Babel compiles them, so that the check of their being up to date does not depend on it."""

    def _get_mime_headers(self) -> list[tuple[str, str]]:
        return [(name, value) for name, value in super()._get_mime_headers() if name != "Generated-By"]


def template() -> Catalog:
    """Every message of strings.py (what N_ and C_ mark), in the order written."""
    catalog = StableCatalog(project="herzlich-tui", version=__version__, creation_date=STAMP, fuzzy=False)
    for _line, message, comments, context in extract_from_file(
        "python", SOURCE, keywords={"N_": None, "C_": ((1, "c"), 2)}, comment_tags=("TRANSLATORS:",)
    ):
        if message:
            catalog.add(message, auto_comments=comments, context=context)
    return catalog


def updated(language: str, source: Catalog) -> Catalog:
    """The language's catalog with the template's messages: its translations kept, new messages added
    untranslated, messages no longer used dropped."""
    path = po_file(language)
    if path.exists():
        with path.open("rb") as handle:
            catalog = read_po(handle, locale=language)
        catalog.__class__ = StableCatalog  # (read as Babel's own class)
    else:
        catalog = StableCatalog(locale=language, project="herzlich-tui", creation_date=STAMP, fuzzy=False)
    catalog.update(source, no_fuzzy_matching=True)
    catalog.obsolete.clear()
    catalog.version = __version__
    catalog.creation_date = catalog.revision_date = STAMP
    catalog.fuzzy = False
    return catalog


def missing(catalog: Catalog) -> list[str]:
    """The messages the catalog does not translate (or only fuzzily)."""
    return [str(m.id) for m in catalog if m.id and (not m.string or m.fuzzy)]


def po_file(language: str) -> Path:
    return locale_dir() / language / "LC_MESSAGES" / f"{DOMAIN}.po"


class Files:
    """What the catalogs' files should hold, as bytes: the template and each language's .po and .mo."""

    def __init__(self) -> None:
        source = template()
        self.wanted: dict[Path, bytes] = {locale_dir() / f"{DOMAIN}.pot": _po_bytes(source)}
        self.missing: dict[str, list[str]] = {}
        for language in TRANSLATED:
            catalog = updated(language, source)
            self.wanted[po_file(language)] = _po_bytes(catalog)
            mo = io.BytesIO()
            write_mo(mo, catalog)
            self.wanted[po_file(language).with_suffix(".mo")] = mo.getvalue()
            self.missing[language] = missing(catalog)

    def stale(self) -> list[Path]:
        return [path for path, data in self.wanted.items() if not path.exists() or path.read_bytes() != data]

    def write(self) -> list[Path]:
        written = self.stale()
        for path in written:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(self.wanted[path])
        return written


def _po_bytes(catalog: Catalog) -> bytes:
    out = io.BytesIO()
    write_po(out, catalog, width=120, no_location=True, omit_header=False, ignore_obsolete=True)
    return out.getvalue()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m herzlich_tui.catalogs", description=__doc__.split("\n")[0])
    parser.add_argument("--check", action="store_true", help="only say whether the catalogs are up to date")
    args = parser.parse_args(argv)
    files = Files()
    problems = False
    if args.check:
        for path in files.stale():
            print(f"{path} is out of date: run python -m herzlich_tui.catalogs", file=sys.stderr)
            problems = True
    else:
        for path in files.write():
            print(f"wrote {path}")
    for language, untranslated in files.missing.items():
        for message in untranslated:
            print(f"{language}: no translation for {message!r}", file=sys.stderr)
            problems = True
    return 1 if problems else 0


if __name__ == "__main__":
    raise SystemExit(main())
