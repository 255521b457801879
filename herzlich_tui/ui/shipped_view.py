"""The shipped data's first list, worked out ahead (see cache.read_shipped_snapshot): a first start shows it
on the first frame, as later starts show the list kept from the last run.

After editing `data/` (or how the timeline's rows are made), write it again:

    python -m herzlich_tui.ui.shipped_view          # writes herzlich_tui/shipped_view.json
    python -m herzlich_tui.ui.shipped_view --check  # exit status 1 when the file is out of date

The tests fail while the file is out of date."""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from pathlib import Path
from typing import Any

from herzlich_tui import cache, paths
from herzlich_tui.ui.rows import row_values
from herzlich_tui.ui.state import ViewState

__all__ = ["build", "main", "render"]


def build(shipped_dir: Path | None = None) -> dict[str, Any]:
    """The snapshot of the default first view (the timeline, no filters) over the shipped data alone."""
    from herzlich_tui.loading.files import discover
    from herzlich_tui.loading.loader import load_files
    from herzlich_tui.ui.views import Views

    base = shipped_dir if shipped_dir is not None else paths.shipped_data_dir()
    files, problems = discover([(base, "shipped")])
    result = load_files(files)
    if problems or result.problems:
        found = "\n".join(str(problem) for problem in [*problems, *result.problems])
        raise ValueError(f"the shipped data has problems; fix them first:\n{found}")
    state = ViewState()
    view = Views(result.dataset, None).compute(state)
    return {
        "format": cache.SHIPPED_VIEW_FORMAT,
        "state": list(state.key),
        "files": {
            path.relative_to(base).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest() for path, _ in files
        },
        "counts": [view.shown, view.total],
        "rows": [list(row_values(row)) for row in view.rows[: cache.SNAPSHOT_ROWS]],
    }


def render(snapshot: dict[str, Any]) -> str:
    """The file's text: one row per line, so that a change to the data shows as a readable diff."""
    head = {key: value for key, value in snapshot.items() if key != "rows"}
    lines = [json.dumps(head, ensure_ascii=False)[:-1] + ', "rows": [']
    rows = [json.dumps(row, ensure_ascii=False) for row in snapshot["rows"]]
    lines += [f"  {row}," for row in rows[:-1]] + [f"  {row}" for row in rows[-1:]]
    lines.append("]}")
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m herzlich_tui.ui.shipped_view", description=__doc__.split("\n")[0])
    parser.add_argument("--check", action="store_true", help="only say whether the file is up to date")
    args = parser.parse_args(argv)
    text = render(build())
    current = cache.SHIPPED_VIEW.read_text(encoding="utf-8") if cache.SHIPPED_VIEW.exists() else None
    if args.check:
        if current != text:
            print(f"{cache.SHIPPED_VIEW} is out of date: run python -m herzlich_tui.ui.shipped_view", file=sys.stderr)
            return 1
        return 0
    if current != text:
        cache.SHIPPED_VIEW.write_text(text, encoding="utf-8")
        print(f"wrote {cache.SHIPPED_VIEW}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
