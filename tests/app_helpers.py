"""Helpers shared by the app tests: an app on chosen data, holding its loader back, waiting until its first
view is drawn, and what it lists."""

from __future__ import annotations

import threading
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

import pytest
from textual.pilot import Pilot

from herzlich_tui import cache
from herzlich_tui.loading import data_roots
from herzlich_tui.ui.app import HerzlichApp
from herzlich_tui.ui.screens.main import MainScreen
from herzlich_tui.ui.widgets.detail import DetailPane
from herzlich_tui.ui.widgets.record_list import RecordList


def make_app(tmp_path: Path, **kwargs: object) -> HerzlichApp:
    """An app (on the shipped data unless `roots` is given) exporting into tmp_path/exports."""
    kwargs.setdefault("roots", data_roots(user=False))
    return HerzlichApp(export_dir=tmp_path / "exports", **kwargs)  # type: ignore[arg-type]


async def ready(pilot: Pilot) -> MainScreen:
    """Wait until the data has loaded, the first view is drawn (loading starts after the first frame) and
    the search index has come (it follows the data, in a message of its own)."""
    for _ in range(100):
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        screen = pilot.app.screen
        if isinstance(screen, MainScreen) and screen.dataset is not None and screen.index is not None:
            break
        await pilot.pause(0.02)
    screen = pilot.app.screen
    assert isinstance(screen, MainScreen)
    assert screen.dataset is not None
    return screen


@asynccontextmanager
async def reading(tmp_path: Path, view: str, record_id: str) -> AsyncIterator[tuple[Pilot, DetailPane]]:
    """An app at 120x40 in `view`, the data loaded, that has followed a link to `record_id`: its pilot and
    its detail pane."""
    app = make_app(tmp_path, view=view)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await ready(pilot)
        screen.follow(record_id)
        await pilot.pause()
        detail = screen.query_one(DetailPane)
        assert detail.record_id == record_id
        yield pilot, detail


def listed(screen: MainScreen) -> list[str]:
    return [row.record_id for row in screen.query_one(RecordList).rows if row.record_id]


def hold(monkeypatch: pytest.MonkeyPatch, owner: object, name: str) -> threading.Event:
    """Make `owner.name` wait (in the worker that calls it) until the returned event is set, at most 10 s."""
    release = threading.Event()
    real = getattr(owner, name)

    def held(*args: object, **kwargs: object) -> object:
        release.wait(10)
        return real(*args, **kwargs)

    monkeypatch.setattr(owner, name, held)
    return release


def hold_loading(monkeypatch: pytest.MonkeyPatch) -> threading.Event:
    """Make the app's loader wait (in its worker) until the returned event is set, at most 10 s."""
    return hold(monkeypatch, cache, "load_indexed")
