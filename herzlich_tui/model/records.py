"""The record kinds of a review dataset, as frozen, slotted dataclasses.

The field declarations here are also the data format's schema: the loader reads each field's metadata
(its value type, whether it is required, which kind of record it refers to) instead of keeping a second
description of the format. docs/schema.md describes the same fields for people who write data files.
"""

from __future__ import annotations

import dataclasses
from collections import deque
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from itertools import repeat
from typing import Any, ClassVar

from herzlich_tui.model.dates import PartialDate

__all__ = [
    "ID_PATTERN",
    "INT_MAX",
    "INT_MIN",
    "KINDS",
    "ORGANISATION_KINDS",
    "RECORD_TYPES",
    "YEARLY_KINDS",
    "Event",
    "FieldSpec",
    "Figure",
    "Membership",
    "Network",
    "Organisation",
    "Origin",
    "Person",
    "Programme",
    "Project",
    "ProjectYear",
    "Quote",
    "Record",
    "Review",
    "Role",
]

# What an id is (used whole, with fullmatch): lowercase letters, digits, ".", "-" and "_", starting with a
# letter or digit, at most 200 characters. The loader checks it; the JSON Schema gives it to editors.
ID_PATTERN = r"[a-z0-9][a-z0-9._-]{0,199}"
# The integers a field holds: those of 64 bits, as TOML has them (the loader refuses others; the schema
# says so).
INT_MIN, INT_MAX = -(2**63), 2**63 - 1

ORGANISATION_KINDS = (
    "city",
    "administration",
    "city-unit",
    "company",
    "team",
    "research",
    "ministry",
    "federal-agency",
    "neighbourhood-office",
    "advisory-board",
    "media-authority",
    "association",
    "municipality",
    "district",
    "other",
)


@dataclass(frozen=True, slots=True)
class Origin:
    """Where a record was defined: a file and the line of its table header."""

    path: str
    line: int

    def __str__(self) -> str:
        return f"{self.path}:{self.line}"

    def __reduce__(self) -> tuple:
        return (Origin, (self.path, self.line))


@dataclass(frozen=True, slots=True)
class FieldSpec:
    """What a data file may put in one field."""

    type: str  # "str", "int", "number", "bool", "date", "years", "ref", "refs", "choice", "fields"
    required: bool = False
    ref: str = ""  # the kind a "ref" or "refs" field points to
    # the options of a "choice" field; for a "fields" field, the data-file names of the fields of the
    # record's kind that it may name (filled in per kind by Record.field_specs)
    choices: tuple[str, ...] = ()


def _f(spec: FieldSpec, default: Any = None) -> Any:
    if isinstance(default, tuple) or spec.type in ("refs", "years", "fields"):
        return field(default=(), metadata={"spec": spec})
    return field(default=default, metadata={"spec": spec})


def f_text(*, required: bool = False) -> Any:
    return _f(FieldSpec("str", required), "")


def f_integer(*, required: bool = False) -> Any:
    return _f(FieldSpec("int", required), None)


def f_number(*, required: bool = False) -> Any:
    return _f(FieldSpec("number", required), None)


def f_flag(*, required: bool = False, default: bool = False) -> Any:
    return _f(FieldSpec("bool", required), default)


def f_date(*, required: bool = False) -> Any:
    return _f(FieldSpec("date", required), None)


def f_years() -> Any:
    return _f(FieldSpec("years"))


def f_ref(kind: str, *, required: bool = False) -> Any:
    return _f(FieldSpec("ref", required, ref=kind), "")


def f_refs(kind: str, *, required: bool = False) -> Any:
    return _f(FieldSpec("refs", required, ref=kind))


def f_choice(options: tuple[str, ...], *, required: bool = False) -> Any:
    return _f(FieldSpec("choice", required, choices=options), "")


def f_fields() -> Any:
    """A list of the data-file names of other fields of the same record (which names are allowed is worked
    out for each kind: see Record.field_specs)."""
    return _f(FieldSpec("fields"))


# Fields that every kind has but that a "fields" list cannot name (an id or the sources are never the
# dataset's reading, and the provenance fields are about the others), and the provenance fields, which
# come last in a kind's fields (and so in exports) although the base class declares them.
_NOT_NAMEABLE = frozenset({"id", "sources", "inferred", "basis"})
_PROVENANCE = ("inferred", "basis")


