"""Benchmarks of herzlich-tui: start-up, loading, first paint, search, filters, views and memory.

    python benchmarks/run.py [--sizes 1000,10000,100000] [--out benchmarks/out/results.json] [--repeat N]
                             [--quick] [--no-ttfp] [--seed S]

Prints a table (rows: measurements; columns: the bare Textual floor, the shipped data, each generated
size) followed by PASS/FAIL per target, and writes everything as JSON. Generated data is kept in
benchmarks/out/data/ (gitignored) and written anew only when missing or made by another generate.py.
See benchmarks/README.md for what each figure means.

Every sample runs in a fresh process (benchmarks/probes.py) with the XDG folders pointed at a temporary
folder, so neither the user's data, settings and state nor their cache take part. Slow measurements are
repeated up to --repeat times but stop early once they have used their time budget: `n` in the JSON says
how many samples each median rests on.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
PROBES = HERE / "probes.py"
BARE_APP = HERE / "bare_app.py"
TTFP = Path("/work/shared/tools/ttfp")
DEFAULT_OUT = HERE / "out" / "results.json"
DATA_ROOT = HERE / "out" / "data"

sys.path.insert(0, str(HERE))
import generate  # noqa: E402

BARE_TEXT = "herzlich-bench: bare Textual app ready"  # as in bare_app.py and probes.py
COMMON_WORD = "digital"  # prefixes of it match a large share of the generated records
RARE_WORD = "grubentalchen"  # "Grübentälchen" typed without umlauts: one event in generated data
FILTER_YEAR = 2020
VIEWS = ("timeline", "projects", "people", "networks", "overview")

SIZE_FOR_TARGETS = "100k"
# 100,000 events in the shape the reference figures were taken on (13.5 MB of TOML there; see
# generate.py, profile "reference"): measured cold only, beside the full profile's 100k.
REFERENCE_LABEL = "100k ref"
SHIPPED_GERMAN = "shipped-de"  # the shipped data again, the app speaking German


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def size_label(n: int) -> str:
    if n >= 1000 and n % 1000 == 0:
        return f"{n // 1000}k"
    return str(n)


def median(values: list[float]) -> float | None:
    values = [v for v in values if v is not None]
    return statistics.median(values) if values else None


# --- processes -----------------------------------------------------------------------------------------
class Bench:
    """Runs probes and ttfp with the settings of this run."""

    def __init__(self, args: argparse.Namespace, tmp: Path) -> None:
        self.args = args
        self.tmp = tmp
        self.python = args.python
        self.counter = 0
        self.language = "en"  # the language the app speaks in the measurements (see bench_data)
        script = Path(self.python).parent / "herzlich-tui"
        self.app_cmd = [str(script)] if script.exists() else [self.python, "-m", "herzlich_tui"]
        # Bytecode as an installed app has it: pip compiles every module when it installs a package, but an
        # editable checkout run with PYTHONDONTWRITEBYTECODE=1 (as here) would compile herzlich_tui from
        # source at every start while textual's bytecode is cached. All bytecode goes to one folder of our
        # own (PYTHONPYCACHEPREFIX), compiled before measuring, so the checkout is not written to.
        self.env = {k: v for k, v in os.environ.items() if not k.startswith("XDG_") and k != "BENCH_T0"}
        self.unset: list[str] = []
        if args.bytecode:
            self.env.pop("PYTHONDONTWRITEBYTECODE", None)
            self.unset = ["PYTHONDONTWRITEBYTECODE"]
            self.env["PYTHONPYCACHEPREFIX"] = str(HERE / "out" / "pycache")

    def compile_bytecode(self) -> None:
        if not self.args.bytecode:
            return
        t = time.perf_counter()
        where = subprocess.run(
            [
                self.python,
                "-c",
                "import herzlich_tui, textual, rich, platformdirs, tomli_w, os; "
                "print('\\n'.join(os.path.dirname(m.__file__) "
                "for m in (herzlich_tui, textual, rich, platformdirs, tomli_w)))",
            ],
            env=self.env,
            capture_output=True,
            text=True,
            check=True,
        ).stdout.split()
        subprocess.run([self.python, "-m", "compileall", "-q", "-j", "0", *where], env=self.env, capture_output=True)
        # The standard library modules a start needs: compiled by starting once (bare app and the app).
        warm_up = self.xdg("bytecode-warm-up")
        self.probe("paint", {"app": "bare"}, warm_up)
        self.probe("paint", {"app": "herzlich", "extra": []}, warm_up)
        self.probe(
            "core", {"extra": [], "mode": "cold-fill", "latencies": True, "words": ["a"], "budget_s": 0.1}, warm_up
        )
        log(f"bytecode compiled into {self.env['PYTHONPYCACHEPREFIX']} in {time.perf_counter() - t:.1f} s")

    def xdg(self, name: str) -> dict[str, str]:
        """XDG variables of a folder of its own below the run's temporary folder."""
        base = self.tmp / name
        return {
            "XDG_DATA_HOME": str(base / "data"),
            "XDG_CONFIG_HOME": str(base / "config"),
            "XDG_STATE_HOME": str(base / "state"),
            "XDG_CACHE_HOME": str(base / "cache"),
            "LANGUAGE": self.language,
        }

    def fresh_xdg(self, name: str) -> dict[str, str]:
        self.counter += 1
        return self.xdg(f"{name}-fresh-{self.counter}")

    def probe(self, probe: str, args: dict[str, Any], xdg: dict[str, str], timeout: float = 1800) -> dict[str, Any]:
        env = dict(self.env)
        env.update(xdg)
        env["BENCH_T0"] = repr(time.time())
        proc = subprocess.run(
            [self.python, str(PROBES), probe, json.dumps(args)],
            env=env,
            capture_output=True,
            text=True,
            timeout=timeout,
            cwd=self.tmp,
        )
        lines = [line for line in proc.stdout.splitlines() if line.startswith("{")]
        if proc.returncode != 0 or not lines:
            raise RuntimeError(f"probe {probe} {args} failed ({proc.returncode}):\n{proc.stderr[-3000:]}")
        return json.loads(lines[-1])

    def ttfp(
        self, expect: str, command: list[str], xdg: dict[str, str], runs: int, warmup: int = 0, timeout: float = 60
    ) -> dict[str, Any]:
        env_pairs = [x for name in self.unset for x in ("-u", name)] + [f"{k}={v}" for k, v in xdg.items()]
        if "PYTHONPYCACHEPREFIX" in self.env:
            env_pairs.append(f"PYTHONPYCACHEPREFIX={self.env['PYTHONPYCACHEPREFIX']}")
        cmd = [
            str(TTFP),
            "--runs",
            str(runs),
            "--warmup",
            str(warmup),
            "--timeout",
            str(int(timeout)),
            "--cols",
            "120",
            "--rows",
            "40",
            "--expect",
            expect,
            "--",
            "env",
            *env_pairs,
            *command,
        ]
        proc = subprocess.run(cmd, capture_output=True, text=True, timeout=(runs + warmup) * timeout + 60, cwd=REPO)
        samples = [float(m[1]) * 1000 for m in re.finditer(r"^run=\d+ s=([\d.]+)", proc.stdout, re.M)]
        if proc.returncode != 0:
            return {"error": f"ttfp exit {proc.returncode}: {proc.stderr.strip()[-600:]}", "samples_ms": samples}
        return {"samples_ms": samples, "median_ms": median(samples), "n": len(samples)}


