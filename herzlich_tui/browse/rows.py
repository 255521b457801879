"""What each list view shows, as plain rows: group headings and record rows, in the order the user chose.

Every list is a `Rows`: a sequence of rows that also says where a record is listed and which prefixes its
first rows carry, whether it is a plain list (`RowList`), the timeline's rows made as they are read
(`TimelineRows`), or rows under a heading per group, also made as they are read (`GroupedRows`). Each list
view has a row maker (see browse/spec.py), made once per dataset, that makes its rows for the records a
state chooses and a sort order. No Textual here, and no model at import time: the first frame shows rows
kept from the last run before the data is loaded."""

from __future__ import annotations

import operator
from abc import abstractmethod
from bisect import bisect_right
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from itertools import accumulate, compress, groupby, islice, repeat
from typing import TYPE_CHECKING, Any, ClassVar, NamedTuple, TypeVar, cast, overload

from herzlich_tui import strings as S
from herzlich_tui.browse.labels import day_label, group_label, organisation_kind, organisation_kinds

if TYPE_CHECKING:  # records are told apart by their kind: the first frame's rows come without the model
    from herzlich_tui.model import Dataset, Event, PartialDate, Project, Record

R = TypeVar("R", bound="Record")

__all__ = [
    "HINT",
    "GroupedRows",
    "NetworkRows",
    "OrganisationRows",
    "PeopleRows",
    "ProjectRows",
    "ResultRows",
    "Row",
    "RowList",
    "RowMaker",
    "Rows",
    "Run",
    "TimelineMaker",
    "TimelineRows",
    "row_values",
]


class Row(NamedTuple):
    """One line of a list: a heading (record_id empty) or a record, with text in up to three columns."""

    record_id: str
    text: str
    prefix: str = ""  # e.g. the date of an event, shown before the text in its own column
    suffix: str = ""  # e.g. a count, shown dimmed after the text
    level: int = 0  # heading level (1, 2) or indentation of a record row
    kind: str = ""

    @property
    def is_heading(self) -> bool:
        return not self.record_id


HINT = "hint"  # the kind of a row that is neither a record nor a heading: a hint what to do (no record listed)


def row_values(row: Row) -> tuple[str, str, str, str, int, str]:
    """A row as plain values, in field order, as the first-screen snapshots keep it (`Row(*values)` again)."""
    return (row.record_id, row.text, row.prefix, row.suffix, row.level, row.kind)


class Rows(Sequence[Row]):
    """The rows of a list, which also say where a record is listed and which prefixes the first rows carry
    (the list widget sizes its date column from them)."""

    @abstractmethod
    def place_of(self, record_id: str) -> int:
        """Where the record is first listed, or -1."""

    @abstractmethod
    def prefixes(self, limit: int) -> set[str]:
        """The prefixes (but "") among the first `limit` rows."""


class RowList(Rows):
    """Rows held in a list."""

    __slots__ = ("_rows",)

    def __init__(self, rows: Iterable[Row] = ()) -> None:
        self._rows = list(rows)

    def __len__(self) -> int:
        return len(self._rows)

    @overload
    def __getitem__(self, index: int) -> Row: ...
    @overload
    def __getitem__(self, index: slice) -> list[Row]: ...
    def __getitem__(self, index: int | slice) -> Row | list[Row]:
        return self._rows[index]

    def __iter__(self) -> Iterator[Row]:
        return iter(self._rows)

    def place_of(self, record_id: str) -> int:
        return _index(map(_RECORD_ID, self._rows), record_id)

    def prefixes(self, limit: int) -> set[str]:
        return {row.prefix for row in self._rows[:limit] if row.prefix}


@dataclass(slots=True)
class Run:
    """Consecutive events (places start..stop-1 in display order) under one year and group heading."""

    start: int
    stop: int
    year: Row
    group: Row


