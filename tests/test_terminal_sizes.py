"""Any terminal size: every view and every dialog at 20x6, 40x10, 80x24 and 300x100 and while resizing
between them. Below the usable size the screen says how large to make the terminal; above it everything
works, and keys work again at once. And NO_COLOR is honoured without breaking anything."""

from __future__ import annotations

from pathlib import Path

import pytest
from app_helpers import ready
from textual.command import CommandPalette
from textual.filter import Monochrome, NoColor
from textual.pilot import Pilot
from textual.widgets import Input

from herzlich_tui import strings as S
from herzlich_tui.loading import data_roots
from herzlich_tui.ui.app import HerzlichApp
from herzlich_tui.ui.screens.dialogs import BookmarksScreen, HelpScreen, ProblemsScreen
from herzlich_tui.ui.screens.main import MIN_HEIGHT, MIN_WIDTH, MainScreen
from herzlich_tui.ui.widgets.detail import DetailPane
from herzlich_tui.ui.widgets.facet_list import FacetList
from herzlich_tui.ui.widgets.overview import Overview
from herzlich_tui.ui.widgets.record_list import RecordList

BAD = Path(__file__).resolve().parent / "bad_data"
SIZES = [(20, 6), (40, 10), (80, 24), (300, 100)]
VIEW_KEYS = {"timeline": "1", "projects": "2", "people": "3", "networks": "4", "overview": "5"}
MESSAGE = S.NOTICE_TOO_SMALL.format(width=MIN_WIDTH, height=MIN_HEIGHT)
KEYS = ["j", "pagedown", "G", "tab", "enter"]


def make_app(tmp_path: Path) -> HerzlichApp:
    app = HerzlichApp(roots=data_roots([BAD], user=False), export_dir=tmp_path / "exports")
    app.animation_level = "none"  # sizes are tested here, not scrolling animations (which the pilot waits out)
    return app


async def screen_text(pilot: Pilot) -> str:
    """What the terminal shows, as one line of words (so that a wrapped message reads whole). Notices
    are cleared first: on a tiny terminal a toast covers most of it for a few seconds."""
    pilot.app.clear_notifications()
    await pilot.pause()
    return " ".join(" ".join(strip.text for strip in pilot.app.screen._compositor.render_strips()).split())


def assert_running(app: HerzlichApp) -> None:
    assert app.is_running and app.return_code is None and app._exception is None


def too_small(width: int, height: int) -> bool:
    return width < MIN_WIDTH or height < MIN_HEIGHT


async def check_layout(pilot: Pilot, screen: MainScreen, view: str) -> None:
    width, height = pilot.app.size
    message = screen.query_one("#too-small")
    if too_small(width, height):
        assert screen.has_class("-too-small")
        assert MESSAGE in await screen_text(pilot)
    else:
        assert not screen.has_class("-too-small")
        assert not message.region.area
        shown = screen.query_one(Overview) if view == "overview" else screen.query_one(RecordList)
        if view != "overview" and screen.has_class("-reading"):  # (narrow: enter shows the details instead)
            shown = screen.query_one(DetailPane)
        assert shown.region.width > 0 and shown.region.height > 0, (view, width, height)


