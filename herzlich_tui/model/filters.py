"""Filter objects over a Dataset's records; combine them with `&`.

    YearIs(2021) & ProgrammeIs("mpsc") & KindIs("event")

Each filter looks only at a record and its precomputed Facets, so applying one is cheap at any size.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from herzlich_tui.model.dataset import Dataset, Facets
from herzlich_tui.model.records import Record

__all__ = [
    "All",
    "Everything",
    "Filter",
    "IdsIn",
    "KindIs",
    "NetworkIs",
    "OrganisationIs",
    "PersonIs",
    "ProgrammeIs",
    "YearIs",
    "facet_counts",
    "resolve_programme",
    "select",
]

NO_PROGRAMME = ""


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


def resolve_programme(dataset: Dataset, text: str) -> str | None:
    """A programme id for what a user typed: an id, a name or a short name (case-insensitive), or
    'none' for records of no programme. None when nothing fits."""
    wanted = text.strip().casefold()
    if wanted in ("none", "-"):
        return NO_PROGRAMME
    for programme in dataset.programmes:
        if wanted in (programme.id.casefold(), programme.name.casefold(), programme.short_name.casefold()):
            return programme.id
    return None
