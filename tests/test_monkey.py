"""A monkey at the keyboard: thousands of random key presses, clicks and terminal resizes (from 20x6 to
300x100) across every view and dialog, on the shipped data plus tests/bad_data (markup titles, control
characters, problems). The app must never raise, never hang and never stop; it is never asked to quit.

Two monkeys run at once with different seeds, each in a child process, so that both cores work. Keys
come in bursts of up to ten, posted the way a terminal delivers them (as a fast
typist or a held key would: faster than the app draws), then the test waits for the screen. The seeds are
fixed, so a failure replays; the last steps are printed with it. Replay one monkey alone with
`python tests/test_monkey.py SEED STEPS EXPORT_DIR`. Skip the test locally with `-m "not slow"`; CI runs it
by default.

Child processes, because a frozen app (an event loop that never yields) cannot be stopped from inside:
each child arms faulthandler before every step, which dumps the stacks and exits if the
step does not finish in time, and the parent kills what is left after a hard limit."""

from __future__ import annotations

import asyncio
import faulthandler
import json
import os
import random
import subprocess
import sys
from collections import Counter, deque
from pathlib import Path

import pytest
from textual import events
from textual.command import CommandPalette
from textual.pilot import Pilot
from textual.widgets import Input

from herzlich_tui.loading import data_roots
from herzlich_tui.ui.app import HerzlichApp
from herzlich_tui.ui.screens.dialogs import HelpScreen, ProblemsScreen
from herzlich_tui.ui.screens.main import MainScreen

BAD = Path(__file__).resolve().parent / "bad_data"
SEEDS = (20_240_607, 1_961_212)
STEPS = 320  # per monkey; each step is a burst of keys (about 3.5 on average), a click or a resize
MIN_KEYS = 1_800  # both monkeys together (about 2,050 in practice; the count moves a little with timing)
STEP_TIMEOUT = 30  # seconds; a step that takes longer is a hang
RUN_TIMEOUT = 600  # seconds for a whole monkey, a hard limit in case even faulthandler is stuck

# Every key the main screen, its lists, the detail pane and the dialogs answer to, except q (quit on the
# main screen, and in the bookmarks dialog too) and ctrl+q; plus a few that do nothing.
MAIN_KEYS = [
    *"12345",
    "j",
    "k",
    "g",
    "G",
    "up",
    "down",
    "pageup",
    "pagedown",
    "home",
    "end",
    "tab",
    "shift+tab",
    "enter",
    "backspace",
    "left_square_bracket",
    "right_square_bracket",
    "alt+left",
    "alt+right",
    "escape",
    "slash",
    "y",
    "p",
    "x",
    "f",
    "b",
    "B",
    "c",
    "e",
    "E",
    "exclamation_mark",
    "question_mark",
    "ctrl+p",
    "d",
    "delete",
    "left",
    "right",
    "space",
    "z",
    "ctrl+c",
]
# Typed text never holds q: a burst typed into the search box or the palette lands on the main screen if
# the box has just lost focus, and q there quits.
TYPED = [
    *"abcdefghijklmnoprstuvwxyzäöüß0123456789",
    "space",
    "backspace",
    "left",
    "right",
    "home",
    "end",
    "left_square_bracket",
    "right_square_bracket",
    "slash",
    "exclamation_mark",
    "question_mark",
]
# In the command palette: type and move, close with escape; never enter (it would run any command,
# "Quit" and "Save screenshot" among them).
PALETTE_KEYS = [*"abcdefghijklmnoprstuvwxyz", "space", "backspace", "up", "down", "escape"]
# Keys after which the next key goes somewhere else (a dialog, the palette, the search box): a burst
# ends with them, so that the next burst is chosen for where its keys will go. After ctrl+p the test
# also waits until the app is idle: a burst chosen for the main screen must never land in the palette,
# where enter would run a command. (After the others a stale view is harmless: no burst holds q.)
CONTEXT_KEYS = {"ctrl+p", "slash", "question_mark", "exclamation_mark", "B", "escape", "enter", "tab", "shift+tab", "f"}
SYNC_KEYS = {"ctrl+p"}
SIZES = [(20, 6), (39, 9), (40, 10), (80, 24), (120, 40), (300, 100)]
CHARS = {
    "left_square_bracket": "[",
    "right_square_bracket": "]",
    "slash": "/",
    "exclamation_mark": "!",
    "question_mark": "?",
    "space": " ",
}
# Records to jump to now and then, as the command palette does: the hard ones, from tests/bad_data.
JUMP_TARGETS = (
    "e-bad-markup-bold",
    "e-bad-markup-close",
    "e-bad-markup-link",
    "e-bad-markup-click",
    "proj-bad-markup",
    "person-bad-markup",
    "net-bad-markup",
    "e-bad-control-chars",
    "e-bad-duplicate",
    "e-bad-dangling-reference",
    "org-bad-a",
)
PLACES = (
    "view:timeline",
    "view:projects",
    "view:people",
    "view:networks",
    "view:overview",
    "HelpScreen",
    "ProblemsScreen",
    "BookmarksScreen",
    "CommandPalette",
    "resize",
    "click",
    "jump",
)


