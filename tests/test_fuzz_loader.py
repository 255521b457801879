"""Fuzzing the loader with hypothesis: arbitrary bytes, TOML-ish text and mutations of the shipped data
files. Whatever a file holds, loading never raises; every problem names its file (and a line inside it
when it gives one); and the records of an untouched file beside it load exactly as they would alone.

Runs derandomized (the same examples every run) and without hypothesis' example database, so that CI is
repeatable and nothing is written to the working tree."""

from __future__ import annotations

import dataclasses
import re
import tempfile
import tomllib
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.configuration import set_hypothesis_home_dir

from herzlich_tui import paths
from herzlich_tui.loading import LoadResult, Problem, load
from herzlich_tui.loading.problems import OUTCOMES
from herzlich_tui.model import Record

# Hypothesis keeps caches (constants, unicode data) in .hypothesis/ of the working folder; keep them out of it.
set_hypothesis_home_dir(Path(tempfile.gettempdir()) / "herzlich-tui-hypothesis")

SHIPPED = paths.shipped_data_dir()
BASE = (SHIPPED / "kaiserslautern.toml").read_text(encoding="utf-8")
YEAR_FILES = {
    name: (SHIPPED / name).read_text(encoding="utf-8")
    for name in ("kaiserslautern-2020.toml", "kaiserslautern-2021.toml")
}

FUZZ = settings(
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.filter_too_much],
)

# A small file with one record of every kind, all referring to each other and to nothing else.
KEEP = """\
[[review]]
id = "keep-review"
year = 2022
title = "Rückblick zum Behalten"
publisher = "Stadt Behaltestadt"
municipality = "Behaltestadt"
summary = "Dieser Rückblick lädt immer."

[[organisation]]
id = "keep-org"
name = "Stadt Behaltestadt"
kind = "city"
sources = ["keep-review"]

[[organisation]]
id = "keep-unit"
name = "Digitalteam"
kind = "team"
parent = "keep-org"
sources = ["keep-review"]

[[person]]
id = "keep-person"
name = "Erika Mustermann"
honorific = "Dr."
sources = ["keep-review"]

[[role]]
id = "keep-role"
person = "keep-person"
title = "Leiterin"
organisation = "keep-unit"
from = "2022-03"
years = [2022]
sources = ["keep-review"]

[[programme]]
id = "keep-programme"
name = "Behalteprogramm"
funders = ["keep-org"]
sources = ["keep-review"]

[[project]]
id = "keep-project"
title = "Behalteprojekt"
programme = "keep-programme"
partners = ["keep-unit"]
people = ["keep-person"]
summary = "Ein Projekt."
sources = ["keep-review"]

[[project_year]]
id = "keep-project-2022"
project = "keep-project"
year = 2022
summary = "Das erste Jahr."
sources = ["keep-review"]

[[network]]
id = "keep-network"
name = "Behaltenetz"
lead = "keep-org"
programme = "keep-programme"
sources = ["keep-review"]

[[membership]]
id = "keep-membership"
network = "keep-network"
year = 2022
count = 3
members = ["keep-org"]
members_complete = false
sources = ["keep-review"]

[[event]]
id = "keep-event"
title = "Auftakt"
date = "2022-spring"
summary = "Es geht los."
projects = ["keep-project"]
people = ["keep-person"]
organisations = ["keep-unit"]
networks = ["keep-network"]
sources = ["keep-review"]

[[figure]]
id = "keep-figure"
value = 12.5
unit = "Prozent"
text = "12,5 %"
measures = "Anteil"
year = 2022
events = ["keep-event"]
sources = ["keep-review"]

[[quote]]
id = "keep-quote"
people = ["keep-person"]
text = "Das bleibt."
topic = "Behalten"
year = 2022
events = ["keep-event"]
sources = ["keep-review"]
"""


