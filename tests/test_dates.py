"""PartialDate: parsing every form, canonical text, labels (browse/labels.py), ordering within a year, and
rejected input with the loader's message for it."""

from __future__ import annotations

import pytest

from herzlich_tui.browse.labels import date_label, day_label, group_label
from herzlich_tui.loading.problems import date_problem
from herzlich_tui.model import DateError, PartialDate, Precision


@pytest.mark.parametrize(
    ("text", "precision", "month", "day", "season"),
    [
        ("2020-03-13", Precision.DAY, 3, 13, ""),
        ("2020-06", Precision.MONTH, 6, 0, ""),
        ("2021-spring", Precision.SEASON, 0, 0, "spring"),
        ("2021-summer", Precision.SEASON, 0, 0, "summer"),
        ("2021-autumn", Precision.SEASON, 0, 0, "autumn"),
        ("2021-winter", Precision.SEASON, 0, 0, "winter"),
        ("2020-start", Precision.YEAR_START, 0, 0, ""),
        ("2020-end", Precision.YEAR_END, 0, 0, ""),
        ("2020", Precision.YEAR, 0, 0, ""),
    ],
)
def test_parse_every_form(text: str, precision: Precision, month: int, day: int, season: str) -> None:
    date = PartialDate.parse(text)
    assert (date.year, date.precision, date.month, date.day, date.season) == (
        int(text[:4]),
        precision,
        month,
        day,
        season,
    )
    assert date.text == text  # the canonical form round-trips


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("2020-03-13", "13 Mar 2020"),
        ("2020-03-01", "1 Mar 2020"),
        ("2021-06", "Jun 2021"),
        ("2021-summer", "Summer 2021"),
        ("2021-winter", "Winter 2021"),
        ("2020-start", "Start of 2020"),
        ("2020-end", "End of 2020"),
        ("2020", "2020"),
    ],
)
def test_label(text: str, label: str) -> None:
    date = PartialDate.parse(text)
    assert date_label(date) == label
    assert str(date) == text  # a date as a value is its canonical text: the words are the interface's


@pytest.mark.parametrize(
    ("text", "group"),
    [
        ("2020-03-13", "March"),
        ("2020-03", "March"),
        ("2021-autumn", "Autumn"),
        ("2020-start", "Start of year"),
        ("2020-end", "End of year"),
        ("2020", "During the year"),
    ],
)
def test_group_label(text: str, group: str) -> None:
    assert group_label(PartialDate.parse(text)) == group


@pytest.mark.parametrize(
    ("text", "day"),
    [("2020-03-13", "13"), ("2020-03-01", "1"), ("2021-06", ""), ("2021-summer", ""), ("2020-start", ""), ("2020", "")],
)
def test_day_label_says_only_what_the_headings_do_not(text: str, day: str) -> None:
    # Under "2020" and "March" an event of 13 March needs "13"; one of March, or of a season, nothing.
    assert day_label(PartialDate.parse(text)) == day


def test_month_or_none_only_for_day_and_month() -> None:
    assert PartialDate.parse("2020-03-13").month_or_none == 3
    assert PartialDate.parse("2020-03").month_or_none == 3
    assert PartialDate.parse("2020-summer").month_or_none is None
    assert PartialDate.parse("2020").month_or_none is None


def test_order_within_a_year() -> None:
    expected = [
        "2021-start",
        "2021-01-05",
        "2021-03",
        "2021-spring",  # after its first month (March) ...
        "2021-04-01",  # ... and before the next
        "2021-06-30",
        "2021-06",
        "2021-summer",
        "2021-07",
        "2021-12-24",
        "2021-winter",
        "2021",  # the year as a whole
        "2021-end",
        "2022-start",
    ]
    shuffled = expected[::-1]
    ordered = sorted((PartialDate.parse(t) for t in shuffled), key=lambda d: d.sort_key)
    assert [d.text for d in ordered] == expected


def test_earlier_year_sorts_first_whatever_the_precision() -> None:
    assert PartialDate.parse("2020-end").sort_key < PartialDate.parse("2021-start").sort_key
    assert PartialDate.parse("2020").sort_key < PartialDate.parse("2021-01-01").sort_key


def test_surrounding_whitespace_is_ignored() -> None:
    assert PartialDate.parse(" 2021-06 \n").text == "2021-06"


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("2021-02-30", "day 30 does not exist in Feb 2021"),
        ("2021-02-29", "day 29 does not exist in Feb 2021"),
        ("2021-04-31", "day 31 does not exist in Apr 2021"),
        ("2021-00-10", "month 0 does not exist"),
        ("2021-13", "month 13 does not exist"),
        ("2021-00", "month 0 does not exist"),
        ("0999", "year 999 is out of range"),
        ("2021-fall", "'fall' is not a season, 'start' or 'end'"),
    ],
)
def test_impossible_dates(text: str, reason: str) -> None:
    with pytest.raises(DateError) as caught:
        PartialDate.parse(text)
    assert reason in date_problem(caught.value)
    assert repr(text) in date_problem(caught.value)


def test_leap_day_exists_in_a_leap_year() -> None:
    assert date_label(PartialDate.parse("2020-02-29")) == "29 Feb 2020"


@pytest.mark.parametrize(
    "text",
    [
        "",
        "21",
        "2021-6",
        "2021-06-1",
        "2021/06/01",
        "2021-Summer",
        "13.03.2020",
        "2021-06-01T10:00",
        "2021-06-01-02",
        "summer 2021",
        "20211",
    ],
)
def test_malformed_strings(text: str) -> None:
    with pytest.raises(DateError) as caught:
        PartialDate.parse(text)
    assert "is not a date; expected YYYY, YYYY-MM, YYYY-MM-DD" in date_problem(caught.value)


def test_non_string_is_not_a_date() -> None:
    with pytest.raises(DateError) as caught:
        PartialDate.parse(2021)  # type: ignore[arg-type]
    assert "is not a date" in date_problem(caught.value)


def test_date_error_is_a_value_error() -> None:
    assert issubclass(DateError, ValueError)
