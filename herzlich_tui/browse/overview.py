"""The overview's content: the reviews side by side, key figures per year with bars, the figures that
measure the same thing across years compared, events per month, records per programme and the sources,
as Rich renderables. With the reviews of several municipalities loaded, the side-by-side columns are per
municipality and year, so that a user's own review never counts into Kaiserslautern's columns. No
Textual here, so that it can be built in a worker thread; every data string goes in as Text, never as
markup."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import pairwise

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from herzlich_tui import strings as S
from herzlich_tui.browse.labels import month_initials, number
from herzlich_tui.browse.pages import bar
from herzlich_tui.model import NO_PROGRAMME, YEARLY_KINDS, Dataset, Event, Figure, Record

__all__ = ["FigureChange", "figure_changes", "overview_renderables"]

SPARK = " ▁▂▃▄▅▆▇█"
# With many years and figures, the overview shows the latest years (columns: of each municipality, when
# there are several) and the largest figures of each.
MAX_YEARS = 4
MAX_FIGURES_PER_YEAR = 12
MAX_SOURCES = 12
MAX_CHANGES = 12

Column = tuple[str, int]  # (municipality, year): one column of a side-by-side table


@dataclass(frozen=True, slots=True)
class FigureChange:
    """Two figures that measure the same thing in two years of one municipality, the earlier first."""

    before: Figure
    after: Figure
    municipality: str

    @property
    def change(self) -> float:
        return (self.after.value or 0) - (self.before.value or 0)


def figure_changes(dataset: Dataset, figures: Iterable[Figure]) -> list[FigureChange]:
    """The figures that measure the same thing in two years, each year with the next one that measures it:
    figures of the same municipality and unit that link to the same networks and projects (IKONE DS: 15
    Städte in 2020, 30 in 2021), or, linked to none, say they measure the same. A thing measured twice in
    one year is left out: which of the two to compare is not clear. Latest first."""
    measured: dict[tuple, dict[int, list[Figure]]] = defaultdict(lambda: defaultdict(list))
    for figure in figures:
        if figure.value is None:
            continue
        links = (tuple(sorted(figure.networks)), tuple(sorted(figure.projects)))
        what = links if any(links) else figure.measures
        for municipality in dataset.facets(figure.id).municipalities or ("",):
            measured[(municipality, figure.unit, what)][figure.year].append(figure)
    changes: list[FigureChange] = []
    for (municipality, _, _), by_year in measured.items():
        if len(by_year) < 2 or any(len(same) > 1 for same in by_year.values()):
            continue
        years = sorted(by_year)
        changes += [FigureChange(by_year[first][0], by_year[then][0], municipality) for first, then in pairwise(years)]
    changes.sort(key=lambda c: (-c.after.year, c.municipality, c.after.measures, c.after.id))
    return changes


def _heading(text: str) -> Text:
    return Text(text, style="bold underline")


def overview_renderables(dataset: Dataset, records: Sequence[Record], width: int) -> list[RenderableType]:
    """The overview's sections as Rich renderables; every data string is a Text (never markup)."""
    figures = [r for r in records if isinstance(r, Figure)]
    return [
        *_side_by_side(dataset, records),
        _key_figures(dataset, figures),
        *_changes(dataset, figures),
        *_events_per_month([r for r in records if isinstance(r, Event) and r.date is not None]),
        *_per_programme(dataset, records, width),
        *_sources(dataset, records),
    ]


def _columns(used: Iterable[Column]) -> tuple[list[Column], bool]:
    """The columns of a side-by-side table: the latest MAX_YEARS of those used, each municipality's in
    order of its years; and whether some were left out."""
    latest = sorted(set(used), key=lambda column: (column[1], column[0]))
    cut = len(latest) > MAX_YEARS
    return sorted(latest[-MAX_YEARS:]), cut


def _columns_of(dataset: Dataset, record: Record, year: int) -> list[Column]:
    """The columns a record of a year counts in: its municipalities' (one for most records)."""
    return [(municipality, year) for municipality in dataset.facets(record.id).municipalities or ("",)]


def _header(dataset: Dataset, column: Column) -> str:
    """A column's heading: its year, and below it its municipality when several are loaded."""
    municipality, year = column
    return f"{year}\n{municipality}" if len(dataset.municipalities) > 1 else str(year)


def _latest_note(dataset: Dataset) -> Text:
    several = len(dataset.municipalities) > 1
    note = S.OVERVIEW_LATEST_COLUMNS if several else S.OVERVIEW_LATEST_YEARS
    return Text(note.format(n=MAX_YEARS), style="dim italic")


