"""The interface's language: German for German environments, English otherwise, or as chosen.

Every word the interface shows is a message in strings.py, written in English and translated through a
gettext catalog (herzlich_tui/locale/<language>/LC_MESSAGES/herzlich_tui.mo, compiled from the .po file
beside it; `python -m herzlich_tui.catalogs` extracts, updates and compiles them; `read_mo` reads it). Data
text is never translated: it stays in the language of the reviews.

The language can change while the program runs (the app's "Sprache / Language"): what reads a message
reads it in the language of that moment. Imports only the standard library: the first frame needs it.
"""

from __future__ import annotations

import os
import struct
from collections.abc import Mapping
from pathlib import Path
from typing import Literal

__all__ = [
    "C_",
    "DOMAIN",
    "LANGUAGES",
    "N_",
    "choose_language",
    "current_language",
    "gettext",
    "language_from",
    "locale_dir",
    "month_name",
    "number",
    "read_mo",
    "set_language",
    "translate",
]

LANGUAGES = ("en", "de")  # English is the language the messages are written in
DOMAIN = "herzlich_tui"
# Where a locale is read from, in gettext's order: LANGUAGE (a list), then LC_ALL, LC_MESSAGES and LANG.
_ENVIRONMENT = ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")

_current = "en"
_catalogs: dict[str, dict[str, str]] = {}


def N_(message: str) -> str:
    """Mark a message for the catalog without translating it where it is written (strings.py)."""
    return message


class Contextual(str):
    """A message that says something other than another message with the same English words: its
    `context` tells them apart in the catalog (gettext's msgctxt), so that each has its own translation."""

    context: str


def C_(context: str, message: str) -> str:
    """Mark a message, in a context, for the catalog (as N_): "{day} {month_abbr} {year}" in the details
    is "13. März 2020" in German, the same English in a list "13.03.2020"."""
    made = Contextual(message)
    made.context = context
    return made


def locale_dir() -> Path:
    """The folder of the compiled catalogs, inside the package."""
    return Path(__file__).resolve().parent / "locale"


def language_from(environ: Mapping[str, str] | None = None) -> str:
    """The interface's language for an environment: German where its locale is German (de, de_DE.UTF-8,
    de_AT, ...), English otherwise. The first of LANGUAGE, LC_ALL, LC_MESSAGES and LANG that is set
    decides, as for gettext; a "C" or "POSIX" locale means English."""
    env = os.environ if environ is None else environ
    for name in _ENVIRONMENT:
        value = env.get(name, "")
        if not value:
            continue
        first = value.split(":")[0].strip() if name == "LANGUAGE" else value.strip()
        if not first:
            continue
        return "de" if first.lower().split(".")[0].split("_")[0].split("-")[0] == "de" else "en"
    return "en"


def choose_language(chosen: str = "", saved: str = "", environ: Mapping[str, str] | None = None) -> str:
    """The language to speak: the one chosen for this run (`--lang`), else the one kept in the settings,
    else the environment's (language_from)."""
    for language in (chosen, saved):
        if language in LANGUAGES:
            return language
    return language_from(environ)


def set_language(language: str) -> str:
    """Speak `language` from now on (one of LANGUAGES; anything else means English). Returns it."""
    global _current
    _current = language if language in LANGUAGES else "en"
    return _current


def current_language() -> str:
    return _current


def gettext(message: str) -> str:
    """A message in the current language (itself where the catalog has no translation)."""
    return translate(message, _current)


def translate(message: str, language: str) -> str:
    """A message in a language (itself where the catalog has no translation, and in English)."""
    if language == "en":
        return message
    context = getattr(message, "context", None)
    key = message if context is None else f"{context}\x04{message}"
    return _catalog(language).get(key, message)


def _catalog(language: str) -> dict[str, str]:
    found = _catalogs.get(language)
    if found is None:
        # (With the first message translated: an English interface reads no catalog.)
        try:
            found = read_mo((locale_dir() / language / "LC_MESSAGES" / f"{DOMAIN}.mo").read_bytes())
        except (OSError, ValueError, struct.error):
            found = {}  # (no catalog, or a damaged one: the messages as written)
        _catalogs[language] = found
    return found


def read_mo(data: bytes) -> dict[str, str]:
    """The translations in a compiled catalog (GNU gettext's .mo format, as msgfmt and Babel write it, in
    UTF-8), by message; a message with a context is "context\x04message", as gettext keys it. The catalog's
    header and untranslated messages are left out; of a plural, its first forms. Raises ValueError for what is
    not such a file.

    Read without gettext, on the way to a German first frame (docs/performance.md, "First paint III"); a test
    holds it to gettext's answers for every message."""
    if data[:4] == b"\xde\x12\x04\x95":
        order = "<"
    elif data[:4] == b"\x95\x04\x12\xde":
        order = ">"
    else:
        raise ValueError("not a compiled catalog")
    revision, count, originals, translations = struct.unpack_from(order + "4I", data, 4)
    if revision >> 16 > 1:
        raise ValueError(f"a compiled catalog of an unknown revision: {revision >> 16}")
    keys = struct.unpack_from(f"{order}{2 * count}I", data, originals)  # (length, offset) of each message
    values = struct.unpack_from(f"{order}{2 * count}I", data, translations)
    messages: dict[str, str] = {}
    for i in range(0, 2 * count, 2):
        end, start = keys[i] + keys[i + 1], keys[i + 1]
        value_end, value_start = values[i] + values[i + 1], values[i + 1]
        if end > len(data) or value_end > len(data):
            raise ValueError("a compiled catalog cut short")
        key = data[start:end].decode()
        value = data[value_start:value_end].decode()
        if "\x00" in key:  # a plural: the forms are separated by NULs, the singular first
            key, value = key.split("\x00")[0], value.split("\x00")[0]
        if key and value:
            messages[key] = value
    return messages


Width = Literal["abbreviated", "wide"]


def month_name(month: int, width: Width = "wide", language: str | None = None) -> str:
    """A month's name in `language` (the current one when None), from CLDR (Babel): width "wide" ("March",
    "März") or "abbreviated" ("Mar", "März")."""
    return _months(language or _current, width)[month]


def number(value: float, language: str | None = None) -> str:
    """A number as `language` (the current one when None) writes it: "100,000" in English, "100.000" in
    German."""
    if type(value) is int and -1000 < value < 1000:
        return str(value)  # (written alike in both: no need to read CLDR's data for the first frame's counts)
    from babel.numbers import format_decimal

    return format_decimal(value, locale=language or _current, group_separator=True)


_MONTHS: dict[tuple[str, Width], dict[int, str]] = {}


def _months(language: str, width: Width) -> dict[int, str]:
    found = _MONTHS.get((language, width))
    if found is None:
        from babel.dates import get_month_names  # (CLDR's data: read with the first date shown)

        found = _MONTHS[(language, width)] = dict(get_month_names(width, context="format", locale=language))
    return found
