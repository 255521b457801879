"""Work-arounds for Textual bugs that would freeze the app; the app imports this module once.

Timers: a Textual 8 timer whose delay is zero or negative never waits. Its loop keeps catching up on ticks
it thinks it missed without ever yielding to the event loop, so the whole app freezes at 100% CPU. Textual
makes such a timer itself: its ToastRack checks that a notice has not expired and then makes a toast for it,
whose timeout is the time left at that later moment, negative if the notice expired in between. Here a delay
is never shorter than a millisecond: "now" still means now.
"""

from __future__ import annotations

from typing import Any

from textual.timer import Timer

__all__ = ["MIN_TIMER_DELAY"]

MIN_TIMER_DELAY = 0.001

_original_init = Timer.__init__


def _init(self: Timer, event_target: Any, interval: float, *args: Any, **kwargs: Any) -> None:
    _original_init(self, event_target, max(interval, MIN_TIMER_DELAY), *args, **kwargs)


if not getattr(Timer.__init__, "_herzlich_min_delay", False):
    _init._herzlich_min_delay = True  # type: ignore[attr-defined]
    Timer.__init__ = _init  # type: ignore[method-assign]