def _kind_specs(cls: type, unlisted: tuple[str, ...]) -> dict[str, FieldSpec]:
    """The fields a data file may give for a kind: every field with a spec but the `unlisted` ones, the
    provenance fields last, and each "fields" field bound to the data-file names of the kind's others."""
    specs = {f.name: f.metadata["spec"] for f in dataclasses.fields(cls) if "spec" in f.metadata}
    for name in unlisted:
        specs.pop(name, None)
    specs = {name: spec for name, spec in specs.items() if name not in _PROVENANCE} | {
        name: specs[name] for name in _PROVENANCE if name in specs
    }
    nameable = tuple(FILE_NAMES.get(name, name) for name in specs if name not in _NOT_NAMEABLE)
    return {
        name: dataclasses.replace(spec, choices=nameable) if spec.type == "fields" else spec
        for name, spec in specs.items()
    }


_SPECS: dict[type, dict[str, FieldSpec]] = {}
_SLOTS: dict[type, tuple[str, ...]] = {}


def slot_names(cls: type) -> tuple[str, ...]:
    """The names of a record class's fields (its slots), in declaration order (worked out once per class)."""
    names = _SLOTS.get(cls)
    if names is None:
        names = _SLOTS[cls] = tuple(f.name for f in dataclasses.fields(cls))
    return names


def _rebuild(cls: type, values: tuple) -> Any:
    """Unpickle a record: set its slots directly (it is frozen, so through object.__setattr__)."""
    record: Any = object.__new__(cls)
    setter = object.__setattr__
    for name, value in zip(slot_names(cls), values, strict=True):
        setter(record, name, value)
    return record


def _slot(cls: type, name: str) -> Any:
    """The descriptor of a slot, whose __set__ writes it even on a frozen instance."""
    for klass in cls.__mro__:
        if name in klass.__dict__:
            return klass.__dict__[name]
    raise AttributeError(name)  # pragma: no cover - not a slot of the class


def set_slots(cls: type, objects: Iterable[Any], name: str, values: Iterable[Any]) -> None:
    """Set the slot `name` of each object (of the slotted class `cls`) to the matching value, in C."""
    deque(map(_slot(cls, name).__set__, objects, values), maxlen=0)


def fill_slots(
    cls: type, count: int, names: Sequence[str], columns: Sequence[Iterable[Any]], *, consume: bool = False
) -> list[Any]:
    """`count` new instances of a slotted class with each named slot taken from its column, in C.

    `consume`: empty each column (a list) once it is used. While the cache is read, the unpickler keeps
    every list it made until the end; emptied, a column's eight bytes per record are free at once."""
    made: list[Any] = list(map(object.__new__, repeat(cls, count)))
    for name, column in zip(names, columns, strict=True):
        deque(map(_slot(cls, name).__set__, made, column), maxlen=0)
        if consume and isinstance(column, list):
            column.clear()
    return made


def shared_numbers(numbers: Sequence[int]) -> list[int]:
    """The numbers as int objects shared between equal ones (through a table kept for the process, in C):
    records' line numbers repeat from file to file, and need not be an int object each."""
    return list(map(_NUMBERS.setdefault, numbers, numbers)) if len(_NUMBERS) < _NUMBERS_KEPT else list(numbers)


_NUMBERS: dict[int, int] = {}
_NUMBERS_KEPT = 1 << 20  # (a table of a million numbers at most: beyond it, numbers are not shared)


_REFS: dict[type, tuple[tuple[str, FieldSpec], ...]] = {}


