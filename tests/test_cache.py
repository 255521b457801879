"""The load cache: hits on an unchanged second start, misses on any change, survives a corrupt file."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from herzlich_tui import cache
from herzlich_tui.cache import load_indexed
from herzlich_tui.loading import data_roots

EVENT = """
[[event]]
id = "e-cache"
title = "Cache-Test in Grübentälchen"
date = "2022-05"
summary = "Ein Ereignis."
sources = ["r-test"]
"""


@pytest.fixture
def roots(write_toml, review_toml: str, data_dir: Path) -> list[tuple[Path, str]]:
    write_toml("a.toml", review_toml + EVENT)
    return data_roots([data_dir], shipped=False, user=False)


def test_second_load_comes_from_cache_and_searches(roots, tmp_path: Path) -> None:
    first = load_indexed(roots, tmp_path / "cache")
    second = load_indexed(roots, tmp_path / "cache")
    assert not first.from_cache
    assert second.from_cache
    assert [r.id for r in second.result.dataset] == [r.id for r in first.result.dataset]
    assert second.result.problems == first.result.problems
    assert [h.record.id for h in second.index.search("grubentalchen")] == ["e-cache"]


def test_changed_file_invalidates(roots, tmp_path: Path, data_dir: Path) -> None:
    load_indexed(roots, tmp_path / "cache")
    path = data_dir / "a.toml"
    path.write_text(path.read_text(encoding="utf-8").replace("Cache-Test", "Neuer Titel"), encoding="utf-8")
    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000))
    again = load_indexed(roots, tmp_path / "cache")
    assert not again.from_cache
    assert again.result.dataset["e-cache"].label.startswith("Neuer Titel")


def test_added_file_invalidates(roots, tmp_path: Path, write_toml) -> None:
    load_indexed(roots, tmp_path / "cache")
    write_toml("b.toml", EVENT.replace("e-cache", "e-more"))
    again = load_indexed(roots, tmp_path / "cache")
    assert not again.from_cache
    assert "e-more" in again.result.dataset


def test_new_version_invalidates(roots, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    load_indexed(roots, tmp_path / "cache")
    monkeypatch.setattr(cache, "__version__", "99.0")
    assert not load_indexed(roots, tmp_path / "cache").from_cache


@pytest.mark.parametrize("garbage", [b"", b"not a pickle", b"\x80\x05\x95truncated"])
def test_corrupt_cache_is_ignored_and_rebuilt(roots, tmp_path: Path, garbage: bytes) -> None:
    load_indexed(roots, tmp_path / "cache")
    (cache_file,) = (tmp_path / "cache").glob("load-*.pickle")
    cache_file.write_bytes(garbage)
    result = load_indexed(roots, tmp_path / "cache")
    assert not result.from_cache
    assert "e-cache" in result.result.dataset
    assert load_indexed(roots, tmp_path / "cache").from_cache


def test_problems_are_kept_in_the_cache(write_toml, review_toml: str, data_dir: Path, tmp_path: Path) -> None:
    write_toml("a.toml", review_toml + EVENT.replace('date = "2022-05"', 'date = "2022-13"'))
    roots = data_roots([data_dir], shipped=False, user=False)
    first = load_indexed(roots, tmp_path / "cache")
    second = load_indexed(roots, tmp_path / "cache")
    assert second.from_cache
    assert [str(p) for p in second.result.problems] == [str(p) for p in first.result.problems]
    assert any("month 13" in str(p) for p in second.result.problems)


def test_no_cache_folder_means_no_cache(roots) -> None:
    assert not load_indexed(roots, None).from_cache
    assert not load_indexed(roots, None).from_cache


def test_changed_code_invalidates(roots, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    load_indexed(roots, tmp_path / "cache")
    monkeypatch.setattr(cache, "_code_hash", lambda: "another model")
    assert not load_indexed(roots, tmp_path / "cache").from_cache
