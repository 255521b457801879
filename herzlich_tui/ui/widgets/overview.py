"""The overview pane: shows the renderables that herzlich_tui.browse.overview builds for the current selection."""

from __future__ import annotations

from collections.abc import Sequence

from rich.console import RenderableType
from textual.containers import VerticalScroll
from textual.widgets import Static

__all__ = ["Overview"]


class Overview(VerticalScroll, can_focus=True):
    """Scrollable overview of the current selection."""

    DEFAULT_CSS = """
    Overview {
        background: $surface;
        padding: 0 2;
        & > Static { padding-top: 1; }
    }
    """

    def show(self, sections: Sequence[RenderableType]) -> None:
        with self.app.batch_update():
            self.remove_children()
            self.mount_all([Static(section) for section in sections])
