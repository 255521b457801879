"""The bar of views under the header: the views with their keys, the current one marked (on a narrow
terminal the others by their key alone).
Clicking a view switches to it; the text is the app's own, so it may carry click actions."""

from __future__ import annotations

from rich.text import Text
from textual.reactive import var
from textual.widgets import Static

from herzlich_tui.browse.spec import VIEWS
from herzlich_tui.browse.state import ViewState
from herzlich_tui.ui.commands import Spoken

__all__ = ["ViewBar"]


class ViewBar(Spoken, Static):
    """One line: `1 Timeline  2 Projects  ...`, the current view highlighted."""

    DEFAULT_CSS = """
    ViewBar {
        height: 1;
        background: $panel;
        color: $text-muted;
        padding: 0 1;
    }
    """

    view_state: var[ViewState] = var(ViewState, init=False)  # bound to the screen's

    def __init__(self, current: str, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._current = ""
        self.show_view(current)

    def watch_view_state(self, state: ViewState) -> None:
        self.show_view(state.view)

    def show_view(self, current: str, *, force: bool = False) -> None:
        if current == self._current and not force:
            return
        self._current = current
        # Every view by its key and name where they fit; else the others by their key alone.
        room = self.content_region.width or self.app.size.width - 2
        text = self._bar(current, compact=False)
        if text.cell_len > room:
            text = self._bar(current, compact=True)
        self.update(text)

    def relabel(self) -> None:
        self.show_view(self._current, force=True)

    def on_resize(self) -> None:
        self.show_view(self._current, force=True)

    @staticmethod
    def _bar(current: str, *, compact: bool) -> Text:
        text = Text(no_wrap=True, overflow="ellipsis")
        for view in VIEWS:
            shown = view.name == current or not compact
            label = f" {view.key} {view.label} " if shown else f" {view.key} "
            style = "bold reverse" if view.name == current else ""
            start = len(text.plain)
            text.append(label, style=style)
            text.apply_meta({"@click": f"screen.view('{view.name}')"}, start, start + len(label))
            text.append(" ")
        return text
