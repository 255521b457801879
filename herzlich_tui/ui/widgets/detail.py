"""The detail pane: one record's page, with links to every record it names.

The pane is one focusable widget with a link cursor: up/down (or j/k) move between links, enter follows
one, a click follows one too. Text is always given to widgets as rich Text, never as markup."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal, cast

from rich.text import Text
from textual import events
from textual.containers import Horizontal, VerticalScroll
from textual.geometry import Size
from textual.widget import Widget
from textual.widgets import Static

from herzlich_tui.ui.commands import Key, Spoken, key_bindings
from herzlich_tui.ui.messages import FollowRecord

if TYPE_CHECKING:
    from herzlich_tui.browse.blocks import Block

__all__ = ["DetailPane", "RecordLink"]

STACK_BELOW = 60  # a pane narrower than this shows columns one under the other


class Line(Static):
    """A line of the page (a paragraph, a heading, a column).

    Textual lays the screen out a second time after any widget whose scrollable size a layout changed,
    which for a line of text is never needed: its place and height came from the first layout. Without
    the second, a page shown for the next record takes one frame less (docs/performance.md)."""

    def _size_updated(self, size: Size, virtual_size: Size, container_size: Size, layout: bool = True) -> bool:
        return super()._size_updated(size, virtual_size, container_size, layout=False)


class RecordLink(Line):
    """A line that leads to another record."""

    DEFAULT_CSS = """
    RecordLink {
        padding: 0 1 0 2;
        color: $text-primary;
        &:hover { text-style: underline; background: $boost; }
        &.-cursor { background: $block-cursor-blurred-background; }
        &.-inferred { text-style: italic; color: $text-secondary; }
    }
    DetailPane:focus RecordLink.-cursor {
        background: $block-cursor-background;
        color: $block-cursor-foreground;
    }
    """

    def __init__(self, text: Text, target: str, classes: str = "") -> None:
        super().__init__(text, markup=False, classes=classes)
        self.target = target

    def on_click(self, event: events.Click) -> None:
        event.stop()
        self.post_message(FollowRecord(self.target))


class DetailPane(Spoken, VerticalScroll, can_focus=True):
    """Shows blocks from herzlich_tui.browse.pages; keeps a cursor on one of its links."""

    KEYS = (
        Key("up,k", "link(-1)", "ACTION_PREVIOUS_LINK"),
        Key("down,j", "link(1)", "ACTION_NEXT_LINK"),
        Key("home,g", "link_edge(0)", "ACTION_FIRST_LINK"),
        Key("end,G", "link_edge(-1)", "ACTION_LAST_LINK"),
        Key("enter", "follow", "ACTION_FOLLOW_LINK", show=True),
    )
    BINDINGS = key_bindings(*KEYS)

    DEFAULT_CSS = """
    DetailPane {
        background: $surface;
        padding: 0 1;
        & > .detail--title { text-style: bold; color: $text; padding-top: 1; }
        & > .detail--meta { color: $text-secondary; }
        & > .detail--id { color: $text-disabled; }
        & > .detail--match { color: $warning; text-style: italic; }
        & > .detail--heading { color: $accent; text-style: bold; padding-top: 1; }
        & > .detail--para { padding: 1 0 0 0; }
        & > .detail--quote { color: $text; text-style: italic; padding: 1 2 0 2; }
        & > .detail--note { color: $text-muted; }
        & > .detail--subnote { color: $text-muted; padding-left: 6; }
        & > .detail--bar { color: $success; }
        & > .-inferred { text-style: italic; color: $text-secondary; }
        & > .detail--heading.-inferred { text-style: bold italic; }
        & > Horizontal.detail--columns { height: auto; }
        & > Horizontal.detail--columns > Static { width: 1fr; padding: 0 1 0 0; }
        & > Horizontal.detail--columns > Static.detail--column-head { text-style: bold; }
    }
    """

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self._links: list[RecordLink] = []
        self._cursor = -1
        self.record_id: str | None = None
        self._blocks: list[Block] = []
        self._stacked = False

    def _size_updated(self, size: Size, virtual_size: Size, container_size: Size, layout: bool = True) -> bool:
        """As for its lines (see Line): the layout that found the page's new length need not be followed by
        another. Should the scroll bar appear or go with it, that changes the width, and Textual lays the
        screen out again for that."""
        return super()._size_updated(size, virtual_size, container_size, layout=False)

    @property
    def links(self) -> list[RecordLink]:
        return self._links

    @property
    def link_cursor(self) -> int:
        return self._cursor

    def show(self, record_id: str | None, blocks: list[Block], *, link: str | None = None) -> None:
        """Replace the content. `link` puts the cursor on the link to that record when present.

        The widgets already there are given the new text where the page has a widget of the same kind at
        the same place (most pages of one kind share their shape): only the rest are removed or made. Making
        a page's widgets anew (each one styled and laid out) cost more than the rest of a keystroke."""
        self.record_id = record_id
        self._blocks = blocks
        self._stacked = self._narrow()
        parts = list(_parts(blocks, stacked=self._stacked))
        old = list(self.children)
        same = 0
        while same < min(len(parts), len(old)) and _fits(old[same], parts[same]):
            same += 1
        with self.app.batch_update():
            for widget, part in zip(old[:same], parts[:same], strict=True):
                _refill(widget, part)
            if same < len(old):
                self.remove_children(old[same:])
            if same < len(parts):
                self.mount_all([_make(part) for part in parts[same:]])
        self._links = [w for w in self.children if isinstance(w, RecordLink)]
        self._cursor = -1
        if link is not None:
            for index, widget in enumerate(self._links):
                if widget.target == link:
                    self._set_cursor(index)
                    break
        if self._cursor < 0 and (self.scroll_y or self.scroll_target_y):
            self.scroll_home(animate=False)

    def _narrow(self) -> bool:
        """Too narrow for text side by side: columns are shown one under the other (a long word in a narrow
        column would be broken without a hyphen)."""
        return 0 < self.size.width < STACK_BELOW

    def on_resize(self) -> None:
        if self._blocks and self._narrow() != self._stacked:
            self.show(self.record_id, self._blocks, link=self.cursor_target)

    def on_focus(self) -> None:
        if self._cursor < 0 and self._links:
            self._set_cursor(0)

    def _set_cursor(self, index: int) -> None:
        if not self._links:
            self._cursor = -1
            return
        index = max(0, min(index, len(self._links) - 1))
        if 0 <= self._cursor < len(self._links):
            self._links[self._cursor].remove_class("-cursor")
        self._cursor = index
        link = self._links[index]
        link.add_class("-cursor")
        self.call_after_refresh(self.scroll_to_widget, link, animate=False)

    def action_link(self, step: int) -> None:
        if not self._links:
            self.scroll_relative(y=step, animate=False)
            return
        self._set_cursor(self._cursor + step if self._cursor >= 0 else 0)

    def action_link_edge(self, edge: int) -> None:
        if self._links:
            self._set_cursor(0 if edge == 0 else len(self._links) - 1)

    def action_follow(self) -> None:
        if 0 <= self._cursor < len(self._links):
            self.post_message(FollowRecord(self._links[self._cursor].target))

    @property
    def cursor_target(self) -> str | None:
        if 0 <= self._cursor < len(self._links):
            return self._links[self._cursor].target
        return None


