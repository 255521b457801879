"""Reading at any width (issue 19): the layout by width and zoom, columns that shorten instead of vanishing,
a header that keeps its count, a footer without stray characters, place and state that never surprise,
grouped help, bookmarks marked, and search that explains itself."""

from __future__ import annotations

from pathlib import Path

import pytest
from app_helpers import listed, make_app, reading, ready
from textual.geometry import Offset
from textual.pilot import Pilot
from textual.selection import Selection

from herzlich_tui import strings as S
from herzlich_tui.browse.blocks import Block
from herzlich_tui.browse.labels import fit_header
from herzlich_tui.browse.pages import blocks_for
from herzlich_tui.loading import data_roots
from herzlich_tui.settings import StateStore
from herzlich_tui.ui.screens.dialogs import HelpScreen
from herzlich_tui.ui.widgets.detail import DetailPane
from herzlich_tui.ui.widgets.record_list import BOOKMARK_MARK, RecordList

BAD = Path(__file__).resolve().parent / "bad_data"


def screen_lines(pilot: Pilot) -> list[str]:
    return ["".join(segment.text for segment in strip) for strip in pilot.app.screen._compositor.render_strips()]


def notices(pilot: Pilot) -> list[str]:
    return [str(notice.message) for notice in pilot.app._notifications]


