"""Searching data loaded again while its own index is built (interim.py): the last index answers for the
records that did not change and an index of the changed ones for them, as the new index would."""

from __future__ import annotations

import asyncio
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from app_helpers import hold, listed, make_app, ready
from test_incremental import CHANGES, _municipality, _roots

from herzlich_tui import strings as S
from herzlich_tui.interim import InterimIndex, interim_index
from herzlich_tui.loading import load
from herzlich_tui.search import SearchIndex

QUERIES = ("geandert", "digital", "grubentalchen", "verwaltung quartiersfest", "x", "gibtesnicht", "")


@pytest.fixture
def data(generated_data: Callable[[int, int], Path], tmp_path: Path) -> Path:
    folder = tmp_path / "data"
    shutil.copytree(generated_data(300, 5), folder)
    return folder


@pytest.mark.parametrize("name", sorted(CHANGES))
def test_the_interim_answer_is_the_new_index_answer(name: str, data: Path) -> None:
    roots = _roots(data)
    before = load(roots)
    last = SearchIndex(before.dataset)
    CHANGES[name](data)
    after = load(roots, reuse=before.parts)
    interim = InterimIndex(after.dataset, before.dataset, last)
    fresh = SearchIndex(after.dataset)
    for query in QUERIES:
        assert interim.match_mask(query) == fresh.match_mask(query), query
    assert interim.did_you_mean("digitl") == last.did_you_mean("digitl")


def test_records_that_changed_are_found_by_their_new_text_only(data: Path) -> None:
    roots = _roots(data)
    before = load(roots)
    last = SearchIndex(before.dataset)
    path = _municipality(data)
    path.write_text(path.read_text(encoding="utf-8").replace("Grübentälchen", "Zwischenwiese"), encoding="utf-8")
    after = load(roots, reuse=before.parts)
    interim = InterimIndex(after.dataset, before.dataset, last)
    fresh = SearchIndex(after.dataset)
    for query in ("zwischenwiese", "grubentalchen"):
        assert interim.match_mask(query) == fresh.match_mask(query), query


async def test_a_search_stays_narrowed_while_reloaded_data_is_indexed(
    data: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from herzlich_tui import cache

    app = make_app(tmp_path, roots=_roots(data), cache_dir=tmp_path / "cache", search="grubentalchen")
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await ready(pilot)
        shown = listed(screen)
        assert shown
        release = hold(monkeypatch, cache, "_index_and_keep")  # (the new index waits)
        before = app.dataset
        _municipality(data, 3).write_text("", encoding="utf-8")  # (another file changes)
        await pilot.press("ctrl+r")
        for _ in range(100):
            await asyncio.sleep(0.05)
            if app.main.dataset is not before and app.main.dataset is not None:
                break
        await pilot.pause()
        assert app.main.dataset is not before and app.search_index is None

        assert listed(app.main) == shown  # narrowed, not every record
        assert S.INDEXING in app.main.sub_title
        release.set()
        for _ in range(100):
            await asyncio.sleep(0.05)
            if app.search_index is not None:
                break
        await pilot.pause()
        assert listed(app.main) == shown and S.INDEXING not in app.main.sub_title
        await pilot.press("q")


def test_a_record_renamed_in_another_file_is_found_by_its_new_name_only(data: Path) -> None:
    roots = _roots(data)
    before = load(roots)
    last = SearchIndex(before.dataset)
    # (A person named by records of other files than the one renamed in: those are not loaded again.)
    person = next(
        r
        for r in before.dataset
        if r.kind == "person"
        and r.origin.path.endswith("shared.toml")
        and sum(not n.origin.path.endswith("shared.toml") for n in before.dataset.referrers(r.id)) > 2
    )
    shared = data / "shared.toml"
    shared.write_text(shared.read_text(encoding="utf-8").replace(person.name, "Zwirbelmann"), encoding="utf-8")
    after = load(roots, reuse=before.parts)
    interim = InterimIndex(after.dataset, before.dataset, last)
    fresh = SearchIndex(after.dataset)
    for query in ("zwirbelmann", person.name, person.name.split()[-1]):
        assert interim.match_mask(query) == fresh.match_mask(query), query


def test_data_read_back_from_the_cache_is_answered_by_the_last_index(data: Path, tmp_path: Path) -> None:
    # Every record read from the cache is a new object, equal to the last one: nothing is indexed again.
    from herzlich_tui import cache

    roots, cache_dir = _roots(data), tmp_path / "cache"
    first = cache.load_indexed(roots, cache_dir)
    again = cache.load_indexed(roots, cache_dir)
    assert again.from_cache and next(iter(again.result.dataset)) is not next(iter(first.result.dataset))
    interim = interim_index(again.result.dataset, first.result.dataset, first.index)
    assert interim is not None and interim.changed == 0
    for query in QUERIES:
        assert interim.match_mask(query) == again.index.match_mask(query), query


def test_saves_while_the_index_is_built_are_answered_from_the_first_index(data: Path) -> None:
    roots = _roots(data)
    before = load(roots)
    answering = SearchIndex(before.dataset)
    last = before
    for number in range(3):
        path = _municipality(data, number)
        path.write_text(path.read_text(encoding="utf-8").replace('title = "', f'title = "Neu{number} ', 1))
        now = load(roots, reuse=last.parts)
        made = interim_index(now.dataset, last.dataset, answering)
        assert made is not None and made.before is not None and isinstance(made.before, SearchIndex)
        answering, last = made, now
    fresh = SearchIndex(last.dataset)
    for query in (*QUERIES, "neu0", "neu2"):
        assert answering.match_mask(query) == fresh.match_mask(query), query


def test_no_interim_index_when_most_of_the_data_changed(data: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from herzlich_tui import interim

    monkeypatch.setattr(interim, "FEW_CHANGED", 0)
    roots = _roots(data)
    before = load(roots)
    last = SearchIndex(before.dataset)
    for path in (data / "kommunen").glob("*.toml"):
        path.write_text(path.read_text(encoding="utf-8").replace("[[event]]\n", "[[event]]\nplace = 'Neu'\n"))
    after = load(roots, reuse=before.parts)
    assert interim_index(after.dataset, before.dataset, last) is None
    monkeypatch.setattr(interim, "MOST_CHANGED", 1.0)
    assert interim_index(after.dataset, before.dataset, last) is not None