class TimelineRows(Rows):
    """The timeline's rows of the events a mask chooses (None: every event in `runs`), oldest first or, with
    `newest`, newest first, each row made when read: what is read is what is drawn, a screenful at a time.

    The rows are the runs of events that have a chosen one, each with the headings above it that change
    there. The k-th chosen event of a run is found from how many the mask chooses before each block of
    _BLOCK places, then a few `find`s in its block. `dated` gives each event's date its year heading,
    group heading and its day (the prefix of its row: what the headings do not say)."""

    __slots__ = ("_blocks", "_dated", "_events", "_firsts", "_mask", "_newest", "_parts", "_size", "_starts")

    def __init__(
        self,
        events: Sequence[Event],
        dated: Mapping[PartialDate | None, tuple[Row, Row, str]],
        runs: Sequence[Run],
        mask: bytes | None = None,
        *,
        newest: bool = False,
    ) -> None:
        self._events = events
        self._dated = dated
        self._mask = mask
        self._newest = newest
        self._parts: list[tuple[int, int, tuple[Row, ...], int]] = []  # (start, stop, headings, chosen)
        self._firsts: list[int] = []  # each part's first row
        size = 0
        year: Row | None = None
        group: Row | None = None
        for run in reversed(runs) if newest else runs:
            chosen = run.stop - run.start if mask is None else mask.count(1, run.start, run.stop)
            if not chosen:
                continue
            headings: tuple[Row, ...] = ()
            if run.year is not year:
                year, group = run.year, None
                headings = (run.year,)
            if run.group is not group:
                group = run.group
                headings += (run.group,)
            self._parts.append((run.start, run.stop, headings, chosen))
            self._firsts.append(size)
            size += len(headings) + chosen
        self._size = size
        # The parts' starts, ascending, to find the part an event is in (newest first, they descend).
        self._starts = [part[0] for part in (reversed(self._parts) if newest else self._parts)]
        self._blocks: list[int] = []  # how many places the mask chooses before each block
        if mask is not None:
            ends = range(_BLOCK, len(mask) + _BLOCK, _BLOCK)
            self._blocks = list(accumulate(map(mask.count, repeat(1), range(0, len(mask), _BLOCK), ends), initial=0))

    def __len__(self) -> int:
        return self._size

    @overload
    def __getitem__(self, index: int) -> Row: ...
    @overload
    def __getitem__(self, index: slice) -> list[Row]: ...
    def __getitem__(self, index: int | slice) -> Row | list[Row]:
        if isinstance(index, slice):
            start, stop, step = index.indices(self._size)
            if step == 1:
                return list(islice(self._rows_from(start), max(stop - start, 0)))
            return [self[i] for i in range(start, stop, step)]
        if index < 0:
            index += self._size
        if not 0 <= index < self._size:
            raise IndexError(index)
        part = bisect_right(self._firsts, index) - 1
        start, _, headings, chosen = self._parts[part]
        offset = index - self._firsts[part] - len(headings)
        if offset < 0:
            return headings[offset]
        return self._event_row(self._chosen(start, chosen - 1 - offset if self._newest else offset))

    def __iter__(self) -> Iterator[Row]:
        return self._rows_from(0)

    def place_of(self, record_id: str) -> int:
        """Where the event is listed, or -1."""
        place = _index(map(_ID, self._events), record_id)
        found = bisect_right(self._starts, place) - 1
        if place < 0 or found < 0 or (self._mask is not None and not self._mask[place]):
            return -1
        part = len(self._parts) - 1 - found if self._newest else found
        start, stop, headings, chosen = self._parts[part]
        if place >= stop:  # (an undated event, or one between the runs shown)
            return -1
        before = place - start if self._mask is None else self._mask.count(1, start, place)
        return self._firsts[part] + len(headings) + (chosen - 1 - before if self._newest else before)

    def prefixes(self, limit: int) -> set[str]:
        """The prefixes of the first `limit` rows (their events' days)."""
        events, dated = self._events, self._dated
        places = islice(self._places(), limit)
        return {dated[events[place].date][2] for place in places if place >= 0} - {""}

    def _rows_from(self, index: int) -> Iterator[Row]:
        """The rows from `index` on."""
        if index >= self._size:
            return
        part = bisect_right(self._firsts, index) - 1
        skip = index - self._firsts[part]
        for start, stop, headings, _ in self._parts[part:]:
            yield from headings[skip:]
            skip = max(skip - len(headings), 0)
            yield from map(self._event_row, islice(self._chosen_in(start, stop), skip, None))
            skip = 0

    def _places(self) -> Iterator[int]:
        """Each row's event place in order, -1 for a heading."""
        for start, stop, headings, _ in self._parts:
            yield from repeat(-1, len(headings))
            yield from self._chosen_in(start, stop)

    def _chosen_in(self, start: int, stop: int) -> Iterable[int]:
        """The places from start to stop - 1 that the mask chooses, in the order they are listed."""
        places = range(start, stop)
        chosen = places if self._mask is None else compress(places, self._mask[start:stop])
        return reversed(list(chosen)) if self._newest else chosen

    def _chosen(self, start: int, k: int) -> int:
        """The place of the k-th (0: the first) event the mask chooses from place `start` on."""
        mask = self._mask
        if mask is None:
            return start + k
        blocks = self._blocks
        block = start // _BLOCK
        rank = blocks[block] + mask.count(1, block * _BLOCK, start) + k  # (chosen before it, in all)
        block = bisect_right(blocks, rank) - 1
        place = mask.find(1, block * _BLOCK)
        for _ in range(rank - blocks[block]):
            place = mask.find(1, place + 1)
        return place

    def _event_row(self, place: int) -> Row:
        event = self._events[place]
        return Row(event.id, event.title, prefix=self._dated[event.date][2], kind="event")


