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
    # How many records of each kind each year holds (one pass: at 100,000 events, every pass counts).
    per_year: dict[str, Counter[int]] = defaultdict(Counter)
    year_of = dataset.year_of
    for record in records:
        if record.kind in YEARLY_KINDS and (year := year_of(record)) is not None:
            per_year[record.kind][year] += 1
    years = sorted({year for counter in per_year.values() for year in counter})
    out: list[RenderableType] = []

    # The reviews side by side: how much each year holds, with bars per row.
    if len(years) > MAX_YEARS:
        out.append(Text(S.OVERVIEW_LATEST_YEARS.format(n=MAX_YEARS), style="dim italic"))
        years = years[-MAX_YEARS:]
    if years:
        table = Table(box=None, pad_edge=False, show_edge=False, header_style="bold", padding=(0, 2, 0, 0))
        table.add_column("")
        for year in years:
            table.add_column(str(year), no_wrap=True)
        for kind in YEARLY_KINDS:
            if per_year[kind]:
                top = max(per_year[kind].values())
                table.add_row(
                    Text(S.KIND_PLURALS[kind]),
                    *(
                        Text.assemble(f"{per_year[kind][y]:>3} ", (bar(per_year[kind][y], top, 10), "green"))
                        for y in years
                    ),
                )
        out.append(Group(_heading(S.OVERVIEW_SIDE_BY_SIDE), table))

    # Key figures, one column per year; a bar compares figures of the same unit where there are several.
    figures = [r for r in records if isinstance(r, Figure)]
    section: list[RenderableType] = [_heading(S.OVERVIEW_FIGURES)]
    if figures:
        by_unit: dict[str, list[float]] = defaultdict(list)
        for figure in figures:
            by_unit[figure.unit].append(float(figure.value or 0))
        figure_years = sorted({f.year for f in figures})
        figure_years = figure_years[-MAX_YEARS:]
        table = Table(box=None, pad_edge=False, show_edge=False, header_style="bold", padding=(0, 3, 0, 0))
        for year in figure_years:
            table.add_column(str(year), ratio=1)
        cells = []
        for year in figure_years:
            lines: list[RenderableType] = []
            of_year = sorted((f for f in figures if f.year == year), key=lambda f: -float(f.value or 0))
            for figure in of_year[:MAX_FIGURES_PER_YEAR]:
                value = number(figure.value or 0)
                head = Text(" ".join(p for p in (figure.qualifier, value, figure.unit) if p), style="bold")
                if len(by_unit[figure.unit]) > 1:
                    head.append("  ")
                    head.append(bar(float(figure.value or 0), max(by_unit[figure.unit]), 12), style="green")
                lines.append(head)
                lines.append(Text(figure.measures, style="dim"))
            if len(of_year) > MAX_FIGURES_PER_YEAR:
                more = len(of_year) - MAX_FIGURES_PER_YEAR
                lines.append(Text(S.OVERVIEW_MORE_FIGURES.format(n=more), style="dim italic"))
            cells.append(Group(*lines))
        table.add_row(*cells)
        section.append(table)
    else:
        section.append(Text(S.OVERVIEW_NO_FIGURES, style="dim italic"))
    out.append(Group(*section))

    # Events per month, one sparkline per year.
    events = [r for r in records if isinstance(r, Event) and r.date is not None]
    if events:
        lines: list[RenderableType] = [_heading(S.OVERVIEW_EVENTS_PER_MONTH)]
        event_years = sorted({e.date.year for e in events if e.date})
        per_month: dict[int, Counter[int]] = {y: Counter() for y in event_years}
        undated: Counter[int] = Counter()
        for event in events:
            assert event.date is not None
            month = event.date.month_or_none
            if month is None:
                undated[event.date.year] += 1
            else:
                per_month[event.date.year][month] += 1
        top = max((c for counter in per_month.values() for c in counter.values()), default=0)
        lines.append(Text("      " + " ".join(month_initials()), style="dim"))
        for year in event_years:
            cells = []
            for month in range(1, 13):
                count = per_month[year][month]
                cells.append(SPARK[round(count / top * 8)] if top and count else "·")
            line = Text(f"{year}  ", style="bold")
            line.append(" ".join(cells), style="green")
            total = sum(per_month[year].values())
            line.append(f"   {total}", style="bold")
            if undated[year]:
                line.append(f"  + {undated[year]} {S.OVERVIEW_UNDATED}", style="dim")
            lines.append(line)
        out.append(Group(*lines))

    # Records per programme.
    counts = _programme_counts(dataset, [r for r in records if r.kind in ("project", "event")])
    if counts:
        table = Table(box=None, show_header=False, pad_edge=False)
        table.add_column(ratio=2)
        table.add_column(width=max(min(width // 4, 24), 6), no_wrap=True)
        table.add_column(justify="right")
        top = max(counts.values())
        names = {p.id: p.label for p in dataset.programmes}
        ordered = [p.id for p in dataset.programmes if p.id in counts] + (
            [NO_PROGRAMME] if NO_PROGRAMME in counts else []
        )
        for programme_id in ordered:
            label = names.get(programme_id, S.NO_PROGRAMME) if programme_id else S.NO_PROGRAMME
            table.add_row(
                Text(label),
                Text(bar(counts[programme_id], top, max(min(width // 4, 24), 6)), style="cyan"),
                Text(str(counts[programme_id])),
            )
        out.append(
            Group(_heading(S.OVERVIEW_PROGRAMMES + f" ({S.KIND_PLURALS['project']}, {S.KIND_PLURALS['event']})"), table)
        )

    # Sources: every review, or with many (hundreds of municipalities' years), the latest of those the
    # records shown come from.
    reviews = dataset.reviews
    more = 0
    if len(reviews) > MAX_SOURCES:
        cited = {source for record in records for source in record.sources}
        cited_reviews = [r for r in reviews if r.id in cited]
        more = len(cited_reviews) - MAX_SOURCES
        reviews = cited_reviews[-MAX_SOURCES:]
    if reviews:
        table = Table(box=None, show_header=False, pad_edge=False)
        table.add_column(style="bold")
        table.add_column(ratio=1)
        for review in reviews:
            table.add_row(
                Text(str(review.year)),
                Text.assemble(
                    (review.label, "bold"),
                    "\n",
                    (f"{review.publisher} · {review.municipality}", "dim"),
                    "\n",
                    review.summary,
                ),
            )
        section = [_heading(S.OVERVIEW_SOURCES), table]
        if more > 0:
            section.append(Text(S.OVERVIEW_MORE_SOURCES.format(n=more), style="dim italic"))
        out.append(Group(*section))
    return out


def _programme_counts(dataset: Dataset, records: Sequence[Record]) -> Counter[str]:
    """How many of the records each programme holds; those of no programme under NO_PROGRAMME."""
    counts: Counter[str] = Counter()
    for record in records:
        programmes = dataset.facets(record.id).programmes
        counts.update(programmes or (NO_PROGRAMME,))
    return counts
