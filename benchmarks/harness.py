"""What keystrokes.py, cli_probe.py and first_paint.py share: the code under test, isolated environments, a
program in a pseudo-terminal, statistics, tables.

The code under test is chosen with `--pythonpath DIR` (a checkout whose herzlich_tui is imported instead of
the installed one): every process gets PYTHONPATH=DIR and PYTHONSAFEPATH=1, so that neither the current
folder nor a script's folder comes before it (`python -m herzlich_tui` run in another checkout would
otherwise import that checkout's code). Bytecode goes to benchmarks/out/pycache (PYTHONPYCACHEPREFIX), as
in run.py, and is compiled before measuring, so that no figure includes compiling herzlich_tui.
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import math
import os
import re
import select
import statistics
import struct
import subprocess
import sys
import tempfile
import termios
import time
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
PYCACHE = HERE / "out" / "pycache"
TTFP = Path("/work/shared/tools/ttfp")


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


class CodeUnderTest:
    """The interpreter and the checkout whose herzlich_tui the measured processes import."""

    def __init__(self, python: str, pythonpath: Path | None, bytecode: bool = True) -> None:
        self.python = python
        self.pythonpath = pythonpath.resolve() if pythonpath else None
        self.bytecode = bytecode
        self.base_env = {k: v for k, v in os.environ.items() if not k.startswith(("XDG_", "BENCH_", "TEXTUAL"))}
        self.base_env.pop("PYTHONPATH", None)
        self.base_env["PYTHONSAFEPATH"] = "1"
        self.base_env["LANGUAGE"] = "en"
        self.base_env.setdefault("LANG", "C.UTF-8")
        if self.pythonpath:
            self.base_env["PYTHONPATH"] = str(self.pythonpath)
        if bytecode:
            self.base_env.pop("PYTHONDONTWRITEBYTECODE", None)
            self.base_env["PYTHONPYCACHEPREFIX"] = str(PYCACHE)
        script = Path(python).parent / "herzlich-tui"
        # The console script imports herzlich_tui.cli like `-m` does; with PYTHONSAFEPATH both find the code
        # under test first, whatever the working folder.
        self.app = [str(script)] if script.exists() else [python, "-m", "herzlich_tui"]

    def env(self, xdg_base: Path, **extra: str) -> dict[str, str]:
        """The environment of one measured process: XDG folders below xdg_base, nothing of the user's."""
        env = dict(self.base_env)
        for name in ("DATA", "CONFIG", "STATE", "CACHE"):
            env[f"XDG_{name}_HOME"] = str(xdg_base / name.lower())
        env.update(extra)
        return env

    def describe(self) -> dict[str, Any]:
        """Which herzlich_tui the processes import, and the state of its checkout."""
        with tempfile.TemporaryDirectory() as tmp:
            found = subprocess.run(
                [self.python, "-c", "import herzlich_tui, textual, importlib.metadata as m; "
                 "print(herzlich_tui.__file__); print(m.version('textual'))"],
                env=self.env(Path(tmp)),
                cwd=tmp,
                capture_output=True,
                text=True,
            ).stdout.split("\n")  # fmt: skip
        info: dict[str, Any] = {
            "python": self.python,
            "pythonpath": str(self.pythonpath) if self.pythonpath else None,
            "herzlich_tui": found[0] if found else None,
            "textual": found[1] if len(found) > 1 else None,
        }
        root = Path(info["herzlich_tui"]).parent.parent if info["herzlich_tui"] else None
        if root is not None and (root / ".git").exists():
            git = ["git", "-C", str(root)]
            info["commit"] = subprocess.run([*git, "rev-parse", "HEAD"], capture_output=True, text=True).stdout.strip()
            info["uncommitted"] = subprocess.run(
                [*git, "status", "--porcelain", "herzlich_tui"], capture_output=True, text=True
            ).stdout.splitlines()
        return info

    def compile(self) -> None:
        """Bytecode of herzlich_tui, textual and rich into PYCACHE, as an installed app has it."""
        if not self.bytecode:
            return
        t = time.perf_counter()
        with tempfile.TemporaryDirectory() as tmp:
            env = self.env(Path(tmp))
            where = subprocess.run(
                [
                    self.python,
                    "-c",
                    "import herzlich_tui, textual, rich, platformdirs, tomli_w, os; "
                    "print('\\n'.join(os.path.dirname(m.__file__) "
                    "for m in (herzlich_tui, textual, rich, platformdirs, tomli_w)))",
                ],
                env=env,
                cwd=tmp,
                capture_output=True,
                text=True,
                check=True,
            ).stdout.split()
            subprocess.run([self.python, "-m", "compileall", "-q", "-j", "0", *where], env=env, capture_output=True)
        log(f"bytecode in {PYCACHE} ({time.perf_counter() - t:.1f} s)")


def load_average() -> list[float]:
    try:
        return [round(x, 2) for x in os.getloadavg()]
    except OSError:
        return []


# --- a program in a pseudo-terminal -----------------------------------------------------------------
ANSI = re.compile(rb"\x1b\[[0-9;?<>=$ ]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|\x1b[()][0-9A-Za-z]|\x1b[=>78]")


