"""Read TOML review files into a checked Dataset, collecting every problem instead of stopping at the first.

Order: the shipped data, then the user's data folder, then each `--data` folder. A file with problems
never stops the others from loading; inside a file, a record whose required fields are wrong is left out,
an optional field that is wrong is dropped, and everything else loads.
"""

from __future__ import annotations

import dataclasses
import datetime as _dt
import hashlib
import math
import re
import sys
import tomllib
from array import array
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import partial
from itertools import chain, compress, groupby, repeat
from operator import attrgetter, eq, not_
from pathlib import Path
from typing import Any

from herzlich_tui import strings as S
from herzlich_tui import tomlread
from herzlich_tui.bulk import IsCancelled, Progress, check, paused_gc, release_memory
from herzlich_tui.loading.columns import SHORT_TEXT, Converter, Field, checked_columns
from herzlich_tui.loading.files import MAX_FILE_BYTES, FileTooLarge, NotARegularFile, discover, read_regular
from herzlich_tui.loading.lines import LazyLines
from herzlich_tui.loading.problems import (
    FIELD_IGNORED,
    FILE_SKIPPED,
    NOTHING_LEFT_OUT,
    REFERENCE_DROPPED,
    SKIPPED,
    Problem,
    Suggestions,
    closest,
    date_problem,
    did_you_mean,
)
from herzlich_tui.model import KINDS, RECORD_TYPES, Dataset, DateError, Origin, PartialDate, Record
from herzlich_tui.model.records import (
    FILE_NAMES,
    ID_PATTERN,
    INT_MAX,
    INT_MIN,
    FieldSpec,
    fill_slots,
    shared_numbers,
)
from herzlich_tui.textsafe import TEXT_TABLE, UNSAFE_IN_TEXT

__all__ = [
    "MAX_FILE_BYTES",
    "MAX_STRING_CHARS",
    "DataFile",
    "FilePart",
    "LoadResult",
    "discover",
    "load",
    "load_files",
    "parse_file",
    "parse_state",
    "read_part",
]

MAX_STRING_CHARS = 20_000
_ID = re.compile(ID_PATTERN)  # (used with fullmatch: `$` would let "kl-2021\n" pass)
_SYNTAX_POSITION = re.compile(r"\s*\(at line (\d+), column (\d+)\)\s*$")
_SYNTAX_END = re.compile(r"\s*\(at end of document\)\s*$")
# Control characters (other than tab and newline), bidi controls and invisible characters of text values are
# shown visibly (see textsafe), so that data can never move the cursor, change colours, reorder what is
# shown or otherwise drive the terminal.
_CONTROL = TEXT_TABLE
_HAS_CONTROL = UNSAFE_IN_TEXT


@dataclass(frozen=True, slots=True)
class DataFile:
    """A file that was read, which layer it came from, and how many records it gave."""

    path: str
    layer: str  # "shipped", "user" or "extra"
    records: int
    problems: int


@dataclass
class LoadResult:
    """The checked dataset and every problem found on the way. `parts`: what each data file gave before
    the checks across files, for the next load to take for every file whose bytes did not change (see
    `load`'s `reuse`)."""

    dataset: Dataset
    problems: list[Problem] = field(default_factory=list)
    files: list[DataFile] = field(default_factory=list)
    parts: list[FilePart] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class _Where:
    """Where one record sits in its file; a field's line is looked up only when a problem needs it."""

    lines: LazyLines
    kind: str
    position: int

    def get(self, attr: str, default: int = 0) -> int:
        return self.lines.key_line(self.kind, self.position, FILE_NAMES.get(attr, attr)) or default


@dataclass
class _Parsed:
    """Records read from one file, before cross-file checks."""

    records: list[Record] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    # Where each record's fields sit, for problems found later (references, duplicates): the file's lines,
    # and each record's place among the entries of its kind, in the order of `records`. (No object per
    # record: 100,000 of them, freed only when the load ends, would leave that many holes between the
    # records in memory.)
    lines: LazyLines | None = None
    positions: array = field(default_factory=lambda: array("I"))
    rejected: set[str] = field(default_factory=set)
    # Entries left out for a problem of their own that name other records: (kind, place among the entries
    # of its kind, its id as its problems give it ("" for none), its checked values), for the check of
    # references.
    skipped: list[tuple[str, int, str, dict[str, Any]]] = field(default_factory=list)
    # Equal values read from this file, kept once (a review's sources tuple, a date, a place): a large
    # dataset repeats them in thousands of records.
    shared: dict[Any, Any] = field(default_factory=dict)

    # Each record's place in `records`, by identity (a file may repeat an id): made at the first problem.
    places: dict[int, int] | None = None

    def release(self, path: Path) -> None:
        """Drop what only the parse needed: the file's text (read again from `path` should a line be
        needed) and the values kept once per file."""
        if self.lines is not None:
            self.lines.release(partial(_reread, path))
        self.shared = {}
        self.places = None

    def where(self, record: Record) -> _Where:
        """Where one of this file's records sits (looked up only for a problem)."""
        if self.places is None:
            self.places = {id(one): place for place, one in enumerate(self.records)}
        assert self.lines is not None  # a file that gave records has lines
        return _Where(self.lines, record.kind, self.positions[self.places[id(record)]])


