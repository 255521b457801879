"""The loaded dataset: every record by id and by kind, with the cross-references between them.

A Dataset is immutable once built. It precomputes, for each record, the years, programmes, people,
organisations, networks and municipalities it touches, so that filters and facet counts are set operations, not walks.
"""

from __future__ import annotations

import operator
import weakref
from array import array
from collections import defaultdict, deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from functools import cached_property
from itertools import chain, compress, repeat
from operator import attrgetter
from typing import Any, TypeVar, cast

from herzlich_tui.model.index import FACET_NAMES, FacetIndex, Facets, Runs
from herzlich_tui.model.records import (
    KINDS,
    Event,
    Figure,
    Membership,
    Network,
    Organisation,
    Person,
    Programme,
    Project,
    ProjectYear,
    Quote,
    Record,
    Review,
    Role,
    fill_slots,
    slot_names,
)

__all__ = ["FACET_NAMES", "Dataset", "Facets"]

R = TypeVar("R", bound=Record)

# Each dataset's programme of each project by id ("" for none), as Dataset.programme_of works it out.
_PROGRAMMES: weakref.WeakKeyDictionary[Dataset, dict[str, str]] = weakref.WeakKeyDictionary()


class Dataset:
    """All records, indexed by id and kind, with reverse references.

    Records are given in load order; lists returned by this class are sorted for display (events by date,
    others by label) so that every caller shows the same order.
    """

    def __init__(self, records: Iterable[Record]) -> None:
        self._by_id: dict[str, Record] = {}
        self._by_kind: dict[str, list[Record]] = {kind: [] for kind in KINDS}
        for record in records:
            self._by_id[record.id] = record
            self._by_kind[record.kind].append(record)
        for kind, items in self._by_kind.items():
            if kind == "event":
                _sort_events(items)
            elif kind in ("project_year", "membership") or kind == "review":
                items.sort(key=lambda r: (getattr(r, "year", 0), r.id))
            elif kind == "person":
                items.sort(key=_by_family_name)
            else:
                items.sort(key=lambda r: (r.label.casefold(), r.id))
        self._records = [record for kind in KINDS for record in self._by_kind[kind]]
        self._ranges: dict[str, range] = {}
        start = 0
        for kind in KINDS:
            self._ranges[kind] = range(start, start + len(self._by_kind[kind]))
            start += len(self._by_kind[kind])
        self._referrers = self._find_referrers()
        self._facets: dict[str, Facets] = {}
        self._build_facets()

    def _find_referrers(self) -> Runs:
        """For each id, the places of the records that refer to it (as `outgoing_refs` gives their
        references), ascending. Records of one class are taken a field at a time: only those whose field
        names something are visited, and the places go to each target's list in C."""
        referrers: defaultdict[str, list[int]] = defaultdict(list)
        by_id = self._by_id
        repeated = len(by_id) != len(self._records)  # (ids given twice, which only code makes)
        for kind in KINDS:
            records = self._by_kind[kind]
            places = self._ranges[kind]
            # A record whose id a later one took refers to nothing.
            ids = map(attrgetter("id"), records)
            named = list(map(operator.is_, map(by_id.__getitem__, ids), records)) if repeated else repeat(True)
            classes = {record.__class__ for record in records}
            fields = [name for name, _ in next(iter(classes)).reference_fields()] if len(classes) == 1 else []
            columns = [list(map(attrgetter(name), records)) for name in fields]
            kinds_of_value = [set(map(type, filter(None, column))) for column in columns]
            if len(classes) > 1 or any(types - {str} and types - {tuple} for types in kinds_of_value):
                # (Records of a subclass among them, or a field that holds both single ids and tuples, or
                # neither: only code makes them. Their references are read record by record.)
                for place, record in compress(zip(places, records, strict=True), named):
                    deque(map(list.append, map(referrers.__getitem__, outgoing_refs(record)), repeat(place)), maxlen=0)
                continue
            for values, types in zip(columns, kinds_of_value, strict=True):
                given = list(map(operator.and_, named, map(bool, values)) if repeated else map(bool, values))
                column = list(compress(values, given))
                owners: Iterable[int] = compress(places, given)
                if types == {tuple}:  # (the records' places, once for each id in their field)
                    owners = chain.from_iterable(map(repeat, owners, map(len, column)))
                    column = list(chain.from_iterable(column))
                deque(map(list.append, map(referrers.__getitem__, column), owners), maxlen=0)
        for places_of in referrers.values():
            places_of.sort()  # (a record's fields were taken one after the other)
        return Runs(referrers)

    # --- access -------------------------------------------------------------------------------------
    def __len__(self) -> int:
        return len(self._by_id)

    def __contains__(self, record_id: object) -> bool:
        return record_id in self._by_id

    def __iter__(self) -> Iterator[Record]:
        return iter(self._records)

    def get(self, record_id: str) -> Record | None:
        return self._by_id.get(record_id)

    def __getitem__(self, record_id: str) -> Record:
        return self._by_id[record_id]

    def of_kind(self, kind: str) -> Sequence[Record]:
        return self._by_kind[kind]

    def kind_range(self, kind: str) -> range:
        """Where the records of a kind stand in iteration order (`iter(dataset)`): kinds follow each other
        in KINDS order, each in display order, so a kind's records are one run of places."""
        return self._ranges[kind]

    def _of(self, cls: type[R]) -> list[R]:
        """The records of a kind, typed as its class (a kind's records are all of its class or a subclass)."""
        return cast(list[R], self._by_kind[cls.kind])

    def typed(self, cls: type[R], ids: Iterable[str]) -> list[R]:
        """The records of the given ids that exist and are of type `cls`, in the given order."""
        found = (self._by_id.get(i) for i in ids)
        return [r for r in found if isinstance(r, cls)]

    @property
    def reviews(self) -> list[Review]:
        return self._of(Review)

    @property
    def events(self) -> list[Event]:
        return self._of(Event)

    @property
    def projects(self) -> list[Project]:
        return self._of(Project)

    @property
    def people(self) -> list[Person]:
        return self._of(Person)

    @property
    def organisations(self) -> list[Organisation]:
        return self._of(Organisation)

    @property
    def programmes(self) -> list[Programme]:
        return self._of(Programme)

    @property
    def networks(self) -> list[Network]:
        return self._of(Network)

    @property
    def figures(self) -> list[Figure]:
        return self._of(Figure)

    @property
    def quotes(self) -> list[Quote]:
        return self._of(Quote)

    def facets(self, record_id: str) -> Facets:
        return self._facets[record_id]

    def referrer_count(self, record_id: str) -> int:
        """How many times records refer to this one (a record naming it twice counts twice)."""
        return self._referrers.count(record_id)

    def referrers(self, record_id: str, kind: str | None = None) -> list[Record]:
        """Records that refer to this one, optionally only of one kind, in display order."""
        found = list(map(self._records.__getitem__, self._referrers.places(record_id)))
        if kind is not None:
            found = [r for r in found if r.kind == kind]
        return sorted(found, key=display_key)

    @cached_property
    def years(self) -> tuple[int, ...]:
        """Every year some record belongs to, ascending."""
        return tuple(sorted({y for f in self._facets.values() for y in f.years}))

    @cached_property
    def municipalities(self) -> tuple[str, ...]:
        """Every municipality some review is of, A–Z."""
        return tuple(sorted({review.municipality for review in self.reviews}, key=str.casefold))

    @cached_property
    def sorted_ids(self) -> list[str]:
        """Every id, sorted: the ids that start with a text are one stretch of it (found by bisection)."""
        return sorted(self._by_id)

    @cached_property
    def review_years(self) -> tuple[int, ...]:
        """Every year some review is of, ascending."""
        return tuple(sorted({review.year for review in self.reviews}))

    # --- cross-references ---------------------------------------------------------------------------
    def programme_of(self, project: Project) -> Programme | None:
        """A project's programme, inherited from its parent when it has none of its own.

        Each project's answer is kept (beside the dataset, in _PROGRAMMES, not pickled with it), and so is
        that of every parent on the way: a chain of N projects is walked once, not once per project."""
        known = _PROGRAMMES.get(self)
        if known is None:
            known = _PROGRAMMES[self] = {}
        if self._by_id.get(project.id) is not project:
            known = {}  # (a project that is not this dataset's: answered, not kept)
        found = known.get(project.id)
        if found is None:
            walk: list[str] = []
            seen: set[str] = set()
            current: Project | None = project
            found = ""
            while current is not None and current.id not in seen:
                if (earlier := known.get(current.id)) is not None:
                    found = earlier
                    break
                seen.add(current.id)
                walk.append(current.id)
                if current.programme:
                    programme = self._by_id.get(current.programme)
                    found = programme.id if isinstance(programme, Programme) else ""
                    break
                parent = self._by_id.get(current.parent) if current.parent else None
                current = parent if isinstance(parent, Project) else None
            for project_id in walk:
                known[project_id] = found
        result = self._by_id.get(found) if found else None
        return result if isinstance(result, Programme) else None

    def subprojects(self, project_id: str) -> list[Project]:
        return [p for p in self.referrers(project_id, "project") if isinstance(p, Project) and p.parent == project_id]

    def project_years(self, project_id: str) -> list[ProjectYear]:
        found = [r for r in self.referrers(project_id, "project_year") if isinstance(r, ProjectYear)]
        return sorted(found, key=attrgetter("year"))

    def roles_of(self, person_id: str) -> list[Role]:
        roles = [r for r in self.referrers(person_id, "role") if isinstance(r, Role) and r.person == person_id]
        return sorted(roles, key=_role_key)

    def memberships_of(self, network_id: str) -> list[Membership]:
        items = [m for m in self.referrers(network_id, "membership") if isinstance(m, Membership)]
        return sorted((m for m in items if m.network == network_id), key=attrgetter("year"))

    def membership(self, network_id: str, year: int) -> list[Membership]:
        """Members of a network in a year: every membership record of that network and year."""
        return [m for m in self.memberships_of(network_id) if m.year == year]

    def events_of(self, record_id: str) -> list[Event]:
        """Events that name this record (a project, person, organisation or network)."""
        return [r for r in self.referrers(record_id, "event") if isinstance(r, Event)]

    def figures_of(self, record_id: str) -> list[Figure]:
        return [r for r in self.referrers(record_id, "figure") if isinstance(r, Figure)]

    def quotes_of(self, record_id: str) -> list[Quote]:
        return [r for r in self.referrers(record_id, "quote") if isinstance(r, Quote)]

    def projects_of_person(self, person_id: str) -> list[Project]:
        """Projects that name the person, and projects of events that name the person."""
        ids = {p.id for p in self.referrers(person_id, "project")}
        for event in self.events_of(person_id):
            ids.update(event.projects)
        return sorted(self.typed(Project, ids), key=display_key)

    def projects_of_programme(self, programme_id: str) -> list[Project]:
        return [p for p in self.projects if (prog := self.programme_of(p)) and prog.id == programme_id]

    def children_of(self, organisation_id: str) -> list[Organisation]:
        found = self.referrers(organisation_id, "organisation")
        return [o for o in found if isinstance(o, Organisation) and o.parent == organisation_id]

    def people_of_organisation(self, organisation_id: str) -> list[Person]:
        people = {r.person for r in self.referrers(organisation_id, "role") if isinstance(r, Role)}
        return sorted(self.typed(Person, people), key=display_key)

    def title_of(self, record: Record) -> str:
        """A record's title with the context it needs to stand alone in a mixed list: the project of a
        project year, the network of a membership, the person of a role."""
        if isinstance(record, ProjectYear):
            project = self._by_id.get(record.project)
            return f"{project.label if project else record.project} · {record.year}"
        if isinstance(record, Membership):
            network = self._by_id.get(record.network)
            return f"{network.label if network else record.network} · {record.year}"
        if isinstance(record, Role):
            person = self._by_id.get(record.person)
            return f"{person.label if person else record.person}: {record.title}"
        return record.label

    def year_of(self, record: Record) -> int | None:
        """The one year a dated record belongs to, or None for records that span years."""
        if isinstance(record, Event):
            return record.date.year if record.date else None
        year = getattr(record, "year", None)
        return year if isinstance(year, int) else None

    def years_shown(self, record: Record) -> tuple[int, ...]:
        """The years a record is shown with in a list of several kinds: its own year, else every year it
        touches (its facet), in order."""
        year = self.year_of(record)
        return (year,) if year is not None else tuple(self.facets(record.id).years)

    # --- facets -------------------------------------------------------------------------------------
    def _build_facets(self) -> None:
        review_years = {r.id: r.year for r in self.reviews}
        review_municipalities = {r.id: r.municipality for r in self.reviews}
        project_programme = {p.id: (prog.id if (prog := self.programme_of(p)) else "") for p in self.projects}
        network_programme = {n.id: n.programme for n in self.networks}
        # Many records share the same values (the same year, the same programme): one tuple of each is
        # kept, made as soon as a record's values are known (no mutable sets per record meanwhile).
        shared: dict[tuple, tuple] = {}

        def one(values: Iterable) -> tuple:
            made = tuple(sorted(set(values)))
            return shared.setdefault(made, made)

        # Direct links first; people, organisations and programmes then inherit programmes from the
        # projects and events that name them.
        # (Each record's Facets is made as soon as its direct links are known, and made again for the few
        # that inherit more: no table of the records' sets is kept on the side.)
        facets = self._facets
        tables = _FacetTables(review_years, review_municipalities, project_programme, network_programme, one)
        # Nearly every record is an event, and an event's links are its own fields: their sets are made a
        # column at a time, each distinct one once, and the Facets filled in C (see _events_facets).
        events = [record for record in self._by_id.values() if record.__class__ is Event]
        self._events_facets(events, tables)
        # So are the facets of the other kinds whose links are their own fields alone (figures, quotes,
        # project years, memberships, roles: most of the rest); the few others are made one by one.
        plain: dict[type[Record], list[Record]] = {cls: [] for cls in _PLAIN}
        others: list[Record] = []
        for record in self._by_id.values():
            if record.__class__ is not Event:
                plain.get(record.__class__, others).append(record)
        for cls, of_class in plain.items():
            if of_class:
                self._plain_facets(cls, of_class, tables)
        for record in others:
            project_names, network_names, people_names, organisation_names = _links(type(record))
            own_year = self.year_of(record)
            years_ = (
                {own_year} if own_year is not None else {review_years[s] for s in record.sources if s in review_years}
            )
            if isinstance(record, Role):
                years_.update(record.years)
            programmes: set[str] = set()
            people: set[str] = set()
            orgs: set[str] = set()
            nets: set[str] = set()
            projects = _gather(record, project_names)
            if isinstance(record, Project):
                projects.append(record.id)
                people.update(record.people)
                orgs.update(record.partners)
            for pid in projects:
                if project_programme.get(pid):
                    programmes.add(project_programme[pid])
            for net in _gather(record, network_names):
                if network_programme.get(net):
                    programmes.add(network_programme[net])
                nets.add(net)
            if isinstance(record, Programme):
                programmes.add(record.id)
                orgs.update(record.funders)
                if record.network:
                    nets.add(record.network)
            if isinstance(record, Network):
                nets.add(record.id)
                if record.programme:
                    programmes.add(record.programme)
                if record.lead:
                    orgs.add(record.lead)
            if isinstance(record, Person):
                people.add(record.id)
            if isinstance(record, Organisation):
                orgs.add(record.id)
            people.update(_gather(record, people_names))
            orgs.update(_gather(record, organisation_names))
            municipalities = [review_municipalities[s] for s in record.sources if s in review_municipalities]
            if isinstance(record, Review):
                municipalities.append(record.municipality)
            facets[record.id] = Facets(
                one(years_), one(programmes), one(people), one(orgs), one(nets), one(municipalities)
            )

        # A person, organisation or network belongs to the programmes of every project, event, figure,
        # quote, role and membership that names it.
        # Figures and quotes take their events' links first, in a pass of their own, so that what people
        # and organisations inherit from them below does not depend on the order records were loaded in.
        # (The records each pass changes are picked in C, and so are the referrers whose programmes count.)
        records = list(self._by_id.values())
        linked = cast(Iterable[Figure | Quote], compress(records, map(isinstance, records, repeat((Figure, Quote)))))
        for record in linked:
            if record.events:
                own = facets[record.id]
                more_programmes = set(own.programmes)
                more_people = set(own.people)
                for event_id in record.events:
                    if event_id in facets:
                        more_programmes.update(facets[event_id].programmes)
                        more_people.update(facets[event_id].people)
                facets[record.id] = Facets(
                    own.years,
                    one(more_programmes),
                    one(more_people),
                    own.organisations,
                    own.networks,
                    own.municipalities,
                )
        counts = bytes(map(attrgetter("passes_programmes"), self._records))  # (1: a place whose programmes count)
        programmes_at = list(
            map(attrgetter("programmes"), map(facets.__getitem__, map(attrgetter("id"), self._records)))
        )
        for record in compress(records, map(isinstance, records, repeat((Person, Organisation, Network)))):
            own = facets[record.id]
            places = self._referrers.places(record.id)
            more_programmes = set(own.programmes).union(
                *map(programmes_at.__getitem__, compress(places, map(counts.__getitem__, places)))
            )
            more_orgs = set(own.organisations)
            if isinstance(record, Person):
                for role in self.roles_of(record.id):
                    if role.organisation:
                        more_orgs.add(role.organisation)
            facets[record.id] = Facets(
                own.years, one(more_programmes), own.people, one(more_orgs), own.networks, own.municipalities
            )
        shared.clear()  # (the sets stay, in the records' Facets)

        self._index = FacetIndex(
            {kind: list(map(facets.__getitem__, map(attrgetter("id"), self._by_kind[kind]))) for kind in KINDS}
        )

    def _plain_facets(
        self,
        cls: type[Record],
        records: list[Record],
        tables: _FacetTables,
    ) -> None:
        """The Facets of records of a class in _PLAIN, as the general way in `_build_facets` makes them,
        made a column at a time: each distinct tuple of a facet's fields' values is worked out once (most
        records repeat their neighbours' links), and looked up in C for the rest."""
        project_names, network_names, people_names, organisation_names = _links(cls)
        names = set(slot_names(cls))
        one, review_years = tables.one, tables.review_years
        project_programme, network_programme = tables.project_programme, tables.network_programme

        def values(fields: tuple[str, ...]) -> Iterator[tuple]:
            return (
                zip(*(map(attrgetter(name), records) for name in fields), strict=True)
                if fields
                else repeat((), len(records))
            )

        def ids(value: tuple) -> list[str]:
            """The ids in the fields' values, as `_refs` takes each (an empty single id is none)."""
            return [ref for item in value for ref in _refs_of(item)]

        def years(key: tuple) -> tuple:
            own, sources, more = key
            found = {own} if isinstance(own, int) else {review_years[s] for s in sources if s in review_years}
            found.update(more)
            return one(found)

        def programmes(key: tuple[tuple, tuple]) -> tuple:
            projects, networks = key
            found = {hit for pid in ids(projects) if (hit := project_programme.get(pid))}
            found.update(hit for net in ids(networks) if (hit := network_programme.get(net)))
            return one(found)

        of_years, of_links, of_ids = _Made(years), _Made(programmes), _Made(lambda value: one(ids(value)))
        sources = list(map(attrgetter("sources"), records))
        own = map(attrgetter("year"), records) if "year" in names else repeat(None, len(records))
        more = map(attrgetter("years"), records) if cls is Role else repeat((), len(records))
        columns = [
            list(map(of_years.__getitem__, zip(own, sources, more, strict=True))),
            list(map(of_links.__getitem__, zip(values(project_names), values(network_names), strict=True))),
            list(map(of_ids.__getitem__, values(people_names))),
            list(map(of_ids.__getitem__, values(organisation_names))),
            list(map(of_ids.__getitem__, values(network_names))),
            list(map(tables.places.__getitem__, sources)),
        ]
        made = fill_slots(Facets, len(records), FACET_NAMES, columns)
        self._facets.update(zip(map(attrgetter("id"), records), made, strict=True))

    def _events_facets(
        self,
        events: list[Event],
        tables: _FacetTables,
    ) -> None:
        """The Facets of events (of the class Event itself), as the general way in `_build_facets` makes
        them: the years of its date (or, undated, of its sources), the programmes of its projects and
        networks, its people, organisations and networks, and the municipalities of its sources. Events
        hold few distinct tuples of links (the loader keeps equal ones once): each tuple's set is made
        once, and looked up in C for the rest."""
        dated = [event.date is not None for event in events]
        one, review_years = tables.one, tables.review_years
        project_programme, network_programme = tables.project_programme, tables.network_programme

        def of_sources(event: Event) -> tuple:
            return one([review_years[s] for s in event.sources if s in review_years])

        def programmes(links: tuple[tuple[str, ...], tuple[str, ...]]) -> tuple:
            projects, networks = links
            found = [hit for pid in projects if (hit := project_programme.get(pid))]
            found += [hit for net in networks if (hit := network_programme.get(net))]
            return one(found)

        def column(name: str) -> Iterator[Any]:
            return map(attrgetter(name), events)

        of_year = _Made(lambda year: one((year,)))
        years = list(map(of_year.__getitem__, map(attrgetter("year"), compress(column("date"), dated))))
        if not all(dated):
            # (Undated events, which only code makes: their sources give their years.)
            dated_years = iter(years)
            years = [next(dated_years) if has else of_sources(event) for event, has in zip(events, dated, strict=True)]
        of_links = _Made(programmes)
        of_tuple = _Made(one)
        columns = [
            years,
            list(map(of_links.__getitem__, zip(column("projects"), column("networks"), strict=True))),
            *(list(map(of_tuple.__getitem__, column(name))) for name in ("people", "organisations", "networks")),
            list(map(tables.places.__getitem__, column("sources"))),
        ]
        made = fill_slots(Facets, len(events), FACET_NAMES, columns)
        self._facets.update(zip(column("id"), made, strict=True))

    def parts(self) -> tuple[dict[str, list[Record]], list[Facets], array | None, dict[str, Any]]:
        """The dataset taken apart for the load cache (cache_format.py packs each part its own way): each
        kind's records in display order, every record's Facets in iteration order, which places an id
        names when records repeat an id (None when none does, as for every dataset the loader makes),
        and the rest of its state; `from_parts` makes it again."""
        skip = ("_by_id", "_by_kind", "_facets", "_records")
        rest = {name: value for name, value in self.__dict__.items() if name not in skip}
        duplicated = len(self._by_id) != len(self._records)
        named = array("I", (p for p, r in enumerate(self) if self._by_id[r.id] is r)) if duplicated else None
        return self._by_kind, [self._facets[r.id] for r in self], named, rest

    @classmethod
    def from_parts(
        cls, by_kind: dict[str, list[Record]], facets: list[Facets], named: array | None, rest: dict[str, Any]
    ) -> Dataset:
        """The dataset `parts` took apart."""
        dataset = cls.__new__(cls)
        dataset.__dict__.update(rest)
        dataset._by_kind = by_kind
        dataset._records = records = [record for kind in KINDS for record in by_kind[kind]]
        ids = list(map(attrgetter("id"), records))
        if named is None:
            dataset._by_id = dict(zip(ids, records, strict=True))
        else:
            dataset._by_id = {ids[place]: records[place] for place in named}
        dataset._facets = dict(zip(ids, facets, strict=True))
        return dataset

    # --- facets -------------------------------------------------------------------------------------
    @property
    def facet_index(self) -> FacetIndex:
        """The postings behind the facet methods below."""
        return self._index

    def facet_values(self, kind: str, facet: str) -> dict[object, int]:
        """Every value of a facet ('years', 'programmes', 'people', 'organisations', 'networks') among the
        records of a kind, with how many records carry it. For 'programmes', "" stands for the records
        linked to no programme. (The dataset's own dict: do not change it.)"""
        return self._index.values(kind, facet)

    def facet_domain(self, facet: str) -> list[object]:
        """Every value of a facet that some record carries, sorted: the years ascending, the municipalities
        A–Z (for 'programmes', "" stands for the records linked to no programme)."""
        values: set[object] = set()
        for kind in KINDS:
            values.update(self._index.values(kind, facet))
        return sorted(values, key=_domain_order)

    def facet_counts(self, kind: str, facet: str, within: bytes) -> dict[object, int]:
        """For each value of a facet, how many records of a kind that carry it the mask `within` chooses."""
        return self._index.counts(kind, facet, within)

    def facet_top(
        self, kind: str, facet: str, within: bytes | None, limit: int, chosen: int | None = None
    ) -> list[tuple[object, int]]:
        """The `limit` values of a facet that the most records of a kind chosen by the mask `within` (None:
        every record) carry, with their counts: most first, ties by the value's text (`str`), none that no
        chosen record carries. The same as the best of `facet_counts`, without counting every value: a
        facet of thousands of values (people) is counted from the records when few are chosen, and
        otherwise from its most common values down, until no value left could carry more records than
        the last of the best so far (a value carries no more chosen records than records). `chosen`:
        how many records the mask chooses, when known."""
        return self._index.top(kind, facet, within, limit, chosen, self._facets_at(kind))

    def _facets_at(self, kind: str) -> Callable[[list[int]], Iterable[Facets]]:
        """A function giving the Facets of the records of a kind at some places (of its display order)."""
        records, facets = self._by_kind[kind], self._facets

        def at(places: list[int]) -> Iterable[Facets]:
            return map(facets.__getitem__, map(attrgetter("id"), map(records.__getitem__, places)))

        return at

    def facet_mask(self, kind: str, facet: str, value: object) -> bytes:
        """A byte mask over the records of a kind (display order) choosing those whose facet holds the value."""
        return self._index.mask(kind, facet, value)


