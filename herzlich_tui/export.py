"""Writers for the loaded (optionally filtered) dataset: JSON, TOML, CSV and a Markdown report.

Used by `herzlich-tui export` and by the app's export action. JSON and TOML hold every field of every
record under its data-file name, so a TOML export loads again as data. Text is written as it is: nothing
is interpreted as markup.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Sequence
from typing import Any

import tomli_w

from herzlich_tui import __version__
from herzlich_tui import strings as S
from herzlich_tui.model import (
    KINDS,
    Dataset,
    Event,
    Figure,
    Membership,
    PartialDate,
    Person,
    ProjectYear,
    Quote,
    Record,
    Review,
)
from herzlich_tui.model.records import FILE_NAMES

__all__ = ["FORMATS", "export", "record_to_dict", "with_sources"]

FORMATS = ("json", "toml", "csv", "md")


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


def _grouped(records: Iterable[Record]) -> dict[str, list[Record]]:
    groups: dict[str, list[Record]] = {kind: [] for kind in KINDS}
    for record in records:
        groups[record.kind].append(record)
    return {kind: items for kind, items in groups.items() if items}


def export(dataset: Dataset, records: Sequence[Record], fmt: str, *, title: str = "") -> str:
    """Render records (already filtered, in display order) in one of FORMATS."""
    if fmt == "json":
        return to_json(records)
    if fmt == "toml":
        return to_toml(records)
    if fmt == "csv":
        return to_csv(dataset, records)
    if fmt == "md":
        return to_markdown(dataset, records, title=title)
    raise ValueError(f"unknown format {fmt!r}; expected one of {', '.join(FORMATS)}")


def to_json(records: Sequence[Record]) -> str:
    payload: dict[str, Any] = {"herzlich_tui": __version__}
    for kind, items in _grouped(records).items():
        payload[kind] = [record_to_dict(r) for r in items]
    return json.dumps(payload, ensure_ascii=False, indent=2) + "\n"


def to_toml(records: Sequence[Record]) -> str:
    document = {kind: [record_to_dict(r) for r in items] for kind, items in _grouped(records).items()}
    return f"# Exported by herzlich-tui {__version__}\n\n" + tomli_w.dumps(document, multiline_strings=False)


CSV_COLUMNS = ("kind", "id", "title", "date", "year", "programmes", "text", "sources")


def to_csv(dataset: Dataset, records: Sequence[Record]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for record in records:
        facets = dataset.facets(record.id) if record.id in dataset else None
        date = getattr(record, "date", None)
        writer.writerow(
            [
                record.kind,
                record.id,
                record.label,
                date.text if isinstance(date, PartialDate) else "",
                " ".join(str(y) for y in sorted(facets.years)) if facets else "",
                " ".join(sorted(facets.programmes)) if facets else "",
                _main_text(record),
                " ".join(record.sources),
            ]
        )
    return buffer.getvalue()


def _main_text(record: Record) -> str:
    for name in ("summary", "text", "description", "measures", "note"):
        value = getattr(record, name, "")
        if isinstance(value, str) and value:
            return value
    return ""


def _md(text: str) -> str:
    """Escape the characters Markdown would otherwise read as formatting or links."""
    out = []
    for char in text.replace("\n", " "):
        out.append("\\" + char if char in "\\`*_[]<>#|" else char)
    return "".join(out)


def to_markdown(dataset: Dataset, records: Sequence[Record], *, title: str = "") -> str:
    """A report grouped by year: events, project progress, figures, quotes and memberships, then the
    programmes, projects, people, organisations and networks the selection holds."""
    groups = _grouped(records)
    lines = [f"# {_md(title or S.APP_TITLE)}", ""]
    reviews: list[Review] = groups.get("review", [])  # type: ignore[assignment]
    if reviews:
        lines += [f"## {S.KIND_PLURALS['review']}", ""]
        for review in reviews:
            lines.append(f"- **{review.year}**: {_md(review.label)} ({_md(review.publisher)}). {_md(review.summary)}")
        lines.append("")
    yearly = [r for kind in ("event", "project_year", "figure", "quote", "membership") for r in groups.get(kind, [])]
    years = sorted({y for r in yearly if (y := dataset.year_of(r)) is not None})
    for year in years:
        lines += [f"## {year}", ""]
        for kind in ("event", "project_year", "figure", "quote", "membership"):
            items = [r for r in groups.get(kind, []) if dataset.year_of(r) == year]
            if not items:
                continue
            lines += [f"### {S.KIND_PLURALS[kind]}", ""]
            lines += [_md_line(dataset, r) for r in items]
            lines.append("")
    for kind in ("programme", "project", "person", "organisation", "network"):
        items = groups.get(kind, [])
        if items:
            lines += [f"## {S.KIND_PLURALS[kind]}", ""]
            lines += [f"- **{_md(r.label)}**" + (f": {_md(t)}" if (t := _main_text(r)) else "") for r in items]
            lines.append("")
    return "\n".join(lines).rstrip() + "\n"


def _md_line(dataset: Dataset, record: Record) -> str:
    if isinstance(record, Event) and record.date:
        return f"- **{record.date.label()}**: {_md(record.title)}. {_md(record.summary)}"
    if isinstance(record, ProjectYear):
        project = dataset.get(record.project)
        return f"- **{_md(project.label if project else record.project)}**: {_md(record.summary)}"
    if isinstance(record, Figure):
        return f"- **{_md(record.text)}**: {_md(record.measures)}"
    if isinstance(record, Quote):
        speakers = ", ".join(p.label for p in dataset.typed(Person, record.people))
        return f"- „{_md(record.text)}“ ({_md(speakers)}; {_md(record.topic)})"
    if isinstance(record, Membership):
        network = dataset.get(record.network)
        count = record.count_text or (str(record.count) if record.count is not None else "")
        return f"- **{_md(network.label if network else record.network)}**: {_md(count)}"
    return f"- {_md(record.label)}"
