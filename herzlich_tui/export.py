"""Writers of the loaded (optionally filtered) dataset in machine formats: JSON, TOML and CSV, with stable
English field names whatever the interface's language (the Markdown report, which speaks the interface's
language, is browse/report.py).

JSON and TOML hold every field of every record under its data-file name, so a TOML export loads again as
data. Text is written as it is: nothing is interpreted as markup.
"""

from __future__ import annotations

import csv
import io
import json
import math
import re
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from json.encoder import encode_basestring as _json_text  # (what json.dumps(..., ensure_ascii=False) uses)
from typing import Any, Protocol, cast

import tomli_w

from herzlich_tui import __version__
from herzlich_tui.model import (
    KINDS,
    Dataset,
    PartialDate,
    Record,
)
from herzlich_tui.model.records import FILE_NAMES

__all__ = [
    "FORMATS",
    "Chosen",
    "by_kind",
    "chosen_chunks",
    "export",
    "export_chunks",
    "main_text",
    "record_to_dict",
    "with_sources",
]

FORMATS = ("json", "toml", "csv")


def record_to_dict(record: Record) -> dict[str, Any]:
    """A record's fields under their data-file names, leaving out empty optional ones."""
    out: dict[str, Any] = {}
    for attr, spec in type(record).field_specs().items():
        value = getattr(record, attr)
        if (value is None or value == "" or value == ()) and not spec.required:
            continue
        if isinstance(value, PartialDate):
            value = value.text
        elif isinstance(value, tuple):
            value = list(value)
        out[FILE_NAMES.get(attr, attr)] = value
    return out


def with_sources(dataset: Dataset, records: Sequence[Record]) -> list[Record]:
    """The records plus the reviews they name as sources, so that a filtered export stays complete."""
    needed = {s for r in records for s in r.sources} | {r.id for r in records if r.kind == "review"}
    # the reviews in their own order (by year), whether chosen or only named, then everything else
    reviews = [r for r in dataset.reviews if r.id in needed]
    known = {r.id for r in reviews}
    return reviews + [r for r in records if r.kind != "review" or r.id not in known]


def by_kind(records: Iterable[Record]) -> dict[str, list[Record]]:
    groups: dict[str, list[Record]] = {kind: [] for kind in KINDS}
    for record in records:
        groups[record.kind].append(record)
    return {kind: items for kind, items in groups.items() if items}


def export(dataset: Dataset, records: Sequence[Record], fmt: str) -> str:
    """Render records (already filtered, in display order) in one of FORMATS."""
    return "".join(export_chunks(dataset, records, fmt))


def export_chunks(dataset: Dataset, records: Sequence[Record], fmt: str) -> Iterator[str]:
    """`export`'s text a piece at a time (a record or a few at a time), for writing as it is made: the
    whole text of a large dataset, and what it is made from, would take several times the dataset's
    memory. The pieces joined are `export`'s text, byte for byte."""
    if fmt == "json":
        return to_json(records)
    if fmt == "toml":
        return to_toml(records)
    if fmt == "csv":
        return to_csv(dataset, records)
    raise ValueError(f"unknown format {fmt!r}; expected one of {', '.join(FORMATS)}")


class Chosen(Protocol):
    """Records chosen for an export as the writers read them, for records that are not all held at once
    (an export written as its records are read): the same text as
    `export_chunks` of them, kind after kind in KINDS order, each kind in the order written."""

    def groups(self) -> Mapping[str, Iterable[Record]]:
        """The records of each kind that has some, as `by_kind` gives them; each may be iterated again."""
        ...

    def with_facets(self) -> Iterable[tuple[Record, Sequence[int], Sequence[str]]]:
        """Every record, kind after kind, with its years and programmes (its facets)."""
        ...


def chosen_chunks(chosen: Chosen, fmt: str) -> Iterator[str]:
    """`export_chunks`'s text of the records `chosen` gives."""
    if fmt == "json":
        return _json_chunks(chosen.groups())
    if fmt == "toml":
        return _toml_chunks(chosen.groups())
    if fmt == "csv":
        return _csv_chunks(chosen.with_facets())
    raise ValueError(f"unknown format {fmt!r}; expected one of {', '.join(FORMATS)}")