_LINKS: dict[type, tuple[tuple[str, ...], ...]] = {}


def _links(cls: type) -> tuple[tuple[str, ...], ...]:
    """Which of the fields that link to projects, networks, people and organisations a kind has."""
    found = _LINKS.get(cls)
    if found is None:
        names = set(slot_names(cls))
        groups: tuple[tuple[str, ...], ...] = (("projects", "project"), ("networks", "network"), ("people", "person"))
        groups += (("organisations", "organisation", "members", "partners"),)
        found = _LINKS[cls] = tuple(tuple(name for name in group if name in names) for group in groups)
    return found


class _FacetTables:
    """What records' Facets are looked up in while a Dataset is built: each review's year and municipality,
    each project's and network's programme, `one` (which keeps equal tuples once) and the municipalities
    of each distinct tuple of sources, worked out once for every kind that names them."""

    def __init__(
        self,
        review_years: dict[str, int],
        review_municipalities: dict[str, str],
        project_programme: dict[str, str],
        network_programme: dict[str, str],
        one: Callable[[Iterable], tuple],
    ) -> None:
        self.review_years = review_years
        self.project_programme = project_programme
        self.network_programme = network_programme
        self.one = one
        self.places = _Made(
            lambda sources: one([review_municipalities[s] for s in sources if s in review_municipalities])
        )


