"""Pilot tests of the browser's flows: views, search, filters, links and history, bookmarks, export."""

from __future__ import annotations

import contextlib
import threading
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from app_helpers import hold_loading, listed, make_app, reading, ready
from textual import events
from textual.app import App
from textual.pilot import Pilot
from textual.widgets import Input

from herzlich_tui import cache
from herzlich_tui import strings as S
from herzlich_tui.browse import snapshot
from herzlich_tui.browse.state import ViewState
from herzlich_tui.loading import data_roots
from herzlich_tui.settings import StateStore
from herzlich_tui.ui.messages import LoadProgress
from herzlich_tui.ui.screens.dialogs import BookmarksScreen, HelpScreen, ProblemsScreen
from herzlich_tui.ui.screens.main import MainScreen
from herzlich_tui.ui.widgets.detail import DetailPane
from herzlich_tui.ui.widgets.record_list import RecordList

_CHARACTERS = {"enter": "\r", "tab": "\t", "escape": None, "slash": "/"}


def at_once(app: App, *keys: str) -> None:
    """Hand the app keys with no pause between, as the terminal's driver does with keys typed fast or pasted,
    or that came while the app was busy: each is passed on before the one before it has been dealt with."""
    for key in keys:
        app.post_message(events.Key(key, _CHARACTERS.get(key, key)))


def line_text(record_list: RecordList, y: int) -> str:
    return record_list.render_line(y).text


def event_years(screen: MainScreen) -> set[int]:
    assert screen.dataset is not None
    return {screen.dataset.year_of(screen.dataset[i]) for i in listed(screen)}  # type: ignore[misc]


