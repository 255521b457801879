"""The measurements that run inside a fresh process; benchmarks/run.py starts one process per sample.

    python benchmarks/probes.py PROBE JSON_ARGS

Each probe prints one JSON object as its last line of stdout. Times are in milliseconds. A probe that
measures from process start reads BENCH_T0, the wall-clock time (time.time()) the parent took just before
starting the process, so that interpreter start-up and imports are part of the figure.

Probes:
    import   import the given modules; time each (and report whether textual came along)
    core     load (cold: no cache; cold-fill: cold, then write the cache; warm: through the cache), index,
             compute the timeline, then time search keystrokes, filter changes and view switches the way the
             app computes them (ui.views.Views, or ui.state.compute); peak RSS after the timeline
    paint    start the app (or the bare Textual app) headless with run_test and time until the first view
             is drawn: the main screen's RecordList has rows and one more refresh has been painted

The loading functions are found by what the installed herzlich_tui offers (see `_loaders`): the cache API
is changing, so the probe reports which path it measured.
"""

from __future__ import annotations

import time

_STARTED = time.perf_counter()

import importlib  # noqa: E402
import inspect  # noqa: E402
import json  # noqa: E402
import os  # noqa: E402
import resource  # noqa: E402
import statistics  # noqa: E402
import sys  # noqa: E402
from pathlib import Path  # noqa: E402
from typing import Any  # noqa: E402


def _since_start_ms() -> float | None:
    t0 = os.environ.get("BENCH_T0")
    return (time.time() - float(t0)) * 1000 if t0 else None


def _rss_mb() -> float:
    """Peak resident memory of this process image. VmHWM rather than ru_maxrss, which a child starts with
    its parent's size at fork."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux: KiB


def _emit(out: dict[str, Any]) -> None:
    sys.stdout.write(json.dumps(out) + "\n")
    sys.stdout.flush()
    # Skip tearing down a hundred thousand objects (and a running app): the figures are taken.
    os._exit(0)


def _roots(args: dict[str, Any]) -> list[tuple[Path, str]]:
    from herzlich_tui.loading import data_roots

    # The user layer is included, as the command line includes it, so that the app started by ttfp and
    # these probes share one cache file; XDG_DATA_HOME points at an empty temporary folder.
    return data_roots([Path(p) for p in args.get("extra", [])], user=True)


def _speak() -> None:
    """Choose the interface's language as the command line does (code without languages: nothing)."""
    try:
        from herzlich_tui.i18n import choose_language, set_language
        from herzlich_tui.settings import saved_language
    except ImportError:
        return
    set_language(choose_language("", saved_language(), os.environ))


# --- import --------------------------------------------------------------------------------------------
def probe_import(args: dict[str, Any]) -> None:
    times = {}
    for name in args["modules"]:
        t = time.perf_counter()
        importlib.import_module(name)
        times[name] = (time.perf_counter() - t) * 1000
    _emit(
        {
            "ms": sum(times.values()),
            "each_ms": times,
            "textual_loaded": "textual" in sys.modules,
            "since_start_ms": _since_start_ms(),
            "rss_mb": _rss_mb(),
        }
    )


# --- loading paths -------------------------------------------------------------------------------------
def _accepts(func: Any, name: str) -> bool:
    try:
        return name in inspect.signature(func).parameters
    except (TypeError, ValueError):
        return False


def load_cold(roots: list[tuple[Path, str]]) -> tuple[Any, Any, dict[str, Any]]:
    """Parse + check (`load` without a cache), then build the search index."""
    from herzlich_tui.loading import load
    from herzlich_tui.search import SearchIndex

    t = time.perf_counter()
    result = load(roots, cache_dir=None) if _accepts(load, "cache_dir") else load(roots)
    t_load = time.perf_counter()
    index = SearchIndex(result.dataset)
    t_index = time.perf_counter()
    return (
        result,
        index,
        {
            "path": "loading.load(cache_dir=None) + SearchIndex"
            if _accepts(load, "cache_dir")
            else "loading.load + SearchIndex",
            "load_ms": (t_load - t) * 1000,
            "index_ms": (t_index - t_load) * 1000,
            "total_ms": (t_index - t) * 1000,
            "from_cache": False,
        },
    )


