"""Helpers shared by the app tests: an app on chosen data, and waiting until its first view is drawn."""

from __future__ import annotations

from pathlib import Path

from textual.pilot import Pilot

from herzlich_tui.loading import data_roots
from herzlich_tui.ui.app import HerzlichApp
from herzlich_tui.ui.screens.main import MainScreen


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
