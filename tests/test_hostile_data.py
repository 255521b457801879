"""Hostile and odd data files: CRLF line ends, files that are not regular files, non-finite and huge
numbers, single-line fields with line breaks, odd ids and dates, quoted keys. Each gives the values
tomllib would, or a clear problem, and the rest of the data still loads."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import tomllib
from collections.abc import Callable
from pathlib import Path

import pytest

from herzlich_tui.export import export
from herzlich_tui.loading import LoadResult, loader

WriteToml = Callable[[str, str], Path]


@pytest.fixture
def report(data_dir: Path) -> Callable[[LoadResult], list[str]]:
    def run(result: LoadResult) -> list[str]:
        return [str(p).replace(f"{data_dir}/", "") for p in result.problems]

    return run


@pytest.fixture
def with_review(write_toml: WriteToml, review_toml: str) -> None:
    write_toml("0-review.toml", review_toml)


GOOD_EVENT = """
    [[event]]
    id = "e-good"
    title = "Gut"
    date = "2021"
    summary = "s"
    sources = ["r-test"]
    """


# --- CRLF ----------------------------------------------------------------------------------------------
CRLF_EVENT = (
    '[[event]]\r\nid = "e-crlf"\r\ntitle = "Zeilen"\r\ndate = "2021"\r\n'
    'summary = """\r\nerste Zeile\r\nzweite Zeile\\\r\n   fortgesetzt\r\n"""\r\n'
    'sources = ["r-test"]\r\n\r\n'
    '[[person]]\r\nid = "p-crlf"\r\nname = "N"\r\n'
    "description = '''\r\nOrt\r\n\r\nund mehr\r\n'''\r\n"
    'sources = ["r-test"]\r\n'
)


def test_crlf_files_read_as_tomllib_reads_them(with_review, data_dir: Path, load_dir, report) -> None:
    (data_dir / "crlf.toml").write_bytes(CRLF_EVENT.encode())
    result = load_dir()
    assert report(result) == []
    event, person = result.dataset["e-crlf"], result.dataset["p-crlf"]
    reference = tomllib.loads(CRLF_EVENT)
    assert event.summary == reference["event"][0]["summary"]
    assert person.description == reference["person"][0]["description"] == "Ort\n\nund mehr\n"
    assert event.summary == "erste Zeile\nzweite Zeilefortgesetzt\n"
    toml = export(result.dataset, list(result.dataset), "toml")
    assert "\r" not in toml and "␍" not in toml


# --- what is not a regular file, what has no end ---------------------------------------------------------
posix_only = pytest.mark.skipif(os.name != "posix", reason="FIFOs and devices are POSIX")


@posix_only
@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda path: os.mkfifo(path), "is a FIFO (named pipe), not a regular file; only regular files are read"),
        (lambda path: path.symlink_to("/dev/zero"), "is a device, not a regular file; only regular files are read"),
        (lambda path: path.symlink_to("/dev/urandom"), "is a device, not a regular file; only regular files are read"),
    ],
    ids=["fifo", "dev-zero", "dev-urandom"],
)
def test_what_is_not_a_regular_file_is_a_problem_not_a_hang(
    with_review, write_toml: WriteToml, data_dir: Path, tmp_path: Path, make, message: str
) -> None:
    write_toml("good.toml", GOOD_EVENT)
    make(data_dir / "x.toml")
    # In a process of its own, so that a hang ends the test instead of the test run.
    program = (
        "from pathlib import Path; from herzlich_tui.loading import load\n"
        f"result = load([(Path({str(data_dir)!r}), 'extra')])\n"
        "print(sorted(r.id for r in result.dataset))\n"
        "for problem in result.problems: print(problem)\n"
    )
    done = subprocess.run([sys.executable, "-c", program], capture_output=True, text=True, timeout=60, check=False)
    assert done.returncode == 0, done.stderr
    ids, *problems = done.stdout.splitlines()
    assert ids == "['e-good', 'r-test']"
    assert problems == [f"{data_dir / 'x.toml'}: {message}"]


@posix_only
@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="needs /proc")
def test_the_size_limit_counts_what_is_read(monkeypatch, data_dir: Path, load_dir, report) -> None:
    # /proc files say they are 0 bytes long and hold more: the limit holds them to what is read.
    (data_dir / "proc.toml").symlink_to("/proc/self/status")
    monkeypatch.setattr(loader, "MAX_FILE_BYTES", 100)
    assert report(load_dir()) == [
        "proc.toml: file holds more than 100 bytes; the limit is 100 bytes, split it into smaller files"
    ]


def test_a_socket_is_a_problem(with_review, data_dir: Path, load_dir, report) -> None:
    if not hasattr(socket, "AF_UNIX"):
        pytest.skip("no Unix sockets")
    with socket.socket(socket.AF_UNIX) as server:
        try:
            server.bind(str(data_dir / "s.toml"))
        except OSError as error:  # (a path too long for a socket)
            pytest.skip(str(error))
        assert report(load_dir()) == ["s.toml: is a socket, not a regular file; only regular files are read"]


# --- numbers -------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("nan", "expected a finite number, got nan"),
        ("inf", "expected a finite number, got inf"),
        ("-inf", "expected a finite number, got -inf"),
        ("123456789012345678901234567890", "whole number of 30 digits is beyond 64 bits"),
        ("-9223372036854775809", "whole number of 19 digits is beyond 64 bits"),
    ],
)
def test_non_finite_and_huge_numbers_are_problems(
    with_review, write_toml: WriteToml, load_dir, report, value: str, message: str
) -> None:
    write_toml(
        "f.toml",
        f"""
        [[figure]]
        id = "f1"
        value = {value}
        unit = "u"
        text = "t"
        measures = "m"
        year = 2021
        sources = ["r-test"]
        """,
    )
    result = load_dir()
    assert report(result) == [f"f.toml:3: figure.value: 'f1': {message}"]
    assert "f1" not in result.dataset  # (value is required)


def test_huge_whole_numbers_in_years_and_counts(with_review, write_toml: WriteToml, load_dir, report) -> None:
    write_toml(
        "r.toml",
        """
        [[figure]]
        id = "f1"
        value = 9223372036854775807
        unit = "u"
        text = "t"
        measures = "m"
        year = 99999999999999999999
        sources = ["r-test"]

        [[role]]
        id = "role1"
        person = "p"
        title = "T"
        years = [2020, 99999999999999999999]
        sources = ["r-test"]
        """,
    )
    assert report(load_dir()) == [
        "r.toml:7: figure.year: 'f1': whole number of 20 digits is beyond 64 bits",
        "r.toml:12: role.person: 'role1': no person has the id 'p'",
        "r.toml:14: role.years: 'role1': whole number of 20 digits is beyond 64 bits",
    ]


# --- smaller things --------------------------------------------------------------------------------------
def test_single_line_fields_lose_their_line_breaks(with_review, write_toml: WriteToml, load_dir, report) -> None:
    write_toml(
        "e.toml",
        '''
        [[event]]
        id = "e1"
        title = """Erste Zeile
          zweite Zeile\r
        dritte"""
        date = "2021"
        place = "Ort\\nmit Umbruch"
        summary = """Absatz eins

        Absatz zwei"""
        sources = ["r-test"]

        [[person]]
        id = "p1"
        name = "Anna\\n\\u001b[2JBerta"
        sources = ["r-test"]
        ''',
    )
    result = load_dir()
    assert report(result) == []
    event = result.dataset["e1"]
    assert (event.title, event.place) == ("Erste Zeile zweite Zeile dritte", "Ort mit Umbruch")
    assert event.summary == "Absatz eins\n\nAbsatz zwei"  # text of several lines keeps them
    assert result.dataset["p1"].name == "Anna ␛[2JBerta"


@pytest.mark.parametrize("bad_id", ["kl-2021\n", "kl-2021\r\n", "\nkl-2021", "kl-2021 "])
def test_an_id_with_a_line_break_is_not_an_id(write_toml: WriteToml, load_dir, report, bad_id: str) -> None:
    escaped = bad_id.replace("\n", "\\n").replace("\r", "\\r")
    write_toml(
        "r.toml",
        f'''
        [[review]]
        id = "{escaped}"
        year = 2021
        title = "T"
        publisher = "P"
        municipality = "M"
        summary = "s"
        ''',
    )
    result = load_dir()
    assert len(result.dataset) == 0
    shown = bad_id.replace("\r", "␍")  # (as read: control characters made visible)
    assert report(result) == [
        f"r.toml:2: review.id: {bad_id!r}: id {shown!r} must be lowercase letters, digits, '.', '-' or '_'"
    ]


@pytest.mark.parametrize("date", ["２０２１", "٢٠٢١", "2021-٠٦", "2021-06-１３", "2021\n-06"])
def test_dates_take_ascii_digits_only(with_review, write_toml: WriteToml, load_dir, report, date: str) -> None:
    written = date.replace("\n", "\\n")
    write_toml(
        "e.toml",
        f'''
        [[event]]
        id = "e1"
        title = "T"
        date = "{written}"
        summary = "s"
        sources = ["r-test"]
        ''',
    )
    [problem] = report(load_dir())
    assert problem.startswith(f"e.toml:4: event.date: 'e1': {date!r} is not a date; expected YYYY")


def test_quoted_keys_and_kinds_point_at_their_lines(with_review, write_toml: WriteToml, load_dir, report) -> None:
    write_toml(
        "q.toml",
        r"""
        [[event]]
        id = "e1"
        title = "T"
        date = "2021"
        summary = "s"
        sources = ["r-test"]
        "pl\u0061ce" = "Ort"
        "\u001b]0;x\u0007" = 1
        'wört' = 2
        "a\"b" = 3

        [["k\u001b[2Jind"]]
        x = 1

        [['kind.two']]
        y = 2
        """,
    )
    result = load_dir()
    assert result.dataset["e1"].place == "Ort"
    assert report(result) == [
        "q.toml:8: event.␛]0;x␇: 'e1': unknown field '\\x1b]0;x\\x07'",
        "q.toml:9: event.wört: 'e1': unknown field 'wört'",
        "q.toml:10: event.a\"b: 'e1': unknown field 'a\"b'",
        "q.toml:12: k␛[2Jind: unknown record kind 'k\\x1b[2Jind'",
        "q.toml:15: kind.two: unknown record kind 'kind.two'",
    ]


def test_check_of_a_million_tiny_tables_lists_200_problems(capsys, data_dir: Path) -> None:
    """Each `[[x]]` table of an unknown kind is one problem; a `[[event]]` without fields is five."""
    from herzlich_tui.cli import main

    (data_dir / "many.toml").write_text("[[event]]\n" * 200_000)
    assert main(["check", str(data_dir)]) == 1
    out, err = capsys.readouterr()
    lines = err.splitlines()
    assert out == "" and len(lines) == 202
    assert lines[-2] == "... and 999,800 more problem(s); 'check --all' lists every one."
