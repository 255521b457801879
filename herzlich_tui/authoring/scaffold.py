"""`herzlich-tui new MUNICIPALITY YEAR`: a starting file for the review of a municipality in a year.

It holds the review and one example of each common kind (organisation, person, role, programme, project,
project year, event, network, membership, figure, quote), each field with its description as a comment
(from authoring.descriptions), the optional ones commented out; ids made from the names (`slug`); and the
`#:schema` line. It loads without a problem as written, on top of the data it was made against: its ids
are not taken there (a taken one gets `-2`, `-3`, ...), and the municipality, when the data has it as an
organisation already, is referred to rather than defined again.

It invents nothing: every text but the municipality is a placeholder that says what belongs there (German,
the language of the data, ending in "…"); the numbers and dates are placeholders too, and the header says
so. The comments are English, like docs/schema.md: they document the format, they are not data."""

from __future__ import annotations

import re
import textwrap
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import tomli_w

from herzlich_tui.authoring.descriptions import KINDS as KIND_DESCRIPTIONS
from herzlich_tui.authoring.descriptions import field_description
from herzlich_tui.authoring.schema import SCHEMA_DIRECTIVE
from herzlich_tui.model.records import FILE_NAMES, RECORD_TYPES
from herzlich_tui.textsafe import safe_line

__all__ = [
    "MUNICIPALITY_KINDS",
    "Existing",
    "Scaffold",
    "ScaffoldError",
    "existing_records",
    "make_review_id",
    "municipality_names",
    "scaffold",
    "slug",
]

_UMLAUTS = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss"})
_NOT_ALNUM = re.compile(r"[^a-z0-9]+")
_SLUG_CHARS = 80

# The organisation kinds a municipality can be, and the names the data may give it.
MUNICIPALITY_KINDS = ("city", "municipality", "district")


def slug(name: str) -> str:
    """An id made from a name: lower case, umlauts spelt out (ä → ae, ö → oe, ü → ue, ß → ss), other accents
    dropped (é → e), every run of other characters one "-", none at either end; at most 80 characters.
    "" when the name holds no letter or digit that can be spelt so."""
    text = unicodedata.normalize("NFC", name).lower().translate(_UMLAUTS)  # ("Ä".lower() is "ä"; "ẞ" is "ß")
    text = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    text = _NOT_ALNUM.sub("-", text).strip("-")
    return text[:_SLUG_CHARS].rstrip("-")


def municipality_names(municipality: str) -> tuple[str, ...]:
    """The names under which the data may already hold the municipality as an organisation."""
    return (municipality, f"Stadt {municipality}", f"Gemeinde {municipality}")


class ScaffoldError(Exception):
    """The starting file cannot be made: `reason` is "no_id" (the municipality gives no id), "encoding" (it
    is not text that can be written as UTF-8), "year" (not a year of four digits) or "review" (the data has
    a review of that id; `origin` says where)."""

    def __init__(self, reason: str, value: object, origin: str = "") -> None:
        super().__init__(reason, value, origin)
        self.reason = reason
        self.value = value
        self.origin = origin


@dataclass(frozen=True, slots=True)
class Existing:
    """A record of the data the file is made against: its kind, where it is, and for an organisation its
    name and kind (to find the municipality)."""

    kind: str
    origin: str  # path:line
    where: str = ""  # file name:line, for a comment
    name: str = ""
    type: str = ""


@dataclass(frozen=True, slots=True)
class Scaffold:
    """The file's text, its review's id, and the id of the municipality's organisation (and whether the
    file defines it, or refers to one the data has)."""

    text: str
    review_id: str
    municipality_id: str
    defines_municipality: bool


_HEADER = """\
{directive}
# {review_id}: a starting file for one review, written by `herzlich-tui new`.
#
# Every text that ends in "…" is a placeholder: write what the review says instead, in the review's language
# and, but for quotes, in your own words. The numbers and dates are placeholders too. Delete the records the
# review gives nothing for; copy a record for each further one. Nothing here is a fact until you make it one.
#
# Every record has an `id`: stable, unique across all files, lowercase letters, digits, "-", "." and "_". The
# ids below are made from the names (lower case, ä ö ü as ae oe ue, ß as ss, anything else "-"): when you
# change a name, change its id and every reference to it. `sources` names the reviews a record comes from.
# A record may also name the fields whose value is the dataset's reading rather than what the text states,
# and say why:
#   inferred = ["parent"]
#   basis = "Der Rückblick nennt das Projekt im Absatz über …, ohne es als Teilprojekt zu bezeichnen."
#
# Then run `herzlich-tui check` (or `check FILE`): it lists what is still wrong. Every field is described in
# docs/schema.md, and shown by an editor that reads the #:schema line above (`herzlich-tui schema`).
"""

_WIDTH = 110  # (comment lines, within the 120 columns of the shipped files)