def to_json(records: Sequence[Record]) -> Iterator[str]:
    """JSON as RFC 8259 has it: a number that is not finite (which the loader never lets through, but code
    can make) is written as null, never as NaN or Infinity, which JSON readers refuse.

    The text `json.dumps` gives the whole export (indented by 2), made a record at a time: each record is
    dumped on its own, indented as deep as it stands (a JSON text holds no newline but between its parts)."""
    return _json_chunks(by_kind(records))


def _json_chunks(groups: Mapping[str, Iterable[Record]]) -> Iterator[str]:
    yield "{\n  " + _json("herzlich_tui") + ": " + _json(__version__)
    for kind, items in groups.items():
        yield ",\n  " + _json(kind) + ": ["
        separator = "\n    "
        for record in items:
            yield separator + _json_record(_finite(record_to_dict(record))).replace("\n", "\n    ")
            separator = ",\n    "
        yield "\n  ]"
    yield "\n}\n"


def _json(value: Any, indent: int | None = None) -> str:
    return json.dumps(value, ensure_ascii=False, indent=indent, allow_nan=False)


def _json_record(values: dict[str, Any]) -> str:
    """`_json(values, indent=2)` of a record's fields. json indents in Python, a token at a time: fields
    that are texts, numbers, flags, nothing or lists of them (every field the model has) are put together
    here from the texts json's own encoders give each value, as json lays them out; any other through json."""
    fields = _field_texts(values, _json_value, lambda items: "[\n    " + ",\n    ".join(items) + "\n  ]")
    if not fields:  # (no fields at all, or one that json writes itself)
        return _json(values, indent=2)
    return "{\n  " + ",\n  ".join(_json_text(name) + ": " + text for name, text in fields) + "\n}"


def _field_texts(
    values: dict[str, Any], value_text: Callable[[object], str | None], list_text: Callable[[list[str]], str]
) -> list[tuple[str, str]] | None:
    """Each field's name and its value written by `value_text` (a list's items too, put together by
    `list_text`); None when a value is none of those `value_text` writes, nor a list of them, or a name is
    not a text: the library writes that record."""
    fields = []
    for name, value in values.items():
        text = value_text(value)
        if text is None and type(value) is list:
            items = list(map(value_text, value))
            if None not in items:
                text = list_text(cast(list[str], items)) if items else "[]"
        if text is None or type(name) is not str:
            return None
        fields.append((name, text))
    return fields


def _json_value(value: object) -> str | None:
    """A text, number, flag or nothing as json writes it (None for any other value, and for a number that is
    not finite, which json refuses)."""
    if type(value) is str:
        return _json_text(value)
    if value is None:
        return "null"
    if value is True:
        return "true"
    if value is False:
        return "false"
    if type(value) is int:
        return int.__repr__(value)
    if type(value) is float and math.isfinite(value):
        return float.__repr__(value)
    return None


def _finite(values: dict[str, Any]) -> dict[str, Any]:
    for name, value in values.items():
        if isinstance(value, float) and not math.isfinite(value):
            values[name] = None
    return values


def to_toml(records: Sequence[Record]) -> Iterator[str]:
    """The text `tomli_w.dumps` gives the records of each kind as an array of tables, made a record at a
    time. tomli_w writes a kind as one inline array when every record of it fits on a line of its own
    (those come first, as keys before tables), else as a table per record: the records of a kind are
    looked at until one does not fit. A record's fields are never tables (the model has none), so its
    table is its header and `tomli_w.dumps` of its fields."""
    return _toml_chunks(by_kind(records))


def _toml_chunks(groups: Mapping[str, Iterable[Record]]) -> Iterator[str]:
    yield f"# Exported by herzlich-tui {__version__}\n\n"
    inline = [kind for kind, items in groups.items() if all(_toml_inline(kind, r) is not None for r in items)]
    for kind in inline:
        yield f"{kind} = [\n"
        yield from (f"{_toml_inline(kind, record)},\n" for record in groups[kind])
        yield "]\n"
    written = bool(inline)
    for kind, items in groups.items():
        if kind in inline:
            continue
        for record in items:
            yield (("\n" if written else "") + f"[[{kind}]]\n" + _toml_record(record_to_dict(record)))
            written = True


