"""Dates, numbers and kinds in the interface's words: a date at the precision the text gives it, the heading
an event is grouped under in its year, a figure's value, an organisation's kind. The model keeps dates as
values; this is the one place that puts them into words."""

from __future__ import annotations

from typing import TYPE_CHECKING

from herzlich_tui import strings as S
from herzlich_tui.i18n import month_name
from herzlich_tui.i18n import number as i18n_number
from herzlich_tui.textsafe import safe_line

if TYPE_CHECKING:  # (dates are told apart by their precision's value: no model import on the first frame)
    from herzlich_tui.model import PartialDate

__all__ = [
    "date_label",
    "day_label",
    "group_label",
    "month_initials",
    "number",
    "organisation_kind",
    "organisation_kinds",
]


def date_label(date: PartialDate, *, long: bool = False) -> str:
    """A date at its real precision, in the interface's words: '13 Mar 2020' ('13.03.2020' in German, and
    with `long`, as the details write it, '13. März 2020'), 'Jun 2021', 'Summer 2021', 'Start of 2020',
    '2020'."""
    match date.precision.value:
        case "day":
            template = S.DATE_DAY_LONG if long else S.DATE_DAY_SHORT
            return template.format(**_parts(date))
        case "month":
            return S.DATE_MONTH.format(**_parts(date))
        case "season":
            return S.DATE_SEASON.format(season=S.SEASONS[date.season], year=date.year)
        case "start":
            return S.DATE_YEAR_START.format(year=date.year)
        case "end":
            return S.DATE_YEAR_END.format(year=date.year)
    return str(date.year)


def _parts(date: PartialDate) -> dict[str, object]:
    """What a date's templates may use: the day, the month as a number and as a name (CLDR's, abbreviated
    and wide) and the year."""
    return {
        "day": date.day,
        "month": date.month,
        "month_abbr": month_name(date.month, "abbreviated"),
        "month_name": month_name(date.month),
        "year": date.year,
    }


def day_label(date: PartialDate) -> str:
    """What a date adds to the headings of its year and group (group_label): its day ('13', '13.'), or
    nothing for a date of a month, a season, a part of the year or a year, which the headings say in full."""
    return S.DATE_DAY.format(day=date.day) if date.precision.value == "day" else ""


def group_label(date: PartialDate) -> str:
    """The heading an event is grouped under inside its year: a month, a season, or the part of the year."""
    match date.precision.value:
        case "day" | "month":
            return month_name(date.month)
        case "season":
            return S.SEASONS[date.season]
        case "start":
            return S.GROUP_YEAR_START
        case "end":
            return S.GROUP_YEAR_END
    return S.GROUP_YEAR


def month_initials() -> list[str]:
    """Each month's first letter, January first (the overview's column heads)."""
    return [month_name(month)[0] for month in range(1, 13)]


def number(value: float) -> str:
    """A figure's value as the interface's language writes numbers: 100,000 / 100.000; 0.5 / 0,5."""
    return i18n_number(value)


def organisation_kind(kind: str) -> str:
    """An organisation's kind (its `kind` in the data) in words: "city-unit" is "City unit". A kind the
    interface has no words for is shown as the data gives it."""
    return S.ORGANISATION_KINDS.get(kind, kind)


def organisation_kinds(kind: str) -> str:
    """Organisations of a kind, as a heading: "City units"."""
    return S.ORGANISATION_KIND_PLURALS.get(kind, kind)


def fit_header(head: list[str], filters: list[str], tail: list[str], room: int, sep: str = " · ") -> str:
    """The header's line in `room` cells: the view and its order (`head`), the filters, then the count
    (`tail`), each as `safe_line` shows it (a search or a name can hold what must not reach the terminal,
    and is measured as drawn). When it is too long the filters are shortened first (an ellipsis marks the
    cut), then the order, so that the count is always there."""
    from rich.cells import cell_len

    head, filters, tail = ([safe_line(part) for part in parts] for parts in (head, filters, tail))

    def joined(parts: list[str]) -> str:
        return sep.join(part for part in parts if part)

    filter_text = joined(filters)
    line = joined([*head, filter_text, *tail])
    if cell_len(line) <= room:
        return line
    fixed = cell_len(joined([*head, "x", *tail])) - 1  # (what the line takes without the filters)
    left = room - fixed
    if filter_text and left >= 4:
        return joined([*head, _cut(filter_text, left), *tail])
    line = joined([head[0], *tail]) if head else joined(tail)
    return line if cell_len(line) <= room else _cut(line, max(room, 1))


def _cut(text: str, cells: int) -> str:
    """`text` in at most `cells` cells, an ellipsis ending it when it is cut."""
    from rich.text import Text

    cut = Text(text)
    cut.truncate(cells, overflow="ellipsis")
    return cut.plain
