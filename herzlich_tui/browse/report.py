"""The Markdown report of a selection, in the interface's language, and the one `export` for every format
the command line and the app offer (the machine formats are the core's, herzlich_tui/export.py)."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from itertools import chain
from typing import Protocol, TypeVar

from herzlich_tui import export as machine
from herzlich_tui import strings as S
from herzlich_tui.browse.labels import date_label
from herzlich_tui.export import by_kind, main_text
from herzlich_tui.model import (
    YEARLY_KINDS,
    Dataset,
    Event,
    Figure,
    Membership,
    Person,
    ProjectYear,
    Quote,
    Record,
    Review,
)

__all__ = ["FORMATS", "Reported", "chosen_chunks", "export", "export_chunks", "to_markdown"]

R = TypeVar("R", bound=Record)

FORMATS = (*machine.FORMATS, "md")


def export(dataset: Dataset, records: Sequence[Record], fmt: str, *, title: str = "") -> str:
    """Render records (already filtered, in display order) in one of FORMATS."""
    return "".join(export_chunks(dataset, records, fmt, title=title))


def export_chunks(dataset: Dataset, records: Sequence[Record], fmt: str, *, title: str = "") -> Iterator[str]:
    """`export`'s text a piece at a time, for writing as it is made (see `export.export_chunks`)."""
    if fmt == "md":
        return _without_trailing_space(_markdown_lines(dataset, records, title=title))
    if fmt not in machine.FORMATS:
        raise ValueError(f"unknown format {fmt!r}; expected one of {', '.join(FORMATS)}")
    return machine.export_chunks(dataset, records, fmt)


class Names(Protocol):
    """What a report line looks up of the records a record names (as `Dataset` does)."""

    def get(self, record_id: str) -> Record | None: ...

    def typed(self, cls: type[R], ids: Iterable[str]) -> list[R]: ...


class Reported(machine.Chosen, Names, Protocol):
    """Records chosen for an export, not all held at once (see `export.Chosen`), as the Markdown report
    reads them too: by the year they belong to (`Dataset.year_of`), and the records they name."""

    def years(self, kinds: Iterable[str]) -> list[int]:
        """Every year some chosen record of the kinds belongs to, ascending."""
        ...

    def of_year(self, kind: str, year: int) -> Iterable[Record]:
        """The chosen records of a kind that belong to the year, in the order written."""
        ...


def chosen_chunks(chosen: Reported, fmt: str, *, title: str = "") -> Iterator[str]:
    """`export_chunks`'s text of the records `chosen` gives."""
    if fmt == "md":
        lines = _report_lines(chosen, chosen.groups(), chosen.years(YEARLY_KINDS), chosen.of_year, title=title)
        return _without_trailing_space(lines)
    return machine.chosen_chunks(chosen, fmt)


# The characters Markdown would read as formatting or links.
_MD_SPECIAL = re.compile(r"[\\`*_\[\]<>#|]")


def _md(text: str) -> str:
    """Escape the characters Markdown would otherwise read as formatting or links (a newline is a space)."""
    text = text.replace("\n", " ")
    return _MD_SPECIAL.sub(r"\\\g<0>", text) if _MD_SPECIAL.search(text) else text


def to_markdown(dataset: Dataset, records: Sequence[Record], *, title: str = "") -> str:
    """A report grouped by year: events, project progress, figures, quotes and memberships, then the
    programmes, projects, people, organisations and networks the selection holds."""
    return export(dataset, records, "md", title=title)


def _markdown_lines(dataset: Dataset, records: Sequence[Record], *, title: str = "") -> Iterator[str]:
    """The lines of `to_markdown`'s report, each ending in a newline (blank lines at its end too)."""
    groups = by_kind(records)
    of_year: defaultdict[tuple[str, int], list[Record]] = defaultdict(list)
    for kind in YEARLY_KINDS:
        for record in groups.get(kind, []):
            if (year := dataset.year_of(record)) is not None:
                of_year[kind, year].append(record)
    years = sorted({year for _, year in of_year})
    return _report_lines(dataset, groups, years, lambda kind, year: of_year.get((kind, year), ()), title=title)


def _report_lines(
    names: Names,
    groups: Mapping[str, Iterable[Record]],
    years: Iterable[int],
    of_year: Callable[[str, int], Iterable[Record]],
    *,
    title: str = "",
) -> Iterator[str]:
    """The lines of the report of the records `groups` gives, each of the yearly kinds by the year it
    belongs to (`years`, ascending, and `of_year`)."""
    yield f"# {_md(title or S.APP_TITLE)}\n\n"
    reviews = [r for r in groups.get("review", []) if isinstance(r, Review)]
    if reviews:
        yield f"## {S.KIND_PLURALS['review']}\n\n"
        for review in reviews:
            yield f"- **{review.year}**: {_md(review.label)} ({_md(review.publisher)}). {_md(review.summary)}\n"
        yield "\n"
    for year in years:
        yield f"## {year}\n\n"
        for kind in YEARLY_KINDS:
            of_kind = iter(of_year(kind, year))
            first = next(of_kind, None)
            if first is None:
                continue
            yield f"### {S.KIND_PLURALS[kind]}\n\n"
            yield from (_md_line(names, r) + "\n" for r in chain((first,), of_kind))
            yield "\n"
    for kind in ("programme", "project", "person", "organisation", "network"):
        items = groups.get(kind, [])
        if items:
            yield f"## {S.KIND_PLURALS[kind]}\n\n"
            yield from (f"- **{_md(r.label)}**" + (f": {_md(t)}" if (t := main_text(r)) else "") + "\n" for r in items)
            yield "\n"


def _without_trailing_space(pieces: Iterable[str]) -> Iterator[str]:
    """The pieces, but for the white space at the end of their text, and then one newline: the text's
    `rstrip()` and a newline, as a report ends. White space is held back until more text follows it."""
    held = ""
    for piece in pieces:
        kept = piece.rstrip()
        if kept:
            yield held + kept
            held = piece[len(kept) :]
        else:
            held += piece
    yield "\n"


def _md_line(dataset: Names, record: Record) -> str:
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
