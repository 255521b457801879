"""What follows from the browser's state (browse/state.py): the records and rows to show, and each facet
option with its live count. Pure Python, so that it can run in a worker thread and be measured and tested
without a terminal."""

from __future__ import annotations

from collections.abc import Sequence
from itertools import chain

from rich.console import RenderableType

from herzlich_tui import strings as S
from herzlich_tui.browse.labels import date_label, group_label
from herzlich_tui.browse.rows import Row, Run, TimelineRows, build_rows
from herzlich_tui.browse.state import FACETS, FacetOption, ViewResult, ViewState, view_kind
from herzlich_tui.model import NO_PROGRAMME, Dataset, Event, PartialDate, Record
from herzlich_tui.model.masks import Chosen, intersect, keep, select
from herzlich_tui.search import SearchIndex, query_terms

__all__ = ["FACET_LIMIT", "Views", "compute"]

# The facets of the panel and the Dataset facet each reads.
_FACET_ATTR = {"year": "years", "programme": "programmes", "person": "people", "network": "networks"}
OVERVIEW_WIDTH = 100  # the bars of the overview are sized for a terminal about this wide
# People and networks can run into thousands: the panel lists the most frequent ones (and the chosen one).
FACET_LIMIT = 12
_SELECTIONS_KEPT = 8  # masks of 100,000 bytes at 100,000 events


