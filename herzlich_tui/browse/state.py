"""The browser's state (view, filters, search) and the result shown for it. What follows from a state
(the records and rows to show, each facet option with its live count) is worked out in browse/engine.py.

This module is on the way to the first frame, so it imports neither the model nor the search index."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from herzlich_tui import strings as S
from herzlich_tui.browse.rows import VIEW_KINDS, Row

if TYPE_CHECKING:
    from rich.console import RenderableType

    from herzlich_tui.model import Dataset, Record

__all__ = ["FACETS", "VIEWS", "FacetOption", "ViewResult", "ViewState", "view_kind"]

VIEWS = ("timeline", "projects", "people", "networks", "overview")
FACETS = (
    ("year", S.FACET_YEAR),
    ("programme", S.FACET_PROGRAMME),
    ("person", S.FACET_PERSON),
    ("network", S.FACET_NETWORK),
)


@dataclass(frozen=True, slots=True)
class FacetOption:
    """One choice in a facet: its value (None for "all"), label and how many records it would show."""

    value: object
    label: str
    count: int


@dataclass(frozen=True, slots=True)
class ViewState:
    """Everything that decides what the main screen lists. `programme` "" means "no programme"; None
    means any."""

    view: str = "timeline"
    year: int | None = None
    programme: str | None = None
    person: str | None = None
    network: str | None = None
    query: str = ""

    def with_facet(self, facet: str, value: object) -> ViewState:
        return replace(self, **{facet: value})

    @property
    def key(self) -> tuple:
        """The state as plain values (for the first-screen snapshot)."""
        return (self.view, self.year, self.programme, self.person, self.network, self.query)

    def cleared(self) -> ViewState:
        return ViewState(view=self.view)

    @property
    def has_filters(self) -> bool:
        return any(v is not None for v in (self.year, self.programme, self.person, self.network)) or bool(self.query)

    def describe(self, dataset: Dataset) -> list[str]:
        """The active filters in words, for the header's subtitle."""
        parts: list[str] = []
        if self.year is not None:
            parts.append(str(self.year))
        if self.programme is not None:
            programme = dataset.get(self.programme) if self.programme else None
            parts.append(programme.label if programme else S.NO_PROGRAMME)
        for facet in ("person", "network"):
            value = getattr(self, facet)
            if value is not None:
                record = dataset.get(value)
                parts.append(record.label if record else value)
        if self.query:
            parts.append(f"“{self.query}”")
        return parts


@dataclass(frozen=True, slots=True)
class ViewResult:
    """What the screen shows for a state. `records` holds the view's records (for the overview: every
    record that passes the filters)."""

    state: ViewState
    records: Sequence[Record]
    rows: Sequence[Row]
    shown: int
    total: int
    terms: tuple[str, ...]
    overview: list[RenderableType] = field(default_factory=list)


def view_kind(view: str) -> str:
    return VIEW_KINDS.get(view, "event")