@contextmanager
def folder_with(files: dict[str, bytes]) -> Iterator[Path]:
    """A fresh folder holding the given files (a fixture would be shared by all hypothesis examples)."""
    with tempfile.TemporaryDirectory(prefix="herzlich-fuzz-") as name:
        folder = Path(name)
        for file_name, data in files.items():
            (folder / file_name).write_bytes(data)
        yield folder


def load_folder(folder: Path) -> LoadResult:
    result = load([(folder, "extra")])  # must not raise, whatever the files hold
    assert isinstance(result, LoadResult)
    return result


def check_problems(result: LoadResult, folder: Path) -> None:
    """Every problem names a file or folder that was loaded, says what the loader did about it, and prints as
    `path:line...: ` or `path: `."""
    for problem in result.problems:
        assert isinstance(problem, Problem)
        assert problem.path, problem
        path = Path(problem.path)
        assert path == folder or path.parent == folder, problem
        assert problem.message and "Traceback" not in problem.message
        assert problem.outcome in OUTCOMES, problem  # what happened to the record, for check --format json
        text = str(problem)
        if problem.line:
            assert re.match(rf"{re.escape(problem.path)}:{problem.line}(:{problem.column})?: ", text), text
            # the line is one of the file's lines (the line after the last newline for "end of document")
            if path.is_file():
                assert 1 <= problem.line <= path.read_bytes().count(b"\n") + 1, text
        else:
            assert problem.column == 0
            assert text.startswith(f"{problem.path}: "), text


def keep_records(folder: Path) -> dict[str, Record]:
    """KEEP's records as they load on their own, from the same path."""
    with folder_with({"a_keep.toml": KEEP.encode()}) as alone:
        result = load_folder(alone)
    assert result.problems == []
    return {
        r.id: dataclasses.replace(r, origin=dataclasses.replace(r.origin, path=str(folder / "a_keep.toml")))  # type: ignore[arg-type]
        for r in result.dataset
    }


KEEP_IDS = set(re.findall(r'^id = "([^"]+)"', KEEP, re.M))


def assert_keep_loads(result: LoadResult, folder: Path) -> None:
    expected = keep_records(folder)
    assert expected.keys() == KEEP_IDS
    for record_id, record in expected.items():
        assert result.dataset.get(record_id) == record, record_id


def run_beside_keep(data: bytes) -> None:
    with folder_with({"a_keep.toml": KEEP.encode(), "b_fuzz.toml": data}) as folder:
        result = load_folder(folder)
        check_problems(result, folder)
        assert_keep_loads(result, folder)


# --- arbitrary bytes and TOML-ish text ------------------------------------------------------------
@settings(FUZZ, max_examples=120)
@given(st.binary(max_size=3000))
def test_arbitrary_bytes(data: bytes) -> None:
    run_beside_keep(data)


FRAGMENTS = [
    "[[event]]",
    "[[review]]",
    "[[person]]",
    "[[organisation]]",
    "[[project]]",
    "[[membership]]",
    "[[figure]]",
    "[event]",
    "[[unknown]]",
    "[[ event ]]",
    '[["event"]]',
    "[[event.sub]]",
    "[event.x]",
    "[[",
    "]]",
    "[",
    "]",
    'id = "e-x"',
    'id = "E X"',
    "id = 5",
    'id = "kl-2021"',
    'id = "keep-event"',
    'id = "keep-org"',
    'title = "T"',
    'title = """',
    '"""',
    "'''",
    'title = """multi\nline"""',
    "title = '''x'''",
    'name = "N"',
    'kind = "city"',
    'kind = "citty"',
    'parent = "e-x"',
    'parent = "keep-org"',
    'date = "2021-02-30"',
    'date = "2021-13"',
    "date = 2021-02-28",
    "date = 2021-02-28T10:00:00",
    'date = "2021-summer"',
    'date = "30.03.2021"',
    "date = 2021",
    'summary = "S"',
    "summary = ''",
    'sources = ["keep-review"]',
    'sources = ["kl-2021"]',
    "sources = []",
    'sources = "keep-review"',
    'people = ["keep-person", "nobody"]',
    "people = [1, 2]",
    'members = ["keep-org"]',
    "members_complete = 1",
    "year = 2021",
    'year = "2021"',
    "year = 2021.5",
    "value = 1e309",
    "value = nan",
    "value = -inf",
    "count = 99999999999999999999",
    "years = [2020, true]",
    "a.b.c = 1",
    '"quoted key" = 1',
    "x = {a = 1}",
    'x = [[1], ["a"]]',
    "x = [",
    "= 1",
    "= =",
    "key",
    "# comment",
    "#",
    "\t",
    " ",
    "",
    "\r",
    "\r\n",
    "\u2028",
    "\u0085",
    "\ufeff",
    "\x00",
    "\x1b[31m",
    "ü",
    "😀",
    'title = "\\u001b[31mred"',
    'title = "\\q"',
    'title = "[bold]x[/]"',
    'title = "' + "x" * 25_000 + '"',
    "[" * 200,
    "a = " + "[" * 200 + "]" * 200,
    "x = { a = { b = { c = { d = 1 } } } }",
    "{",
    "}",
    "=",
    ".",
    '"',
    "'",
    ",",
]