_BLOCK = 64  # places of events per count kept (see TimelineRows._chosen)
_ID = operator.attrgetter("id")
_RECORD_ID = operator.attrgetter("record_id")


def _index(ids: Iterable[str], record_id: str) -> int:
    """Where the id first comes, or -1: a scan in C."""
    try:
        return operator.indexOf(ids, record_id)
    except ValueError:
        return -1


class GroupedRows(Rows):
    """Rows under a heading per group: each group's heading, then a row for each of its records, made when
    read (a search across every kind can choose most of 100,000 records; a screenful is drawn)."""

    __slots__ = ("_firsts", "_groups", "_make", "_size")

    def __init__(self, groups: Sequence[tuple[Row, Sequence[Record]]], make: Callable[[Record], Row]) -> None:
        self._groups = list(groups)
        self._make = make
        self._firsts: list[int] = []  # each group's heading's place
        size = 0
        for _, records in self._groups:
            self._firsts.append(size)
            size += 1 + len(records)
        self._size = size

    def __len__(self) -> int:
        return self._size

    @overload
    def __getitem__(self, index: int) -> Row: ...
    @overload
    def __getitem__(self, index: slice) -> list[Row]: ...
    def __getitem__(self, index: int | slice) -> Row | list[Row]:
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(self._size))]
        if index < 0:
            index += self._size
        if not 0 <= index < self._size:
            raise IndexError(index)
        group = bisect_right(self._firsts, index) - 1
        heading, records = self._groups[group]
        offset = index - self._firsts[group]
        return heading if offset == 0 else self._make(records[offset - 1])

    def __iter__(self) -> Iterator[Row]:
        for heading, records in self._groups:
            yield heading
            yield from map(self._make, records)

    def place_of(self, record_id: str) -> int:
        for first, (_, records) in zip(self._firsts, self._groups, strict=True):
            place = _index(map(_ID, records), record_id)
            if place >= 0:
                return first + 1 + place
        return -1

    def prefixes(self, limit: int) -> set[str]:
        return {row.prefix for row in islice(self, limit) if row.prefix}


