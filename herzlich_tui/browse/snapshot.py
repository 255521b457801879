"""The first screen before the data: the list a user last looked at, kept as plain tuples in marshal
format (read in milliseconds) so that it shows while a large dataset loads, and the shipped data's first
list, worked out ahead, for a first start.

After editing `data/` (or how the timeline's rows are made), write the shipped list again:

    python -m herzlich_tui.browse.snapshot          # writes herzlich_tui/browse/shipped_view.py
    python -m herzlich_tui.browse.snapshot --check  # exit status 1 when the file is out of date

The tests fail while the file is out of date. On the way to the first frame: imports no model."""

from __future__ import annotations

import contextlib
import marshal
import sys
import zlib
from collections.abc import Iterable, Sequence
from itertools import islice
from pathlib import Path
from typing import Any, cast

from herzlich_tui import paths
from herzlich_tui.browse.rows import row_values
from herzlich_tui.browse.state import ViewState
from herzlich_tui.cache import cache_file, read_trusted
from herzlich_tui.i18n import LANGUAGES, current_language, set_language
from herzlich_tui.settings import atomic_write_bytes
from herzlich_tui.textsafe import is_safe

__all__ = [
    "SHIPPED_VIEW",
    "SNAPSHOT_ROWS",
    "SnapshotRow",
    "build",
    "main",
    "read_shipped_snapshot",
    "read_snapshot",
    "render",
    "shipped_view",
    "write_snapshot",
]

# Reading a large cached dataset takes seconds. The list a user last looked at is kept apart, as plain
# tuples in marshal format (read in milliseconds), so that it can be shown while the dataset loads.

SnapshotRow = tuple[str, str, str, str, int, str]
SNAPSHOT_ROWS = 1000
# What a kept list may hold: beyond these, the file was not written by us (forged or damaged) and is not used.
_MAX_BYTES = 16 * 2**20
_MAX_TEXT = 50_000  # characters of one cell (a figure's label is two texts of the loader's 20,000)
_MAX_LEVEL = 16
_MAX_COUNT = 10**9


def write_snapshot(
    cache_dir: Path,
    roots: Sequence[tuple[Path, str]],
    state: tuple,
    rows: Iterable[SnapshotRow],
    counts: tuple,
    key: tuple | None,
    *,
    language: str | None = None,
) -> None:
    """Keep the first rows shown for `state` (any tuple of plain values), valid while the data files are
    as they were when the rows' data was read (`key`, their `fingerprint` then: a file changed since makes
    the rows stale): enough to fill a screen and scroll a little while the dataset loads, quick to read.
    Only the first SNAPSHOT_ROWS of `rows` are read. The rows are in the words of `language` (the current
    one when not given): they are shown only to a start in the same language."""
    if key is None:
        return
    with contextlib.suppress(OSError, ValueError):
        said = (language or current_language(), *state)
        data = marshal.dumps((key, said, counts, list(islice(rows, SNAPSHOT_ROWS))))
        atomic_write_bytes(cache_file(cache_dir, roots, "view", "marshal"), data)


def read_snapshot(
    cache_dir: Path, roots: Sequence[tuple[Path, str]], state: tuple, key: tuple | None, *, language: str | None = None
) -> tuple[list[SnapshotRow], tuple] | None:
    """The rows kept for exactly this state and these unchanged files (`key`, their `fingerprint` now), in
    the words of `language` (the current one when not given), with their counts; else None."""
    state = (language or current_language(), *state)
    if key is None:
        return None
    # (Read only from the user's own cache folder, as the load cache is: see cache.read_trusted.)
    data = read_trusted(cache_file(cache_dir, roots, "view", "marshal"), _MAX_BYTES)
    if data is None:
        return None
    try:
        stored_key, stored_state, counts, rows = marshal.loads(data)
        if stored_key != key or stored_state != state:
            return None
    except (EOFError, ValueError, TypeError, RecursionError):
        return None
    return _checked(rows, counts)


def _checked(rows: object, counts: object) -> tuple[list[SnapshotRow], tuple] | None:
    """The rows and counts of a kept list when every field has the type and size it is written with (and
    no text could drive the terminal), else None: a forged or damaged file never reaches the screen."""
    if not isinstance(rows, (list, tuple)) or len(rows) > SNAPSHOT_ROWS:
        return None
    if not isinstance(counts, (list, tuple)) or len(counts) != 2:
        return None
    if not all(type(count) is int and 0 <= count <= _MAX_COUNT for count in counts):
        return None
    checked = [tuple(row) for row in rows if isinstance(row, (list, tuple))]
    if len(checked) != len(rows) or not all(map(_is_row, checked)):
        return None
    return cast(list[SnapshotRow], checked), tuple(counts)


# --- the shipped data's first list ---------------------------------------------------------------------
# The list a first start shows before anything was kept, worked out from the shipped data when it was last
# edited (`main` below writes it; a test fails when it is out of date) and shipped with the program. It
# holds the size and CRC-32 of each shipped file it was made from: they tell an edited file, and zlib comes
# with Textual where hashlib would be imported for the first frame alone. It is a module of plain literals,
# one row per line (a change to the data shows as a readable diff), read from its compiled form without json
# (docs/performance.md, "First paint III").

SHIPPED_VIEW = Path(__file__).with_name("shipped_view.py")
SHIPPED_VIEW_FORMAT = 4