def _toml_record(values: dict[str, Any]) -> str:
    """`tomli_w.dumps(values, multiline_strings=False)` of a record's fields. tomli_w looks at a text one
    character at a time, in Python: fields that are texts, numbers, flags or lists of them (every field the
    model has) are written here as tomli_w writes them, a text escaped as it escapes one; any other through
    tomli_w."""
    fields = _field_texts(values, _toml_value, lambda items: "[\n" + "".join(f"    {item},\n" for item in items) + "]")
    if fields is None:
        return tomli_w.dumps(values, multiline_strings=False)
    return "".join(f"{name if _TOML_BARE.fullmatch(name) else _toml_text(name)} = {text}\n" for name, text in fields)


def _toml_value(value: object) -> str | None:
    """A text, number or flag as tomli_w writes it (None for any other value)."""
    if type(value) is str:
        return _toml_text(value)
    if type(value) is bool:
        return "true" if value else "false"
    if type(value) is int or type(value) is float:
        return str(value)
    return None


# What tomli_w writes a key as it is (else as a text), and the characters it escapes in a text: the ASCII
# control characters but the tab, the quote and the backslash (some as \b, \n, ..., others as \uXXXX).
_TOML_BARE = re.compile(r"[A-Za-z0-9_-]+")
_TOML_ESCAPED = re.compile(r'[\x00-\x08\x0a-\x1f\x7f"\\]')
_TOML_ESCAPES = {"\b": "\\b", "\n": "\\n", "\f": "\\f", "\r": "\\r", '"': '\\"', "\\": "\\\\"}


def _toml_text(text: str) -> str:
    if _TOML_ESCAPED.search(text):
        text = _TOML_ESCAPED.sub(_toml_escape, text)
    return '"' + text + '"'


def _toml_escape(found: re.Match[str]) -> str:
    char = found[0]
    return _TOML_ESCAPES.get(char) or "\\u" + hex(ord(char))[2:].rjust(4, "0")


def _toml_inline(kind: str, record: Record) -> str | None:
    """The line (indented) tomli_w writes the record on in an inline array, or None when it would not
    write it inline (a longer record's fields)."""
    text = tomli_w.dumps({kind: [record_to_dict(record)]}, multiline_strings=False)
    start, end = f"{kind} = [\n", ",\n]\n"
    return text[len(start) : -len(end)] if text.startswith(start) else None


CSV_COLUMNS = ("kind", "id", "title", "date", "year", "programmes", "text", "sources")
_CSV_ROWS = 512  # rows made before they are handed on


def to_csv(dataset: Dataset, records: Sequence[Record]) -> Iterator[str]:
    return _csv_chunks(_with_facets(dataset, records))


def _with_facets(dataset: Dataset, records: Iterable[Record]) -> Iterator[tuple[Record, Sequence[int], Sequence[str]]]:
    for record in records:
        if record.id in dataset:
            facets = dataset.facets(record.id)
            yield record, facets.years, facets.programmes
        else:
            yield record, (), ()


def _csv_chunks(records: Iterable[tuple[Record, Sequence[int], Sequence[str]]]) -> Iterator[str]:
    """The CSV text of the records, each with its years and programmes."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    # (The writer quotes a cell holding a newline but not one holding a carriage return, which readers take
    # for the end of a line: a row with one is written with every cell quoted.)
    quoted = csv.writer(buffer, lineterminator="\n", quoting=csv.QUOTE_ALL)
    writer.writerow(CSV_COLUMNS)
    for number, (record, years, programmes) in enumerate(records, start=1):
        date = getattr(record, "date", None)
        row = [
            record.kind,
            record.id,
            record.label,
            date.text if isinstance(date, PartialDate) else "",
            " ".join(str(y) for y in sorted(years)),
            " ".join(sorted(programmes)),
            main_text(record),
            " ".join(record.sources),
        ]
        cells = list(map(_cell, row))
        (quoted if any("\r" in cell for cell in cells) else writer).writerow(cells)
        if number % _CSV_ROWS == 0:
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue()


# A spreadsheet reads a cell that starts with one of these as a formula (`=HYPERLINK(...)`, `@SUM(...)`,
# `-2+3`): such a cell gets a leading apostrophe, as OWASP advises for CSV files, and is shown as text.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _cell(text: str) -> str:
    return "'" + text if text.startswith(_FORMULA_START) else text


def main_text(record: Record) -> str:
    for name in ("summary", "text", "description", "measures", "note"):
        value = getattr(record, name, "")
        if isinstance(value, str) and value:
            return value
    return ""