class Views:
    """Computes what each view shows for a state, over one dataset and its search index.

    A selection is a byte mask over the records of the view's kind (model/masks.py): facet masks and the
    search's mask are intersected, and records and rows are picked from lists made once per record, all
    in C, so that a filter change or a keystroke costs a few milliseconds at 100,000 records."""

    def __init__(self, dataset: Dataset, index: SearchIndex | None) -> None:
        self.dataset = dataset
        self.index = index
        self._full_rows: dict[str, Sequence[Row]] = {}
        self._row_parts: dict[str, dict[str, tuple[Row, ...]]] = {}
        self._timeline: tuple[dict[PartialDate, tuple[Row, Row, str]], list[Run]] | None = None
        # Every answer kept below is keyed by how many times the search index changed: a worker that was
        # still answering with the old index when it changed stores its answer where none is looked for.
        self._generation = 0
        self._last_query: tuple[int, str, bytes | None] | None = None
        # The masks of the last few selections, with how many records each chooses: a state's list and
        # its four facets' counts mostly read the same one (no facet chosen, or only the search).
        self._selections: dict[tuple, tuple[bytes | None, int]] = {}
        # The overview of the last few states: at 100,000 events one takes a fraction of a second to make
        # (it reads every record shown), and switching back and forth should not make it again.
        self._overviews: dict[tuple, list[RenderableType]] = {}

    def forget_search(self) -> None:
        """The search index changed: searches are answered anew (and overviews made again)."""
        self._generation += 1
        self._last_query = None
        self._selections.clear()
        self._overviews.clear()

    def matching(self, query: str) -> bytes | None:
        """A mask over every record (the dataset's iteration order) of what a search matches; None when
        there is no search. The last answer is kept for repeated calls."""
        generation, index = self._generation, self.index
        if not query.strip() or index is None:
            return None
        last = self._last_query
        if last is not None and last[:2] == (generation, query):
            return last[2]
        mask = index.match_mask(query)
        self._last_query = (generation, query, mask)
        return mask

    def selection(self, kind: str, state: ViewState, skip: str | None = None) -> tuple[bytes | None, int]:
        """A mask over the records of `kind` (display order) choosing those that pass every facet but
        `skip`, and the search (None: all), and how many records it chooses. The last few are kept."""
        chosen = tuple(None if facet == skip else getattr(state, facet) for facet in _FACET_ATTR)
        key = (self._generation, kind, chosen, state.query if state.query.strip() else "")
        found = self._selections.get(key)
        if found is None:
            found = keep(self._selections, key, self._select(kind, chosen, state.query), _SELECTIONS_KEPT)
        return found

    def _select(self, kind: str, chosen: tuple, query: str) -> tuple[bytes | None, int]:
        """The mask over the records of `kind` of the facet values `chosen` (None: any) and the search, and
        how many records it chooses."""
        masks: list[bytes] = []
        for attr, value in zip(_FACET_ATTR.values(), chosen, strict=True):
            if value is not None:
                masks.append(self.dataset.facet_mask(kind, attr, value))
        matched = self.matching(query)
        if matched is not None:
            places = self.dataset.kind_range(kind)
            masks.append(matched[places.start : places.stop])
        if not masks:
            return (None, len(self.dataset.of_kind(kind)))
        mask = intersect(masks)
        return (mask, mask.count(1))

    def compute(self, state: ViewState) -> ViewResult:
        dataset = self.dataset
        kind = view_kind(state.view)
        pool = dataset.of_kind(kind)
        overview: list[RenderableType] = []
        if state.view == "overview":
            generation = self._generation
            parts = self._overview_records(state)
            records: Sequence[Record] = list(chain.from_iterable(parts.values()))
            shown = len(parts.get(kind, ()))
            rows: Sequence[Row] = []
            overview = self._overview((generation, state.key), records)
        else:
            allowed, shown = self.selection(kind, state)
            records = pool if allowed is None else Chosen(pool, allowed, shown)
            rows = self.rows(state.view, records, allowed)
        return ViewResult(state, records, rows, shown, len(pool), tuple(query_terms(state.query)), overview)

    def facet_options(self, state: ViewState) -> dict[str, list[FacetOption]]:
        """Each facet's options with live counts for a state (computed apart from the rows: the list
        must not wait for the counts)."""
        kind = view_kind(state.view)
        return {facet: self._options(kind, facet, state) for facet, _ in FACETS}

    def _overview(self, key: tuple, records: Sequence[Record]) -> list[RenderableType]:
        made = self._overviews.get(key)
        if made is None:
            from herzlich_tui.browse.overview import overview_renderables  # rich tables: only for the overview

            made = keep(self._overviews, key, overview_renderables(self.dataset, records, OVERVIEW_WIDTH), 8)
        return made

    def _overview_records(self, state: ViewState) -> dict[str, Sequence[Record]]:
        """The records the overview reads, by kind, as the state filters them."""
        parts: dict[str, Sequence[Record]] = {}
        chosen = tuple(getattr(state, facet) for facet in _FACET_ATTR)
        for kind in ("review", "event", "project", "project_year", "figure", "quote", "membership"):
            allowed, _ = self._select(kind, chosen, state.query)  # (not kept: the overview is)
            pool = self.dataset.of_kind(kind)
            parts[kind] = pool if allowed is None else select(pool, allowed)
        return parts

    # --- rows -------------------------------------------------------------------------------------------
    def rows(self, view: str, records: Sequence[Record], allowed: bytes | None = None) -> Sequence[Row]:
        """The rows of a view for its filtered records (in display order); `allowed` is the mask that chose
        them from the view's kind (None: every record)."""
        everything = allowed is None
        if everything and view in self._full_rows:
            return self._full_rows[view]
        rows: Sequence[Row]
        if view == "timeline":
            rows = self._timeline_rows(allowed)
        elif view == "projects":
            rows = build_rows(self.dataset, view, records)
        else:
            parts = self._parts(view)
            rows = [parts[r.id][0] for r in records if r.id in parts]
        if everything:
            self._full_rows[view] = rows
        return rows

    def _parts(self, view: str) -> dict[str, tuple[Row, ...]]:
        """Each record's row, made once."""
        parts = self._row_parts.get(view)
        if parts is None:
            parts = {}
            for row in build_rows(self.dataset, view, self.dataset.of_kind(view_kind(view))):
                if row.record_id:
                    parts[row.record_id] = (row,)
            self._row_parts[view] = parts
        return parts

    def _timeline_parts(self) -> tuple[dict[PartialDate, tuple[Row, Row, str]], list[Run]]:
        """Each event date's year heading, group heading and label, and the runs of consecutive events
        (display order) under the same year and group heading; an undated event, which the timeline
        leaves out, is in none. Made once."""
        if self._timeline is None:
            runs: list[Run] = []
            headings: dict[tuple, Row] = {}
            # Thousands of events share a date: its label and headings are made, and kept, once per date.
            dated: dict[PartialDate, tuple[Row, Row, str]] = {}
            for place, event in enumerate(self.dataset.of_kind("event")):
                if not isinstance(event, Event) or event.date is None:
                    continue
                date = event.date
                found = dated.get(date)
                if found is None:
                    year_row = headings.setdefault((date.year,), Row("", str(date.year), level=1))
                    group = group_label(date)
                    heading = headings.setdefault((date.year, group), Row("", group, level=2))
                    found = dated[date] = (year_row, heading, date_label(date))
                year, group_row, _ = found
                if runs and runs[-1].group is group_row and runs[-1].stop == place:
                    runs[-1].stop = place + 1
                else:
                    runs.append(Run(place, place + 1, year, group_row))
            self._timeline = (dated, runs)
        return self._timeline

    def _timeline_rows(self, allowed: bytes | None) -> TimelineRows:
        dated, runs = self._timeline_parts()
        return TimelineRows(self.dataset.of_kind("event"), dated, runs, allowed)  # type: ignore[arg-type]

    # --- facet options ----------------------------------------------------------------------------------
    def _options(self, kind: str, facet: str, state: ViewState) -> list[FacetOption]:
        """Each value of a facet with the number of records it would show, given the other filters."""
        attr = _FACET_ATTR[facet]
        others, total = self.selection(kind, state, skip=facet)
        values = self.dataset.facet_values(kind, attr)
        counted: dict[object, int] = {}
        if facet in ("year", "programme"):  # (few values, each shown)
            counted = values if others is None else self.dataset.facet_counts(kind, attr, others)

        def count(value: object) -> int:
            return counted.get(value, 0)

        chosen = getattr(state, facet)
        options = [FacetOption(None, _ALL_LABELS[facet], total)]
        dataset = self.dataset
        if facet == "year":
            for year in dataset.years:
                if year in values and ((n := count(year)) or year == chosen):
                    options.append(FacetOption(year, str(year), n))
        elif facet == "programme":
            for programme in dataset.programmes:
                if programme.id in values and ((n := count(programme.id)) or programme.id == chosen):
                    options.append(FacetOption(programme.id, programme.label, n))
            if NO_PROGRAMME in values and ((n := count(NO_PROGRAMME)) or chosen == NO_PROGRAMME):
                options.append(FacetOption(NO_PROGRAMME, S.NO_PROGRAMME, n))
        else:
            # The most frequent values (ties by id), without counting or sorting thousands of them.
            best = self.dataset.facet_top(kind, attr, others, FACET_LIMIT, chosen=total)
            if chosen is not None and all(v != chosen for v, _ in best):
                best.append((chosen, self.selection(kind, state)[1]))  # (what the list shows: kept)
            for value, n in best:
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
