"""Checking the entries of one kind in one file a field at a time, in C, for the common case: every entry as
it should be.

Checked entry by entry, each value of a large file costs a Python call or two (see loader._check_entry),
and most of the load's time went there. Here each field's values are taken out of the entries as one
column, and the column is tested as a whole: the types of its values, their lengths, the characters they
hold, the choices and ids they name. A column that passes is converted as a whole too (interned, made
tuples, shared), to the very values the entry-by-entry way gives; one that does not pass the quick tests
is converted value by value with the field's own converter. Should any value be wrong, any key be no
field, any required field be missing or any id not be one, `checked_columns` gives up (None) and the
loader checks the entries one by one, as before: the problems, their order and the records are then
exactly those of the entry-by-entry way, which alone words problems.
"""

from __future__ import annotations

import math
import re
import sys
from collections import deque
from collections.abc import Callable, Iterable, Sequence
from itertools import chain, compress, repeat
from operator import is_, is_not, itemgetter
from typing import Any, NamedTuple

from herzlich_tui.model.records import ID_PATTERN, INT_MAX, INT_MIN, FieldSpec

__all__ = ["SHORT_TEXT", "Converter", "Field", "checked_columns"]

Converter = Callable[[Any, dict[Any, Any]], tuple[Any, str | None]]
"""Checks and converts one value of a field: (converted value, None) or (None, the problem's message)."""


class Field(NamedTuple):
    """One field of a kind, as the loader checks it."""

    key: str  # its name in a file
    attr: str  # the record's attribute
    spec: FieldSpec
    converter: Converter  # how one value is checked and converted (the loader's)
    single_line: bool  # a text shown as one line, whose line breaks the converter takes out
    default: Any  # the record's value when the entry does not give it


# Every id of a column, joined by line breaks (which no id holds: see checked_columns).
_IDS = re.compile(rf"(?:{ID_PATTERN}\n)*{ID_PATTERN}")
SHORT_TEXT = 64  # texts up to this length are interned, by a column and by the converter of a text field


def checked_columns(
    entries: Sequence[dict[str, Any]],
    fields: Iterable[Field],
    required: frozenset[str],
    shared: dict[Any, Any],
    *,
    text_limit: int,
    unsafe: re.Pattern[str],
    dates: dict[str, Any],
) -> dict[str, list[Any]] | None:
    """The checked values of each attribute that some entry gives (a column, in the entries' order, the
    field's default where an entry does not give it), or None when some entry needs checking on its
    own. `fields`: each field of the kind; `required`: the attributes each entry must give; `shared`:
    the file's table of values kept once; `text_limit`, `unsafe`: the longest text and
    the characters a text is made safe of (by its converter); `dates`: the loader's table of date texts
    parsed, by text (looked up, never changed here: the converter adds to it)."""
    count = len(entries)
    given = 0
    columns: dict[str, list[Any]] = {}
    for key, attr, spec, converter, single_line, default in fields:
        raw = list(map(dict.get, entries, repeat(key)))  # (TOML has no null: None is a key not given)
        missing = raw.count(None)
        if missing and attr in required:
            return None
        if missing == count:
            continue
        given += count - missing
        places: list[int] = []
        present = raw
        if missing:
            places = list(compress(range(count), map(is_not, raw, repeat(None))))
            present = list(map(raw.__getitem__, places))
        values = _column(attr, spec, present, shared, single_line, text_limit, unsafe, dates)
        if values is None:
            values = _one_by_one(present, converter, shared)
            if values is None:
                return None
        if missing:
            values = _scatter(count, places, values, default)
        columns[attr] = values
    if given != sum(map(len, entries)):
        return None  # a key that is no field of the kind
    ids = columns.get("id", [])
    joined = "\n".join(ids)
    if joined.count("\n") != count - 1 or _IDS.fullmatch(joined) is None:
        return None  # (an id with a line break in it would pass for two ids: counted above)
    return columns


def _interned_texts(texts: list[str], lengths: list[int]) -> list[str]:
    """The texts with the short ones interned, as a text field's converter keeps them (`lengths`: theirs)."""
    if not lengths or max(lengths) <= SHORT_TEXT:
        return list(map(sys.intern, texts))
    if min(lengths) > SHORT_TEXT:
        return texts
    return [sys.intern(text) if length <= SHORT_TEXT else text for text, length in zip(texts, lengths, strict=True)]


def _scatter(count: int, places: list[int], values: list[Any], default: Any) -> list[Any]:
    """A column of `count` values with `values` at `places` and `default` elsewhere."""
    full: list[Any] = [default] * count
    deque(map(full.__setitem__, places, values), maxlen=0)
    return full


def _one_by_one(present: list[Any], converter: Converter, shared: dict[Any, Any]) -> list[Any] | None:
    """The column converted value by value by the field's own converter; None at the first problem."""
    results = list(map(converter, present, repeat(shared)))
    if list(map(itemgetter(1), results)).count(None) != len(results):
        return None
    return list(map(itemgetter(0), results))


def _column(
    attr: str,
    spec: FieldSpec,
    present: list[Any],
    shared: dict[Any, Any],
    single_line: bool,
    text_limit: int,
    unsafe: re.Pattern[str],
    dates: dict[str, Any],
) -> list[Any] | None:
    """The column's values converted as the field's converter would convert each, when the column passes
    the quick tests of its type; None when it does not (then it is converted value by value)."""
    types = set(map(type, present))
    intern = sys.intern
    match spec.type:
        case "str":
            if types != {str}:
                return None
            lengths = list(map(len, present))
            if max(lengths) > text_limit:
                return None
            joined = "".join(present)  # (a pattern of single characters: none is found across two texts)
            if unsafe.search(joined) is not None or (single_line and "\n" in joined):
                return None
            return list(map(intern, present)) if attr == "id" else _interned_texts(present, lengths)
        case "ref":
            return list(map(intern, present)) if types == {str} else None
        case "choice":
            if types != {str} or not set(present) <= set(spec.choices):
                return None
            return list(map(intern, present))
        case "refs" | "fields":
            if types != {list} or not set(map(type, chain.from_iterable(present))) <= {str}:
                return None
            if spec.type == "fields" and not set(chain.from_iterable(present)) <= set(spec.choices):
                return None
            made = list(map(tuple, map(map, repeat(intern), map(dict.fromkeys, present))))
            return list(map(shared.setdefault, made, made))
        case "date":
            if types != {str}:
                return None
            found = list(map(dates.get, present))
            if None in found:
                return None  # (a date not yet parsed: its converter parses it once, for the table)
            return found
        case "int":
            if types != {int} or min(present) < INT_MIN or max(present) > INT_MAX:
                return None
            return present
        case "number":
            if not types <= {int, float}:
                return None
            whole = list(compress(present, map(is_, map(type, present), repeat(int))))
            if whole and (min(whole) < INT_MIN or max(whole) > INT_MAX):
                return None
            if len(whole) < len(present) and not all(map(math.isfinite, present)):
                return None
            return present
        case "bool":
            return present if types == {bool} else None
    return None  # ("years": value by value)
