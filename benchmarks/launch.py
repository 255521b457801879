"""Start a Textual program with the text cursor of Input widgets not blinking, for benchmarks/keystrokes.py.

    python benchmarks/launch.py -m herzlich_tui [ARGS...]
    python benchmarks/launch.py benchmarks/echo_app.py

A blinking cursor redraws itself every half second while the search box has focus: output that the probe,
which waits for the terminal to go quiet, would count as part of a keystroke's screen update. Nothing else is
changed: the cursor stays visible, as it is right after every key. Textual is imported here, before the
app's command line, so the app's frame rate is set here as the command line would set it.
"""

import runpy
import sys

try:  # the app's frame rate, as its command line sets it before Textual is imported (see cli.use_frame_rate)
    from herzlich_tui.cli import use_frame_rate
except ImportError:  # (an older checkout: Textual's own)
    pass
else:
    if sys.argv[1:3] == ["-m", "herzlich_tui"]:
        use_frame_rate()

from textual.widgets import Input


def _steady(self: Input) -> None:
    self._cursor_visible = True


Input._toggle_cursor = _steady  # type: ignore[method-assign]

if __name__ == "__main__":
    if sys.argv[1] == "-m":
        sys.argv = [sys.argv[2], *sys.argv[3:]]
        runpy.run_module(sys.argv[0], run_name="__main__", alter_sys=True)
    else:
        sys.argv = sys.argv[1:]
        runpy.run_path(sys.argv[0], run_name="__main__")
