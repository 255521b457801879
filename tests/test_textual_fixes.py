"""The work-arounds for Textual's timers (herzlich_tui/ui/textual_fixes.py)."""

from __future__ import annotations

import asyncio
import time

from textual.app import App
from textual.timer import Timer

from herzlich_tui.ui import textual_fixes

INTERVAL = 0.2


async def test_a_timer_resumed_late_ticks_at_the_next_tick_still_to_come() -> None:
    """As the screen's painting timer is used: paused by each tick, resumed when there is more to paint.
    Resumed late, it ticks at once; resumed again at once, it ticks at the next tick of its interval, less
    than one interval later (Textual's own loop waited for the one after: one to two intervals later)."""
    assert textual_fixes.MIN_TIMER_DELAY > 0  # (the module is imported: Timer is the fixed one)
    ticks: list[float] = []
    app = App[None]()
    async with app.run_test():
        timers: list[Timer] = []

        def tick() -> None:
            ticks.append(time.perf_counter())
            timers[0].pause()

        timers.append(app.set_interval(INTERVAL, tick, pause=True))
        timers[0].resume()
        while len(ticks) < 1:
            await asyncio.sleep(0.01)
        # Paused for two and a half intervals: the next resume is late, half-way between two ticks.
        await asyncio.sleep(2.5 * INTERVAL)
        late = time.perf_counter()
        timers[0].resume()
        while len(ticks) < 2:
            await asyncio.sleep(0.005)
        timers[0].resume()
        while len(ticks) < 3:
            await asyncio.sleep(0.005)
        timers[0].stop()
    assert ticks[1] - late < INTERVAL / 2  # at once
    assert ticks[2] - ticks[1] < INTERVAL  # the next tick still to come (about half an interval)
