"""The app against hostile input and hostile moments (issue 21, the app's part): names that look like
markup, labels from a hand-edited state file, a copy no tool takes, exports in one second, quitting while
the data loads, and the signals that end a terminal program."""

from __future__ import annotations

import os
import select
import signal
import subprocess
import sys
import time
import tomllib
from pathlib import Path
from types import SimpleNamespace

import pytest
from app_helpers import hold_loading, make_app, ready

from herzlich_tui.loading import data_roots
from herzlich_tui.ui import app as app_module
from herzlich_tui.ui.screens.dialogs import BookmarksScreen

MARKUP_NAMES = """\
[[review]]
id = "r-hostile"
year = 2021
title = "Rückblick"
publisher = "P"
municipality = "M"
summary = "s"

[[programme]]
id = "p-hostile"
name = "Förderung [/"
short_name = "[b]Fett[/b] [/"
sources = ["r-hostile"]

[[person]]
id = "x-hostile"
name = "Herr [link=http://x]X[/link] [@click=app.quit]Q"
sources = ["r-hostile"]
"""


def notices(app: app_module.HerzlichApp) -> list[str]:
    return [str(notice.message) for notice in app._notifications]


async def test_names_like_markup_never_crash_the_palette(tmp_path: Path, write_toml, data_dir: Path) -> None:
    write_toml("hostile.toml", MARKUP_NAMES)
    app = make_app(tmp_path, roots=data_roots([data_dir], user=False))
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        titles = [str(command.title) for command in app.get_system_commands(app.screen)]
        assert any("Fett" in title for title in titles) and any("Herr" in title for title in titles)
        await pilot.press("ctrl+p")
        await pilot.pause()
        for key in "Förderung":
            await pilot.press(key)
        await pilot.pause(0.3)
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("ctrl+p", "H", "e", "r", "r")
        await pilot.pause(0.3)
        await pilot.press("escape")
        await pilot.pause()
        assert app.is_running and app._exception is None
        await pilot.press("q")
    assert app.return_code == 0


def test_a_name_is_literal_in_markup() -> None:
    from textual.markup import to_content

    for name in ("Förderung [/", "[b]Fett[/b]", "a\\[b]", "[@click=app.quit]Q", "x\x1b]0;T\x07"):
        shown = to_content(app_module.literal(name)).plain
        assert shown == name.replace("\x1b", "␛").replace("\x07", "␇"), name


async def test_bookmark_labels_from_the_state_file_are_shown_safely(tmp_path: Path, user_dirs: SimpleNamespace) -> None:
    user_dirs.state.mkdir(parents=True)
    (user_dirs.state / "state.toml").write_text(
        'view = "timeline"\nprogramme = ""\n[[bookmarks]]\nid = "gone"\nlabel = "[b]x[/b] \\u001b]52;c;AAAA\\u0007"\n'
        'kind = "event"\n',
        encoding="utf-8",
    )
    app = make_app(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        await pilot.press("B")
        await pilot.pause()
        assert isinstance(app.screen, BookmarksScreen)
        shown = "".join(strip.text for strip in app.screen._compositor.render_strips())
        assert "\x1b" not in shown and "\x07" not in shown and "[b]x[/b]" in shown
        await pilot.press("escape", "q")


async def test_copy_says_where_the_text_went(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        monkeypatch.setattr(app_module, "copy_with_tool", lambda text: False)
        await pilot.press("c")
        await pilot.pause()
        assert any("OSC 52" in notice for notice in notices(app))
        monkeypatch.setattr(app_module, "copy_with_tool", lambda text: True)
        await pilot.press("c")
        await pilot.pause()
        assert any(notice.startswith("Copied ") for notice in notices(app))
        await pilot.press("q")


def test_no_clipboard_tool_runs_without_a_display(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "platform", "linux")
    monkeypatch.delenv("DISPLAY", raising=False)
    monkeypatch.delenv("WAYLAND_DISPLAY", raising=False)
    monkeypatch.setattr(subprocess, "run", lambda *a, **k: pytest.fail("a clipboard tool ran"))
    assert app_module.copy_with_tool("text") is False


async def test_two_exports_in_one_second_are_two_files(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        await pilot.press("e", "e", "e")
        await pilot.pause()
        await pilot.press("q")
    assert len(list((tmp_path / "exports").glob("*.md"))) == 3


async def test_q_while_the_data_loads_ends_the_app(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(app_module, "SYNC_LOAD_BYTES", 0)
    release = hold_loading(monkeypatch)
    app = make_app(tmp_path, cache_dir=None)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("q")
        release.set()
    assert app.return_code == 0 and app._exception is None


async def test_ctrl_z_suspends(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    suspended: list[bool] = []
    app = make_app(tmp_path)
    monkeypatch.setattr(app, "action_suspend_process", lambda: suspended.append(True))
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert suspended == [True]
        await pilot.press("q")


@pytest.mark.skipif(os.name != "posix", reason="signals and ptys are POSIX")
@pytest.mark.parametrize("name", ["SIGTERM", "SIGHUP", "SIGQUIT"])
def test_a_signal_saves_the_state_and_restores_the_terminal(name: str, tmp_path: Path, user_dirs) -> None:
    import pty

    env = {**os.environ, "HERZLICH_TUI_FORCE_APP": "1", "TERM": "xterm-256color", "COLUMNS": "100", "LINES": "30"}
    pid, fd = pty.fork()
    if pid == 0:  # the child: the app in the pseudo-terminal
        os.execvpe(sys.executable, [sys.executable, "-m", "herzlich_tui", "--view", "people"], env)
    output = bytearray()

    def read_for(seconds: float, until: bytes | None = None) -> None:
        end = time.monotonic() + seconds
        while time.monotonic() < end and (until is None or until not in output):
            ready_fds, _, _ = select.select([fd], [], [], 0.1)
            if ready_fds:
                try:
                    output.extend(os.read(fd, 65536))
                except OSError:
                    return

    try:
        read_for(20, until=b"6 of 6")
        assert b"6 of 6" in output, output[-500:]
        os.kill(pid, getattr(signal, name))
        read_for(10)
        _, status = os.waitpid(pid, 0)
    finally:
        os.close(fd)
    assert os.WIFEXITED(status), status
    tail = bytes(output[-4000:])
    assert b"\x1b[?1049l" in tail  # the alternate screen left
    assert b"\x1b[?1000l" in tail  # mouse reporting off
    state = tomllib.loads((user_dirs.state / "state.toml").read_text(encoding="utf-8"))
    assert state["view"] == "people"