# The classes whose Facets follow from their own fields alone (no isinstance case of `_build_facets`).
_PLAIN = (Figure, Quote, ProjectYear, Membership, Role)


class _Made(dict):
    """A dict that makes the value of a key it does not hold with `make` (once), so that a column of keys
    is looked up with `map(made.__getitem__, keys)`, in C, but for the first sight of each key."""

    def __init__(self, make: Callable[[Any], Any]) -> None:
        super().__init__()
        self.make = make

    def __missing__(self, key: Any) -> Any:
        value = self[key] = self.make(key)
        return value


def _gather(record: Record, names: tuple[str, ...]) -> list[str]:
    """The ids in the named fields of a record (as `_refs` gives them, field after field)."""
    out: list[str] = []
    for name in names:
        out.extend(_refs(record, name))
    return out


def _refs(record: Record, name: str) -> list[str]:
    return _refs_of(getattr(record, name, None))


def _refs_of(value: object) -> list[str]:
    if isinstance(value, str):
        return [value] if value else []
    if isinstance(value, tuple):
        return [v for v in value if isinstance(v, str)]
    return []


def outgoing_refs(record: Record) -> list[str]:
    """Every id this record refers to, except its sources (field after field, in declaration order)."""
    getter, single = _ref_getter(record.__class__)
    if getter is None:
        return []
    values = getter(record)
    if single:  # one field of ids, the case of most records (a tuple of them, or a single id)
        if values.__class__ is str:
            return [values] if values else []
        return list(values)
    out: list[str] = []
    for value in values:
        if value.__class__ is str:
            if value:
                out.append(value)
        else:
            out.extend(value)
    return out


