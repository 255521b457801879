"""The header: the command palette's icon on the left, the screen's title and subtitle in the middle.

It looks as Textual's header does, but is one widget that draws its line itself, where Textual's is four (the
header, its icon, its title and the room of a clock), each mounted, styled and laid out before the first
frame. Its title says the view, its filters and the count, and so changes with nearly every key: a new title
is a redraw of one line, never a layout (docs/performance.md)."""

from __future__ import annotations

from rich.segment import Segment
from textual import events
from textual.strip import Strip
from textual.widget import Widget

from herzlich_tui import strings as S
from herzlich_tui.textsafe import safe_line

__all__ = ["Header"]

ICON = "⭘"
ICON_ROOM = 8  # cells: the icon with a cell of room left of it (as Textual's header has it)
CLOCK_ROOM = 10  # cells right of the title, kept empty as Textual's header keeps the room of its clock
HOVER = "header--icon-hover"


class Header(Widget):
    """One line: the icon (a click opens the command palette) and the screen's title, centred between the
    icon's room and the clock's."""

    DEFAULT_CSS = """
    Header {
        dock: top;
        width: 100%;
        height: 1;
        background: $panel;
        color: $foreground;
        & > .header--icon-hover { background: $foreground 10%; }
    }
    """
    COMPONENT_CLASSES = {HOVER}

    def __init__(self) -> None:
        super().__init__()
        self._hover = False  # the mouse is over the icon

    def on_mount(self) -> None:
        for node in (self.app, self.screen):
            self.watch(node, "title", self._retitle, init=False)
            self.watch(node, "sub_title", self._retitle, init=False)

    def _retitle(self) -> None:
        self.refresh()

    def render_line(self, y: int) -> Strip:
        width = self.size.width
        base = self.rich_style
        icon_style = base + self.get_component_rich_style(HOVER) if self._hover else base
        screen = self.screen
        title = screen.title if screen.title is not None else self.app.title
        sub_title = screen.sub_title if screen.sub_title is not None else self.app.sub_title
        middle = max(width - ICON_ROOM - CLOCK_ROOM, 0)
        # (Titles say filters and searches: what the user or a data file wrote reaches the terminal as text.)
        content = self.app.format_title(safe_line(title), safe_line(sub_title)).center(middle, ellipsis=True)
        segments = content.render_segments(self.visual_style)
        line = [Segment(f" {ICON}".ljust(ICON_ROOM), icon_style), *segments, Segment(" " * CLOCK_ROOM, base)]
        return Strip(line).crop_extend(0, width, base)

    def _over_icon(self, hover: bool) -> None:
        if hover != self._hover:
            self._hover = hover
            self.tooltip = S.HEADER_ICON_TOOLTIP if hover else None
            self.refresh()

    def on_mouse_move(self, event: events.MouseMove) -> None:
        self._over_icon(event.x < ICON_ROOM)

    def on_leave(self, _event: events.Leave) -> None:
        self._over_icon(False)

    async def on_click(self, event: events.Click) -> None:
        if event.x < ICON_ROOM:
            event.stop()
            await self.run_action("app.command_palette")