@pytest.mark.slow
async def test_every_view_at_every_size(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        screen = await ready(pilot)
        for view, key in VIEW_KEYS.items():
            await pilot.press(key)
            await pilot.pause()
            assert screen.view_state.view == view
            # every size, from the smallest to the largest and straight back
            for size in [*SIZES, (20, 6)]:
                await pilot.resize_terminal(*size)
                await pilot.pause()
                assert app.size == size
                await pilot.press(*KEYS)
                await pilot.pause()
                if screen.view_state.view != view:  # enter on a link may have opened another view
                    await pilot.press(VIEW_KEYS[view])
                    await pilot.pause()
                await check_layout(pilot, screen, view)
                assert_running(app)


async def test_the_usable_size_is_40_by_10(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=(39, 10)) as pilot:
        screen = await ready(pilot)
        for size, small in [
            ((39, 10), True),
            ((40, 9), True),
            ((40, 10), False),
            ((20, 6), True),
            ((300, 100), False),
            ((39, 100), True),
            ((300, 9), True),
            ((41, 11), False),
        ]:
            await pilot.resize_terminal(*size)
            await pilot.pause()
            assert screen.has_class("-too-small") is small, size
            assert (MESSAGE in await screen_text(pilot)) is small, size
            assert bool(screen.query_one("#body").region.area) is not small, size
            assert_running(app)


OPEN_KEYS = {"help": "question_mark", "problems": "exclamation_mark", "bookmarks": "B", "palette": "ctrl+p"}


async def open_dialog(pilot: Pilot, name: str) -> None:
    await pilot.press(OPEN_KEYS[name])
    await pilot.pause()


DIALOGS = {"help": HelpScreen, "problems": ProblemsScreen, "bookmarks": BookmarksScreen, "palette": CommandPalette}


@pytest.mark.slow
@pytest.mark.parametrize("name", list(DIALOGS))
async def test_every_dialog_at_every_size(tmp_path: Path, name: str) -> None:
    """Each dialog opened at each size, paged through and resized while open (Textual's option lists
    raised KeyError on page up/down when squeezed to no height)."""
    app = make_app(tmp_path)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await ready(pilot)
        await pilot.press("b")  # one bookmark, or B only says there are none
        await pilot.pause()
        assert len(app.bookmarks) == 1
        # opened at the extremes, then resized while open through the other sizes
        for size in [(20, 6), (300, 100), "resized while open"]:
            if size != "resized while open":
                await pilot.resize_terminal(*size)  # type: ignore[misc]
                await pilot.pause()
            await open_dialog(pilot, name)
            assert isinstance(app.screen, DIALOGS[name]), (name, size)
            await pilot.press("pagedown", "up", "pageup", "end", "pagedown")
            if size == "resized while open":
                for other in [(40, 10), (80, 24), (20, 6)]:
                    await pilot.resize_terminal(*other)
                    await pilot.pause()
                    await pilot.press("pagedown", "pageup")
            await pilot.pause()
            assert isinstance(app.screen, DIALOGS[name]), (name, size)
            assert_running(app)
            await pilot.press("escape")
            await pilot.pause()
            assert isinstance(app.screen, MainScreen)
            assert_running(app)


async def test_keys_work_again_after_the_terminal_was_too_small(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await ready(pilot)
        for where in ["list", "detail", "search", "overview"]:
            await pilot.press("escape", "1", "escape")
            await pilot.press({"list": "1", "detail": "tab", "search": "slash", "overview": "5"}[where])
            await pilot.pause()
            focused = app.focused
            kind = {"list": RecordList, "detail": DetailPane, "search": Input, "overview": Overview}[where]
            assert isinstance(focused, kind), (where, focused)
            await pilot.resize_terminal(20, 6)
            await pilot.pause()
            assert screen.has_class("-too-small")
            await pilot.resize_terminal(120, 40)
            await pilot.pause()
            assert app.focused is focused, where
            if where == "list":
                record_list = screen.query_one(RecordList)
                before = record_list.cursor
                await pilot.press("j")
                await pilot.pause()
                assert record_list.cursor > before


async def test_a_filter_list_hidden_while_a_dialog_was_open_can_be_paged(tmp_path: Path) -> None:
    """The path the monkey test found: a filter list has the focus, a dialog opens, the terminal shrinks
    below the usable size (too low, still wide: the filters keep updating), the dialog closes (the focus
    returns to the hidden list), its options change, and page down is pressed."""
    app = make_app(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        await pilot.press("f", "down")
        await pilot.pause()
        assert isinstance(app.focused, FacetList)
        assert app.focused.highlighted is not None
        await pilot.press("question_mark")
        await pilot.pause()
        await pilot.resize_terminal(120, 8)
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        for key in ["y", "pagedown", "pageup", "p", "pagedown", "x", "pageup"]:
            await pilot.press(key)
        await pilot.pause()
        assert_running(app)
        await pilot.resize_terminal(120, 40)
        await pilot.pause()
        await pilot.press("pagedown", "pageup")
        await pilot.pause()
        assert_running(app)


async def test_no_color(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    app = make_app(tmp_path)
    assert app.no_color
    assert any(isinstance(f, (NoColor, Monochrome)) for f in app._filters)
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        screen = await ready(pilot)
        for key in [
            "2",
            "3",
            "4",
            "5",
            "1",
            "j",
            "tab",
            "enter",
            "question_mark",
            "escape",
            "exclamation_mark",
            "escape",
            "b",
            "B",
            "escape",
            "slash",
            "a",
            "escape",
        ]:
            await pilot.press(key)
            await pilot.pause()
        assert screen.query_one(RecordList).rows
        await pilot.resize_terminal(20, 6)
        await pilot.pause()
        assert MESSAGE in await screen_text(pilot)
        assert_running(app)
