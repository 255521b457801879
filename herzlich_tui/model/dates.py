"""Dates at the precision a review gives them: a day, a month, a season, the start or end of a year, a year.

This is the one place that parses and orders such dates. They are values: their words in the interface's
language are made by the presentation layer (browse/labels.py), the words a search finds them by by the
search index, and a problem's message by the loader."""

from __future__ import annotations

import datetime as _dt
import re
from dataclasses import dataclass
from enum import Enum

__all__ = ["DATE_PATTERN", "DateError", "PartialDate", "Precision"]


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

# ASCII digits only (re.ASCII): \d would take "２０２１" or "٢٠٢١" too. Used with fullmatch.
_FORM = re.compile(r"(?P<year>\d{4})(?:-(?:(?P<month>\d{2})(?:-(?P<day>\d{2}))?|(?P<word>[a-z]+)))?", re.ASCII)

# The forms PartialDate.parse accepts, as one regular expression in the syntax JSON Schema uses (ECMA-262; no
# \d, no lookaround, so that Python's `re` and an editor's engine read it alike): a year of four digits from
# 1000, with a season, start or end, a month, or a day that exists (29 February in leap years only). The
# loader also forgives blanks around a date; the pattern gives the forms as they are written. A test holds it
# to `parse`.
_YEAR = "[1-9][0-9]{3}"
_LEAP_YEAR = "(?:[1-9][0-9](?:0[48]|[2468][048]|[13579][26])|(?:[13579][26]|[2468][048])00)"
_MONTH_DAY = (
    "(?:0[13578]|1[02])-(?:0[1-9]|[12][0-9]|3[01])|(?:0[469]|11)-(?:0[1-9]|[12][0-9]|30)|02-(?:0[1-9]|1[0-9]|2[0-8])"
)
DATE_PATTERN = (
    f"^(?:{_YEAR}(?:-(?:spring|summer|autumn|winter|start|end|0[1-9]|1[0-2]|{_MONTH_DAY}))?|{_LEAP_YEAR}-02-29)$"
)


class DateError(ValueError):
    """A date string that is malformed or names a day that does not exist. `reason` says which: "form"
    (not one of the forms), "year" (out of range), "word" (not a season, start or end), "month" or "day"
    (does not exist); `values` holds what the reason concerns (year, month, day, word). The loader words
    the message (loading/problems.py)."""

    def __init__(self, text: object, reason: str, **values: object) -> None:
        super().__init__(f"{text!r}: {reason} {values}" if values else f"{text!r}: {reason}")
        self.text = text
        self.reason = reason
        self.values = values


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
        match = _FORM.fullmatch(text.strip()) if isinstance(text, str) else None
        if match is None:
            raise DateError(text, "form")
        year = int(match["year"])
        if year < 1000:
            raise DateError(text, "year", year=year)
        if match["word"]:
            word = match["word"]
            if word in SEASONS:
                return cls(year, Precision.SEASON, season=word)
            if word == "start":
                return cls(year, Precision.YEAR_START)
            if word == "end":
                return cls(year, Precision.YEAR_END)
            raise DateError(text, "word", word=word)
        if match["month"] is None:
            return cls(year, Precision.YEAR)
        month = int(match["month"])
        if not 1 <= month <= 12:
            raise DateError(text, "month", month=month)
        if match["day"] is None:
            return cls(year, Precision.MONTH, month=month)
        day = int(match["day"])
        try:
            _dt.date(year, month, day)
        except ValueError:
            raise DateError(text, "day", year=year, month=month, day=day) from None
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

    def __str__(self) -> str:
        return self.text
