"""One declarative spec of the browser: the views, the facets it filters by, and the orders each list can be
sorted in. The key bindings, the view bar, the command palette, the help screen, the command line's
`--view` and `--sort` choices, the state's validation and the engine all read these tables, so adding a view
is one entry here and its row maker (browse/rows.py), and a facet one entry here and its field in ViewState.
Their words are the interface's (strings.py), looked up when shown.

On the way to the first frame: imports neither the model nor Textual."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import NamedTuple

from herzlich_tui import strings as S
from herzlich_tui.browse import rows

__all__ = [
    "EVERY_KIND",
    "FACETS",
    "FACETS_BY_NAME",
    "KIND_VIEWS",
    "SORT_NAMES",
    "VIEWS",
    "VIEWS_BY_NAME",
    "VIEW_NAMES",
    "FacetSpec",
    "ViewSpec",
    "sort_label",
]


class ViewSpec(NamedTuple):
    """One view: its name (in state.toml, `--view` and actions), the key that shows it, the kind of record
    it lists (None: the overview, which lists none, or a view of several kinds), the class that makes its
    rows, and its sort orders, the first of them the default. A view of several kinds names them in
    `kinds`, in the order it lists them. A `searched` view lists only what a search finds: without one,
    nothing (a hint what to type)."""

    name: str
    key: str
    kind: str | None
    rows: type[rows.RowMaker] | None = None
    sorts: tuple[str, ...] = ()
    kinds: tuple[str, ...] = ()
    searched: bool = False

    @property
    def listed(self) -> tuple[str, ...]:
        """The kinds of record the view lists, in the order it lists them (none: the overview)."""
        return (self.kind,) if self.kind else self.kinds

    @property
    def label(self) -> str:
        return S.VIEW_LABELS[self.name]

    @property
    def help(self) -> str:
        return S.VIEW_HELP[self.name]

    @property
    def default_sort(self) -> str:
        return self.sorts[0] if self.sorts else ""

    def sort_or_default(self, sort: str | None) -> str:
        """The sort if the view has it, else its default."""
        return sort if sort in self.sorts else self.default_sort


@dataclass(frozen=True, slots=True)
class FacetSpec:
    """One facet of the filter panel: the ViewState field that holds its value, the dataset's facet it
    reads, and the kind of record its values are ids of (None: plain values, years or municipalities,
    `Dataset.facet_domain` gives them all). A facet with `every` lists each of its values (none while the
    data holds one value alone: there is nothing to choose); one without lists the values most of the
    listed records carry."""

    name: str
    index: str
    names: str | None
    every: bool

    @property
    def label(self) -> str:
        return S.FACET_LABELS[self.name]

    @property
    def all_label(self) -> str:
        return S.FACET_ALL[self.name]

    @property
    def palette(self) -> str:
        """The palette's title of a filter by this facet, with `{name}` for the value."""
        return S.PALETTE_FILTERS[self.name]


# Every kind of record, in the model's order (model/records.py KINDS), written out: the first frame loads no
# model (a test holds the two equal).
EVERY_KIND = (
    "review",
    "organisation",
    "person",
    "role",
    "programme",
    "project",
    "project_year",
    "event",
    "network",
    "membership",
    "figure",
    "quote",
)

VIEWS: tuple[ViewSpec, ...] = (
    ViewSpec("timeline", "1", "event", rows.TimelineMaker, ("oldest", "newest")),
    ViewSpec("projects", "2", "project", rows.ProjectRows, ("programme", "title", "recent")),
    ViewSpec("people", "3", "person", rows.PeopleRows, ("name", "role")),
    ViewSpec("networks", "4", "network", rows.NetworkRows, ("name", "members")),
    ViewSpec("overview", "5", None),
    ViewSpec("organisations", "6", "organisation", rows.OrganisationRows, ("name", "kind")),
    ViewSpec("results", "7", None, rows.ResultRows, kinds=EVERY_KIND, searched=True),
)

FACETS: tuple[FacetSpec, ...] = (
    FacetSpec("year", "years", None, every=True),
    FacetSpec("programme", "programmes", "programme", every=True),
    FacetSpec("person", "people", "person", every=False),
    FacetSpec("network", "networks", "network", every=False),
    FacetSpec("municipality", "municipalities", None, every=True),
)

VIEW_NAMES: tuple[str, ...] = tuple(view.name for view in VIEWS)
VIEWS_BY_NAME: Mapping[str, ViewSpec] = MappingProxyType({view.name: view for view in VIEWS})
FACETS_BY_NAME: Mapping[str, FacetSpec] = MappingProxyType({facet.name: facet for facet in FACETS})
# The view that lists each kind of record (a record followed by a link opens there).
KIND_VIEWS: Mapping[str, str] = MappingProxyType({view.kind: view.name for view in VIEWS if view.kind})
# Every sort order of some view, for `export --sort`.
SORT_NAMES: tuple[str, ...] = tuple(dict.fromkeys(sort for view in VIEWS for sort in view.sorts))


def sort_label(sort: str) -> str:
    """A sort order in words ("A–Z", "newest first")."""
    return S.SORT_LABELS[sort]
