"""Regenerate the README's screenshots: `python docs/screenshots.py` (writes docs/screenshots/*.svg)."""

from __future__ import annotations

import asyncio
import os
import tempfile
from pathlib import Path

HERE = Path(__file__).parent / "screenshots"
SHOTS = [
    ("timeline", {"view": "timeline"}, []),
    ("projects", {"view": "projects"}, ["j", "j", "j", "j", "j", "j", "j", "j"]),
    ("networks", {"view": "networks"}, []),
    ("overview", {"view": "overview"}, []),
    ("search", {"view": "timeline", "search": "hassfurt"}, []),
]


async def shoot() -> None:
    from herzlich_tui.loading import data_roots
    from herzlich_tui.ui.app import HerzlichApp

    HERE.mkdir(exist_ok=True)
    for name, options, keys in SHOTS:
        app = HerzlichApp(roots=data_roots(user=False), **options)  # type: ignore[arg-type]
        async with app.run_test(size=(120, 36)) as pilot:
            await app.workers.wait_for_complete()
            await pilot.pause()
            for key in keys:
                await pilot.press(key)
            await pilot.pause()
            app.save_screenshot(str(HERE / f"{name}.svg"))


if __name__ == "__main__":
    with tempfile.TemporaryDirectory() as home:
        for variable in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_STATE_HOME", "XDG_CACHE_HOME"):
            os.environ[variable] = home
        asyncio.run(shoot())