# --- the row makers: one per list view (browse/spec.py names them), made once per dataset ----------------
class RowMaker:
    """Makes a list view's rows for the records a state chooses (in display order; `mask` chose them from
    the records of the view's kinds, kind after kind, None: every record) in one of the view's sort orders."""

    # The sort orders in which `order` gives the records in display order (False) or in its reverse (True),
    # whatever they are: `export --sort` writes these from the records kept in the cache, without the dataset.
    plain_orders: ClassVar[Mapping[str, bool]] = {}

    def __init__(self, dataset: Dataset, kinds: tuple[str, ...] = ()) -> None:
        self.dataset = dataset
        self.kinds = kinds

    @abstractmethod
    def rows(self, records: Sequence[Record], mask: bytes | None, sort: str) -> Rows:
        """The rows of the records."""

    def order(self, records: Sequence[R], sort: str) -> list[R]:
        """The records in a sort order, as a flat list (what `export --sort` writes)."""
        return list(records)


class TimelineMaker(RowMaker):
    """Events by date under year and month (or season) headings, oldest or newest first."""

    plain_orders: ClassVar[Mapping[str, bool]] = {"oldest": False, "newest": True}

    def __init__(self, dataset: Dataset, kinds: tuple[str, ...] = ()) -> None:
        super().__init__(dataset, kinds)
        self._parts: tuple[dict[PartialDate | None, tuple[Row, Row, str]], list[Run]] | None = None

    def rows(self, records: Sequence[Record], mask: bytes | None, sort: str) -> Rows:
        dated, runs = self.parts()
        return TimelineRows(self.dataset.events, dated, runs, mask, newest=sort == "newest")

    def order(self, records: Sequence[R], sort: str) -> list[R]:
        return list(reversed(records)) if sort == "newest" else list(records)

    def parts(self) -> tuple[dict[PartialDate | None, tuple[Row, Row, str]], list[Run]]:
        """Each event date's year heading, group heading and day (its row's prefix), and the runs of
        consecutive events (display order) under the same year and group heading; an undated event, which
        the timeline leaves out, is in none. Made once; thousands of events share a date."""
        if self._parts is None:
            runs: list[Run] = []
            headings: dict[tuple, Row] = {}
            dated: dict[PartialDate | None, tuple[Row, Row, str]] = {}
            for place, event in enumerate(self.dataset.of_kind("event")):
                date = getattr(event, "date", None)
                if date is None:
                    continue
                found = dated.get(date)
                if found is None:
                    year_row = headings.setdefault((date.year,), Row("", str(date.year), level=1))
                    group = group_label(date)
                    heading = headings.setdefault((date.year, group), Row("", group, level=2))
                    found = dated[date] = (year_row, heading, day_label(date))
                year, group_row, _ = found
                if runs and runs[-1].group is group_row and runs[-1].stop == place:
                    runs[-1].stop = place + 1
                else:
                    runs.append(Run(place, place + 1, year, group_row))
            self._parts = (dated, runs)
        return self._parts


