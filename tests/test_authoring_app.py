"""For people who write data, in the app (issue 22): a saved file shows within moments, a bad edit is told
and the rest stays, ctrl+r loads again, and records show the ids data files refer to them by."""

from __future__ import annotations

import asyncio
from pathlib import Path

from app_helpers import listed, make_app, ready

from herzlich_tui import strings as S
from herzlich_tui.browse.blocks import blocks_to_text
from herzlich_tui.browse.pages import blocks_for
from herzlich_tui.loading import data_roots
from herzlich_tui.model import Dataset
from herzlich_tui.ui.screens.main import MainScreen
from herzlich_tui.ui.widgets.detail import DetailPane
from herzlich_tui.ui.widgets.record_list import RecordList

EVENT = """
[[event]]
id = "{id}"
title = "{title}"
date = "{date}"
summary = "Ein neues Ereignis."
sources = ["r-test"]
"""


async def wait_until(condition, seconds: float) -> bool:
    for _ in range(int(seconds / 0.05)):
        if condition():
            return True
        await asyncio.sleep(0.05)
    return condition()


async def test_a_saved_file_shows_in_the_app_and_a_bad_edit_keeps_the_rest(
    tmp_path: Path, write_toml, review_toml: str, data_dir: Path
) -> None:
    path = write_toml("mine.toml", review_toml + EVENT.format(id="e-first", title="Erstes Treffen", date="2021-03"))
    app = make_app(tmp_path, roots=data_roots([data_dir], user=False), cache_dir=tmp_path / "cache")
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await ready(pilot)
        assert "e-first" in listed(screen)
        await asyncio.sleep(0.3)  # (the watcher starts once the index is there)
        with path.open("a", encoding="utf-8") as handle:
            handle.write(EVENT.format(id="e-added", title="Nachgetragenes Treffen", date="2021-04"))
        assert await wait_until(lambda: "e-added" in listed(app.main), 3.0), listed(app.main)
        assert any(row.text == "Nachgetragenes Treffen" for row in app.main.result.rows)  # type: ignore[union-attr]
        with path.open("a", encoding="utf-8") as handle:
            handle.write(EVENT.format(id="e-broken", title="Kaputtes Datum", date="2021-02-30"))
        assert await wait_until(lambda: app.load_result is not None and len(app.load_result.problems) == 1, 3.0)
        await pilot.pause()
        assert "e-added" in listed(app.main) and "e-first" in listed(app.main)  # the rest stays
        messages = [str(n.message) for n in app._notifications]
        assert S.LOADED_WITH_PROBLEMS.format(count=1) in messages
        await pilot.press("q")


async def test_ctrl_r_loads_the_files_again_and_keeps_the_view(
    tmp_path: Path, write_toml, review_toml: str, data_dir: Path
) -> None:
    write_toml("mine.toml", review_toml + EVENT.format(id="e-one", title="Eins", date="2021-03"))
    app = make_app(tmp_path, roots=data_roots([data_dir], user=False), cache_dir=None)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await ready(pilot)
        before = screen.dataset
        await pilot.press("ctrl+r")
        assert await wait_until(lambda: app.dataset is not before and app.search_index is not None, 3.0)
        await pilot.pause()
        assert isinstance(app.screen, MainScreen) and app.main.view_state.view == "timeline"
        assert any(str(n.message).startswith("Data loaded again") for n in app._notifications)
        await pilot.press("q")


def test_details_show_the_id_and_copying_keeps_it(shipped_dataset: Dataset) -> None:
    blocks = blocks_for(shipped_dataset, "bigbluebutton")
    assert [b.style for b in blocks[:3]] == ["title", "meta", "id"]
    assert S.DETAIL_ID.format(id="bigbluebutton") in blocks_to_text(blocks)


async def test_the_palette_finds_a_record_by_its_id(tmp_path: Path) -> None:
    from herzlich_tui.ui.providers import RecordProvider

    app = make_app(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        found = [hit.text async for hit in RecordProvider(app.screen).search("e-2021-mpsc")]
        assert any("MPSC Mashup" in text for text in found)
        exact = [hit.text async for hit in RecordProvider(app.screen).search("bigbluebutton-fuer-vereine")]
        assert exact and "BigBlueButton für Vereine" in exact[0]
        await pilot.press("q")


async def test_the_details_shown_follow_a_saved_file(
    tmp_path: Path, write_toml, review_toml: str, data_dir: Path
) -> None:
    path = write_toml("mine.toml", review_toml + EVENT.format(id="e-one", title="Erstes Treffen", date="2021-03"))
    app = make_app(tmp_path, roots=data_roots([data_dir], user=False), cache_dir=None)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await ready(pilot)
        assert screen.query_one(RecordList).highlight("e-one")
        await pilot.pause(0.1)
        assert screen.query_one(DetailPane).record_id == "e-one"
        before = screen.dataset
        path.write_text(path.read_text(encoding="utf-8").replace("Erstes Treffen", "Zweites Treffen"))
        await pilot.press("ctrl+r")
        assert await wait_until(lambda: app.dataset is not before and app.main.dataset is app.dataset, 3.0)
        await pilot.pause()
        assert "Zweites Treffen" in screen.query_one(DetailPane).texts[0]
        await pilot.press("q")
