"""The overview's content: the reviews side by side, key figures per year with bars, events per month,
records per programme and the sources, as Rich renderables. No Textual here, so that it can be built in
a worker thread; every data string goes in as Text, never as markup."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from herzlich_tui import strings as S
from herzlich_tui.browse.labels import month_initials, number
from herzlich_tui.browse.pages import bar
from herzlich_tui.model import NO_PROGRAMME, YEARLY_KINDS, Dataset, Event, Figure, Record

__all__ = ["overview_renderables"]

SPARK = " ▁▂▃▄▅▆▇█"
# With many years and figures, the overview shows the latest years and the largest figures of each.
MAX_YEARS = 4
MAX_FIGURES_PER_YEAR = 12
MAX_SOURCES = 12


def _heading(text: str) -> Text:
    return Text(text, style="bold underline")


def overview_renderables(dataset: Dataset, records: Sequence[Record], width: int) -> list[RenderableType]:
    """The overview's sections as Rich renderables; every data string is a Text (never markup)."""
    return [
        *_side_by_side(dataset, records),
        _key_figures([r for r in records if isinstance(r, Figure)]),
        *_events_per_month([r for r in records if isinstance(r, Event) and r.date is not None]),
        *_per_programme(dataset, records, width),
        *_sources(dataset, records),
    ]


def _side_by_side(dataset: Dataset, records: Sequence[Record]) -> list[RenderableType]:
    """How many records of each yearly kind each of the latest years holds, with a bar per row."""
    per_year: dict[str, Counter[int]] = defaultdict(Counter)
    year_of = dataset.year_of
    for record in records:
        if record.kind in YEARLY_KINDS and (year := year_of(record)) is not None:
            per_year[record.kind][year] += 1
    years = sorted({year for counter in per_year.values() for year in counter})
    out: list[RenderableType] = []
    if len(years) > MAX_YEARS:
        out.append(Text(S.OVERVIEW_LATEST_YEARS.format(n=MAX_YEARS), style="dim italic"))
        years = years[-MAX_YEARS:]
    if not years:
        return out
    table = Table(box=None, pad_edge=False, show_edge=False, header_style="bold", padding=(0, 2, 0, 0))
    table.add_column("")
    for year in years:
        table.add_column(str(year), no_wrap=True)
    for kind in YEARLY_KINDS:
        counts = per_year[kind]
        if counts:
            top = max(counts.values())
            cells = (Text.assemble(f"{counts[y]:>3} ", (bar(counts[y], top, 10), "green")) for y in years)
            table.add_row(Text(S.KIND_PLURALS[kind]), *cells)
    out.append(Group(_heading(S.OVERVIEW_SIDE_BY_SIDE), table))
    return out


def _key_figures(figures: list[Figure]) -> RenderableType:
    """Key figures, one column per year, the largest first; a bar compares figures of the same unit."""
    if not figures:
        return Group(_heading(S.OVERVIEW_FIGURES), Text(S.OVERVIEW_NO_FIGURES, style="dim italic"))
    by_unit: dict[str, list[float]] = defaultdict(list)
    for figure in figures:
        by_unit[figure.unit].append(float(figure.value or 0))
    figure_years = sorted({f.year for f in figures})[-MAX_YEARS:]
    table = Table(box=None, pad_edge=False, show_edge=False, header_style="bold", padding=(0, 3, 0, 0))
    for year in figure_years:
        table.add_column(str(year), ratio=1)
    cells: list[RenderableType] = []
    for year in figure_years:
        lines: list[RenderableType] = []
        of_year = sorted((f for f in figures if f.year == year), key=lambda f: -float(f.value or 0))
        for figure in of_year[:MAX_FIGURES_PER_YEAR]:
            head = Text(
                " ".join(p for p in (figure.qualifier, number(figure.value or 0), figure.unit) if p), style="bold"
            )
            if len(by_unit[figure.unit]) > 1:
                head.append("  ")
                head.append(bar(float(figure.value or 0), max(by_unit[figure.unit]), 12), style="green")
            lines += [head, Text(figure.measures, style="dim")]
        if len(of_year) > MAX_FIGURES_PER_YEAR:
            more = len(of_year) - MAX_FIGURES_PER_YEAR
            lines.append(Text(S.OVERVIEW_MORE_FIGURES.format(n=more), style="dim italic"))
        cells.append(Group(*lines))
    table.add_row(*cells)
    return Group(_heading(S.OVERVIEW_FIGURES), table)


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