def repeated(run: Callable[[int], dict[str, Any]], n: int, budget_s: float, what: str) -> list[dict[str, Any]]:
    """Up to n samples, fewer once the budget is spent (always at least one)."""
    out: list[dict[str, Any]] = []
    started = time.perf_counter()
    for i in range(n):
        t = time.perf_counter()
        out.append(run(i))
        log(f"    {what} {i + 1}/{n}: {time.perf_counter() - t:.1f} s")
        if time.perf_counter() - started > budget_s:
            break
    return out


def summary(samples: list[dict[str, Any]], key: str) -> float | None:
    return median([s.get(key) for s in samples])


# --- data ----------------------------------------------------------------------------------------------
def ensure_data(events: int, seed: int, profile: str = "full", vocabulary: str = "default") -> Path:
    folder = DATA_ROOT / (
        f"events-{events}-seed-{seed}"
        + ("" if profile == "full" else f"-{profile}")
        + ("" if vocabulary == "default" else f"-{vocabulary}")
    )
    manifest = folder / generate.MANIFEST
    if manifest.exists():
        info = json.loads(manifest.read_text(encoding="utf-8"))
        if (
            info.get("complete")
            and info.get("generator") == generate.generator_version()
            and info.get("events") == events
            and info.get("profile", "full") == profile
            and info.get("vocabulary", "default") == vocabulary
        ):
            return folder
    log(f"  generating {events:,} events ({profile} profile, {vocabulary} vocabulary) into {folder} ...")
    t = time.perf_counter()
    info = generate.generate(folder, events, seed, profile=profile, vocabulary=vocabulary)
    log(
        f"  generated {info['records']:,} records in {len(info['files'])} files, {info['bytes'] / 1e6:.1f} MB, "
        f"{info['distinct_words']:,} distinct words, in {time.perf_counter() - t:.1f} s"
    )
    return folder


# --- measurements per column ---------------------------------------------------------------------------
def bench_bare(b: Bench) -> dict[str, Any]:
    a = b.args
    log("[bare] Textual floor")
    xdg = b.xdg("bare")
    res: dict[str, Any] = {}
    imports = repeated(
        lambda i: b.probe("import", {"modules": ["textual.app", "textual.widgets"]}, xdg),
        a.repeat,
        a.budget,
        "import textual",
    )
    res["import_app_ms"] = summary(imports, "ms")
    paints = repeated(lambda i: b.probe("paint", {"app": "bare"}, xdg), a.repeat, a.budget, "paint")
    res["paint_ms"] = summary(paints, "since_start_ms")
    res["paint_construct_ms"] = summary(paints, "from_construct_ms")
    res["paint_rss_mb"] = max(s["rss_mb"] for s in paints)
    res["paint_n"] = len(paints)
    if a.ttfp:
        log("    ttfp bare app ...")
        res["ttfp"] = b.ttfp(BARE_TEXT, [b.python, str(BARE_APP)], xdg, runs=a.repeat, warmup=1)
        res["ttfp_ms"] = res["ttfp"].get("median_ms")
        log("    ttfp harness floor (python3 printing one line) ...")
        res["ttfp_floor"] = b.ttfp(
            "ttfp-floor-ready",
            ["python3", "-c", "import time; print('ttfp-floor-ready', flush=True); time.sleep(30)"],
            xdg,
            runs=a.repeat,
        )
        res["ttfp_floor_ms"] = res["ttfp_floor"].get("median_ms")
    return res


