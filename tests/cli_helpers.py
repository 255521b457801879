"""Helpers shared by the command line's tests: calling main() as a shell would, and generated data with one
broken file (for the problem count line)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from herzlich_tui.cli import main

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
import generate

# An event for a file of its own: the tests search for the place in its title, spelt with umlauts.
EVENT = """
[[event]]
id = "e-where"
title = "Wegweiser in Grübentälchen"
date = "2022-05"
summary = "Ein Ereignis."
sources = ["r-test"]
"""
BROKEN = """
[[event]]
id = "e-broken"
title =
"""


def _code(argv: tuple[str, ...]) -> int:
    """main()'s exit code; SystemExit (argparse) counts as a return."""
    try:
        code = main(list(argv))
    except SystemExit as stop:
        code = stop.code if isinstance(stop.code, int) else 1
    return int(code)


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    """Call main() and return (exit code, stdout, stderr)."""
    code = _code(argv)
    out, err = capsys.readouterr()
    return code, out, err


def run_binary(capsysbinary: pytest.CaptureFixture[bytes], *argv: str) -> tuple[int, bytes, str]:
    """Call main() and return (exit code, stdout as bytes, stderr)."""
    code = _code(argv)
    out, err = capsysbinary.readouterr()
    return code, out, err.decode()


def no_load(*args: object, **kwargs: object) -> None:
    """Put in place of a loading function by tests of answers that must come from the cache alone."""
    raise AssertionError("the data was loaded")


def generated_with_a_problem(folder: Path, events: int, seed: int) -> Path:
    """`events` generated events in `folder`, and a file with a problem (for the count line)."""
    generate.generate(folder, events, seed=seed, jobs=1)
    (folder / "zz-broken.toml").write_text(BROKEN, encoding="utf-8")
    return folder
