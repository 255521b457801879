"""First paint in a pseudo-terminal: from starting the program to the read that brings its first frame with
the list, beside a bare Textual app, in paired rounds.

    python benchmarks/first_paint.py [--code LABEL=DIR ...] [--rounds 25] [--languages en,de]
                                     [--size 120x40] [--out FILE]

Each `--code LABEL=DIR` is a checkout whose herzlich_tui is measured (PYTHONPATH=DIR, as `--pythonpath` in
keystrokes.py); without any, the installed code, labelled "installed". The floor is benchmarks/bare_app.py,
the smallest Textual app. Every program runs as a user starts it (the console script, or `python
bare_app.py`) in a pty of a fixed size with TERM=xterm-256color, and is killed once the read that brings its
frame is done: the bare app's line, the app's header "N of N" (German: "N von N"), found in the output with
escape sequences removed. The time is from just before the program is started to that read.

Two starts, each in English and German (`--languages`):
- **warm**, a start after one that quit: before the rounds, each code is started once per language in XDG
  folders of its own, left until its output has been quiet for 2 s, and quit with q; every warm start of
  the rounds uses those folders (the list, the CSS and the state kept by that run).
- **first**, a first start: new, empty XDG folders every time.

A round runs, for each language and start, the bare app and each code back to back (the bare app first in
even rounds, last in odd ones), so that the machine's slow drifts fall on all of them alike. Each ratio is
taken within its round (code / bare); the table gives the median of those ratios with their quartiles,
beside the median times. Compared with /work/shared/tools/ttfp (tmux), no terminal emulator is in between:
its start-up and its parsing of the frame are not counted (docs/performance.md, "First paint in a
pseudo-terminal").

Prints the table and PASS/FAIL for the target (the last code's median ratio <= 1.2 in every row) and writes
JSON (`--out`; default benchmarks/out/first_paint.json) with every sample, the code measured and the load
average before and after.
"""

from __future__ import annotations

import argparse
import os
import re
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from harness import (
    HERE,
    CodeUnderTest,
    Terminal,
    fmt,
    load_average,
    log,
    percentile,
    render_table,
    summary,
    write_json,
)

BARE_APP = HERE / "bare_app.py"
BARE_READY = re.compile(re.escape("herzlich-bench: bare Textual app ready"))
APP_READY = re.compile(r"\d[\d.,]*\s+(?:of|von)\s+\d[\d.,]*")
LANGUAGE_ENV = {"en": {"LANG": "C.UTF-8", "LANGUAGE": "en"}, "de": {"LANG": "de_DE.UTF-8", "LANGUAGE": "de"}}
STARTS = ("warm", "first")
TARGET = 1.2
FILL_QUIET = 2.0  # seconds without output after which the filling start is quit


def start(argv: list[str], env: dict[str, str], ready: re.Pattern[str], args: argparse.Namespace) -> float | None:
    """Milliseconds from starting `argv` to the read that brings `ready`; the program is killed then."""
    term = Terminal(argv, env, args.cols, args.rows, Path(tempfile.gettempdir()))
    try:
        found = term.read_until(ready, args.timeout)
    finally:
        term.proc.kill()
        term.proc.wait()
        term.close(b"")
    return None if found is None else found * 1000


def fill(code: CodeUnderTest, env: dict[str, str], args: argparse.Namespace) -> None:
    """Start the app once and quit it with q once it is quiet, as a user's earlier run would."""
    term = Terminal(code.app, env, args.cols, args.rows, Path(tempfile.gettempdir()))
    shown = term.read_until(APP_READY, args.timeout)
    if shown is not None:
        term.read_until_quiet(FILL_QUIET, 60)
    term.close(b"q")
    if shown is None:
        raise SystemExit("the app did not show its list: " + bytes(term.output[-400:]).decode("utf-8", "replace"))


def measure(codes: dict[str, CodeUnderTest], bare: CodeUnderTest, args: argparse.Namespace, tmp: Path) -> dict:
    samples: dict[str, dict[str, list[float | None]]] = {}
    warm = {(label, lang): tmp / f"warm-{label}-{lang}" for label in codes for lang in args.languages}
    for (label, lang), folder in warm.items():
        fill(codes[label], codes[label].env(folder, **LANGUAGE_ENV[lang]), args)
    for round_ in range(args.rounds):
        for lang in args.languages:
            for kind in STARTS:
                row = samples.setdefault(f"{lang} {kind}", {})
                order: list[str] = ["bare", *codes] if round_ % 2 == 0 else [*codes, "bare"]
                for label in order:
                    code = bare if label == "bare" else codes[label]
                    ready = BARE_READY if label == "bare" else APP_READY
                    with tempfile.TemporaryDirectory(dir=tmp) as empty:
                        folder = warm[label, lang] if kind == "warm" and label != "bare" else Path(empty)
                        env = code.env(folder, **LANGUAGE_ENV[lang])
                        row.setdefault(label, []).append(start(code.app, env, ready, args))
        log(f"round {round_ + 1} of {args.rounds}")
    return samples