def _toml(value: Any) -> str:
    """A value as TOML writes it (a list on one line)."""
    if isinstance(value, list):
        return "[" + ", ".join(_toml(item) for item in value) + "]"
    return tomli_w.dumps({"v": value}).split(" = ", 1)[1].rstrip("\n")


def _comment(text: str) -> list[str]:
    return textwrap.wrap(text, _WIDTH, initial_indent="# ", subsequent_indent="# ", break_on_hyphens=False)


class _Writer:
    def __init__(self, review_id: str, taken: Mapping[str, Existing]) -> None:
        self.lines: list[str] = []
        self.review_id = review_id
        self.taken = taken
        self.used: set[str] = {review_id}

    def unique(self, base: str) -> str:
        """`base`, or `base-2`, `base-3`, ... when the data or this file has it."""
        candidate, number = base, 1
        while candidate in self.taken or candidate in self.used:
            number += 1
            candidate = f"{base}-{number}"
        self.used.add(candidate)
        return candidate

    def section(self, title: str) -> None:
        self.lines += ["", f"# --- {title} ---"]

    def record(self, kind: str, values: dict[str, Any], examples: Mapping[str, Any] | None = None) -> None:
        """One `[[kind]]` entry: the given values in the order of the kind's fields (`sources` last, as the
        shipped files have it), each after its description; the kind's other fields (but the provenance
        ones, which the header shows) commented out, with an example value (`examples`, or a placeholder
        of the field's type) to fill in."""
        examples = examples or {}
        self.lines += ["", f"[[{kind}]]", *_comment(KIND_DESCRIPTIONS[kind])]
        specs = {FILE_NAMES.get(attr, attr): spec for attr, spec in RECORD_TYPES[kind].field_specs().items()}
        order = [name for name in specs if name not in ("sources", "inferred", "basis")]
        if "sources" in specs:
            order.append("sources")
        for name in order:
            spec = specs[name]
            if name in ("id", "sources"):  # (the header says what they are)
                self.lines.append(f"{name} = {_toml(values[name])}")
                continue
            words = field_description(kind, name)
            if spec.type == "choice":
                words += f" One of: {', '.join(spec.choices)}."
            self.lines += _comment(words if spec.required else f"(optional) {words}")
            if name in values:
                self.lines.append(f"{name} = {_toml(values[name])}")
            else:
                example = examples.get(name, _PLACEHOLDERS.get(spec.type, "…"))
                self.lines.append(f"# {name} = {_toml(example)}")


# What a field left out shows as its value to fill in, by type (where the call gives no example).
_PLACEHOLDERS: dict[str, Any] = {"refs": ["…"], "years": [], "fields": [], "int": 0, "number": 0, "bool": False}


def make_review_id(municipality: str, year: int) -> str:
    """The id of the review of `municipality` in `year` (`musterstadt-2022`), which also names its file.
    Raises ScaffoldError for a year that is not one of four digits or a name that gives no id (or is not
    UTF-8)."""
    if not 1000 <= year <= 9999:
        raise ScaffoldError("year", year)
    try:
        municipality.encode("utf-8")
    except UnicodeEncodeError:  # (an argument of bytes that are not UTF-8 arrives with lone surrogates)
        raise ScaffoldError("encoding", municipality) from None
    if not slug(municipality):
        raise ScaffoldError("no_id", " ".join(municipality.split()))
    return slug(f"{municipality} {year}")


