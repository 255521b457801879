"""Searching data loaded again while its own index is built (interim.py): the last index answers for the
records that did not change and an index of the changed ones for them, as the new index would."""

from __future__ import annotations

import asyncio
import shutil
import threading
from pathlib import Path

import pytest
from app_helpers import listed, make_app, ready
from test_incremental import CHANGES, _municipality, _roots, generated  # noqa: F401  (a fixture)

from herzlich_tui import strings as S
from herzlich_tui.interim import InterimIndex
from herzlich_tui.loading import load
from herzlich_tui.search import SearchIndex

QUERIES = ("geandert", "digital", "grubentalchen", "verwaltung quartiersfest", "x", "gibtesnicht", "")


@pytest.fixture
def data(generated: Path, tmp_path: Path) -> Path:  # noqa: F811
    folder = tmp_path / "data"
    shutil.copytree(generated, folder)
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
        release = threading.Event()
        real = cache._index_and_keep

        def held(*args, **kwargs):
            release.wait(10)
            return real(*args, **kwargs)

        monkeypatch.setattr(cache, "_index_and_keep", held)  # (the new index waits)
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