@dataclass(frozen=True, slots=True, kw_only=True)
class Record:
    """Common to every record: a stable id, the reviews it comes from, and where it was defined."""

    kind: ClassVar[str] = ""
    # Whether the people, organisations and networks a record of this kind names belong to its programmes.
    passes_programmes: ClassVar[bool] = False
    # Fields of the class that data files do not give (a review names no sources).
    unlisted: ClassVar[tuple[str, ...]] = ()
    id: str = _f(FieldSpec("str", True), "")
    sources: tuple[str, ...] = f_refs("review", required=True)
    origin: Origin | None = field(default=None, compare=False, repr=False)
    # Provenance: the fields whose value is the dataset's reading of the text rather than its statement,
    # and why (German, like all data text).
    inferred: tuple[str, ...] = f_fields()
    basis: str = f_text()

    @property
    def label(self) -> str:
        """The record's name as shown in lists."""
        raise NotImplementedError

    def __reduce__(self) -> tuple:
        # Pickling (the load cache) stores a record as its values in slot order; the dataclasses default
        # looks the fields up again for every record, which makes a large cache slow to read.
        cls = type(self)
        return (_rebuild, (cls, tuple(getattr(self, name) for name in slot_names(cls))))

    @classmethod
    def field_specs(cls) -> dict[str, FieldSpec]:
        """The fields a data file may give for this kind, in declaration order with `inferred` and `basis`
        last (computed once per kind)."""
        specs = _SPECS.get(cls)
        if specs is None:
            specs = _SPECS[cls] = _kind_specs(cls, cls.unlisted)
        return specs

    @classmethod
    def reference_fields(cls) -> tuple[tuple[str, FieldSpec], ...]:
        """The fields that hold ids of other records, except `sources`."""
        refs = _REFS.get(cls)
        if refs is None:
            refs = _REFS[cls] = tuple(
                (name, spec)
                for name, spec in cls.field_specs().items()
                if spec.type in ("ref", "refs") and name != "sources"
            )
        return refs


@dataclass(frozen=True, slots=True, kw_only=True)
class Review(Record):
    """A published annual review: the source every other record names."""

    kind: ClassVar[str] = "review"
    unlisted: ClassVar[tuple[str, ...]] = ("sources",)
    sources: tuple[str, ...] = ()
    year: int = f_integer(required=True)
    title: str = f_text(required=True)
    subtitle: str = f_text()
    publisher: str = f_text(required=True)
    municipality: str = f_text(required=True)
    summary: str = f_text(required=True)
    file: str = f_text()
    url: str = f_text()

    @property
    def label(self) -> str:
        return f"{self.title} ({self.year})" if str(self.year) not in self.title else self.title


@dataclass(frozen=True, slots=True, kw_only=True)
class Organisation(Record):
    """A city unit, company, institute, ministry, municipality or any other body."""

    kind: ClassVar[str] = "organisation"
    name: str = f_text(required=True)
    short_name: str = f_text()
    type: str = f_choice(ORGANISATION_KINDS, required=True)
    parent: str = f_ref("organisation")
    place: str = f_text()
    description: str = f_text()
    url: str = f_text()

    @property
    def label(self) -> str:
        return self.name


@dataclass(frozen=True, slots=True, kw_only=True)
class Person(Record):
    """A named person."""

    kind: ClassVar[str] = "person"
    name: str = f_text(required=True)
    honorific: str = f_text()
    description: str = f_text()

    @property
    def label(self) -> str:
        return f"{self.honorific} {self.name}" if self.honorific else self.name


@dataclass(frozen=True, slots=True, kw_only=True)
class Role(Record):
    """A position a person holds, possibly for a stated time."""

    kind: ClassVar[str] = "role"
    passes_programmes: ClassVar[bool] = True
    person: str = f_ref("person", required=True)
    title: str = f_text(required=True)
    organisation: str = f_ref("organisation")
    start: PartialDate | None = f_date()
    until: PartialDate | None = f_date()
    years: tuple[int, ...] = f_years()
    note: str = f_text()

    @property
    def label(self) -> str:
        return self.title


@dataclass(frozen=True, slots=True, kw_only=True)
class Programme(Record):
    """A funding programme or umbrella that projects belong to."""

    kind: ClassVar[str] = "programme"
    name: str = f_text(required=True)
    short_name: str = f_text()
    funders: tuple[str, ...] = f_refs("organisation")
    network: str = f_ref("network")
    description: str = f_text()

    @property
    def label(self) -> str:
        return self.short_name or self.name


@dataclass(frozen=True, slots=True, kw_only=True)
class Project(Record):
    """A project or, with a parent, a sub-project."""

    kind: ClassVar[str] = "project"
    passes_programmes: ClassVar[bool] = True
    title: str = f_text(required=True)
    programme: str = f_ref("programme")
    parent: str = f_ref("project")
    partners: tuple[str, ...] = f_refs("organisation")
    people: tuple[str, ...] = f_refs("person")
    summary: str = f_text(required=True)

    @property
    def label(self) -> str:
        return self.title


