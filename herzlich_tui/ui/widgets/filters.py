"""The filter panel: one list per facet (year, programme, person, network), each option with its live
count. The screen sends options down; the panel sends FacetChosen up."""

from __future__ import annotations

import contextlib
from collections.abc import Sequence

from rich.text import Text
from textual.containers import VerticalScroll
from textual.css.query import NoMatches
from textual.widgets import Label
from textual.widgets.option_list import Option

from herzlich_tui.browse.spec import FacetSpec
from herzlich_tui.browse.state import FacetOption
from herzlich_tui.ui.commands import Spoken
from herzlich_tui.ui.messages import FacetChosen
from herzlich_tui.ui.widgets.option_list import OptionList

__all__ = ["FacetList", "FilterPanel"]


class FacetList(OptionList):
    """The options of one facet; the chosen one is marked."""

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


class FilterPanel(Spoken, VerticalScroll, can_focus=False):
    """The facets, stacked. Hidden on narrow terminals until toggled. Its facet lists take the focus."""

    DEFAULT_CSS = """
    FilterPanel {
        background: $surface;
        padding: 0 0 0 1;
        & > Label { color: $accent; text-style: bold; padding-top: 1; }
    }
    """

    def __init__(self, facets: Sequence[FacetSpec], *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.facets = tuple(facets)
        self._built = False

    def relabel(self) -> None:
        for facet in self.facets:
            with contextlib.suppress(NoMatches):  # (not made yet: they are made in the words of the moment)
                self.query_one(f"#facet-title-{facet.name}", Label).update(Text(facet.label))

    # The lists are made with their first options, once the data has loaded: until then they would be
    # empty, and making the panel's widgets is a good part of what the first frame adds to a bare app's.
    def update(self, options: dict[str, list[FacetOption]], chosen: dict[str, object]) -> None:
        if not self._built:
            self._built = True
            self.mount_all(
                widget
                for facet in self.facets
                for widget in (
                    Label(Text(facet.label), id=f"facet-title-{facet.name}"),
                    FacetList(facet.name, id=f"facet-{facet.name}"),
                )
            )
        for facet in self.facets:
            try:
                facet_list = self.query_one(f"#facet-{facet.name}", FacetList)
            except NoMatches:  # (the lists are not mounted: the app is closing before they were)
                return
            items = options.get(facet.name, [])
            facet_list.show_options(items, chosen.get(facet.name))
            visible = len(items) > 1
            facet_list.display = visible
            self.query_one(f"#facet-title-{facet.name}", Label).display = visible