def _cache_state(xdg: dict[str, str]) -> list[tuple[str, int, int]]:
    root = Path(xdg["XDG_CACHE_HOME"])
    return sorted((str(p), p.stat().st_size, p.stat().st_mtime_ns) for p in root.rglob("*") if p.is_file())


def bench_data(
    b: Bench, name: str, extra: list[Path], *, imports: bool, cold_only: bool = False, language: str = "en"
) -> dict[str, Any]:
    """Every measurement of one data set (the shipped data alone, or with a generated folder); with
    `cold_only`, the cold load and tomllib alone. The app speaks `language` (the environment says so, as
    a user's would: LANGUAGE, which decides before LC_ALL and LANG)."""
    a = b.args
    log(f"[{name}] {' '.join(map(str, extra)) or 'shipped data'} ({language})")
    roots = {"extra": [str(p) for p in extra]}
    b.language = language
    warm = b.xdg(f"{name}-warm")  # its cache is filled once, by the first cold load
    res: dict[str, Any] = {"data": [str(p) for p in extra], "errors": []}

    def attempt(what: str, func: Callable[[], None]) -> None:
        try:
            func()
        except Exception as error:  # one broken measurement must not cost the others
            log(f"    ERROR in {what}: {str(error)[-1500:]}")
            res["errors"].append(f"{what}: {str(error)[-1500:]}")

    def do_imports() -> None:
        core_modules = ["herzlich_tui.loading", "herzlich_tui.search"]
        if (REPO / "herzlich_tui" / "cache.py").exists():
            core_modules.append("herzlich_tui.cache")
        runs = repeated(
            lambda i: b.probe("import", {"modules": ["herzlich_tui.ui.app"]}, b.xdg("imports")),
            a.repeat,
            a.budget,
            "import app",
        )
        res["import_app_ms"] = summary(runs, "ms")
        runs = repeated(
            lambda i: b.probe("import", {"modules": core_modules}, b.xdg("imports")), a.repeat, a.budget, "import core"
        )
        res["import_core_ms"] = summary(runs, "ms")
        res["import_core_modules"] = core_modules
        res["core_imports_textual"] = any(r["textual_loaded"] for r in runs)

    if imports:
        attempt("imports", do_imports)

    # Cold: parse + check + index, no cache. The first sample also writes the cache the warm runs use.
    cold = repeated(
        lambda i: b.probe(
            "core", {**roots, "mode": "cold-fill" if i == 0 else "cold"}, warm if i == 0 else b.fresh_xdg(name)
        ),
        a.repeat,
        a.cold_budget,
        "cold load",
    )
    first = cold[0]
    for key in ("records", "events", "files", "problems", "problem_examples"):
        res[key] = first[key]
    res["cold_paths"] = sorted({s["path"] for s in cold})
    res["cache_filled_by_cold_load"] = bool(first.get("filled"))
    res["cache_write_ms"] = first.get("cache_write_ms")
    res["cold_load_ms"] = summary(cold, "load_ms")
    res["cold_index_ms"] = summary(cold, "index_ms")
    res["cold_total_ms"] = summary(cold, "total_ms")
    res["cold_n"] = len(cold)
    res["compute_path"] = first.get("compute_path")
    res["timeline_ms"] = summary(cold, "timeline_ms")
    res["timeline_facets_ms"] = summary(cold, "timeline_facets_ms")
    # The first sample loads as the app does on a first start (the cache written, FTS5 built in its file);
    # the others load without a cache (FTS5 in memory, as when the cache folder cannot be written).
    res["rss_core_mb"] = first["rss_mb"] if res["cache_filled_by_cold_load"] else None
    res["rss_core_nocache_mb"] = max((s["rss_mb"] for s in cold[1:] if not s.get("filled")), default=None)
    if res["problems"]:
        log(f"  WARNING: {res['problems']} load problems, e.g. {res['problem_examples']}")

    def do_parse() -> None:
        runs = repeated(lambda i: b.probe("parse", roots, b.xdg("parse")), min(a.repeat, 3), a.cold_budget, "tomllib")
        res["tomllib_ms"] = summary(runs, "ms")
        res["data_mb"] = runs[0]["bytes"] / 1e6

    attempt("tomllib alone", do_parse)
    if cold_only:
        return res
    cold_s = (res["cold_total_ms"] or 0) / 1000
    cold_paint = not a.cold_paint_limit or cold_s <= a.cold_paint_limit
    paint_args = {**roots, "app": "herzlich"}

    # First paint with an empty cache (skipped where a cold load alone takes longer than the limit).
    def do_paint_cold() -> None:
        if not cold_paint and res["cache_filled_by_cold_load"]:
            res["paint_cold"] = {
                "skipped": f"cold load + index takes {cold_s:.0f} s > --cold-paint-limit {a.cold_paint_limit:.0f} s"
            }
            log(f"    first paint, empty cache: skipped ({res['paint_cold']['skipped']})")
            return
        fill = not res["cache_filled_by_cold_load"]
        # The first run goes on until the app's work is done (load, index, cache written), for the peak memory
        # of a whole first start; it fills the warm cache when the cold load did not.
        runs = repeated(
            lambda i: b.probe("paint", {**paint_args, "fill": i == 0}, warm if fill and i == 0 else b.fresh_xdg(name)),
            a.repeat if cold_paint else 1,
            a.cold_budget,
            "first paint, empty cache",
        )
        res["paint_cold_ms"] = summary(runs, "since_start_ms")
        res["paint_cold_construct_ms"] = summary(runs, "from_construct_ms")
        res["paint_cold_rss_mb"] = max(s["rss_mb"] for s in runs)
        res["first_start_rss_mb"] = runs[0].get("work_done_rss_mb")
        res["first_start_done_ms"] = runs[0].get("work_done_ms")
        res["paint_cold_n"] = len(runs)
        res["subtitle"] = runs[0].get("subtitle")

    attempt("first paint, empty cache", do_paint_cold)
    res["cache_files"] = [f"{Path(p).name} ({size / 1e6:.1f} MB)" for p, size, _ in _cache_state(warm)]

    # Warm: through the cache. The first run also measures the latencies.
    latency_args = {
        "latencies": True,
        "words": [COMMON_WORD, RARE_WORD],
        "year": FILTER_YEAR,
        "budget_s": a.latency_budget,
    }

    def warm_core(i: int) -> dict[str, Any]:
        out = b.probe("core", {**roots, "mode": "warm", **(latency_args if i == 0 else {})}, warm)
        if out.get("from_cache") is False and i == 0:
            log("    (the cache was not used; it is filled now, measuring again)")
            out = b.probe("core", {**roots, "mode": "warm", **latency_args}, warm)
        return out

    def do_warm() -> None:
        runs = repeated(warm_core, a.repeat, a.budget + a.latency_budget, "warm load (+ latencies in the first)")
        res["warm_path"] = runs[0]["path"]
        res["warm_from_cache"] = [r.get("from_cache") for r in runs]
        timed = [r for r in runs if r.get("from_cache") is not False] or runs
        res["warm_total_ms"] = summary(timed, "total_ms")
        res["warm_n"] = len(timed)
        res["rss_core_warm_mb"] = max(s["rss_mb"] for s in timed)
        lat = runs[0]
        for key in ("search", "filter", "views"):
            res[key] = lat[key]
        res["filter_values"] = {"year": lat["filter_year"], "programme": lat["filter_programme"]}

    attempt("warm load and latencies", do_warm)

    def do_paint_warm() -> None:
        # The first start after the cache was filled: no list is kept from an earlier run yet. It ends with
        # q, as a user would, so that the app can keep what it keeps for the next start (a list snapshot).
        first = b.probe("paint", {**paint_args, "fill": True, "until_data": True}, warm)
        res["paint_first_warm_ms"] = first["since_start_ms"]
        res["paint_first_warm_data_ms"] = first.get("data_since_start_ms")
        res["paint_first_warm_rss_mb"] = max(first["rss_mb"], first.get("data_rss_mb") or 0)
        runs = repeated(
            lambda i: b.probe("paint", {**paint_args, "until_data": True}, warm),
            a.repeat,
            a.budget,
            "first paint, warm cache",
        )
        res["paint_warm_ms"] = summary(runs, "since_start_ms")
        res["paint_warm_construct_ms"] = summary(runs, "from_construct_ms")
        res["paint_warm_data_ms"] = summary(runs, "data_since_start_ms")
        res["paint_warm_rss_mb"] = max(max(s["rss_mb"], s.get("data_rss_mb") or 0) for s in runs)
        res["paint_warm_n"] = len(runs)
        res["paint_warm_subtitles"] = sorted({s.get("subtitle") for s in runs})
        res.setdefault("subtitle", runs[0].get("subtitle"))

    attempt("first paint, warm cache", do_paint_warm)

    if not a.ttfp:
        return res
    # The count in the header's subtitle ("36 of 36" for the shipped data): there once a list is shown, be it
    # the loaded data or a list kept from the last run ("Loading reviews…" alone is shown before either).
    n = res["events"]
    found = re.search(r"\d[\d,.]* \w+ \d[\d,.]*", res.get("subtitle") or "")
    expect = found.group() if found else f"{n} of {n}"
    command = [*b.app_cmd, *[x for p in extra for x in ("--data", str(p))], "--view", "timeline"]
    warm_s = (res.get("paint_warm_ms") or 1000) / 1000
    timeout = max(30.0, cold_s * 3 + 30)

    def do_ttfp_warm() -> None:
        runs = max(1, min(a.repeat, int(a.budget // max(warm_s, 0.1))))
        log(f"    ttfp warm cache, {runs} run(s) (expect {expect!r}) ...")
        before = _cache_state(warm)
        res["ttfp_warm"] = b.ttfp(expect, command, warm, runs=runs, timeout=max(timeout, warm_s * 5))
        if _cache_state(warm) != before:
            res["ttfp_warm"]["note"] = "the cache was written during these runs: the first was not warm"
        res["ttfp_warm_ms"] = res["ttfp_warm"].get("median_ms")

    attempt("ttfp warm", do_ttfp_warm)

    def do_ttfp_cold() -> None:
        if not cold_paint:
            res["ttfp_cold"] = {"skipped": f"cold load + index takes {cold_s:.0f} s > --cold-paint-limit"}
            return
        log("    ttfp empty cache ...")
        samples: list[float] = []
        started = time.perf_counter()
        for _ in range(a.repeat):
            one = b.ttfp(expect, command, b.fresh_xdg(name), runs=1, timeout=timeout)
            samples += one.get("samples_ms", [])
            if "error" in one:
                res["errors"].append(f"ttfp cold: {one['error']}")
                break
            if time.perf_counter() - started > a.cold_budget:
                break
        res["ttfp_cold"] = {"samples_ms": samples, "n": len(samples)}
        res["ttfp_cold_ms"] = median(samples)

    attempt("ttfp cold", do_ttfp_cold)
    return res


# --- table and targets ---------------------------------------------------------------------------------
def _get(path: str) -> Callable[[dict[str, Any]], Any]:
    def get(r: dict[str, Any]) -> Any:
        value: Any = r
        for part in path.split("."):
            if not isinstance(value, dict) or part not in value:
                return None
            value = value[part]
        return value

    return get


def _ratio(key: str, bare_key: str) -> Callable[[dict[str, Any], dict[str, Any]], Any]:
    def get(r: dict[str, Any], bare: dict[str, Any]) -> Any:
        if r.get(key) is None or not bare.get(bare_key):
            return None
        return r[key] / bare[bare_key]

    return get


def _view_pair(view: str) -> Callable[[dict[str, Any], dict[str, Any]], str | None]:
    def get(r: dict[str, Any], bare: dict[str, Any]) -> str | None:
        return _pair(_get(f"views.{view}.first_ms")(r), _get(f"views.{view}.median_ms")(r))

    return get


def _pair(first: Any, second: Any) -> str | None:
    if first is None and second is None:
        return None
    return f"{fmt(first, 'ms')} / {fmt(second, 'ms')}"


# (label, unit, the value in a data column, the value in the bare column): a dotted path into the column's
# results, or a function of (column results, bare results).
ROWS: list[tuple[str, str, Any, Any]] = [
    ("records loaded (events)", "", lambda r, b: r.get("records") and f"{r['records']:,} ({r['events']:,})", None),
    ("load problems", "n", "problems", None),
    ("import herzlich_tui.ui.app [bare: textual]", "ms", "import_app_ms", "import_app_ms"),
    ("import core (loading, search, cache)", "ms", "import_core_ms", None),
    ("cold: parse + check (load)", "ms", "cold_load_ms", None),
    ("cold: build search index", "ms", "cold_index_ms", None),
    ("cold: load + index total", "ms", "cold_total_ms", None),
    ("data files (TOML, all folders)", "MB", "data_mb", None),
    ("tomllib alone: read + parse every file", "ms", "tomllib_ms", None),
    (
        "  cold load + index ÷ tomllib alone",
        "×",
        lambda r, b: r.get("cold_total_ms") and r.get("tomllib_ms") and r["cold_total_ms"] / r["tomllib_ms"],
        None,
    ),
    ("cold: writing the cache afterwards", "ms", "cache_write_ms", None),
    ("warm: load through the cache", "ms", "warm_total_ms", None),
    ("compute timeline (first view)", "ms", "timeline_ms", None),
    ("  + its facet counts", "ms", "timeline_facets_ms", None),
    ("first paint, empty cache (from exec)", "ms", "paint_cold_ms", "paint_ms"),
    ("  ÷ bare", "×", _ratio("paint_cold_ms", "paint_ms"), None),
    ("first paint, warm cache, 1st start after fill", "ms", "paint_first_warm_ms", "paint_ms"),
    ("  ÷ bare", "×", _ratio("paint_first_warm_ms", "paint_ms"), None),
    ("  data loaded, list live", "ms", "paint_first_warm_data_ms", None),
    ("first paint, warm cache (from exec)", "ms", "paint_warm_ms", "paint_ms"),
    ("  ÷ bare", "×", _ratio("paint_warm_ms", "paint_ms"), None),
    ("  from App()", "ms", "paint_warm_construct_ms", "paint_construct_ms"),
    ("  data loaded, list live", "ms", "paint_warm_data_ms", None),
    ("ttfp real terminal, empty cache", "ms", "ttfp_cold_ms", "ttfp_ms"),
    ("  ÷ bare", "×", _ratio("ttfp_cold_ms", "ttfp_ms"), None),
    ("ttfp real terminal, warm cache", "ms", "ttfp_warm_ms", "ttfp_ms"),
    ("  ÷ bare", "×", _ratio("ttfp_warm_ms", "ttfp_ms"), None),
    *[
        row
        for word in (COMMON_WORD, RARE_WORD)
        for row in (
            (f"search keystroke '{word}' median", "ms", f"search.{word}.median_ms", None),
            (f"search keystroke '{word}' p95", "ms", f"search.{word}.p95_ms", None),
            ("  p95 with facet counts", "ms", f"search.{word}.with_facets.p95_ms", None),
        )
    ],
    ("filter change median", "ms", "filter.median_ms", None),
    ("filter change p95", "ms", "filter.p95_ms", None),
    ("  p95 with facet counts", "ms", "filter.with_facets.p95_ms", None),
    *[
        (
            f"view switch: {v} (first / median)",
            "",
            _view_pair(v),
            None,
        )
        for v in VIEWS
    ],
    ("peak RSS, core: load + index + cache + timeline", "MB", "rss_core_mb", None),
    ("peak RSS, core: the same without a cache", "MB", "rss_core_nocache_mb", None),
    ("peak RSS: first paint, empty cache", "MB", "paint_cold_rss_mb", "paint_rss_mb"),
    ("peak RSS: app's whole first start", "MB", "first_start_rss_mb", None),
    ("  its work done (from App())", "ms", "first_start_done_ms", None),
    ("peak RSS: warm start until data loaded", "MB", "paint_warm_rss_mb", "paint_rss_mb"),
]


def fmt(value: Any, unit: str) -> str:
    if value is None:
        return "–"
    if isinstance(value, str):
        return value
    if unit == "×":
        return f"{value:.2f}×"
    if unit == "MB":
        return f"{value:.0f}" if value >= 10 else f"{value:.2f}"
    if unit == "n":
        return f"{value:,}"
    return f"{value:,.0f}" if value >= 100 else f"{value:.1f}"


def table(results: dict[str, Any]) -> str:
    bare = results.get("bare", {})
    columns = [c for c in results if c != "bare"]
    header = ["measurement", "unit", "bare", *columns]
    body: list[list[str]] = []

    def value(getter: Any, r: dict[str, Any]) -> Any:
        return _get(getter)(r) if isinstance(getter, str) else getter(r, bare)

    for label, unit, from_data, from_bare in ROWS:
        row = [label, unit if unit != "×" else "", fmt(value(from_bare, bare), unit) if from_bare else ""]
        row += [fmt(value(from_data, results[c]), unit) for c in columns]
        body.append(row)
    widths = [max(len(r[i]) for r in [header, *body]) for i in range(len(header))]
    lines = [
        "  ".join(h.ljust(w) if i == 0 else h.rjust(w) for i, (h, w) in enumerate(zip(header, widths, strict=True)))
    ]
    lines.append("  ".join("-" * w for w in widths))
    for r in body:
        lines.append(
            "  ".join(c.ljust(w) if i == 0 else c.rjust(w) for i, (c, w) in enumerate(zip(r, widths, strict=True)))
        )
    return "\n".join(lines)


def targets(results: dict[str, Any]) -> list[dict[str, Any]]:
    bare = results.get("bare", {})
    shipped = results.get("shipped", {})
    german = results.get(SHIPPED_GERMAN, {})
    big = results.get(SIZE_FOR_TARGETS)
    ref = results.get(REFERENCE_LABEL)
    checks: list[tuple[str, Any, float, str]] = []

    def tomllib_ratio(r: dict[str, Any] | None) -> float | None:
        if not r or not r.get("cold_total_ms") or not r.get("tomllib_ms"):
            return None
        return r["cold_total_ms"] / r["tomllib_ms"]

    # name, value, limit, unit ("<" in the name: strictly below)

    def ratio(r: dict[str, Any] | None, key: str, bare_key: str) -> float | None:
        return _ratio(key, bare_key)(r, bare) if r else None

    checks += [
        (
            "shipped first paint ≤ 1.3× bare (headless, empty cache)",
            ratio(shipped, "paint_cold_ms", "paint_ms"),
            1.3,
            "×",
        ),
        (
            "shipped first paint ≤ 1.3× bare (headless, warm cache)",
            ratio(shipped, "paint_warm_ms", "paint_ms"),
            1.3,
            "×",
        ),
        ("shipped first paint ≤ 1.3× bare (ttfp, empty cache)", ratio(shipped, "ttfp_cold_ms", "ttfp_ms"), 1.3, "×"),
        ("shipped first paint ≤ 1.3× bare (ttfp, warm cache)", ratio(shipped, "ttfp_warm_ms", "ttfp_ms"), 1.3, "×"),
        (
            "German: shipped first paint ≤ 1.3× bare (headless, empty cache)",
            ratio(german, "paint_cold_ms", "paint_ms"),
            1.3,
            "×",
        ),
        (
            "German: shipped first paint ≤ 1.3× bare (headless, warm cache)",
            ratio(german, "paint_warm_ms", "paint_ms"),
            1.3,
            "×",
        ),
        (
            "German: shipped first paint ≤ 1.3× bare (ttfp, empty cache)",
            ratio(german, "ttfp_cold_ms", "ttfp_ms"),
            1.3,
            "×",
        ),
        (
            "German: shipped first paint ≤ 1.3× bare (ttfp, warm cache)",
            ratio(german, "ttfp_warm_ms", "ttfp_ms"),
            1.3,
            "×",
        ),
        ("100k warm-cache first paint ≤ 3× bare (headless)", ratio(big, "paint_warm_ms", "paint_ms"), 3.0, "×"),
        ("100k warm-cache first paint ≤ 3× bare (ttfp)", ratio(big, "ttfp_warm_ms", "ttfp_ms"), 3.0, "×"),
        ("100k cold load + index ≤ 2.5 s", big and big.get("cold_total_ms"), 2500, "ms"),
        ("100k cold load + index ≤ 2.5 s (the reference shape)", ref and ref.get("cold_total_ms"), 2500, "ms"),
        ("100k cold load + index ≤ 1.25× tomllib alone (2.5 s ÷ 2.0 s)", tomllib_ratio(big), 1.25, "×"),
        ("100k cold load + index ≤ 1.25× tomllib alone (the reference shape)", tomllib_ratio(ref), 1.25, "×"),
        (
            f"100k search per keystroke p95 < 16 ms ('{COMMON_WORD}')",
            big and _get(f"search.{COMMON_WORD}.p95_ms")(big),
            16,
            "ms",
        ),
        (
            f"100k search per keystroke p95 < 16 ms ('{COMMON_WORD}', with facet counts)",
            big and _get(f"search.{COMMON_WORD}.with_facets.p95_ms")(big),
            16,
            "ms",
        ),
        (
            f"100k search per keystroke p95 < 16 ms ('{RARE_WORD}')",
            big and _get(f"search.{RARE_WORD}.p95_ms")(big),
            16,
            "ms",
        ),
        (
            f"100k search per keystroke p95 < 16 ms ('{RARE_WORD}', with facet counts)",
            big and _get(f"search.{RARE_WORD}.with_facets.p95_ms")(big),
            16,
            "ms",
        ),
        ("100k filter change p95 < 16 ms", big and _get("filter.p95_ms")(big), 16, "ms"),
        (
            "100k filter change p95 < 16 ms (with facet counts)",
            big and _get("filter.with_facets.p95_ms")(big),
            16,
            "ms",
        ),
        (
            "100k peak memory < 250 MB (core: load + index + cache + timeline)",
            big and big.get("rss_core_mb"),
            250,
            "MB",
        ),
        ("100k peak memory < 250 MB (first paint, empty cache)", big and big.get("paint_cold_rss_mb"), 250, "MB"),
        ("100k peak memory < 250 MB (app's whole first start)", big and big.get("first_start_rss_mb"), 250, "MB"),
        ("100k peak memory < 250 MB (warm start until data loaded)", big and big.get("paint_warm_rss_mb"), 250, "MB"),
    ]
    out = []
    for name, value, limit, unit in checks:
        strict = " < " in name
        if value is None:
            status = "SKIP"
        elif strict:
            status = "PASS" if value < limit else "FAIL"
        else:
            status = "PASS" if value <= limit else "FAIL"
        out.append({"target": name, "value": value, "limit": limit, "unit": unit, "status": status})
    return out


def code_state() -> str:
    """The commit and a hash of uncommitted changes to herzlich_tui: to tell whether the code changed while
    the benchmarks ran (when someone works in the same checkout)."""
    import hashlib

    try:
        head = subprocess.run(
            ["git", "-C", str(REPO), "rev-parse", "--short", "HEAD"], capture_output=True, text=True
        ).stdout.strip()
        diff = subprocess.run(
            ["git", "-C", str(REPO), "diff", "HEAD", "--", "herzlich_tui"], capture_output=True
        ).stdout
        untracked = subprocess.run(
            ["git", "-C", str(REPO), "ls-files", "--others", "--exclude-standard", "herzlich_tui"], capture_output=True
        ).stdout
    except OSError:
        return "unknown"
    changes = hashlib.sha256(diff + untracked).hexdigest()[:12] if diff or untracked else "clean"
    return f"{head}+{changes}"


def meta(args: argparse.Namespace) -> dict[str, Any]:
    info: dict[str, Any] = {
        "when": time.strftime("%Y-%m-%d %H:%M:%S %z"),
        "python": args.python,
        "machine": platform.platform(),
        "cpus": os.cpu_count(),
        "sizes": args.sizes,
        "repeat": args.repeat,
        "seed": args.seed,
        "vocabulary": args.vocabulary,
    }
    with contextlib.suppress(Exception):
        info["commit"] = subprocess.run(
            ["git", "-C", str(REPO), "rev-parse", "--short", "HEAD"], capture_output=True, text=True
        ).stdout.strip()
        dirty = subprocess.run(
            ["git", "-C", str(REPO), "status", "--porcelain", "herzlich_tui"], capture_output=True, text=True
        ).stdout.splitlines()
        info["herzlich_tui_uncommitted"] = dirty
    with contextlib.suppress(Exception):
        info["versions"] = json.loads(
            subprocess.run(
                [
                    args.python,
                    "-c",
                    "import json, importlib.metadata as m; print(json.dumps({p: m.version(p) for p in "
                    "('herzlich-tui', 'textual', 'rich')}))",
                ],
                capture_output=True,
                text=True,
            ).stdout
        )
    return info


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default=None, help="event counts, comma-separated (default 1000,10000,100000)")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help=f"JSON results (default {DEFAULT_OUT})")
    parser.add_argument("--repeat", type=int, default=None, help="samples per measurement (default 5; --quick 3)")
    parser.add_argument("--quick", action="store_true", help="sizes 1000,10000 and fewer repeats")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument(
        "--vocabulary",
        choices=("default", "realistic"),
        default="default",
        help="the generated data's words (realistic: tens of thousands of distinct words, many used once; see "
        "generate.py); the 100k ref column keeps the default",
    )
    parser.add_argument("--no-ttfp", dest="ttfp", action="store_false", help="skip the real-terminal measurements")
    parser.add_argument(
        "--no-reference",
        dest="reference",
        action="store_false",
        help="skip the cold load of 100,000 events in the issue's reference shape (measured when 100k is)",
    )
    parser.add_argument(
        "--budget",
        type=float,
        default=None,
        help="seconds per repeated measurement before it stops early (default 15; --quick 8)",
    )
    parser.add_argument("--cold-budget", type=float, default=None, help="the same for cold starts (default 30)")
    parser.add_argument(
        "--cold-paint-limit",
        type=float,
        default=60.0,
        help="skip first paint with an empty cache (headless and ttfp) where a cold load + index "
        "alone takes longer than this many seconds (default 60: 100k is measured, the app's whole first start "
        "included; 0 never skips)",
    )
    parser.add_argument(
        "--latency-budget",
        type=float,
        default=None,
        help="seconds for search, filter and view latencies per data set (default 8)",
    )
    parser.add_argument(
        "--no-bytecode-cache",
        dest="bytecode",
        action="store_false",
        help="keep the environment's bytecode settings (by default bytecode is compiled once into "
        "benchmarks/out/pycache and used, as an installed app's would be)",
    )
    parser.add_argument("--python", default=sys.executable, help="the interpreter with herzlich_tui installed")
    parser.add_argument("--keep-tmp", action="store_true", help="keep the temporary XDG folders")
    args = parser.parse_args(argv)
    args.sizes = [int(s) for s in (args.sizes or ("1000,10000" if args.quick else "1000,10000,100000")).split(",") if s]
    args.repeat = args.repeat or (3 if args.quick else 5)
    args.budget = args.budget or (8.0 if args.quick else 15.0)
    args.cold_budget = args.cold_budget or (15.0 if args.quick else 30.0)
    args.latency_budget = args.latency_budget or (4.0 if args.quick else 8.0)
    if args.ttfp and (not TTFP.exists() or not shutil.which("tmux")):
        log(f"ttfp or tmux not found ({TTFP}); skipping real-terminal measurements")
        args.ttfp = False

    started = time.perf_counter()
    code_before = code_state()
    load_before = os.getloadavg()
    if load_before[0] > 0.5:
        log(
            f"WARNING: load average {load_before[0]:.2f} before the run: other processes compete for the CPUs, "
            "so the figures come out slower than on an idle machine"
        )
    folders = {n: ensure_data(n, args.seed, vocabulary=args.vocabulary) for n in args.sizes}
    if args.vocabulary != "default":
        log(f"generated data with the {args.vocabulary} vocabulary (the columns' labels stay 1k, 10k, 100k)")
    tmp = Path(tempfile.mkdtemp(prefix="herzlich-bench-"))
    results: dict[str, Any] = {}
    try:
        b = Bench(args, tmp)
        b.compile_bytecode()
        results["bare"] = bench_bare(b)
        results["shipped"] = bench_data(b, "shipped", [], imports=True)
        results[SHIPPED_GERMAN] = bench_data(b, SHIPPED_GERMAN, [], imports=False, language="de")
        for n, folder in folders.items():
            results[size_label(n)] = bench_data(b, size_label(n), [folder], imports=False)
        if args.reference and 100_000 in args.sizes:
            reference = ensure_data(100_000, args.seed, "reference")
            results[REFERENCE_LABEL] = bench_data(b, REFERENCE_LABEL, [reference], imports=False, cold_only=True)
    finally:
        if args.keep_tmp:
            log(f"temporary folders kept in {tmp}")
        else:
            shutil.rmtree(tmp, ignore_errors=True)

    checks = targets(results)
    text = table(results)
    print(text)
    print()
    for c in checks:
        value = (
            "–" if c["value"] is None else fmt(c["value"], c["unit"]) + ("" if c["unit"] == "×" else f" {c['unit']}")
        )
        print(f"{c['status']:4}  {c['target']}: {value}")
    elapsed = time.perf_counter() - started
    print()
    for name, r in results.items():
        if name != "bare":
            print(
                f"{name}: cold = {'; '.join(r.get('cold_paths', []))}; warm = {r.get('warm_path')}, from cache: "
                f"{r.get('warm_from_cache')}; views = {r.get('compute_path')}"
            )
            for key in ("paint_cold", "ttfp_cold"):
                if isinstance(r.get(key), dict) and "skipped" in r[key]:
                    print(f"{name}: {key} skipped: {r[key]['skipped']}")
            if isinstance(r.get("ttfp_warm"), dict) and r["ttfp_warm"].get("note"):
                print(f"{name}: ttfp warm: {r['ttfp_warm']['note']}")
            for error in r.get("errors", []):
                print(f"{name}: ERROR {error.splitlines()[0][:300]}")
    print(
        "first paint 'from exec': wall time from just before starting the process until the first view is painted "
        "(headless, run_test at 120x40); 'from App()': from constructing the app; ttfp: real terminal in tmux, "
        f"harness floor {fmt(results.get('bare', {}).get('ttfp_floor_ms'), 'ms')} ms. Total run {elapsed:.0f} s."
    )
    args.out.parent.mkdir(parents=True, exist_ok=True)
    load_after = os.getloadavg()
    code_after = code_state()
    print(
        f"Code measured: {code_before}"
        + (
            ""
            if code_after == code_before
            else f" at the start, {code_after} at the end: herzlich_tui CHANGED during the run, figures mix both"
        )
    )
    print(
        f"Load average (1, 5, 15 min) before the run: {', '.join(f'{x:.2f}' for x in load_before)}; after: "
        f"{', '.join(f'{x:.2f}' for x in load_after)} (this run itself keeps about 1 of {os.cpu_count()} CPUs busy)."
    )
    report = {
        "meta": {
            **meta(args),
            "elapsed_s": elapsed,
            "loadavg_before": load_before,
            "code_before": code_before,
            "code_after": code_after,
            "loadavg_after": load_after,
        },
        "results": results,
        "targets": checks,
        "table": text,
    }
    args.out.write_text(json.dumps(report, ensure_ascii=False, indent=1, default=str) + "\n", encoding="utf-8")
    log(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
