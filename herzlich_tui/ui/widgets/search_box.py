"""The search box: an Input whose keys say, in the footer, what enter and escape do while one types."""

from __future__ import annotations

from textual.geometry import Size
from textual.reactive import Reactive
from textual.widgets import Input

from herzlich_tui import strings as S
from herzlich_tui.ui.commands import Key, Spoken, key_bindings

__all__ = ["SearchBox"]


class SearchBox(Spoken, Input):
    """Typing narrows the current view (the screen listens to Changed); enter moves to the list, escape
    clears the search and leaves the box."""

    # Enter runs as it arrives: the focus is on the list before the keys typed right behind it are passed on
    # ("stadt", enter and j in one burst: j moves the list, and is not typed into the box).
    KEYS = (
        Key("enter", "screen.submit_search", "SEARCH_ENTER", show=True, priority=True),
        Key("escape", "screen.escape", "SEARCH_ESCAPE", show=True),
    )
    BINDINGS = key_bindings(*KEYS)

    # The box is one line as wide as its column, whatever it holds. Input sets its scrollable size to the
    # width of its text with each letter, and a new scrollable size asked for a layout of the screen before
    # the letter was drawn.
    virtual_size: Reactive[Size] = Reactive(Size(0, 0), layout=False)

    def relabel(self) -> None:
        super().relabel()
        self.placeholder = S.SEARCH_PLACEHOLDER
