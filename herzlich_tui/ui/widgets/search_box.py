"""The search box: an Input whose keys say, in the footer, what enter and escape do while one types."""

from __future__ import annotations

from textual.binding import Binding
from textual.widgets import Input

from herzlich_tui import strings as S

__all__ = ["SearchBox"]


class SearchBox(Input):
    """Typing narrows the current view (the screen listens to Changed); enter moves to the list, escape
    clears the search and leaves the box."""

    BINDINGS = [
        Binding("enter", "submit", S.SEARCH_ENTER, show=True),
        Binding("escape", "screen.escape", S.SEARCH_ESCAPE, show=True),
    ]