def _side_by_side(dataset: Dataset, records: Sequence[Record]) -> list[RenderableType]:
    """How many records of each yearly kind each of the latest years (of each municipality) holds, with a
    bar per row."""
    # Counted by kind, year and municipalities first (few distinct ones), then spread over the columns.
    counted: Counter[tuple[str, int, tuple[str, ...]]] = Counter()
    year_of, facets = dataset.year_of, dataset.facets
    several = len(dataset.municipalities) > 1
    for record in records:
        if record.kind in YEARLY_KINDS and (year := year_of(record)) is not None:
            counted[(record.kind, year, facets(record.id).municipalities if several else dataset.municipalities)] += 1
    per_column: dict[str, Counter[Column]] = defaultdict(Counter)
    for (kind, year, municipalities), count in counted.items():
        for municipality in municipalities or ("",):
            per_column[kind][(municipality, year)] += count
    columns, cut = _columns(column for counter in per_column.values() for column in counter)
    out: list[RenderableType] = []
    if cut:
        out.append(_latest_note(dataset))
    if not columns:
        return out
    table = Table(box=None, pad_edge=False, show_edge=False, header_style="bold", padding=(0, 2, 0, 0))
    table.add_column("")
    for column in columns:
        table.add_column(Text(_header(dataset, column)), no_wrap=True, overflow="ellipsis", max_width=24)
    for kind in YEARLY_KINDS:
        counts = per_column[kind]
        if counts:
            top = max(counts.values())
            cells = (Text.assemble(f"{counts[c]:>3} ", (bar(counts[c], top, 10), "green")) for c in columns)
            table.add_row(Text(S.KIND_PLURALS[kind]), *cells)
    out.append(Group(_heading(S.OVERVIEW_SIDE_BY_SIDE), table))
    return out


def _figure_value(figure: Figure) -> str:
    """A figure's value with its qualifier and unit: 'über 300 Bürgerinnen und Bürger'."""
    return " ".join(part for part in (figure.qualifier, number(figure.value or 0), figure.unit) if part)


def _key_figures(dataset: Dataset, figures: list[Figure]) -> RenderableType:
    """Key figures, one column per year (of each municipality), the largest first; a bar compares figures
    of the same unit."""
    if not figures:
        return Group(_heading(S.OVERVIEW_FIGURES), Text(S.OVERVIEW_NO_FIGURES, style="dim italic"))
    by_unit: dict[str, list[float]] = defaultdict(list)
    by_column: dict[Column, list[Figure]] = defaultdict(list)
    for figure in figures:
        by_unit[figure.unit].append(float(figure.value or 0))
        for column in _columns_of(dataset, figure, figure.year):
            by_column[column].append(figure)
    columns, _ = _columns(by_column)
    table = Table(box=None, pad_edge=False, show_edge=False, header_style="bold", padding=(0, 3, 0, 0))
    for column in columns:
        table.add_column(Text(_header(dataset, column)), ratio=1)
    cells: list[RenderableType] = []
    for column in columns:
        lines: list[RenderableType] = []
        of_column = sorted(by_column[column], key=lambda f: -float(f.value or 0))
        for figure in of_column[:MAX_FIGURES_PER_YEAR]:
            head = Text(_figure_value(figure), style="bold")
            if len(by_unit[figure.unit]) > 1:
                head.append("  ")
                head.append(bar(float(figure.value or 0), max(by_unit[figure.unit]), 12), style="green")
            lines += [head, Text(figure.measures, style="dim")]
        if len(of_column) > MAX_FIGURES_PER_YEAR:
            more = len(of_column) - MAX_FIGURES_PER_YEAR
            lines.append(Text(S.OVERVIEW_MORE_FIGURES.format(n=more), style="dim italic"))
        cells.append(Group(*lines))
    table.add_row(*cells)
    return Group(_heading(S.OVERVIEW_FIGURES), table)


def _changes(dataset: Dataset, figures: list[Figure]) -> list[RenderableType]:
    """The figures that measure the same thing across years, compared: what is measured, then '15 Städte
    (2020) → 30 Städte (2021), +15'."""
    changes = figure_changes(dataset, figures)
    if not changes:
        return []
    several = len(dataset.municipalities) > 1
    lines: list[RenderableType] = [_heading(S.OVERVIEW_CHANGES)]
    for change in changes[:MAX_CHANGES]:
        before, after = change.before, change.after
        measures = f"{after.measures} · {change.municipality}" if several and change.municipality else after.measures
        lines.append(Text(measures, style="dim"))
        compared = S.OVERVIEW_CHANGE.format(
            before=_figure_value(before),
            before_year=before.year,
            after=_figure_value(after),
            after_year=after.year,
            change=_signed(change.change),
        )
        lines.append(Text(compared, style="bold"))
    if len(changes) > MAX_CHANGES:
        lines.append(Text(S.OVERVIEW_MORE_CHANGES.format(n=len(changes) - MAX_CHANGES), style="dim italic"))
    return [Group(*lines)]


