"""Snapshot tests: how each view looks at 80x24 and 120x40, and in German at 80x24 (update with
`pytest --snapshot-update`)."""

from __future__ import annotations

from pathlib import Path

import pytest
from app_helpers import ready
from textual.pilot import Pilot

from herzlich_tui.browse.spec import VIEW_NAMES
from herzlich_tui.i18n import set_language
from herzlich_tui.loading import data_roots
from herzlich_tui.ui.app import HerzlichApp

SIZES = [(80, 24), (120, 40)]
VIEWS = list(VIEW_NAMES)  # every view, the organisations and the search results included


async def _loaded(pilot: Pilot) -> None:
    await ready(pilot)


def _app(tmp_path: Path, **kwargs: object) -> HerzlichApp:
    return HerzlichApp(roots=data_roots(user=False), export_dir=tmp_path, **kwargs)  # type: ignore[arg-type]


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("view", VIEWS)
def test_view(snap_compare, tmp_path: Path, view: str, size: tuple[int, int]) -> None:
    assert snap_compare(_app(tmp_path, view=view), terminal_size=size, run_before=_loaded)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_search_highlights_matches(snap_compare, tmp_path: Path, size: tuple[int, int]) -> None:
    assert snap_compare(_app(tmp_path, view="timeline", search="hassfurt"), terminal_size=size, run_before=_loaded)


def test_filters_shown_on_narrow_terminal(snap_compare, tmp_path: Path) -> None:
    assert snap_compare(_app(tmp_path, year=2021), terminal_size=(80, 24), run_before=_loaded, press=["f"])


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_no_match(snap_compare, tmp_path: Path, size: tuple[int, int]) -> None:
    """Nothing matches: the whole message, a "did you mean", the filter panel with zero counts."""
    assert snap_compare(_app(tmp_path, view="timeline", search="Smrat"), terminal_size=size, run_before=_loaded)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_zoom(snap_compare, tmp_path: Path, size: tuple[int, int]) -> None:
    """z in the details: they alone, on the whole width."""
    app = _app(tmp_path, view="projects")
    assert snap_compare(app, terminal_size=size, run_before=_loaded, press=["enter", "z"])


def test_help(snap_compare, tmp_path: Path) -> None:
    assert snap_compare(_app(tmp_path), terminal_size=(80, 24), run_before=_loaded, press=["question_mark"])


@pytest.mark.parametrize("view", VIEWS)
def test_view_german(snap_compare, tmp_path: Path, view: str) -> None:
    """Every view in German at 80x24 (the words, dates and numbers of the German interface)."""
    set_language("de")
    assert snap_compare(_app(tmp_path, view=view), terminal_size=(80, 24), run_before=_loaded)


def test_help_german(snap_compare, tmp_path: Path) -> None:
    set_language("de")
    assert snap_compare(_app(tmp_path), terminal_size=(80, 24), run_before=_loaded, press=["question_mark"])