def ratios(bare: list[float | None], code: list[float | None]) -> list[float]:
    return [c / b for b, c in zip(bare, code, strict=True) if b and c]


def summarise(samples: dict[str, dict[str, list[float | None]]], labels: list[str]) -> dict[str, Any]:
    """Per row: the bare app's median, and per code its median, the median ratio and its quartiles (None
    where no start showed its frame within the timeout)."""
    out: dict[str, Any] = {}
    for row, columns in samples.items():
        out[row] = {"bare_ms": summary(columns["bare"])["median"]}
        for label in labels:
            r = ratios(columns["bare"], columns[label])
            out[row][label] = {
                "median_ms": summary(columns[label])["median"],
                "ratio": statistics.median(r) if r else None,
                "ratio_q1": percentile(r, 0.25) if r else None,
                "ratio_q3": percentile(r, 0.75) if r else None,
                "n": len(r),
            }
    return out


def report(summary: dict[str, Any], labels: list[str]) -> str:
    header = ["start", "bare", *(f"{label}: median, ratio [quartiles] (n)" for label in labels)]
    rows = []
    for row, s in summary.items():
        cells = [row, fmt(s["bare_ms"], "ms")]
        for label in labels:
            c = s[label]
            quartiles = f" [{c['ratio_q1']:.2f}–{c['ratio_q3']:.2f}]" if c["n"] else ""
            cells.append(f"{fmt(c['median_ms'], 'ms')}, {fmt(c['ratio'], 'x')}{quartiles} ({c['n']})")
        rows.append(cells)
    lines = [render_table(header, rows), ""]
    last = labels[-1]
    for row, s in summary.items():
        ratio = s[last]["ratio"]
        status = "SKIP" if ratio is None else ("PASS" if ratio <= TARGET else "FAIL")
        lines.append(f"{status:4}  {last}, {row}: first paint {fmt(ratio, 'x')} bare (limit {fmt(TARGET, 'x')})")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--code", action="append", default=[], metavar="LABEL=DIR", help="a checkout to measure (repeatable)"
    )
    parser.add_argument("--rounds", type=int, default=25, help="paired rounds (default 25)")
    parser.add_argument("--languages", default="en,de", help="en, de or both (default en,de)")
    parser.add_argument("--size", default="120x40", help="terminal COLSxROWS (default 120x40)")
    parser.add_argument("--timeout", type=float, default=30, help="longest wait for one frame (seconds)")
    parser.add_argument("--python", default=sys.executable, help="the interpreter with textual and the app's deps")
    parser.add_argument("--no-bytecode-cache", dest="bytecode", action="store_false")
    parser.add_argument("--out", type=Path, default=HERE / "out" / "first_paint.json")
    args = parser.parse_args(argv)
    args.cols, args.rows = (int(x) for x in args.size.lower().split("x"))
    args.languages = [lang for lang in args.languages.split(",") if lang]
    if unknown := [lang for lang in args.languages if lang not in LANGUAGE_ENV]:
        parser.error(f"unknown language: {', '.join(unknown)}")

    codes: dict[str, CodeUnderTest] = {}
    for item in args.code or ["installed="]:
        label, _, folder = item.partition("=")
        codes[label] = CodeUnderTest(args.python, Path(folder) if folder else None, args.bytecode)
    bare = CodeUnderTest(args.python, None, args.bytecode)
    bare.app = [args.python, str(BARE_APP)]
    results: dict[str, Any] = {
        "meta": {
            "when": time.strftime("%Y-%m-%d %H:%M:%S %z"),
            "code": {label: code.describe() for label, code in codes.items()},
            "terminal": f"{args.cols}x{args.rows} xterm-256color",
            "rounds": args.rounds,
            "load_before": load_average(),
            "cpus": os.cpu_count(),
        },
    }
    for code in codes.values():
        code.compile()
    with tempfile.TemporaryDirectory(prefix="herzlich-paint-") as tmp:
        samples = measure(codes, bare, args, Path(tmp))
    results["meta"]["load_after"] = load_average()
    results["samples_ms"] = samples
    results["summary"] = summarise(samples, list(codes))
    print(report(results["summary"], list(codes)))
    write_json(args.out, results)
    return 0


if __name__ == "__main__":
    sys.exit(main())
