"""The Markdown report of a selection, in the interface's language, and the one `export` for every format
the command line and the app offer (the machine formats are the core's, herzlich_tui/export.py)."""

from __future__ import annotations

from collections.abc import Sequence

from herzlich_tui import export as machine
from herzlich_tui import strings as S
from herzlich_tui.browse.labels import date_label
from herzlich_tui.export import by_kind, main_text
from herzlich_tui.model import Dataset, Event, Figure, Membership, Person, ProjectYear, Quote, Record, Review

__all__ = ["FORMATS", "export", "to_markdown"]

FORMATS = (*machine.FORMATS, "md")


def export(dataset: Dataset, records: Sequence[Record], fmt: str, *, title: str = "") -> str:
    """Render records (already filtered, in display order) in one of FORMATS."""
    if fmt == "md":
        return to_markdown(dataset, records, title=title)
    if fmt not in machine.FORMATS:
        raise ValueError(f"unknown format {fmt!r}; expected one of {', '.join(FORMATS)}")
    return machine.export(dataset, records, fmt)


def _md(text: str) -> str:
    """Escape the characters Markdown would otherwise read as formatting or links."""
    out = []
    for char in text.replace("\n", " "):
        out.append("\\" + char if char in "\\`*_[]<>#|" else char)
    return "".join(out)


def to_markdown(dataset: Dataset, records: Sequence[Record], *, title: str = "") -> str:
    """A report grouped by year: events, project progress, figures, quotes and memberships, then the
    programmes, projects, people, organisations and networks the selection holds."""
    groups = by_kind(records)
    lines = [f"# {_md(title or S.APP_TITLE)}", ""]
    reviews = [r for r in groups.get("review", []) if isinstance(r, Review)]
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
            lines += [f"- **{_md(r.label)}**" + (f": {_md(t)}" if (t := main_text(r)) else "") for r in items]
            lines.append("")
    return "\n".join(lines).rstrip() + "\n"


def _md_line(dataset: Dataset, record: Record) -> str:
    if isinstance(record, Event) and record.date:
        return f"- **{date_label(record.date, long=True)}**: {_md(record.title)}. {_md(record.summary)}"
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