toml_ish = st.lists(
    st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=40)),
    max_size=40,
).map("\n".join)


@settings(FUZZ, max_examples=200)
@given(toml_ish, st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "latin-1"]))
def test_toml_ish_text(text: str, encoding: str) -> None:
    run_beside_keep(text.encode(encoding, errors="replace"))


# --- mutations of the shipped data ----------------------------------------------------------------
VALUES = [
    '"text"',
    '""',
    "0",
    "-1",
    "2021",
    "1.5",
    "true",
    "false",
    '["kl-2021"]',
    "[]",
    "[1, 2]",
    '["nobody"]',
    '"2021-02-30"',
    '"2021-summer"',
    "2021-02-28",
    "{ a = 1 }",
    '"kl-2021"',
    '"ikone-ds"',
    '"stadt-kaiserslautern"',
    '"[/]"',
    '"\\u001b[2J"',
    '"\u2028"',
    "[[1]]",
    "1979-05-27T07:32:00Z",
    "inf",
    '"' + "y" * 30_000 + '"',
]
_KEY_LINE = re.compile(r"^([A-Za-z0-9_]+) = (.*)$")


def flip_type(value: str) -> str:
    """The same value as another type: text as a number, a number as text, a list as its first item, ..."""
    if value.startswith('"'):
        return "7"
    if value.startswith("["):
        inner = value[1:-1].split(",")[0].strip()
        return inner or '"x"'
    if value in ("true", "false"):
        return f'"{value}"'
    return f'"{value}"'


def mutate(lines: list[str], op: str, a: int, b: int, payload: str) -> list[str]:
    if not lines:
        return [payload]
    i, j = a % len(lines), b % len(lines)
    out = list(lines)
    if op == "delete":
        del out[i]
    elif op == "duplicate":
        out.insert(i, out[i])
    elif op == "swap":
        out[i], out[j] = out[j], out[i]
    elif op == "value":
        if match := _KEY_LINE.match(out[i]):
            out[i] = f"{match[1]} = {payload}"
    elif op == "flip":
        if match := _KEY_LINE.match(out[i]):
            out[i] = f"{match[1]} = {flip_type(match[2])}"
    elif op == "key":
        out.insert(i, f"{payload.strip() or 'k'} = {VALUES[j % len(VALUES)]}")
    elif op == "garbage":
        out.insert(i, payload)
    elif op == "truncate":
        text = "\n".join(out)
        cut = (a * 7919) % (len(text) + 1)
        out = text[:cut].split("\n")
    return out


mutations = st.lists(
    st.tuples(
        st.sampled_from(["delete", "duplicate", "swap", "value", "flip", "key", "garbage", "truncate"]),
        st.integers(0, 10_000),
        st.integers(0, 10_000),
        st.one_of(st.sampled_from(VALUES), st.sampled_from(FRAGMENTS), st.text(max_size=20)),
    ),
    min_size=1,
    max_size=10,
)


