"""Loading again after files changed: only the changed files are parsed and checked, the checks across
files run over everything, and the result is the same as a full cold load's, whether the last load's
parts are handed over (the app's reload) or found in the cache of the files as they were (a next start)."""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from herzlich_tui import cache
from herzlich_tui.loading import LoadResult, data_roots, load
from herzlich_tui.loading import loader as loader_module
from herzlich_tui.search import SearchIndex

NEW_FILE = """\
[[event]]
id = "e-neu"
title = "Neues Ereignis im Grübentälchen"
date = "2021-06"
summary = "Ein Ereignis aus einer neuen Datei."
sources = ["{review}"]
"""


@pytest.fixture
def data(generated_data: Callable[[int, int], Path], tmp_path: Path) -> Path:
    """A folder of generated data of this test's own, to change."""
    folder = tmp_path / "data"
    shutil.copytree(generated_data(300, 5), folder)
    return folder


@pytest.fixture
def parsed(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """The names of the files the loader parses, as it parses them."""
    names: list[str] = []
    real = loader_module.parse_text

    def spy(raw: bytes, name: str, *args, **kwargs) -> None:
        names.append(Path(name).name)
        real(raw, name, *args, **kwargs)

    monkeypatch.setattr(loader_module, "parse_text", spy)
    yield names


def _roots(folder: Path) -> list[tuple[Path, str]]:
    return data_roots([folder], shipped=False, user=False)


def _summary(result: LoadResult) -> tuple:
    """Everything a load gives: each record whole (with where it was defined), each problem whole and as
    it reads, the files, and what a search finds."""
    problems = [(p.path, p.line, p.column, p.key, p.outcome, str(p)) for p in result.problems]
    hits = [hit.record.id for hit in SearchIndex(result.dataset).search("grubentalchen ereignis")]
    return list(result.dataset), problems, result.files, hits


def _municipality(data: Path, number: int = 0) -> Path:
    return sorted((data / "kommunen").glob("*.toml"))[number]


def _review_id(path: Path) -> str:
    text = path.read_text(encoding="utf-8")
    start = text.index('[[review]]\nid = "') + len('[[review]]\nid = "')
    return text[start : text.index('"', start)]


def _edit_title(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace('title = "', 'title = "Geändert: ', 1), encoding="utf-8")


def _break(path: Path) -> None:
    with path.open("a", encoding="utf-8") as handle:
        handle.write("\n[[event]\nid = \n")


# Each change: what it does to the data folder, and the file names the loader should parse afterwards.
CHANGES: dict[str, Callable[[Path], list[str]]] = {}


def change(function: Callable[[Path], list[str]]) -> Callable[[Path], list[str]]:
    CHANGES[function.__name__] = function
    return function


@change
def changed(data: Path) -> list[str]:
    path = _municipality(data)
    _edit_title(path)
    return [path.name]


@change
def added(data: Path) -> list[str]:
    path = data / "kommunen" / "zzz-neu.toml"
    path.write_text(NEW_FILE.format(review=_review_id(_municipality(data))), encoding="utf-8")
    return [path.name]


@change
def removed(data: Path) -> list[str]:
    # (shared.toml names this file's reviews: its own records now name ids that are gone)
    _municipality(data).unlink()
    return []


@change
def renamed(data: Path) -> list[str]:
    path = _municipality(data)
    target = path.with_name("aaa-umbenannt.toml")
    path.rename(target)
    return [target.name]


@change
def became_invalid(data: Path) -> list[str]:
    path = _municipality(data, 1)
    _break(path)
    return [path.name]


@change
def duplicate_added(data: Path) -> list[str]:
    # (an id that a file read later already defines: which of the two is kept is decided across files)
    source = _municipality(data, 2)
    text = source.read_text(encoding="utf-8")
    start = text.index("[[event]]")
    path = data / "aaa-kopie.toml"
    path.write_text(text[start : text.index("[[event]]", start + 1)], encoding="utf-8")
    return [path.name]


@change
def same_size_same_time(data: Path) -> list[str]:
    # (an edit that keeps the size and the modification time: only the bytes tell)
    path = _municipality(data)
    info = path.stat()
    raw = bytearray(path.read_bytes())
    at = raw.index(b'title = "') + len(b'title = "')
    raw[at] = ord("Q") if raw[at] != ord("Q") else ord("R")
    path.write_bytes(bytes(raw))
    os.utime(path, ns=(info.st_atime_ns, info.st_mtime_ns))
    assert path.stat().st_size == info.st_size
    return [path.name]


@pytest.mark.parametrize("name", sorted(CHANGES))
def test_a_reload_parses_only_changed_files_and_equals_a_cold_load(name: str, data: Path, parsed: list[str]) -> None:
    roots = _roots(data)
    before = load(roots)
    expected_parsed = CHANGES[name](data)
    parsed.clear()
    again = load(roots, reuse=before.parts)
    assert sorted(parsed) == sorted(expected_parsed)
    assert _summary(again) == _summary(load(roots))


@pytest.mark.parametrize("name", sorted(CHANGES))
def test_a_next_start_takes_the_unchanged_files_from_the_cache(
    name: str, data: Path, tmp_path: Path, parsed: list[str]
) -> None:
    roots, cache_dir = _roots(data), tmp_path / "cache"
    cache.load_indexed(roots, cache_dir)
    expected_parsed = CHANGES[name](data)
    parsed.clear()
    again = cache.load_indexed(roots, cache_dir)
    assert not again.from_cache
    assert sorted(parsed) == sorted(expected_parsed)
    assert _summary(again.result) == _summary(load(roots))
    # The cache now holds the files as they are, and a further start reads it whole.
    parsed.clear()
    warm = cache.load_indexed(roots, cache_dir)
    assert warm.from_cache and parsed == []
    assert _summary(warm.result) == _summary(again.result)


def test_a_file_that_becomes_valid_again_is_parsed_and_the_rest_is_reused(data: Path, parsed: list[str]) -> None:
    roots = _roots(data)
    path = _municipality(data, 1)
    good = path.read_bytes()
    cold = load(roots)
    _break(path)
    broken = load(roots, reuse=cold.parts)
    assert any(p.path == str(path) for p in broken.problems)
    path.write_bytes(good)
    parsed.clear()
    mended = load(roots, reuse=broken.parts)
    assert parsed == [path.name]
    assert _summary(mended) == _summary(cold)


def test_a_part_from_the_cache_finds_the_lines_of_its_problems(data: Path, tmp_path: Path) -> None:
    # Removing a file leaves references in shared.toml (not parsed again) that name its ids: their
    # problems need shared.toml's lines, read again from the file.
    roots, cache_dir = _roots(data), tmp_path / "cache"
    cache.load_indexed(roots, cache_dir)
    removed(data)
    again = cache.load_indexed(roots, cache_dir).result
    dangling = [p for p in again.problems if p.path.endswith("shared.toml")]
    assert dangling and all(p.line > 1 for p in dangling)
    assert [(p.line, str(p)) for p in dangling] == [
        (p.line, str(p)) for p in load(roots).problems if p.path.endswith("shared.toml")
    ]


def test_parts_of_other_data_or_another_program_are_not_taken(data: Path, tmp_path: Path, parsed: list[str]) -> None:
    roots, cache_dir = _roots(data), tmp_path / "cache"
    first = cache.load_indexed(roots, cache_dir)
    changed(data)
    target = cache.cache_file(cache_dir, roots)
    text = target.read_bytes()
    # A cache written by another version of the program: nothing of it is taken.
    import pickle

    key = pickle.loads(text)
    forged = pickle.dumps((key[0], "0.0.0", *key[2:])) + text[len(pickle.dumps(key)) :]
    target.write_bytes(forged)
    parsed.clear()
    again = cache.load_indexed(roots, cache_dir)
    assert len(parsed) == len(first.result.files)
    assert _summary(again.result) == _summary(load(roots))


async def test_the_app_parses_only_the_saved_file_again(
    tmp_path: Path, write_toml, review_toml: str, data_dir: Path, parsed: list[str]
) -> None:
    import asyncio

    from app_helpers import listed, make_app, ready

    write_toml("a.toml", review_toml + NEW_FILE.format(review="r-test"))
    saved = write_toml("b.toml", NEW_FILE.format(review="r-test").replace("e-neu", "e-zwei"))
    # (No cache: what is not parsed again can only come from the data on screen.)
    app = make_app(tmp_path, roots=data_roots([data_dir], user=False), cache_dir=None)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await ready(pilot)
        before = screen.dataset
        parsed.clear()
        saved.write_text(NEW_FILE.format(review="r-test").replace("e-neu", "e-drei"), encoding="utf-8")
        await pilot.press("ctrl+r")
        for _ in range(60):
            if app.dataset is not before and "e-drei" in listed(app.main):
                break
            await asyncio.sleep(0.05)
        assert "e-drei" in listed(app.main) and "e-zwei" not in listed(app.main)
        assert parsed == ["b.toml"]
        await pilot.press("q")