@dataclass(frozen=True, slots=True, kw_only=True)
class ProjectYear(Record):
    """What happened in one project in one year."""

    kind: ClassVar[str] = "project_year"
    project: str = f_ref("project", required=True)
    year: int = f_integer(required=True)
    summary: str = f_text(required=True)

    @property
    def label(self) -> str:
        return str(self.year)


@dataclass(frozen=True, slots=True, kw_only=True)
class Event(Record):
    """Anything dated or datable, at the precision the text gives."""

    kind: ClassVar[str] = "event"
    passes_programmes: ClassVar[bool] = True
    title: str = f_text(required=True)
    date: PartialDate | None = f_date(required=True)
    date_text: str = f_text()
    summary: str = f_text(required=True)
    place: str = f_text()
    projects: tuple[str, ...] = f_refs("project")
    people: tuple[str, ...] = f_refs("person")
    organisations: tuple[str, ...] = f_refs("organisation")
    networks: tuple[str, ...] = f_refs("network")

    @property
    def label(self) -> str:
        return self.title


@dataclass(frozen=True, slots=True, kw_only=True)
class Network(Record):
    """A network of municipalities or institutions."""

    kind: ClassVar[str] = "network"
    name: str = f_text(required=True)
    short_name: str = f_text()
    lead: str = f_ref("organisation")
    programme: str = f_ref("programme")
    description: str = f_text()

    @property
    def label(self) -> str:
        return f"{self.name} ({self.short_name})" if self.short_name else self.name


@dataclass(frozen=True, slots=True, kw_only=True)
class Membership(Record):
    """A network's membership in one year: the stated count and the members the text names."""

    kind: ClassVar[str] = "membership"
    passes_programmes: ClassVar[bool] = True
    network: str = f_ref("network", required=True)
    year: int = f_integer(required=True)
    count: int | None = f_integer()
    count_text: str = f_text()
    members: tuple[str, ...] = f_refs("organisation")
    members_complete: bool = f_flag(required=True)
    note: str = f_text()

    @property
    def label(self) -> str:
        return str(self.year)


@dataclass(frozen=True, slots=True, kw_only=True)
class Figure(Record):
    """A number the text gives, with its unit, qualifier and what it measures."""

    kind: ClassVar[str] = "figure"
    passes_programmes: ClassVar[bool] = True
    value: int | float | None = f_number(required=True)
    unit: str = f_text(required=True)
    qualifier: str = f_text()
    text: str = f_text(required=True)
    measures: str = f_text(required=True)
    year: int = f_integer(required=True)
    projects: tuple[str, ...] = f_refs("project")
    events: tuple[str, ...] = f_refs("event")
    networks: tuple[str, ...] = f_refs("network")
    organisations: tuple[str, ...] = f_refs("organisation")

    @property
    def label(self) -> str:
        return f"{self.text}: {self.measures}"


@dataclass(frozen=True, slots=True, kw_only=True)
class Quote(Record):
    """A short statement that a review attributes to one or more named people."""

    kind: ClassVar[str] = "quote"
    passes_programmes: ClassVar[bool] = True
    people: tuple[str, ...] = f_refs("person", required=True)
    text: str = f_text(required=True)
    topic: str = f_text(required=True)
    year: int = f_integer(required=True)
    projects: tuple[str, ...] = f_refs("project")
    events: tuple[str, ...] = f_refs("event")

    @property
    def label(self) -> str:
        return f"„{self.text}“"


RECORD_TYPES: dict[str, type[Record]] = {
    cls.kind: cls
    for cls in (
        Review,
        Organisation,
        Person,
        Role,
        Programme,
        Project,
        ProjectYear,
        Event,
        Network,
        Membership,
        Figure,
        Quote,
    )
}
KINDS: tuple[str, ...] = tuple(RECORD_TYPES)
# The kinds whose records belong to one year, in the order reports list them (the overview's reviews side
# by side, the Markdown report's years).
YEARLY_KINDS: tuple[str, ...] = ("event", "project_year", "figure", "quote", "membership")

# Field names in data files that differ from the Python attribute (Python keywords or clashes).
FILE_NAMES: dict[str, str] = {"start": "from", "type": "kind"}
ATTRIBUTE_NAMES: dict[str, str] = {v: k for k, v in FILE_NAMES.items()}
