"""What each list view shows, as plain rows: group headings and record rows. No Textual here, so that
building a view's rows can be tested and measured on its own, and done off the UI thread."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from herzlich_tui import strings as S

if TYPE_CHECKING:  # records are told apart by their kind: the first frame's rows come without the model
    from herzlich_tui.model import Dataset, Project, Record

__all__ = ["VIEW_KINDS", "Row", "build_rows", "row_values"]

# The record kind each list view lists; the overview has no list.
VIEW_KINDS = {"timeline": "event", "projects": "project", "people": "person", "networks": "network"}


@dataclass(frozen=True, slots=True)
class Row:
    """One line of a list: a heading (record_id empty) or a record, with text in up to three columns."""

    record_id: str
    text: str
    prefix: str = ""  # e.g. the date of an event, shown before the text in its own column
    suffix: str = ""  # e.g. a count, shown dimmed after the text
    level: int = 0  # heading level (1, 2) or indentation of a record row
    kind: str = ""

    @property
    def is_heading(self) -> bool:
        return not self.record_id


def row_values(row: Row) -> tuple[str, str, str, str, int, str]:
    """A row as plain values, in field order, as the first-screen snapshots keep it (`Row(*values)` again)."""
    return (row.record_id, row.text, row.prefix, row.suffix, row.level, row.kind)


def build_rows(dataset: Dataset, view: str, records: Iterable[Record]) -> list[Row]:
    """Rows for a view from its (already filtered, display-ordered) records."""
    if view == "timeline":
        return _timeline(records)
    if view == "projects":
        return _projects(dataset, records)
    if view == "people":
        return _people(dataset, records)
    if view == "networks":
        return _networks(dataset, records)
    return []


def _timeline(records: Iterable[Record]) -> list[Row]:
    rows: list[Row] = []
    year: int | None = None
    group = ""
    for event in records:
        if event.kind != "event" or event.date is None:
            continue
        if event.date.year != year:
            year = event.date.year
            group = ""
            rows.append(Row("", str(year), level=1))
        heading = event.date.group_label()
        if heading != group:
            group = heading
            rows.append(Row("", heading, level=2))
        rows.append(Row(event.id, event.title, prefix=event.date.label(), kind="event"))
    return rows


def _projects(dataset: Dataset, records: Iterable[Record]) -> list[Row]:
    projects: list[Project] = [r for r in records if r.kind == "project"]  # type: ignore[misc]
    shown = {p.id for p in projects}
    by_programme: dict[str, list[Project]] = {}
    for project in projects:
        programme = dataset.programme_of(project)
        by_programme.setdefault(programme.id if programme else "", []).append(project)
    order = [p.id for p in dataset.programmes if p.id in by_programme]
    if "" in by_programme:
        order.append("")
    rows: list[Row] = []
    for programme_id in order:
        members = by_programme[programme_id]
        programme = dataset.get(programme_id) if programme_id else None
        title = programme.label if programme else S.NO_PROGRAMME
        rows.append(Row("", title, suffix=str(len(members)), level=1))
        ids = {p.id for p in members}
        # Sub-projects follow their parent, indented; a sub-project whose parent is filtered out stands alone.
        roots = [p for p in members if not (p.parent and p.parent in ids)]

        def add(project: Project, depth: int, ids: set[str] = ids) -> None:
            years = sorted(y.year for y in dataset.project_years(project.id))
            rows.append(Row(project.id, project.title, suffix=" ".join(map(str, years)), level=depth, kind="project"))
            for child in dataset.subprojects(project.id):
                if child.id in ids and child.id in shown:
                    add(child, depth + 1)

        for project in roots:
            add(project, 0)
    return rows


def _people(dataset: Dataset, records: Iterable[Record]) -> list[Row]:
    rows: list[Row] = []
    for person in records:
        if person.kind == "person":
            roles = dataset.roles_of(person.id)
            rows.append(Row(person.id, person.label, suffix=roles[0].title if roles else "", kind="person"))
    return rows


def _networks(dataset: Dataset, records: Iterable[Record]) -> list[Row]:
    rows: list[Row] = []
    for network in records:
        if network.kind == "network":
            counts = [m for m in dataset.memberships_of(network.id) if m.count is not None]
            suffix = f"{counts[-1].count} ({counts[-1].year})" if counts else ""
            rows.append(Row(network.id, network.label, suffix=suffix, kind="network"))
    return rows
