"""What each record kind and each of its fields is, for the people who write data: the one place of these
words. The JSON Schema (`herzlich-tui schema`, shown by editors on hover), the field tables of
docs/schema.md (generated from here: `python -m herzlich_tui.authoring.docs`) and the comments of the
starting file (`herzlich-tui new`) all read them; tests hold that every field of the model has one and that
docs/schema.md says the same.

English, like docs/schema.md, with Markdown code spans. Fields by their names in data files (`from`,
`kind`), as model.records.FILE_NAMES maps them. Keep each to a sentence or two: an editor shows it beside
the field."""

from __future__ import annotations

__all__ = ["COMMON_FIELDS", "FIELDS", "KINDS", "field_description"]

# The kinds, in the order of model.records.RECORD_TYPES.
KINDS: dict[str, str] = {
    "review": "A published annual review, the source of everything else. A review names no `sources`.",
    "organisation": "A city unit, company, institute, ministry, municipality or any other body.",
    "person": "A named person.",
    "role": "A person's position; a person can hold several over time.",
    "programme": "A funding programme or umbrella that projects belong to.",
    "project": "A project or, with `parent`, a sub-project.",
    "project_year": "What happened in a project in one year.",
    "event": "Anything dated or datable, at the precision the text gives.",
    "network": "A network of municipalities or institutions.",
    "membership": "A network's membership in one year: the stated count and the members the text names.",
    "figure": "A number the text gives, with its unit, qualifier and what it measures.",
    "quote": "A short statement the text attributes to one or more named people.",
}

# The fields every kind has (a review has no `sources`).
COMMON_FIELDS: dict[str, str] = {
    "id": (
        "A stable id, unique across all kinds and files: lowercase letters, digits, `-`, `.` and `_`, "
        "starting with a letter or digit (`kl-2021`, `e-2021-mpsc-mashup`)."
    ),
    "sources": "The ids of the reviews the record comes from.",
    "inferred": (
        "The fields of this record whose value is the dataset's reading of the text rather than what the "
        'text states, by their names in the data file (`["parent", "partners"]`): any field of the kind '
        "but `id`, `sources`, `inferred` and `basis`."
    ),
    "basis": "Why the values named in `inferred` are read that way, in the review's language.",
}

_SHORT_NAME = "A short name or abbreviation the review uses (`DFKI`, `I.8`)."
_OWN_WORDS = "in the dataset's own words"

FIELDS: dict[str, dict[str, str]] = {
    "review": {
        "year": "The year the review looks back on.",
        "title": "The review's title, as printed.",
        "subtitle": "The review's subtitle, as printed.",
        "publisher": "Who published the review, as the page names its author.",
        "municipality": "The municipality the review is of.",
        "summary": f"What the review covers, {_OWN_WORDS}.",
        "file": "The file name of the review's source text.",
        "url": "The review's web address, only one a source states.",
    },
    "organisation": {
        "name": "The organisation's name, as the review writes it.",
        "short_name": _SHORT_NAME,
        "kind": "What kind of body it is.",
        "parent": "The organisation it belongs to (its id).",
        "place": "Where it is: a town, a region.",
        "description": f"What the organisation is and does in the reviews, {_OWN_WORDS}.",
        "url": "The organisation's web address, only where a review gives it as theirs.",
    },
    "person": {
        "name": "Given and family name, as the review spells them.",
        "honorific": "A title before the name (`Dr.`, `Prof.`).",
        "description": f"Who the person is in the reviews, {_OWN_WORDS}.",
    },
    "role": {
        "person": "The person who holds the position (their id).",
        "title": "The position, as the review names it.",
        "organisation": "The organisation the position is in (its id).",
        "from": "When the person took up the position (a date).",
        "until": "When the person left it (a date).",
        "years": "The years a review attests the role (`[2020, 2021]`).",
        "note": f"More about the role, {_OWN_WORDS}.",
    },
    "programme": {
        "name": "The programme's name.",
        "short_name": _SHORT_NAME,
        "funders": "The organisations that fund it (their ids).",
        "network": "The network that goes with the programme (its id).",
        "description": f"What the programme is, {_OWN_WORDS}.",
    },
    "project": {
        "title": "The project's title, as the review names it.",
        "programme": (
            "The programme the project belongs to (its id); a sub-project without one belongs to its parent's."
        ),
        "parent": "The project this one is part of (its id): it makes this a sub-project.",
        "partners": "The organisations that take part (their ids).",
        "people": "The people who work on it (their ids).",
        "summary": f"What the project is, {_OWN_WORDS}.",
    },
    "project_year": {
        "project": "The project (its id).",
        "year": "The year.",
        "summary": f"What happened in the project that year, {_OWN_WORDS}.",
    },
    "event": {
        "title": "What happened, in a few words.",
        "date": (
            "When, at the precision the text gives: a day `2020-03-13`, a month `2020-06`, a season "
            "`2021-summer`, the start or end of a year `2020-start`, `2020-end`, or a year `2020`."
        ),
        "date_text": (
            "The text's own wording of the time where it says more than the date can (`ab dem 13. März`, "
            "`in der Adventszeit`); about time only, a place goes in `place`."
        ),
        "summary": f"What happened, {_OWN_WORDS}.",
        "place": "Where it took place (`online` too).",
        "projects": "The projects it belongs to (their ids).",
        "people": "The people who took part (their ids).",
        "organisations": "The organisations that took part (their ids).",
        "networks": "The networks it belongs to (their ids).",
    },
    "network": {
        "name": "The network's name.",
        "short_name": _SHORT_NAME,
        "lead": "The organisation that leads the network (its id).",
        "programme": "The programme the network belongs to (its id).",
        "description": f"What the network is, {_OWN_WORDS}.",
    },
    "membership": {
        "network": "The network (its id).",
        "year": "The year of the membership.",
        "count": "How many members the text says the network has that year.",
        "count_text": "The text's wording of the count (`mittlerweile 15 Städte aus Rheinland-Pfalz`).",
        "members": "The organisations the text names as members (their ids).",
        "members_complete": "Whether `members` names every member: `false` where they are only part of the count.",
        "note": f"More about the membership, {_OWN_WORDS}.",
    },
    "figure": {
        "value": "The number, whole or decimal.",
        "unit": "What the number counts in (`Schulen`, `Euro`).",
        "qualifier": "A word the text puts before the number (`über`, `mehr als`, `insgesamt`).",
        "text": "The figure as the text words it.",
        "measures": "What the figure measures.",
        "year": "The year the figure is of.",
        "projects": "The projects it is about (their ids).",
        "events": "The events it is about (their ids).",
        "networks": "The networks it is about (their ids).",
        "organisations": "The organisations it is about (their ids).",
    },
    "quote": {
        "people": "Who said it: one or more people (their ids).",
        "text": "The statement, verbatim; it may leave words out with `…`.",
        "topic": "What the statement is about.",
        "year": "The year of the review that quotes it.",
        "projects": "The projects it is about (their ids).",
        "events": "The events it is about (their ids).",
    },
}


def field_description(kind: str, name: str) -> str:
    """The description of a field of a kind, by its name in data files (KeyError for an unknown one)."""
    own = FIELDS[kind]
    return own[name] if name in own else COMMON_FIELDS[name]