def next_step(rng: random.Random, app: HerzlichApp) -> tuple[str, object]:
    """A resize, a click, or a burst of keys suited to where the keys will go."""
    screen = app.screen
    roll = rng.random()
    if roll < 0.045:
        size = rng.choice(SIZES) if rng.random() < 0.5 else (rng.randint(20, 300), rng.randint(6, 100))
        return "resize", size
    if isinstance(screen, CommandPalette):
        pool = PALETTE_KEYS
    elif roll < 0.075:
        width, height = app.size
        # anywhere but the footer's last line (its "quit" would end the run)
        return "click", (rng.randrange(max(width, 1)), rng.randrange(max(height - 1, 1)))
    elif roll < 0.14:
        return "jump", rng.choice(JUMP_TARGETS)
    elif isinstance(screen, (HelpScreen, ProblemsScreen)) and rng.random() < 0.25:
        return "close", rng.choice(["escape", "q"])  # q closes these two dialogs
    elif isinstance(app.focused, Input) and rng.random() < 0.85:
        pool = TYPED
    else:
        pool = MAIN_KEYS
    plain = [k for k in pool if k not in CONTEXT_KEYS]
    context = [k for k in pool if k in CONTEXT_KEYS]
    keys: list[str] = []
    for _ in range(rng.randint(1, 10)):
        # keys that open dialogs or move focus end a burst: one in eight, so that bursts run long
        keys.append(rng.choice(context if context and rng.random() < 0.12 else plain))
        if keys[-1] in CONTEXT_KEYS:
            break
    return "keys", keys


async def press_burst(pilot: Pilot, keys: list[str]) -> None:
    """Deliver keys as a terminal does, all at once (faster than the app draws), and wait until the
    screen has handled them (after ctrl+p: until the app is idle, see SYNC_KEYS)."""
    app = pilot.app
    for key in keys:
        event = events.Key(key, CHARS.get(key, key if len(key) == 1 else None))
        event.set_sender(app)
        app.post_message(event)  # what the terminal driver does with each key it reads
    if keys[-1] in SYNC_KEYS:
        await pilot.pause()
    else:
        await pilot._wait_for_screen()
        await pilot._wait_for_screen()
        app.screen._on_timer_update()  # draw a frame


async def step(pilot: Pilot, kind: str, what: object, seen: Counter[str]) -> None:
    app = pilot.app
    if kind == "resize":
        await pilot.resize_terminal(*what)  # type: ignore[misc]
    elif kind == "click":
        await pilot.click(offset=what)  # type: ignore[arg-type]
    elif kind == "jump":
        app.open_record(what)  # type: ignore[attr-defined]
        await pilot.pause()
    elif kind == "close":
        await pilot.pause()  # make sure the dialog is still open: q must not reach the main screen
        if isinstance(app.screen, (HelpScreen, ProblemsScreen)):
            await pilot.press(what)  # type: ignore[arg-type]
            seen["key"] += 1
    else:
        await press_burst(pilot, what)  # type: ignore[arg-type]
        seen["key"] += len(what)  # type: ignore[arg-type]


async def run_monkey(seed: int, steps: int, export_dir: Path) -> Counter[str]:
    """Run one monkey; raise AssertionError (with the seed and the last steps) if the app stops or hangs."""
    rng = random.Random(seed)
    app = HerzlichApp(roots=data_roots([BAD], user=False), export_dir=export_dir)
    recent: deque[tuple[int, str, object]] = deque(maxlen=20)
    seen: Counter[str] = Counter()

    def fail(number: int, why: str) -> None:
        raise AssertionError(f"seed {seed}, step {number}: {why}; last steps: {list(recent)}")

    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
        for number in range(steps):
            kind, what = next_step(rng, app)
            recent.append((number, kind, what))
            print(f"step {number}: {kind} {what!r}", file=sys.__stderr__, flush=True)  # not the app's capture
            # a frozen event loop cannot time itself out
            faulthandler.dump_traceback_later(STEP_TIMEOUT, exit=True, file=sys.__stderr__)
            await step(pilot, kind, what, seen)
            seen[type(app.screen).__name__] += 1
            seen[f"view:{app.main.view_state.view}"] += 1
            seen[kind] += 1
            if not (app.is_running and app.return_code is None and app._exception is None):
                fail(number, f"the app stopped (return code {app.return_code!r}, exception {app._exception!r})")
        await app.workers.wait_for_complete()
        await pilot.pause()
        faulthandler.cancel_dump_traceback_later()
        if not (app.is_running and app.return_code is None and app._exception is None):
            fail(steps, f"the app stopped (return code {app.return_code!r}, exception {app._exception!r})")
    seen["exports"] = len(list(export_dir.iterdir())) if export_dir.is_dir() else 0
    return seen


