"""The list of one facet's values in the filter panel, each with its live count; the chosen one is marked.
Made with the data (FilterPanel.update): the panel is on the first frame without its lists."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from rich.text import Text
from textual.widgets.option_list import Option

from herzlich_tui.ui.commands import Key, Spoken, key_bindings
from herzlich_tui.ui.messages import FacetChosen
from herzlich_tui.ui.widgets.option_list import OptionList

if TYPE_CHECKING:
    from herzlich_tui.browse.results import FacetOption

__all__ = ["FacetList"]


class FacetList(Spoken, OptionList):
    """The options of one facet; the chosen one is marked. Enter chooses the highlighted one (the footer
    says so while a list has the focus)."""

    KEYS = (Key("enter", "select", "ACTION_CHOOSE", show=True),)
    BINDINGS = key_bindings(*KEYS)

    DEFAULT_CSS = """
    FacetList {
        height: auto;
        max-height: 12;
        border: none;
        padding: 0;
        background: $surface;
        text-wrap: nowrap;
        text-overflow: ellipsis;
        &:focus { background-tint: $foreground 5%; }
    }
    """

    def __init__(self, facet: str, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.facet = facet
        self._values: list[object] = []
        self._signature: tuple = ()

    def show_options(self, options: Sequence[FacetOption], chosen: object) -> None:
        signature = (tuple(options), chosen)
        if signature == self._signature:
            return
        self._signature = signature
        highlighted = self.highlighted
        self._values = [o.value for o in options]
        self.clear_options()
        width = max((len(str(o.count)) for o in options), default=1)
        self.add_options([self._option(o, o.value == chosen, width) for o in options])
        if highlighted is not None and highlighted < len(options):
            self.highlighted = highlighted
        elif chosen in self._values:
            self.highlighted = self._values.index(chosen)

    @staticmethod
    def _option(option: FacetOption, chosen: bool, width: int) -> Option:
        text = Text("● " if chosen else "  ", style="bold" if chosen else "", no_wrap=True, overflow="ellipsis")
        text.append(f"{option.count:>{width}} ", style="dim")
        text.append(option.label, style="bold" if chosen else "")
        return Option(text)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.post_message(FacetChosen(self.facet, self._values[event.option_index]))