@dataclass(frozen=True, slots=True)
class FilePart:
    """What one data file gave before the checks across files (its records, its own problems, where its
    entries sit), read from bytes whose SHA-256 is `digest`. A later load takes it as it is for the same
    bytes at the same path and layer; what a load adds to it on the way (where its records sit, looked up
    for a problem) is dropped again when the load ends."""

    path: str
    layer: str
    digest: str
    parsed: _Parsed


def load(
    roots: Sequence[tuple[Path, str]],
    *,
    cancelled: IsCancelled | None = None,
    progress: Progress | None = None,
    reuse: Iterable[FilePart] = (),
    digests: Mapping[str, str] | None = None,
) -> LoadResult:
    """Load every TOML file below the given (path, layer) roots into one checked Dataset. `cancelled` is
    asked between files; when it says so, Cancelled is raised. `progress` is told after each file how many
    of the files' bytes have been read, of how many. `reuse`, `digests`: see `load_files`."""
    files, problems = discover(roots)
    result = load_files(files, cancelled=cancelled, progress=progress, reuse=reuse, digests=digests)
    result.problems[:0] = problems
    return result


def load_files(
    files: Sequence[tuple[Path, str]],
    *,
    cancelled: IsCancelled | None = None,
    progress: Progress | None = None,
    reuse: Iterable[FilePart] = (),
    digests: Mapping[str, str] | None = None,
) -> LoadResult:
    """Parse each file, then check ids and references across all of them.

    `reuse`: parts of an earlier load (`LoadResult.parts`). A file whose path, layer and bytes are those
    of one of them is not parsed or checked again: its part is taken, and only the checks across files
    run over everything. The result is the same as a load without them. `digests`: the SHA-256 of files
    the caller has just hashed, by path; a file among them whose part is found is not even read."""
    known = {(part.path, part.layer, part.digest): part for part in reuse}
    with paused_gc():
        return _load_files(files, cancelled, progress, known, digests or {})


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0


def _load_files(
    files: Sequence[tuple[Path, str]],
    cancelled: IsCancelled | None,
    progress: Progress | None,
    known: dict[tuple[str, str, str], FilePart],
    digests: Mapping[str, str],
) -> LoadResult:
    parts: list[FilePart] = []
    sizes = [_size(path) for path, _ in files] if progress is not None else []
    total = sum(sizes)
    done = 0
    for number, (path, layer) in enumerate(files):
        check(cancelled)
        parts.append(_part(path, layer, known, digests.get(str(path))))
        if progress is not None:
            done += sizes[number]
            progress(done, total)
    problems: list[Problem] = [pr for part in parts for pr in part.parsed.problems]
    records, cross = _check_across([(part.path, part.parsed) for part in parts])
    problems.extend(cross)
    per_file: dict[str, int] = {}
    for problem in problems:
        per_file[problem.path] = per_file.get(problem.path, 0) + 1
    data_files = [
        DataFile(part.path, part.layer, len(part.parsed.records), per_file.get(part.path, 0)) for part in parts
    ]
    problems.sort(key=lambda pr: pr.sort_key)
    for part in parts:
        # (A part outlives the load: the text of a file with problems is dropped too, and read again should
        # a later load's check across files need one of its lines.)
        part.parsed.release(Path(part.path))
    result = LoadResult(Dataset(records), problems, data_files, parts)
    del records  # (what the load made on the way, freed before the memory is handed back)
    release_memory(len(result.dataset))
    return result


def read_part(path: Path, layer: str) -> FilePart:
    """One file read, parsed and checked on its own (before any check across files)."""
    return _part(path, layer, {}, None)


def _part(path: Path, layer: str, known: dict[tuple[str, str, str], FilePart], digest: str | None) -> FilePart:
    """The part of one file: the known part of its bytes (`digest`: their hash, when the caller knows
    it), or the file parsed."""
    name = str(path)
    if digest is not None and (found := known.get((name, layer, digest))) is not None:
        return found
    out = _Parsed()
    raw = _read_file(path, out)
    if raw is None:
        return FilePart(name, layer, "", out)  # (a file that cannot be read is read again next time)
    digest = hashlib.sha256(raw).hexdigest()
    if (found := known.get((name, layer, digest))) is not None:
        return found
    parse_text(raw, name, out, reread=path)
    return FilePart(name, layer, digest, out)


# --- one file ---------------------------------------------------------------------------------------
def parse_file(path: Path) -> _Parsed:
    """Read, decode, parse and check one file on its own. Only a regular file (after symlinks) is read,
    and no more than MAX_FILE_BYTES of it: a FIFO, /dev/zero or /dev/urandom is a problem, not a hang."""
    out = _Parsed()
    raw = _read_file(path, out)
    if raw is not None:
        parse_text(raw, str(path), out, reread=path)
    return out


