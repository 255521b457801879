"""Dates at the precision a review gives them: a day, a month, a season, the start or end of a year, a year.

This is the one place that parses, orders and formats such dates; the CLI, exports and the app all use it.
"""

from __future__ import annotations

import datetime as _dt
import re
from dataclasses import dataclass
from enum import Enum

from herzlich_tui import strings as S

__all__ = ["DateError", "PartialDate", "Precision"]


class Precision(Enum):
    """How much of a date the text states."""

    DAY = "day"
    MONTH = "month"
    SEASON = "season"
    YEAR_START = "start"
    YEAR_END = "end"
    YEAR = "year"


SEASONS = ("spring", "summer", "autumn", "winter")
# A season sorts after its first month, so "Summer 2021" comes after "Jun 2021" and before "Jul 2021".
_SEASON_MONTH = {"spring": 3, "summer": 6, "autumn": 9, "winter": 12}

_FORM = re.compile(r"^(?P<year>\d{4})(?:-(?:(?P<month>\d{2})(?:-(?P<day>\d{2}))?|(?P<word>[a-z]+)))?$")


class DateError(ValueError):
    """A date string that is malformed or names a day that does not exist."""


@dataclass(frozen=True, slots=True, order=False)
class PartialDate:
    """A date known to some precision. `text` is the canonical string form used in the data files."""

    year: int
    precision: Precision
    month: int = 0
    day: int = 0
    season: str = ""

    def __reduce__(self) -> tuple:
        return (PartialDate, (self.year, self.precision, self.month, self.day, self.season))

    @classmethod
    def parse(cls, text: str) -> PartialDate:
        """Parse one of the forms in docs/schema.md; raise DateError with a readable reason otherwise."""
        match = _FORM.match(text.strip()) if isinstance(text, str) else None
        if match is None:
            raise DateError(
                f"{text!r} is not a date; expected YYYY, YYYY-MM, YYYY-MM-DD, YYYY-start, YYYY-end "
                "or YYYY-spring|summer|autumn|winter"
            )
        year = int(match["year"])
        if year < 1000:
            raise DateError(f"{text!r}: year {year} is out of range")
        if match["word"]:
            word = match["word"]
            if word in SEASONS:
                return cls(year, Precision.SEASON, season=word)
            if word == "start":
                return cls(year, Precision.YEAR_START)
            if word == "end":
                return cls(year, Precision.YEAR_END)
            raise DateError(f"{text!r}: {word!r} is not a season, 'start' or 'end'")
        if match["month"] is None:
            return cls(year, Precision.YEAR)
        month = int(match["month"])
        if not 1 <= month <= 12:
            raise DateError(f"{text!r}: month {month} does not exist")
        if match["day"] is None:
            return cls(year, Precision.MONTH, month=month)
        day = int(match["day"])
        try:
            _dt.date(year, month, day)
        except ValueError:
            raise DateError(f"{text!r}: day {day} does not exist in {S.MONTH_ABBR[month]} {year}") from None
        return cls(year, Precision.DAY, month=month, day=day)

    @property
    def text(self) -> str:
        """The canonical string form, as written in data files."""
        match self.precision:
            case Precision.DAY:
                return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"
            case Precision.MONTH:
                return f"{self.year:04d}-{self.month:02d}"
            case Precision.SEASON:
                return f"{self.year:04d}-{self.season}"
            case Precision.YEAR_START:
                return f"{self.year:04d}-start"
            case Precision.YEAR_END:
                return f"{self.year:04d}-end"
        return f"{self.year:04d}"

    @property
    def sort_key(self) -> tuple[int, int, int, int]:
        """Order within a year: start of year, then by month (a season after its first month), then the
        year as a whole, then the end of the year."""
        match self.precision:
            case Precision.YEAR_START:
                return (self.year, 0, 0, 0)
            case Precision.DAY:
                return (self.year, self.month, self.day, 0)
            case Precision.MONTH:
                return (self.year, self.month, 32, 0)
            case Precision.SEASON:
                return (self.year, _SEASON_MONTH[self.season], 33, 0)
            case Precision.YEAR_END:
                return (self.year, 14, 0, 0)
        return (self.year, 13, 0, 0)

    @property
    def month_or_none(self) -> int | None:
        """The month when the text gives one, for grouping by month."""
        return self.month if self.precision in (Precision.DAY, Precision.MONTH) else None

    def label(self) -> str:
        """Human form at the real precision: '13 Mar 2020', 'Jun 2021', 'Summer 2021', '2020'."""
        match self.precision:
            case Precision.DAY:
                return f"{self.day} {S.MONTH_ABBR[self.month]} {self.year}"
            case Precision.MONTH:
                return f"{S.MONTH_ABBR[self.month]} {self.year}"
            case Precision.SEASON:
                return f"{S.SEASONS[self.season]} {self.year}"
            case Precision.YEAR_START:
                return S.DATE_YEAR_START.format(year=self.year)
            case Precision.YEAR_END:
                return S.DATE_YEAR_END.format(year=self.year)
        return str(self.year)

    def group_label(self) -> str:
        """The heading an event is grouped under inside its year: a month, a season, or the year part."""
        match self.precision:
            case Precision.DAY | Precision.MONTH:
                return S.MONTH_NAMES[self.month]
            case Precision.SEASON:
                return S.SEASONS[self.season]
            case Precision.YEAR_START:
                return S.GROUP_YEAR_START
            case Precision.YEAR_END:
                return S.GROUP_YEAR_END
        return S.GROUP_YEAR

    def __str__(self) -> str:
        return self.label()
