"""Keystroke latency of the real app in a pseudo-terminal: from writing a key's bytes to the last byte of the
screen update it causes.

    python benchmarks/keystrokes.py [--sizes 10000,100000] [--vocabulary default|realistic] [--data DIR ...]
                                    [--size 120x40|80x24] [--rounds 4] [--quiet 0.2] [--pythonpath DIR]
                                    [--no-bare] [--no-shipped] [--out FILE]

The app (`herzlich-tui --view timeline [--data DIR]`) runs in a pty of a fixed size with TERM=xterm-256color
and XDG folders of its own. For each data set it is started once to fill the cache and quit with q, then
started again and left to load until its output has been quiet for --ready-quiet seconds and the header shows
"N of N" (checked on the output with escape sequences stripped), and then until it is idle: under 5% of a core
for a second (from /proc), so that no work after the list runs under the keys (the search index is built after
the list shows, and a first start that quits before it is done leaves it to the next). Then, per round: "/"
and the letters of --word typed one at a time, escape (clears the search); down, PageDown, End and Home; y and
p, each pressed several times (cycling years and programmes), then x to clear the filters (its notice is
waited out until it has gone, unmeasured). After each key the probe reads until no output has come for --quiet
seconds: the latency is the time of the last byte before that quiet minus the time the key was written (the
first byte may take up to --first-timeout); the first byte's time and the bytes written are kept too. A key
that causes no output has no latency (counted as `silent`).

The floor is benchmarks/echo_app.py, a Textual app that shows the last key, driven with the same keys: what
the terminal, the pty and Textual alone cost. Both run through benchmarks/launch.py, which keeps the text
cursor from blinking (a blink every half second is output that would be taken for part of an update).

Prints median / p95 (n) per key and column, and PASS/FAIL for the target: p95 < 50 ms at 100k for every key.
"""

from __future__ import annotations

import argparse
import os
import re
import sys
import tempfile
import time
from dataclasses import dataclass, field
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
    render_table,
    screen_text,
    summary,
    write_json,
)

LAUNCH = HERE / "launch.py"
ECHO_APP = HERE / "echo_app.py"
ECHO_READY = "herzlich-bench: echo app ready"
TARGET_MS = 50.0
TARGET_COLUMN = "100k"
NOTICE_S = 2.0  # how long the app shows the notice of x (filters cleared)
IDLE_WINDOW = 1.0  # seconds: the app counts as idle once it used under IDLE_SHARE of a core for this long
IDLE_SHARE = 0.05

# Keys as an xterm sends them (Textual reads both the normal and the application cursor-key forms).
KEY_BYTES = {
    "down": b"\x1b[B",
    "pagedown": b"\x1b[6~",
    "end": b"\x1b[F",
    "home": b"\x1b[H",
    "escape": b"\x1b",
}
# Keys measured for information only: escape waits ESCDELAY (Textual: 100 ms) to tell it from a sequence.
INFO_KEYS = ("escape", "home")
_COUNT = re.compile(r"(\d[\d,.]*) of (\d[\d,.]*)")


@dataclass
class Press:
    key: str
    latency_ms: float | None  # last byte before the quiet period, from the key's write
    first_ms: float | None
    nbytes: int
    timeline: list[tuple[float, int]]  # each read: ms after the key, bytes


def press(term: Terminal, key: str, data: bytes, quiet: float, timeout: float, first: float) -> Press:
    """Write a key's bytes to the program and read its screen update (see the module's docstring)."""
    t = time.perf_counter()
    os.write(term.master, data)
    chunks = term.read_until_quiet(quiet, timeout, first)
    if not chunks:
        return Press(key, None, None, 0, [])
    return Press(
        key,
        (chunks[-1][0] - t) * 1000,
        (chunks[0][0] - t) * 1000,
        sum(n for _, n in chunks),
        [(round((at - t) * 1000, 1), n) for at, n in chunks],
    )


@dataclass
class Column:
    label: str
    argv: list[str]
    ready_text: str | None  # None: the app's "N of N" header
    quit_keys: bytes
    app: bool  # the herzlich app (filters to clear), not the echo floor
    data: Path | None = None
    result: dict[str, Any] = field(default_factory=dict)


