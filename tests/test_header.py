"""The header is one line drawn by one widget: the icon opens the command palette (and says so under the
mouse), the title sits centred between the icon's room and the clock's, as in Textual's header."""

from __future__ import annotations

from pathlib import Path

from app_helpers import make_app, ready
from textual.command import CommandPalette

from herzlich_tui import strings as S
from herzlich_tui.ui.widgets.header import CLOCK_ROOM, ICON_ROOM, Header


async def test_the_icon_opens_the_palette_and_the_title_does_not(tmp_path: Path) -> None:
    app = make_app(tmp_path, view="timeline")
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        await pilot.click(Header, offset=(60, 0))
        await pilot.pause()
        assert not isinstance(app.screen, CommandPalette)
        await pilot.click(Header, offset=(1, 0))
        await pilot.pause()
        assert isinstance(app.screen, CommandPalette)


async def test_the_icon_under_the_mouse_is_lit_and_says_what_it_does(tmp_path: Path) -> None:
    app = make_app(tmp_path, view="timeline")
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await ready(pilot)
        header = screen.query_one(Header)
        plain = header.render_line(0)
        await pilot.hover(Header, offset=(2, 0))
        await pilot.pause()
        assert header.tooltip == S.HEADER_ICON_TOOLTIP
        lit = header.render_line(0)
        assert lit.text == plain.text
        icon, *_, rest = list(lit)
        plain_icon, *_, plain_rest = list(plain)
        assert icon.style != plain_icon.style  # the icon's cells
        assert rest.style == plain_rest.style  # the rest as it was
        await pilot.hover(Header, offset=(60, 0))
        await pilot.pause()
        assert header.tooltip is None
        assert header.render_line(0) == plain


async def test_the_title_is_centred_between_the_icon_and_the_clocks_room(tmp_path: Path) -> None:
    app = make_app(tmp_path, view="timeline")
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await ready(pilot)
        line = screen.query_one(Header).render_line(0).text
        assert len(line) == 120
        assert line.startswith(" ⭘ ")
        title = line[ICON_ROOM : 120 - CLOCK_ROOM]
        left, right = len(title) - len(title.lstrip()), len(title) - len(title.rstrip())
        assert title.strip().startswith("herzlich-tui — ")
        assert abs(left - right) <= 1
        assert line[120 - CLOCK_ROOM :] == " " * CLOCK_ROOM


async def test_control_characters_in_a_title_are_drawn_as_pictures(tmp_path: Path) -> None:
    """A search given on the command line is said in the header and stands in the search box: an escape in
    it (an OSC sequence would set the window title, or swallow what follows) is shown, never sent."""
    app = make_app(tmp_path, view="timeline", search="dig\x1b]0;x\x07ital")
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await ready(pilot)
        header = screen.query_one(Header)
        assert "dig\u241b]0;x\u2407ital" in header.render_line(0).text
        assert screen.query_one("#search").value == "dig\u241b]0;x\u2407ital"  # type: ignore[attr-defined]
        screen.sub_title = "a\x1b[2Jb"
        await pilot.pause()
        line = header.render_line(0).text
        assert "\x1b" not in line and "a\u241b[2Jb" in line
