"""How the load cache writes a dataset: records as columns, not object by object, and the records' Facets
as numbers into tables of the distinct ones. docs/performance.md tells why each part takes the form it
does (the memory the pickler and the unpickler would otherwise hold)."""

from __future__ import annotations

from array import array
from collections.abc import Iterator, Sequence
from itertools import pairwise, repeat
from operator import attrgetter
from typing import TYPE_CHECKING, Any

from herzlich_tui.model import Dataset, Facets, Origin, Record
from herzlich_tui.model.index import FACET_NAMES
from herzlich_tui.model.records import fill_slots, set_slots, shared_numbers, slot_names

if TYPE_CHECKING:
    from herzlich_tui.loading.loader import FilePart

__all__ = ["Column", "pack_dataset", "pack_parts", "pack_records", "unpack_dataset", "unpack_parts", "unpack_records"]


def pack_dataset(dataset: Dataset, texts: list[Column] | None = None) -> dict[str, Any]:
    """A picklable form of the dataset, which `unpack_dataset` makes into the dataset again. `texts`:
    when given, the columns of free text (titles, summaries, quotes: the bulk of its memory) are appended
    to it, to be written apart from the pickle, and the packed records hold each one's place in it."""
    by_kind, facets, named, rest = dataset.parts()
    return {
        "rest": rest,
        # (A kind whose records are not all of one class, which only code can make, is kept as objects.)
        "by_kind": {
            kind: pack_records(items, texts) if len({type(r) for r in items}) <= 1 else list(items)
            for kind, items in by_kind.items()
        },
        "facets": _pack_facets(facets),
        "named": named,
    }


def unpack_dataset(state: dict[str, Any], texts: Sequence[list[str]] = ()) -> Dataset:
    """The dataset `pack_dataset` packed (the texts it put apart, each column read back as a list)."""
    by_kind = {
        kind: unpack_records(packed, texts) if isinstance(packed, tuple) else packed
        for kind, packed in state["by_kind"].items()
    }
    return Dataset.from_parts(by_kind, _unpack_facets(state["facets"]), state["named"], state["rest"])


class Column:
    """One attribute of each of a list of objects, pickled as a list without being made into one.

    The pickler asks for the values one by one (and the reader gets a list): writing the load cache does
    not hold a list of every record's value for every field of every kind until the whole cache is written
    (the pickler keeps whatever it wrote until it is done)."""

    __slots__ = ("items", "name")

    def __init__(self, items: Sequence[Any], name: str) -> None:
        self.items = items
        self.name = name

    def __len__(self) -> int:
        return len(self.items)

    def __iter__(self) -> Iterator[Any]:
        return map(attrgetter(self.name), self.items)

    def __reduce__(self) -> tuple:
        return (list, (), None, iter(self))


def pack_records(records: Sequence[Record], texts: list[Column] | None = None) -> tuple:
    """Records of one class as columns, for the load cache: `unpack_records` makes them again.

    Pickling each record on its own costs a tuple of its values that the unpickler holds until the whole
    cache is read (it remembers every tuple it made), and leaves that much memory in holes after it.
    Columns are a few large lists instead.

    `texts`: when given, the columns of free text (titles, summaries, quotes) are appended to it, to be
    written apart from the pickle, and the packed records hold each one's place in `texts` instead."""
    cls = type(records[0]) if records else Record
    names = tuple(name for name in slot_names(cls) if name != "origin")
    specs = cls.field_specs()
    columns: list[Any] = []
    for name in names:
        spec = specs.get(name)
        if spec is not None and spec.type == "date":
            columns.append(_pack_dates(list(map(attrgetter(name), records))))
        elif texts is not None and spec is not None and spec.type == "str" and name != "id":
            # (Not the ids: every reference to a record holds its id, one string that the pickle keeps once.)
            columns.append(len(texts))
            texts.append(Column(records, name))
        else:
            columns.append(Column(records, name))
    origins = [record.origin for record in records]
    paths = [origin.path if origin is not None else None for origin in origins]
    lines = array("q", (origin.line if origin is not None else 0 for origin in origins))
    return (cls, len(records), names, columns, paths, lines)


