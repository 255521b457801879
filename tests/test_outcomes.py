"""What the loader did about each problem (Problem.outcome): a record left out, a field dropped, one id of
a list dropped, a whole file not read, or nothing left out; and every problem of a record at once."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from herzlich_tui.loading import LoadResult, Problem, load
from herzlich_tui.loading.problems import (
    FIELD_IGNORED,
    FILE_SKIPPED,
    NOTHING_LEFT_OUT,
    OUTCOMES,
    REFERENCE_DROPPED,
    SKIPPED,
)

WriteToml = Callable[[str, str], Path]
BAD = Path(__file__).parent / "bad_data"


@pytest.fixture(autouse=True)
def with_review(write_toml: WriteToml, review_toml: str) -> None:
    write_toml("0-review.toml", review_toml)


def outcomes(result: LoadResult) -> list[tuple[str, int, str, str]]:
    """(file name, line, key, outcome) of each problem."""
    return [(Path(p.path).name, p.line, p.key, p.outcome) for p in result.problems]


def test_a_wrong_optional_field_is_ignored_and_the_record_loads(write_toml: WriteToml, load_dir, data_dir) -> None:
    write_toml(
        "a.toml",
        """
        [[event]]
        id = "e1"
        title = "T"
        date = "2021"
        summary = "s"
        plase = "KL"
        place = 5
        sources = ["r-test"]
        """,
    )
    result = load_dir()
    assert outcomes(result) == [
        ("a.toml", 6, "event.plase", FIELD_IGNORED),
        ("a.toml", 7, "event.place", FIELD_IGNORED),
    ]
    assert "e1" in result.dataset


def test_every_problem_of_a_record_left_out_says_so(write_toml: WriteToml, load_dir, data_dir) -> None:
    """A missing required field leaves the record out: its unknown field is reported as left out with it,
    not as a field ignored."""
    write_toml(
        "a.toml",
        """
        [[event]]
        id = "e1"
        title = "T"
        plase = "KL"
        sources = ["r-test"]

        [[person]]
        id = "Anna"
        name = "Anna"
        sources = ["r-test"]
        """,
    )
    result = load_dir()
    assert outcomes(result) == [
        ("a.toml", 1, "event.date", SKIPPED),
        ("a.toml", 1, "event.summary", SKIPPED),
        ("a.toml", 4, "event.plase", SKIPPED),
        ("a.toml", 8, "person.id", SKIPPED),
    ]
    assert "e1" not in result.dataset


def test_a_record_with_two_problems_reports_both(write_toml: WriteToml, load_dir, data_dir) -> None:
    """A bad date leaves the event out; the person it misspells is reported in the same run, not only
    once the date is fixed."""
    write_toml(
        "a.toml",
        """
        [[person]]
        id = "anna"
        name = "Anna"
        sources = ["r-test"]

        [[event]]
        id = "e1"
        title = "T"
        date = "2021-02-30"
        summary = "s"
        people = ["ana", "anna"]
        organisations = ["nobody"]
        sources = ["r-tset"]
        """,
    )
    result = load_dir()
    assert [str(p).split("a.toml:")[1] for p in result.problems] == [
        "9: event.date: 'e1': '2021-02-30': day 30 does not exist in Feb 2021",
        "11: event.people: 'e1': no person has the id 'ana'; did you mean 'anna'?",
        "12: event.organisations: 'e1': no organisation has the id 'nobody'",
        "13: event.sources: 'e1': no review has the id 'r-tset'; did you mean 'r-test'?",
    ]
    assert {p.outcome for p in result.problems} == {SKIPPED}


def test_references(write_toml: WriteToml, load_dir, data_dir) -> None:
    """A dangling single reference drops the field (the record when it is required); one dangling id of a
    list drops that id; every id of a list dangling drops the field."""
    write_toml(
        "a.toml",
        """
        [[person]]
        id = "anna"
        name = "Anna"
        sources = ["r-test"]

        [[organisation]]
        id = "o1"
        name = "O"
        kind = "team"
        parent = "o9"
        sources = ["r-test"]

        [[event]]
        id = "e1"
        title = "T"
        date = "2021"
        summary = "s"
        people = ["ana", "anna"]
        organisations = ["o8"]
        sources = ["r-test"]

        [[role]]
        id = "r1"
        person = "berta"
        title = "Chefin"
        organisation = "o7"
        sources = ["r-test"]
        """,
    )
    result = load_dir()
    assert outcomes(result) == [
        ("a.toml", 10, "organisation.parent", FIELD_IGNORED),
        ("a.toml", 18, "event.people", REFERENCE_DROPPED),
        ("a.toml", 19, "event.organisations", FIELD_IGNORED),
        ("a.toml", 24, "role.person", SKIPPED),
        ("a.toml", 26, "role.organisation", SKIPPED),  # (left out with the record)
    ]
    dataset = result.dataset
    assert dataset["o1"].parent == ""
    assert dataset["e1"].people == ("anna",) and dataset["e1"].organisations == ()
    assert "r1" not in dataset


def test_duplicates_loops_and_unknown_kinds(write_toml: WriteToml, load_dir, data_dir) -> None:
    write_toml(
        "a.toml",
        """
        [[organisation]]
        id = "o1"
        name = "O"
        kind = "team"
        parent = "o2"
        sources = ["r-test"]

        [[organisation]]
        id = "o2"
        name = "P"
        kind = "team"
        parent = "o1"
        sources = ["r-test"]

        [[person]]
        id = "o1"
        name = "Anna"
        sources = ["r-test"]

        [[evnt]]
        id = "e1"
        """,
    )
    result = load_dir()
    assert outcomes(result) == [
        ("a.toml", 5, "organisation.parent", FIELD_IGNORED),
        ("a.toml", 16, "person.id", SKIPPED),
        ("a.toml", 20, "evnt", SKIPPED),
    ]


def test_files(write_toml: WriteToml, load_dir, data_dir: Path, tmp_path: Path) -> None:
    write_toml("empty.toml", "")
    write_toml("syntax.toml", "[[event]]\nid = \n")
    (data_dir / "latin1.toml").write_bytes('[[person]]\nname = "Jürgen"\n'.encode("latin-1"))
    (data_dir / "folder.toml").mkdir()
    result = load([(data_dir, "extra"), (tmp_path / "missing", "extra")])
    assert {(Path(p.path).name, p.outcome) for p in result.problems} == {
        ("empty.toml", NOTHING_LEFT_OUT),
        ("syntax.toml", FILE_SKIPPED),
        ("latin1.toml", FILE_SKIPPED),
        ("folder.toml", FILE_SKIPPED),
        ("missing", FILE_SKIPPED),
    }


def test_every_problem_of_the_bad_data_has_an_outcome() -> None:
    result = load([(BAD, "extra")])
    assert result.problems
    assert all(p.outcome in OUTCOMES for p in result.problems), [p for p in result.problems if not p.outcome]
    by_file = {(Path(p.path).name, p.outcome) for p in result.problems}
    assert ("unknown_field.toml", FIELD_IGNORED) in by_file
    assert ("missing_field.toml", SKIPPED) in by_file
    assert ("syntax_error.toml", FILE_SKIPPED) in by_file


def test_outcome_is_kept_out_of_the_text_line() -> None:
    """The text form stays `path:line: key: message`: the outcome is data for the machine formats."""
    problem = Problem("a.toml", "'e1': unknown field 'x'", 3, key="event.x", outcome=FIELD_IGNORED)
    assert str(problem) == "a.toml:3: event.x: 'e1': unknown field 'x'"
