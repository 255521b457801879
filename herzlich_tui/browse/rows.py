"""What each list view shows, as plain rows: group headings and record rows. No Textual here, so that
building a view's rows can be tested and measured on its own, and done off the UI thread."""

from __future__ import annotations

import operator
from bisect import bisect_right
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from itertools import accumulate, compress, islice, repeat
from typing import TYPE_CHECKING, overload

from herzlich_tui import strings as S
from herzlich_tui.browse.labels import date_label, group_label

if TYPE_CHECKING:  # records are told apart by their kind: the first frame's rows come without the model
    from herzlich_tui.model import Dataset, Event, PartialDate, Project, Record

__all__ = ["VIEW_KINDS", "Row", "Run", "TimelineRows", "build_rows", "first_prefixes", "place_of", "row_values"]

# The record kind each list view lists; the overview has no list.
VIEW_KINDS = {"timeline": "event", "projects": "project", "people": "person", "networks": "network"}


@dataclass(frozen=True, slots=True)
class Row:
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


def row_values(row: Row) -> tuple[str, str, str, str, int, str]:
    """A row as plain values, in field order, as the first-screen snapshots keep it (`Row(*values)` again)."""
    return (row.record_id, row.text, row.prefix, row.suffix, row.level, row.kind)


@dataclass(slots=True)
class Run:
    """Consecutive events (places start..stop-1 in display order) under one year and group heading."""

    start: int
    stop: int
    year: Row
    group: Row


class TimelineRows(Sequence[Row]):
    """The timeline's rows of the events a mask chooses (None: every event in `runs`), each made when read:
    a list would hold a Row for each of 100,000 events (8 MB), and a new list at every keystroke; what is
    read is what is drawn, a screenful at a time.

    The rows are the runs of events that have a chosen one, each with the headings above it that change
    there. The k-th chosen event of a run is found from how many the mask chooses before each block of
    _BLOCK places, then a few `find`s in its block. `dated` gives each event's date its year heading,
    group heading and label."""

    __slots__ = ("_blocks", "_dated", "_events", "_firsts", "_mask", "_parts", "_size")

    def __init__(
        self,
        events: Sequence[Event],
        dated: Mapping[PartialDate, tuple[Row, Row, str]],
        runs: Iterable[Run],
        mask: bytes | None = None,
    ) -> None:
        self._events = events
        self._dated = dated
        self._mask = mask
        self._parts: list[tuple[int, int, tuple[Row, ...]]] = []  # (start, stop, headings)
        self._firsts: list[int] = []  # each part's first row
        size = 0
        year: Row | None = None
        group: Row | None = None
        for run in runs:
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
            self._parts.append((run.start, run.stop, headings))
            self._firsts.append(size)
            size += len(headings) + chosen
        self._size = size
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
        start, _, headings = self._parts[part]
        offset = index - self._firsts[part]
        if offset < len(headings):
            return headings[offset]
        return self._event_row(self._chosen(start, offset - len(headings)))

    def __iter__(self) -> Iterator[Row]:
        return self._rows_from(0)

    def place_of(self, record_id: str) -> int:
        """Where the event is listed, or -1."""
        place = _index(map(_ID, self._events), record_id)
        part = bisect_right(self._parts, place, key=_START) - 1
        if place < 0 or part < 0 or (self._mask is not None and not self._mask[place]):
            return -1
        start, stop, headings = self._parts[part]
        if place >= stop:  # (an undated event, or one between the runs shown)
            return -1
        before = place - start if self._mask is None else self._mask.count(1, start, place)
        return self._firsts[part] + len(headings) + before

    def prefixes(self, limit: int) -> set[str]:
        """The prefixes of the first `limit` rows (their events' date labels)."""
        events, dated = self._events, self._dated
        places = islice(self._places(), limit)
        return {dated[events[place].date][2] for place in places if place >= 0}  # type: ignore[index]

    def _rows_from(self, index: int) -> Iterator[Row]:
        """The rows from `index` on."""
        if index >= self._size:
            return
        part = bisect_right(self._firsts, index) - 1
        skip = index - self._firsts[part]
        for start, stop, headings in self._parts[part:]:
            yield from headings[skip:]
            skip = max(skip - len(headings), 0)
            yield from map(self._event_row, islice(self._chosen_in(start, stop), skip, None))
            skip = 0

    def _places(self) -> Iterator[int]:
        """Each row's event place in order, -1 for a heading."""
        for start, stop, headings in self._parts:
            yield from repeat(-1, len(headings))
            yield from self._chosen_in(start, stop)

    def _chosen_in(self, start: int, stop: int) -> Iterable[int]:
        """The places from start to stop - 1 that the mask chooses."""
        places = range(start, stop)
        return places if self._mask is None else compress(places, self._mask[start:stop])

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
        return Row(event.id, event.title, prefix=self._dated[event.date][2], kind="event")  # type: ignore[index]