@settings(FUZZ, max_examples=100)
@given(st.sampled_from(sorted(YEAR_FILES)), mutations)
def test_mutated_shipped_file_beside_the_untouched_ones(name: str, changes: list[tuple[str, int, int, str]]) -> None:
    """One year's file, mutated, next to untouched copies of the other shipped files (the year files
    refer only to the base file): every record of the untouched files loads, unchanged but for its
    sources (a base record cites both reviews, and the mutant may lose its own)."""
    lines = YEAR_FILES[name].split("\n")
    for op, a, b, payload in changes:
        lines = mutate(lines, op, a, b, payload)
    (other,) = set(YEAR_FILES) - {name}
    untouched = {"a_base.toml": BASE.encode(), f"a_{other}": YEAR_FILES[other].encode()}
    mutant = "\n".join(lines).encode("utf-8", errors="replace")
    with folder_with({**untouched, f"b_{name}": mutant}) as folder:
        result = load_folder(folder)
        check_problems(result, folder)
    for record_id, before in UNTOUCHED[other].items():
        record = result.dataset.get(record_id)
        assert record is not None, record_id
        assert record.origin is not None and Path(record.origin.path).name == Path(before.origin.path).name  # type: ignore[union-attr]
        assert dataclasses.replace(record, sources=(), origin=None) == dataclasses.replace(
            before, sources=(), origin=None
        ), record_id


def _untouched(other: str) -> dict[str, Record]:
    """The records of the base file and of `other` as they load with the unmutated third file."""
    (mutated,) = set(YEAR_FILES) - {other}
    files = {
        "a_base.toml": BASE.encode(),
        f"a_{other}": YEAR_FILES[other].encode(),
        f"b_{mutated}": YEAR_FILES[mutated].encode(),
    }
    with folder_with(files) as folder:
        clean = load_folder(folder)
    assert clean.problems == []
    records = {r.id: r for r in clean.dataset if r.origin and Path(r.origin.path).name.startswith("a_")}
    assert len(records) > 100
    return records


UNTOUCHED = {other: _untouched(other) for other in YEAR_FILES}


# --- problems point at the right line -------------------------------------------------------------
ODD_TEXT = ["\u2028", "\u2029", "\u0085", "\t", "😀", "e\u0301", "\u202e", "ß", "“„", "\\u001b", "# not a comment"]


def _blocks(lines: list[str]) -> list[tuple[int, str]]:
    """(line index, kind) of each `[[kind]]` header."""
    return [(i, m[1]) for i, line in enumerate(lines) if (m := re.match(r"^\[\[(\w+)\]\]$", line))]


def _kinds(lines: list[str]) -> list[str | None]:
    """The kind of the record each line belongs to (None before the first header)."""
    kinds: list[str | None] = []
    kind = None
    for line in lines:
        if match := re.match(r"^\[\[(\w+)\]\]$", line):
            kind = match[1]
        kinds.append(kind)
    return kinds


