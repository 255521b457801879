"""The header: Textual's, whose title line is redrawn without laying the screen out again.

The header's title says the view, its filters and the count, and so changes with nearly every key. Textual's
header sets it as new content, which asks for a layout of the whole screen; the layout comes a frame after
the list has been drawn, and the list's scroll bar a frame after that. The title's line is as wide as the
header and one line high whatever it says: a redraw is all it needs (docs/performance.md)."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.visual import VisualType
from textual.widgets import Header as _Header
from textual.widgets._header import HeaderTitle

__all__ = ["Header"]


class _Title(HeaderTitle):
    def update(self, content: VisualType = "", *, layout: bool = True) -> None:
        super().update(content, layout=False)


class Header(_Header):
    """Textual's header, with a title line that is only redrawn when it changes."""

    def compose(self) -> ComposeResult:
        for widget in super().compose():
            yield _Title() if type(widget) is HeaderTitle else widget