_BLOCK = 64  # places of events per count kept (see TimelineRows._chosen)
_ID = operator.attrgetter("id")
_RECORD_ID = operator.attrgetter("record_id")
_START = operator.itemgetter(0)


def _index(ids: Iterable[str], record_id: str) -> int:
    """Where the id first comes, or -1: a scan in C (4 ms at 100,000)."""
    try:
        return operator.indexOf(ids, record_id)
    except ValueError:
        return -1


def place_of(rows: Sequence[Row], record_id: str) -> int:
    """Where a record is first listed in `rows`, or -1."""
    if isinstance(rows, TimelineRows):
        return rows.place_of(record_id)
    return _index(map(_RECORD_ID, rows), record_id)


def first_prefixes(rows: Sequence[Row], limit: int) -> set[str]:
    """The prefixes (but "") among the first `limit` rows."""
    if isinstance(rows, TimelineRows):
        return rows.prefixes(limit)
    return {row.prefix for row in rows[:limit] if row.prefix}


def build_rows(dataset: Dataset, view: str, records: Iterable[Record]) -> list[Row]:
    """Rows for a view from its (already filtered, display-ordered) records."""
    if view == "timeline":
        return _timeline(records)
    if view == "projects":
        return _projects(dataset, records)
    if view == "people":
        return _people(dataset, records)
    if view == "networks":
        return _networks(dataset, records)
    return []


def _timeline(records: Iterable[Record]) -> list[Row]:
    rows: list[Row] = []
    year: int | None = None
    group = ""
    for event in records:
        if event.kind != "event" or event.date is None:
            continue
        if event.date.year != year:
            year = event.date.year
            group = ""
            rows.append(Row("", str(year), level=1))
        heading = group_label(event.date)
        if heading != group:
            group = heading
            rows.append(Row("", heading, level=2))
        rows.append(Row(event.id, event.title, prefix=date_label(event.date), kind="event"))
    return rows


def _projects(dataset: Dataset, records: Iterable[Record]) -> list[Row]:
    projects: list[Project] = [r for r in records if r.kind == "project"]  # type: ignore[misc]
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
        programme = dataset.get(programme_id) if programme_id else None
        title = programme.label if programme else S.NO_PROGRAMME
        rows.append(Row("", title, suffix=str(len(members)), level=1))
        ids = {p.id for p in members}
        # Sub-projects follow their parent, indented; a sub-project whose parent is filtered out stands alone.
        roots = [p for p in members if not (p.parent and p.parent in ids)]

        def add(project: Project, depth: int, ids: set[str] = ids) -> None:
            years = sorted(y.year for y in dataset.project_years(project.id))
            rows.append(Row(project.id, project.title, suffix=" ".join(map(str, years)), level=depth, kind="project"))
            for child in dataset.subprojects(project.id):
                if child.id in ids and child.id in shown:
                    add(child, depth + 1)

        for project in roots:
            add(project, 0)
    return rows


def _people(dataset: Dataset, records: Iterable[Record]) -> list[Row]:
    rows: list[Row] = []
    for person in records:
        if person.kind == "person":
            roles = dataset.roles_of(person.id)
            rows.append(Row(person.id, person.label, suffix=roles[0].title if roles else "", kind="person"))
    return rows


def _networks(dataset: Dataset, records: Iterable[Record]) -> list[Row]:
    rows: list[Row] = []
    for network in records:
        if network.kind == "network":
            counts = [m for m in dataset.memberships_of(network.id) if m.count is not None]
            suffix = f"{counts[-1].count} ({counts[-1].year})" if counts else ""
            rows.append(Row(network.id, network.label, suffix=suffix, kind="network"))
    return rows
