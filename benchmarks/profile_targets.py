"""Where the time goes: profiles of the measurements behind each target, summarised by function.

    python benchmarks/profile_targets.py TARGET [--data DIR] [--top N] [--py-spy PATH]

TARGET is one of
    cold     loading.load + SearchIndex, no cache (cProfile)
    warm     loading through the cache (cProfile; fills the cache first)
    search   ui.views compute for each prefix of a word typed letter by letter (cProfile)
    filter   ui.views compute with a year, a programme, both, none (cProfile)
    views    ui.views compute for each view (cProfile)
    paint    the app headless until the first view is painted, every thread (py-spy; --cold for an empty cache)
    spy-cold, spy-warm   load + index + timeline, cold or through the cache (py-spy)
    memory   resident memory after each phase of a cold start and of a warm one (--trace: tracemalloc's
             attribution of the Python heap by source line instead; slow)

--data DIR adds a generated folder to the shipped data (as benchmarks/run.py does). The XDG folders point
at a temporary folder. cProfile adds much overhead to code with many small calls (the TOML parser above
all), so read its shares, not its absolute times; py-spy samples and adds little.
"""

from __future__ import annotations

import argparse
import collections
import cProfile
import io
import json
import os
import pstats
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent


def _xdg(base: Path) -> None:
    for var, sub in (
        ("XDG_DATA_HOME", "data"),
        ("XDG_CONFIG_HOME", "config"),
        ("XDG_STATE_HOME", "state"),
        ("XDG_CACHE_HOME", "cache"),
    ):
        os.environ[var] = str(base / sub)


def _short(filename: str) -> str:
    for marker in ("site-packages/", "/herzlich_tui/", "lib/python3"):
        if marker in filename:
            tail = filename.split(marker, 1)[1]
            return ("herzlich_tui/" + tail) if marker == "/herzlich_tui/" else tail
    return filename


def report(profile: cProfile.Profile, total_s: float, top: int) -> str:
    """Functions by inclusive time (share of the measured total) and by own time."""
    stats = pstats.Stats(profile)
    rows = []
    for (filename, line, name), (_cc, nc, tt, ct, _callers) in stats.stats.items():  # type: ignore[attr-defined]
        rows.append((ct, tt, nc, f"{_short(filename)}:{line}({name})"))
    out = io.StringIO()
    profiled = max(ct for ct, *_ in rows) if rows else 1
    out.write(f"measured without profiler: {total_s * 1000:.0f} ms; profiled total {profiled * 1000:.0f} ms\n")
    out.write("\nby inclusive time (share of profiled total):\n")
    for ct, _tt, nc, where in sorted(rows, reverse=True)[:top]:
        out.write(f"  {ct / profiled:6.1%}  {ct * 1000:9.0f} ms  {nc:>9} calls  {where}\n")
    out.write("\nby own time:\n")
    for _ct, tt, nc, where in sorted(rows, key=lambda r: r[1], reverse=True)[:top]:
        out.write(f"  {tt / profiled:6.1%}  {tt * 1000:9.0f} ms  {nc:>9} calls  {where}\n")
    return out.getvalue()


def _roots(data: list[Path]) -> Any:
    from herzlich_tui.loading import data_roots

    # Without the user layer: its (temporary) folder would change the cache file's name at every run.
    return data_roots(data, user=False)


CACHE = HERE / "out" / "profile-cache"


def _load(data: list[Path]) -> tuple[Any, Any]:
    """The dataset and index to compute views over: through a cache of our own (benchmarks/out/), so that
    profiling search at 100k does not wait for a cold load each time."""
    sys.path.insert(0, str(HERE))
    from probes import load_warm

    result, index, _ = load_warm(_roots(data), CACHE)
    return result.dataset, index


def _engine(dataset: Any, index: Any) -> Any:
    sys.path.insert(0, str(HERE))
    from probes import engine

    _, compute, facet_options = engine(dataset, index)

    def both(state: Any) -> None:
        compute(state)
        if facet_options is not None:
            facet_options(state)

    return both


def profile_call(func: Any, top: int) -> str:
    t = time.perf_counter()
    func()
    plain = time.perf_counter() - t
    profile = cProfile.Profile()
    profile.enable()
    func()
    profile.disable()
    return report(profile, plain, top)


def target_cold(data: list[Path], top: int) -> str:
    sys.path.insert(0, str(HERE))
    from probes import load_cold

    roots = _roots(data)
    t = time.perf_counter()
    load_cold(roots)
    plain = time.perf_counter() - t
    profile = cProfile.Profile()
    profile.enable()
    load_cold(roots)
    profile.disable()
    return report(profile, plain, top)


def target_warm(data: list[Path], top: int) -> str:
    sys.path.insert(0, str(HERE))
    from probes import load_warm

    from herzlich_tui import paths

    roots = _roots(data)
    load_warm(roots, paths.cache_dir())  # fill
    return profile_call(lambda: load_warm(roots, paths.cache_dir()), top)