def scaffold(municipality: str, year: int, existing: Mapping[str, Existing] | None = None) -> Scaffold:
    """The starting file for the review of `municipality` in `year`, made against the records of the data
    it will load with (`existing`, by id). Raises ScaffoldError when it cannot be made."""
    municipality = " ".join(municipality.split())
    taken: Mapping[str, Existing] = existing or {}
    review_id = make_review_id(municipality, year)
    town = slug(municipality)
    if review_id in taken:
        raise ScaffoldError("review", review_id, taken[review_id].origin)

    out = _Writer(review_id, taken)
    sources = [review_id]
    out.lines += _HEADER.format(directive=SCHEMA_DIRECTIVE, review_id=review_id).rstrip("\n").split("\n")

    out.section("the review")
    out.record(
        "review",
        {
            "id": review_id,
            "year": year,
            "title": "Titel des Rückblicks, wie gedruckt …",
            "publisher": "Herausgeber, wie der Rückblick ihn nennt …",
            "municipality": municipality,
            "summary": "Kurzbeschreibung: was der Rückblick behandelt …",
        },
        {"subtitle": "Untertitel …", "file": "rueckblick.pdf", "url": "https://…"},
    )

    out.section("organisations")
    found = _find_municipality(municipality, taken)
    if found is not None:
        city = found
        out.used.add(city)
        out.lines += [
            "",
            *_comment(f"The municipality is the organisation {city!r} of the data ({safe_line(taken[city].where)})."),
        ]
    else:
        city = out.unique(town)
        out.record(
            "organisation",
            {"id": city, "name": municipality, "kind": "municipality", "sources": sources},
            {"url": "https://…"},
        )
    org_name = "Name der Organisation …"
    org = out.unique(slug(org_name))
    out.record(
        "organisation",
        {"id": org, "name": org_name, "kind": "other", "sources": sources},
        {"parent": city, "place": municipality, "url": "https://…"},
    )

    out.section("people and their roles")
    person_name = "Vorname Nachname …"
    person = out.unique(slug(person_name))
    out.record("person", {"id": person, "name": person_name, "sources": sources}, {"honorific": "Dr."})
    role_title = "Funktion, wie der Rückblick sie nennt …"
    out.record(
        "role",
        {
            "id": out.unique(f"r-{slug(person_name)}-{slug(role_title.split(',')[0])}"),
            "person": person,
            "title": role_title,
            "organisation": city,
            "years": [year],
            "sources": sources,
        },
        {"from": f"{year}-01", "until": f"{year}-end"},
    )

    out.section("programmes and projects")
    programme_name = "Name des Programms …"
    programme = out.unique(slug(programme_name))
    out.record(
        "programme",
        {"id": programme, "name": programme_name, "sources": sources},
        {"funders": [org]},
    )
    project_title = "Titel des Projekts …"
    project = out.unique(slug(project_title))
    out.record(
        "project",
        {
            "id": project,
            "title": project_title,
            "programme": programme,
            "partners": [org],
            "people": [person],
            "summary": "Kurzbeschreibung des Projekts …",
            "sources": sources,
        },
    )
    out.record(
        "project_year",
        {
            "id": out.unique(f"py-{year}-{project}"),
            "project": project,
            "year": year,
            "summary": f"Was {year} im Projekt geschah …",
            "sources": sources,
        },
    )

    out.section("events")
    event_title = "Titel des Ereignisses …"
    event = out.unique(f"e-{year}-{slug(event_title)}")
    out.record(
        "event",
        {
            "id": event,
            "title": event_title,
            "date": str(year),
            "summary": "Kurzbeschreibung des Ereignisses …",
            "projects": [project],
            "people": [person],
            "organisations": [org],
            "sources": sources,
        },
        {"place": municipality},
    )

    out.section("networks and memberships")
    network_name = "Name des Netzwerks …"
    network = out.unique(slug(network_name))
    out.record(
        "network",
        {"id": network, "name": network_name, "sources": sources},
        {"lead": org, "programme": programme},
    )
    out.record(
        "membership",
        {
            "id": out.unique(f"m-{network}-{year}"),
            "network": network,
            "year": year,
            "members": [city],
            "members_complete": False,
            "sources": sources,
        },
        {"count": 0},
    )

    out.section("figures and quotes")
    measures = "Was die Zahl misst …"
    out.record(
        "figure",
        {
            "id": out.unique(f"f-{year}-{slug(measures)}"),
            "value": 0,
            "unit": "Einheit …",
            "text": "Die Zahl, wie der Text sie schreibt …",
            "measures": measures,
            "year": year,
            "projects": [project],
            "sources": sources,
        },
        {"qualifier": "über", "events": [event], "networks": [network], "organisations": [org]},
    )
    out.record(
        "quote",
        {
            "id": out.unique(f"q-{year}-{slug(person_name)}"),
            "people": [person],
            "text": "Wortlaut des Zitats …",
            "topic": "Worum es im Zitat geht …",
            "year": year,
            "sources": sources,
        },
        {"projects": [project], "events": [event]},
    )
    return Scaffold("\n".join(out.lines) + "\n", review_id, city, found is None)


def _find_municipality(municipality: str, taken: Mapping[str, Existing]) -> str | None:
    """The id of an organisation of the data that is the municipality (a city, municipality or district of
    one of its names, or of the id its name gives), or None."""
    names = municipality_names(municipality)
    ids = {slug(name) for name in names}
    for record_id, record in taken.items():
        is_place = record.kind == "organisation" and record.type in MUNICIPALITY_KINDS
        if is_place and (record.name in names or record_id in ids):
            return record_id
    return None


def existing_records(records: Iterable[Any]) -> dict[str, Existing]:
    """`scaffold`'s view of loaded records (model Records), by id."""
    found: dict[str, Existing] = {}
    for record in records:
        origin = record.origin
        found[record.id] = Existing(
            record.kind,
            str(origin) if origin is not None else "",
            f"{Path(origin.path).name}:{origin.line}" if origin is not None else "",
            getattr(record, "name", "") if record.kind == "organisation" else "",
            getattr(record, "type", "") if record.kind == "organisation" else "",
        )
    return found