async def test_launch_shows_timeline_of_both_years(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await ready(pilot)
        assert screen.view_state.view == "timeline"
        assert {2020, 2021} <= event_years(screen)
        assert all(screen.dataset[i].kind == "event" for i in listed(screen))  # type: ignore[index]
        assert screen.sub_title.endswith("37 of 37") or " of " in screen.sub_title
        assert isinstance(app.focused, RecordList)


async def test_the_cycle_collector_is_paused_only_until_the_first_frame(tmp_path: Path) -> None:
    # The start pauses the collector to draw the first frame sooner; it must run again afterwards, or every
    # cycle of objects made while the app is used would stay in memory.
    import gc

    assert gc.isenabled()
    app = make_app(tmp_path)
    paused_while_mounting: list[bool] = []
    app.call_later(lambda: paused_while_mounting.append(not gc.isenabled()))
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        await pilot.pause()
        assert paused_while_mounting == [True]
        assert gc.isenabled()
    assert gc.isenabled()


async def test_the_first_frame_rendered_is_the_frame_shown(tmp_path: Path) -> None:
    # Textual renders a screen mounted while the app's start-up batch is open, then throws that frame away;
    # in a real terminal the first frame then waited for the terminal's size report and was rendered again
    # (70 ms later on screen for the shipped data). Headless, `_display` sees the same frames.
    app = make_app(tmp_path)
    batches: list[int] = []
    display = app._display

    def recording(screen: object, renderable: object) -> None:
        if renderable is not None and isinstance(screen, MainScreen):
            batches.append(app._batch_count)
        display(screen, renderable)  # type: ignore[arg-type]

    app._display = recording  # type: ignore[method-assign]
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
    assert batches
    assert batches[0] == 0


@pytest.mark.parametrize(
    ("key", "view", "kind"),
    [("2", "projects", "project"), ("3", "people", "person"), ("4", "networks", "network"), ("1", "timeline", "event")],
)
async def test_number_keys_switch_views(tmp_path: Path, key: str, view: str, kind: str) -> None:
    app = make_app(tmp_path, view="overview" if key == "1" else None)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await ready(pilot)
        await pilot.press(key)
        await pilot.pause()
        assert screen.view_state.view == view
        ids = listed(screen)
        assert ids
        assert {screen.dataset[i].kind for i in ids} == {kind}  # type: ignore[index]
        assert screen.query_one(DetailPane).record_id == screen.query_one(RecordList).highlighted_id


async def test_overview_view_replaces_list(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await ready(pilot)
        await pilot.press("5")
        await pilot.pause()
        assert screen.view_state.view == "overview"
        assert screen.has_class("-overview")
        assert not screen.query_one(RecordList).display or not screen.query_one("#main").display
        assert screen.query_one("#overview").children


async def test_search_narrows_and_escape_clears(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await ready(pilot)
        total = len(listed(screen))
        await pilot.press("slash")
        await pilot.press(*"hassfurt")
        await pilot.pause(0.2)
        assert listed(screen) == ["e-2021-mpsc-mashup"]
        assert "“hassfurt”" in screen.sub_title
        assert screen.query_one(DetailPane).record_id == "e-2021-mpsc-mashup"
        await pilot.press("escape")
        await pilot.pause(0.2)
        assert screen.view_state.query == ""
        assert len(listed(screen)) == total
        assert isinstance(app.focused, RecordList)


async def test_a_search_typed_before_the_index_says_it_waits_for_it(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await ready(pilot)
        index = screen.index
        assert index is not None
        screen.set_data(screen.dataset, None)  # as after a first start of large data: the list, no index yet
        await pilot.pause()
        await pilot.press("slash", *"hassfurt")
        await pilot.pause(0.2)
        assert "“hassfurt”" in screen.sub_title
        assert screen.sub_title.endswith("37 of 37 · " + S.INDEXING)
        screen.set_index(index)
        await pilot.pause(0.2)
        assert listed(screen) == ["e-2021-mpsc-mashup"]
        assert screen.sub_title.endswith("1 of 37")


async def test_search_while_typing_uses_prefixes(tmp_path: Path) -> None:
    app = make_app(tmp_path, view="projects")
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await ready(pilot)
        await pilot.press("slash", *"gruben")
        await pilot.pause(0.2)
        assert "digitale-hilfe" in listed(screen)
        assert "bigbluebutton" not in listed(screen)


async def test_year_key_cycles_and_filters_every_view(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await ready(pilot)
        seen = []
        for _ in range(4):
            await pilot.press("y")
            await pilot.pause()
            seen.append(screen.view_state.year)
            if screen.view_state.year is not None:
                assert event_years(screen) == {screen.view_state.year}
        assert seen == [2020, 2021, None, 2020]
        await pilot.press("2")
        await pilot.pause()
        projects = listed(screen)
        assert projects and all(2020 in screen.dataset.facets(p).years for p in projects)  # type: ignore[union-attr]


async def test_year_from_command_line_hides_other_years(tmp_path: Path) -> None:
    app = make_app(tmp_path, year=2020)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await ready(pilot)
        assert event_years(screen) == {2020}
        assert screen.sub_title.startswith("Timeline · 2020")


async def test_programme_filter_from_command_line_and_panel(tmp_path: Path) -> None:
    app = make_app(tmp_path, programme="Modellprojekt Smart Cities", view="projects")
    async with app.run_test(size=(150, 40)) as pilot:  # (the panel beside the list)
        screen = await ready(pilot)
        assert screen.view_state.programme == "mpsc"
        assert "stadt-raum-wir" in listed(screen)
        assert "bigbluebutton" not in listed(screen)
        # Choosing "All programmes" (the first option) in the panel lifts the filter.
        facet = screen.query_one("#facet-programme")
        facet.focus()
        facet.highlighted = 0  # type: ignore[attr-defined]
        await pilot.press("enter")
        await pilot.pause()
        assert screen.view_state.programme is None
        assert "bigbluebutton" in listed(screen)


async def test_filters_stack_and_clear_with_one_key(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await ready(pilot)
        app._set_facet("programme", "mpsc")
        await pilot.press("y", "y")  # 2021
        await pilot.pause()
        assert screen.view_state.year == 2021 and screen.view_state.programme == "mpsc"
        assert listed(screen)
        assert event_years(screen) == {2021}
        assert all("mpsc" in screen.dataset.facets(i).programmes for i in listed(screen))  # type: ignore[union-attr]
        assert "2021 · Modellprojekt Smart Cities ·" in screen.sub_title
        await pilot.press("x")
        await pilot.pause()
        assert not screen.view_state.has_filters
        assert {2020, 2021} <= event_years(screen)


async def test_following_links_and_going_back(tmp_path: Path) -> None:
    app = make_app(tmp_path, view="projects")
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await ready(pilot)
        record_list = screen.query_one(RecordList)
        detail = screen.query_one(DetailPane)
        assert record_list.highlight("kulturlivestreams")
        await pilot.pause()

        async def follow(target: str) -> None:
            if app.focused is not detail:
                await pilot.press("tab")
            assert app.focused is detail
            index = [link.target for link in detail.links].index(target)
            for _ in range(index - max(detail.link_cursor, 0)):
                await pilot.press("down")
            assert detail.cursor_target == target
            await pilot.press("enter")
            await pilot.pause()
            assert detail.record_id == target

        await follow("martin-verlage")
        assert screen.view_state.view == "people"
        assert record_list.highlighted_id == "martin-verlage"
        await follow("kl-digital")
        await follow("stadt-kaiserslautern")
        await follow("ikone-ds")
        assert screen.view_state.view == "networks"
        for expected in ("stadt-kaiserslautern", "kl-digital", "martin-verlage", "kulturlivestreams"):
            await pilot.press("backspace")
            await pilot.pause()
            assert detail.record_id == expected
        assert screen.view_state.view == "projects"
        assert record_list.highlighted_id == "kulturlivestreams"
        assert detail.cursor_target == "martin-verlage"
        await pilot.press("right_square_bracket")
        await pilot.pause()
        assert detail.record_id == "martin-verlage"


async def test_clicking_a_link_follows_it(tmp_path: Path) -> None:
    async with reading(tmp_path, "networks", "ikone-ds") as (pilot, detail):
        link = next(link for link in detail.links if link.target == "stadt-kaiserslautern")
        detail.scroll_to(y=link.top, animate=False, immediate=True)
        await pilot.pause()
        await pilot.click(DetailPane, offset=(1, link.top - detail.scroll_offset.y))  # (the pane's padding)
        await pilot.pause()
        assert detail.record_id == "ikone-ds"  # a click beside the link's text follows nothing
        await pilot.click(DetailPane, offset=(6, link.top - detail.scroll_offset.y))
        await pilot.pause()
        assert detail.record_id == "stadt-kaiserslautern"


async def test_escape_backs_out_and_never_quits(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await ready(pilot)
        await pilot.press("tab")
        assert isinstance(app.focused, DetailPane)
        await pilot.press("escape")
        assert isinstance(app.focused, RecordList)
        await pilot.press("escape", "escape")
        await pilot.pause()
        assert app.is_running
        assert app.screen is screen


async def test_help_lists_the_keys(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        text = "\n".join(f"{k} {d}" for k, d in app.screen.keys)
        for expected in (
            "1 Timeline",
            "5 Overview",
            "/ Search",
            "y Cycle the year filter",
            "Back to the record",
            "Back out one level",
            "q Quit",
            "Command palette",
        ):
            assert expected in text
        await pilot.press("escape")
        assert isinstance(app.screen, MainScreen)


async def test_bookmarks_survive_a_restart(tmp_path: Path) -> None:
    app = make_app(tmp_path, view="people")
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await ready(pilot)
        screen.query_one(RecordList).highlight("dirk-andres")
        await pilot.pause()
        await pilot.press("b")
        await pilot.pause()
        assert [b.id for b in app.bookmarks] == ["dirk-andres"]

    second = make_app(tmp_path, view="timeline")
    async with second.run_test(size=(120, 40)) as pilot:
        screen = await ready(pilot)
        assert [b.id for b in second.bookmarks] == ["dirk-andres"]
        await pilot.press("B")
        await pilot.pause()
        assert isinstance(second.screen, BookmarksScreen)
        await pilot.press("enter")
        await pilot.pause()
        assert second.screen is screen
        assert screen.query_one(DetailPane).record_id == "dirk-andres"
        assert screen.view_state.view == "people"


async def test_keys_that_come_together_act_on_the_record_the_cursor_moved_to(tmp_path: Path) -> None:
    """j and b delivered at once (typed fast, pasted, or while the app was busy): b bookmarks the record j
    moved to, though the list's message of the move comes to the screen after b."""
    app = make_app(tmp_path, view="timeline")
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await ready(pilot)
        record_list = screen.query_one(RecordList)
        first = record_list.highlighted_id
        at_once(app, "j", "b")
        await pilot.pause(0.2)
        second = record_list.highlighted_id
        assert second is not None and second != first
        assert [b.id for b in app.bookmarks] == [second]


@pytest.mark.parametrize("size", [(80, 24), (150, 40)])
async def test_keys_that_come_right_after_enter_go_to_the_page_it_opened(tmp_path: Path, size: tuple[int, int]) -> None:
    """enter and j delivered at once: j moves on the page enter opened, not the list (hidden behind the page
    at 80 columns)."""
    app = make_app(tmp_path, view="timeline")
    async with app.run_test(size=size) as pilot:
        screen = await ready(pilot)
        record_list = screen.query_one(RecordList)
        first = record_list.highlighted_id
        at_once(app, "enter", "j")
        await pilot.pause(0.2)
        assert isinstance(app.focused, DetailPane)
        assert screen.query_one(DetailPane).record_id == first
        assert record_list.highlighted_id == first


@pytest.mark.parametrize("size", [(80, 24), (150, 40)])
async def test_keys_that_come_right_after_escape_go_to_the_list(tmp_path: Path, size: tuple[int, int]) -> None:
    """escape (out of a page) and j delivered at once: j moves the list, as it does a moment later."""
    app = make_app(tmp_path, view="timeline")
    async with app.run_test(size=size) as pilot:
        screen = await ready(pilot)
        record_list = screen.query_one(RecordList)
        first = record_list.highlighted_id
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.focused, DetailPane)
        at_once(app, "escape", "j")
        await pilot.pause(0.2)
        assert app.focused is record_list
        assert record_list.highlighted_id not in (None, first)


async def test_a_sort_right_after_a_move_keeps_the_cursor_where_it_moved(tmp_path: Path) -> None:
    """j and s (another order) delivered at once: the list is sorted anew with the cursor on the record j
    moved to, as when s comes a moment later."""
    app = make_app(tmp_path, view="timeline")
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await ready(pilot)
        record_list = screen.query_one(RecordList)
        first = record_list.highlighted_id
        at_once(app, "j", "s")
        await app.workers.wait_for_complete()
        await pilot.pause(0.2)
        assert screen.view_state.sort != ViewState().sort
        assert record_list.highlighted_id not in (None, first)
        assert screen.query_one(DetailPane).record_id == record_list.highlighted_id


async def test_a_view_key_or_quit_right_after_a_move_take_the_record_moved_to(tmp_path: Path) -> None:
    """j and a view key at once: the new view's list and the details agree, and the timeline's place in the
    history is the record j moved to; j and q at once: that record is the one the next start opens at."""
    app = make_app(tmp_path, view="timeline")
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await ready(pilot)
        record_list = screen.query_one(RecordList)
        at_once(app, "j", "3")
        await app.workers.wait_for_complete()
        await pilot.pause(0.2)
        assert screen.view_state.view == "people"
        assert screen.current == record_list.highlighted_id == screen.query_one(DetailPane).record_id
        await pilot.press("1")
        await app.workers.wait_for_complete()
        await pilot.pause(0.2)
        timeline = listed(screen)
        assert record_list.highlighted_id == timeline[1]  # (back where j left it)
        at_once(app, "j", "q")
        await pilot.pause(0.2)
    assert StateStore().load_state().record == timeline[2]


async def test_a_search_from_the_overview_leaves_the_focus_on_the_overview(tmp_path: Path) -> None:
    """The overview narrows to a search too; enter or escape in the search box go back to the overview, not
    to the list hidden behind it."""
    app = make_app(tmp_path, view="overview")
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await ready(pilot)
        await pilot.pause(0.2)
        overview = screen._view_pane("overview")
        assert overview is not screen.query_one(RecordList)
        for closing in ("enter", "escape"):
            await pilot.press("/", "d", "i", "g", closing)
            await pilot.pause()
            assert app.focused is overview, closing


async def test_a_key_right_after_following_a_link_acts_on_the_record_it_opened(tmp_path: Path) -> None:
    """enter on a link and b delivered at once: b bookmarks the record the link opened."""
    app = make_app(tmp_path, view="timeline")
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await ready(pilot)
        await pilot.press("enter", "j")
        await pilot.pause()
        detail = screen.query_one(DetailPane)
        target = detail.cursor_target
        assert target is not None and target != detail.record_id
        at_once(app, "enter", "b")
        await app.workers.wait_for_complete()
        await pilot.pause(0.2)
        assert detail.record_id == target
        assert [b.id for b in app.bookmarks] == [target]


async def test_tab_right_after_a_move_moves_on_after_it(tmp_path: Path) -> None:
    """j and tab delivered at once: the list moves, then the focus goes on to the details, no link chosen."""
    app = make_app(tmp_path, view="timeline")
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await ready(pilot)
        record_list = screen.query_one(RecordList)
        first = record_list.highlighted_id
        at_once(app, "j", "tab")
        await pilot.pause(0.2)
        assert record_list.highlighted_id not in (None, first)
        assert isinstance(app.focused, DetailPane) and app.focused.link_cursor < 0


async def test_keys_right_after_enter_in_the_search_box_go_to_the_list(tmp_path: Path) -> None:
    """/, a search, enter and j delivered at once: the search is what was typed before enter, and j moves
    the list it narrowed."""
    app = make_app(tmp_path, view="timeline")
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await ready(pilot)
        record_list = screen.query_one(RecordList)
        at_once(app, "slash", "d", "i", "g", "enter", "j")
        await app.workers.wait_for_complete()
        await pilot.pause(0.3)
        assert screen.query_one("#search", Input).value == "dig"
        assert screen.view_state.query == "dig"
        assert app.focused is record_list
        assert record_list.highlighted_id == listed(screen)[1]


@pytest.mark.parametrize("size", [(80, 24), (160, 40)])
async def test_j_right_after_f_moves_in_the_filter_list(tmp_path: Path, size: tuple[int, int]) -> None:
    """f and j delivered at once: j moves in the first filter list, and the record list stays. (The panel has
    been opened once: below 140 columns its lists are made as it is first shown.)"""
    app = make_app(tmp_path, view="timeline")
    async with app.run_test(size=size) as pilot:
        screen = await ready(pilot)
        await pilot.press("f")
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        record_list = screen.query_one(RecordList)
        assert app.focused is record_list
        first = record_list.highlighted_id
        at_once(app, "f", "j")
        await pilot.pause(0.2)
        assert type(app.focused).__name__ == "FacetList"
        assert app.focused.highlighted == 1  # type: ignore[union-attr]
        assert record_list.highlighted_id == first


async def test_view_and_filters_persist(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        await pilot.press("2", "y")
        await pilot.pause()
        await pilot.press("q")
    state = StateStore().load_state()
    assert (state.view, state.year) == ("projects", 2020)
    again = make_app(tmp_path)
    async with again.run_test(size=(120, 40)) as pilot:
        screen = await ready(pilot)
        assert (screen.view_state.view, screen.view_state.year) == ("projects", 2020)


async def test_export_writes_the_filtered_view(tmp_path: Path) -> None:
    app = make_app(tmp_path, year=2021)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await ready(pilot)
        await pilot.press("e")
        await pilot.pause()
        files = list((tmp_path / "exports").glob("*.md"))
        assert len(files) == 1
        text = files[0].read_text(encoding="utf-8")
        assert "MPSC Mashup" in text
        assert "## 2020" not in text
        assert any(str(files[0]) in n.message for n in app._notifications)
        await pilot.press("E")
        await pilot.pause()
        assert len(list((tmp_path / "exports").glob("*.json"))) == 1
        assert screen.view_state.year == 2021


async def test_copy_puts_the_record_on_the_clipboard(tmp_path: Path) -> None:
    app = make_app(tmp_path, view="networks")
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await ready(pilot)
        screen.query_one(RecordList).highlight("ikone-ds")
        await pilot.pause()
        await pilot.press("c")
        assert "Interkommunales Netzwerk Digitale Stadt" in app.clipboard
        assert "2021" in app.clipboard


async def test_bad_user_data_shows_notice_and_problems(tmp_path: Path) -> None:
    bad = tmp_path / "bad"
    bad.mkdir()
    (bad / "broken.toml").write_text("[[event]\nid = 1\n", encoding="utf-8")
    app = make_app(tmp_path, roots=data_roots([bad], user=False))
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await ready(pilot)
        assert any("problem" in n.message for n in app._notifications)
        assert {2020, 2021} <= event_years(screen)
        await pilot.press("exclamation_mark")
        await pilot.pause()
        assert isinstance(app.screen, ProblemsScreen)
        assert any("broken.toml:1" in str(p) for p in app.screen.problems)


async def test_tiny_terminal_asks_for_more_room(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=(30, 8)) as pilot:
        screen = await ready(pilot)
        assert screen.has_class("-too-small")
        await pilot.resize_terminal(100, 30)
        await pilot.pause()
        assert not screen.has_class("-too-small")


async def test_markup_in_data_is_shown_literally(tmp_path: Path) -> None:
    folder = tmp_path / "markup"
    folder.mkdir()
    (folder / "m.toml").write_text(
        """
[[review]]
id = "r-markup"
year = 2022
title = "[bold]Rückblick[/]"
publisher = "[@click=app.quit]x[/]"
municipality = "M"
summary = "[link=https://example.com]y[/link]"

[[event]]
id = "e-markup"
title = "[b]F[/] [@click=app.quit]K[/]"
date = "2022-05"
summary = "[/]"
sources = ["r-markup"]
""",
        encoding="utf-8",
    )
    app = make_app(tmp_path, roots=data_roots([folder], user=False), year=2022)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await ready(pilot)
        record_list = screen.query_one(RecordList)
        assert listed(screen) == ["e-markup"]
        lines = [record_list.render_line(y).text for y in range(4)]
        assert any("[b]F[/] [@click=app.quit]K[/]" in line for line in lines)
        detail = screen.query_one(DetailPane)
        assert "[b]F[/] [@click=app.quit]K[/]" in detail.lines
        assert "[/]" in detail.lines  # (a line of its own: the summary)
        await pilot.press("tab", "enter")  # follow the first link (the source review)
        await pilot.pause()
        assert detail.record_id == "r-markup"
        shown = "\n".join(detail.lines)
        assert "[bold]Rückblick[/]" in shown
        assert "[link=https://example.com]y[/link]" in shown
        assert app.is_running


async def test_large_datasets_compute_views_in_a_worker(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The same flows hold when views are computed in a worker thread (as for big datasets)."""
    from herzlich_tui.ui.screens import main

    monkeypatch.setattr(main, "BACKGROUND_RECORDS", 0)
    app = make_app(tmp_path, view="projects")
    async with app.run_test(size=(150, 40)) as pilot:  # (the panel beside the list)
        screen = await ready(pilot)
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert "bigbluebutton" in listed(screen)
        await pilot.press("slash", *"hassfurt")
        await pilot.pause(0.2)
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert listed(screen) == []
        await pilot.press("enter", "1")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert listed(screen) == ["e-2021-mpsc-mashup"]
        await pilot.press("slash", "escape")
        await pilot.pause(0.2)
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert len(listed(screen)) == 37
        screen.follow("ikone-ds")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert screen.view_state.view == "networks"
        assert screen.query_one(RecordList).highlighted_id == "ikone-ds"
        await pilot.press("backspace")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert screen.view_state.view == "timeline"
        facet = screen.query_one("#facet-year")
        assert facet.option_count >= 3  # type: ignore[attr-defined]


async def test_clicking_a_view_in_the_bar_switches(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await ready(pilot)
        bar = screen.query_one("#views")
        text = str(bar.visual)
        await pilot.click(bar, offset=(text.index("People") + 2, 0))
        await pilot.pause()
        assert screen.view_state.view == "people"


async def test_palette_jumps_to_a_record_by_name(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await ready(pilot)
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"grubentalchen")
        await pilot.pause(0.5)
        await pilot.press("enter")
        await pilot.pause(0.2)
        assert app.screen is screen
        assert screen.query_one(DetailPane).record_id == "stadtteilbuero-gruebentaelchen"


async def test_palette_offers_views_and_filters(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await ready(pilot)
        titles = {command.title: command for command in app.get_system_commands(screen)}
        for expected in (
            "View: Overview",
            "Filter: year 2020",
            "Filter: programme Modellprojekt Smart Cities",
            "Export view as Markdown",
            "Clear filters",
        ):
            assert expected in titles
        titles["Filter: programme Modellprojekt Smart Cities"].callback()
        titles["View: Projects"].callback()
        await pilot.pause()
        assert (screen.view_state.view, screen.view_state.programme) == ("projects", "mpsc")


async def test_theme_is_kept_between_runs(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        app.theme = "ansi-dark"
        await pilot.pause()
    again = make_app(tmp_path)
    async with again.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        assert again.theme == "ansi-dark"


async def test_last_list_shows_while_the_data_loads(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """On a second start the list from the last run is on screen before the dataset has loaded."""
    first = make_app(tmp_path, view="projects")
    async with first.run_test(size=(120, 40)) as pilot:
        screen = await ready(pilot)
        shown = listed(screen)
        await pilot.press("q")

    release = hold_loading(monkeypatch)
    second = make_app(tmp_path)
    async with second.run_test(size=(120, 40)) as pilot:
        await pilot.pause(0.3)
        screen = second.main
        assert screen.dataset is None
        assert listed(screen) == shown
        await pilot.press("j")  # the list works while loading
        cursor = screen.query_one(RecordList).highlighted_id
        release.set()
        await ready(pilot)
        assert listed(screen) == shown
        assert screen.query_one(RecordList).highlighted_id == cursor
        assert screen.query_one(DetailPane).record_id == cursor


@contextlib.asynccontextmanager
async def started_before_the_data(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, size: tuple[int, int]
) -> AsyncIterator[tuple[Pilot, threading.Event]]:
    """A second start in the timeline (the list kept by a first one on screen) whose data is held back:
    the pilot, and the event that lets the data come."""
    first = make_app(tmp_path, view="timeline")
    async with first.run_test(size=size) as pilot:
        await ready(pilot)
        await pilot.press("q")
    release = hold_loading(monkeypatch)
    second = make_app(tmp_path, view="timeline")
    async with second.run_test(size=size) as pilot:
        await pilot.pause(0.3)
        assert second.main.dataset is None
        yield pilot, release


async def test_keys_that_need_the_data_typed_before_it_came_take_effect_when_it_comes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Keys typed ahead as the app starts reach it before the data: b (a bookmark) and y (a year) did
    nothing then, and f showed the filter panel without moving into it. They take effect, in the order they
    were typed, once the data has come."""
    async with started_before_the_data(tmp_path, monkeypatch, (80, 24)) as (pilot, release):
        second = pilot.app
        screen = second.main
        record_list = screen.query_one(RecordList)
        first_id = record_list.highlighted_id
        await pilot.press("b", "y", "f")
        await pilot.pause()
        assert screen.view_state.year is None and first_id not in record_list.marked
        release.set()
        await ready(pilot)
        await pilot.pause()
        assert first_id in record_list.marked
        assert screen.view_state.year is not None
        assert type(second.focused).__name__ == "FacetList"


async def test_f_typed_ahead_does_not_take_the_focus_once_it_has_moved_on(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """f before the data, then tab to the details: when the data comes, and at every later key, the focus
    stays where the user put it (the panel's lists were not made yet when f came; nothing asks later)."""
    async with started_before_the_data(tmp_path, monkeypatch, (150, 40)) as (pilot, release):
        second = pilot.app
        screen = second.main
        await pilot.press("f", "tab")
        await pilot.pause()
        detail = screen.query_one(DetailPane)
        assert second.focused is detail
        release.set()
        await ready(pilot)
        await pilot.pause()
        assert second.focused is detail
        await pilot.press("shift+tab")
        await pilot.pause()
        focused = second.focused
        await pilot.press("y")
        await pilot.pause()
        await pilot.pause()
        assert second.focused is focused and screen.view_state.year is not None


async def test_a_held_key_moves_the_cursor_at_once_and_the_details_follow(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from herzlich_tui.ui.screens import main as main_module

    # Long, so that a busy machine still presses six keys within it (at 1 s, a run beside other work once
    # took longer, and the details followed a second time).
    monkeypatch.setattr(main_module, "DETAIL_INTERVAL", 3.0)
    built: list[str | None] = []
    real_show = DetailPane.show

    def counting_show(self: DetailPane, record_id: str | None, *args: object, **kwargs: object) -> None:
        built.append(record_id)
        real_show(self, record_id, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(DetailPane, "show", counting_show)
    app = make_app(tmp_path, view="timeline")
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await ready(pilot)
        record_list = screen.query_one(RecordList)
        detail = screen.query_one(DetailPane)
        await pilot.pause(1.1)
        built.clear()
        seen = []
        for _ in range(6):
            await pilot.press("j")
            seen.append(record_list.highlighted_id)
            assert screen.current == record_list.highlighted_id  # the cursor (and what y, b act on) at once
        assert len(set(seen)) == 6
        assert built == [seen[0]]  # the first at once, the others held back while keys keep coming
        await pilot.pause(3.3)
        assert built == [seen[0], seen[-1]]  # then the last one, not the ones passed over
        assert detail.record_id == seen[-1]


async def test_keys_typed_in_one_burst_behind_slash_reach_the_search_box(tmp_path: Path) -> None:
    """The driver hands the app every key of a burst ("/hassfurt" from a script) before any is handled;
    all of them must end in the search box, none in the list's or the screen's bindings ("f" = filters)."""
    app = make_app(tmp_path, view="timeline")
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await ready(pilot)
        filters_shown = screen.query_one("#filters").display
        at_once(app, "slash", *"fughassfurt")
        await pilot.pause(0.3)
        await app.workers.wait_for_complete()
        await pilot.pause()
        search = screen.query_one("#search", Input)
        assert search.value == "fughassfurt"
        assert screen.query_one("#filters").display == filters_shown  # "f" did not toggle the filters
        await pilot.press("slash")
        assert search.value == "fughassfurt/"  # inside the box, "/" is a character


async def test_j_and_k_move_in_the_filter_lists_as_in_the_record_list(tmp_path: Path) -> None:
    app = make_app(tmp_path, view="timeline")
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await ready(pilot)
        await pilot.press("f")
        await pilot.pause()
        await pilot.press("j", "j", "k", "enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert screen.view_state.year == screen.dataset.years[0]  # type: ignore[union-attr]


async def test_the_footer_says_enter_chooses_in_a_filter_list(tmp_path: Path) -> None:
    app = make_app(tmp_path, view="timeline")
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await ready(pilot)

        def shown() -> dict[str, str]:
            return {key: b.binding.description for key, b in screen.active_bindings.items() if b.binding.show}

        assert shown()["enter"] == S.ACTION_OPEN
        await pilot.press("f")
        await pilot.pause()
        assert type(app.focused).__name__ == "FacetList"
        assert shown()["enter"] == S.ACTION_CHOOSE


async def test_a_run_looks_at_the_data_files_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """One look at the data files as the app starts serves the first frame, the cache and the list kept at
    quitting (at 100,000 events each look is hundreds of files)."""
    looks: list[object] = []
    real = cache.fingerprint

    def counted(roots: object) -> object:
        looks.append(roots)
        return real(roots)  # type: ignore[arg-type]

    monkeypatch.setattr(cache, "fingerprint", counted)
    app = make_app(tmp_path, view="projects")
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await ready(pilot)
        shown = listed(screen)
        await pilot.press("q")
    assert len(looks) == 1
    kept = snapshot.read_snapshot(app.cache_dir, app.roots, screen.view_state.key, real(app.roots))
    assert kept is not None and [row[0] for row in kept[0] if row[0]] == shown


async def test_the_list_takes_the_focus_when_data_loads_in_the_background(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Loading in the background (large data, nothing kept from a last run), the list says so and has the
    focus; nothing else takes it meanwhile (the search box did, and then kept it: keys meant for the list,
    q among them, were typed into the search). The header says it loads, and how far."""
    from herzlich_tui.ui import app as app_module

    monkeypatch.setattr(app_module, "SYNC_LOAD_BYTES", 0)
    monkeypatch.setattr(snapshot, "shipped_view", lambda: None)  # no list worked out ahead either
    release = hold_loading(monkeypatch)
    app = make_app(tmp_path, cache_dir=None)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause(0.1)
        record_list = app.main.query_one(RecordList)
        assert app.main.dataset is None and not record_list.rows
        assert app.main.sub_title == f"{S.VIEW_LABELS['timeline']} · {S.LOADING}"
        assert S.LOADING in line_text(record_list, 1)
        assert app.focused is record_list
        app.post_message(LoadProgress(420, 1000))
        await pilot.pause()
        reading = S.LOADING_READ.format(percent=42)
        assert app.main.sub_title == f"{S.VIEW_LABELS['timeline']} · {reading}"
        assert reading in line_text(record_list, 1)
        app.post_message(LoadProgress(1000, 1000))
        await pilot.pause()
        assert app.main.sub_title.endswith(S.LOADING_CHECK) and S.LOADING_CHECK in line_text(record_list, 1)
        release.set()
        screen = await ready(pilot)
        assert S.LOADING not in screen.sub_title
        assert app.focused is screen.query_one(RecordList)
        await pilot.press("q")
    assert app.return_value == 0


async def test_the_link_cursor_shows_where_the_keys_go(tmp_path: Path) -> None:
    # In the focused detail pane the link cursor has the focused cursor's colours, as the list's cursor
    # has when the list has the focus; away from the pane, the blurred ones.
    app = make_app(tmp_path, view="projects")
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await ready(pilot)
        detail = screen.query_one(DetailPane)
        assert screen.query_one(RecordList).highlight("kulturlivestreams")
        await pilot.press("tab")
        await pilot.pause()
        assert app.focused is detail
        focused = app.get_css_variables()["block-cursor-background"].upper()[:7]
        link = detail.links[detail.link_cursor]

        def background() -> str:
            segment = detail.render_line(link.top - detail.scroll_offset.y).crop(4, 5)._segments[0]
            assert segment.style is not None and segment.style.bgcolor is not None
            return segment.style.bgcolor.get_truecolor().hex.upper()

        assert background() == focused
        await pilot.press("shift+tab")
        await pilot.pause()
        assert app.focused is not detail
        assert background() != focused
        await pilot.press("q")
