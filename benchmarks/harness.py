"""What keystrokes.py and cli_probe.py share: the code under test, isolated environments, statistics, tables.

The code under test is chosen with `--pythonpath DIR` (a checkout whose herzlich_tui is imported instead of
the installed one): every process gets PYTHONPATH=DIR and PYTHONSAFEPATH=1, so that neither the current
folder nor a script's folder comes before it (`python -m herzlich_tui` run in another checkout would
otherwise import that checkout's code). Bytecode goes to benchmarks/out/pycache (PYTHONPYCACHEPREFIX), as
in run.py, and is compiled before measuring, so that no figure includes compiling herzlich_tui.
"""

from __future__ import annotations

import json
import math
import os
import statistics
import subprocess
import sys
import tempfile
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
