"""Reading large data in worker processes: the files are cut into batches, each batch is read by one of a
few processes, and the results come back in the files' order.

Parsing and checking a file takes Python's lock for all of its time, so threads would not share the work;
processes do. They are started with "spawn" on every system (a fresh interpreter, as macOS does anyway):
forking a process that runs threads (the app's) can copy a lock some thread holds, and hang. A fresh
interpreter imports the loader before its first batch, so workers pay only for data large enough (see
`workers_for`); below that, the loader reads every file in its own process. Like every use of spawn, it
imports the program's main module in each worker, under the name `__mp_main__`: a script that loads data
guards its work with `if __name__ == "__main__"`.

What a worker sends back is pickled, and its unpickling is work for the process that waits: the loader
sends records as columns of values (see loader._pack), not record by record.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable, Iterator, Sequence
from multiprocessing.pool import Pool
from typing import TypeVar

from herzlich_tui.bulk import IsCancelled, check

__all__ = ["BATCH_BYTES", "PARALLEL_BYTES", "batches", "in_workers", "workers_for"]

T = TypeVar("T")
R = TypeVar("R")

# Data of fewer bytes is read in the loading process itself: starting workers costs more than they save.
PARALLEL_BYTES = 64 * 2**20
# A batch is about this many bytes of files: enough to pay for sending it, few enough that progress (and
# a check for cancelling) comes several times a second, and that the workers end at about the same time.
BATCH_BYTES = 2 * 2**20
_MAX_WORKERS = 4
_POLL_SECONDS = 0.1  # how often a wait for a batch asks whether the load is still wanted


def workers_for(total_bytes: int, *, threshold: int = PARALLEL_BYTES) -> int:
    """How many worker processes read data of `total_bytes`: none below `threshold` or on one core,
    otherwise one for each core the process may run on (at most a few)."""
    if total_bytes < threshold:
        return 0
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    return min(cores, _MAX_WORKERS) if cores > 1 else 0


def batches(items: Sequence[T], sizes: Sequence[int], size: int = BATCH_BYTES) -> list[list[T]]:
    """The items in order, cut into runs of about `size` bytes each (an item larger alone is one run)."""
    out: list[list[T]] = []
    current: list[T] = []
    filled = 0
    for item, item_size in zip(items, sizes, strict=True):
        if current and filled + item_size > size:
            out.append(current)
            current, filled = [], 0
        current.append(item)
        filled += item_size
    if current:
        out.append(current)
    return out


def in_workers(
    work: Callable[[list[T]], R], runs: Sequence[list[T]], workers: int, cancelled: IsCancelled | None
) -> Iterator[R]:
    """`work` of each run, done in `workers` processes, in the order of the runs. `work` must be a
    module's function (a worker imports it by name). `cancelled` is asked while waiting; when it says so,
    Cancelled is raised and the workers are stopped at once (as they are when the caller stops early)."""
    pool: Pool = multiprocessing.get_context("spawn").Pool(min(workers, len(runs)) or 1)
    try:
        results = pool.imap(work, runs)
        for _ in runs:
            while True:
                check(cancelled)
                try:
                    result = results.next(timeout=_POLL_SECONDS)
                except multiprocessing.TimeoutError:
                    continue
                break
            yield result
    finally:
        pool.terminate()
        pool.join()