def cpu_seconds(pid: int) -> float | None:
    """The CPU time (user + system) a process has used so far, from /proc; None where there is no /proc."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def wait_idle(term: Terminal, window: float, share: float, timeout: float) -> float:
    """Read the program's output until it has used under `share` of one core over `window` seconds (its
    background work done: a search index built after the list shows, the cache written). Returns the
    seconds waited."""
    t = time.perf_counter()
    before = cpu_seconds(term.proc.pid)
    while before is not None and time.perf_counter() - t < timeout:
        term.read_until_quiet(window, window)
        after = cpu_seconds(term.proc.pid)
        if after is None or after - before < share * window:
            break
        before = after
    return time.perf_counter() - t


def wait_ready(term: Terminal, column: Column, settle: float, timeout: float) -> dict[str, Any]:
    """Let the program load until its output is quiet for `settle` seconds and the screen shows it ready,
    and then until it is idle (see wait_idle): keys are timed on an app that has nothing else to do."""
    t = time.perf_counter()
    while True:
        term.read_until_quiet(settle, max(1.0, timeout - (time.perf_counter() - t)))
        text = screen_text(bytes(term.output))
        screen = None
        if column.ready_text is not None:
            if column.ready_text in text:
                screen = column.ready_text
        else:
            counts = _COUNT.findall(text)
            loading = text.rfind("Loading")
            if counts and term.output and loading < text.rfind(" of "):
                shown, total = counts[-1]
                screen = f"{shown} of {total}"
        if screen is not None:
            ready = time.perf_counter() - t
            idle = wait_idle(term, IDLE_WINDOW, IDLE_SHARE, max(1.0, timeout - ready))
            return {"ready_s": ready, "idle_after_s": idle, "screen": screen}
        if term.proc.poll() is not None:
            raise RuntimeError(f"{column.label}: exited ({term.proc.returncode}): {text[-2000:]}")
        if time.perf_counter() - t > timeout:
            raise RuntimeError(f"{column.label}: not ready after {timeout:.0f} s; screen: {text[-2000:]}")


def plan(args: argparse.Namespace, app: bool) -> list[tuple[str, str, bytes]]:
    """One round of keys: (group, key name, bytes). The group is what the table reports."""
    keys: list[tuple[str, str, bytes]] = [("/ (open search)", "/", b"/")]
    keys += [("search letter", letter, letter.encode()) for letter in args.word]
    keys.append(("escape (clear search)", "escape", KEY_BYTES["escape"]))
    keys += [("down", "down", KEY_BYTES["down"])] * args.downs
    keys += [("pagedown", "pagedown", KEY_BYTES["pagedown"])] * args.pagedowns
    keys += [("end", "end", KEY_BYTES["end"]), ("home", "home", KEY_BYTES["home"])] * args.ends
    keys += [("y (cycle year)", "y", b"y")] * args.cycles
    keys += [("p (cycle programme)", "p", b"p")] * args.cycles
    return keys


def measure(column: Column, code: CodeUnderTest, args: argparse.Namespace, tmp: Path) -> dict[str, Any]:
    cols, rows = args.cols, args.rows
    env = code.env(tmp / f"xdg-{column.label}")
    out: dict[str, Any] = {"data": str(column.data) if column.data else None, "argv": column.argv}
    if column.app:
        # The first start fills the cache (and whatever the app keeps for the next start); q quits it.
        log(f"[{column.label}] first start, filling the cache ...")
        term = Terminal(column.argv, env, cols, rows, tmp)
        warm = wait_ready(term, column, args.ready_quiet, args.ready_timeout)
        term.close(column.quit_keys)
        out["first_start_ready_s"] = warm["ready_s"]
    log(f"[{column.label}] start, waiting until loaded and quiet for {args.ready_quiet} s ...")
    term = Terminal(column.argv, env, cols, rows, tmp)
    try:
        out.update(wait_ready(term, column, args.ready_quiet, args.ready_timeout))
        idle = f"idle {out['idle_after_s']:.1f} s later"
        log(f"[{column.label}] ready in {out['ready_s']:.1f} s, {idle}; screen shows {out['screen']!r}")
        presses: dict[str, list[Press]] = {}
        started = time.perf_counter()
        for r in range(args.rounds):
            for group, key, data in plan(args, column.app):
                presses.setdefault(group, []).append(
                    press(term, key, data, args.quiet, args.key_timeout, args.first_timeout)
                )
            if column.app:
                # Clear the filters for the next round; its notice goes away after two seconds, which the
                # next keys must not see (reading until quiet ended with the notice still up).
                press(term, "x", b"x", args.quiet, args.key_timeout, args.first_timeout)
                gone = time.perf_counter() + NOTICE_S + 0.5
                while (left := gone - time.perf_counter()) > 0:
                    term.read_until_quiet(left, left)
                term.read_until_quiet(args.quiet, 3.0)
            log(f"  round {r + 1}/{args.rounds} done ({time.perf_counter() - started:.0f} s)")
            if r + 1 >= args.min_rounds and time.perf_counter() - started > args.budget:
                break
        out["rounds"] = r + 1
        out["screen_after"] = (_COUNT.findall(screen_text(bytes(term.output[-200_000:]))) or [None])[-1]
    finally:
        term.close(column.quit_keys)
    out["keys"] = {
        group: {
            "latency_ms": summary(p.latency_ms for p in ps),
            "first_byte_ms": summary(p.first_ms for p in ps),
            "bytes_median": summary(p.nbytes for p in ps)["median"],
            "silent": sum(1 for p in ps if p.latency_ms is None),
            "samples_ms": [None if p.latency_ms is None else round(p.latency_ms, 2) for p in ps],
            "timelines": [p.timeline for p in ps[:3]],  # (ms after the key, bytes) of each read
        }
        for group, ps in presses.items()
    }
    return out


def columns(args: argparse.Namespace, code: CodeUnderTest) -> list[Column]:
    import run  # the data sets, as run.py writes them (benchmarks/out/data)

    app = [code.python, str(LAUNCH), "-m", "herzlich_tui", "--view", "timeline"]
    out: list[Column] = []
    if args.bare:
        out.append(Column("bare", [code.python, str(LAUNCH), str(ECHO_APP)], ECHO_READY, b"\x11", False))
    if args.shipped:
        out.append(Column("shipped", app, None, b"q", True))
    for n in args.sizes:
        folder = run.ensure_data(n, args.seed, vocabulary=args.vocabulary)
        label = run.size_label(n) + ("" if args.vocabulary == "default" else f" {args.vocabulary}")
        out.append(Column(label, [*app, "--data", str(folder)], None, b"q", True, folder))
    for folder in args.data:
        out.append(Column(folder.name, [*app, "--data", str(folder.resolve())], None, b"q", True, folder))
    return out


def report(results: dict[str, Any]) -> str:
    cols = results["columns"]
    groups: list[str] = []
    for c in cols.values():
        groups += [g for g in c.get("keys", {}) if g not in groups]
    header = ["key", *(f"{label} median / p95 (n)" for label in cols)]
    rows = []
    for g in groups:
        row = [g]
        for c in cols.values():
            k = c.get("keys", {}).get(g)
            s = k["latency_ms"] if k else None
            row.append(f"{fmt(s['median'], 'ms')} / {fmt(s['p95'], 'ms')} ({s['n']})" if s and s["n"] else "–")
        rows.append(row)
    first = ["first byte, median:"] + [
        ", ".join(f"{g.split(' ')[0]} {fmt(k['first_byte_ms']['median'], 'ms')}" for g, k in c.get("keys", {}).items())
        for c in cols.values()
    ]
    lines = [render_table(header, rows), ""]
    lines += [f"{label}: {text}" for label, text in zip(cols, first[1:], strict=True)]
    lines.append("")
    for t in results["targets"]:
        lines.append(f"{t['status']:4}  {t['target']}: {fmt(t['value'], 'ms')} (limit {fmt(t['limit'], 'ms')})")
    return "\n".join(lines)


def targets(results: dict[str, Any]) -> list[dict[str, Any]]:
    column = results["columns"].get(TARGET_COLUMN)
    out = []
    for group in plan(results["args"], True):
        name = group[0]
        if name in INFO_KEYS or name.split(" ")[0] in INFO_KEYS or any(t["key"] == name for t in out):
            continue
        s = column["keys"].get(name, {}).get("latency_ms") if column else None
        value = s["p95"] if s and s["n"] else None
        status = "SKIP" if value is None else ("PASS" if value < TARGET_MS else "FAIL")
        out.append(
            {"key": name, "target": f"{TARGET_COLUMN} p95 {name}", "value": value, "limit": TARGET_MS, "status": status}
        )
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="10000,100000", help="generated event counts (default 10000,100000)")
    parser.add_argument("--vocabulary", choices=("default", "realistic"), default="default")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--data", type=Path, action="append", default=[], help="another data folder (repeatable)")
    parser.add_argument("--no-bare", dest="bare", action="store_false", help="skip the echo app floor")
    parser.add_argument("--no-shipped", dest="shipped", action="store_false", help="skip the shipped data alone")
    parser.add_argument("--size", default="120x40", help="terminal COLSxROWS (default 120x40; also 80x24)")
    parser.add_argument("--word", default="digital", help="typed into the search box (default digital)")
    parser.add_argument("--rounds", type=int, default=4, help="rounds of every key (default 4)")
    parser.add_argument("--min-rounds", type=int, default=2, help="rounds before --budget may stop (default 2)")
    parser.add_argument("--budget", type=float, default=240, help="seconds per column after which rounds stop")
    parser.add_argument("--downs", type=int, default=10, help="down presses per round (default 10)")
    parser.add_argument("--pagedowns", type=int, default=5, help="PageDown presses per round (default 5)")
    parser.add_argument("--ends", type=int, default=3, help="End + Home pairs per round (default 3)")
    parser.add_argument("--cycles", type=int, default=6, help="y presses, then p presses, per round (default 6)")
    parser.add_argument("--quiet", type=float, default=0.2, help="seconds without output that end an update")
    parser.add_argument("--key-timeout", type=float, default=60, help="longest wait for one key's update")
    parser.add_argument(
        "--first-timeout", type=float, default=10, help="longest wait for a key's first output (else: silent)"
    )
    parser.add_argument("--ready-quiet", type=float, default=3.0, help="quiet seconds that mean loaded (default 3)")
    parser.add_argument("--ready-timeout", type=float, default=600)
    parser.add_argument("--pythonpath", type=Path, help="checkout whose herzlich_tui is measured (default: installed)")
    parser.add_argument("--python", default=sys.executable, help="the interpreter with textual and the app's deps")
    parser.add_argument("--no-bytecode-cache", dest="bytecode", action="store_false")
    parser.add_argument("--out", type=Path, default=HERE / "out" / "keystrokes.json")
    args = parser.parse_args(argv)
    args.sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    args.cols, args.rows = (int(x) for x in args.size.lower().split("x"))

    code = CodeUnderTest(args.python, args.pythonpath, args.bytecode)
    results: dict[str, Any] = {
        "meta": {
            "when": time.strftime("%Y-%m-%d %H:%M:%S %z"),
            "code": code.describe(),
            "terminal": f"{args.cols}x{args.rows} xterm-256color",
            "quiet_s": args.quiet,
            "word": args.word,
            "load_before": load_average(),
            "cpus": os.cpu_count(),
        },
        "columns": {},
    }
    log(f"code under test: {results['meta']['code']['herzlich_tui']}")
    code.compile()
    with tempfile.TemporaryDirectory(prefix="herzlich-keys-") as tmp:
        for column in columns(args, code):
            results["columns"][column.label] = measure(column, code, args, Path(tmp))
    results["meta"]["load_after"] = load_average()
    results["args"] = args
    results["targets"] = targets(results)
    print(report(results))
    results["args"] = {k: str(v) if isinstance(v, Path) else v for k, v in vars(args).items()}
    results["args"]["data"] = [str(p) for p in args.data]
    write_json(args.out, results)
    return 0


if __name__ == "__main__":
    sys.exit(main())
