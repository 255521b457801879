"""What follows from the browser's state (browse/state.py): the records and rows to show, and each facet
option with its live count. The one selection path: the app, the command line's `export` and `search`,
tests and benchmarks all choose records through `Views`. Pure Python, so that it can run in a worker
thread and be measured and tested without a terminal."""

from __future__ import annotations

import heapq
from collections import Counter
from collections.abc import Iterable, Sequence
from itertools import chain

from rich.console import RenderableType

from herzlich_tui import strings as S
from herzlich_tui.browse.labels import number
from herzlich_tui.browse.results import FacetOption, ViewResult
from herzlich_tui.browse.rows import HINT, Row, RowList, RowMaker, Rows
from herzlich_tui.browse.spec import FACETS, VIEWS, VIEWS_BY_NAME, FacetSpec
from herzlich_tui.browse.state import ViewState, view_kind, view_kinds
from herzlich_tui.model import NO_PROGRAMME, YEARLY_KINDS, Dataset, Programme, Record
from herzlich_tui.model.masks import Chosen, intersect, keep, select
from herzlich_tui.search import Searching, query_terms

__all__ = ["FACET_LIMIT", "Views", "programme_named", "resolve_programme"]

OVERVIEW_WIDTH = 100  # the bars of the overview are sized for a terminal about this wide
# People and networks can run into thousands: the panel lists the most frequent ones (and the chosen one).
FACET_LIMIT = 12
# Masks of one byte per record: a few are kept, not every one (a search across every kind reads one per kind).
_SELECTIONS_KEPT = 32
# The kinds the overview reads: the reviews (its sources), projects and events (records per programme),
# and the kinds that belong to one year (side by side).
_OVERVIEW_KINDS = tuple(dict.fromkeys(("review", "project", "event", *YEARLY_KINDS)))


