"""Textual's OptionList, safe to page through when it has no room."""

from __future__ import annotations

from textual.binding import Binding
from textual.widgets import OptionList as _OptionList

__all__ = ["OptionList"]


class OptionList(_OptionList):
    """An OptionList whose page up/down do nothing while it has no room to show a line.

    Textual 8 lays out an option list's lines only when it has a content region; paging before that
    raises KeyError. That happens to a filter list that gets focus back inside a body hidden on a too-small
    terminal, and to the dialogs' lists squeezed to nothing on a 20x6 one.

    j and k move as they do in the record list."""

    BINDINGS = [
        Binding("j", "cursor_down", show=False),
        Binding("k", "cursor_up", show=False),
    ]

    def action_page_up(self) -> None:
        if self.scrollable_content_region:
            super().action_page_up()

    def action_page_down(self) -> None:
        if self.scrollable_content_region:
            super().action_page_down()
