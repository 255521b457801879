"""What the widgets that draw their own lines (the record list, the detail pane) share."""

from __future__ import annotations

from textual.geometry import Size
from textual.scroll_view import ScrollView

__all__ = ["set_scrollable_size"]


def set_scrollable_size(view: ScrollView, size: Size) -> None:
    """Give `view` the length of what it draws as its scrollable size. Set as a reactive, it would ask
    Textual to lay the screen out again, though the view's own size does not change with it: only its
    scroll bar is brought up to date, at once (a layout only when the scroll bar appears or goes)."""
    if size == view.virtual_size:
        return
    shown = view.show_vertical_scrollbar
    view.set_reactive(ScrollView.virtual_size, size)
    view._scroll_update(size)
    if view.show_vertical_scrollbar != shown:
        view.refresh(layout=True)
