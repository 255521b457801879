"""The detail pane: one record's page, with links to every record it names.

The pane is one focusable widget with a link cursor: up/down (or j/k) move between links, enter follows
one, a click follows one too. Text is always given to widgets as rich Text, never as markup."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.containers import VerticalScroll
from textual.geometry import Size

from herzlich_tui.ui.commands import Key, Spoken, key_bindings
from herzlich_tui.ui.messages import FollowRecord

# A page's widgets (page.py) are imported with the first page shown: the pane is on the first frame, empty.
if TYPE_CHECKING:
    from herzlich_tui.browse.blocks import Block
    from herzlich_tui.ui.widgets.page import Line

__all__ = ["DetailPane"]

STACK_BELOW = 60  # a pane narrower than this shows columns one under the other


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

    # The looks of a page's lines are in page.py, with the lines: they come with the first page shown.
    DEFAULT_CSS = """
    DetailPane {
        background: $surface;
        padding: 0 1;
    }
    """

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self._links: list[Line] = []
        self._focused = False
        self._cursor = -1
        self.record_id: str | None = None
        self._blocks: list[Block] = []
        self._stacked = False

    def _size_updated(self, size: Size, virtual_size: Size, container_size: Size, layout: bool = True) -> bool:
        """As for its lines (see page.Line): the layout that found the page's new length need not be followed
        by another. Should the scroll bar appear or go with it, that changes the width, and Textual lays the
        screen out again for that."""
        return super()._size_updated(size, virtual_size, container_size, layout=False)

    @property
    def links(self) -> list[Line]:
        return self._links

    @property
    def link_cursor(self) -> int:
        return self._cursor

    def show(self, record_id: str | None, blocks: list[Block], *, link: str | None = None) -> None:
        """Replace the content. `link` puts the cursor on the link to that record when present.

        The widgets already there are given the new text where the page has a widget of the same kind at
        the same place (a line, be it text or a link, or columns of the same number): only the rest are
        made. Those the page does not need are hidden, kept for a longer page. Making a page's widgets anew
        (each one styled and laid out), or removing them, cost more than the rest of a keystroke, and a
        frame of its own."""
        from herzlich_tui.ui.widgets import page

        self.record_id = record_id
        self._blocks = blocks
        self._stacked = self._narrow()
        parts = list(page.parts(blocks, stacked=self._stacked))
        old = list(self.children)
        same = 0
        while same < min(len(parts), len(old)) and page.fits(old[same], parts[same]):
            same += 1
        made = [page.make(part) for part in parts[same:]]
        with self.app.batch_update():
            for widget, part in zip(old[:same], parts[:same], strict=True):
                page.refill(widget, part)
            if made and same < len(old):  # (a widget of another kind in the way: the rest is made anew)
                self.remove_children(old[same:])
            else:
                for widget in old[same:]:
                    if widget.display:
                        widget.display = False
            if made:
                self.mount_all(made)
        self._links = [w for w in [*old[:same], *made] if isinstance(w, page.Line) and w.target]
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
        self._focused = True  # (has_focus is set after this handler runs)
        if self._cursor < 0 and self._links:
            self._set_cursor(0)
        self._mark_cursor()

    def on_blur(self) -> None:
        self._focused = False
        self._mark_cursor()

    def _mark_cursor(self) -> None:
        """The cursor's link says whether the keys go to it (the pane has the focus)."""
        if 0 <= self._cursor < len(self._links):
            self._links[self._cursor].set_class(self._focused, "-focused")

    def _set_cursor(self, index: int) -> None:
        if not self._links:
            self._cursor = -1
            return
        index = max(0, min(index, len(self._links) - 1))
        if 0 <= self._cursor < len(self._links):
            self._links[self._cursor].remove_class("-cursor", "-focused")
        self._cursor = index
        link = self._links[index]
        link.add_class("-cursor")
        self._mark_cursor()
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