def load_cold_filling(roots: list[tuple[Path, str]], cache_dir: Path) -> tuple[Any, Any, dict[str, Any]]:
    """A cold load that also fills the cache, so that a slow data set is loaded cold only once per run.

    Runs cache.load_indexed on an empty cache folder with `load` and `SearchIndex`, as the cache module
    calls them, wrapped in timers: the figures are those of load_cold, and the cache write is reported
    apart. Falls back to load_cold (and fills nothing) when the cache module is not built that way."""
    try:
        cache = importlib.import_module("herzlich_tui.cache")
    except ImportError:
        cache = None
    if cache is None or not hasattr(cache, "load_indexed"):
        result, index, info = load_cold(roots)
        return result, index, {**info, "filled": False}
    # The cache module calls `load` and `SearchIndex` by these names: its own (older code), or those of the
    # modules it imports them from when it needs them (newer code); the timers go in both places.
    loader = importlib.import_module("herzlich_tui.loading.loader")
    search = importlib.import_module("herzlich_tui.search")
    timers: dict[str, float] = {}
    real_load, real_index = loader.load, search.SearchIndex

    def timed_load(*a: Any, **k: Any) -> Any:
        t = time.perf_counter()
        try:
            return real_load(*a, **k)
        finally:
            timers["load_ms"] = timers.get("load_ms", 0.0) + (time.perf_counter() - t) * 1000

    def timed_index(*a: Any, **k: Any) -> Any:
        t = time.perf_counter()
        try:
            return real_index(*a, **k)
        finally:
            timers["index_ms"] = timers.get("index_ms", 0.0) + (time.perf_counter() - t) * 1000

    places = [m for m in (cache, loader, search) if hasattr(m, "load") or hasattr(m, "SearchIndex")]
    saved = [(m, getattr(m, "load", None), getattr(m, "SearchIndex", None)) for m in places]
    for module in places:
        for name, timed in (("load", timed_load), ("SearchIndex", timed_index)):
            if hasattr(module, name):
                setattr(module, name, timed)
    try:
        t = time.perf_counter()
        loaded = cache.load_indexed(roots, cache_dir)
        total = (time.perf_counter() - t) * 1000
    finally:
        for module, load, index in saved:
            for name, real in (("load", load), ("SearchIndex", index)):
                if real is not None:
                    setattr(module, name, real)
    if "load_ms" not in timers or "index_ms" not in timers or getattr(loaded, "from_cache", False):
        # Not the expected path: report the whole call, cache write included.
        return (
            loaded.result,
            loaded.index,
            {
                "path": "cache.load_indexed on an empty cache (whole call, cache write included)",
                "load_ms": None,
                "index_ms": None,
                "total_ms": total,
                "from_cache": getattr(loaded, "from_cache", None),
                "filled": True,
            },
        )
    return (
        loaded.result,
        loaded.index,
        {
            "path": "loading.load + SearchIndex (timed inside cache.load_indexed, which then wrote the cache)",
            "load_ms": timers["load_ms"],
            "index_ms": timers["index_ms"],
            "total_ms": timers["load_ms"] + timers["index_ms"],
            "cache_write_ms": total - timers["load_ms"] - timers["index_ms"],
            "from_cache": False,
            "filled": True,
        },
    )


def load_warm(roots: list[tuple[Path, str]], cache_dir: Path) -> tuple[Any, Any, dict[str, Any]]:
    """Load through the cache, preferring what the app uses; fall back to the contract, then to no cache."""
    from herzlich_tui.loading import load
    from herzlich_tui.search import SearchIndex

    try:
        cache = importlib.import_module("herzlich_tui.cache")
    except ImportError:
        cache = None
    t = time.perf_counter()
    if cache is not None and hasattr(cache, "load_indexed"):
        loaded = cache.load_indexed(roots, cache_dir)
        t_load = time.perf_counter()
        return (
            loaded.result,
            loaded.index,
            {
                "path": "cache.load_indexed (dataset and index from the cache)",
                "load_ms": (t_load - t) * 1000,
                "index_ms": 0.0,
                "total_ms": (t_load - t) * 1000,
                "from_cache": bool(getattr(loaded, "from_cache", None)),
            },
        )
    if _accepts(load, "cache_dir"):
        result = load(roots, cache_dir=cache_dir)
        t_load = time.perf_counter()
        index = getattr(result, "index", None) or getattr(result, "search_index", None)
        path = "loading.load(cache_dir) with its ready index"
        if index is None:
            index = SearchIndex(result.dataset)
            path = "loading.load(cache_dir) + SearchIndex"
        t_index = time.perf_counter()
        return (
            result,
            index,
            {
                "path": path,
                "load_ms": (t_load - t) * 1000,
                "index_ms": (t_index - t_load) * 1000,
                "total_ms": (t_index - t) * 1000,
                "from_cache": getattr(result, "from_cache", None),
            },
        )
    result, index, info = load_cold(roots)
    info["path"] = "no cache API: " + info["path"]
    return result, index, info