def _compute_states(states: list[Any], data: list[Path], top: int) -> str:
    """What the app does per state: the view's list and the facet counts, on one engine kept warm."""
    from herzlich_tui.browse.state import ViewState

    dataset, index = _load(data)
    compute = _engine(dataset, index)
    compute(ViewState())  # the first view, as the app shows it before any keystroke

    def run() -> None:
        for state in states:
            compute(state)

    return profile_call(run, top)


def target_search(data: list[Path], top: int, word: str) -> str:
    from herzlich_tui.browse.state import ViewState

    return _compute_states([ViewState(view="timeline", query=word[:i]) for i in range(1, len(word) + 1)], data, top)


def target_filter(data: list[Path], top: int) -> str:
    from herzlich_tui.browse.state import ViewState

    states = [
        ViewState(year=2020),
        ViewState(programme="prog-smarte-region"),
        ViewState(year=2020, programme="prog-smarte-region"),
        ViewState(),
    ] * 3
    return _compute_states(states, data, top)


def target_views(data: list[Path], top: int) -> str:
    from herzlich_tui.browse.spec import VIEW_NAMES as VIEWS
    from herzlich_tui.browse.state import ViewState

    return _compute_states([ViewState(view=v) for v in VIEWS], data, top)


def _rss_now_mb(field: str = "VmRSS") -> float:
    """Resident memory now (VmRSS) or at its peak in this process image (VmHWM), in MB."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1]) / 1024
    return float("nan")


def _trace_report(out: io.StringIO, top: int) -> str:
    import tracemalloc

    snapshot = tracemalloc.take_snapshot()
    current, _ = tracemalloc.get_traced_memory()
    out.write(f"\npython heap traced: {current / 1e6:.0f} MB, by the innermost herzlich_tui line that allocated it:\n")
    by_line: collections.Counter[str] = collections.Counter()
    for stat in snapshot.statistics("traceback"):
        frames = [f for f in stat.traceback if "herzlich_tui" in f.filename]  # oldest first
        key = f"{_short(frames[-1].filename)}:{frames[-1].lineno}" if frames else _short(stat.traceback[-1].filename)
        by_line[key] += stat.size
    for key, size in by_line.most_common(top):
        out.write(f"  {size / current:6.1%}  {size / 1e6:7.1f} MB  {key}\n")
    return out.getvalue()


def target_memory(data: list[Path], top: int, trace: bool) -> str:
    """Resident memory after each phase of a cold start that writes the cache, then of a warm start from
    it (in a second process); with --trace, tracemalloc's attribution of the Python heap by source line."""
    import gc

    out = io.StringIO()

    def phase(name: str) -> None:
        gc.collect()
        peak = _rss_now_mb("VmHWM")
        out.write(f"  {name:<44} RSS now {_rss_now_mb():7.0f} MB   peak so far {peak:7.0f} MB\n")

    if trace:
        import tracemalloc

        tracemalloc.start(8)
    from herzlich_tui import cache

    sys.path.insert(0, str(HERE))
    from probes import engine

    from herzlich_tui.browse.state import ViewState

    cache_dir = Path(tempfile.mkdtemp())
    out.write("cold start (cache.load_indexed on an empty cache, as the app starts), in this process:\n")
    phase("imports")
    loaded = cache.load_indexed(
        _roots(data), cache_dir, lambda result: phase("data loaded (records, dataset, facets): shown")
    )
    phase("search index built (FTS5 in its file) and cache written")
    _, compute, facet_options = engine(loaded.result.dataset, loaded.index)
    compute(ViewState())
    phase("timeline computed (rows kept by Views)")
    if facet_options is not None:
        facet_options(ViewState())
        phase("facet options")
    if trace:
        return _trace_report(out, top)
    del loaded
    gc.collect()
    # A warm start through the cache, in a fresh process (the cache's own format is its business: only the
    # memory before and after its load is looked at).
    script = f"""
import gc, sys
sys.path.insert(0, {str(HERE)!r})
from pathlib import Path
from profile_targets import _rss_now_mb, _roots
def phase(name):
    gc.collect()
    print(f"  {{name:<44}} RSS now {{_rss_now_mb():7.0f}} MB   peak so far {{_rss_now_mb('VmHWM'):7.0f}} MB")
from herzlich_tui import cache
from probes import engine
from herzlich_tui.browse.state import ViewState
phase("imports")
loaded = cache.load_indexed(_roots([Path(p) for p in sys.argv[2:]]), Path(sys.argv[1]))
phase(f"cache.load_indexed (from cache: {{loaded.from_cache}})")
_, compute, facet_options = engine(loaded.result.dataset, loaded.index)
compute(ViewState())
phase("timeline computed")
"""
    size = sum(p.stat().st_size for p in cache_dir.iterdir() if p.is_file())
    out.write(f"\nwarm start from the cache ({size / 1e6:.0f} MB of cache files), in a fresh process:\n")
    proc = subprocess.run(
        [sys.executable, "-c", script, str(cache_dir), *map(str, data)], capture_output=True, text=True
    )
    out.write(proc.stdout + proc.stderr[-2000:])
    return out.getvalue()


