"""The filter panel: one list per facet (year, programme, person, network), each option with its live
count. The screen sends options down; the panel sends FacetChosen up."""

from __future__ import annotations

import contextlib
from collections.abc import Sequence
from typing import TYPE_CHECKING

from rich.text import Text
from textual.containers import VerticalScroll
from textual.css.query import NoMatches
from textual.widgets import Label

from herzlich_tui.ui.commands import Spoken

# The facets' lists (facet_list.py) are imported with the data, when the panel makes them.
if TYPE_CHECKING:
    from herzlich_tui.browse.results import FacetOption
    from herzlich_tui.browse.spec import FacetSpec

__all__ = ["FilterPanel"]


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

    @property
    def built(self) -> bool:
        """Whether the lists are made (with the data's first options: see update)."""
        return self._built

    def relabel(self) -> None:
        for facet in self.facets:
            with contextlib.suppress(NoMatches):  # (not made yet: they are made in the words of the moment)
                self.query_one(f"#facet-title-{facet.name}", Label).update(Text(facet.label))

    # The lists are made with their first options, once the data has loaded: until then they would be
    # empty, and making the panel's widgets is a good part of what the first frame adds to a bare app's.
    def update(self, options: dict[str, list[FacetOption]], chosen: dict[str, object]) -> None:
        from herzlich_tui.ui.widgets.facet_list import FacetList

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
