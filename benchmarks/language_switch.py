"""How long switching the interface's language takes in the running app: from the switch (what the palette's
"Sprache / Language" calls) until the list, the details, the filter panel and the header are drawn in the
other language. Headless (Textual's run_test at 120x40), on the shipped data plus a generated folder.

    python benchmarks/language_switch.py                   # 100,000 events, timeline and projects, 5 switches
    python benchmarks/language_switch.py --events 10000 --switches 9

The data is generated into benchmarks/out/data/ as run.py does; the XDG folders point at a temporary folder
(the first start fills its cache, the measured one reads it). Prints each switch's time and the median.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from run import ensure_data

TARGET_MS = 1000.0


async def measure(folder: Path, views: list[str], switches: int) -> dict[str, list[float]]:
    from herzlich_tui.i18n import current_language, set_language
    from herzlich_tui.loading import data_roots
    from herzlich_tui.ui.app import HerzlichApp
    from herzlich_tui.ui.screens.main import MainScreen

    set_language("en")
    times: dict[str, list[float]] = {}
    app = HerzlichApp(roots=data_roots([folder], user=False), view=views[0])
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await _ready(pilot)
        for view in views:
            screen.action_view(view)
            await _settled(pilot)
            samples = times.setdefault(view, [])
            for n in range(switches):
                language = "de" if current_language() == "en" else "en"
                started = time.perf_counter()
                app.speak(language)
                await _settled(pilot)
                samples.append((time.perf_counter() - started) * 1000)
                assert isinstance(app.screen, MainScreen) and app.screen.result is not None
                print(f"  {view} → {language} ({n + 1}): {samples[-1]:.0f} ms", flush=True)
        await pilot.press("q")
    return times


async def _ready(pilot):  # type: ignore[no-untyped-def]
    from herzlich_tui.ui.screens.main import MainScreen

    for _ in range(6000):
        await pilot.pause(0.05)
        screen = pilot.app.screen
        if isinstance(screen, MainScreen) and screen.dataset is not None and screen.index is not None:
            await _settled(pilot)
            return screen
    raise RuntimeError("the data did not load within 5 minutes")


async def _settled(pilot) -> None:  # type: ignore[no-untyped-def]
    """Until the view's worker has answered and the screen has drawn what it sent."""
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--switches", type=int, default=5)
    parser.add_argument("--views", default="timeline,projects")
    args = parser.parse_args(argv)
    folder = ensure_data(args.events, args.seed)
    with tempfile.TemporaryDirectory(prefix="herzlich-switch-") as tmp:
        for name in ("DATA", "CONFIG", "STATE", "CACHE"):
            os.environ[f"XDG_{name}_HOME"] = str(Path(tmp) / name.lower())
        print(f"{args.events:,} events (+ the shipped data): filling the cache ...", flush=True)
        asyncio.run(measure(folder, ["timeline"], 0))  # (a first start: the cache is written)
        times = asyncio.run(measure(folder, args.views.split(","), args.switches))
    print()
    worst = 0.0
    for view, samples in times.items():
        worst = max(worst, statistics.median(samples))
        print(f"{view}: median {statistics.median(samples):.0f} ms, max {max(samples):.0f} ms, n={len(samples)}")
    print(f"{'PASS' if worst < TARGET_MS else 'FAIL'}  a language switch at {args.events:,} events < 1 s (median)")
    load = os.getloadavg()[0]
    print(f"load average {load:.2f}; {time.strftime('%Y-%m-%d %H:%M')}; python {sys.version.split()[0]}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
