"""Hostile and odd data files: CRLF line ends, files that are not regular files, non-finite and huge
numbers, single-line fields with line breaks, odd ids and dates, quoted keys. Each gives the values
tomllib would, or a clear problem, and the rest of the data still loads."""

from __future__ import annotations

import tomllib
from collections.abc import Callable
from pathlib import Path

import pytest

from herzlich_tui.export import export
from herzlich_tui.loading import LoadResult

WriteToml = Callable[[str, str], Path]


@pytest.fixture
def report(data_dir: Path) -> Callable[[LoadResult], list[str]]:
    def run(result: LoadResult) -> list[str]:
        return [str(p).replace(f"{data_dir}/", "") for p in result.problems]

    return run


@pytest.fixture
def with_review(write_toml: WriteToml, review_toml: str) -> None:
    write_toml("0-review.toml", review_toml)


# --- CRLF ----------------------------------------------------------------------------------------------
CRLF_EVENT = (
    '[[event]]\r\nid = "e-crlf"\r\ntitle = "Zeilen"\r\ndate = "2021"\r\n'
    'summary = """\r\nerste Zeile\r\nzweite Zeile\\\r\n   fortgesetzt\r\n"""\r\n'
    "place = '''\r\nOrt\r\n'''\r\n"
    'sources = ["r-test"]\r\n'
)


def test_crlf_files_read_as_tomllib_reads_them(with_review, data_dir: Path, load_dir, report) -> None:
    (data_dir / "crlf.toml").write_bytes(CRLF_EVENT.encode())
    result = load_dir()
    assert report(result) == []
    event = result.dataset["e-crlf"]
    reference = tomllib.loads(CRLF_EVENT)["event"][0]
    assert (event.summary, event.place) == (reference["summary"], reference["place"])
    assert event.summary == "erste Zeile\nzweite Zeilefortgesetzt\n"
    toml = export(result.dataset, list(result.dataset), "toml")
    assert "\r" not in toml and "␍" not in toml
