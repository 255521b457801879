"""Bulk work on many objects: reading data files, building the dataset and its indexes, reading the cache.

Python's cycle collector runs whenever enough container objects have been made since its last run, and
each run of the oldest generation walks every object alive. Loading a large dataset makes millions of
objects and no cycles, so the collector would walk the growing heap again and again for nothing (a large
share of the load time: docs/performance.md). `paused_gc` stops it for the length of such work; nested and
concurrent uses are counted, and it runs again when the last one ends.

Such work also asks, now and then, whether it is still wanted (`check`): an app that quits while a large
dataset is read does not have to wait for the reading to end.

And it leaves much memory free when it ends (the parsed files, the work of building the dataset), in
small pieces between what stays. The C library keeps freed memory for later use; `release_memory` asks it
to hand back to the system what it can.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager

__all__ = [
    "LARGE",
    "Cancelled",
    "IdleCollector",
    "IsCancelled",
    "Progress",
    "check",
    "freeze_loaded",
    "paused_gc",
    "release_memory",
]

IsCancelled = Callable[[], bool]
"""Asked now and then during long work: True when whoever wanted the work no longer does (the app quits)."""

Progress = Callable[[int, int], None]
"""Told now and then during long work how far it is: (done, total), in the work's own units (the loader's
are bytes of data files read)."""


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


LARGE = 20_000  # records: less leaves too little free memory to look for, and too few objects to freeze


def freeze_loaded(records: int) -> bool:
    """Data of `records` records was loaded to be kept as long as the program runs: from LARGE records on,
    everything alive now is moved out of the cycle collector's walks (gc.freeze), so that no collection
    while the data is used walks its millions of objects (each such walk would stall the app). Whatever
    garbage is alive now is frozen with it and never collected. True if frozen."""
    if records < LARGE:
        return False
    gc.freeze()
    return True


_trim: Callable[[int], int] | bool | None = None  # glibc's malloc_trim, once looked for; False: none here


def release_memory(records: int) -> None:
    """After bulk work on `records` records, hand memory that is free but kept by the C library back to
    the system, where the C library can (glibc's `malloc_trim`; elsewhere nothing happens). Takes
    milliseconds; below LARGE records, nothing is done (small data leaves little)."""
    global _trim
    if records < LARGE:
        return
    if _trim is None:
        try:
            import ctypes

            _trim = ctypes.CDLL(None).malloc_trim
        except Exception:  # not glibc (musl, macOS, Windows): no such call
            _trim = False
    if _trim is not None and _trim is not False and _trim is not True:
        _trim(0)


class IdleCollector:
    """Full collections while the user is idle rather than in the middle of a keystroke.

    Between keys, an app makes and drops cyclic garbage (events, renders) fast enough for Python to walk
    every object not frozen (a full collection, which grows with the caches) every few seconds, whenever
    it happens to be due: often in the middle of a key's frames (docs/performance.md). `defer` raises the
    oldest generation's threshold out of reach, so that only the cheap young collections run by
    themselves; `collect_if_due` runs the full one once it is due and the user has been idle for IDLE
    seconds, or once it is overdue by OVERDUE times however busy the user is. `restore` puts Python's
    thresholds back."""

    IDLE = 1.0  # seconds without input
    OVERDUE = 30  # times the oldest generation's threshold

    def __init__(self) -> None:
        self._thresholds: tuple[int, int, int] | None = None

    @property
    def deferring(self) -> bool:
        return self._thresholds is not None

    def defer(self) -> None:
        if self._thresholds is None:
            self._thresholds = gc.get_threshold()
            young, middle, _ = self._thresholds
            gc.set_threshold(young, middle, 2**31 - 1)

    def collect_if_due(self, idle_for: float) -> bool:
        """Run a full collection if one is due and the user is idle (or one is long overdue): True if run."""
        if self._thresholds is None:
            return False
        due = self._thresholds[2]
        pending = gc.get_count()[2]
        if pending < due or (idle_for < self.IDLE and pending < due * self.OVERDUE):
            return False
        gc.collect()
        return True

    def restore(self) -> None:
        if self._thresholds is not None:
            gc.set_threshold(*self._thresholds)
            self._thresholds = None