class ProjectRows(RowMaker):
    """Projects grouped by programme (sub-projects under their parent), A–Z, or by their latest year."""

    plain_orders: ClassVar[Mapping[str, bool]] = {"programme": False}

    def rows(self, records: Sequence[Record], mask: bytes | None, sort: str) -> Rows:
        projects = cast("list[Project]", [r for r in records if r.kind == "project"])
        if sort == "title":
            return RowList(map(self._row, self.order(projects, sort)))
        if sort == "recent":
            return RowList(self._by_latest_year(projects))
        return RowList(self._by_programme(projects))

    def order(self, records: Sequence[R], sort: str) -> list[R]:
        if sort == "title":
            return sorted(records, key=_by_title)
        if sort == "recent":
            return sorted(records, key=lambda p: (-self._latest(p.id), _by_title(p)))
        return list(records)

    def _years(self, project_id: str) -> list[int]:
        return sorted(y.year for y in self.dataset.project_years(project_id))

    def _latest(self, project_id: str) -> int:
        return max(self._years(project_id), default=0)

    def _row(self, project: Project, depth: int = 0) -> Row:
        years = " ".join(map(str, self._years(project.id)))
        return Row(project.id, project.title, suffix=years, level=depth, kind="project")

    def _by_latest_year(self, projects: list[Project]) -> Iterator[Row]:
        """Under a heading for each project's latest year, newest first (those of no year last), A–Z."""
        heading = None
        for project in self.order(projects, "recent"):
            latest = self._latest(project.id)
            if latest != heading:
                heading = latest
                yield Row("", str(latest) if latest else S.NO_YEAR, level=1)
            yield self._row(project)

    def _by_programme(self, projects: list[Project]) -> list[Row]:
        dataset = self.dataset
        shown = {p.id for p in projects}
        by_programme: dict[str, list[Project]] = {}
        for project in projects:
            programme = dataset.programme_of(project)
            by_programme.setdefault(programme.id if programme else "", []).append(project)
        order = [p.id for p in dataset.programmes if p.id in by_programme]
        if "" in by_programme:
            order.append("")
        rows: list[Row] = []
        for programme_id in order:
            members = by_programme[programme_id]
            found = dataset.get(programme_id) if programme_id else None
            title = found.label if found else S.NO_PROGRAMME
            rows.append(Row("", title, suffix=str(len(members)), level=1))
            ids = {p.id for p in members}
            # Sub-projects follow their parent, indented; a sub-project whose parent is filtered out stands alone.
            roots = [p for p in members if not (p.parent and p.parent in ids)]

            def add(project: Project, depth: int, ids: set[str] = ids) -> None:
                rows.append(self._row(project, depth))
                for child in dataset.subprojects(project.id):
                    if child.id in ids and child.id in shown:
                        add(child, depth + 1)

            for project in roots:
                add(project, 0)
        return rows


class _RecordRows(RowMaker):
    """Lists of one row per record, each row made once; sorted by a key made once per record and order."""

    def __init__(self, dataset: Dataset, kinds: tuple[str, ...] = ()) -> None:
        super().__init__(dataset, kinds)
        self._made: dict[str, Row] = {}
        self._keys: dict[str, dict[str, Any]] = {}

    @abstractmethod
    def _make(self, record: Record) -> Row:
        """The row of one record."""

    def _key(self, sort: str) -> Callable[[Record], Any] | None:
        """The sort key of an order other than the display order (None for that one)."""
        return None

    def rows(self, records: Sequence[Record], mask: bytes | None, sort: str) -> Rows:
        made = self._made
        rows = []
        for record in self.order(records, sort):
            row = made.get(record.id)
            if row is None:
                row = made[record.id] = self._make(record)
            rows.append(row)
        return RowList(rows)

    def order(self, records: Sequence[R], sort: str) -> list[R]:
        key = self._key(sort)
        if key is None:
            return list(records)
        keys = self._keys.setdefault(sort, {})
        return sorted(records, key=lambda r: keys[r.id] if r.id in keys else keys.setdefault(r.id, key(r)))


class PeopleRows(_RecordRows):
    """People by surname (their first role beside them), or grouped by that role."""

    plain_orders: ClassVar[Mapping[str, bool]] = {"name": False}

    def _make(self, record: Record) -> Row:
        roles = self.dataset.roles_of(record.id)
        return Row(record.id, record.label, suffix=roles[0].title if roles else "", kind="person")

    def _key(self, sort: str) -> Callable[[Record], Any] | None:
        if sort != "role":
            return None

        def by_role(person: Record) -> tuple:
            roles = self.dataset.roles_of(person.id)
            return (not roles, collation_key(roles[0].title) if roles else "", _by_surname(person))

        return by_role


class NetworkRows(_RecordRows):
    """Networks A–Z (their latest stated membership beside them), or by that membership, largest first."""

    plain_orders: ClassVar[Mapping[str, bool]] = {"name": False}

    def _make(self, record: Record) -> Row:
        latest = self._latest_count(record)
        suffix = f"{latest[0]} ({latest[1]})" if latest else ""
        return Row(record.id, record.label, suffix=suffix, kind="network")

    def _latest_count(self, network: Record) -> tuple[int, int] | None:
        counts = [m for m in self.dataset.memberships_of(network.id) if m.count is not None]
        return (counts[-1].count or 0, counts[-1].year) if counts else None

    def _key(self, sort: str) -> Callable[[Record], Any] | None:
        if sort != "members":
            return None

        def by_members(network: Record) -> tuple:
            latest = self._latest_count(network)
            return (-latest[0] if latest else 1, collation_key(network.label))

        return by_members


