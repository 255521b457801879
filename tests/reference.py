"""The slow, obvious way to choose records and make rows, which the engine's masks and rows are held to.

Filter objects over a Dataset's records look at one record and its Facets at a time; combine them with `&`:

    YearIs(2021) & ProgrammeIs("mpsc") & KindIs("event")

The app and the command line choose records through browse/engine.py; these stay as the tests' oracle.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from herzlich_tui.browse.labels import day_label, group_label
from herzlich_tui.browse.rows import Row
from herzlich_tui.model import NO_PROGRAMME, Dataset, Facets, Record

__all__ = [
    "All",
    "Everything",
    "Filter",
    "IdsIn",
    "KindIs",
    "MunicipalityIs",
    "NetworkIs",
    "OrganisationIs",
    "PersonIs",
    "ProgrammeIs",
    "YearIs",
    "facet_counts",
    "select",
    "timeline_rows",
]


class Filter:
    """Base of all filters. Subclasses implement `matches`."""

    def matches(self, record: Record, facets: Facets) -> bool:
        raise NotImplementedError

    def __and__(self, other: Filter) -> Filter:
        left = self.parts if isinstance(self, All) else (self,)
        right = other.parts if isinstance(other, All) else (other,)
        parts = tuple(p for p in left + right if not isinstance(p, Everything))
        if not parts:
            return Everything()
        return parts[0] if len(parts) == 1 else All(parts)


@dataclass(frozen=True, slots=True)
class Everything(Filter):
    """Matches every record."""

    def matches(self, record: Record, facets: Facets) -> bool:
        return True


@dataclass(frozen=True, slots=True)
class All(Filter):
    """Matches when every part matches."""

    parts: tuple[Filter, ...]

    def matches(self, record: Record, facets: Facets) -> bool:
        return all(part.matches(record, facets) for part in self.parts)


@dataclass(frozen=True, slots=True)
class YearIs(Filter):
    """Records that belong to a year: dated records by their date, others by the reviews naming them."""

    year: int

    def matches(self, record: Record, facets: Facets) -> bool:
        return self.year in facets.years


@dataclass(frozen=True, slots=True)
class ProgrammeIs(Filter):
    """Records linked to a programme, directly or through a project, event or network.

    The empty string selects records linked to no programme at all."""

    programme: str

    def matches(self, record: Record, facets: Facets) -> bool:
        if self.programme == NO_PROGRAMME:
            return not facets.programmes
        return self.programme in facets.programmes


@dataclass(frozen=True, slots=True)
class KindIs(Filter):
    """Records of the given kinds."""

    kinds: frozenset[str]

    def __init__(self, *kinds: str) -> None:
        object.__setattr__(self, "kinds", frozenset(kinds))

    def matches(self, record: Record, facets: Facets) -> bool:
        return record.kind in self.kinds


@dataclass(frozen=True, slots=True)
class PersonIs(Filter):
    """Records that name a person (and the person's own record)."""

    person: str

    def matches(self, record: Record, facets: Facets) -> bool:
        return self.person in facets.people


@dataclass(frozen=True, slots=True)
class OrganisationIs(Filter):
    """Records that name an organisation (and the organisation's own record)."""

    organisation: str

    def matches(self, record: Record, facets: Facets) -> bool:
        return self.organisation in facets.organisations


@dataclass(frozen=True, slots=True)
class NetworkIs(Filter):
    """Records that name a network (and the network's own record)."""

    network: str

    def matches(self, record: Record, facets: Facets) -> bool:
        return self.network in facets.networks


@dataclass(frozen=True, slots=True)
class MunicipalityIs(Filter):
    """Records from a review of a municipality (and that municipality's reviews)."""

    municipality: str

    def matches(self, record: Record, facets: Facets) -> bool:
        return self.municipality in facets.municipalities


@dataclass(frozen=True, slots=True)
class IdsIn(Filter):
    """Records whose id is in a set, e.g. the hits of a free-text search."""

    ids: frozenset[str]

    def matches(self, record: Record, facets: Facets) -> bool:
        return record.id in self.ids


def select(dataset: Dataset, flt: Filter, records: Iterable[Record] | None = None) -> list[Record]:
    """The records (all of the dataset's, or those given) that match, in the order given."""
    pool = dataset if records is None else records
    if isinstance(flt, Everything):
        return list(pool)
    return [r for r in pool if flt.matches(r, dataset.facets(r.id))]


def facet_counts(dataset: Dataset, records: Iterable[Record], facet: str) -> Counter[object]:
    """How many of the records carry each value of a facet ('years', 'programmes', 'kind', ...).

    For 'programmes', records linked to no programme are counted under NO_PROGRAMME."""
    counts: Counter[object] = Counter()
    for record in records:
        if facet == "kind":
            counts[record.kind] += 1
            continue
        values = getattr(dataset.facets(record.id), facet)
        if facet == "programmes" and not values:
            counts[NO_PROGRAMME] += 1
        counts.update(values)
    return counts


def timeline_rows(records: Iterable[Record]) -> list[Row]:
    """The timeline's rows of events (in display order), as a list: a heading for each year, and for each
    group (month, season, part of the year) within it, then its events."""
    rows: list[Row] = []
    year: int | None = None
    group = ""
    for event in records:
        date = getattr(event, "date", None)
        if event.kind != "event" or date is None:
            continue
        if date.year != year:
            year = date.year
            group = ""
            rows.append(Row("", str(year), level=1))
        heading = group_label(date)
        if heading != group:
            group = heading
            rows.append(Row("", heading, level=2))
        rows.append(Row(event.id, event.title, prefix=day_label(date), kind="event"))  # type: ignore[attr-defined]
    return rows
