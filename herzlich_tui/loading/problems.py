"""Problems found while loading data: each names the file, the line (where known), the field and what is
wrong, in the form `path:line: key: message`."""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from herzlich_tui import strings as S
from herzlich_tui.textsafe import safe_line

if TYPE_CHECKING:
    from herzlich_tui.model import DateError

__all__ = [
    "FIELD_IGNORED",
    "FILE_SKIPPED",
    "NOTHING_LEFT_OUT",
    "OUTCOMES",
    "REFERENCE_DROPPED",
    "SKIPPED",
    "Problem",
    "Suggestions",
    "closest",
    "date_problem",
    "did_you_mean",
]

# What the loader did about a problem (Problem.outcome), for `check --format json|sarif`. Codes, not words
# of the interface: editors and CI scripts match them.
SKIPPED = "skipped"  # the record is left out
FIELD_IGNORED = "field ignored"  # the record loads without the field
REFERENCE_DROPPED = "reference dropped"  # one id of a list is left out; the record and the rest of the list load
FILE_SKIPPED = "file skipped"  # nothing of the file (or folder) loads
NOTHING_LEFT_OUT = "none"  # nothing was there to load (an empty file)
OUTCOMES = (SKIPPED, FIELD_IGNORED, REFERENCE_DROPPED, FILE_SKIPPED, NOTHING_LEFT_OUT)


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong with the data. `line` and `column` are 1-based; 0 when unknown. `outcome` says what
    the loader did about it (one of OUTCOMES): every place that makes a Problem sets it. `message` is said
    (strings.said): as a str it is the English, str() and format() say it in the language of the moment.

    The fields hold what was found (a file name or a key as it is, to match it with others); `str()` gives
    the whole line made safe for a terminal (see textsafe.safe_line): a key or a file name may hold escapes."""

    path: str
    message: str
    line: int = 0
    column: int = 0
    key: str = ""
    outcome: str = ""

    @property
    def location(self) -> str:
        where = self.path
        if self.line:
            where += f":{self.line}"
            if self.column:
                where += f":{self.column}"
        return where

    def __str__(self) -> str:
        key = f" {self.key}:" if self.key else ""
        return safe_line(f"{self.location}:{key} {self.message}")

    @property
    def sort_key(self) -> tuple[str, int, int]:
        return (self.path, self.line, self.column)


def did_you_mean(word: str, options: Iterable[str]) -> str:
    """'; did you mean 'x'?' for the closest option (said: a value for a problem's message), or '' when
    nothing is close. Compares with every option: for a few (field names, kinds); for many (every id of a
    kind), see Suggestions."""
    return _hint(closest(word, options))


def closest(word: str, options: Iterable[str]) -> str | None:
    """The option closest to `word` (as did_you_mean finds it), or None."""
    return _closest(word, list(options))


def _hint(close: str | None) -> str:
    return S.said("PROBLEM_DID_YOU_MEAN", option=close) if close is not None else ""


def _closest(word: str, candidates: Sequence[str]) -> str | None:
    """The candidate closest to `word` by difflib's ratio (at least 0.6), or None."""
    import difflib  # only for a problem (the app reads Problem before its first frame)

    close = difflib.get_close_matches(word, candidates, n=1, cutoff=0.6)
    return close[0] if close else None


class Suggestions:
    """'Did you mean' among many options (every id of a kind) without comparing a word with each: the
    options are sorted twice, as they are and spelt backwards, and a word is compared only with a few
    neighbours in each order: those that share the longest start (or end) with it, found where the word
    would be sorted in and where the start (or end) it shares with them would be (the shortest options
    that share it). A typo sits between a part of the id that is right before it and one after it, so the
    id meant is among them; two typos far apart may be missed. A list of at most SMALL options is compared
    whole, as `did_you_mean` does. The sorting is done at the first word, once."""

    SMALL = 64
    NEIGHBOURS = 4

    def __init__(self, options: Iterable[str]) -> None:
        self._options = list(dict.fromkeys(options))
        self._forward: list[str] | None = None
        self._backward: list[str] | None = None

    def candidates(self, word: str) -> list[str]:
        """The options `word` is compared with."""
        if len(self._options) <= self.SMALL:
            return self._options
        if self._forward is None or self._backward is None:
            self._forward = sorted(self._options)
            self._backward = sorted(option[::-1] for option in self._options)
        near = self.NEIGHBOURS
        found = dict.fromkeys(_around(self._forward, word, near))
        found.update(dict.fromkeys(option[::-1] for option in _around(self._backward, word[::-1], near)))
        return list(found)

    MAX_CANDIDATES = 4 * 2 * NEIGHBOURS

    def __call__(self, word: str) -> str:
        """'; did you mean 'x'?' or '' (as did_you_mean)."""
        return _hint(_closest(word, self.candidates(word)))


def _around(ordered: list[str], word: str, count: int) -> list[str]:
    """The `count` options on each side of where `word` sorts in, and of where the longest start they
    share with it sorts in."""
    place = bisect.bisect_left(ordered, word)
    near = ordered[max(0, place - count) : place + count]
    shared = max((_shared_start(word, option) for option in near), default=0)
    start = bisect.bisect_left(ordered, word[:shared])
    if start < place - count:
        near += ordered[max(0, start - count) : start + count]
    return near


def _shared_start(one: str, other: str) -> int:
    size = 0
    for a, b in zip(one, other, strict=False):
        if a != b:
            break
        size += 1
    return size


def date_problem(error: DateError) -> str:
    """The message for a date that does not parse, in the interface's words (said)."""
    values = dict(error.values)
    if error.reason == "day":
        values["month_abbr"] = S.month(int(str(values["month"])), "abbreviated")
        values["month_name"] = S.month(int(str(values["month"])))
    return S.said(f"DATE_ERRORS.{error.reason}", text=error.text, **values)
