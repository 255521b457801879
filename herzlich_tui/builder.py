"""The builder: a process of its own that reads, checks and indexes large data on a first start and writes
the load cache, which the app's process then reads (see cache.load_indexed, `apart`).

Why a process: building 100,000 events makes millions of short-lived objects, and the heap they leave
behind stays with the process that made them. CPython cannot hand back a page while one object on it
lives, so an app that built its data in-process held about 60 MB more for as long as it ran than one that
read the same data from the cache, and its peak was higher still. A builder's memory goes back to the
system when it ends; the app's process only ever holds what reading the cache makes.

How: the app starts `python -P -m herzlich_tui.builder`, writes (roots, cache folder, fingerprint) to its
standard input as a pickle and keeps that open. The builder prints `dataset` once the dataset is in the
cache (the app reads and shows it while the index is built) and `done` once everything is. When its
standard input closes (the app stopped waiting, quit or died), the builder stops within moments; a file it
was writing is removed (see settings.atomic_file), so the cache holds only what was complete.
"""

from __future__ import annotations

import contextlib
import os
import pickle
import queue
import subprocess
import sys
import threading
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import IO

from herzlich_tui.bulk import Cancelled, IsCancelled, check, paused_gc

__all__ = ["main", "run"]

DATASET = "dataset"
DONE = "done"
# How often the app's side asks whether it is still wanted while it waits for the builder (seconds).
_POLL = 0.1
# How long a builder that was asked to stop may take to end before it is killed (seconds).
_STOP_WAIT = 5.0


def run(
    roots: Sequence[tuple[Path, str]],
    cache_dir: Path,
    key: tuple | None,
    dataset_kept: Callable[[], None],
    cancelled: IsCancelled | None = None,
) -> bool:
    """Fill the cache in `cache_dir` with the data below `roots` (fingerprint `key`) in a builder process.
    `dataset_kept()` is called, in this thread, once the builder has written the dataset. True when the
    builder wrote everything; False when it could not be started or ended early (what it announced is in
    the cache). Raises Cancelled, after stopping the builder, when `cancelled` says so."""
    try:
        process = subprocess.Popen(
            [sys.executable, "-P", "-m", "herzlich_tui.builder"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,  # the app owns the terminal; a builder that fails is replaced by a load
        )
    except OSError:
        return False
    assert process.stdin is not None and process.stdout is not None
    lines: queue.SimpleQueue[str | None] = queue.SimpleQueue()
    threading.Thread(target=_read_lines, args=(process.stdout, lines), daemon=True, name="builder-output").start()
    finished = False
    try:
        process.stdin.write(pickle.dumps((list(roots), cache_dir, key), protocol=pickle.HIGHEST_PROTOCOL))
        process.stdin.flush()
        while (line := _next_line(lines, cancelled)) is not None:
            if line == DATASET:
                dataset_kept()
                check(cancelled)
            elif line == DONE:
                finished = True
    except OSError:  # the builder ended before it read its orders
        return False
    finally:
        _stop(process)
    return finished


def _next_line(lines: queue.SimpleQueue[str | None], cancelled: IsCancelled | None) -> str | None:
    while True:
        try:
            return lines.get(timeout=_POLL)
        except queue.Empty:
            check(cancelled)


def _read_lines(stream: IO[bytes], lines: queue.SimpleQueue[str | None]) -> None:
    with contextlib.suppress(OSError, ValueError):
        for line in stream:
            lines.put(line.decode("utf-8", "replace").strip())
    lines.put(None)


def _stop(process: subprocess.Popen[bytes]) -> None:
    """Close the builder's standard input (which asks it to stop, if it has not ended) and reap it."""
    for stream in (process.stdin, process.stdout):
        with contextlib.suppress(OSError):
            stream.close()  # type: ignore[union-attr]
    try:
        process.wait(_STOP_WAIT)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def main() -> int:
    """The builder's side (`python -m herzlich_tui.builder`)."""
    from herzlich_tui import cache

    roots, cache_dir, key = pickle.load(sys.stdin.buffer)
    stop = threading.Event()

    def watch() -> None:
        # Read from the descriptor, not sys.stdin: a thread waiting inside the buffered reader holds its lock,
        # which the interpreter's shutdown would then wait for in vain.
        with contextlib.suppress(OSError):
            while os.read(0, 4096):
                pass
        stop.set()  # the app closed its end

    threading.Thread(target=watch, daemon=True, name="builder-input").start()

    def say(word: str) -> None:
        sys.stdout.write(word + "\n")
        sys.stdout.flush()

    try:
        with paused_gc():
            finished = cache.build(roots, cache_dir, key, lambda: say(DATASET), stop.is_set)
    except Cancelled:
        return 1
    if not finished:
        return 1
    say(DONE)
    return 0


if __name__ == "__main__":
    code = main()
    # Everything is written and synced. Ending here spares freeing millions of objects one by one (a second
    # at 100,000 events, with the app waiting); the system takes the memory back at once.
    sys.stdout.flush()
    os._exit(code)