async def test_a_narrow_terminal_gives_the_list_the_width_and_opens_details_in_its_place(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await ready(pilot)
        record_list, detail = screen.query_one(RecordList), screen.query_one(DetailPane)
        assert record_list.region.width >= 78 and not detail.region.width
        first = screen.current
        await pilot.press("enter")
        await pilot.pause()
        assert screen.has_class("-reading") and app.focused is detail
        assert detail.region.width >= 78 and not record_list.region.width
        assert detail.record_id == first
        await pilot.press("escape")
        await pilot.pause()
        assert not screen.has_class("-reading") and app.focused is record_list
        assert record_list.region.width >= 78
        await pilot.press("q")


async def test_data_that_arrives_while_reading_leaves_the_reader_on_the_page(tmp_path: Path) -> None:
    """The data came (at the start, or again after ctrl+r or a saved file) and took the focus back to the
    list: at 80 columns the page stayed on screen, the footer showed the list's keys, and keys moved the
    hidden list. In a real terminal this was an enter typed just as the app started."""
    app = make_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await ready(pilot)
        detail = screen.query_one(DetailPane)
        await pilot.press("enter")
        await pilot.pause()
        assert screen.has_class("-reading") and app.focused is detail
        app.action_reload()
        await ready(pilot)
        await pilot.pause()
        assert screen.has_class("-reading") and app.focused is detail
        assert "enter" in {binding.key for _, binding, _, _ in screen.active_bindings.values() if binding.show}
        assert S.ACTION_FOLLOW_LINK in {b.description for _, b, _, _ in screen.active_bindings.values()}
        await pilot.press("escape")
        await pilot.pause()
        assert not screen.has_class("-reading") and app.focused is screen.query_one(RecordList)


async def test_back_after_the_data_is_loaded_again_goes_where_it_went_before(tmp_path: Path) -> None:
    """ctrl+r (or a saved file) loads the data again: back still goes where the user was before (the
    history was started anew with every load)."""
    app = make_app(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await ready(pilot)
        first = screen.current
        person = screen.dataset.people[0].id
        screen.follow(person)
        await pilot.pause()
        assert screen.current == person
        app.action_reload()
        await ready(pilot)
        await pilot.pause()
        assert screen.current == person
        await pilot.press("backspace")
        await pilot.pause()
        await pilot.pause()
        assert screen.current == first
        await pilot.press("alt+right")
        await pilot.pause()
        await pilot.pause()
        assert screen.current == person


async def test_z_shows_the_focused_pane_alone_and_again_every_pane(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await ready(pilot)
        record_list, detail = screen.query_one(RecordList), screen.query_one(DetailPane)
        await pilot.press("z")
        await pilot.pause()
        assert record_list.region.width >= 118 and not detail.region.width
        await pilot.press("z", "tab", "z")  # every pane, then the details, then the details alone
        await pilot.pause()
        assert detail.region.width >= 118 and not record_list.region.width
        await pilot.press("escape")
        await pilot.pause()
        assert record_list.region.width and detail.region.width and app.focused is record_list
        await pilot.press("q")


async def test_ctrl_c_says_how_to_quit_without_markup(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await ready(pilot)
        await pilot.press("ctrl+c")
        await pilot.pause()
        assert S.NOTICE_QUIT_KEY in notices(pilot)
        assert not any("[b]" in line for line in screen_lines(pilot))
        assert app.is_running
        await pilot.press("q")


@pytest.mark.slow
async def test_the_footer_has_no_stray_characters_at_any_width(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        for width in range(20, 301):
            await pilot.resize_terminal(width, 24)
            await pilot.pause()
            footer = screen_lines(pilot)[-1]
            assert footer.rstrip().endswith("Palette"), (width, footer[-30:])
        await pilot.press("q")


def test_the_header_shortens_the_filters_before_the_count() -> None:
    head, tail = ["Timeline"], ["21 of 37"]
    filters = ["2021", "Modellprojekt Smart Cities Kaiserslautern", "“digitale Bildung”"]
    assert fit_header(head, filters, tail, 200) == " · ".join([*head, *filters, *tail])
    short = fit_header(head, filters, tail, 50)
    assert short.startswith("Timeline · 2021 · Modell") and short.endswith("… · 21 of 37") and len(short) <= 50
    assert fit_header([*head, "A–Z"], filters, tail, 24).endswith("21 of 37")  # the order goes too, not the count


def test_the_header_is_fitted_as_it_is_drawn() -> None:
    """A search with an invisible character (pasted) is measured with the character as the header draws it
    (a visible name, wider than nothing): the count still fits."""
    from rich.cells import cell_len

    line = fit_header(["Timeline"], ["“digi\u200btal Kaiserslautern Stadt”"], ["21 of 37"], 40)
    assert "\u200b" not in line and line.endswith("21 of 37") and cell_len(line) <= 40


async def test_the_header_keeps_its_count_with_a_year_and_a_programme_at_80_columns(tmp_path: Path) -> None:
    app = make_app(tmp_path, year=2021, programme="mpsc")
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await ready(pilot)
        assert screen.result is not None
        count = S.SUBTITLE_COUNT.format(shown=screen.result.shown, total=screen.result.total)
        assert screen.sub_title.endswith(count)
        assert count in screen_lines(pilot)[0]
        await pilot.press("q")


async def test_each_view_keeps_its_cursor(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await ready(pilot)
        await pilot.press("j", "j", "j")
        await pilot.pause(0.1)
        chosen = screen.current
        assert chosen is not None and chosen != listed(screen)[0]
        await pilot.press("2")
        await pilot.pause()
        await pilot.press("1")
        await pilot.pause()
        assert screen.query_one(RecordList).highlighted_id == chosen
        await pilot.press("q")


async def test_the_palette_finds_records_by_their_kinds_word(tmp_path: Path) -> None:
    from herzlich_tui.ui.providers import RecordProvider

    app = make_app(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        provider = RecordProvider(app.screen)
        found = [hit.text async for hit in provider.search("Review")]
        assert found and all(text.startswith(f"{S.KIND_LABELS['review']}: ") for text in found)
        assert len(found) == len(app.dataset.reviews)  # type: ignore[union-attr]
        narrowed = [hit.text async for hit in provider.search("Review: 2021")]
        assert narrowed and len(narrowed) < len(found) + 1
        await pilot.press("q")


async def test_year_by_year_columns_stack_in_a_narrow_pane(tmp_path: Path) -> None:
    for width, stacked in ((120, True), (220, False)):
        app = make_app(tmp_path, view="projects")
        async with app.run_test(size=(width, 40)) as pilot:
            screen = await ready(pilot)
            screen.follow("mpsc-kaiserslautern")
            await pilot.pause()
            detail = screen.query_one(DetailPane)
            assert detail.record_id == "mpsc-kaiserslautern"
            columns = next(b for b in blocks_for(screen.dataset, "mpsc-kaiserslautern") if b.style == "columns")
            heads = [head for head, _ in columns.columns]
            assert len(heads) >= 2
            words = [line.split() for line in detail.lines]
            if stacked:  # each year's heading on a line of its own
                assert all([head] in words for head in heads) and heads not in words, (width, detail.lines)
            else:  # the years' headings on one line
                assert heads in words and not any([head] in words for head in heads), (width, detail.lines)
            await pilot.press("q")


async def test_help_is_grouped_lists_paging_and_the_mouse_and_repeats_nothing(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        sections = [description for key, description in app.screen.keys if not key]
        assert sections == list(S.HELP_SECTIONS.values())
        lines = [(key, description) for key, description in app.screen.keys if key]
        descriptions = [description for _, description in lines]
        assert len(descriptions) == len(set(descriptions))
        assert S.HELP_PAGE in descriptions and S.HELP_MOUSE in descriptions
        keys = [key for key, _ in lines]
        assert len([k for k in keys if k == "b"]) == 1 and len([k for k in keys if k == "c"]) == 1
        await pilot.press("escape", "q")


async def test_bookmarked_records_carry_a_mark_in_the_list_and_the_details(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await ready(pilot)
        record_list = screen.query_one(RecordList)
        first = record_list.highlighted_id
        await pilot.press("b")
        await pilot.pause()
        assert first in record_list.marked
        assert BOOKMARK_MARK in record_list.render_line(record_list.cursor - record_list.scroll_offset.y).text
        detail = screen.query_one(DetailPane)
        assert detail.texts[0].startswith(BOOKMARK_MARK)
        await pilot.press("b")
        await pilot.pause()
        assert first not in record_list.marked
        assert any(S.NOTICE_UNBOOKMARKED.format(label="")[:10] in n for n in notices(pilot))
        assert not detail.texts[0].startswith(BOOKMARK_MARK)
        await pilot.press("q")


async def test_the_footer_says_how_many_problems_there_are(tmp_path: Path) -> None:
    app = make_app(tmp_path, roots=data_roots([BAD], user=False))
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        assert app.load_result is not None and app.load_result.problems
        footer = screen_lines(pilot)[-1]
        assert S.FOOTER_PROBLEMS.format(count=len(app.load_result.problems)) in footer
        await pilot.press("q")
    clean = make_app(tmp_path)
    async with clean.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        assert "problems" not in screen_lines(pilot)[-1]
        await pilot.press("q")


async def test_in_the_search_box_the_footer_says_what_enter_and_escape_do(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        await pilot.press("slash")
        await pilot.pause()
        footer = screen_lines(pilot)[-1]
        assert S.SEARCH_ENTER in footer and S.SEARCH_ESCAPE in footer
        await pilot.press("escape", "q")


async def test_a_restart_comes_back_to_the_record_being_read_and_says_filters_are_restored(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await ready(pilot)
        await pilot.press("y")  # a year
        await pilot.pause()
        await pilot.press("j", "j")
        await pilot.pause(0.1)
        reading, year = screen.current, screen.view_state.year
        assert year is not None
        await pilot.press("q")
    again = make_app(tmp_path)
    async with again.run_test(size=(120, 40)) as pilot:
        screen = await ready(pilot)
        assert screen.view_state.year == year
        assert screen.query_one(RecordList).highlighted_id == reading
        assert S.HEADER_RESTORED.format(filters=str(year)) in screen.sub_title
        await pilot.press("x")  # cleared: no longer the restored state
        await pilot.pause()
        assert "restored" not in screen.sub_title
        await pilot.press("q")


async def test_a_filter_from_the_command_line_is_not_kept_for_the_next_start(tmp_path: Path) -> None:
    app = make_app(tmp_path, year=2020)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await ready(pilot)
        assert screen.view_state.year == 2020
        await pilot.press("q")
    assert StateStore().load_state().year is None
    chosen = make_app(tmp_path, year=2020)
    async with chosen.run_test(size=(120, 40)) as pilot:
        screen = await ready(pilot)
        await pilot.press("y")  # the user changes it here: that one is kept
        await pilot.pause()
        kept = screen.view_state.year
        await pilot.press("q")
    assert StateStore().load_state().year == kept


async def test_n_steps_through_the_titles_that_match(tmp_path: Path) -> None:
    app = make_app(tmp_path, search="digital")
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await ready(pilot)
        record_list = screen.query_one(RecordList)
        from herzlich_tui.search import match_spans

        matching = [row.record_id for row in record_list.rows if row.record_id and match_spans(row.text, "digital")]
        assert len(matching) >= 2
        start = record_list.highlighted_id
        await pilot.press("n")
        await pilot.pause()
        after = record_list.highlighted_id
        assert after in matching and after != start
        await pilot.press("N")
        await pilot.pause()
        assert record_list.highlighted_id in matching
        await pilot.press("q")


async def test_a_year_the_data_does_not_hold_is_dropped_with_a_notice(tmp_path: Path) -> None:
    app = make_app(tmp_path, year=2019)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await ready(pilot)
        assert screen.view_state.year is None
        assert screen.result is not None and screen.result.shown == screen.result.total == 37
        assert any(n.startswith("2019") for n in notices(pilot))
        await pilot.press("q")
    plain = make_app(tmp_path)
    async with plain.run_test(size=(120, 40)) as pilot:
        screen = await ready(pilot)
        assert screen.view_state.year is None and screen.result is not None and screen.result.shown == 37
        await pilot.press("q")


async def test_a_dropped_value_reaches_the_notice_sanitised(tmp_path: Path) -> None:
    """A programme from the command line or a hand-edited state file is quoted in the notice that drops
    it; an escape sequence in it is shown, never sent to the terminal."""

    store = StateStore()
    store.save_state(store.load_state()._replace(programme="\x1b]0;pwned\x07nirgends"))
    app = make_app(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await ready(pilot)
        assert screen.view_state.programme is None
        said = [n for n in notices(pilot) if "nirgends" in n]
        assert said and not any("\x1b" in n or "\x07" in n for n in said)
        await pilot.press("q")


async def test_nothing_found_says_why_and_what_to_try(tmp_path: Path) -> None:
    app = make_app(tmp_path, search="Smrat", year=2021)
    async with app.run_test(size=(150, 40)) as pilot:  # (the panel beside the list)
        screen = await ready(pilot)
        assert screen.result is not None and not screen.result.shown
        said = screen.query_one(RecordList).empty_text
        assert S.LIST_EMPTY in said and S.EMPTY_DID_YOU_MEAN.format(words="Smart") in said
        assert S.EMPTY_CLEAR in said
        year_list = screen.query_one("#facet-year")
        assert year_list.display and year_list.option_count > 1  # the panel keeps its years, with zero counts
        await pilot.press("q")
    elsewhere = make_app(tmp_path, view="networks", search="Verlage")
    async with elsewhere.run_test(size=(120, 40)) as pilot:
        screen = await ready(pilot)
        said = screen.query_one(RecordList).empty_text
        assert "Found elsewhere:" in said and S.EMPTY_IN.format(n=1, view=S.VIEW_LABELS["people"]) in said
        await pilot.press("q")


async def test_the_details_say_where_the_search_matched(tmp_path: Path) -> None:
    app = make_app(tmp_path, search="grubentalchen")
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await ready(pilot)
        detail = screen.query_one(DetailPane)
        assert any(text.startswith("matched in:") for text in detail.texts), detail.texts[:6]
        await pilot.press("q")


async def test_the_filter_panel_is_beside_the_list_from_140_columns_and_on_demand_below(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await ready(pilot)
        panel = screen.query_one("#filters")
        assert not panel.region.width and screen.query_one(RecordList).region.width >= 70
        await pilot.press("f")
        await pilot.pause()
        assert panel.region.width
        await pilot.press("escape")
        await pilot.pause()
        assert not panel.region.width
        await pilot.resize_terminal(150, 40)
        await pilot.pause()
        assert panel.region.width
        await pilot.press("q")


def _drawn(detail: DetailPane, line: int, cell: int) -> object:
    """The style the pane draws a cell of a page's line in."""
    detail.scroll_to(y=line, animate=False, immediate=True)
    segment = detail.render_line(line - detail.scroll_offset.y).crop(cell, cell + 1)._segments[0]
    return segment.style.clear_meta_and_links() if segment.style else None


async def test_a_link_under_the_mouse_is_underlined_until_the_mouse_leaves_it(tmp_path: Path) -> None:
    async with reading(tmp_path, "networks", "ikone-ds") as (pilot, detail):
        link = detail.links[0]
        assert not _drawn(detail, link.top, 4).underline  # type: ignore[attr-defined]
        await pilot.hover(DetailPane, offset=(6, link.top - detail.scroll_offset.y))
        await pilot.pause()
        assert _drawn(detail, link.top, 4).underline  # type: ignore[attr-defined]
        await pilot.hover(RecordList)
        await pilot.pause()
        assert not _drawn(detail, link.top, 4).underline  # type: ignore[attr-defined]


async def test_text_selected_in_the_details_is_the_page_as_shown_and_drawn_selected(tmp_path: Path) -> None:
    async with reading(tmp_path, "projects", "mpsc-kaiserslautern") as (pilot, detail):
        lines = detail.lines
        assert detail.get_selection(Selection.from_offsets(Offset(0, 1), Offset(5, 3))) == (
            f"{lines[1]}\n{lines[2]}\n{lines[3][:5]}",
            "\n",
        )
        cells = ((0, 0), (1, 0), (3, 4), (3, 5))  # (line, cell): before, in, in, and after the selection
        before = [_drawn(detail, *cell) for cell in cells]
        detail.screen.selections = {detail: Selection.from_offsets(Offset(0, 1), Offset(5, 3))}
        await pilot.pause()
        after = [_drawn(detail, *cell) for cell in cells]
        assert [a != b for a, b in zip(before, after, strict=True)] == [False, True, True, False]
        # Wide characters take two cells each: the selection counts characters, the drawing cells.
        detail.show("wide", [Block("title", "漢字漢字abc")])
        await pilot.pause()
        detail.screen.selections = {}
        await pilot.pause()
        before = [_drawn(detail, 1, cell) for cell in range(8)]
        detail.screen.selections = {detail: Selection.from_offsets(Offset(1, 1), Offset(3, 1))}
        await pilot.pause()
        assert detail.get_selection(Selection.from_offsets(Offset(1, 1), Offset(3, 1))) == ("字漢", "\n")
        after = [_drawn(detail, 1, cell) for cell in range(8)]
        changed = [a != b for a, b in zip(before, after, strict=True)]
        assert changed == [False, False, True, True, True, True, False, False]
        assert detail.render_line(1 - detail.scroll_offset.y).text.startswith("漢字漢字abc")


async def test_a_new_theme_draws_the_page_in_its_colours(tmp_path: Path) -> None:
    async with reading(tmp_path, "projects", "mpsc-kaiserslautern") as (pilot, detail):
        before = [_drawn(detail, line, 0) for line in (1, 2)]
        pilot.app.theme = "textual-light"
        await pilot.pause()
        await pilot.pause()
        after = [_drawn(detail, line, 0) for line in (1, 2)]
        assert after[0] != before[0] and after[1] != before[1]
    async with reading(tmp_path / "fresh", "projects", "bigbluebutton") as (pilot, detail):
        pilot.app.theme = "textual-light"
        await pilot.pause()
        detail.screen.follow("mpsc-kaiserslautern")  # (drawn for the first time in the new theme)
        await pilot.pause()
        assert [_drawn(detail, line, 0) for line in (1, 2)] == after


async def test_a_link_into_another_view_keeps_reading_on_a_narrow_terminal(tmp_path: Path) -> None:
    """At 80 columns the details take the list's place: a link followed there, and the way back, show the
    record's page (they showed the other view's list); a view chosen by its key shows its list."""
    app = make_app(tmp_path, view="people")
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await ready(pilot)
        detail = screen.query_one(DetailPane)
        assert screen.query_one(RecordList).highlight("dirk-andres")
        await pilot.press("enter")
        await pilot.pause()
        assert screen.has_class("-reading") and app.focused is detail
        index = [link.target for link in detail.links].index("stabsstelle-digitalisierung")
        for _ in range(index - detail.link_cursor):
            await pilot.press("down")
        await pilot.press("enter")
        await pilot.pause()
        assert screen.view_state.view == "organisations"
        assert detail.record_id == "stabsstelle-digitalisierung"
        assert screen.has_class("-reading") and app.focused is detail and detail.region.width > 0
        await pilot.press("backspace")
        await pilot.pause()
        assert screen.view_state.view == "people" and detail.record_id == "dirk-andres"
        assert screen.has_class("-reading") and app.focused is detail
        await pilot.press("2")
        await pilot.pause()
        assert screen.view_state.view == "projects" and not screen.has_class("-reading")


async def test_the_first_link_is_shown_with_the_top_of_its_page(tmp_path: Path) -> None:
    """Home (or g) in the details puts the cursor on the first link and, when the page's first screen
    shows it, shows the page from its title; End shows the last link."""
    async with reading(tmp_path, "networks", "ikone-ds") as (pilot, detail):
        detail.focus()
        await pilot.pause()
        assert detail.virtual_size.height > detail.scrollable_content_region.height  # (a page to scroll)
        await pilot.press("end")
        await pilot.pause()
        last = detail.links[-1]
        assert detail.link_cursor == len(detail.links) - 1 and detail.scroll_y > 0
        assert detail.scroll_y <= last.top < detail.scroll_y + detail.scrollable_content_region.height
        await pilot.press("home")
        await pilot.pause()
        assert detail.link_cursor == 0 and detail.scroll_y == 0


async def test_a_selection_dragged_onto_a_link_does_not_follow_it(tmp_path: Path) -> None:
    """Textual makes a click of a press and a release on the same widget, and the whole page is one: a
    drag from the title to a link selects text and follows nothing. (Pilot's mouse bypasses the app that
    makes clicks; these events go through it, as a terminal's do.)"""
    from textual import events
    from textual.pilot import _get_mouse_message_arguments

    async with reading(tmp_path, "networks", "ikone-ds") as (pilot, detail):
        link = detail.links[0]
        at_title = _get_mouse_message_arguments(detail, (2, 1), button=1)
        at_link = _get_mouse_message_arguments(detail, (6, link.top - detail.scroll_offset.y), button=1)
        for event in (events.MouseDown(**at_title), events.MouseMove(**at_link), events.MouseUp(**at_link)):
            pilot.app.post_message(event)
            await pilot.pause()
        await pilot.pause()
        assert detail.record_id == "ikone-ds"
        for event in (events.MouseDown(**at_link), events.MouseUp(**at_link)):
            pilot.app.post_message(event)
            await pilot.pause()
        await pilot.pause()
        assert detail.record_id == link.target


async def test_the_link_under_a_still_mouse_follows_the_page_as_it_scrolls(tmp_path: Path) -> None:
    def underlined(line: int) -> bool:  # (drawn where the page is scrolled to)
        segment = detail.render_line(line - detail.scroll_offset.y).crop(4, 5)._segments[0]
        return bool(segment.style and segment.style.underline)

    async with reading(tmp_path, "networks", "ikone-ds") as (pilot, detail):
        first, second = detail.links[0], detail.links[1]
        await pilot.hover(DetailPane, offset=(6, first.top - detail.scroll_offset.y))
        await pilot.pause()
        assert underlined(first.top) and not underlined(second.top)
        scroll = detail.scroll_offset.y
        detail.scroll_to(y=scroll + second.top - first.top, animate=False, immediate=True)
        await pilot.pause()
        await pilot.pause()
        assert detail.scroll_offset.y == scroll + second.top - first.top
        assert underlined(second.top) and not underlined(first.top)