def _read_file(path: Path, out: _Parsed) -> bytes | None:
    """The bytes of one data file (see `parse_file`), or None when it cannot be read (the problem is added
    to `out`)."""
    name = str(path)
    try:
        return read_regular(path, MAX_FILE_BYTES)
    except NotARegularFile as error:
        out.problems.append(Problem(name, error.what, outcome=FILE_SKIPPED))
        return None
    except FileTooLarge as error:
        if MAX_FILE_BYTES >= 2**20:
            limit = S.said("SIZE_MIB", count=MAX_FILE_BYTES // 2**20)
        else:
            limit = S.said("SIZE_BYTES", count=MAX_FILE_BYTES)
        if error.size is not None:
            message = S.said("PROBLEM_FILE_TOO_LARGE", megabytes=f"{error.size / 1e6:.1f}", limit=limit)
        else:
            message = S.said("PROBLEM_FILE_GROWS", limit=limit)
        out.problems.append(Problem(name, message, outcome=FILE_SKIPPED))
        return None
    except OSError as error:
        message = S.said("PROBLEM_CANNOT_READ_FILE", error=error.strerror or str(error))
        out.problems.append(Problem(name, message, outcome=FILE_SKIPPED))
        return None


def parse_text(raw: bytes, name: str, out: _Parsed, *, reread: Path | None = None) -> None:
    """Check the bytes of one file, adding records and problems to `out`."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        column = error.start - (raw.rfind(b"\n", 0, error.start) + 1) + 1
        out.problems.append(
            Problem(
                name,
                S.said("PROBLEM_NOT_UTF8", byte=raw[error.start]),
                line,
                column,
                outcome=FILE_SKIPPED,
            )
        )
        return
    if text.startswith("\ufeff"):
        text = text[1:]
    if "\r" in text:
        # CRLF line ends: tomllib reads a multi-line string's line breaks as "\n", rtoml keeps "\r\n" (and
        # the value would show a ␍). TOML allows a raw CR only before LF, so this changes no other value.
        text = text.replace("\r\n", "\n")
    if not text.strip():
        out.problems.append(Problem(name, S.said("PROBLEM_EMPTY_FILE"), 1, outcome=NOTHING_LEFT_OUT))
        return
    try:
        document = tomlread.loads(text)
    except tomllib.TOMLDecodeError as error:
        message = str(error)
        line = column = 0
        if (position := _SYNTAX_POSITION.search(message)) is not None:
            line, column = int(position[1]), int(position[2])
            message = message[: position.start()]
        elif _SYNTAX_END.search(message):
            line = text.count("\n") + 1
            message = _SYNTAX_END.sub("", message)
        syntax = S.said("PROBLEM_TOML_SYNTAX", error=message)
        out.problems.append(Problem(name, syntax, line, column, outcome=FILE_SKIPPED))
        return
    except RecursionError:
        out.problems.append(Problem(name, S.said("PROBLEM_TOML_TOO_DEEP"), outcome=FILE_SKIPPED))
        return
    lines = out.lines = LazyLines(text)
    if not any(isinstance(v, list) and v for v in document.values()):
        out.problems.append(Problem(name, S.said("PROBLEM_NO_RECORDS"), 1, outcome=NOTHING_LEFT_OUT))
    for kind, entries in document.items():
        if kind not in RECORD_TYPES:
            out.problems.append(
                Problem(
                    name,
                    S.said("PROBLEM_UNKNOWN_KIND", kind=kind, hint=did_you_mean(kind, KINDS)),
                    lines.entry_line(kind, 0),
                    key=kind,
                    outcome=SKIPPED,
                )
            )
            continue
        if not isinstance(entries, list) or not all(isinstance(e, dict) for e in entries):
            out.problems.append(
                Problem(
                    name,
                    S.said("PROBLEM_NOT_ENTRIES", each_kind=S.said(f"KIND_WITH_EACH.{kind}"), kind=kind),
                    lines.entry_line(kind, 0),
                    key=kind,
                    outcome=SKIPPED,
                )
            )
            continue
        _build_records(kind, entries, name, lines, out)
    if reread is not None and not out.problems:
        # Keep no copy of a clean file's text: should a problem across files need a line, it is read again.
        lines.release(partial(_reread, reread))


def parse_state(
    path: str,
    records: list[Record],
    problems: list[Problem],
    positions: array,
    rejected: set[str],
    skipped: list[tuple[str, int, str, dict[str, Any]]],
    has_lines: bool,
) -> _Parsed:
    """What a file gave, made again from its parts as the load cache keeps them (cache_format.pack_parts):
    its text is read again should a problem's line be needed."""
    out = _Parsed(records, problems, positions=positions, rejected=rejected, skipped=skipped)
    if has_lines:
        out.lines = LazyLines("")
        out.lines.release(partial(_reread, Path(path)))
    return out


def _reread(path: Path) -> str:
    """The text of a file read again, for the line of a problem found after its text was dropped."""
    return read_regular(path, MAX_FILE_BYTES).decode("utf-8", errors="replace").removeprefix("\ufeff")


def _build_records(kind: str, entries: list[dict[str, Any]], name: str, lines: LazyLines, out: _Parsed) -> None:
    """Check each entry of one kind and make the records of those that pass, all at once (see _Plan.make):
    a field at a time when every entry is as it should be (see columns.py), otherwise entry by entry."""
    plan = _plan(kind)
    if not entries:
        return
    columns = checked_columns(
        entries,
        plan.fields,
        plan.required,
        out.shared,
        text_limit=MAX_STRING_CHARS,
        unsafe=_HAS_CONTROL,
        dates=_DATES,
    )
    if columns is not None:
        count = len(entries)
        out.records.extend(plan.make_columns(columns, count, name, lines.entry_lines(kind, count)))
        out.positions.extend(range(count))
        return
    checked: list[dict[str, Any]] = []
    positions: list[int] = []
    for position, entry in enumerate(entries):
        values = _check_entry(plan, kind, position, entry, name, lines, out)
        if values is not None:
            checked.append(values)
            positions.append(position)
    out.records.extend(plan.make(checked, name, [lines.entry_line(kind, p) for p in positions]))
    out.positions.extend(positions)


def _check_entry(
    plan: _Plan, kind: str, position: int, entry: dict[str, Any], name: str, lines: LazyLines, out: _Parsed
) -> dict[str, Any] | None:
    """The checked values of one entry, by attribute, or None when it cannot become a record (each problem
    is added to `out`)."""
    values: dict[str, Any] = {}
    file_names = plan.file_names
    converters = plan.converters
    shared = out.shared
    failed: list[tuple[str, str]] | None = None  # (key, message), reported below
    for key, value in entry.items():
        attr = file_names.get(key)
        if attr is None:
            failed = failed or []
            failed.append((key, S.said("PROBLEM_UNKNOWN_FIELD", key=key, hint=did_you_mean(key, file_names))))
            continue
        converted, error = converters[attr](value, shared)
        if error is not None:
            failed = failed or []
            failed.append((key, error))
            continue
        values[attr] = converted
    if failed is None and plan.required <= values.keys() and _ID.fullmatch(values["id"]):
        return values
    return _report_entry(plan, kind, position, entry, values, failed or [], name, lines, out)


def _report_entry(
    plan: _Plan,
    kind: str,
    position: int,
    entry: dict[str, Any],
    values: dict[str, Any],
    failed: list[tuple[str, str]],
    name: str,
    lines: LazyLines,
    out: _Parsed,
) -> dict[str, Any] | None:
    """The problems of an entry that did not pass as it is: each is reported; the entry still becomes a
    record (without the fields that were wrong) unless a required field is missing or wrong, or its id is
    not one."""
    record_id = entry.get("id")
    label = record_id if isinstance(record_id, str) else ""

    # (key, message, line or None for the key's own line): each problem is reported once it is known
    # whether the record is left out, which every problem of the entry then says.
    found: list[tuple[str, str, int | None]] = []
    fatal = False
    for key, message in failed:
        found.append((key, message, None))
        fatal = fatal or plan.file_names.get(key) in plan.required
    if not plan.required <= values.keys():
        for attr in plan.required_in_order:
            key = FILE_NAMES.get(attr, attr)
            if attr in values or key in entry:
                continue  # given (or given wrong, and already reported)
            found.append((key, S.said("PROBLEM_MISSING_FIELD", key=key), lines.entry_line(kind, position)))
            fatal = True
    if "id" in values and not _ID.fullmatch(values["id"]):
        found.append(("id", S.said("PROBLEM_BAD_ID", id=values["id"]), None))
        fatal = True
    outcome = SKIPPED if fatal else FIELD_IGNORED
    for key, message, line in found:
        if line is None:
            line = lines.key_line(kind, position, key)
        out.problems.append(Problem(name, _of(label, message), line, key=f"{kind}.{key}", outcome=outcome))
    if fatal:
        if isinstance(record_id, str) and record_id:
            out.rejected.add(record_id)
        # Its references are checked with everyone else's, so that all of its problems show at once.
        if any(spec.type in ("ref", "refs") and attr in values for attr, spec in plan.cls.field_specs().items()):
            out.skipped.append((kind, position, label, values))
        return None
    return values


@dataclass(frozen=True, slots=True)
class _Plan:
    """How the entries of one kind are read: worked out once per kind, not once per record."""

    cls: type[Record]
    file_names: dict[str, str]  # the name in a file -> the attribute
    converters: dict[str, Converter]
    required: frozenset[str]
    required_in_order: tuple[str, ...]  # as the class declares them, for the order of problems
    defaults: tuple[tuple[str, Any], ...]  # every field but the origin, with its default
    fields: tuple[Field, ...]  # each field a file may give, for checked_columns

    def make(self, checked: Sequence[dict[str, Any]], path: str, header_lines: Sequence[int]) -> list[Record]:
        """The records of the checked values (each given field by attribute, the rest taken as defaults),
        defined at the given header lines of the file `path`: the same records as `cls(**values,
        origin=Origin(path, line))` makes, with their slots filled a column at a time, in C. (A frozen
        dataclass's __init__ sets each field through object.__setattr__: most of a small record's cost.)"""
        count = len(checked)
        origins = fill_slots(Origin, count, ("path", "line"), (repeat(path, count), shared_numbers(header_lines)))
        columns = [list(map(dict.get, checked, repeat(attr), repeat(default))) for attr, default in self.defaults]
        return fill_slots(self.cls, count, (*self.attrs, "origin"), (*columns, origins))

    def make_columns(
        self, columns: dict[str, list[Any]], count: int, path: str, header_lines: Sequence[int]
    ) -> list[Record]:
        """The records of checked columns (as `checked_columns` gives them), as `make` makes them."""
        origins = fill_slots(Origin, count, ("path", "line"), (repeat(path, count), shared_numbers(header_lines)))
        made = [columns.get(attr) or repeat(default, count) for attr, default in self.defaults]
        return fill_slots(self.cls, count, (*self.attrs, "origin"), (*made, origins))

    @property
    def attrs(self) -> tuple[str, ...]:
        return tuple(attr for attr, _ in self.defaults)


_PLANS: dict[str, _Plan] = {}


def _plan(kind: str) -> _Plan:
    plan = _PLANS.get(kind)
    if plan is None:
        cls = RECORD_TYPES[kind]
        specs = cls.field_specs()
        defaults = {f.name: f.default for f in dataclasses.fields(cls) if f.name != "origin"}
        single_line = {attr for attr, spec in specs.items() if attr in SINGLE_LINE and spec.type == "str"}
        converters = {
            attr: _converter(spec, is_id=attr == "id", single_line=attr in single_line) for attr, spec in specs.items()
        }
        plan = _PLANS[kind] = _Plan(
            cls,
            {FILE_NAMES.get(attr, attr): attr for attr in specs},
            converters,
            frozenset(attr for attr, spec in specs.items() if spec.required),
            tuple(attr for attr, spec in specs.items() if spec.required),
            tuple(defaults.items()),
            tuple(
                Field(FILE_NAMES.get(attr, attr), attr, spec, converters[attr], attr in single_line, defaults[attr])
                for attr, spec in specs.items()
            ),
        )
    return plan


# Text fields shown as one line (names, titles and the like): a line break in them (a multi-line TOML
# string) becomes a space, with the blanks around it.
SINGLE_LINE = frozenset(
    {
        "title",
        "subtitle",
        "name",
        "short_name",
        "honorific",
        "publisher",
        "municipality",
        "place",
        "file",
        "url",
        "date_text",
        "count_text",
        "unit",
        "qualifier",
        "topic",
    }
)
_LINE_BREAK = re.compile(r"[ \t]*\n\s*")


def _one_line(text: str) -> str:
    return _LINE_BREAK.sub(" ", text).strip()


def _converter(
    spec: FieldSpec, *, is_id: bool = False, single_line: bool = False
) -> Callable[[Any, dict[Any, Any]], tuple[Any, str | None]]:
    """A function that checks and converts one value of a field, as `_convert` does, with a quick path for
    the values data files hold (a value of the wrong type takes `_convert`'s path, for its message).

    Equal values are kept once per file (`shared`): ids and references as interned strings, so that a
    reference and the id it names are one string in memory; tuples of references, dates and short texts
    (a place, a title a file repeats) as one object each."""
    intern = sys.intern

    def slow(value: Any, shared: dict[Any, Any]) -> tuple[Any, str | None]:
        converted, error = _convert(value, spec)
        if single_line and error is None and "\n" in converted:
            converted = _one_line(converted)
        if error is None and (spec.type in _SHARED_TYPES or (spec.type == "str" and len(converted) <= SHORT_TEXT)):
            converted = _share(converted, shared)
        return converted, error

    if spec.type == "str":

        def text(value: Any, shared: dict[Any, Any]) -> tuple[Any, str | None]:
            if value.__class__ is not str or len(value) > MAX_STRING_CHARS:
                return slow(value, shared)
            if _HAS_CONTROL.search(value):
                value = value.translate(_CONTROL)
            if single_line and "\n" in value:
                value = _one_line(value)
            return (intern(value) if is_id or len(value) <= SHORT_TEXT else value), None

        return text
    if spec.type == "ref":

        def one(value: Any, shared: dict[Any, Any]) -> tuple[Any, str | None]:
            if value.__class__ is not str:
                return slow(value, shared)
            return intern(value), None

        return one
    if spec.type == "choice":
        choices = frozenset(spec.choices)

        def choice(value: Any, shared: dict[Any, Any]) -> tuple[Any, str | None]:
            if value.__class__ is not str or value not in choices:
                return slow(value, shared)
            return intern(value), None

        return choice
    if spec.type == "refs":

        def many(value: Any, shared: dict[Any, Any]) -> tuple[Any, str | None]:
            if value.__class__ is not list or not all(v.__class__ is str for v in value):
                return slow(value, shared)
            refs = tuple(map(intern, dict.fromkeys(value)))
            return shared.setdefault(refs, refs), None

        return many
    if spec.type == "fields":
        names = frozenset(spec.choices)

        def fields(value: Any, shared: dict[Any, Any]) -> tuple[Any, str | None]:
            if value.__class__ is not list or not all(v.__class__ is str and v in names for v in value):
                return slow(value, shared)
            given = tuple(map(intern, dict.fromkeys(value)))
            return shared.setdefault(given, given), None

        return fields
    if spec.type == "date":

        def date(value: Any, shared: dict[Any, Any]) -> tuple[Any, str | None]:
            if value.__class__ is not str:
                return slow(value, shared)
            found = _DATES.get(value)
            if found is None:
                found, error = _convert(value, spec)
                if error is not None:
                    return None, error
                if len(_DATES) >= _DATES_KEPT:
                    _DATES.clear()
                _DATES[value] = found
            return found, None

        return date
    return slow


_SHARED_TYPES = frozenset({"ref", "refs", "choice", "date", "years", "fields"})
# Each date text read, parsed once, across files and loads (dates are immutable): 100,000 events fall on a
# few thousand days, and a file of its own parsed each of its dates again.
_DATES: dict[str, PartialDate] = {}
_DATES_KEPT = 1 << 16


def _share(value: Any, shared: dict[Any, Any]) -> Any:
    """One object for equal values (see `_converter`)."""
    if isinstance(value, str):
        return sys.intern(value)
    if isinstance(value, tuple) and value and isinstance(value[0], str):
        value = tuple(sys.intern(v) for v in value)
    return shared.setdefault(value, value)


def _convert(value: Any, spec: FieldSpec) -> tuple[Any, str | None]:
    """Check one value against its field's type; return (converted value, None) or (None, message)."""
    match spec.type:
        case "str":
            if not isinstance(value, str):
                return None, S.said("PROBLEM_EXPECTED_TEXT", got=_type_name(value))
            if len(value) > MAX_STRING_CHARS:
                return None, S.said(
                    "PROBLEM_TEXT_TOO_LONG", length=S.number(len(value)), limit=S.number(MAX_STRING_CHARS)
                )
            return (value.translate(_CONTROL) if _HAS_CONTROL.search(value) else value), None
        case "int":
            if isinstance(value, bool) or not isinstance(value, int):
                return None, S.said("PROBLEM_EXPECTED_WHOLE_NUMBER", got=_type_name(value))
            return _in_range(value)
        case "number":
            if isinstance(value, bool) or not isinstance(value, (int, float)):
                return None, S.said("PROBLEM_EXPECTED_NUMBER", got=_type_name(value))
            if isinstance(value, float) and not math.isfinite(value):
                return None, S.said("PROBLEM_EXPECTED_FINITE_NUMBER", value=str(value))
            return _in_range(value)
        case "bool":
            if not isinstance(value, bool):
                return None, S.said("PROBLEM_EXPECTED_TRUE_OR_FALSE", got=_type_name(value))
            return value, None
        case "date":
            if isinstance(value, _dt.datetime):
                return None, S.said("PROBLEM_EXPECTED_DATE", got=S.said("TYPE_NAMES.date_and_time"))
            if isinstance(value, _dt.date):
                return PartialDate.parse(value.isoformat()), None
            if not isinstance(value, str):
                return None, S.said("PROBLEM_EXPECTED_DATE", got=_type_name(value))
            try:
                return PartialDate.parse(value), None
            except DateError as error:
                return None, date_problem(error)
        case "years":
            if not isinstance(value, list) or not all(isinstance(v, int) and not isinstance(v, bool) for v in value):
                return None, S.said("PROBLEM_EXPECTED_YEARS", got=_type_name(value))
            for year in value:
                if _in_range(year)[1] is not None:
                    return _in_range(year)
            return tuple(value), None
        case "ref":
            if not isinstance(value, str):
                return None, S.said("PROBLEM_EXPECTED_ID", a_kind=_a(spec.ref), got=_type_name(value))
            return value, None
        case "refs":
            if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
                return None, S.said(
                    "PROBLEM_EXPECTED_IDS", kind=S.said(f"KIND_WORDS.{spec.ref}"), got=_type_name(value)
                )
            return tuple(dict.fromkeys(value)), None
        case "fields":
            if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
                return None, S.said("PROBLEM_EXPECTED_FIELD_NAMES", example=spec.choices[0], got=_type_name(value))
            given = tuple(dict.fromkeys(value))
            unknown = [name for name in given if name not in spec.choices]
            if unknown:
                return None, _unknown_fields(unknown, spec.choices)
            return given, None
        case "choice":
            if not isinstance(value, str):
                return None, S.said("PROBLEM_EXPECTED_CHOICE", choices=", ".join(spec.choices), got=_type_name(value))
            if value not in spec.choices:
                hint = did_you_mean(value, spec.choices)
                return None, S.said("PROBLEM_NOT_A_CHOICE", value=value, choices=", ".join(spec.choices), hint=hint)
            return value, None
    raise AssertionError(f"unknown field type {spec.type}")  # pragma: no cover - schema bug


def _unknown_fields(unknown: Sequence[str], names: Sequence[str]) -> str:
    """The message for names that are not fields of the kind: "unknown field 'x'; did you mean 'y'?", or for
    several "unknown fields 'x' (did you mean 'y'?), 'z'"."""
    if len(unknown) == 1:
        return S.said("PROBLEM_UNKNOWN_FIELD", key=unknown[0], hint=did_you_mean(unknown[0], names))
    each: list[str] = []
    for name in unknown:
        close = closest(name, names)
        each.append(repr(name) if close is None else S.said("PROBLEM_UNKNOWN_FIELD_MEANT", key=name, option=close))
    return S.said("PROBLEM_UNKNOWN_FIELDS", keys=tuple(each))


# TOML's integers are 64-bit; tomllib (which reads what rtoml refuses) takes any size, which would crash
# whatever formats or stores the number later.


def _in_range(value: int | float) -> tuple[int | float | None, str | None]:
    if isinstance(value, int) and not INT_MIN <= value <= INT_MAX:
        return None, S.said("PROBLEM_NUMBER_TOO_LARGE", digits=len(str(abs(value))))
    return value, None


def _a(kind: str) -> str:
    """A kind with its indefinite article: 'a person', 'an organisation' (said)."""
    return S.said(f"KIND_WITH_ARTICLE.{kind}")


def _of(record_id: str, problem: str) -> str:
    """A problem of the record with this id ("'e1': …"), or the problem alone for an entry without one."""
    return S.said("PROBLEM_OF_RECORD", id=record_id, problem=problem) if record_id else problem


def _type_name(value: Any) -> str:
    """What a value of the wrong type is, in the words of a problem (said)."""
    if isinstance(value, bool):
        return S.said("TYPE_NAMES.bool")
    if isinstance(value, str):
        return S.said("TYPE_NAMES.str")
    if isinstance(value, int):
        return S.said("TYPE_NAMES.int")
    if isinstance(value, float):
        return S.said("TYPE_NAMES.float")
    if isinstance(value, list):
        return S.said("TYPE_NAMES.list")
    if isinstance(value, dict):
        return S.said("TYPE_NAMES.dict")
    if isinstance(value, (_dt.date, _dt.time)):
        return S.said("TYPE_NAMES.date_or_time")
    return type(value).__name__  # (no TOML value: one that code gave)


# --- across files -----------------------------------------------------------------------------------
def _check_across(parsed: Sequence[tuple[str, _Parsed]]) -> tuple[list[Record], list[Problem]]:
    """Drop duplicate ids, dangling references and parent loops, reporting each."""
    problems: list[Problem] = []
    by_id: dict[str, Record] = {}
    files = {name: one for name, one in parsed}
    rejected: set[str] = set()

    def where(record: Record) -> _Where:
        assert record.origin is not None  # the loader gives every record its origin
        return files[record.origin.path].where(record)

    for name, one in parsed:
        rejected |= one.rejected
        ids = list(map(_ID_OF, one.records))
        if by_id.keys().isdisjoint(ids) and len(set(ids)) == len(ids):
            by_id.update(zip(ids, one.records, strict=True))  # (no id given twice: the file's records at once)
            continue
        for record in one.records:
            if record.id in by_id:
                first = by_id[record.id]
                line = where(record).get("id")
                problems.append(
                    Problem(
                        name,
                        S.said(
                            "PROBLEM_DUPLICATE_ID",
                            id=record.id,
                            origin=str(first.origin),
                            a_kind=_a(first.kind),
                            this_kind=S.said(f"KIND_WITH_THIS.{record.kind}"),
                        ),
                        line,
                        key=f"{record.kind}.id",
                        outcome=SKIPPED,
                    )
                )
                continue
            by_id[record.id] = record

    # (Made at the first missing id of a kind: a suggestion compares with a few ids, not with every one.)
    suggest: dict[str, Suggestions] = {}
    ids_by_kind: dict[str, list[str]] = {}

    def check(target_kind: str, target: str) -> str | None:
        """None when the reference is good, otherwise the message."""
        found = by_id.get(target)
        if found is not None and found.kind == target_kind:
            return None
        if found is not None:
            return S.said("PROBLEM_WRONG_KIND", id=target, a_kind=_a(found.kind), a_wanted=_a(target_kind))
        if target in rejected:
            return S.said("PROBLEM_NOT_LOADED", id=target)
        if target_kind not in suggest:
            if not ids_by_kind:
                ids_by_kind.update((kind, []) for kind in KINDS)
                for record in by_id.values():
                    ids_by_kind[record.kind].append(record.id)
            suggest[target_kind] = Suggestions(ids_by_kind[target_kind])
        no_kind = S.said(f"KIND_WITH_NO.{target_kind}")
        return S.said("PROBLEM_NO_SUCH_ID", no_kind=no_kind, id=target, hint=suggest[target_kind](target))

    def report(record: Record, found: list[tuple[str, str, str]], fatal: bool) -> None:
        """Report the reference problems of one record, (attribute, message, outcome) each: all of them say
        the record is left out when it is."""
        origin = record.origin
        for attr, message, outcome in found:
            line = where(record).get(attr, origin.line if origin else 0)
            key = f"{record.kind}.{FILE_NAMES.get(attr, attr)}"
            problems.append(
                Problem(
                    origin.path if origin else "",
                    _of(record.id, message),
                    line,
                    key=key,
                    outcome=SKIPPED if fatal else outcome,
                )
            )

    records: list[Record] = []
    loaded = list(by_id.values())
    named_wrong = _named_wrong(loaded, by_id)
    for record in loaded if named_wrong else ():
        if id(record) not in named_wrong:
            records.append(record)
            continue
        changes: dict[str, Any] = {}
        fatal = False
        found: list[tuple[str, str, str]] = []
        for attr, spec in type(record).field_specs().items():
            if spec.type not in ("ref", "refs"):
                continue
            value = getattr(record, attr)
            if not value:
                continue
            if spec.type == "ref":
                if message := check(spec.ref, value):
                    found.append((attr, message, FIELD_IGNORED))
                    changes[attr] = ""
                    fatal = fatal or spec.required
                elif value == record.id:
                    found.append((attr, S.said("PROBLEM_REFERS_TO_ITSELF"), FIELD_IGNORED))
                    changes[attr] = ""
                continue
            kept = []
            missing = []
            for target in value:
                if message := check(spec.ref, target):
                    missing.append(message)
                else:
                    kept.append(target)
            if missing:
                # (every id of the list left out: the record loads without the field)
                outcome = REFERENCE_DROPPED if kept else FIELD_IGNORED
                found.extend((attr, message, outcome) for message in missing)
                changes[attr] = tuple(kept)
                fatal = fatal or (spec.required and attr != "sources" and not kept)
        if found:
            report(record, found, fatal)
        if fatal:
            continue
        records.append(dataclasses.replace(record, **changes) if changes else record)

    if not named_wrong:
        records = loaded

    # Entries left out for a problem of their own: their references are checked too, so that a record
    # with two problems (a bad date and a misspelt person, say) shows both at once.
    for name, one in parsed:
        for kind, position, label, values in one.skipped:
            assert one.lines is not None  # a file that gave entries has lines
            for attr, spec in RECORD_TYPES[kind].field_specs().items():
                value = values.get(attr)
                if spec.type not in ("ref", "refs") or not value:
                    continue
                key = FILE_NAMES.get(attr, attr)
                line = one.lines.key_line(kind, position, key)
                for target in (value,) if spec.type == "ref" else value:
                    if message := check(spec.ref, target):
                        problems.append(Problem(name, _of(label, message), line, key=f"{kind}.{key}", outcome=SKIPPED))

    records, loops = _break_parent_loops(records, lambda record_id: where(by_id[record_id]))
    problems.extend(loops)
    return records, problems


_ID_OF = attrgetter("id")


def _named_wrong(records: list[Record], by_id: dict[str, Record]) -> set[int]:
    """Which records (by `id()`) name an id that is not loaded, one of another kind, or (in a single
    reference) their own: those whose references the check across files reports, record by record.
    Worked out a field of a class at a time, in C, each id named looked up once."""
    found: set[int] = set()
    known: dict[tuple[str, str], bool] = {}

    def wrong(kind: str, target: str) -> bool:
        record = by_id.get(target)
        return record is None or record.kind != kind

    by_class: dict[type[Record], list[Record]] = {}
    for cls, run in groupby(records, type):
        by_class.setdefault(cls, []).extend(run)
    for cls, of_class in by_class.items():
        ids = list(map(_ID_OF, of_class))
        for attr, spec in cls.field_specs().items():
            if spec.type not in ("ref", "refs"):
                continue
            column = list(map(attrgetter(attr), of_class))
            targets = set(column) if spec.type == "ref" else set(chain.from_iterable(column))
            targets.discard("")
            bad = {t for t in targets if known.setdefault((spec.ref, t), wrong(spec.ref, t))}
            if spec.type == "ref":
                flags: Iterable[bool] = map(bad.__contains__, column)
                found.update(map(id, compress(of_class, map(eq, column, ids))))  # (itself)
            else:
                flags = map(not_, map(bad.isdisjoint, column))
            if bad:
                found.update(map(id, compress(of_class, flags)))
    return found


def _break_parent_loops(records: list[Record], where: Callable[[str], _Where]) -> tuple[list[Record], list[Problem]]:
    """Organisations and projects form trees through `parent`; a loop is reported and cut where found: at
    the member of the loop that comes first among the records, whose parent is dropped.

    Each record's chain is walked once, in time linear in the number of records however long the chains
    (a record whose chain was already followed ends the walk): each record is unseen, on the walk being
    made, or done."""
    problems: list[Problem] = []
    by_id = {r.id: r for r in records}
    parents: dict[str, str] = {r.id: getattr(r, "parent", "") for r in records if getattr(r, "parent", "")}
    order = {record_id: place for place, record_id in enumerate(parents)}
    done: set[str] = set()
    loops: list[tuple[int, str]] = []  # (place of the member that is cut, its id)
    for start in parents:
        if start in done:
            continue
        walk: dict[str, None] = {}  # the walk's records in order
        current: str | None = start
        while current and current not in done and current not in walk:
            walk[current] = None
            current = parents.get(current)
        if current and current in walk:  # the walk came back to itself: a loop, from `current` on
            members = list(walk)[list(walk).index(current) :]
            first = min(members, key=order.__getitem__)
            loops.append((order[first], first))
        done.update(walk)
    cut: set[str] = set()
    for _, start in sorted(loops):
        loop = [start]
        current = parents[start]
        while current != start:
            loop.append(current)
            current = parents[current]
        loop.append(start)
        record = by_id[start]
        origin = record.origin
        problems.append(
            Problem(
                origin.path if origin else "",
                _of(start, S.said("PROBLEM_PARENT_LOOP", chain=" → ".join(loop))),
                where(start).get("parent", origin.line if origin else 0),
                key=f"{record.kind}.parent",
                outcome=FIELD_IGNORED,
            )
        )
        cut.add(start)
    if not cut:
        return records, problems
    return [_without_parent(r) if r.id in cut else r for r in records], problems


def _without_parent(record: Record) -> Record:
    """The record (an organisation or a project) with its parent dropped."""
    changes: dict[str, Any] = {"parent": ""}
    return dataclasses.replace(record, **changes)
