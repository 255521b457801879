"""Bulk work on many objects: reading data files, building the dataset and its indexes, reading the cache.

Python's cycle collector runs whenever enough container objects have been made since its last run, and
each run of the oldest generation walks every object alive. Loading 100,000 events makes millions of
objects and no cycles, so the collector would walk the growing heap again and again for nothing (at that
size it is a third of the load time, and half of reading the cache). `paused_gc` stops it for the length
of such work; nested and concurrent uses are counted, and it runs again when the last one ends.

Such work also asks, now and then, whether it is still wanted (`check`): an app that quits while a large
dataset is read does not have to wait for the reading to end.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager

__all__ = ["Cancelled", "IsCancelled", "check", "paused_gc"]

IsCancelled = Callable[[], bool]
"""Asked now and then during long work: True when whoever wanted the work no longer does (the app quits)."""


class Cancelled(Exception):
    """Bulk work given up because `IsCancelled` said so; files it was writing are left as they were."""


def check(cancelled: IsCancelled | None) -> None:
    """Raise Cancelled when the work is no longer wanted."""
    if cancelled is not None and cancelled():
        raise Cancelled


_lock = threading.Lock()
_depth = 0
_was_enabled = False


@contextmanager
def paused_gc() -> Iterator[None]:
    """Pause the cycle collector while the block runs (reference counting still frees memory)."""
    global _depth, _was_enabled
    with _lock:
        if _depth == 0:
            _was_enabled = gc.isenabled()
            gc.disable()
        _depth += 1
    try:
        yield
    finally:
        with _lock:
            _depth -= 1
            if _depth == 0 and _was_enabled:
                gc.enable()