def spy(probe: str, args: dict[str, Any], top: int, py_spy: str) -> str:
    """Run one probe of probes.py under py-spy (every thread, 250 Hz); aggregate by function."""
    raw = Path(tempfile.mkdtemp()) / "spy.txt"
    env = {**os.environ, "BENCH_T0": repr(time.time())}
    command = [sys.executable, str(HERE / "probes.py"), probe, json.dumps(args)]
    proc = subprocess.run(
        [py_spy, "record", "--rate", "250", "--format", "raw", "--threads", "--output", str(raw), "--", *command],
        capture_output=True,
        text=True,
        env=env,
    )
    if not raw.exists():
        return f"py-spy failed: {proc.stderr[-2000:]}"
    said = [line for line in proc.stdout.splitlines() if line.startswith("{")]
    inclusive: collections.Counter[str] = collections.Counter()
    own: collections.Counter[str] = collections.Counter()
    threads: collections.Counter[str] = collections.Counter()
    total = 0
    for line in raw.read_text().splitlines():
        stack, _, count_text = line.rpartition(" ")
        if not stack:
            continue
        count = int(count_text)
        frames = [re.sub(r":\d+\)$", ")", f) for f in stack.split(";")]
        total += count
        threads[frames[0]] += count
        for frame in set(frames[1:]):
            inclusive[_short(frame)] += count
        own[_short(frames[-1])] += count
    out = io.StringIO()
    out.write(f"probe said: {said[-1][:1500] if said else proc.stdout[-500:]}\n")
    out.write(f"{total} samples (every thread; idle waits included)\n\nby thread:\n")
    for name, count in threads.most_common(8):
        out.write(f"  {count / total:6.1%}  {name}\n")
    out.write("\nby inclusive samples:\n")
    for name, count in inclusive.most_common(top):
        out.write(f"  {count / total:6.1%}  {name}\n")
    out.write("\nby own samples:\n")
    for name, count in own.most_common(top):
        out.write(f"  {count / total:6.1%}  {name}\n")
    return out.getvalue()


def target_paint(data: list[Path], top: int, py_spy: str, cold: bool, later: bool = False) -> str:
    """The app headless until its first view is painted, with a warm cache (filled first) or an empty one;
    `later`: on a later start, after one that ended with q (so the kept first screen is there too)."""
    args = {"extra": [str(p) for p in data], "app": "herzlich"}
    runs = [] if cold else [{**args, "fill": True}] + ([args] if later else [])
    for run in runs:
        subprocess.run(
            [sys.executable, str(HERE / "probes.py"), "paint", json.dumps(run)], check=True, capture_output=True
        )
    return spy("paint", args, top, py_spy)


def target_spy_load(data: list[Path], top: int, py_spy: str, mode: str) -> str:
    """The core probe (load, index, timeline) under py-spy: less overhead than cProfile on the TOML parser."""
    args = {"extra": [str(p) for p in data], "mode": mode}
    if mode == "warm":
        subprocess.run(
            [sys.executable, str(HERE / "probes.py"), "core", json.dumps({**args, "mode": "cold-fill"})],
            check=True,
            capture_output=True,
        )
    return spy("core", args, top, py_spy)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "target", choices=("cold", "warm", "search", "filter", "views", "paint", "memory", "spy-cold", "spy-warm")
    )
    parser.add_argument("--data", type=Path, action="append", default=[])
    parser.add_argument("--top", type=int, default=30)
    parser.add_argument("--word", default="digital", help="for search (default: digital)")
    parser.add_argument("--py-spy", default="py-spy", help="py-spy executable, for paint")
    parser.add_argument("--cold", action="store_true", help="paint with an empty cache")
    parser.add_argument("--later", action="store_true", help="paint: on a later warm start (see target_paint)")
    parser.add_argument("--trace", action="store_true", help="memory: attribute the Python heap with tracemalloc")
    args = parser.parse_args()
    # Bytecode as benchmarks/run.py has it (see Bench there).
    os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
    os.environ.setdefault("PYTHONPYCACHEPREFIX", str(HERE / "out" / "pycache"))
    with tempfile.TemporaryDirectory(prefix="herzlich-profile-") as tmp:
        _xdg(Path(tmp))
        if args.target == "cold":
            text = target_cold(args.data, args.top)
        elif args.target == "warm":
            text = target_warm(args.data, args.top)
        elif args.target == "search":
            text = target_search(args.data, args.top, args.word)
        elif args.target == "filter":
            text = target_filter(args.data, args.top)
        elif args.target == "views":
            text = target_views(args.data, args.top)
        elif args.target == "memory":
            text = target_memory(args.data, args.top, args.trace)
        elif args.target == "paint":
            text = target_paint(args.data, args.top, args.py_spy, args.cold, args.later)
        else:
            text = target_spy_load(args.data, args.top, args.py_spy, args.target.split("-")[1])
    print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
