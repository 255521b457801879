"""The detail pane: one record's page, with links to every record it names.

The pane is one focusable widget with a link cursor: up/down (or j/k) move between links, enter follows
one, a click follows one too. It draws its page line by line (Textual's Line API), as the list draws its
rows: a page of another length or shape is new lines in the same widget, with no widgets to make, lay out
or remove (each of which cost a frame of its own; docs/performance.md). Text is always given as rich Text,
never as markup."""

from __future__ import annotations

from bisect import bisect_right
from typing import TYPE_CHECKING

from rich.cells import cell_len
from rich.segment import Segment
from rich.style import Style as RichStyle
from textual import events
from textual.geometry import Region, Size
from textual.scroll_view import ScrollView
from textual.strip import Strip

from herzlich_tui.ui.commands import Key, Spoken, key_bindings
from herzlich_tui.ui.messages import FollowRecord
from herzlich_tui.ui.widgets.scrolling import set_scrollable_size

# How a page is laid out (page.py) is imported with the first page shown: the pane is on the first frame,
# empty.
if TYPE_CHECKING:
    from rich.text import Text
    from textual.selection import Selection
    from textual.style import Style

    from herzlich_tui.browse.blocks import Block
    from herzlich_tui.ui.widgets.page import PageLink, Part

__all__ = ["DetailPane"]

STACK_BELOW = 60  # a pane narrower than this shows columns one under the other
HOVER = "detail--hover"
CURSOR = "detail--cursor"