_REF_GETTERS: dict[type, tuple[attrgetter | None, bool]] = {}


def _ref_getter(cls: type) -> tuple[attrgetter | None, bool]:
    """A getter of a kind's reference fields (all at once, in C), and whether it has just one."""
    found = _REF_GETTERS.get(cls)
    if found is None:
        names = [name for name, _ in cls.reference_fields()] if issubclass(cls, Record) else []
        found = _REF_GETTERS[cls] = (attrgetter(*names) if names else None, len(names) == 1)
    return found


def _sort_events(events: list[Record]) -> None:
    """Events in display order: by date (`PartialDate.sort_key`), then id. Events share a few thousand date
    objects at most (the loader parses each date text once): each distinct date's key is worked out once,
    and the events are sorted on pairs of its rank among them and their id, in C."""
    dates = list(map(attrgetter("date"), events))
    distinct = {id(date): date for date in dates}
    keys = {date_id: date.sort_key if date is not None else (0,) for date_id, date in distinct.items()}
    rank = {key: place for place, key in enumerate(sorted(set(keys.values())))}
    ranks = {date_id: rank[key] for date_id, key in keys.items()}
    pairs = list(zip(map(ranks.__getitem__, map(id, dates)), map(attrgetter("id"), events), strict=True))
    events[:] = map(events.__getitem__, sorted(range(len(events)), key=pairs.__getitem__))


def _domain_order(value: object) -> tuple[Any, ...]:
    """Facet values in order: numbers (years) ascending, texts A–Z with case folded."""
    return (str(value).casefold(), str(value)) if isinstance(value, str) else (value,)


def _by_family_name(person: Record) -> tuple[str, str]:
    """People by family name, as a German list of people would be: "Dirk Andres" before "Martin Memmel"."""
    names = str(getattr(person, "name", "")).split()
    return (names[-1].casefold() if names else "", person.id)


def _role_key(role: Role) -> tuple:
    start = role.start.sort_key if role.start else (min(role.years) if role.years else 9999, 0, 0, 0)
    return (start, role.title)


def display_key(record: Record) -> tuple:
    """The order records of mixed kinds are shown in: events by date, dated records by year, then label."""
    if isinstance(record, Event) and record.date:
        return (KINDS.index(record.kind), record.date.sort_key, record.id)
    year = getattr(record, "year", None)
    if isinstance(year, int):
        return (KINDS.index(record.kind), (year,), record.id)
    return (KINDS.index(record.kind), (0,), record.label.casefold())
