"""The pieces of the exports' text that are put together by hand, held to what the libraries they stand in
for write: a record's JSON (json.dumps indenting by 2) and TOML (tomli_w.dumps), and the Markdown report's
escaping of text; and the exports of records given kind by kind (`chosen_chunks`), held to those of the
same records in a list."""

from __future__ import annotations

import json
import random
from collections.abc import Callable, Iterable, Iterator
from functools import partial
from typing import TypeVar

import pytest
import tomli_w

from herzlich_tui.browse.engine import Views
from herzlich_tui.browse.report import _md, chosen_chunks, export_chunks
from herzlich_tui.browse.state import ViewState
from herzlich_tui.export import _json_record, _toml_record, by_kind, with_sources
from herzlich_tui.model import KINDS, Dataset, Record

R = TypeVar("R", bound=Record)


class Text(str):
    pass


class Number(int):
    pass


VALUES = [
    "",
    "Stadt",
    'ä"\\\n\t\u2028\x00\x1f\u201e\ud800😀',
    Text("a text of a class of its own"),
    0,
    -5,
    2**70,
    Number(3),
    True,
    False,
    None,
    1.5,
    -0.0,
    1e300,
    5e-324,
    float("inf"),
    float("nan"),
    [],
    ["a"],
    [1, "b", None, True, 2.5],
    [[1]],
    [float("inf")],
    ["a", Text("b")],
    (1, 2),
    {"a": 1},
    {},
    3 + 4j,
]
NAMES = ["id", "sources", "ä", '"', "", "\n"]


def _outcome(write: Callable[[dict], str], values: dict) -> str | type:
    """What `write` makes of the values: its text, or the kind of error it raises."""
    try:
        return write(values)
    except (TypeError, ValueError) as error:
        return type(error)


def _random_record(rng: random.Random, names: list[str], keys: list[object], values: list[object]) -> dict:
    """Up to six fields: names from `names` (one in ten from `keys`, which may not be strings), values from
    `values`."""
    chosen = [rng.choice(keys if rng.random() < 0.1 else names) for _ in range(rng.randint(0, 6))]
    return {name: rng.choice(values) for name in chosen}


def _dumped(values: dict) -> str | type:
    return _outcome(partial(json.dumps, ensure_ascii=False, indent=2, allow_nan=False), values)


def _made(values: dict) -> str | type:
    return _outcome(_json_record, values)


TOML_VALUES = [
    "",
    "Stadt",
    'ä"\\\n\r\t\b\f\x00\x1b\x7f\x80\u2028\u201e\ud800😀',
    Text("a text of a class of its own"),
    0,
    -5,
    2**70,
    Number(3),
    True,
    False,
    1.5,
    -0.0,
    1e300,
    float("inf"),
    float("-inf"),
    float("nan"),
    [],
    ["a"],
    ["a", 1, True, 2.5],
    [[1]],
    [{"a": 1}],
    [{"a": 1}, {"b": "x"}],
    (1, 2),
    {"a": 1},
    {},
    None,
]
TOML_NAMES = ["id", "from", "kind", "ä", '"', "", "a b", "a.b", "A-Z_09"]


def _tomli_w(values: dict) -> str | type:
    return _outcome(partial(tomli_w.dumps, multiline_strings=False), values)


def _toml_made(values: dict) -> str | type:
    return _outcome(_toml_record, values)


# Each writer beside the library it stands in for: its values, its field names, other keys, a seed, and
# what both make of no fields.
WRITERS = {
    "json": (_made, _dumped, VALUES, NAMES, [1, None, 2.5, True], 5, "{}"),
    "toml": (_toml_made, _tomli_w, TOML_VALUES, TOML_NAMES, [1, None], 6, ""),
}


@pytest.mark.parametrize(
    ("writer", "value"), [(name, value) for name, spec in WRITERS.items() for value in spec[2]], ids=repr
)
def test_a_field_is_written_as_the_library_writes_it(writer: str, value: object) -> None:
    made, library = WRITERS[writer][:2]
    for values in ({"id": value}, {"id": "x", "value": value, "more": [value]}):
        assert made(values) == library(values)


@pytest.mark.parametrize("writer", WRITERS)
def test_records_are_written_as_the_library_writes_them(writer: str) -> None:
    made, library, values_given, names, others, seed, empty = WRITERS[writer]
    rng = random.Random(seed)
    keys: list[object] = [*names, *others]
    assert made({}) == empty
    for _ in range(3000):
        values = _random_record(rng, names, keys, values_given)
        assert made(values) == library(values), values


def test_every_character_below_256_is_written_as_tomli_w_writes_it() -> None:
    for code in range(0x100):
        assert _toml_made({"t": chr(code)}) == _tomli_w({"t": chr(code)}), code


def _md_as_it_was(text: str) -> str:
    out = []
    for char in text.replace("\n", " "):
        out.append("\\" + char if char in "\\`*_[]<>#|" else char)
    return "".join(out)


def test_markdown_escapes_what_it_escaped() -> None:
    rng = random.Random(3)
    alphabet = "ab\\`*_[]<>#|\n\r äg„\ud800x\\1\\g<0>&"
    for _ in range(5000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 24)))
        assert _md(text) == _md_as_it_was(text), text


class _Given:
    """Records given kind by kind, as `export.Chosen` and `report.Reported` give them (here from a list)."""

    def __init__(self, dataset: Dataset, records: list[Record]) -> None:
        self.dataset = dataset
        self.records = records

    def groups(self) -> dict[str, list[Record]]:
        return by_kind(self.records)

    def with_facets(self) -> Iterator[tuple[Record, tuple, tuple]]:
        for record in self.records:
            facets = self.dataset.facets(record.id)
            yield record, facets.years, facets.programmes

    def years(self, kinds: Iterable[str]) -> list[int]:
        return sorted({y for r in self.records if r.kind in kinds and (y := self.dataset.year_of(r)) is not None})

    def of_year(self, kind: str, year: int) -> Iterator[Record]:
        return (r for r in self.records if r.kind == kind and self.dataset.year_of(r) == year)

    def get(self, record_id: str) -> Record | None:
        return self.dataset.get(record_id)

    def typed(self, cls: type[R], ids: Iterable[str]) -> list[R]:
        return self.dataset.typed(cls, ids)


def test_records_given_kind_by_kind_are_written_alike(shipped_dataset: Dataset) -> None:
    """`chosen_chunks` of records given kind by kind writes what `export_chunks` of them as a list does."""
    views = Views(shipped_dataset, None)
    everything = list(shipped_dataset)
    selections = {
        "all": everything,
        "none": [],
        "2021, sources": with_sources(
            shipped_dataset, [r for kind in KINDS for r in views.ordered(kind, ViewState(year=2021), "newest")]
        ),
        "people": [r for r in everything if r.kind == "person"],
    }
    for name, records in selections.items():
        for fmt in ("json", "toml", "csv", "md"):
            expected = "".join(export_chunks(shipped_dataset, records, fmt, title="Bericht"))
            assert "".join(chosen_chunks(_Given(shipped_dataset, records), fmt, title="Bericht")) == expected, name
