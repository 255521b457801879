"""How long one saved file takes to show, in a running app and at the next start, against a warm start.

    python benchmarks/reload.py [--events 100000] [--repeat 3] [--pythonpath DIR] [--out FILE]

The generated data (benchmarks/out/data/events-N-seed-1, made by run.py or generate.py) is copied to a
temporary folder with a cache folder of its own. Each sample is a fresh process:

  warm        the cache holds exactly these files: `cache.load_indexed` to the dataset with its index.
  reload      as the app does when a watched file is saved: the data is loaded (warm), one file is edited
              (a title changed), and the data is loaded again, handing over what the last load kept (when
              the code under test can): time to the dataset (the list on screen) and to the search index.
  next start  one file edited while the program was not running, then a fresh load with the cache of
              the files as they were: time to the dataset and to the index.

Targets (issue 23): a reload shows within 1 s at 100k, a next start within 1.5x of a warm start. Medians
of --repeat samples; the load average is kept, since the machine is shared.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from harness import HERE, fmt, load_average, log, render_table, summary, write_json

_EDITED = "kommunen"

_SAMPLE = r"""
import inspect, json, sys, time
from pathlib import Path
from herzlich_tui import cache

phase, data, cache_dir, target, number = sys.argv[1:6]
roots = [(Path(data), "extra")]
cache_dir = Path(cache_dir)
takes_parts = "reuse" in inspect.signature(cache.load_indexed).parameters


def edit(number):
    path = Path(target)
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace('title = "', f'title = "Geändert {number} ', 1), encoding="utf-8")


def timed(**extra):
    marks = {}
    start = time.perf_counter()
    loaded = cache.load_indexed(
        roots, cache_dir, lambda result: marks.setdefault("list", time.perf_counter() - start), **extra
    )
    marks["index"] = time.perf_counter() - start
    marks.setdefault("list", marks["index"])
    return loaded, marks


if phase == "warm":
    _, marks = timed()
elif phase == "reload":
    before, _ = timed()
    edit(number)
    _, marks = timed(reuse=before.result.parts) if takes_parts else timed()
    marks["handed_over"] = takes_parts
else:
    edit(number)
    _, marks = timed()
print(json.dumps(marks))
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--pythonpath", type=Path, help="the code to measure (default: this checkout)")
    parser.add_argument("--out", type=Path, default=HERE / "out" / "reload.json")
    args = parser.parse_args()
    source = HERE / "out" / "data" / f"events-{args.events}-seed-1"
    if not source.is_dir():
        sys.exit(f"{source} is missing: make it with python benchmarks/generate.py --events {args.events}")
    env = dict(os.environ)
    if args.pythonpath is not None:
        env["PYTHONPATH"] = str(args.pythonpath.resolve())
    load_before = load_average()
    with tempfile.TemporaryDirectory(prefix="herzlich-reload-") as temp:
        data, cache_dir = Path(temp) / "data", Path(temp) / "cache"
        shutil.copytree(source, data)
        target = min((data / _EDITED).rglob("*.toml"))
        log(f"filling the cache for {args.events} events ...")
        samples: dict[str, list[dict[str, Any]]] = {"warm": [], "reload": [], "next start": []}

        def sample(phase: str, number: int) -> dict[str, Any]:
            argv = [sys.executable, "-c", _SAMPLE, phase, str(data), str(cache_dir), str(target), str(number)]
            out = subprocess.run(argv, env=env, capture_output=True, text=True, check=True).stdout
            return json.loads(out.splitlines()[-1])

        sample("warm", 0)  # (the first fills the cache)
        edits = 0
        for run in range(args.repeat):
            log(f"run {run + 1} of {args.repeat}")
            for phase in samples:
                edits += 1
                samples[phase].append(sample(phase, edits))
                if phase == "next start":
                    sample("warm", edits)  # (the cache of the edited files, for the next run's warm start)
    load_after = load_average()
    rows = []
    figures: dict[str, Any] = {}
    for phase, marks in samples.items():
        shown = summary(m["list"] for m in marks)
        indexed = summary(m["index"] for m in marks)
        figures[phase] = {"list": shown, "index": indexed}
        rows.append([phase, fmt(shown["median"], "s"), fmt(indexed["median"], "s")])
    warm = figures["warm"]["index"]["median"]
    for phase in ("reload", "next start"):
        figures[phase]["list_vs_warm"] = figures[phase]["list"]["median"] / warm
    handed = {m.get("handed_over") for m in samples["reload"]}
    print(render_table(["phase", "to the list (median)", "to the index (median)"], rows))
    print(f"reload hands over the last load's parts: {handed == {True}}")
    print(f"next start to the list / warm start: {figures['next start']['list_vs_warm']:.2f}x (target 1.5x)")
    print(f"load average before {load_before}, after {load_after}")
    write_json(
        args.out,
        {
            "events": args.events,
            "date": time.strftime("%Y-%m-%d %H:%M"),
            "load_before": load_before,
            "load_after": load_after,
            "figures": figures,
            "samples": samples,
        },
    )


if __name__ == "__main__":
    main()
