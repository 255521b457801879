"""The records as `herzlich-tui export` writes them, kept in the load cache beside the dataset
(`load-*.export.sqlite` beside `load-*.pickle`, see cache.py), so that a warm export reads the records it
writes a block at a time, in the order it writes them, and never holds the whole dataset. The first export
that has to load the data writes it (`cache.keep_export`); the app and `search` never read it or write it.

The file holds:

- `export_blocks`: the records, kind after kind in KINDS order, each kind in display order (the order of
  `iter(dataset)`), in blocks of up to _BLOCK_RECORDS records of one kind; a block's rowid is its number.
  Its data, in marshal format compressed with zlib, is its records' fields as columns in slot order but
  the origin, which no export writes (a date as its parts), then each record's years and programmes (the
  two facets the CSV export writes and `--year` and `--programme` choose by) and the one year it belongs
  to (`Dataset.year_of`), by which the Markdown report groups it. Columns, not a value per record (a tuple
  each, and its texts, to make again): a block's records are made from them with `fill_slots`. Beside the
  data, the first and the last of the years the block's records belong to, so that the report of one year
  reads only the blocks that hold some of its records;
- `export_names`: every id with the place of the record it names (`Dataset.get`), sorted by id, in
  blocks of _NAMES_RECORDS (the same format), each with its first id beside it: the Markdown report
  names the project of a project year, the network of a membership and the people of a quote;
- `export_meta`: the cache key the file was made for (every data file's path, times and content hash, the
  version and the code: see `cache.fingerprint`), the form of this file (the version and this module's
  code), the number of load problems, where each kind's records are, which fields they hold and the years
  they belong to, and the SHA-256 of every block of both tables. It is written last, in the same
  transaction as the rest: a file without it (a write that failed) is never read, and neither is one made
  for other data or by other code.

Reading runs no code from the file: the key is compared as text, and marshal makes values, never runs
them. Before an export writes anything from the file, `ExportStore.usable` has SQLite check its structure
(`PRAGMA quick_check`) and reads every block back against the hash: a damaged file is not used, rather
than found damaged halfway through an export.
"""

from __future__ import annotations

import functools
import hashlib
import marshal
import sqlite3
import zlib
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from itertools import chain, compress, islice, pairwise, repeat
from operator import attrgetter
from pathlib import Path
from typing import NamedTuple, TypeVar

from herzlich_tui import __version__
from herzlich_tui.model import KINDS, NO_PROGRAMME, RECORD_TYPES, Dataset, PartialDate, Precision, Programme, Record
from herzlich_tui.model.records import fill_slots, slot_names
from herzlich_tui.sqlite_files import written

__all__ = ["Entry", "ExportStore", "StoredChoice", "open_export", "write_export"]

R = TypeVar("R", bound=Record)

# A record with its years and programmes (its facets, as the CSV export writes them).
Entry = tuple[Record, tuple[int, ...], tuple[str, ...]]

_BLOCK_RECORDS = 256  # records in a block
_NAMES_RECORDS = 2048  # ids in a block of `export_names`
_BLOCKS_READ = 64  # blocks fetched at a time
_BLOCKS_KEPT = 32  # blocks of each table kept read for the records the report names (see ExportStore.get)
_ZLIB_LEVEL = 1  # (the fastest)
_DAMAGE = (OSError, sqlite3.Error, zlib.error, ValueError, TypeError, KeyError, IndexError, EOFError, OverflowError)


@functools.cache
def _form() -> str:
    """The form of the file: the version and this module's code (which writes and reads it)."""
    return f"{__version__}:{hashlib.sha256(Path(__file__).read_bytes()).hexdigest()[:16]}"


def _fields(cls: type[Record]) -> tuple[str, ...]:
    """The fields of a record class the file keeps: every slot but the origin."""
    return tuple(name for name in slot_names(cls) if name != "origin")


