"""Command-line figures of herzlich-tui at 100,000 events, each sample a fresh process, against floors.

    python benchmarks/cli_probe.py [--events 100000] [--cold-sizes 50000,100000] [--repeat 5] [--cold-runs 3]
                                   [--pythonpath DIR] [--skip search,export,relative,cold] [--out FILE]

Figures (see benchmarks/README.md):
  search      `herzlich-tui search WORD --data DIR`, warm (a first run filled the cache): wall time and peak
              RSS, for a common word and a rare one; target < 0.3 s.
  export      `herzlich-tui export --format F -o FILE --data DIR` for json, csv, toml and md, warm (a search
              filled the cache, and a first export kept the records exports read: its time and peak RSS
              are kept apart, as `first_export`): wall time, peak RSS, output size; floor: a fresh python
              writing as many bytes to a file in the same folder; targets: RSS < 150 MB, time <= 2x the
              floor.
  relative    warm `search` with `--data benchmarks/out/data/events-N-seed-S` (relative to the working
              folder) after runs with the absolute path: the first relative run should be as fast as the
              warm absolute ones (the cache is shared); also whether it wrote a new cache file.
  cold        the app started on an empty cache with `--search WORD`: time until the match's title is on
              screen (/work/shared/tools/ttfp, tmux 120x40), at each of --cold-sizes, against a floor
              process that parses the same TOML files with rtoml (under ttfp too, runs interleaved);
              best of --cold-runs; target <= 2.5x.

Times are wall clock from just before the process is started to its exit (cold: until the text shows). Peak
RSS is GNU time's %M (/usr/bin/time, a small C process, so the figure is the measured program's own), or
else a small python wrapper's getrusage(RUSAGE_CHILDREN).ru_maxrss. Medians (and min) of --repeat samples;
the machine is shared, so the load average before and after is kept.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from harness import (
    HERE,
    TTFP,
    CodeUnderTest,
    fmt,
    load_average,
    log,
    render_table,
    summary,
    write_json,
)

GNU_TIME = Path("/usr/bin/time")
COMMON_WORD = "digital"
RARE_WORD = "grubentalchen"  # "Grübentälchen" without umlauts: one event in generated data
RARE_TITLE = "Quartiersfest im Grübentälchen"  # that event's title (generate.py, RARE_WORD)
FORMATS = ("json", "csv", "toml", "md")
SEARCH_LIMIT_S = 0.3
EXPORT_RSS_MB = 150.0
EXPORT_RATIO = 2.0
COLD_RATIO = 2.5
RELATIVE_RATIO = 1.5  # the first relative run against the warm absolute median: "the same warm time"

_RUSAGE_WRAPPER = (
    "import resource, subprocess, sys; rc = subprocess.call(sys.argv[1:]); "
    "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, file=sys.stderr); sys.exit(rc)"
)
_WRITE_FLOOR = (
    "import sys\n"
    "size, chunk = int(sys.argv[2]), b'x' * (1 << 20)\n"
    "with open(sys.argv[1], 'wb') as f:\n"
    "    while size > 0:\n"
    "        f.write(chunk[: min(size, len(chunk))])\n"
    "        size -= len(chunk)\n"
)
_RTOML_FLOOR = (
    "import sys, time\n"
    "import rtoml\n"
    "files = open(sys.argv[1], encoding='utf-8').read().splitlines()\n"
    "for name in files:\n"
    "    with open(name, encoding='utf-8') as f:\n"
    "        rtoml.load(f)\n"
    "print(f'rtoml floor: parsed {len(files)} files', flush=True)\n"
    "time.sleep(600)\n"
)
_DATA_FILES = (
    "import sys\n"
    "from pathlib import Path\n"
    "try:\n"
    "    from herzlich_tui.loading.files import data_roots, discover\n"
    "    files = [str(p) for p, _ in discover(data_roots([Path(sys.argv[1])]))[0]]\n"
    "except ImportError:\n"
    "    from herzlich_tui import paths\n"
    "    roots = (paths.shipped_data_dir(), Path(sys.argv[1]))\n"
    "    files = [str(p) for root in roots for p in sorted(root.rglob('*.toml'))]\n"
    "print('\\n'.join(files))\n"
)


class Runner:
    """Fresh processes of the code under test, timed, with their peak memory."""

    def __init__(self, code: CodeUnderTest, tmp: Path) -> None:
        self.code = code
        self.tmp = tmp
        self.counter = 0

    def xdg(self, name: str) -> Path:
        self.counter += 1
        return self.tmp / f"xdg-{self.counter}-{name}"

    def run(self, argv: list[str], xdg: Path, cwd: Path | None = None, timeout: float = 900) -> dict[str, Any]:
        """Run argv to its end: wall seconds, peak RSS in MB, exit code, stdout size."""
        env = self.code.env(xdg)
        rss_file = self.tmp / "rss.txt"
        if GNU_TIME.exists():
            wrapped = [str(GNU_TIME), "-f", "%M", "-o", str(rss_file), *argv]
        else:
            wrapped = [self.code.python, "-c", _RUSAGE_WRAPPER, *argv]
        t = time.perf_counter()
        proc = subprocess.run(wrapped, env=env, cwd=cwd or self.tmp, capture_output=True, timeout=timeout)
        wall = time.perf_counter() - t
        if GNU_TIME.exists():
            kib = rss_file.read_text().strip().splitlines()[-1]
        else:
            kib = proc.stderr.decode().strip().splitlines()[-1]
        return {
            "s": wall,
            "rss_mb": int(kib) / 1024,
            "rc": proc.returncode,
            "stdout_bytes": len(proc.stdout),
            "stderr_tail": proc.stderr.decode("utf-8", "replace")[-300:] if proc.returncode else "",
        }

    def app(self, *args: str) -> list[str]:
        return [*self.code.app, *args]


def samples_summary(runs: list[dict[str, Any]]) -> dict[str, Any]:
    return {
        "s": summary(r["s"] for r in runs),
        "rss_mb": summary(r["rss_mb"] for r in runs),
        "rc": sorted({r["rc"] for r in runs}),
        "samples_s": [round(r["s"], 4) for r in runs],
    }


def bench_search(r: Runner, data: Path, repeat: int) -> dict[str, Any]:
    xdg = r.xdg("search")
    out: dict[str, Any] = {}
    for word in (COMMON_WORD, RARE_WORD):
        first = r.run(r.app("search", word, "--data", str(data)), xdg)
        runs = [r.run(r.app("search", word, "--data", str(data)), xdg) for _ in range(repeat)]
        out[word] = {"first_run_s": first["s"], "first_run_rss_mb": first["rss_mb"], **samples_summary(runs)}
        log(f"  search {word}: first {first['s']:.2f} s, warm median {out[word]['s']['median']:.3f} s")
    return out


def bench_export(r: Runner, data: Path, repeat: int) -> dict[str, Any]:
    xdg = r.xdg("export")
    r.run(r.app("search", RARE_WORD, "--data", str(data)), xdg)  # fills the cache
    folder = r.tmp / "export"
    folder.mkdir(exist_ok=True)
    # The first export keeps the records later exports read (where the code does so): timed apart.
    first = r.run(r.app("export", "--format", "csv", "-o", str(folder / "first.csv"), "--data", str(data)), xdg)
    (folder / "first.csv").unlink(missing_ok=True)
    log(f"  first export (csv): {first['s']:.2f} s, {first['rss_mb']:.0f} MB")
    out: dict[str, Any] = {"first_export": {"s": first["s"], "rss_mb": first["rss_mb"], "rc": first["rc"]}}
    for form in FORMATS:
        target = folder / f"export.{form}"
        runs = []
        for _ in range(repeat):
            target.unlink(missing_ok=True)
            runs.append(r.run(r.app("export", "--format", form, "-o", str(target), "--data", str(data)), xdg))
        size = target.stat().st_size if target.exists() else 0
        floor_target = folder / f"floor.{form}"
        floors = [r.run([r.code.python, "-c", _WRITE_FLOOR, str(floor_target), str(size)], xdg) for _ in range(repeat)]
        target.unlink(missing_ok=True)
        floor_target.unlink(missing_ok=True)
        out[form] = {**samples_summary(runs), "bytes": size, "floor": samples_summary(floors)}
        log(
            f"  export {form}: {out[form]['s']['median']:.2f} s, {out[form]['rss_mb']['max']:.0f} MB, "
            f"{size / 1e6:.1f} MB written; floor {out[form]['floor']['s']['median']:.3f} s"
        )
    return out


def _cache_files(xdg: Path) -> dict[str, tuple[int, int]]:
    """The files in the cache folder: name -> (size, mtime_ns)."""
    cache = xdg / "cache"
    found = sorted(p for p in cache.rglob("*") if p.is_file()) if cache.exists() else []
    return {str(p.relative_to(cache)): (p.stat().st_size, p.stat().st_mtime_ns) for p in found}


def bench_relative(r: Runner, data: Path, repeat: int) -> dict[str, Any]:
    data = data.resolve()
    # The working folder from which the data folder is benchmarks/out/data/NAME (its checkout), else its parent.
    cwd = data.parents[3] if data.parent.parts[-3:] == ("benchmarks", "out", "data") else data.parent
    relative = str(data.relative_to(cwd))
    xdg = r.xdg("relative")
    word = RARE_WORD
    first = r.run(r.app("search", word, "--data", str(data)), xdg, cwd=cwd)
    absolute = [r.run(r.app("search", word, "--data", str(data)), xdg, cwd=cwd) for _ in range(repeat)]
    before = _cache_files(xdg)
    first_relative = r.run(r.app("search", word, "--data", relative), xdg, cwd=cwd)
    after = _cache_files(xdg)
    rel = [r.run(r.app("search", word, "--data", relative), xdg, cwd=cwd) for _ in range(repeat - 1)]
    # And back: is the absolute path still warm after the relative runs (or do they take turns)?
    absolute_again = r.run(r.app("search", word, "--data", str(data)), xdg, cwd=cwd)
    out = {
        "cwd": str(cwd),
        "relative": relative,
        "absolute_first_s": first["s"],
        "absolute_warm": samples_summary(absolute),
        "relative_first_s": first_relative["s"],
        "relative_first_rc": first_relative["rc"],
        "relative_later": samples_summary(rel) if rel else None,
        "absolute_after_relative_s": absolute_again["s"],
        "cache_files_before": sorted(before),
        "cache_files_written": sorted(f for f in after if before.get(f) != after[f]),
    }
    log(
        f"  relative: absolute warm {out['absolute_warm']['s']['median']:.3f} s, first relative "
        f"{first_relative['s']:.3f} s, cache files written {out['cache_files_written']}"
    )
    return out


def _ttfp(r: Runner, xdg: Path, expect: str, argv: list[str], timeout: float) -> dict[str, Any]:
    env = r.code.env(xdg)
    passed = ("XDG_", "PYTHON", "LANG")
    pairs = [f"{k}={v}" for k, v in env.items() if k.startswith(passed)]
    unset = [x for name in ("PYTHONDONTWRITEBYTECODE",) if name not in env for x in ("-u", name)]
    cmd = [str(TTFP), "--runs", "1", "--timeout", str(int(timeout)), "--cols", "120", "--rows", "40"]
    cmd += ["--expect", expect, "--", "env", *unset, *pairs, *argv]
    proc = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout + 60, cwd=r.tmp, env=env)
    found = re.search(r"^run=\d+ s=([\d.]+)", proc.stdout, re.M)
    if proc.returncode != 0 or not found:
        return {"error": f"ttfp exit {proc.returncode}: {(proc.stderr or proc.stdout).strip()[-400:]}"}
    return {"s": float(found[1])}


def bench_cold(r: Runner, sizes: list[int], runs: int, seed: int, timeout: float) -> dict[str, Any]:
    import run as run_py  # the data sets, as run.py writes them

    out: dict[str, Any] = {}
    for n in sizes:
        data = run_py.ensure_data(n, seed)
        hits = [p for p in data.rglob("*.toml") if RARE_TITLE.encode() in p.read_bytes()]
        files_list = r.tmp / f"files-{n}.txt"
        listed = subprocess.run(
            [r.code.python, "-c", _DATA_FILES, str(data)],
            env=r.code.env(r.xdg("files")),
            cwd=r.tmp,
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        files_list.write_text(listed, encoding="utf-8")
        n_files = len(listed.split())
        app_runs: list[dict[str, Any]] = []
        floor_runs: list[dict[str, Any]] = []
        for i in range(runs):
            argv = r.app("--view", "timeline", "--search", RARE_WORD, "--data", str(data))
            app_runs.append(_ttfp(r, r.xdg(f"cold-{n}"), RARE_TITLE, argv, timeout))
            floor_argv = [r.code.python, "-c", _RTOML_FLOOR, str(files_list)]
            floor_runs.append(_ttfp(r, r.xdg("floor"), "rtoml floor: parsed", floor_argv, timeout))
            log(f"  cold {n:,} run {i + 1}/{runs}: app {app_runs[-1]}, rtoml floor {floor_runs[-1]}")
        good = [x["s"] for x in app_runs if "s" in x]
        floor = [x["s"] for x in floor_runs if "s" in x]
        out[run_py.size_label(n)] = {
            "data": str(data),
            "files": n_files,
            "title": RARE_TITLE,
            "files_holding_title": len(hits),
            "app": {"best_s": min(good, default=None), **summary(good), "runs": app_runs},
            "floor": {"best_s": min(floor, default=None), **summary(floor), "runs": floor_runs},
        }
    return out


def rows_and_targets(results: dict[str, Any]) -> tuple[list[list[str]], list[dict[str, Any]]]:
    rows: list[list[str]] = []
    checks: list[dict[str, Any]] = []

    def add(figure: str, value: float | None, unit: str, floor: float | None, target: str, ok: bool | None) -> None:
        ratio = value / floor if value is not None and floor else None
        status = ("SKIP" if target != "–" else "–") if ok is None else ("PASS" if ok else "FAIL")
        rows.append([figure, fmt(value, unit), fmt(floor, unit), fmt(ratio, "x"), target, status])
        checks.append(
            {"figure": figure, "value": value, "floor": floor, "ratio": ratio, "target": target, "status": status}
        )

    label = results["label"]
    for word, s in results.get("search", {}).items():
        med = s["s"]["median"]
        add(f"search {word} warm {label}, median (min {s['s']['min']:.3f} s)", med, "s", None,
            f"< {SEARCH_LIMIT_S} s", med < SEARCH_LIMIT_S)  # fmt: skip
        add(f"search {word} warm {label}, peak RSS", s["rss_mb"]["max"], "MB", None, "–", None)
    for form, e in results.get("export", {}).items():
        if form == "first_export":
            add(f"export csv {label}, first after a search (keeps the export's records)", e["s"], "s", None, "–",
                None)  # fmt: skip
            add(f"export csv {label}, first after a search, peak RSS", e["rss_mb"], "MB", None, "–", None)
            continue
        med, floor = e["s"]["median"], e["floor"]["s"]["median"]
        add(f"export {form} {label} ({e['bytes'] / 1e6:.1f} MB), median", med, "s", floor,
            f"<= {EXPORT_RATIO:g}x floor", med <= EXPORT_RATIO * floor)  # fmt: skip
        rss = e["rss_mb"]["max"]
        add(f"export {form} {label}, peak RSS", rss, "MB", e["floor"]["rss_mb"]["max"], f"< {EXPORT_RSS_MB:g} MB",
            rss < EXPORT_RSS_MB)  # fmt: skip
    rel = results.get("relative")
    if rel:
        warm = rel["absolute_warm"]["s"]["median"]
        first = rel["relative_first_s"]
        add(f"search {label}, relative --data after absolute (floor: absolute warm)", first, "s", warm,
            f"<= {RELATIVE_RATIO:g}x (cache shared)", first <= RELATIVE_RATIO * warm)  # fmt: skip
        if rel["relative_later"]:
            later = rel["relative_later"]["s"]["median"]
            add(f"search {label}, relative --data, later runs", later, "s", warm, "–", None)
        add(f"search {label}, absolute again after the relative runs", rel["absolute_after_relative_s"], "s",
            warm, "–", None)  # fmt: skip
        add(f"cache files the first relative run wrote: {len(rel['cache_files_written'])}", None, "", None,
            "0", not rel["cache_files_written"])  # fmt: skip
    for size, c in results.get("cold", {}).items():
        best, floor = c["app"]["best_s"], c["floor"]["best_s"]
        ok = None if best is None or floor is None else best <= COLD_RATIO * floor
        add(f"cold app --search to title {size}, best of {c['app']['n']} (floor: rtoml)", best, "s", floor,
            f"<= {COLD_RATIO:g}x floor", ok)  # fmt: skip
    return rows, checks


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--events", type=int, default=100_000, help="generated events for search/export/relative")
    parser.add_argument("--cold-sizes", default="50000,100000", help="generated events for the cold app start")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--data", type=Path, help="use this folder instead of generated --events")
    parser.add_argument("--repeat", type=int, default=5, help="warm samples per figure (default 5)")
    parser.add_argument("--export-repeat", type=int, default=3, help="samples per export format (default 3)")
    parser.add_argument("--cold-runs", type=int, default=3, help="cold app starts per size (default 3)")
    parser.add_argument("--cold-timeout", type=float, default=300)
    parser.add_argument("--skip", default="", help="comma-separated: search, export, relative, cold")
    parser.add_argument("--pythonpath", type=Path, help="checkout whose herzlich_tui is measured (default: installed)")
    parser.add_argument("--python", default=sys.executable, help="the interpreter with the app's dependencies")
    parser.add_argument("--no-bytecode-cache", dest="bytecode", action="store_false")
    parser.add_argument("--out", type=Path, default=HERE / "out" / "cli_probe.json")
    args = parser.parse_args(argv)
    skip = {s.strip() for s in args.skip.split(",") if s.strip()}
    import run as run_py

    code = CodeUnderTest(args.python, args.pythonpath, args.bytecode)
    data = args.data.resolve() if args.data else run_py.ensure_data(args.events, args.seed)
    results: dict[str, Any] = {
        "meta": {
            "when": time.strftime("%Y-%m-%d %H:%M:%S %z"),
            "code": code.describe(),
            "data": str(data),
            "rss_by": "GNU time %M" if GNU_TIME.exists() else "getrusage(RUSAGE_CHILDREN) of a wrapper",
            "load_before": load_average(),
            "cpus": os.cpu_count(),
            "args": {k: str(v) if isinstance(v, Path) else v for k, v in vars(args).items()},
        },
        "label": run_py.size_label(args.events) if not args.data else data.name,
    }
    log(f"code under test: {results['meta']['code']['herzlich_tui']}; data {data}")
    code.compile()
    with tempfile.TemporaryDirectory(prefix="herzlich-cli-") as tmp_name:
        r = Runner(code, Path(tmp_name))
        if "search" not in skip:
            results["search"] = bench_search(r, data, args.repeat)
        if "export" not in skip:
            results["export"] = bench_export(r, data, args.export_repeat)
        if "relative" not in skip:
            results["relative"] = bench_relative(r, data, args.repeat)
        if "cold" not in skip and shutil.which("tmux") and TTFP.exists():
            sizes = [int(s) for s in args.cold_sizes.split(",") if s.strip()]
            results["cold"] = bench_cold(r, sizes, args.cold_runs, args.seed, args.cold_timeout)
    results["meta"]["load_after"] = load_average()
    rows, checks = rows_and_targets(results)
    results["targets"] = checks
    print(render_table(["figure", "value", "floor", "ratio", "target", "status"], rows))
    write_json(args.out, results)
    return 0


if __name__ == "__main__":
    sys.exit(main())