def screen_text(data: bytes) -> str:
    """The text of terminal output, escape sequences removed (cursor moves too, so text runs together)."""
    return ANSI.sub(b" ", data).decode("utf-8", "replace")


class Terminal:
    """A program in a pseudo-terminal of a fixed size, read from this process."""

    def __init__(self, argv: list[str], env: dict[str, str], cols: int, rows: int, cwd: Path) -> None:
        self.master, slave = os.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))
        env = {**env, "TERM": "xterm-256color", "COLORTERM": "truecolor"}
        env.pop("COLUMNS", None)
        env.pop("LINES", None)
        self.started = time.perf_counter()
        self.proc = subprocess.Popen(
            argv,
            stdin=slave,
            stdout=slave,
            stderr=slave,
            env=env,
            cwd=cwd,
            start_new_session=True,
            preexec_fn=lambda: fcntl.ioctl(0, termios.TIOCSCTTY, 0),  # the pty becomes its terminal
        )
        os.close(slave)
        self.output = bytearray()

    def read_until(self, pattern: re.Pattern[str], timeout: float) -> float | None:
        """Read until `pattern` is in the text of the output (see screen_text): the seconds from the program's
        start to the read that brought it; None when `timeout` passed or the program ended first."""
        deadline = self.started + timeout
        while (wait := deadline - time.perf_counter()) > 0:
            data = self._read(wait)
            if data is None:
                return None
            read_at = time.perf_counter()  # (before the text is searched: the search is the probe's work)
            if data and pattern.search(screen_text(bytes(self.output))):
                return read_at - self.started
        return None

    def _read(self, wait: float) -> bytes | None:
        """What the program wrote within `wait` seconds (b"" for nothing), added to `output`; None once the
        program has gone."""
        ready, _, _ = select.select([self.master], [], [], wait)
        if not ready:
            return b""
        try:
            data = os.read(self.master, 65536)
        except OSError:  # the program has gone
            return None
        if not data:
            return None
        self.output += data
        return data

    def read_until_quiet(self, quiet: float, timeout: float, first: float = 0.0) -> list[tuple[float, int]]:
        """Read until nothing came for `quiet` seconds (or `timeout` passed): the (time, size) of each read.
        The first output may take up to `first` seconds (a slow key's update starts late), at least `quiet`."""
        chunks: list[tuple[float, int]] = []
        deadline = time.perf_counter() + timeout
        last = time.perf_counter()
        while True:
            now = time.perf_counter()
            wait = min((quiet if chunks else max(quiet, first)) - (now - last), deadline - now)
            if wait <= 0:
                return chunks
            data = self._read(wait)
            if data is None:
                return chunks
            if data:
                last = time.perf_counter()
                chunks.append((last, len(data)))

    def close(self, quit_keys: bytes, timeout: float = 20) -> None:
        """Quit with the program's own key, as a user would; terminate it if it does not go."""
        if self.proc.poll() is None:
            with contextlib.suppress(OSError):
                os.write(self.master, quit_keys)
            deadline = time.perf_counter() + timeout
            while self.proc.poll() is None and time.perf_counter() < deadline:
                self.read_until_quiet(0.1, 0.5)
            if self.proc.poll() is None:
                self.proc.terminate()
                try:
                    self.proc.wait(5)
                except subprocess.TimeoutExpired:
                    self.proc.kill()
                    self.proc.wait()
        os.close(self.master)


# --- statistics ----------------------------------------------------------------------------------------
def percentile(samples: Sequence[float], q: float) -> float:
    ordered = sorted(samples)
    if not ordered:
        return math.nan
    k = (len(ordered) - 1) * q
    low, high = int(k), min(int(k) + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (k - low)


def summary(samples: Iterable[float | None]) -> dict[str, Any]:
    values = [v for v in samples if v is not None]
    return {
        "n": len(values),
        "median": statistics.median(values) if values else None,
        "p95": percentile(values, 0.95) if values else None,
        "min": min(values, default=None),
        "max": max(values, default=None),
    }


# --- output --------------------------------------------------------------------------------------------
def fmt(value: float | None, unit: str = "") -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "–"
    if unit == "ms":
        return f"{value:.0f} ms" if value >= 10 else f"{value:.1f} ms"
    if unit == "s":
        return f"{value:.2f} s"
    if unit == "MB":
        return f"{value:.0f} MB"
    if unit == "x":
        return f"{value:.2f}×"
    return f"{value:g}{(' ' + unit) if unit else ''}"


def render_table(header: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    widths = [max(len(str(r[i])) for r in [header, *rows]) for i in range(len(header))]
    line = "  ".join(h.ljust(w) for h, w in zip(header, widths, strict=True))
    out = [line, "  ".join("-" * w for w in widths)]
    for row in rows:
        out.append("  ".join(str(c).ljust(w) for c, w in zip(row, widths, strict=True)))
    return "\n".join(out)


def write_json(path: Path, data: dict[str, Any]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    log(f"wrote {path}")
