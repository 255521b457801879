"""A list of records that renders only the lines on screen (Textual's Line API), so that it stays fast
with a hundred thousand rows. Headings group the rows; matches of the current search are highlighted."""

from __future__ import annotations

from collections.abc import Sequence

from rich.cells import cell_len
from rich.style import Style
from rich.text import Text
from textual import events
from textual.geometry import Region, Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from herzlich_tui import strings as S
from herzlich_tui.browse.rows import Row, RowList, Rows
from herzlich_tui.ui.commands import Key, Spoken, key_bindings
from herzlich_tui.ui.widgets.scrolling import set_scrollable_size

__all__ = ["RecordList"]

MATCH_SCAN = 20_000  # rows n and N look through for the next title that matches
SUFFIX_MIN = 8  # a shortened suffix (a role, a project's years) keeps at least this many cells
BOOKMARK_MARK = "★ "


def _shortened(text: str, cells: int) -> str:
    """`text` cut to `cells` cells, an ellipsis marking the cut."""
    if cell_len(text) <= cells:
        return text
    shortened = Text(text)
    shortened.truncate(cells, overflow="ellipsis")
    return shortened.plain


class RecordList(Spoken, ScrollView, can_focus=True):
    """Rows of one view: headings and records. Sends Highlighted when the user moves the cursor and
    Selected on a double click; enter runs the screen's `open_highlighted` (an action runs before the next key
    is looked at, where a message can be overtaken by it). Rows and cursor set from above change nothing else."""

    KEYS = (
        Key("up,k", "cursor(-1)", "ACTION_UP"),
        Key("down,j", "cursor(1)", "ACTION_DOWN"),
        Key("pageup", "page(-1)", "ACTION_PAGE_UP"),
        Key("pagedown", "page(1)", "ACTION_PAGE_DOWN"),
        Key("home,g", "first", "ACTION_FIRST"),
        Key("end,G", "last", "ACTION_LAST"),
        Key("enter", "screen.open_highlighted", "ACTION_OPEN", show=True),
    )
    BINDINGS = key_bindings(*KEYS)

    COMPONENT_CLASSES = {
        "record-list--heading",
        "record-list--subheading",
        "record-list--cursor",
        "record-list--prefix",
        "record-list--suffix",
        "record-list--match",
        "record-list--empty",
    }

    DEFAULT_CSS = """
    RecordList {
        background: $surface;
        & > .record-list--heading { color: $accent; text-style: bold; }
        & > .record-list--subheading { color: $text-muted; text-style: bold; }
        & > .record-list--cursor { background: $block-cursor-blurred-background; }
        & > .record-list--prefix { color: $text-secondary; }
        & > .record-list--suffix { color: $text-muted; }
        & > .record-list--match { background: $warning 40%; text-style: bold; }
        & > .record-list--empty { color: $text-muted; text-style: italic; }
        &:focus > .record-list--cursor {
            background: $block-cursor-background;
            color: $block-cursor-foreground;
            text-style: $block-cursor-text-style;
        }
    }
    """

    cursor: reactive[int] = reactive(-1, always_update=True, repaint=False)  # (watch_cursor draws)

    class Highlighted(Message):
        """The cursor moved to a record (or to nothing, when the list is empty)."""

        def __init__(self, record_list: RecordList, record_id: str | None) -> None:
            super().__init__()
            self.record_list = record_list
            self.record_id = record_id

        @property
        def control(self) -> RecordList:
            return self.record_list

    class Selected(Message):
        """The user opened a record with a double click (enter runs the screen's action)."""

        def __init__(self, record_list: RecordList, record_id: str) -> None:
            super().__init__()
            self.record_list = record_list
            self.record_id = record_id

        @property
        def control(self) -> RecordList:
            return self.record_list

    def __init__(self, *, name: str | None = None, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(name=name, id=id, classes=classes)
        self._rows: Rows = RowList()
        self._terms: list[str] = []
        self._prefix_width = 0
        self.empty_text = S.LIST_EMPTY
        self._wrapped: tuple[str, int, list[str]] | None = None  # the empty text, as last wrapped to a width
        self.marked: set[str] = set()  # the ids of bookmarked records: their rows carry a mark
        self._frame: tuple[Style, int] | None = None  # the base style and width while a frame is drawn

    # --- state down ---------------------------------------------------------------------------------
    @property
    def rows(self) -> Rows:
        return self._rows

    @property
    def highlighted_id(self) -> str | None:
        if 0 <= self.cursor < len(self._rows):
            return self._rows[self.cursor].record_id or None
        return None

    def set_rows(self, rows: Rows, *, keep: str | None = None, terms: Sequence[str] = ()) -> None:
        """Show new rows; keep the cursor on `keep` (a record id) when it is still listed."""
        self._rows = rows
        self._terms = list(terms)
        self._prefix_width = min(max(map(cell_len, rows.prefixes(5000)), default=0), 16)
        set_scrollable_size(self, Size(self.size.width, len(rows)))
        target = self._place_of(keep) if keep else -1
        if target < 0:
            target = self._next_record(-1, 1)
        self.cursor = target
        self.refresh()

    def mark(self, ids: set[str]) -> None:
        """Mark the rows of these records (the bookmarked ones)."""
        if ids != self.marked:
            self.marked = set(ids)
            self.refresh()

    def show_empty_text(self, text: str) -> None:
        """Change what the list says while it has no rows: lines of text, each wrapped to the width."""
        if text != self.empty_text:
            self.empty_text = text
            if not self._rows:
                self.refresh()

    def _empty_lines(self, width: int) -> list[str]:
        """What the list says while it has no rows, wrapped to `width` (less its margin), line by line;
        wrapped once for each text and width, not for each line drawn."""
        if self._wrapped is None or self._wrapped[:2] != (self.empty_text, width):
            import textwrap

            room = max(width - 3, 8)
            paragraphs = self.empty_text.split("\n")
            lines = [line for paragraph in paragraphs for line in textwrap.wrap(paragraph, room) or [""]]
            self._wrapped = (self.empty_text, width, lines)
        return self._wrapped[2]

    def select_id(self, record_id: str) -> bool:
        """Move the cursor to a record; False when it is not in the list."""
        index = self._place_of(record_id)
        if index < 0:
            return False
        self.cursor = index
        return True

    def highlight(self, record_id: str) -> bool:
        """Move the cursor to a record as the user would, announcing it; False when it is not listed."""
        index = self._place_of(record_id)
        if index < 0:
            return False
        self._move(index)
        return True

    def _place_of(self, record_id: str) -> int:
        """Where a record is first listed, or -1 (a scan in C: no table of the ids is made for each list)."""
        return self._rows.place_of(record_id)

    # --- cursor -------------------------------------------------------------------------------------
    def _next_record(self, start: int, step: int) -> int:
        index = start + step
        while 0 <= index < len(self._rows):
            if not self._rows[index].is_heading:
                return index
            index += step
        return -1

    def watch_cursor(self, old: int, new: int) -> None:
        scrolled = self.scroll_offset
        if 0 <= new < len(self._rows):
            # Keep the headings right above the cursor in view, so the first row of a group shows its group.
            top = new
            while top > 0 and self._rows[top - 1].is_heading:
                top -= 1
            self.scroll_to_region(Region(0, top, 1, new - top + 1), animate=False, force=True)
        if self.scroll_offset != scrolled:
            self.refresh()
            return
        # Not scrolled: only the row the cursor left and the row it came to are drawn again.
        for index in (old, new):
            if 0 <= index < len(self._rows):
                self.refresh_line(index)

    def _move(self, index: int) -> None:
        """Move the cursor because the user asked to, and say so. (Rows set from above move it silently.)"""
        if index >= 0:
            self.cursor = index
            self.post_message(self.Highlighted(self, self.highlighted_id))

    def next_match(self, step: int) -> bool:
        """Move the cursor to the next (step 1) or previous (-1) record whose title the search terms match,
        as the user would; False when there is none (within MATCH_SCAN rows)."""
        if not self._terms:
            return False
        from herzlich_tui.search import match_spans  # with the data, as the highlighting

        index = self.cursor
        for _ in range(MATCH_SCAN):
            index += step
            if not 0 <= index < len(self._rows):
                return False
            row = self._rows[index]
            if not row.is_heading and match_spans(row.text, self._terms):
                self._move(index)
                return True
        return False

    def action_cursor(self, step: int) -> None:
        self._move(self._next_record(self.cursor, step))

    def action_page(self, direction: int) -> None:
        height = max(self.scrollable_content_region.height - 1, 1)
        target = min(max(self.cursor + direction * height, 0), len(self._rows) - 1)
        found = self._next_record(target - direction, direction)
        if found < 0:
            found = self._next_record(target + direction, -direction)
        self._move(found)

    def action_first(self) -> None:
        self._move(self._next_record(-1, 1))

    def action_last(self) -> None:
        self._move(self._next_record(len(self._rows), -1))

    async def _on_click(self, event: events.Click) -> None:
        index = event.y + self.scroll_offset.y
        if 0 <= index < len(self._rows) and not self._rows[index].is_heading:
            self._move(index)
            if event.chain >= 2 and (record_id := self.highlighted_id) is not None:
                self.post_message(self.Selected(self, record_id))

    def on_resize(self, event: events.Resize) -> None:
        self.virtual_size = Size(event.size.width, len(self._rows))

    # --- rendering ----------------------------------------------------------------------------------
    def render_lines(self, crop: Region) -> list[Strip]:
        # What every line shares is looked up once per frame, not once per line: the widget's style walks
        # all its ancestors (it was half the time of drawing the list).
        self._frame = (self.rich_style, self.scrollable_content_region.width)
        try:
            return super().render_lines(crop)
        finally:
            self._frame = None

    def render_line(self, y: int) -> Strip:
        _, scroll_y = self.scroll_offset
        index = scroll_y + y
        base, width = self._frame or (self.rich_style, self.scrollable_content_region.width)
        if not self._rows:
            lines = self._empty_lines(width)
            if 1 <= y <= len(lines):
                text = Text("  " + lines[y - 1])
                text.stylize_before(base + self.get_component_rich_style("record-list--empty"))
                return Strip(text.render(self.app.console)).crop_extend(0, width, base)
            return Strip.blank(width, base)
        if index >= len(self._rows):
            return Strip.blank(width, base)
        row = self._rows[index]
        text = self._line(row, index == self.cursor, base, width)
        return (
            Strip(text.render(self.app.console), cell_len(text.plain))
            .crop_extend(0, width, base)
            .apply_offsets(0, index)
        )

    def _line(self, row: Row, is_cursor: bool, base: Style, width: int) -> Text:
        if row.is_heading:
            component = "record-list--heading" if row.level <= 1 else "record-list--subheading"
            style = base + self.get_component_rich_style(component)
            text = Text(" " + row.text, no_wrap=True, end="")
            if row.suffix:
                text.append(f"  {row.suffix}", style=self.get_component_rich_style("record-list--suffix"))
            # Text.render ignores a Text's own style, so the line's style goes in as its first span.
            text.stylize_before(style)
            return text
        line_style = base + self.get_component_rich_style("record-list--cursor") if is_cursor else base
        text = Text(no_wrap=True, end="")
        text.append(" ")
        if self._prefix_width:
            prefix = row.prefix[: self._prefix_width].ljust(self._prefix_width)
            text.append(
                prefix + "  ", style=self.get_component_rich_style("record-list--prefix") if not is_cursor else ""
            )
        text.append("  " * row.level + ("└ " if row.level else ""))
        if row.record_id in self.marked:
            text.append(BOOKMARK_MARK)
        start = len(text.plain)
        title = Text(row.text)
        if self._terms:
            from herzlich_tui.search import match_spans  # not before the first frame: it brings the model

            match_style = self.get_component_rich_style("record-list--match")
            for a, b in match_spans(row.text, self._terms):
                title.stylize(match_style, a, b)
        # The title and the suffix share what is left of the line: each is shortened with an ellipsis
        # rather than left out; the suffix gets what the title leaves, and no less than a third of the room.
        room = width - start - 1
        suffix = row.suffix
        wanted = cell_len(row.text) + (2 + cell_len(suffix) if suffix else 0)
        if suffix and wanted > room:
            keep = min(cell_len(suffix), max(room - 2 - cell_len(row.text), room // 3, SUFFIX_MIN))
            suffix = _shortened(suffix, keep)
            title.truncate(max(room - 2 - cell_len(suffix), 1), overflow="ellipsis")
        text.append_text(title)
        if suffix:
            gap = width - cell_len(text.plain) - cell_len(suffix) - 1
            text.append(" " * max(gap, 2))
            text.append(suffix, style=self.get_component_rich_style("record-list--suffix") if not is_cursor else "")
        pad = width - cell_len(text.plain)
        if pad > 0:
            text.append(" " * pad)
        else:
            text.truncate(width, overflow="ellipsis")
        text.stylize_before(line_style)
        return text