# --- core ----------------------------------------------------------------------------------------------
def _pct(samples: list[float], q: float) -> float:
    ordered = sorted(samples)
    if not ordered:
        return float("nan")
    k = (len(ordered) - 1) * q
    low, high = int(k), min(int(k) + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (k - low)


def _summary(samples: list[float]) -> dict[str, Any]:
    return {
        "median_ms": statistics.median(samples) if samples else None,
        "p95_ms": _pct(samples, 0.95) if samples else None,
        "max_ms": max(samples, default=None),
        "n": len(samples),
    }


def _timed_rounds(
    states: list[Any], run: Any, budget_s: float, min_rounds: int = 1, max_rounds: int = 20
) -> tuple[list[float], dict[int, list[float]]]:
    """Run every state once per round, for at least min_rounds and while the budget lasts."""
    samples: list[float] = []
    per_state: dict[int, list[float]] = {i: [] for i in range(len(states))}
    deadline = time.perf_counter() + budget_s
    rounds = 0
    while rounds < min_rounds or (rounds < max_rounds and time.perf_counter() < deadline):
        for i, state in enumerate(states):
            t = time.perf_counter()
            run(state)
            ms = (time.perf_counter() - t) * 1000
            samples.append(ms)
            per_state[i].append(ms)
        rounds += 1
    return samples, per_state


def _freeze_as_the_app_does(dataset: Any) -> None:
    """The app moves big data out of the cycle collector's walks once it is loaded (bulk.freeze_loaded):
    searches and filters measured here would otherwise include collections that walk millions of objects,
    which the app never makes. (Older checkouts froze in the app itself, from 20,000 records on.)"""
    from herzlich_tui import bulk

    freeze = getattr(bulk, "freeze_loaded", None)
    if freeze is not None:
        freeze(len(dataset))
    elif len(dataset) >= 20_000:
        import gc

        gc.freeze()


def engine(dataset: Any, index: Any) -> tuple[str, Any, Any]:
    """How the app computes a view: a persistent Views engine when there is one, else state.compute.
    Returns (path, compute(state), facet_options(state) or None). (The engine is browse.engine; older
    checkouts, measured too, had it in ui.views, and before that in ui.state.)"""
    try:
        from herzlich_tui.browse import engine as st
    except ImportError:
        try:
            from herzlich_tui.ui import views as st  # type: ignore[no-redef]
        except ImportError:
            from herzlich_tui.ui import state as st  # type: ignore[no-redef]

    if hasattr(st, "Views"):
        views = st.Views(dataset, index)
        return (
            f"{st.__name__.removeprefix('herzlich_tui.')}.Views(...).compute (one engine kept, as the app does)",
            views.compute,
            getattr(views, "facet_options", None),
        )
    return "ui.state.compute", lambda state: st.compute(dataset, index, state), None


def probe_core(args: dict[str, Any]) -> None:
    t_imports = time.perf_counter()
    import herzlich_tui.loading
    import herzlich_tui.search  # noqa: F401
    from herzlich_tui import paths

    try:
        from herzlich_tui.browse.spec import VIEW_NAMES as VIEWS
        from herzlich_tui.browse.state import ViewState
    except ImportError:  # (an older checkout)
        from herzlich_tui.ui.state import VIEWS, ViewState  # type: ignore[no-redef]

    out: dict[str, Any] = {"import_ms": (time.perf_counter() - t_imports) * 1000}
    roots = _roots(args)
    if args["mode"] == "cold":
        result, index, info = load_cold(roots)
    elif args["mode"] == "cold-fill":
        result, index, info = load_cold_filling(roots, paths.cache_dir())
    else:
        result, index, info = load_warm(roots, paths.cache_dir())
    dataset = result.dataset
    _freeze_as_the_app_does(dataset)
    out.update(info)
    out["problems"] = len(result.problems)
    out["problem_examples"] = [str(p) for p in result.problems[:3]]
    out["records"] = len(dataset)
    out["events"] = len(dataset.events)
    out["files"] = len(getattr(result, "files", []))
    path, compute, facet_options = engine(dataset, index)
    out["compute_path"] = path + (" + facet_options" if facet_options else " (facet counts included)")
    t = time.perf_counter()
    timeline = compute(ViewState(view="timeline"))
    out["timeline_ms"] = (time.perf_counter() - t) * 1000
    if facet_options is not None:
        t = time.perf_counter()
        facet_options(ViewState(view="timeline"))
        out["timeline_facets_ms"] = (time.perf_counter() - t) * 1000
    out["timeline_rows"] = len(timeline.rows)
    out["rss_mb"] = _rss_mb()  # load + index + the timeline: what the app holds at first paint
    out["since_start_ms"] = _since_start_ms()
    if not args.get("latencies"):
        _emit(out)

    budget = float(args.get("budget_s", 10))
    years = list(dataset.years)
    year = args.get("year") if args.get("year") in years else (years[len(years) // 2] if years else None)
    programmes = [p.id for p in dataset.programmes]
    programme = (
        args.get("programme") if args.get("programme") in programmes else (programmes[0] if programmes else None)
    )
    out["filter_year"], out["filter_programme"] = year, programme

    def run(state: Any) -> None:
        compute(state)

    def run_full(state: Any) -> None:
        compute(state)
        if facet_options is not None:
            facet_options(state)

    def measure(states: list[Any], share: float, names: list[str]) -> dict[str, Any]:
        samples, per = _timed_rounds(states, run, budget * share)
        full, per_full = _timed_rounds(states, run_full, budget * share / 2) if facet_options else (samples, per)
        return {
            **_summary(samples),
            "with_facets": _summary(full),
            "per_state_median_ms": {n: statistics.median(per[i]) for i, n in enumerate(names)},
            "per_state_with_facets_median_ms": {n: statistics.median(per_full[i]) for i, n in enumerate(names)},
        }

    # Search: the prefixes of each word, as typed letter by letter.
    words = args.get("words", [])
    search: dict[str, Any] = {}
    for word in words:
        prefixes = [word[:i] for i in range(1, len(word) + 1)]
        search[word] = measure([ViewState(view="timeline", query=p) for p in prefixes], 0.25, prefixes)
        search[word]["hits_last"] = len(compute(ViewState(view="timeline", query=word)).records)
    out["search"] = search

    # Filters: set a year, set a programme, both, clear.
    states = [
        ViewState(view="timeline", year=year),
        ViewState(view="timeline", programme=programme),
        ViewState(view="timeline", year=year, programme=programme),
        ViewState(view="timeline"),
    ]
    out["filter"] = measure(states, 0.25, ["year", "programme", "year+programme", "cleared"])

    # View switches: each view, from the timeline on (the first switch to a view may build what it keeps).
    views: dict[str, Any] = {}
    for v in VIEWS:
        t = time.perf_counter()
        compute(ViewState(view=v))
        first = (time.perf_counter() - t) * 1000
        views[v] = {"first_ms": first}
    _, per = _timed_rounds([ViewState(view=v) for v in VIEWS], run, budget * 0.25)
    for i, v in enumerate(VIEWS):
        views[v].update(_summary(per[i]))
    out["views"] = views
    out["rss_after_latencies_mb"] = _rss_mb()
    _emit(out)


# --- paint ---------------------------------------------------------------------------------------------
BARE_TEXT = "herzlich-bench: bare Textual app ready"


def probe_paint(args: dict[str, Any]) -> None:
    import asyncio

    t_import = time.perf_counter()
    from textual.app import App, ComposeResult
    from textual.css.query import NoMatches
    from textual.widgets import Static

    out: dict[str, Any] = {}
    if args["app"] == "bare":

        class Bare(App[None]):
            def compose(self) -> ComposeResult:
                yield Static(BARE_TEXT)

        out["import_ms"] = (time.perf_counter() - t_import) * 1000
        t_construct = time.perf_counter()
        app: Any = Bare()

        def ready() -> bool:
            try:
                return app.screen.query_one(Static) is not None
            except NoMatches:
                return False
    else:
        _speak()  # (as the command line does before it starts the app)
        from herzlich_tui.ui.app import HerzlichApp
        from herzlich_tui.ui.widgets.record_list import RecordList

        out["import_ms"] = (time.perf_counter() - t_import) * 1000
        roots = _roots(args)
        t_construct = time.perf_counter()
        app = HerzlichApp(roots=roots, view="timeline")

        def ready() -> bool:
            try:
                return bool(app.screen.query_one(RecordList).rows)
            except NoMatches:
                return False

    # When is the first view drawn? Every compositor refresh ends in App._display (headless too: only the
    # writing to the terminal is skipped), so each call is recorded with whether the view was ready when it
    # was rendered: a refresh rendered after the rows were set shows them. (pilot.pause() would instead wait
    # until the whole process is idle, which includes a loader still working in a thread.)
    paints: list[tuple[float, float, bool]] = []  # perf_counter, time.time, ready when rendered
    original_display = getattr(app, "_display", None)

    def display(screen: Any, renderable: Any) -> None:
        original_display(screen, renderable)  # type: ignore[misc]
        if renderable is not None:
            paints.append((time.perf_counter(), time.time(), ready()))

    if original_display is not None:
        app._display = display

    async def painted_after(t: float, *, need_ready: bool, pilot: Any) -> tuple[float, float, str]:
        """The first refresh after perf_counter time t (showing the view, if need_ready)."""
        deadline = time.perf_counter() + 5
        while original_display is not None and time.perf_counter() < deadline:
            for at, wall, was_ready in paints:
                if at >= t and (was_ready or not need_ready):
                    return at, wall, "App._display"
            await asyncio.sleep(0.001)
        await pilot.pause()
        return time.perf_counter(), time.time(), "pilot.pause"

    def since_start(wall: float) -> float | None:
        t0 = os.environ.get("BENCH_T0")
        return (wall - float(t0)) * 1000 if t0 else None

    async def main() -> None:
        async with app.run_test(size=(120, 40)) as pilot:
            # Phases, from constructing the app: the first screen is up (run_test hands over), the view is
            # ready (the list has rows), a refresh rendered after that is painted.
            out["screen_up_ms"] = (time.perf_counter() - t_construct) * 1000
            while not ready():
                await asyncio.sleep(0.001)
            t_ready = time.perf_counter()
            out["rows_ms"] = (t_ready - t_construct) * 1000
            at, wall, how = await painted_after(t_construct, need_ready=True, pilot=pilot)
            out["paint_detected_by"] = how
            if paints:  # the first refresh of anything (for the app: its screen before the list has rows)
                out["first_refresh_ms"] = (paints[0][0] - t_construct) * 1000
                out["refreshes_before_view"] = sum(1 for p in paints if p[0] < at)
            out["from_construct_ms"] = (at - t_construct) * 1000
            out["since_start_ms"] = since_start(wall)
            out["rss_mb"] = _rss_mb()
            if args["app"] != "bare":
                out["subtitle"] = getattr(app.screen, "sub_title", "") or getattr(app, "sub_title", "")
                out["rows"] = len(app.screen.query_one(RecordList).rows)
                if args.get("until_data"):
                    # The first view may be a list kept from the last run (shown while the data loads): wait
                    # until the data is loaded and the list is live, and for the refresh after that.
                    from herzlich_tui import strings as S

                    loading = getattr(S, "LOADING", "\0")
                    while getattr(app, "dataset", None) is None or loading in (
                        getattr(app.screen, "sub_title", "") or ""
                    ):
                        await asyncio.sleep(0.002)
                    at, wall, _ = await painted_after(time.perf_counter(), need_ready=True, pilot=pilot)
                    out["data_ms"] = (at - t_construct) * 1000
                    out["data_since_start_ms"] = since_start(wall)
                    out["data_rss_mb"] = _rss_mb()
            if args.get("fill"):
                # Fill what a later start reads: let the loader finish, then quit with q as a user would
                # (the app may keep things for the next start when it quits).
                await app.workers.wait_for_complete()
                # On a first start, the loader has now also built the search index and written the cache:
                # the peak memory of the whole first start, as a user's app reaches it.
                out["work_done_ms"] = (time.perf_counter() - t_construct) * 1000
                out["work_done_rss_mb"] = _rss_mb()
                await pilot.pause(0.2)
                await pilot.press("q")
                await pilot.pause(0.2)
            else:
                _emit(out)
        _emit(out)

    asyncio.run(main())


# --- tomllib alone ------------------------------------------------------------------------------------
def probe_parse(args: dict[str, Any]) -> None:
    """Reading every data file and parsing it with tomllib, nothing else: the issue's floor for a cold load
    (its target of 2.5 s was set against tomllib's 2.0 s on its reference data)."""
    import tomllib

    from herzlich_tui.loading.files import discover

    files, _ = discover(_roots(args))
    t = time.perf_counter()
    size = 0
    for path, _layer in files:
        data = Path(path).read_bytes()
        size += len(data)
        tomllib.loads(data.decode("utf-8"))
    _emit({"ms": (time.perf_counter() - t) * 1000, "bytes": size, "files": len(files)})


PROBES = {"import": probe_import, "core": probe_core, "paint": probe_paint, "parse": probe_parse}

if __name__ == "__main__":
    PROBES[sys.argv[1]](json.loads(sys.argv[2]) if len(sys.argv) > 2 else {})