class DetailPane(Spoken, ScrollView, can_focus=True):
    """Shows blocks from herzlich_tui.browse.pages; keeps a cursor on one of its links."""

    KEYS = (
        Key("up,k", "link(-1)", "ACTION_PREVIOUS_LINK"),
        Key("down,j", "link(1)", "ACTION_NEXT_LINK"),
        Key("home,g", "link_edge(0)", "ACTION_FIRST_LINK"),
        Key("end,G", "link_edge(-1)", "ACTION_LAST_LINK"),
        Key("enter", "screen.follow_link", "ACTION_FOLLOW_LINK", show=True),
    )
    BINDINGS = key_bindings(*KEYS)

    # The looks of a page's parts, by their component classes (page.py gives each part its classes, and the
    # room around its text). The cursor's link says whether the keys go to it (the pane has the focus).
    COMPONENT_CLASSES = {
        "detail--title",
        "detail--meta",
        "detail--id",
        "detail--match",
        "detail--heading",
        "detail--para",
        "detail--quote",
        "detail--note",
        "detail--subnote",
        "detail--bar",
        "detail--link",
        "detail--inferred",
        HOVER,
        CURSOR,
    }
    DEFAULT_CSS = """
    DetailPane {
        background: $surface;
        padding: 0 1;
        & > .detail--title { text-style: bold; color: $text; }
        & > .detail--meta { color: $text-secondary; }
        & > .detail--id { color: $text-disabled; }
        & > .detail--match { color: $warning; text-style: italic; }
        & > .detail--heading { color: $accent; text-style: bold; }
        & > .detail--quote { color: $text; text-style: italic; }
        & > .detail--note { color: $text-muted; }
        & > .detail--subnote { color: $text-muted; }
        & > .detail--bar { color: $success; }
        & > .detail--link { color: $text-primary; }
        & > .detail--inferred { text-style: italic; color: $text-secondary; }
        & > .detail--hover { text-style: underline; background: $boost; }
        & > .detail--cursor { background: $block-cursor-blurred-background; }
        &:focus > .detail--cursor { background: $block-cursor-background; color: $block-cursor-foreground; }
    }
    """

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self._links: list[PageLink] = []
        self._cursor = -1
        self._hover = -1  # the link under the mouse
        self._pressed = -1  # the link the mouse button went down on
        self.record_id: str | None = None
        self._blocks: list[Block] = []
        self._parts: list[Part] = []
        self._stacked = False
        self._width = 0  # the width the page's lines were made for (0: not made yet), and the theme
        self._theme = ""
        self._tops = [0]  # the first line of each part, and the page's length
        self._part_links: dict[int, int] = {}  # the links' indexes by the indexes of their parts
        self._drawn: dict[int, list[Strip]] = {}  # the lines of the parts drawn so far (links as not chosen)
        self._blank: Strip | None = None  # a line below the page, while a frame is drawn

    @property
    def links(self) -> list[PageLink]:
        return self._links

    @property
    def link_cursor(self) -> int:
        return self._cursor

    @property
    def lines(self) -> list[str]:
        """The page's lines as shown (their plain text, without the space that ends them)."""
        return [line.text.rstrip() for index in range(len(self._parts)) for line in self._part_lines(index)]

    @property
    def texts(self) -> list[str]:
        """The plain text of each of the page's parts (a column's each), as given, before it is wrapped."""
        return [text.plain for part in self._parts for text in part.texts]

    def show(self, record_id: str | None, blocks: list[Block], *, link: str | None = None) -> None:
        """Replace the content. `link` puts the cursor on the link to that record when present."""
        self.record_id = record_id
        self._blocks = blocks
        self._stacked = self._narrow()
        self._lay_out()
        self._cursor = -1
        if link is not None:
            for index, page_link in enumerate(self._links):
                if page_link.target == link:
                    self._set_cursor(index)
                    break
        if self._cursor < 0 and (self.scroll_y or self.scroll_target_y):
            self.scroll_home(animate=False)

    def _lay_out(self, *, refresh: bool = True) -> None:
        """Place the page's parts for the pane's width (none while it has none). A part is drawn when it
        is first shown: a page may have thousands of links. Its height is known without drawing it when its
        text is one line that fits."""
        self._width = self.scrollable_content_region.width
        self._theme = self.app.theme
        self._hover = -1
        self._drawn = {}
        self._parts = []
        tops = [0]
        links: list[PageLink] = []
        self._part_links = {}
        if self._blocks:  # (none on the first frame: the page's layout is imported with the first page)
            from herzlich_tui.ui.widgets import page

            self._parts = list(page.parts(self._blocks, stacked=self._stacked))
            for index, part in enumerate(self._parts):
                height = self._height(index) if self._width > 0 else 0
                if part.target:
                    self._part_links[index] = len(links)
                    links.append(page.PageLink(part.target, tops[-1], height))
                tops.append(tops[-1] + height)
        self._tops, self._links = tops, links
        set_scrollable_size(self, Size(self._width, tops[-1]))
        if refresh:
            self.refresh()

    def _height(self, index: int) -> int:
        """How many lines the page's part `index` takes."""
        from herzlich_tui.ui.widgets import page

        part = self._parts[index]
        if part.kind == "columns":
            return len(self._part_lines(index))
        room = page.room(part)
        width = max(self._width - room.left - room.right, 1)
        text = part.texts[0]
        if "\n" not in text.plain and "\t" not in text.plain and cell_len(text.plain) <= width:
            return room.top + 1
        from textual.content import Content

        return room.top + max(len(Content.from_rich_text(text, console=self.app.console).wrap(width)), 1)

    def _part_lines(self, index: int, *states: str) -> list[Strip]:
        """The lines of the page's part `index` as drawn (a link's in its `states`), drawn once."""
        if states:
            return self._render_part(self._parts[index], *states)
        lines = self._drawn.get(index)
        if lines is None:
            lines = self._drawn[index] = self._render_part(self._parts[index])
        return lines

    def _render_part(self, part: Part, *states: str) -> list[Strip]:
        """The lines of one part at the pane's width, styled by its classes (and a link's `states`)."""
        from herzlich_tui.ui.widgets import page

        room = page.room(part)
        width = self._width
        style = self.get_visual_style(*part.classes, *states)
        blank = RichStyle.from_color(bgcolor=style.rich_style.bgcolor)
        lines = [Strip.blank(width, blank)] * room.top
        if part.kind == "columns":
            widths = page.column_widths(width, len(part.texts))
            columns = [
                self._text_lines(text, column - page.COLUMN_GAP, style, blank, 0, page.COLUMN_GAP)
                for text, column in zip(part.texts, widths, strict=True)
            ]
            for row in range(max(map(len, columns))):
                lines.append(
                    Strip.join(
                        column[row] if row < len(column) else Strip.blank(cells, blank)
                        for column, cells in zip(columns, widths, strict=True)
                    )
                )
        else:
            inner = width - room.left - room.right
            lines += self._text_lines(part.texts[0], inner, style, blank, room.left, room.right)
        return lines

    def _text_lines(self, text: Text, width: int, style: Style, blank: RichStyle, left: int, right: int) -> list[Strip]:
        """`text` wrapped to `width` cells (at least one), each line with `left` and `right` blank cells."""
        from textual.content import Content
        from textual.visual import RenderOptions

        width = max(width, 1)
        options = RenderOptions(self._get_style, self.styles.get_rules())
        strips = Content.from_rich_text(text, console=self.app.console).render_strips(width, None, style, options)
        lines = []
        for strip in strips or [Strip.blank(width, blank)]:
            pieces = [strip.adjust_cell_length(width, blank)]
            if left:
                pieces.insert(0, Strip.blank(left, blank))
            if right:
                pieces.append(Strip.blank(right, blank))
            lines.append(Strip.join(pieces).simplify() if len(pieces) > 1 else pieces[0])
        return lines

    def render_lines(self, crop: Region) -> list[Strip]:
        # The page's lines are made again for a new width, or in a new theme's colours.
        if (self.scrollable_content_region.width, self.app.theme) != (self._width, self._theme):
            self._lay_out(refresh=False)
        # The lines below the page share one blank line a frame (the pane's style walks its ancestors).
        self._blank = Strip.blank(max(self._width, 0), self.rich_style)
        try:
            return super().render_lines(crop)
        finally:
            self._blank = None

    def render_line(self, y: int) -> Strip:
        index = self.scroll_offset.y + y
        if not 0 <= index < self._tops[-1]:
            return self._blank or Strip.blank(max(self._width, 0), self.rich_style)
        part = bisect_right(self._tops, index) - 1
        link = self._part_links.get(part, -1)
        states: tuple[str, ...] = ()
        if link >= 0 and link in (self._cursor, self._hover):
            states = (HOVER,) * (link == self._hover) + (CURSOR,) * (link == self._cursor)
        line = self._part_lines(part, *states)[index - self._tops[part]]
        selection = self.text_selection
        if selection is not None and (span := selection.get_span(index)) is not None:
            # The span counts characters (as the offsets the lines carry do); the line is cut in cells.
            text = line.text
            start = cell_len(text[: span[0]])
            end = line.cell_length if span[1] == -1 else cell_len(text[: span[1]])
            if start < end:
                chosen = self.screen.get_component_rich_style("screen--selection")
                selected = Strip(Segment.apply_style(line.crop(start, end), post_style=chosen))
                line = Strip.join([line.crop(0, start), selected, line.crop(end)])
        return line.apply_offsets(0, index)

    # --- the mouse ----------------------------------------------------------------------------------
    def get_selection(self, selection: Selection) -> tuple[str, str] | None:
        return selection.extract("\n".join(self.lines)), "\n"

    def _selected(self) -> bool:
        """Whether text of the page is selected."""
        selection = self.text_selection
        return selection is not None and bool(selection.extract("\n".join(self.lines)))

    def _link_at(self, event: events.MouseEvent) -> int:
        """The link under the mouse, or -1."""
        return self._link_on(event.style)

    def _link_on(self, style: RichStyle) -> int:
        """The link drawn in a cell of this `style`, or -1 (the page's lines carry their place as the
        offset in their style; the pane's padding carries none)."""
        offset = style.meta.get("offset")
        if offset is None or not 0 <= offset[1] < self._tops[-1]:
            return -1
        return self._part_links.get(bisect_right(self._tops, offset[1]) - 1, -1)

    def on_mouse_move(self, event: events.MouseMove) -> None:
        self._hover_on(self._link_at(event))

    def on_leave(self) -> None:
        self._hover_on(-1)

    def watch_scroll_y(self, old_value: float, new_value: float) -> None:
        super().watch_scroll_y(old_value, new_value)
        if self._hover >= 0:  # (the mouse has not moved, the page has: another line may be under it)
            self.call_after_refresh(self._hover_under_mouse)

    def _hover_under_mouse(self) -> None:
        widget, _ = self.screen.get_widget_at(*self.app.mouse_position)
        style = self.screen.get_style_at(*self.app.mouse_position)
        self._hover_on(self._link_on(style) if widget is self else -1)

    def _hover_on(self, link: int) -> None:
        if link != self._hover:
            self._refresh_link(self._hover)
            self._hover = link
            self._refresh_link(link)

    def on_mouse_down(self, event: events.MouseDown) -> None:
        self._pressed = self._link_at(event)

    def on_click(self, event: events.Click) -> None:
        """A click on a link follows it. Textual makes a click of any press and release on the pane, so a
        selection dragged from elsewhere that ends on a link is not one."""
        link = self._link_at(event)
        if link >= 0 and link == self._pressed and not self._selected():
            event.stop()
            self.post_message(FollowRecord(self._links[link].target))

    # --- the link cursor ----------------------------------------------------------------------------
    def _narrow(self) -> bool:
        """Too narrow for text side by side: columns are shown one under the other (a long word in a narrow
        column would be broken without a hyphen)."""
        return 0 < self.size.width < STACK_BELOW

    def _size_updated(self, size: Size, virtual_size: Size, container_size: Size, layout: bool = True) -> bool:
        """A new width lays the page out in the layout that gave it, before the frame that shows it."""
        resized = super()._size_updated(size, virtual_size, container_size, layout)
        if self._blocks and (self._narrow() != self._stacked or self.scrollable_content_region.width != self._width):
            self._stacked = self._narrow()
            self._lay_out()
            self._show_cursor()
        return resized

    def on_focus(self) -> None:
        if self._cursor < 0 and self._links:
            self._set_cursor(0)
        self._refresh_link(self._cursor)

    def on_blur(self) -> None:
        self._refresh_link(self._cursor)

    def _refresh_link(self, link: int) -> None:
        if 0 <= link < len(self._links):
            page_link = self._links[link]
            for line in range(page_link.top, page_link.top + page_link.height):
                self.refresh_line(line)

    def _set_cursor(self, index: int) -> None:
        if not self._links:
            self._cursor = -1
            return
        index = max(0, min(index, len(self._links) - 1))
        self._refresh_link(self._cursor)
        self._cursor = index
        self._refresh_link(index)
        self._show_cursor()

    def _show_cursor(self) -> None:
        """Scroll the cursor's link into view; the first link, when the page's first screen shows it, with
        what the page says above it."""
        if not 0 <= self._cursor < len(self._links):
            return
        link = self._links[self._cursor]
        top = link.top
        if self._cursor == 0 and link.top + link.height <= self.scrollable_content_region.height:
            top = 0
        self.scroll_to_region(Region(0, top, 1, max(link.top + link.height - top, 1)), animate=False, force=True)

    def action_link(self, step: int) -> None:
        if not self._links:
            self.scroll_relative(y=step, animate=False)
            return
        self._set_cursor(self._cursor + step if self._cursor >= 0 else 0)

    def action_link_edge(self, edge: int) -> None:
        if self._links:
            self._set_cursor(0 if edge == 0 else len(self._links) - 1)

    @property
    def cursor_target(self) -> str | None:
        if 0 <= self._cursor < len(self._links):
            return self._links[self._cursor].target
        return None