@settings(FUZZ, max_examples=60)
@given(
    st.sampled_from(sorted(YEAR_FILES)),
    st.lists(st.tuples(st.integers(0, 10_000), st.sampled_from(VALUES[:12])), min_size=1, max_size=6),
    st.lists(st.integers(0, 10_000), max_size=6, unique=True),
    st.lists(st.tuples(st.integers(0, 10_000), st.sampled_from(ODD_TEXT)), max_size=8),
)
def test_problems_point_at_the_line_of_the_field(
    name: str, inserts: list[tuple[int, str]], flips: list[int], odd: list[tuple[int, str]]
) -> None:
    """Unknown keys inserted into records and values flipped to the wrong type are each reported at
    their own line, also when text before them holds characters that are line breaks to Python but not
    to TOML (U+2028, U+0085)."""
    lines = YEAR_FILES[name].split("\n")
    # odd characters inside string values (the file stays valid TOML)
    for position, text in odd:
        candidates = [i for i, line in enumerate(lines) if re.match(r'^(title|summary|text|name) = "', line)]
        i = candidates[position % len(candidates)]
        lines[i] = lines[i].replace(' = "', f' = "{text}', 1)
    # unknown keys, right after a record's header (so never inside a value), each once
    added: list[tuple[str, str]] = []
    for n, (position, value) in enumerate(inserts):
        headers = _blocks(lines)
        index, kind = headers[position % len(headers)]
        key = f"x_unknown_{n}"
        lines.insert(index + 1, f"{key} = {value}")
        added.append((kind, key))
    # wrong types: lines of whole values of known fields, each at most once
    kinds = _kinds(lines)
    flippable = [i for i, line in enumerate(lines) if _KEY_LINE.match(line) and kinds[i] and not line.startswith("x_")]
    flipped = sorted({flippable[f % len(flippable)] for f in flips})
    for i in flipped:
        match = _KEY_LINE.match(lines[i])
        assert match is not None
        lines[i] = f"{match[1]} = {flip_type(match[2])}"
    tomllib.loads("\n".join(lines))  # still valid TOML: the loader gets as far as the fields
    with folder_with({name: "\n".join(lines).encode()}) as folder:
        result = load_folder(folder)
        check_problems(result, folder)
        at = {(p.key, p.line) for p in result.problems}
        for kind, key in added:
            line = next(i for i, text in enumerate(lines, start=1) if text.startswith(f"{key} = "))
            assert (f"{kind}.{key}", line) in at, (kind, key, line)
        for i in flipped:
            key = _KEY_LINE.match(lines[i])[1]  # type: ignore[index]
            assert (f"{kinds[i]}.{key}", i + 1) in at, (i + 1, lines[i])


def test_fuzz_helpers_can_fail() -> None:
    """The checks above are not vacuous: a problem outside its file, or one pointing past the last
    line, is caught."""
    with folder_with({"a.toml": b"x = 1\n"}) as folder:
        for bad in (Problem("/elsewhere/a.toml", "m", 1), Problem(str(folder / "a.toml"), "m", 9)):
            result = LoadResult(load_folder(folder).dataset, [bad])
            with pytest.raises(AssertionError):
                check_problems(result, folder)


# --- rtoml reads what tomllib reads ----------------------------------------------------------------
def _same_document(text: str) -> None:
    """The loader and the settings parse with rtoml (fast) and fall back to tomllib: rtoml must never accept a text that
    tomllib refuses, nor read a text differently (NaN aside, which equals nothing)."""
    from herzlich_tui.tomlread import fast_loads

    text = text.removeprefix("\ufeff")  # as the loader does
    fast = fast_loads(text)
    try:
        reference = tomllib.loads(text)
    except (tomllib.TOMLDecodeError, RecursionError):
        assert fast is None, text[:200]
        return
    if fast is not None and "nan" not in text:
        assert fast == reference, text[:200]


@settings(FUZZ, max_examples=300)
@given(toml_ish)
def test_rtoml_agrees_with_tomllib_on_toml_ish_text(text: str) -> None:
    _same_document(text)


@settings(FUZZ, max_examples=200)
@given(st.sampled_from(sorted(YEAR_FILES)), mutations)
def test_rtoml_agrees_with_tomllib_on_mutated_files(name: str, changes: list[tuple[str, int, int, str]]) -> None:
    lines = YEAR_FILES[name].split("\n")
    for op, a, b, payload in changes:
        lines = mutate(lines, op, a, b, payload)
    _same_document("\n".join(lines))


def test_rtoml_agrees_with_tomllib_on_shipped_and_bad_files() -> None:
    files = [*SHIPPED.glob("*.toml"), *(Path(__file__).parent / "bad_data").glob("*.toml")]
    assert len(files) > 10
    for path in files:
        if path.is_file():
            _same_document(path.read_bytes().decode("utf-8", errors="replace"))
