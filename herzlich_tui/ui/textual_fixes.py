"""Work-arounds for Textual bugs; the app imports this module once.

Timers that never wait: a Textual 8 timer whose delay is zero or negative keeps catching up on ticks it
thinks it missed without ever yielding to the event loop, so the whole app freezes at 100% CPU. Textual
makes such a timer itself: its ToastRack checks that a notice has not expired and then makes a toast for it,
whose timeout is the time left at that later moment, negative if the notice expired in between. Here a delay
is never shorter than a millisecond: "now" still means now.

Timers that skip one tick too many: a repeating timer that is late (it was paused, or the loop was busy)
skips the ticks it missed, but Textual's count lands one interval past the next one still to come, so the
next tick waits between one and two intervals instead of at most one. The screen paints on such a timer,
paused between frames: every frame that followed another one after a pause (a key's first frame, then the
one with the rest of its update) came up to 33 ms later at 60 fps, instead of up to 16.7 ms. Here the timer
goes on to the first tick still to come.
"""

from __future__ import annotations

from typing import Any

from textual import _time
from textual.timer import EventTargetGone, Timer

__all__ = ["MIN_TIMER_DELAY"]

MIN_TIMER_DELAY = 0.001

_original_init = Timer.__init__


def _init(self: Timer, event_target: Any, interval: float, *args: Any, **kwargs: Any) -> None:
    _original_init(self, event_target, max(interval, MIN_TIMER_DELAY), *args, **kwargs)


async def _run(self: Timer) -> None:
    """Tick every `_interval` seconds from the first resume, as Textual's own loop does; a late timer skips
    (when it skips at all) to the first tick still to come."""
    interval = self._interval
    await self._active.wait()
    start = _time.get_time()
    count = 0
    while self._repeat is None or count <= self._repeat:
        now = _time.get_time()
        if self._skip and start + (count + 1) * interval < now:
            count = int((now - start) / interval)
        due = start + (count + 1) * interval
        await _time.sleep(max(0.0, due - now))
        count += 1
        await self._active.wait()
        if self._reset:
            start, count, self._reset = _time.get_time(), 0, False
            continue
        try:
            await self._tick(next_timer=due, count=count)
        except EventTargetGone:
            break


if not getattr(Timer.__init__, "_herzlich_fixed", False):
    _init._herzlich_fixed = True  # type: ignore[attr-defined]
    Timer.__init__ = _init  # type: ignore[method-assign]
    Timer._run = _run  # type: ignore[method-assign]
