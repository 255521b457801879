"""The browser's state (view, filters, search). What follows from a state (the records and rows to show,
each facet option with its live count: browse/results.py) is worked out in browse/engine.py.

This module is on the way to the first frame, so it imports neither the model nor the search index."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any, NamedTuple, cast

from herzlich_tui import strings as S
from herzlich_tui.browse.spec import FACETS, VIEWS_BY_NAME, sort_label

if TYPE_CHECKING:
    from herzlich_tui.model import Dataset

__all__ = ["ViewState", "check_state", "checked_sorts", "view_kind", "view_kinds"]


class ViewState(NamedTuple):
    """Everything that decides what the main screen lists. `programme` "" means "no programme"; None
    means any."""

    view: str = "timeline"
    year: int | None = None
    programme: str | None = None
    person: str | None = None
    network: str | None = None
    municipality: str | None = None  # of the reviews a record comes from
    query: str = ""
    sorts: tuple[tuple[str, str], ...] = ()  # (view, sort) for each view sorted other than by default

    def with_facet(self, facet: str, value: object) -> ViewState:
        return self._replace(**{facet: cast(Any, value)})

    @property
    def sort(self) -> str:
        """The current view's sort order."""
        return self.sort_of(self.view)

    def sort_of(self, view: str) -> str:
        spec = VIEWS_BY_NAME.get(view)
        if spec is None:
            return ""
        return spec.sort_or_default(dict(self.sorts).get(view))

    def with_sort(self, sort: str) -> ViewState:
        """The state with the current view sorted so (only the sorts other than a view's default are kept)."""
        chosen = dict(self.sorts)
        chosen.pop(self.view, None)
        if sort != VIEWS_BY_NAME[self.view].default_sort:
            chosen[self.view] = sort
        return self._replace(sorts=tuple(sorted(chosen.items())))

    @property
    def key(self) -> tuple:
        """The state as plain values (for the first-screen snapshot): what decides the rows listed."""
        facets = (getattr(self, facet.name) for facet in FACETS)
        return (self.view, *facets, self.query, self.sort)

    def cleared(self) -> ViewState:
        """No filter and no search: the same view, sorted as it was."""
        return ViewState(view=self.view, sorts=self.sorts)

    @property
    def has_filters(self) -> bool:
        return any(getattr(self, facet.name) is not None for facet in FACETS) or bool(self.query)

    def sort_words(self) -> list[str]:
        """The current view's sort order in words when it is not the view's default (for the header)."""
        spec = VIEWS_BY_NAME.get(self.view)
        return [sort_label(self.sort)] if spec is not None and self.sort != spec.default_sort else []

    def describe(self, dataset: Dataset) -> list[str]:
        """The active filters in words, for the header's subtitle."""
        parts: list[str] = []
        for facet in FACETS:
            value = getattr(self, facet.name)
            if value is None:
                continue
            if facet.names is None:
                parts.append(str(value))
            elif facet.index == "programmes" and not value:  # (the records of no programme)
                parts.append(S.NO_PROGRAMME)
            else:
                record = dataset.get(value)
                parts.append(record.label if record else value)
        if self.query:
            parts.append(S.HEADER_QUERY.format(query=self.query))
        return parts


def view_kind(view: str) -> str:
    """The kind of record a view lists (the overview's counts are the events'; a view of several kinds:
    its first)."""
    return view_kinds(view)[0]


def view_kinds(view: str) -> tuple[str, ...]:
    """The kinds of record a view lists and counts, in order (the overview counts the events)."""
    spec = VIEWS_BY_NAME.get(view)
    return spec.listed if spec is not None and spec.listed else ("event",)


def check_state(dataset: Dataset, state: ViewState) -> tuple[ViewState, list[str]]:
    """The state with every filter value the data does not hold dropped, and a notice for each ("2019: no
    records; showing all years"): a year no record belongs to, a programme, person, network (or any
    facet's value) that no record carries, or an id of another kind. For a state from the command line
    or a saved one, before it is shown: a filter to a value that is not there would show nothing."""
    notices: list[str] = []
    for facet in FACETS:
        value = getattr(state, facet.name)
        if value is None or value in dataset.facet_domain(facet.index):
            continue
        state = state.with_facet(facet.name, None)
        shown = S.NO_PROGRAMME if facet.index == "programmes" and value == "" else str(value)
        notices.append(S.NOTICE_FILTER_DROPPED[facet.name].format(value=shown))
    return state, notices


def checked_sorts(pairs: Iterable[tuple[str, str]]) -> tuple[tuple[str, str], ...]:
    """The (view, sort) pairs of a saved state that still mean something: a view that has the sort, other
    than its default, once per view."""
    kept = {
        view: sort
        for view, sort in pairs
        if view in VIEWS_BY_NAME and sort in VIEWS_BY_NAME[view].sorts and sort != VIEWS_BY_NAME[view].default_sort
    }
    return tuple(sorted(kept.items()))