@dataclass(frozen=True, slots=True)
class _Part:
    """One widget of a page: a link, a line of text or columns side by side, with its classes."""

    kind: Literal["link", "text", "columns"]
    texts: tuple[Text, ...]
    classes: str = ""
    target: str = ""


def _parts(blocks: list[Block], *, stacked: bool) -> Iterator[_Part]:
    for block in blocks:
        if block.style == "link":
            yield _Part("link", (Text("→ " + block.text),), "-inferred" if block.inferred else "", block.target or "")
        elif block.style == "columns" and stacked:
            for head, body in block.columns:
                yield _Part("text", (Text.assemble((head + "\n", "bold"), body),), "detail--para")
        elif block.style == "columns":
            columns = tuple(Text.assemble((head + "\n", "bold"), body) for head, body in block.columns)
            yield _Part("columns", columns, "detail--columns")
        else:
            classes = f"detail--{block.style} -inferred" if block.inferred else f"detail--{block.style}"
            yield _Part("text", (Text(block.text),), classes)


def _make(part: _Part) -> Widget:
    if part.kind == "link":
        return RecordLink(part.texts[0], part.target, part.classes)
    if part.kind == "columns":
        return Horizontal(*(Line(text, markup=False) for text in part.texts), classes=part.classes)
    return Line(part.texts[0], markup=False, classes=part.classes)


def _fits(widget: Widget, part: _Part) -> bool:
    """Whether `widget` can show `part` once given its text (see `_refill`)."""
    if part.kind == "link":
        return type(widget) is RecordLink
    if part.kind == "columns":
        return type(widget) is Horizontal and len(widget.children) == len(part.texts)
    return type(widget) is Line


def _refill(widget: Widget, part: _Part) -> None:
    if part.kind == "columns":
        for column, text in zip(widget.children, part.texts, strict=True):
            cast(Line, column).update(text)
    else:
        cast(Line, widget).update(part.texts[0])
    if isinstance(widget, RecordLink):
        widget.target = part.target
    if widget.classes != frozenset(part.classes.split()):
        widget.set_classes(part.classes)