def read_shipped_snapshot(
    state: tuple,
    key: tuple | None,
    *,
    shipped_dir: Path | None = None,
    view: object = None,
    language: str | None = None,
) -> tuple[list[SnapshotRow], tuple] | None:
    """The first rows of `state` (and their counts) over the shipped data alone, in the words of `language`
    (the current one when not given), when the files that load (`key`, their `fingerprint` now) are exactly
    the shipped files, with the content they were made from; else None (the user's own data, or a `--data`
    folder, loads too; another state; an edited file). `view` is what `build` made (by default the shipped
    one): it is checked field by field, as a kept list is."""
    from herzlich_tui.loading.files import read_regular

    if key is None or not key[3]:
        return None
    try:
        stored = view if view is not None else shipped_view()
        if not isinstance(stored, dict) or not isinstance(stored.get("files"), dict):
            return None
        if stored.get("format") != SHIPPED_VIEW_FORMAT or not isinstance(stored.get("state"), list):
            return None
        if tuple(stored["state"]) != state:
            return None
        base = shipped_dir if shipped_dir is not None else paths.shipped_data_dir()
        files = {Path(name).relative_to(base).as_posix(): Path(name) for name, *_ in key[3]}
        if files.keys() != stored["files"].keys():
            return None
        for name, file in files.items():
            if _content_stamp(read_regular(file, _MAX_BYTES)) != stored["files"][name]:
                return None
        languages = stored.get("languages")
        said = languages.get(language or current_language()) if isinstance(languages, dict) else None
        if not isinstance(said, dict):
            return None
        return _checked(said.get("rows"), said.get("counts"))
    except (OSError, ValueError, TypeError, RecursionError):
        return None


def shipped_view() -> object:
    """The shipped first list (`build`'s dict), or None when its module is missing or damaged. The module is
    imported once per process: every call gives the same dict, which is only read (`_checked` copies the
    rows it passes)."""
    import importlib

    try:
        return importlib.import_module("herzlich_tui.browse.shipped_view").VIEW
    except Exception:
        # Whatever is wrong with it (missing, cut short, its compiled form damaged, a name it does not
        # define): no list, and the data loads as usual.
        return None


def _content_stamp(content: bytes) -> list[int]:
    """A shipped file's content, told apart from an edited one: its size and CRC-32."""
    return [len(content), zlib.crc32(content)]


def _is_row(row: tuple) -> bool:
    return (
        len(row) == 6
        and all(
            type(row[i]) is str and len(row[i]) <= _MAX_TEXT and is_safe(row[i], multiline=True)
            for i in (0, 1, 2, 3, 5)
        )
        and type(row[4]) is int
        and 0 <= row[4] <= _MAX_LEVEL
    )


def build(shipped_dir: Path | None = None) -> dict[str, Any]:
    """The snapshot of the default first view (the timeline, no filters) over the shipped data alone."""
    from herzlich_tui.browse.engine import Views
    from herzlich_tui.loading.files import discover
    from herzlich_tui.loading.loader import load_files

    base = shipped_dir if shipped_dir is not None else paths.shipped_data_dir()
    files, problems = discover([(base, "shipped")])
    result = load_files(files)
    if problems or result.problems:
        found = "\n".join(str(problem) for problem in [*problems, *result.problems])
        raise ValueError(f"the shipped data has problems; fix them first:\n{found}")
    state = ViewState()
    languages: dict[str, dict[str, list]] = {}
    speaking = current_language()
    try:
        for language in LANGUAGES:
            set_language(language)
            view = Views(result.dataset, None).compute(state)
            languages[language] = {
                "counts": [view.shown, view.total],
                "rows": [list(row_values(row)) for row in view.rows[:SNAPSHOT_ROWS]],
            }
    finally:
        set_language(speaking)
    return {
        "format": SHIPPED_VIEW_FORMAT,
        "state": list(state.key),
        "files": {path.relative_to(base).as_posix(): _content_stamp(path.read_bytes()) for path, _ in files},
        "languages": languages,
    }


def render(snapshot: dict[str, Any]) -> str:
    """The module's text: plain literals, one row per line, so that a change to the data shows as a readable
    diff."""
    lines = [
        '"""The timeline a first start shows over the shipped data, worked out ahead (browse/snapshot.py).',
        "",
        'Written by `python -m herzlich_tui.browse.snapshot`: do not edit."""',
        "",
        "VIEW = {",
    ]
    lines += [f"    {key!r}: {value!r}," for key, value in snapshot.items() if key != "languages"]
    lines.append("    'languages': {")
    for language, said in snapshot["languages"].items():
        lines.append(f"        {language!r}: {{")
        lines.append(f"            'counts': {said['counts']!r},")
        lines.append("            'rows': [")
        lines += [f"                {row!r}," for row in said["rows"]]
        lines += ["            ],", "        },"]
    lines += ["    },", "}"]
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    import argparse

    parser = argparse.ArgumentParser(prog="python -m herzlich_tui.browse.snapshot", description=__doc__.split("\n")[0])
    parser.add_argument("--check", action="store_true", help="only say whether the file is up to date")
    args = parser.parse_args(argv)
    text = render(build())
    current = SHIPPED_VIEW.read_text(encoding="utf-8") if SHIPPED_VIEW.exists() else None
    if args.check:
        if current != text:
            print(f"{SHIPPED_VIEW} is out of date: run python -m herzlich_tui.browse.snapshot", file=sys.stderr)
            return 1
        return 0
    if current != text:
        SHIPPED_VIEW.write_text(text, encoding="utf-8")
        print(f"wrote {SHIPPED_VIEW}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