class OrganisationRows(_RecordRows):
    """Organisations A–Z with their kind beside them, or under a heading per kind (in the order the data
    format lists the kinds: cities first, others last), A–Z within each."""

    def __init__(self, dataset: Dataset, kinds: tuple[str, ...] = ()) -> None:
        super().__init__(dataset, kinds)
        from herzlich_tui.model.records import ORGANISATION_KINDS  # (with the data)

        self._kinds = {kind: place for place, kind in enumerate(ORGANISATION_KINDS)}

    def _make(self, record: Record) -> Row:
        return Row(record.id, record.label, suffix=organisation_kind(getattr(record, "type", "")), kind="organisation")

    def _key(self, sort: str) -> Callable[[Record], Any] | None:
        if sort == "kind":
            return lambda organisation: (self._kind_place(organisation), _by_title(organisation))
        return _by_title  # (the data's order folds case only: "Ämter" would come after Z)

    def _kind_place(self, record: Record) -> int:
        return self._kinds.get(getattr(record, "type", ""), len(self._kinds))

    def rows(self, records: Sequence[Record], mask: bytes | None, sort: str) -> Rows:
        if sort != "kind":
            return super().rows(records, mask, sort)
        rows: list[Row] = []
        for _, group in groupby(self.order(records, sort), key=self._kind_place):
            members = list(group)
            rows.append(Row("", organisation_kinds(getattr(members[0], "type", "")), suffix=str(len(members)), level=1))
            rows += [Row(record.id, record.label, kind="organisation") for record in members]
        return RowList(rows)


class ResultRows(RowMaker):
    """Records of several kinds (what a search across them finds) under a heading per kind with its count,
    in the order of the view's kinds, each record under the name it needs to stand alone (the project of a
    project year) with its year or years beside it."""

    def rows(self, records: Sequence[Record], mask: bytes | None, sort: str) -> Rows:
        from herzlich_tui.model.masks import Chosen  # (with the data)

        groups: list[tuple[Row, Sequence[Record]]] = []
        start = 0
        for kind in self.kinds:
            pool = self.dataset.of_kind(kind)
            chosen: Sequence[Record] = pool
            if mask is not None:
                part = mask[start : start + len(pool)]
                chosen = Chosen(pool, part, part.count(1))
            start += len(pool)
            if chosen:
                groups.append((Row("", S.KIND_PLURALS[kind], suffix=str(len(chosen)), level=1), chosen))
        return GroupedRows(groups, self._row)

    def _row(self, record: Record) -> Row:
        dataset = self.dataset
        years = " ".join(map(str, dataset.years_shown(record)))
        return Row(record.id, dataset.title_of(record), suffix=years, kind=record.kind)


# --- German collation ------------------------------------------------------------------------------
def collation_key(text: str) -> str:
    """A sort key in the order of a German dictionary (DIN 5007-1): case and accents ignored, Ä with A,
    ß as ss; leading quotation marks and other signs are passed over."""
    from herzlich_tui.search import fold  # with the data: folding is the search's

    folded = fold(text)
    start = 0
    while start < len(folded) and not folded[start].isalnum():
        start += 1
    return folded[start:]


def _by_title(record: Record) -> tuple[str, str]:
    return (collation_key(record.label), record.id)


def _by_surname(person: Record) -> tuple[str, str, str]:
    """People by surname, then given name: honorifics such as 'Dr.' and 'Prof.' are not part of the name."""
    name: str = getattr(person, "name", "") or person.label
    parts = name.split()
    return (collation_key(parts[-1]) if parts else "", collation_key(name), person.id)