@pytest.mark.slow
def test_random_keys_clicks_and_resizes_never_break_the_app(tmp_path: Path) -> None:
    # two monkeys at once, one per core; the XDG folders of this test are in their environment
    children = [
        subprocess.Popen(
            [sys.executable, __file__, str(seed), str(STEPS), str(tmp_path / f"exports-{seed}")],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=dict(os.environ),
        )
        for seed in SEEDS
    ]
    results = []
    for seed, child in zip(SEEDS, children, strict=True):
        try:
            out, err = child.communicate(timeout=RUN_TIMEOUT)
        except subprocess.TimeoutExpired:
            child.kill()
            out, err = child.communicate()
            pytest.fail(f"seed {seed}: still running after {RUN_TIMEOUT} s:\n{_tail(err)}")
        assert child.returncode == 0, f"seed {seed} failed (exit {child.returncode}):\n{_tail(err)}"
        results.append(Counter(json.loads(out.strip().splitlines()[-1])))
    for one in results:
        # each run went everywhere: every view, every dialog, the palette, resizes, clicks and jumps
        for place in PLACES:
            assert one[place] > 0, (place, one)
        assert one["exports"] > 0  # exports went where they were told to go
    keys = [one["key"] for one in results]
    print(
        f"monkeys {SEEDS}: {' + '.join(map(str, keys))} keys, {sum(one['resize'] for one in results)} resizes, "
        f"{sum(one['click'] for one in results)} clicks, {sum(one['jump'] for one in results)} jumps"
    )
    assert sum(keys) >= MIN_KEYS, keys


def _tail(err: str) -> str:
    """The end of a child's stderr: its last steps, and the traceback or the stacks of a hang."""
    lines = err.splitlines()
    steps = [line for line in lines if line.startswith("step ")][-20:]
    rest = [line for line in lines if not line.startswith("step ")][-80:]
    return "\n".join(["last steps:", *steps, "then:", *rest])


FREEZE = r"""
import asyncio, sys
from pathlib import Path
from textual.notifications import Notification
from herzlich_tui.loading import data_roots
from herzlich_tui.ui.app import HerzlichApp

# The moment ToastRack checks a notice it has not expired; a moment later, when the toast is made for it, it
# has. Here every notice passes the check, so a notice raised with a tiny timeout hits that moment every time.
Notification.has_expired = property(lambda self: False)

async def main():
    app = HerzlichApp(roots=data_roots(user=False), export_dir=Path(sys.argv[1]))
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        app.notify("expires as it is shown", timeout=0.0001)
        await pilot.pause(0.3)
        await pilot.press("j")
        print("still answering", app.is_running, flush=True)

asyncio.run(main())
"""


def test_a_notice_expiring_as_it_is_shown_does_not_freeze_the_app(tmp_path: Path) -> None:
    """Found by the monkey: a toast made for a notice that expired microseconds before has a negative
    timeout, and a Textual timer with a negative delay spins forever without yielding: the app froze
    at 100% CPU. It runs in a child process, because a frozen event loop cannot be stopped from inside."""
    child = subprocess.Popen(
        [sys.executable, "-c", FREEZE, str(tmp_path)], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    try:
        out, err = child.communicate(timeout=60)
    except subprocess.TimeoutExpired:
        child.kill()
        child.communicate()
        pytest.fail("the app froze: no answer within 60 s after a notice expired as it was shown")
    assert child.returncode == 0, err[-3000:]
    assert out.strip() == "still answering True"


if __name__ == "__main__":
    # python tests/test_monkey.py SEED STEPS EXPORT_DIR: one monkey, its counts as JSON on the last line
    counts = asyncio.run(run_monkey(int(sys.argv[1]), int(sys.argv[2]), Path(sys.argv[3])))
    print(json.dumps(counts))
