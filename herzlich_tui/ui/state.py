"""The browser's state (view, filters, search) and what follows from it: the records and rows to show,
and each facet option with its live count. Pure Python, so that it can run in a worker thread and be
measured and tested without a terminal."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, replace

from herzlich_tui import strings as S
from herzlich_tui.model import (
    NO_PROGRAMME,
    Dataset,
    Everything,
    Filter,
    IdsIn,
    NetworkIs,
    PersonIs,
    ProgrammeIs,
    Record,
    YearIs,
)
from herzlich_tui.search import SearchIndex, query_terms
from herzlich_tui.ui.rows import VIEW_KINDS, Row, build_rows

__all__ = ["FACETS", "VIEWS", "FacetOption", "ViewResult", "ViewState", "compute"]

VIEWS = ("timeline", "projects", "people", "networks", "overview")
FACETS = (
    ("year", S.FACET_YEAR),
    ("programme", S.FACET_PROGRAMME),
    ("person", S.FACET_PERSON),
    ("network", S.FACET_NETWORK),
)
_FACET_ATTR = {"year": "years", "programme": "programmes", "person": "people", "network": "networks"}


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

    def cleared(self) -> ViewState:
        return ViewState(view=self.view)

    @property
    def has_filters(self) -> bool:
        return any(v is not None for v in (self.year, self.programme, self.person, self.network)) or bool(self.query)

    def facet_filter(self, facet: str) -> Filter:
        """The filter one facet contributes (Everything when it is not set)."""
        value = getattr(self, facet)
        if value is None:
            return Everything()
        if facet == "year":
            return YearIs(value)
        if facet == "programme":
            return ProgrammeIs(value)
        if facet == "person":
            return PersonIs(value)
        return NetworkIs(value)

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
    """What the screen shows for a state."""

    state: ViewState
    records: list[Record]
    rows: list[Row]
    facets: dict[str, list[FacetOption]]
    shown: int
    total: int
    terms: tuple[str, ...]


def view_kind(view: str) -> str:
    return VIEW_KINDS.get(view, "event")


def compute(dataset: Dataset, index: SearchIndex | None, state: ViewState) -> ViewResult:
    """Filter the view's records by every facet and the search, build its rows, and count each facet's
    options among the records that the other facets and the search let through."""
    if state.view == "overview":
        pool: Sequence[Record] = list(dataset)
    else:
        pool = dataset.of_kind(view_kind(state.view))
    text: Filter = Everything()
    if state.query and index is not None:
        text = IdsIn(index.matching_ids(state.query))
    facet_filters = {facet: state.facet_filter(facet) for facet, _ in FACETS}

    def passing(skip: str | None) -> Filter:
        combined = text
        for facet, flt in facet_filters.items():
            if facet != skip:
                combined = combined & flt
        return combined

    everything = passing(None)
    records = (
        [r for r in pool if everything.matches(r, dataset.facets(r.id))]
        if not isinstance(everything, Everything)
        else list(pool)
    )
    counted_kind = [r for r in pool if r.kind == view_kind(state.view)] if state.view == "overview" else pool
    options = {facet: _options(dataset, counted_kind, facet, passing(facet), state) for facet, _ in FACETS}
    rows = build_rows(dataset, state.view, records)
    shown = sum(1 for r in records if r.kind == view_kind(state.view))
    return ViewResult(state, records, rows, options, shown, len(counted_kind), tuple(query_terms(state.query)))


def _options(
    dataset: Dataset, pool: Sequence[Record], facet: str, others: Filter, state: ViewState
) -> list[FacetOption]:
    attr = _FACET_ATTR[facet]
    counts: Counter[object] = Counter()
    total = 0
    for record in pool:
        facets = dataset.facets(record.id)
        if not others.matches(record, facets):
            continue
        total += 1
        values = getattr(facets, attr)
        if facet == "programme" and not values:
            counts[NO_PROGRAMME] += 1
        counts.update(values)
    chosen = getattr(state, facet)
    options = [FacetOption(None, _ALL_LABELS[facet], total)]
    if facet == "year":
        options += [FacetOption(y, str(y), counts[y]) for y in dataset.years if counts[y] or y == chosen]
    elif facet == "programme":
        options += [
            FacetOption(p.id, p.label, counts[p.id]) for p in dataset.programmes if counts[p.id] or p.id == chosen
        ]
        if counts[NO_PROGRAMME] or chosen == NO_PROGRAMME:
            options.append(FacetOption(NO_PROGRAMME, S.NO_PROGRAMME, counts[NO_PROGRAMME]))
    elif facet == "person":
        options += [FacetOption(p.id, p.label, counts[p.id]) for p in dataset.people if counts[p.id] or p.id == chosen]
    else:
        options += [
            FacetOption(n.id, n.short_name or n.name, counts[n.id])
            for n in dataset.networks
            if counts[n.id] or n.id == chosen
        ]
    return options


_ALL_LABELS = {"year": S.ALL_YEARS, "programme": S.ALL_PROGRAMMES, "person": S.ANYONE, "network": S.ANY_NETWORK}
