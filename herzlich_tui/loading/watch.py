"""Watching the data files the user writes (the user data folder, each `--data`), so that the app can load
them again as soon as one is saved. The watching is the operating system's (inotify, FSEvents, ...) through
`watchfiles`: while nothing changes it costs no CPU.

Imported only by the app's watching worker, after the data has loaded."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path

__all__ = ["WATCHED_LAYERS", "watch_data", "watched_roots"]

WATCHED_LAYERS = ("user", "extra")  # the shipped data is the program's: not watched
DEBOUNCE_MS = 300  # changes within this time (an editor's save in several writes) come as one


def watched_roots(roots: Iterable[tuple[Path, str]]) -> list[Path]:
    """The folders and files among the data roots that the user writes."""
    return [Path(path) for path, layer in roots if layer in WATCHED_LAYERS]


def watch_data(roots: Sequence[Path], changed: Callable[[set[Path]], None], stop: threading.Event) -> None:
    """Call `changed` with the TOML files that were written, added or removed below `roots`, until `stop`
    is set. A root that does not exist yet (the user data folder before the first file) is watched from
    its nearest existing folder, so that it is noticed when it appears."""
    import watchfiles

    targets = [root.absolute() for root in roots]
    # (A file is watched through its folder: an editor saves it by writing a new file in its place.)
    watched = {_existing(target.parent if target.is_file() else target) for target in targets}
    if not watched:
        return

    def wanted(_change: watchfiles.Change, name: str) -> bool:
        path = Path(name)
        return path.suffix == ".toml" and any(path == t or t in path.parents for t in targets)

    for changes in watchfiles.watch(
        *sorted(watched), watch_filter=wanted, debounce=DEBOUNCE_MS, stop_event=stop, raise_interrupt=False
    ):
        changed({Path(name) for _, name in changes})


def _existing(path: Path) -> Path:
    """`path`, or its nearest folder that exists."""
    while not path.exists() and path.parent != path:
        path = path.parent
    return path
