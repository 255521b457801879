"""Problems found while loading data: each names the file, the line (where known), the field and what is
wrong, in the form `path:line: key: message`."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from herzlich_tui import strings as S
from herzlich_tui.textsafe import safe_line

if TYPE_CHECKING:
    from herzlich_tui.model import DateError

__all__ = ["Problem", "date_problem", "did_you_mean"]


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong with the data. `line` and `column` are 1-based; 0 when unknown.

    The fields hold what was found (a file name or a key as it is, to match it with others); `str()` gives
    the whole line made safe for a terminal (see textsafe.safe_line): a key or a file name may hold escapes."""

    path: str
    message: str
    line: int = 0
    column: int = 0
    key: str = ""

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
    """' (did you mean 'x'?)' for the closest option, or '' when nothing is close."""
    import difflib  # only for a problem (the app reads Problem before its first frame)

    close = difflib.get_close_matches(word, list(options), n=1, cutoff=0.6)
    return f"; did you mean {close[0]!r}?" if close else ""


def date_problem(error: DateError) -> str:
    """The message for a date that does not parse, in the interface's words."""
    values = dict(error.values)
    if error.reason == "day":
        values["month_name"] = S.MONTH_ABBR[int(values["month"])]  # type: ignore[call-overload]
    return S.DATE_ERRORS[error.reason].format(text=error.text, **values)
