"""A first start that searches shows the matches of the files holding the query's words before the whole
data is loaded (glimpse.py): the scan never misses a file whose records the index finds by their own text,
the first answer is part of the whole answer, and the whole load does not parse those files again."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from app_helpers import hold, listed, make_app, ready

from herzlich_tui import cache, paths
from herzlich_tui import strings as S
from herzlich_tui.glimpse import glimpse, holding, scan_terms, scanned
from herzlich_tui.loading import data_roots, load
from herzlich_tui.loading import loader as loader_module
from herzlich_tui.loading.files import discover
from herzlich_tui.search import SearchIndex, _fold_with_alternatives, record_fields, words
from herzlich_tui.ui.messages import LoadProgress
from herzlich_tui.ui.screens.main import MainScreen

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
import generate


@pytest.fixture
def generated(generated_data: Callable[[int, int], Path]) -> Path:
    return generated_data(600, 3)


def _roots(folder: Path) -> list[tuple[Path, str]]:
    return data_roots([folder], shipped=False, user=False)


@pytest.mark.parametrize("where", ["shipped", "generated"])
def test_the_scan_finds_every_word_a_record_is_indexed_under(where: str, generated: Path) -> None:
    roots = [(paths.shipped_data_dir(), "shipped")] if where == "shipped" else _roots(generated)
    result = load(roots)
    texts = {part.path: scanned(Path(part.path).read_bytes()) for part in result.parts}
    looked = 0
    for record in result.dataset:
        assert record.origin is not None
        text = texts[record.origin.path]
        for name, value in record_fields(record):
            if name == "date":
                continue  # (the words of a date are the index's, not the file's)
            for word in words(_fold_with_alternatives(value)):
                for query in {word, word[:3]}:
                    spellings = scan_terms(query)
                    if spellings is None:
                        continue  # (a word the scan does not answer: the whole load does)
                    looked += 1
                    assert any(spelling in text for spelling in spellings[0]), (record.id, name, query)
    assert looked > 1000


def test_a_word_spelt_with_ae_oe_ue_finds_the_umlaut(tmp_path: Path) -> None:
    path = tmp_path / "a.toml"
    path.write_text('title = "Straße im Grübentälchen, Café Łódź, Bau–Hof"\n', encoding="utf-8")
    files = [(path, "extra")]
    for query in ("gruebentaelchen", "GRÜBENTÄL", "grubent", "strasse", "cafe", "lodz", "strasse cafe", "hof"):
        assert holding(files, query) == files, query
    # (A word prefix, not any substring: "talchen" starts no word of the text.)
    for query in ("grubentalchenx", "strasse bonn", "talchen", "fe"):
        assert holding(files, query) == [], query
    assert scan_terms("") is None and scan_terms("ελλάδα") is None


ESCAPED = r'''
[[event]]
id = "e-1"
title = "M\u00fcllerstra\u00dfe"
date = "2021"
summary = """Ein Grüben\
    tälchen"""
place = 'literal\zweite'
sources = ["r-test"]
'''


def test_the_scan_reads_toml_escapes_as_the_loader_does(tmp_path: Path, review_toml: str) -> None:
    path = tmp_path / "a.toml"
    path.write_text(review_toml + ESCAPED, encoding="utf-8")
    files = [(path, "extra")]
    record = load(files).dataset["e-1"]
    assert (record.title, record.summary, record.place) == ("Müllerstraße", "Ein Grübentälchen", "literal\\zweite")
    for query in ("mullerstrasse", "muellerstrasse", "grubentalchen", "literal", "zweite"):
        assert holding(files, query) == files, query


def test_the_first_answer_is_part_of_the_whole_answer(generated: Path) -> None:
    roots = _roots(generated)
    whole = load(roots)
    index = SearchIndex(whole.dataset)
    for query in ("grubentalchen", "digital", "gruebentaelchen quartiersfest", "verwaltung"):
        first = glimpse(roots, query)
        assert first is not None, query
        found = {hit.record.id for hit in SearchIndex(first.dataset).search(query, limit=None)}
        assert found, query
        assert found <= {hit.record.id for hit in index.search(query, limit=None)}, query
        # Each record as the whole load gives it (its references to other files' records kept).
        assert all(record == whole.dataset[record.id] for record in first.dataset), query
    assert glimpse(roots, "gibtesnirgendwo") is None


def test_a_first_start_shows_the_first_answer_and_parses_its_files_once(
    generated: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    roots, cache_dir = _roots(generated), tmp_path / "cache"
    parsed: list[str] = []
    real = loader_module.parse_text

    def spy(raw: bytes, name: str, *args, **kwargs) -> None:
        parsed.append(name)
        real(raw, name, *args, **kwargs)

    monkeypatch.setattr(loader_module, "parse_text", spy)
    shown = []
    loaded = cache.load_indexed(roots, cache_dir, glimpsed=("grubentalchen", shown.append))
    assert len(shown) == 1
    first = shown[0]
    titles = [hit.record.title for hit in SearchIndex(first.dataset).search("grubentalchen")]
    assert len(titles) == 1 and generate.RARE_WORD in titles[0]
    assert sorted(parsed) == sorted(str(path) for path, _ in discover(roots)[0])  # (each file once)
    assert list(loaded.result.dataset) == list(load(roots).dataset)
    # A warm start needs no first answer.
    shown.clear()
    assert cache.load_indexed(roots, cache_dir, glimpsed=("grubentalchen", shown.append)).from_cache
    assert shown == []


async def _until(pilot, condition, seconds: float = 5.0) -> None:
    for _ in range(int(seconds / 0.05)):
        if condition():
            break
        await pilot.pause(0.05)
    await pilot.pause()


async def test_the_app_shows_the_first_matches_until_the_whole_answer(
    generated: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from herzlich_tui.ui import app as app_module

    monkeypatch.setattr(app_module, "SYNC_LOAD_BYTES", 0)
    release = hold(monkeypatch, loader_module, "load")  # (the whole load waits; the first answer does not)
    app = make_app(tmp_path, roots=_roots(generated), cache_dir=tmp_path / "cache", search="grubentalchen")
    async with app.run_test(size=(120, 40)) as pilot:
        await _until(pilot, lambda: app.main.glimpse)
        assert app.main.glimpse and app.dataset is None
        assert S.GLIMPSE_COUNT.format(count=1) in app.main.sub_title
        app.post_message(LoadProgress(420, 1000))  # (the header says how far, briefly: it has little room)
        await pilot.pause()
        assert app.main.sub_title.endswith(S.LOADING_SHORT.format(percent=42))
        first = listed(app.main)
        assert len(first) == 1
        release.set()
        await _until(pilot, lambda: not app.main.glimpse and app.main.index is not None, 10.0)
        screen = await ready(pilot)
        assert not screen.glimpse and screen.dataset is app.dataset
        assert set(first) <= set(listed(screen))
        assert S.GLIMPSE_COUNT.format(count=1) not in screen.sub_title
        await pilot.press("q")


async def test_quitting_while_the_first_answer_shows_keeps_no_list_for_the_next_start(
    generated: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from herzlich_tui.ui import app as app_module

    monkeypatch.setattr(app_module, "SYNC_LOAD_BYTES", 0)
    release = hold(monkeypatch, loader_module, "load")
    roots, cache_dir = _roots(generated), tmp_path / "cache"
    app = make_app(tmp_path, roots=roots, cache_dir=cache_dir, search="grubentalchen")
    async with app.run_test(size=(120, 40)) as pilot:
        await _until(pilot, lambda: app.main.glimpse)
        assert app.main.glimpse
        await pilot.press("q")
        release.set()
    assert not cache.cache_file(cache_dir, roots, "view", "marshal").exists()


@pytest.fixture
def small_sync(monkeypatch: pytest.MonkeyPatch) -> None:
    from herzlich_tui.ui import app as app_module

    monkeypatch.setattr(app_module, "SYNC_LOAD_BYTES", 0)


@pytest.mark.usefixtures("small_sync")
async def test_another_search_during_the_first_answer_waits_for_the_data(
    generated: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from textual.widgets import Input

    release = hold(monkeypatch, loader_module, "load")
    app = make_app(tmp_path, roots=_roots(generated), cache_dir=tmp_path / "cache", search="grubentalchen")
    async with app.run_test(size=(120, 40)) as pilot:
        await _until(pilot, lambda: app.main.glimpse)
        assert app.main.glimpse
        # Actions on a record of the first answer wait for the data, and say so.
        await pilot.press("b")
        await pilot.pause()
        assert S.NOTICE_STILL_LOADING in [str(n.message) for n in app._notifications]
        app.main.query_one("#search", Input).value = "verwaltung"
        await _until(pilot, lambda: not app.main.glimpse)
        assert not app.main.glimpse and app.main.dataset is None and listed(app.main) == []
        assert app.main.sub_title.startswith(S.VIEW_LABELS["timeline"]) and "%" in app.main.sub_title
        release.set()
        screen = await ready(pilot)
        await _until(pilot, lambda: app.main.index is not None)
        assert screen.dataset is app.dataset and len(listed(screen)) > 1
        await pilot.press("q")


@pytest.mark.usefixtures("small_sync")
async def test_a_search_cleared_when_the_data_is_there_shows_all_of_it(
    generated: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from textual.widgets import Input

    release = hold(monkeypatch, cache, "_index_and_keep")  # (the data comes; its index waits)
    app = make_app(tmp_path, roots=_roots(generated), cache_dir=tmp_path / "cache", search="grubentalchen")
    async with app.run_test(size=(120, 40)) as pilot:
        await _until(pilot, lambda: app.dataset is not None)
        assert app.main.glimpse and app.main.dataset is not app.dataset
        assert app.main.sub_title.endswith(S.INDEXING_SHORT) and S.CHECKING_SHORT not in app.main.sub_title
        app.main.query_one("#search", Input).value = ""
        await _until(pilot, lambda: not app.main.glimpse)
        assert app.main.dataset is app.dataset
        assert app.main.result is not None and app.main.result.total == len(app.dataset.events)
        release.set()
        await _until(pilot, lambda: app.main.index is not None)
        await pilot.press("q")


@pytest.mark.usefixtures("small_sync")
async def test_a_first_answer_with_nothing_for_the_view_is_not_shown(
    generated: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The files holding the word have no person that matches it: the people view waits for the data
    # rather than saying that nothing matches.
    release = hold(monkeypatch, loader_module, "load")
    shown = []
    real = MainScreen.show_glimpse

    def spy(self, *args):
        shown.append(True)
        real(self, *args)

    monkeypatch.setattr(MainScreen, "show_glimpse", spy)
    app = make_app(
        tmp_path, roots=_roots(generated), cache_dir=tmp_path / "cache", search="grubentalchen", view="people"
    )
    async with app.run_test(size=(120, 40)) as pilot:
        await _until(pilot, lambda: bool(shown))
        await pilot.pause(0.1)
        assert shown and not app.main.glimpse and app.main.dataset is None
        assert S.LIST_EMPTY not in app.main.sub_title
        release.set()
        await ready(pilot)
        await pilot.press("q")
