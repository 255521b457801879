"""The core (model, loading, search, export, cache, settings) and the presentation layer (browse/) import
without pulling in Textual; the same rules stand as import-linter contracts in pyproject.toml."""

from __future__ import annotations

import subprocess
import sys

import pytest

CORE = (
    "herzlich_tui.model",
    "herzlich_tui.loading",
    "herzlich_tui.search",
    "herzlich_tui.export",
    "herzlich_tui.cli",
    "herzlich_tui.settings",
    "herzlich_tui.cache",
    "herzlich_tui.cache_format",
    "herzlich_tui.bulk",
    "herzlich_tui.browse.engine",
    "herzlich_tui.browse.pages",
    "herzlich_tui.browse.overview",
    "herzlich_tui.browse.report",
    "herzlich_tui.browse.snapshot",
    "herzlich_tui.browse.history",
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


# The modules that hold or work on the data: the first frame and the command line import none of them.
DATA_MODULES = (
    "herzlich_tui.model",
    "herzlich_tui.loading.loader",
    "herzlich_tui.search",
    "herzlich_tui.browse.engine",
    "sqlite3",
)

# The app started headless in a fresh process: which of the modules that hold or work on the data (or the
# modules given) were imported when its first frame was drawn, and whether it showed a list kept ahead.
FIRST_FRAME = f"""
import asyncio, sys
from herzlich_tui.i18n import set_language
from herzlich_tui.loading.files import data_roots
from herzlich_tui.ui.app import HerzlichApp

HEAVY = tuple(sys.argv[2].split(",")) if len(sys.argv) > 2 else {DATA_MODULES!r}

async def main():
    if len(sys.argv) > 3:
        set_language(sys.argv[3])
    app = HerzlichApp(roots=data_roots(user=False), view=sys.argv[1])
    first = []
    original = app._display

    def display(screen, renderable):
        original(screen, renderable)
        if renderable is not None and not first:
            first.append(",".join(m for m in HEAVY if m in sys.modules) or "none")

    app._display = display
    async with app.run_test(size=(100, 30)) as pilot:
        for _ in range(200):
            await pilot.app.workers.wait_for_complete()
            await pilot.pause()
            if app.main.result is not None and app.main.result.rows:
                break
            await pilot.pause(0.05)
        kept = app.main.startup.kept is not None
        await pilot.press("q")
    print(first[0], "kept" if kept else "loaded")

asyncio.run(main())
"""


def test_the_first_frame_waits_for_no_data_module_when_a_list_was_kept() -> None:
    """The first start reads the (small) shipped data before its first frame; a later start draws the list
    kept from the run before without importing the model, the loader or the search index, which come with
    the data once the frame is up (together a third of what a start adds to Textual's own)."""

    # (The projects view: the shipped data's first list, worked out ahead, is the timeline's.)
    modules, how = start_app("projects")
    assert how == "loaded"
    assert "herzlich_tui.model" in modules.split(",")  # the check sees them when they are there
    assert start_app("projects") == ["none", "kept"]


def test_a_first_start_on_the_shipped_data_draws_the_list_worked_out_ahead() -> None:
    """On a first start with nothing kept, the shipped data's timeline is on the first frame, from the list
    worked out for it ahead (herzlich_tui/browse/shipped_view.py), without the model, the loader or the index."""
    assert start_app("timeline") == ["none", "kept"]


# Nor does it wait for what it does not show: the command line's parser, a record's page, the filter panel and
# its lists, the overview, the footer (mounted after the first frame), the palette's records, the problems of
# data that has none, what the engine works out (it comes with the data), gettext (the catalog is read by
# i18n.read_mo), tomllib (the settings and the state are read with rtoml: tomlread), nor json and hashlib
# (the list worked out ahead is a module, and the files it was made from are told by their CRC-32).
NOT_ON_THE_FIRST_FRAME = (
    "argparse",
    "gettext",
    "hashlib",
    "json",
    "tomllib",
    "herzlich_tui.loading.problems",
    "herzlich_tui.browse.results",
    "herzlich_tui.browse.blocks",
    "herzlich_tui.ui.widgets.page",
    "herzlich_tui.ui.widgets.facet_list",
    "herzlich_tui.ui.widgets.filters",
    "herzlich_tui.ui.widgets.overview",
    "herzlich_tui.ui.widgets.footer",
    "herzlich_tui.ui.providers",
)


@pytest.mark.parametrize("language", ["en", "de"])
def test_the_first_frame_waits_for_nothing_it_does_not_show(language: str) -> None:
    # The first start draws the shipped data's list, worked out ahead; the next its own, and the state it saved.
    assert start_app("timeline", NOT_ON_THE_FIRST_FRAME, language) == ["none", "kept"]
    assert start_app("timeline", NOT_ON_THE_FIRST_FRAME, language) == ["none", "kept"]


def start_app(view: str, modules: tuple[str, ...] = DATA_MODULES, language: str = "en") -> list[str]:
    done = subprocess.run(
        [sys.executable, "-c", FIRST_FRAME, view, ",".join(modules), language],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout.split()


def test_starting_the_browser_imports_no_data_module() -> None:
    """The command line (its parser built and used) and the app import the loader, the model and the search
    index when they are used."""
    program = (
        "import sys, herzlich_tui.cli, herzlich_tui.ui.app\n"
        # argparse lists a choice's values as the parser is built, unless the argument has a metavar
        "herzlich_tui.cli.build_parser().parse_args(['--view', 'timeline'])\n"
        f"heavy = {DATA_MODULES!r}\n"
        "print(','.join(m for m in heavy if m in sys.modules) or 'none')\n"
    )
    done = subprocess.run([sys.executable, "-c", program], capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "none"


def test_the_bare_command_opens_the_browser_without_argparse() -> None:
    program = (
        "import sys, herzlich_tui.cli as cli\n"
        "cli._run_app = lambda args, extra: print('argparse' in sys.modules, args.command, args.view, extra) or 0\n"
        "sys.exit(cli.main([]))\n"
    )
    done = subprocess.run([sys.executable, "-c", program], capture_output=True, text=True, timeout=60, check=True)
    assert done.stdout.split() == ["False", "None", "None", "[]"]


def test_the_bare_command_gets_what_the_parser_would_give_it() -> None:
    from herzlich_tui.cli import BARE_COMMAND, build_parser

    parsed = vars(build_parser().parse_args([]))
    assert {name: parsed.get(name) for name in BARE_COMMAND} == BARE_COMMAND
    assert "data" not in parsed  # (the bare command reads no folder either)
