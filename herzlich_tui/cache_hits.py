"""What a line of `herzlich-tui search` shows of each record, kept in the load cache beside its ranking
index (`load-*.hits.sqlite` beside `load-*.fts.sqlite`, see cache.py), so that a warm search ranks and reads
the hits it prints, and never the whole cached dataset. The first search that has to load the data writes
it (`cache.keep_hits`); the app never reads it, and never writes it.

The file holds:

- `hit_rows`: each record's kind (its rowid is the record's place in the dataset, as in the ranking
  index), and in one value (in marshal format) the title it is shown under (`Dataset.title_of`), its year
  as the command line prints it (`year_text`), its label and its searchable fields (`record_fields`), from
  which the field a query matched in is told (`search.field_matched`, as `SearchIndex.where` tells it). One
  value, not a text column each: SQLite handed a text takes it as UTF-8, and CPython keeps that copy in
  every text that is not ASCII for as long as the dataset lives. Marshal, not JSON: it is faster to
  write (docs/performance.md);
- `hit_years`: each record's years (its facet), for `--year`;
- `hit_meta`: the cache key the file was made for (every data file's path, times and content hash, the
  version and the code: see `cache.fingerprint`), the stamp of the ranking index whose places it names,
  the number of records and of load problems. It is written last, in the same transaction as the rest: a
  file without it (a write that failed) is never read, and neither is one made for other data or beside
  another ranking index.

Reading runs no code from the file: the key is compared as text (its `repr`), and marshal makes values,
never runs them (what it makes is checked to be texts).
"""

from __future__ import annotations

import contextlib
import marshal
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import chain, islice
from pathlib import Path

from herzlich_tui.model import Dataset, Record
from herzlich_tui.search import field_matched, query_terms, rank_query, record_fields
from herzlich_tui.sqlite_files import written

__all__ = ["CachedHit", "CachedSearch", "read_hits", "write_hits", "year_text"]

_BLOCK = 2048  # rows inserted at a time


@dataclass(frozen=True, slots=True)
class CachedHit:
    """One search result as the command line prints it: the record's kind, the title it is shown under,
    its year (as `year_text` gives it) and the field the query matched in."""

    kind: str
    title: str
    year: str
    field: str


@dataclass(frozen=True, slots=True)
class CachedSearch:
    """A search answered from the cache: its hits, best first, and how many problems the load had."""

    hits: list[CachedHit]
    problems: int


def year_text(dataset: Dataset, record: Record) -> str:
    """A record's year as a search result shows it: its own year, else every year it touches."""
    return ", ".join(map(str, dataset.years_shown(record)))


def write_hits(path: Path, dataset: Dataset, key: str, stamp: str, problems: int) -> None:
    """Write the tables to the new file `path` for `dataset` kept under the cache key `key` (its repr)
    beside the ranking index of `stamp`, from a load with `problems` problems. Raises sqlite3.Error (or
    ValueError, for text SQLite cannot take) when they cannot be written: then nothing of them is kept."""
    with written(path) as db:
        db.execute("CREATE TABLE hit_rows(kind TEXT, shown BLOB)")
        db.execute("CREATE TABLE hit_years(year INTEGER, place INTEGER, PRIMARY KEY (year, place)) WITHOUT ROWID")
        db.execute("CREATE TABLE hit_meta(key TEXT, stamp TEXT, records INTEGER, problems INTEGER)")
        rows = _rows(dataset)
        while block := list(islice(rows, _BLOCK)):
            db.executemany("INSERT INTO hit_rows(rowid, kind, shown) VALUES (?, ?, ?)", [row[:3] for row in block])
            db.executemany("INSERT INTO hit_years VALUES (?, ?)", [(year, row[0]) for row in block for year in row[3]])
        db.execute("INSERT INTO hit_meta VALUES (?, ?, ?, ?)", (key, stamp, len(dataset), problems))


def _rows(dataset: Dataset) -> Iterator[tuple]:
    """Each record's row of `hit_rows` (its place first, the rowid FTS5 knows it by) and its years."""
    for place, record in enumerate(dataset):
        shown = (dataset.title_of(record), year_text(dataset, record), record.label, tuple(record_fields(record)))
        yield (place, record.kind, marshal.dumps(shown), dataset.facets(record.id).years)


def read_hits(fts: Path, hits: Path, key: str, query: str, limit: int, year: int | None) -> CachedSearch | None:
    """The hits of `query` (at most `limit`, of the records of `year` when given) as `SearchIndex.search`
    ranks them, from the ranking index file `fts` and the file `hits` when they were made for the cache key
    `key` and for each other; None when they were not, or cannot be read (missing, damaged): then the
    caller loads the data."""
    try:
        db = sqlite3.connect(f"{fts.absolute().as_uri()}?mode=ro", uri=True)
    except (sqlite3.Error, OSError, ValueError):
        return None
    try:
        with contextlib.closing(db):
            db.execute("ATTACH DATABASE ? AS hits", (f"{hits.absolute().as_uri()}?mode=ro",))
            return _read(db, key, query, limit, year)
    except (sqlite3.Error, ValueError, TypeError, KeyError, IndexError, EOFError):
        return None  # (a damaged file, or one whose rows are not what was written)


def _read(db: sqlite3.Connection, key: str, query: str, limit: int, year: int | None) -> CachedSearch | None:
    meta = db.execute("SELECT key, stamp, records, problems FROM hits.hit_meta").fetchall()
    if len(meta) != 1 or meta[0][0] != key or db.execute("SELECT value FROM stamp").fetchall() != [(meta[0][1],)]:
        return None
    _, _, records, problems = meta[0]
    # (As the command line asks SearchIndex.search: a limit beyond the number of records means all of them.)
    limit = max(1, min(limit, records))
    ranking = rank_query(query, limit if year is None else None)
    if ranking is None:
        return CachedSearch([], problems)
    ranked = (place for place, _ in db.execute(*ranking))
    if year is not None:
        within = {place for (place,) in db.execute("SELECT place FROM hits.hit_years WHERE year = ?", (year,))}
        ranked = (place for place in ranked if place in within)
    places = list(islice(ranked, limit))
    terms = query_terms(query)
    hits = []
    for place in places:
        kind, shown = db.execute("SELECT kind, shown FROM hits.hit_rows WHERE rowid = ?", (place,)).fetchone()
        title, shown_year, label, fields = marshal.loads(shown)
        if not all(isinstance(text, str) for text in (kind, title, shown_year, label, *chain(*fields))):
            return None
        field = field_matched(fields, label, terms)
        hits.append(CachedHit(kind, title, shown_year, field))
    return CachedSearch(hits, problems)