def _dates(cls: type[Record]) -> tuple[int, ...]:
    """The places among `_fields` of the fields that hold a date."""
    specs = cls.field_specs()
    return tuple(n for n, name in enumerate(_fields(cls)) if name in specs and specs[name].type == "date")


def _blocks(size: int) -> int:
    """How many blocks the records of a kind take."""
    return -(-size // _BLOCK_RECORDS)


# --- writing -------------------------------------------------------------------------------------------
def write_export(path: Path, dataset: Dataset, key: str, problems: int) -> None:
    """Write the tables to the new file `path` for `dataset`, kept under the cache key `key` (its repr),
    from a load with `problems` problems. Raises sqlite3.Error when they cannot be written, or ValueError
    for a dataset the file cannot hold as it is (records of a class of their own, or values marshal does
    not keep, which only code makes): then nothing of it is kept."""
    spans = [dataset.kind_range(kind) for kind in KINDS]
    if spans != [range(a, b) for a, b in pairwise([0, *(span.stop for span in spans)])]:
        raise ValueError("the kinds of records are not one after the other")
    kinds = [
        (kind, span.start, span.stop, _fields(RECORD_TYPES[kind]), _shown_years(dataset, kind))
        for kind, span in zip(KINDS, spans, strict=True)
    ]
    with written(path) as db:
        db.execute("CREATE TABLE export_blocks(first INTEGER, last INTEGER, data BLOB NOT NULL)")
        db.execute("CREATE TABLE export_names(first TEXT NOT NULL, data BLOB NOT NULL)")
        db.execute("CREATE TABLE export_meta(key TEXT, form TEXT, problems INTEGER, kinds BLOB, digest TEXT)")
        digest = hashlib.sha256()
        blocks = _written_blocks(dataset)
        while some := list(islice(blocks, _BLOCKS_READ)):
            db.executemany("INSERT INTO export_blocks(rowid, first, last, data) VALUES (?, ?, ?, ?)", some)
            for row in some:
                _digest(digest, row)
        for named in _written_names(db, dataset):
            db.execute("INSERT INTO export_names(rowid, first, data) VALUES (?, ?, ?)", named)
            _digest(digest, named)
        db.execute(
            "INSERT INTO export_meta VALUES (?, ?, ?, ?, ?)",
            (key, _form(), problems, marshal.dumps(kinds), digest.hexdigest()),
        )


def _written_blocks(dataset: Dataset) -> Iterator[tuple[int, int | None, int | None, bytes]]:
    """Each block's row of `export_blocks` (its number first)."""
    number = 0
    for kind in KINDS:
        cls = RECORD_TYPES[kind]
        records = dataset.of_kind(kind)
        if any(type(record) is not cls for record in records):
            raise ValueError(f"a record of a class of its own among the records of {kind!r}")
        names, dates = _fields(cls), _dates(cls)
        for start in range(0, len(records), _BLOCK_RECORDS):
            block = records[start : start + _BLOCK_RECORDS]
            columns = [list(map(attrgetter(name), block)) for name in names]
            for place in dates:
                columns[place] = list(map(_date_parts, columns[place]))
            facets = [dataset.facets(record.id) for record in block]
            shown = list(map(dataset.year_of, block))
            if any(year is not None and type(year) is not int for year in shown):
                raise ValueError("a year that is not a number")
            data = marshal.dumps((columns, [f.years for f in facets], [f.programmes for f in facets], shown))
            years = [year for year in shown if year is not None]
            yield (number, min(years, default=None), max(years, default=None), zlib.compress(data, _ZLIB_LEVEL))
            number += 1


def _written_names(db: sqlite3.Connection, dataset: Dataset) -> Iterator[tuple[int, str, bytes]]:
    """Each block's row of `export_names` (its number first). The ids are sorted by SQLite (in a table of
    its own, for the time the file is written), not in a list of every id with its place: that list took
    more memory than the rest of the writing."""
    db.execute("CREATE TEMP TABLE names(id TEXT, place INTEGER)")
    named = ((record.id, place) for place, record in enumerate(dataset) if dataset.get(record.id) is record)
    db.executemany("INSERT INTO temp.names VALUES (?, ?)", named)
    rows = db.execute("SELECT id, place FROM temp.names ORDER BY id")  # (UTF-8 bytes: as Python orders texts)
    number = 0
    while some := rows.fetchmany(_NAMES_RECORDS):
        ids, places = map(list, zip(*some, strict=True))
        yield (number, ids[0], zlib.compress(marshal.dumps((ids, places)), _ZLIB_LEVEL))
        number += 1


def _shown_years(dataset: Dataset, kind: str) -> list[int]:
    """Every year some record of the kind belongs to (`Dataset.year_of`), ascending."""
    years = {year for record in dataset.of_kind(kind) if (year := dataset.year_of(record)) is not None}
    if any(type(year) is not int for year in years):
        raise ValueError("a year that is not a number")
    return sorted(years)


def _digest(digest: hashlib._Hash, row: Sequence[object]) -> None:
    """Add a row of `export_blocks` or `export_names` (its number, what is beside its data, and its data) to
    the hash."""
    *beside, data = row
    if not isinstance(data, bytes):
        raise TypeError("a block's data is not bytes")
    digest.update(repr((*beside, len(data))).encode())
    digest.update(data)


def _date_parts(date: object) -> tuple | None:
    if date is None:
        return None
    if type(date) is not PartialDate:
        raise ValueError(f"a date that is not a PartialDate: {date!r}")
    return (date.year, date.precision.value, date.month, date.day, date.season)


# --- reading -------------------------------------------------------------------------------------------
def open_export(path: Path) -> ExportStore | None:
    """The file `path` opened for reading, or None when it cannot be opened."""
    try:
        db = sqlite3.connect(f"{path.absolute().as_uri()}?mode=ro", uri=True)
    except (sqlite3.Error, OSError, ValueError):
        return None
    return ExportStore(db)


class _Kind:
    """Where the records of one kind are in the file, and how they are made again."""

    __slots__ = ("blocks", "cls", "dates", "names", "shown", "span")

    def __init__(self, kind: str, span: range, names: tuple[str, ...], shown: list[int], first_block: int) -> None:
        self.cls = RECORD_TYPES[kind]
        if names != _fields(self.cls):
            raise ValueError(f"the records of {kind!r} have other fields")
        if type(shown) is not list or any(type(year) is not int for year in shown):
            raise ValueError(f"the years of {kind!r} are not numbers")
        self.shown = shown  # (every year its records belong to)
        self.names = (*names, "origin")
        self.dates = _dates(self.cls)
        self.span = span
        self.blocks = range(first_block, first_block + _blocks(len(span)))


class _Block(NamedTuple):
    """The records of a block, made again, with their years, programmes and the year each belongs to."""

    records: list[Record]
    years: list[tuple[int, ...]]
    programmes: list[tuple[str, ...]]
    shown: list[int | None]


class ExportStore:
    """The records of one file, for exports of the data it was made for (see `usable`)."""

    def __init__(self, db: sqlite3.Connection) -> None:
        self._db = db
        self.problems = 0
        self._kinds: dict[str, _Kind] = {}
        self._made: dict[int, _Block] = {}  # (the last few blocks `get` made, by number)
        self._names: dict[int, tuple[list[str], list[int]]] = {}  # (and of `export_names`)
        self._firsts: list[str] | None = None
        self._known: dict[str, Record | None] = {}
        self._dates = _Dates()

    def close(self) -> None:
        self._db.close()

    def __enter__(self) -> ExportStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def usable(self, key: str) -> bool:
        """Whether the file was made for the cache key `key` (its repr) by this code, and is whole (see
        the module's docstring)."""
        try:
            db = self._db
            meta = db.execute("SELECT key, form, problems, kinds, digest FROM export_meta").fetchall()
            if len(meta) != 1 or meta[0][:2] != (key, _form()):
                return False
            _, _, problems, layout, expected = meta[0]
            kinds: dict[str, _Kind] = {}
            block = 0
            for kind, start, stop, names, shown in marshal.loads(layout):
                kinds[kind] = _Kind(kind, range(start, stop), names, shown, block)
                block += len(kinds[kind].blocks)
            spans = [spec.span for spec in kinds.values()]
            if list(kinds) != list(KINDS) or type(problems) is not int or type(expected) is not str:
                return False
            if spans != [range(a, b) for a, b in pairwise([0, *(span.stop for span in spans)])]:
                return False
            if db.execute("PRAGMA quick_check").fetchall() != [("ok",)]:
                return False
            digest = hashlib.sha256()
            blocks = self._digested(digest, "SELECT rowid, first, last, data FROM export_blocks ORDER BY rowid")
            names = self._digested(digest, "SELECT rowid, first, data FROM export_names ORDER BY rowid")
            if blocks != block or names is None or digest.hexdigest() != expected:
                return False
        except _DAMAGE:
            return False
        self.problems = problems
        self._kinds = kinds
        return True

    def _digested(self, digest: hashlib._Hash, sql: str) -> int | None:
        """Add the rows `sql` gives to the hash; how many there are (None: not numbered 0, 1, 2, ...)."""
        rows = self._db.execute(sql)
        count = 0
        while some := rows.fetchmany(_BLOCKS_READ):
            for row in some:
                if row[0] != count:
                    return None
                _digest(digest, row)
                count += 1
        return count

    # --- what an export reads --------------------------------------------------------------------------
    def entries(
        self,
        kind: str,
        *,
        year: int | None = None,
        programme: str | None = None,
        shown_year: int | None = None,
        newest: bool = False,
    ) -> Iterator[Entry]:
        """The records of `kind` (with their facets) in display order, or the reverse (`newest`), of those
        of `year` and `programme` when given (as `Dataset.facet_mask` chooses them), and of those that
        belong to `shown_year` when given."""
        spec = self._kinds[kind]
        sql = "SELECT data FROM export_blocks WHERE rowid >= ? AND rowid < ?"
        values: list[object] = [spec.blocks.start, spec.blocks.stop]
        if shown_year is not None:
            sql += " AND first <= ? AND last >= ?"
            values += [shown_year, shown_year]
        rows = self._db.execute(sql + (" ORDER BY rowid DESC" if newest else " ORDER BY rowid"), values)
        chosen = _chooser(year, programme, shown_year)
        while some := rows.fetchmany(_BLOCKS_READ):
            for (data,) in some:
                block = self._block(spec, data, chosen)
                if block is None:
                    continue
                entries: Iterable[Entry] = zip(block.records, block.years, block.programmes, strict=True)
                if chosen is not None:
                    entries = compress(entries, map(chosen, block.years, block.programmes, block.shown))
                yield from reversed(list(entries)) if newest else entries

    def _block(
        self, spec: _Kind, data: bytes, chosen: Callable[[tuple, tuple, int | None], bool] | None = None
    ) -> _Block | None:
        """A block's records made again (None: `chosen` chooses none of them)."""
        columns, years, programmes, shown = marshal.loads(zlib.decompress(data))
        if chosen is not None and not any(map(chosen, years, programmes, shown)):
            return None
        for place in spec.dates:
            columns[place] = map(self._dates.__getitem__, columns[place])
        records = fill_slots(spec.cls, len(years), spec.names, [*columns, repeat(None)])
        return _Block(records, years, programmes, shown)

    def shown(self, kind: str, *, year: int | None = None, programme: str | None = None) -> set[int | None]:
        """The years the records of `kind` that `entries` gives belong to (`Dataset.year_of`)."""
        spec = self._kinds[kind]
        if year is None and programme is None:
            return set(spec.shown)
        chosen = _chooser(year, programme, None)
        assert chosen is not None  # (a year or a programme is given)
        found: set[int | None] = set()
        sql = "SELECT data FROM export_blocks WHERE rowid >= ? AND rowid < ?"
        rows = self._db.execute(sql, (spec.blocks.start, spec.blocks.stop))
        while some := rows.fetchmany(_BLOCKS_READ):
            for (data,) in some:
                _, years, programmes, shown = marshal.loads(zlib.decompress(data))
                found.update(compress(shown, map(chosen, years, programmes, shown)))
        return found

    def get(self, record_id: str) -> Record | None:
        """The record the id names (`Dataset.get`); each one read once."""
        if record_id in self._known:
            return self._known[record_id]
        found = None
        place = self._place(record_id)
        if place is not None:
            spec = next(spec for spec in self._kinds.values() if place in spec.span)
            number, offset = divmod(place - spec.span.start, _BLOCK_RECORDS)
            number += spec.blocks.start
            block = self._made.get(number)
            if block is None:
                (data,) = self._db.execute("SELECT data FROM export_blocks WHERE rowid = ?", (number,)).fetchone()
                block = self._block(spec, data)
                assert block is not None  # (nothing to choose from)
                if len(self._made) >= _BLOCKS_KEPT:
                    del self._made[next(iter(self._made))]
                self._made[number] = block
            found = block.records[offset]
        self._known[record_id] = found
        return found

    def _place(self, record_id: str) -> int | None:
        """The place of the record the id names (None: no record has the id)."""
        if self._firsts is None:
            self._firsts = [first for (first,) in self._db.execute("SELECT first FROM export_names ORDER BY rowid")]
        number = bisect_right(self._firsts, record_id) - 1
        if number < 0:
            return None
        names = self._names.get(number)
        if names is None:
            (data,) = self._db.execute("SELECT data FROM export_names WHERE rowid = ?", (number,)).fetchone()
            names = marshal.loads(zlib.decompress(data))
            if len(self._names) >= _BLOCKS_KEPT:
                del self._names[next(iter(self._names))]
            self._names[number] = names
        ids, places = names
        at = bisect_left(ids, record_id)
        return places[at] if at < len(ids) and ids[at] == record_id else None

    def typed(self, cls: type[R], ids: Iterable[str]) -> list[R]:
        """The records of the ids that exist and are of type `cls`, in the given order (`Dataset.typed`)."""
        found = (self.get(i) for i in ids)
        return [r for r in found if isinstance(r, cls)]

    @property
    def programmes(self) -> list[Programme]:
        """The programmes in display order (`Dataset.programmes`)."""
        return [record for record, _, _ in self.entries("programme") if isinstance(record, Programme)]

    def choose(
        self,
        kinds: Sequence[str],
        *,
        year: int | None = None,
        programme: str | None = None,
        newest: Iterable[str] = (),
        sources: bool = False,
        reviews: bool = True,
    ) -> StoredChoice:
        """The records an export writes (see StoredChoice)."""
        return StoredChoice(self, kinds, year, programme, frozenset(newest), sources=sources, reviews=reviews)


def _chooser(
    year: int | None, programme: str | None, shown_year: int | None
) -> Callable[[tuple, tuple, int | None], bool] | None:
    """Whether a record of some years, programmes and year it belongs to is of `year` and `programme` (a
    record of no programme is of NO_PROGRAMME, as in the facet index) and belongs to `shown_year`, of those
    given; None when none is given."""
    if year is None and programme is None and shown_year is None:
        return None

    def chosen(years: tuple, programmes: tuple, shown: int | None) -> bool:
        return (
            (year is None or year in years)
            and (programme is None or programme in (programmes or (NO_PROGRAMME,)))
            and (shown_year is None or shown == shown_year)
        )

    return chosen


class _Dates(dict):
    """Dates by their parts (as `_date_parts` gives them), each made once."""

    def __missing__(self, parts: tuple | None) -> PartialDate | None:
        if parts is None:
            return None
        year, precision, month, day, season = parts
        date = self[parts] = PartialDate(year, Precision(precision), month, day, season)
        return date


class StoredChoice:
    """The records an export of some kinds (in KINDS order) writes, read from an ExportStore as they are
    written: those of `year` and `programme` when given, each kind in display order or (a kind in
    `newest`) the reverse. `sources`: with the reviews they name (`export.with_sources`), and then without
    the reviews the filters chose unless `reviews`. Answers what the writers ask (export.Chosen,
    report.Reported)."""

    def __init__(
        self,
        store: ExportStore,
        kinds: Sequence[str],
        year: int | None,
        programme: str | None,
        newest: frozenset[str],
        *,
        sources: bool,
        reviews: bool,
    ) -> None:
        self.store = store
        self.kinds = [kind for kind in KINDS if kind in kinds]
        self.year = year
        self.programme = programme
        self.newest = newest
        self.sources = sources
        self.reviews = reviews
        self._groups: dict[str, Iterable[Record]] | None = None
        self._named: list[Entry] | None = None

    def entries(self, kind: str, shown_year: int | None = None) -> Iterator[Entry]:
        """The records of `kind` written (of those that belong to `shown_year` when given)."""
        if self.sources and kind == "review":
            return iter(self._named_reviews()) if shown_year is None else iter(())
        return self.store.entries(
            kind, year=self.year, programme=self.programme, shown_year=shown_year, newest=kind in self.newest
        )

    def _named_reviews(self) -> list[Entry]:
        """The reviews `export.with_sources` adds: those the chosen records name or are, in display order."""
        if self._named is None:
            store = self.store
            if self.reviews and self.year is None and self.programme is None:
                self._named = list(store.entries("review"))  # (every review is chosen)
            else:
                needed: set[str] = set()
                for kind in self.kinds:
                    if kind == "review" and not self.reviews:
                        continue
                    for record, _, _ in store.entries(kind, year=self.year, programme=self.programme):
                        needed.update(record.sources)
                        if kind == "review":
                            needed.add(record.id)
                self._named = [entry for entry in store.entries("review") if entry[0].id in needed]
        return self._named

    def groups(self) -> Mapping[str, Iterable[Record]]:
        if self._groups is None:
            self._groups = {}
            for kind in self.kinds:
                if next(self.entries(kind), None) is not None:
                    self._groups[kind] = _Records(self, kind)
        return self._groups

    def with_facets(self) -> Iterator[Entry]:
        return chain.from_iterable(self.entries(kind) for kind in self.groups())

    def years(self, kinds: Iterable[str]) -> list[int]:
        found: set[int | None] = set()
        for kind in kinds:
            if kind in self.groups() and not (self.sources and kind == "review"):
                found.update(self.store.shown(kind, year=self.year, programme=self.programme))
        return sorted(year for year in found if year is not None)

    def of_year(self, kind: str, year: int) -> Iterable[Record]:
        if kind not in self.groups():
            return ()
        return (record for record, _, _ in self.entries(kind, shown_year=year))

    def get(self, record_id: str) -> Record | None:
        return self.store.get(record_id)

    def typed(self, cls: type[R], ids: Iterable[str]) -> list[R]:
        return self.store.typed(cls, ids)


class _Records:
    """The records of one kind of a StoredChoice, read each time they are iterated."""

    __slots__ = ("choice", "kind")

    def __init__(self, choice: StoredChoice, kind: str) -> None:
        self.choice = choice
        self.kind = kind

    def __iter__(self) -> Iterator[Record]:
        return (record for record, _, _ in self.choice.entries(self.kind))