def _signed(value: float) -> str:
    """A change with its sign: +15, −3, ±0 (a fraction to the places its figures give)."""
    if isinstance(value, float):
        value = round(value, 6)
        value = int(value) if value.is_integer() else value
    if value == 0:
        return S.OVERVIEW_NO_CHANGE
    return ("+" if value > 0 else "−") + number(abs(value))


def _events_per_month(events: list[Event]) -> list[RenderableType]:
    """Events per month, one sparkline per year, with those that give no month counted apart."""
    if not events:
        return []
    per_month: dict[int, Counter[int]] = defaultdict(Counter)
    undated: Counter[int] = Counter()
    for event in events:
        date = event.date
        if date is None:
            continue
        month = date.month_or_none
        if month is None:
            undated[date.year] += 1
        else:
            per_month[date.year][month] += 1
    years = sorted({*per_month, *undated})
    top = max((c for counter in per_month.values() for c in counter.values()), default=0)
    lines: list[RenderableType] = [_heading(S.OVERVIEW_EVENTS_PER_MONTH)]
    lines.append(Text("      " + " ".join(month_initials()), style="dim"))
    for year in years:
        months = per_month[year]
        cells = [SPARK[round(months[m] / top * 8)] if top and months[m] else "·" for m in range(1, 13)]
        line = Text(f"{year}  ", style="bold")
        line.append(" ".join(cells), style="green")
        line.append(f"   {sum(months.values())}", style="bold")
        if undated[year]:
            line.append(f"  + {undated[year]} {S.OVERVIEW_UNDATED}", style="dim")
        lines.append(line)
    return [Group(*lines)]


def _per_programme(dataset: Dataset, records: Sequence[Record], width: int) -> list[RenderableType]:
    """How many projects and events each programme holds, with bars."""
    counts = _programme_counts(dataset, [r for r in records if r.kind in ("project", "event")])
    if not counts:
        return []
    bar_width = max(min(width // 4, 24), 6)
    table = Table(box=None, show_header=False, pad_edge=False)
    table.add_column(ratio=2)
    table.add_column(width=bar_width, no_wrap=True)
    table.add_column(justify="right")
    top = max(counts.values())
    names = {p.id: p.label for p in dataset.programmes}
    ordered = [p.id for p in dataset.programmes if p.id in counts]
    ordered += [NO_PROGRAMME] if NO_PROGRAMME in counts else []
    for programme_id in ordered:
        label = names.get(programme_id, S.NO_PROGRAMME) if programme_id else S.NO_PROGRAMME
        count = counts[programme_id]
        table.add_row(Text(label), Text(bar(count, top, bar_width), style="cyan"), Text(str(count)))
    title = S.OVERVIEW_PROGRAMMES + f" ({S.KIND_PLURALS['project']}, {S.KIND_PLURALS['event']})"
    return [Group(_heading(title), table)]


def _sources(dataset: Dataset, records: Sequence[Record]) -> list[RenderableType]:
    """Every review, or with many (hundreds of municipalities' years), the latest of those the records
    shown come from."""
    reviews = dataset.reviews
    more = 0
    if len(reviews) > MAX_SOURCES:
        cited = {source for record in records for source in record.sources}
        cited_reviews = [r for r in reviews if r.id in cited]
        more = len(cited_reviews) - MAX_SOURCES
        reviews = cited_reviews[-MAX_SOURCES:]
    if not reviews:
        return []
    table = Table(box=None, show_header=False, pad_edge=False)
    table.add_column(style="bold")
    table.add_column(ratio=1)
    for review in reviews:
        about = Text.assemble(
            (review.label, "bold"), "\n", (f"{review.publisher} · {review.municipality}", "dim"), "\n", review.summary
        )
        table.add_row(Text(str(review.year)), about)
    section: list[RenderableType] = [_heading(S.OVERVIEW_SOURCES), table]
    if more > 0:
        section.append(Text(S.OVERVIEW_MORE_SOURCES.format(n=more), style="dim italic"))
    return [Group(*section)]


def _programme_counts(dataset: Dataset, records: Sequence[Record]) -> Counter[str]:
    """How many of the records each programme holds; those of no programme under NO_PROGRAMME."""
    counts: Counter[str] = Counter()
    for record in records:
        programmes = dataset.facets(record.id).programmes
        counts.update(programmes or (NO_PROGRAMME,))
    return counts