class Views:
    """Computes what each view shows for a state, over one dataset and its search index.

    A selection is a byte mask over the records of a kind (model/masks.py): facet masks and the search's
    mask are intersected, and records and rows are picked from it: a filter change or a keystroke never
    walks every record in Python."""

    def __init__(self, dataset: Dataset, index: Searching | None) -> None:
        self.dataset = dataset
        self.index = index
        self._makers: dict[str, RowMaker] = {
            view.name: view.rows(dataset, view.listed) for view in VIEWS if view.rows is not None
        }
        self._full_rows: dict[tuple[str, str], Rows] = {}
        self._pools: dict[tuple[str, ...], Sequence[Record]] = {}
        self._domains: dict[str, list[object]] = {}
        # Every answer kept below is keyed by how many times the search index changed: a worker that was
        # still answering with the old index when it changed stores its answer where none is looked for.
        self._generation = 0
        self._last_query: tuple[int, str, bytes | None] | None = None
        # The masks of the last few selections, with how many records each chooses: a state's list and
        # its four facets' counts mostly read the same one (no facet chosen, or only the search).
        self._selections: dict[tuple, tuple[bytes | None, int]] = {}
        # The overview of the last few states, made once each (it reads every record shown).
        self._overviews: dict[tuple, list[RenderableType]] = {}

    def forget_words(self) -> None:
        """The interface's language changed: rows and overviews are made anew, in its words. What chooses
        the records (masks, counts, pools) holds no words and is kept."""
        self._makers = {view.name: view.rows(self.dataset, view.listed) for view in VIEWS if view.rows is not None}
        self._full_rows.clear()
        self._overviews.clear()

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
        chosen = tuple(None if facet.name == skip else getattr(state, facet.name) for facet in FACETS)
        key = (self._generation, kind, chosen, state.query if state.query.strip() else "")
        found = self._selections.get(key)
        if found is None:
            found = keep(self._selections, key, self._select(kind, chosen, state.query), _SELECTIONS_KEPT)
        return found

    def _select(self, kind: str, chosen: tuple, query: str) -> tuple[bytes | None, int]:
        """The mask over the records of `kind` of the facet values `chosen` (None: any, in FACETS order)
        and the search, and how many records it chooses."""
        masks: list[bytes] = []
        for facet, value in zip(FACETS, chosen, strict=True):
            if value is not None:
                masks.append(self.dataset.facet_mask(kind, facet.index, value))
        matched = self.matching(query)
        if matched is not None:
            places = self.dataset.kind_range(kind)
            masks.append(matched[places.start : places.stop])
        if not masks:
            return (None, len(self.dataset.of_kind(kind)))
        mask = intersect(masks)
        return (mask, mask.count(1))

    def pool(self, kinds: tuple[str, ...]) -> Sequence[Record]:
        """The records of the kinds, kind after kind, each in display order: what a view of them lists
        when nothing is filtered (made once for a view of several kinds)."""
        if len(kinds) == 1:
            return self.dataset.of_kind(kinds[0])
        found = self._pools.get(kinds)
        if found is None:
            found = self._pools[kinds] = [record for kind in kinds for record in self.dataset.of_kind(kind)]
        return found

    def listing(self, view: str, state: ViewState) -> tuple[bytes | None, int]:
        """A mask over the records a view lists when nothing is filtered (`pool` of its kinds) choosing
        those the state's filters and search choose (None: all), and how many it chooses. A searched view
        chooses none without a search."""
        spec = VIEWS_BY_NAME[view]
        kinds = spec.listed
        if spec.searched and not query_terms(state.query):
            return (bytes(len(self.pool(kinds))), 0)
        if len(kinds) == 1:
            return self.selection(kinds[0], state)
        parts = [self.selection(kind, state) for kind in kinds]
        shown = sum(count for _, count in parts)
        if all(mask is None for mask, _ in parts):
            return (None, shown)
        masks = [
            b"\x01" * len(self.dataset.of_kind(kind)) if mask is None else mask
            for kind, (mask, _) in zip(kinds, parts, strict=True)
        ]
        return (b"".join(masks), shown)

    def hits_elsewhere(self, state: ViewState) -> dict[str, int]:
        """How many records each list view but the state's own would show for its filters and search, in
        the order of the views ({"projects": 3, ...}): where a search that finds nothing here finds
        something. Made from the masks the lists use (kept for the next keystroke)."""
        return {
            view.name: self.listing(view.name, state)[1] for view in VIEWS if view.listed and view.name != state.view
        }

    def records(self, kind: str, state: ViewState) -> Sequence[Record]:
        """The records of a kind that a state's filters and search choose, in display order."""
        allowed, shown = self.selection(kind, state)
        pool = self.dataset.of_kind(kind)
        return pool if allowed is None else Chosen(pool, allowed, shown)

    def ordered(self, kind: str, state: ViewState, sort: str) -> list[Record]:
        """The records of a kind that a state chooses, in a sort order of the view that lists the kind
        (the display order when no view lists it or the view has no such order)."""
        records = self.records(kind, state)
        for view in VIEWS:
            if view.kind == kind and sort in view.sorts:
                return self._makers[view.name].order(records, sort)
        return list(records)

    def compute(self, state: ViewState) -> ViewResult:
        spec = VIEWS_BY_NAME[state.view]
        terms = tuple(query_terms(state.query))
        overview: list[RenderableType] = []
        if not spec.listed:
            kind = view_kind(state.view)
            pool = self.dataset.of_kind(kind)
            generation = self._generation
            parts = self.overview_parts(state)
            records: Sequence[Record] = list(chain.from_iterable(parts.values()))
            shown = len(parts.get(kind, ()))
            rows: Rows = RowList()
            overview = self._overview((generation, state.key), records)
        else:
            pool = self.pool(spec.listed)
            allowed, shown = self.listing(state.view, state)
            records = pool if allowed is None else Chosen(pool, allowed, shown)
            if spec.searched and not terms:
                rows = RowList([Row("", S.RESULTS_HINT, kind=HINT)])
            else:
                rows = self.rows(state.view, records, allowed, state.sort)
        listless = not spec.listed or (spec.searched and not terms)
        nothing = self.explain_nothing(state) if not shown and not listless else ()
        return ViewResult(state, records, rows, shown, len(pool), terms, overview, nothing)

    def explain_nothing(self, state: ViewState) -> tuple[str, ...]:
        """What a list that shows nothing says, line by line: that nothing matches, the search's nearest
        words ("did you mean"), where the same filters and search do find records, and how to clear."""
        lines = [S.LIST_EMPTY]
        if self.index is not None and state.query.strip():
            mended = self.index.did_you_mean(state.query)
            if mended:
                written = " ".join(self.index.as_written(word) for word in mended.split())
                lines.append(S.EMPTY_DID_YOU_MEAN.format(words=written))
        found = [(VIEWS_BY_NAME[view].label, n) for view, n in self.hits_elsewhere(state).items() if n]
        if found:
            lines.append(
                S.EMPTY_ELSEWHERE.format(where=", ".join(S.EMPTY_IN.format(n=number(n), view=v) for v, n in found))
            )
        if state.has_filters:
            lines.append(S.EMPTY_CLEAR)
        return tuple(lines)

    def facet_options(self, state: ViewState) -> dict[str, list[FacetOption]]:
        """Each facet's options with live counts for a state (computed apart from the rows: the list
        must not wait for the counts)."""
        kinds = view_kinds(state.view)
        return {
            facet.name: self._options(kinds, facet, state)
            if self._offers_choice(facet, state)
            else [FacetOption(None, facet.all_label, sum(self.selection(kind, state)[1] for kind in kinds))]
            for facet in FACETS
        }

    def _offers_choice(self, facet: FacetSpec, state: ViewState) -> bool:
        """Whether a facet has values to choose from: not one that lists each value while the data holds
        one alone (one municipality, one year), unless that one is chosen (it can be cleared). A facet
        without gets its "all" option alone: a list of one option, which the panel hides."""
        return not facet.every or getattr(state, facet.name) is not None or len(self._domain(facet)) > 1

    def _overview(self, key: tuple, records: Sequence[Record]) -> list[RenderableType]:
        made = self._overviews.get(key)
        if made is None:
            from herzlich_tui.browse.overview import overview_renderables  # rich tables: only for the overview

            made = keep(self._overviews, key, overview_renderables(self.dataset, records, OVERVIEW_WIDTH), 8)
        return made

    def overview_parts(self, state: ViewState) -> dict[str, Sequence[Record]]:
        """The records the overview reads, by kind, as the state filters them."""
        parts: dict[str, Sequence[Record]] = {}
        chosen = tuple(getattr(state, facet.name) for facet in FACETS)
        for kind in _OVERVIEW_KINDS:
            allowed, _ = self._select(kind, chosen, state.query)  # (not kept: the overview is)
            pool = self.dataset.of_kind(kind)
            parts[kind] = pool if allowed is None else select(pool, allowed)
        return parts

    # --- rows -------------------------------------------------------------------------------------------
    def rows(self, view: str, records: Sequence[Record], allowed: bytes | None = None, sort: str = "") -> Rows:
        """The rows of a view for its filtered records (in display order) in one of its sort orders (""
        its default); `allowed` is the mask that chose them from the view's kind (None: every record)."""
        sort = VIEWS_BY_NAME[view].sort_or_default(sort)
        everything = allowed is None
        if everything and (view, sort) in self._full_rows:
            return self._full_rows[(view, sort)]
        rows = self._makers[view].rows(records, allowed, sort)
        if everything:
            self._full_rows[(view, sort)] = rows
        return rows

    # --- facet options ----------------------------------------------------------------------------------
    def _options(self, kinds: tuple[str, ...], facet: FacetSpec, state: ViewState) -> list[FacetOption]:
        """Each value of a facet with the number of records of the kinds it would show, given the other
        filters. (A searched view counts without a search what a search would search among.)"""
        if len(kinds) > 1:
            return self._summed_options(kinds, facet, state)
        kind = kinds[0]
        others, total = self.selection(kind, state, skip=facet.name)
        values = self.dataset.facet_values(kind, facet.index)
        chosen = getattr(state, facet.name)
        options = [FacetOption(None, facet.all_label, total)]
        if facet.every:  # (few values, each shown, in the dataset's order)
            counted = values if others is None else self.dataset.facet_counts(kind, facet.index, others)
            # (Where nothing would be listed whatever this facet's value, its values stay, with zero counts.)
            for value in self._every_value(facet):
                if value in values and ((n := counted.get(value, 0)) or value == chosen or not total):
                    options.append(FacetOption(value, self._value_label(facet, value), n))
            return options
        # The most frequent values (ties by id), without counting or sorting thousands of them.
        best = self.dataset.facet_top(kind, facet.index, others, FACET_LIMIT, chosen=total)
        if chosen is not None and all(v != chosen for v, _ in best):
            best.append((chosen, self.selection(kind, state)[1]))  # (what the list shows: kept)
        options += [FacetOption(value, self._value_label(facet, value), n) for value, n in best]
        return options

    def _summed_options(self, kinds: tuple[str, ...], facet: FacetSpec, state: ViewState) -> list[FacetOption]:
        """The options of a facet over records of several kinds: each kind's counts, added up."""
        dataset = self.dataset
        counted: Counter[object] = Counter()
        total = 0
        for kind in kinds:
            others, count = self.selection(kind, state, skip=facet.name)
            total += count
            if count:
                counted.update(
                    dataset.facet_values(kind, facet.index)
                    if others is None
                    else dataset.facet_counts(kind, facet.index, others)
                )
        chosen = getattr(state, facet.name)
        options = [FacetOption(None, facet.all_label, total)]
        if facet.every:
            values: list[object] = self._every_value(facet)
        else:
            carried = ((value, n) for value, n in counted.items() if n)
            values = [value for value, _ in heapq.nsmallest(FACET_LIMIT, carried, key=_by_count)]
            if chosen is not None and chosen not in values:
                values.append(chosen)
        for value in values:
            if (n := counted.get(value, 0)) or value == chosen:
                options.append(FacetOption(value, self._value_label(facet, value), n))
        return options

    def _every_value(self, facet: FacetSpec) -> list[object]:
        """A facet's values in the order the panel lists them: plain values sorted (years ascending,
        municipalities A–Z), records in display order, and the records of no programme last."""
        if facet.names is None:
            return self._domain(facet)
        ids: list[object] = [record.id for record in self.dataset.of_kind(facet.names)]
        return [*ids, NO_PROGRAMME] if facet.index == "programmes" else ids

    def _domain(self, facet: FacetSpec) -> list[object]:
        """Every value of a facet that some record carries (Dataset.facet_domain, made once)."""
        found = self._domains.get(facet.index)
        if found is None:
            found = self._domains[facet.index] = self.dataset.facet_domain(facet.index)
        return found

    def _value_label(self, facet: FacetSpec, value: object) -> str:
        if facet.names is None:
            return str(value)
        if value == NO_PROGRAMME and facet.index == "programmes":
            return S.NO_PROGRAMME
        record = self.dataset.get(str(value))
        if record is None:
            return str(value)
        return getattr(record, "short_name", "") or record.label if facet.names == "network" else record.label


def _by_count(item: tuple[object, int]) -> tuple[int, str]:
    """Values by how many records carry them, most first, ties by the value's text (as Dataset.facet_top)."""
    return (-item[1], str(item[0]))


def resolve_programme(dataset: Dataset, text: str) -> str | None:
    """A programme id for what a user typed: an id, a name or a short name (case-insensitive), or
    'none' for records of no programme. None when nothing fits."""
    return programme_named(dataset.programmes, text)


def programme_named(programmes: Iterable[Programme], text: str) -> str | None:
    """`resolve_programme` among the programmes given (a dataset's, in display order)."""
    wanted = text.strip().casefold()
    if wanted in ("none", "-"):
        return NO_PROGRAMME
    for programme in programmes:
        if wanted in (programme.id.casefold(), programme.name.casefold(), programme.short_name.casefold()):
            return programme.id
    return None
