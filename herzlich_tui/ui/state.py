"""The browser's state (view, filters, search) and what follows from it: the records and rows to show,
and each facet option with its live count. Pure Python, so that it can run in a worker thread and be
measured and tested without a terminal."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from rich.console import RenderableType

from herzlich_tui import strings as S
from herzlich_tui.model import (
    NO_PROGRAMME,
    Dataset,
    Event,
    Everything,
    Filter,
    NetworkIs,
    PersonIs,
    ProgrammeIs,
    Record,
    YearIs,
)
from herzlich_tui.search import SearchIndex, query_terms
from herzlich_tui.ui.rows import VIEW_KINDS, Row, build_rows

__all__ = ["FACETS", "VIEWS", "FacetOption", "ViewResult", "ViewState", "Views", "compute"]

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
    """What the screen shows for a state. `records` holds the view's records (for the overview: every
    record that passes the filters)."""

    state: ViewState
    records: Sequence[Record]
    rows: list[Row]
    shown: int
    total: int
    terms: tuple[str, ...]
    overview: list[RenderableType] = field(default_factory=list)


def view_kind(view: str) -> str:
    return VIEW_KINDS.get(view, "event")


# The facets of the panel and the Dataset facet each reads.
_FACET_ATTR = {"year": "years", "programme": "programmes", "person": "people", "network": "networks"}
OVERVIEW_WIDTH = 100  # the bars of the overview are sized for a terminal about this wide
# People and networks can run into thousands: the panel lists the most frequent ones (and the chosen one).
FACET_LIMIT = 12


class Views:
    """Computes what each view shows for a state, over one dataset and its search index.

    Filters are intersections of the dataset's inverted indexes; a view's rows are assembled from rows
    made once per record and kept, so that a filter change or a keystroke costs little at any size."""

    def __init__(self, dataset: Dataset, index: SearchIndex | None) -> None:
        self.dataset = dataset
        self.index = index
        self._full_rows: dict[str, list[Row]] = {}
        self._row_parts: dict[str, dict[str, tuple[Row, ...]]] = {}
        self._last_query: tuple[str, frozenset[str]] | None = None

    def forget_search(self) -> None:
        self._last_query = None

    def matching(self, query: str) -> frozenset[str] | None:
        """Ids that a search matches (None: no search). The last answer is kept for repeated calls."""
        if not query.strip() or self.index is None:
            return None
        if self._last_query is not None and self._last_query[0] == query:
            return self._last_query[1]
        ids = self.index.matching_ids(query)
        self._last_query = (query, ids)
        return ids

    def allowed(self, kind: str, state: ViewState, skip: str | None = None) -> set[str] | frozenset[str] | None:
        """Ids of records of `kind` that pass every facet but `skip`, and the search; None means all."""
        sets: list[set[str] | frozenset[str]] = []
        for facet, attr in _FACET_ATTR.items():
            value = getattr(state, facet)
            if facet != skip and value is not None:
                sets.append(self.dataset.ids_with(kind, attr, value))
        matched = self.matching(state.query)
        if matched is not None:
            sets.append(matched)
        if not sets:
            return None
        sets.sort(key=len)
        result = sets[0]
        for other in sets[1:]:
            result = result & other  # type: ignore[operator]
        return result

    def compute(self, state: ViewState) -> ViewResult:
        dataset = self.dataset
        kind = view_kind(state.view)
        pool = dataset.of_kind(kind)
        allowed = self.allowed(kind, state)
        records: Sequence[Record] = pool if allowed is None else dataset.in_order(kind, allowed)
        overview: list[RenderableType] = []
        if state.view == "overview":
            records = self._overview_records(state)
            shown = sum(1 for r in records if r.kind == kind)
            rows: list[Row] = []
            from herzlich_tui.ui.summary import overview_renderables  # rich tables: only for the overview

            overview = overview_renderables(dataset, records, OVERVIEW_WIDTH)
        else:
            shown = len(records)
            rows = self.rows(state.view, records, everything=allowed is None)
        return ViewResult(state, records, rows, shown, len(pool), tuple(query_terms(state.query)), overview)

    def facet_options(self, state: ViewState) -> dict[str, list[FacetOption]]:
        """Each facet's options with live counts for a state (computed apart from the rows: the list
        must not wait for the counts)."""
        kind = view_kind(state.view)
        return {facet: self._options(kind, facet, state) for facet, _ in FACETS}

    def _overview_records(self, state: ViewState) -> list[Record]:
        out: list[Record] = []
        for kind in ("review", "event", "project", "project_year", "figure", "quote", "membership"):
            allowed = self.allowed(kind, state)
            pool = self.dataset.of_kind(kind)
            out.extend(pool if allowed is None else self.dataset.in_order(kind, allowed))
        return out

    # --- rows -------------------------------------------------------------------------------------------
    def rows(self, view: str, records: Sequence[Record], *, everything: bool = False) -> list[Row]:
        """The rows of a view for its filtered records (in display order)."""
        if everything and view in self._full_rows:
            return self._full_rows[view]
        if view == "timeline":
            rows = self._timeline_rows(records)
        elif view == "projects":
            rows = build_rows(self.dataset, view, records)
        else:
            parts = self._parts(view)
            rows = [parts[r.id][0] for r in records if r.id in parts]
        if everything:
            self._full_rows[view] = rows
        return rows

    def _parts(self, view: str) -> dict[str, tuple[Row, ...]]:
        """Each record's row (and, for the timeline, its year and group headings), made once."""
        parts = self._row_parts.get(view)
        if parts is None:
            parts = {}
            pool = self.dataset.of_kind(view_kind(view))
            if view == "timeline":
                headings: dict[tuple, Row] = {}
                for event in pool:
                    if not isinstance(event, Event) or event.date is None:
                        continue
                    date = event.date
                    year = headings.setdefault((date.year,), Row("", str(date.year), level=1))
                    group = date.group_label()
                    group_row = headings.setdefault((date.year, group), Row("", group, level=2))
                    parts[event.id] = (Row(event.id, event.title, prefix=date.label(), kind="event"), year, group_row)
            else:
                for row in build_rows(self.dataset, view, pool):
                    if row.record_id:
                        parts[row.record_id] = (row,)
            self._row_parts[view] = parts
        return parts

    def _timeline_rows(self, records: Sequence[Record]) -> list[Row]:
        parts = self._parts("timeline")
        rows: list[Row] = []
        append = rows.append
        year_row: Row | None = None
        group_row: Row | None = None
        for record in records:
            found = parts.get(record.id)
            if found is None:
                continue
            row, year, group = found
            if year is not year_row:
                year_row = year
                group_row = None
                append(year)
            if group is not group_row:
                group_row = group
                append(group)
            append(row)
        return rows

    # --- facet options ----------------------------------------------------------------------------------
    def _options(self, kind: str, facet: str, state: ViewState) -> list[FacetOption]:
        """Each value of a facet with the number of records it would show, given the other filters."""
        attr = _FACET_ATTR[facet]
        others = self.allowed(kind, state, skip=facet)
        values = self.dataset.facet_values(kind, attr)

        def count(ids: set[str]) -> int:
            return len(ids) if others is None else len(ids & others)  # type: ignore[operator]

        chosen = getattr(state, facet)
        total = len(self.dataset.of_kind(kind)) if others is None else len(others)
        options = [FacetOption(None, _ALL_LABELS[facet], total)]
        dataset = self.dataset
        if facet == "year":
            for year in dataset.years:
                if year in values and ((n := count(values[year])) or year == chosen):
                    options.append(FacetOption(year, str(year), n))
        elif facet == "programme":
            for programme in dataset.programmes:
                ids = values.get(programme.id)
                if ids is not None and ((n := count(ids)) or programme.id == chosen):
                    options.append(FacetOption(programme.id, programme.label, n))
            if NO_PROGRAMME in values and ((n := count(values[NO_PROGRAMME])) or chosen == NO_PROGRAMME):
                options.append(FacetOption(NO_PROGRAMME, S.NO_PROGRAMME, n))
        else:
            counted = [(count(ids), value) for value, ids in values.items()]
            top = sorted((c, v) for c, v in counted if c or v == chosen)
            top.sort(key=lambda cv: -cv[0])
            keep = top[:FACET_LIMIT]
            if chosen is not None and all(v != chosen for _, v in keep):
                keep += [(c, v) for c, v in top if v == chosen]
            for n, value in keep:
                record = dataset.get(str(value))
                label = record.label if record is not None else str(value)
                if facet == "network" and record is not None:
                    label = getattr(record, "short_name", "") or label
                options.append(FacetOption(value, label, n))
        return options


def compute(dataset: Dataset, index: SearchIndex | None, state: ViewState) -> ViewResult:
    """One-off computation of a view (for tests and scripts; the app keeps a Views object)."""
    return Views(dataset, index).compute(state)


_ALL_LABELS = {"year": S.ALL_YEARS, "programme": S.ALL_PROGRAMMES, "person": S.ANYONE, "network": S.ANY_NETWORK}
