"""The core (model, loading, search, export, CLI, settings) imports without pulling in Textual."""

from __future__ import annotations

import subprocess
import sys

CORE = (
    "herzlich_tui.model",
    "herzlich_tui.loading",
    "herzlich_tui.search",
    "herzlich_tui.export",
    "herzlich_tui.cli",
    "herzlich_tui.settings",
)

PROGRAM = f"""
import importlib, sys
for name in {CORE!r}:
    importlib.import_module(name)
loaded = sorted(m for m in sys.modules if m == "textual" or m.startswith("textual."))
print(",".join(loaded) or "none")
"""


def test_core_does_not_import_textual() -> None:
    done = subprocess.run([sys.executable, "-c", PROGRAM], capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "none"


def test_the_check_does_see_textual_when_it_is_imported() -> None:
    # guards the test above against passing for the wrong reason (e.g. a program that never looks)
    program = PROGRAM.replace("import importlib, sys", "import importlib, sys, textual")
    done = subprocess.run([sys.executable, "-c", program], capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stderr
    assert "textual" in done.stdout.split(",")