def unpack_records(packed: tuple, texts: Sequence[list[str]] = ()) -> list[Record]:
    """The records `pack_records` packed, equal to the originals (the packed columns are emptied, and so
    are the lists of `texts` it took: the columns of text that `pack_records` put apart, read back)."""
    cls, count, names, columns, paths, lines = packed
    columns = [
        _unpack_dates(column) if isinstance(column, tuple) else texts[column] if isinstance(column, int) else column
        for column in columns
    ]
    records = fill_slots(cls, count, names, columns, consume=True)
    origins: list[Origin | None] = fill_slots(Origin, count, ("path", "line"), (paths, shared_numbers(lines)))
    if None in paths:
        origins = [None if path is None else origin for path, origin in zip(paths, origins, strict=True)]
    set_slots(cls, records, "origin", origins)
    paths.clear()
    return records


def _pack_dates(column: list[Any]) -> tuple[list[Any], array]:
    """A column of dates as its distinct dates and each record's number among them. The loader keeps one
    date object per distinct date and file; a few thousand distinct dates stand for all the events'."""
    table: dict[Any, int] = {}
    numbers = array("I", (table.setdefault(date, len(table)) for date in column))
    return list(table), numbers


def _unpack_dates(packed: tuple[list[Any], array]) -> list[Any]:
    table, numbers = packed
    return list(map(table.__getitem__, numbers))


def _pack_facets(facets: list[Facets]) -> tuple:
    """Each record's Facets (in iteration order): for each of the five facets, the records' numbers into a
    table of the distinct sets, whose members are numbers into a table of the values."""
    sets: dict[tuple, int] = {}
    number = sets.setdefault
    columns = [array("I", (number(getattr(f, name), len(sets)) for f in facets)) for name in FACET_NAMES]
    values: dict[object, int] = {}
    members = array("I")
    starts = array("I", [0])
    for one_set in sets:
        members.extend(values.setdefault(value, len(values)) for value in one_set)
        starts.append(len(members))
    return (len(facets), columns, list(values), members, starts)


def _unpack_facets(packed: tuple) -> list[Facets]:
    """The records' Facets that `_pack_facets` packed (equal sets are one object)."""
    count, columns, values, members, starts = packed
    sets = [tuple(map(values.__getitem__, members[a:b])) for a, b in pairwise(starts)]
    return fill_slots(Facets, count, FACET_NAMES, [list(map(sets.__getitem__, c)) for c in columns], consume=True)


def pack_parts(parts: Sequence[FilePart], dataset: Dataset) -> list[tuple]:
    """A picklable form of a load's file parts (see loader.FilePart) beside its dataset: each part's records
    as their places in the dataset, and as objects only those the checks across files changed or left
    out. `unpack_parts` makes them again, with the dataset `unpack_dataset` made."""
    place = {id(record): number for number, record in enumerate(dataset)}
    packed = []
    for part in parts:
        parsed = part.parsed
        places = array("q", map(place.get, map(id, parsed.records), repeat(-1)))
        others = [record for record, at in zip(parsed.records, places, strict=True) if at < 0]
        state = (parsed.problems, parsed.positions, parsed.rejected, parsed.skipped, parsed.lines is not None)
        packed.append((part.path, part.layer, part.digest, places, others, state))
    return packed


def unpack_parts(packed: list[tuple], dataset: Dataset) -> list[FilePart]:
    """The file parts `pack_parts` packed, their records taken from `dataset` (as `unpack_dataset` made
    it). Their files' texts are read again should a problem's line be needed."""
    from herzlich_tui.loading.loader import FilePart, parse_state

    records = list(dataset)
    parts = []
    for path, layer, digest, places, others, state in packed:
        if others:
            kept = iter(others)
            made = [records[at] if at >= 0 else next(kept) for at in places]
        else:
            made = list(map(records.__getitem__, places))
        parts.append(FilePart(path, layer, digest, parse_state(path, made, *state)))
    return parts
