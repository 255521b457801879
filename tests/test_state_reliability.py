"""What the user keeps (bookmarks, the last view, settings) survives anything: the process killed while
saving, a corrupt, truncated or wrongly typed file, a folder that cannot be written, two instances at
once. A file that cannot be used is moved aside and kept, never overwritten, and the app says where."""

from __future__ import annotations

import os
import queue
import random
import signal
import subprocess
import sys
import threading
import time
import tomllib
from pathlib import Path
from types import SimpleNamespace

import pytest
from app_helpers import ready
from textual.widgets._toast import Toast

from herzlich_tui.loading import data_roots
from herzlich_tui.settings import Bookmark, Settings, State, StateStore
from herzlich_tui.ui.app import HerzlichApp

COUNT = 6_000  # bookmarks per saved state: about 1 MB of TOML, so that saving takes a while
KILLS = 20

# The child saves ever newer states until it is killed. Its os.fsync is a spy: it says which fsync is
# about to happen and then waits 50 ms, as on a slow disk, so that the parent can kill it while the new
# state is written but not yet renamed into place. It changes nothing else.
# Each line goes out in one write (print would write its parts one by one when Python runs unbuffered,
# PYTHONUNBUFFERED=1, and a kill between them left a line "start" without its number).
CHILD = r"""
import os, stat, sys, time
from pathlib import Path
from herzlich_tui.settings import Bookmark, State, StateStore

def say(*parts):
    sys.stdout.write(" ".join(map(str, parts)) + "\n")
    sys.stdout.flush()

real_fsync = os.fsync
def spy_fsync(fd):
    kind = "dir" if stat.S_ISDIR(os.fstat(fd).st_mode) else "file"
    say("syncing", kind)
    time.sleep(0.05)
    real_fsync(fd)
os.fsync = spy_fsync

folder, count = Path(sys.argv[1]), int(sys.argv[2])
store = StateStore(config_dir=folder / "config", state_dir=folder)
version = store.load_state().year or 0
assert not store.notices, store.notices
say("ready", version)
while True:
    version += 1
    marks = tuple(Bookmark(f"b-{version}-{i}", f"Lesezeichen {version}/{i} " + "ü" * 40, "event") for i in range(count))
    say("start", version)
    assert store.save_state(State(view="people", year=version, programme=f"v{version}", bookmarks=marks))
    say("saved", version)
"""


def whole_version(path: Path, count: int) -> int:
    """The version a state file holds, after checking that it is one whole version."""
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    version = data["year"]
    assert data["view"] == "people"
    assert data["programme"] == f"v{version}"
    marks = data["bookmarks"]
    assert len(marks) == count
    assert [m["id"] for m in marks] == [f"b-{version}-{i}" for i in range(count)]
    assert all(m["label"].startswith(f"Lesezeichen {version}/") for m in marks)
    return version


def save_version(folder: Path, version: int, count: int) -> None:
    marks = tuple(Bookmark(f"b-{version}-{i}", f"Lesezeichen {version}/{i} " + "ü" * 40, "event") for i in range(count))
    store = StateStore(config_dir=folder / "config", state_dir=folder)
    assert store.save_state(State(view="people", year=version, programme=f"v{version}", bookmarks=marks))


def start_child(folder: Path) -> tuple[subprocess.Popen[str], queue.Queue[str], threading.Thread]:
    child = subprocess.Popen(
        [sys.executable, "-c", CHILD, str(folder), str(COUNT)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    lines: queue.Queue[str] = queue.Queue()

    def read() -> None:
        assert child.stdout is not None
        for line in child.stdout:
            lines.put(line.strip())

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    return child, lines, reader


def wait_for(lines: queue.Queue[str], prefix: str, seen: list[str]) -> str:
    while True:
        line = lines.get(timeout=60)
        seen.append(line)
        if line.startswith(prefix):
            return line


@pytest.mark.slow
def test_killing_the_process_while_it_saves_never_leaves_a_broken_state_file(tmp_path: Path) -> None:
    rng = random.Random(4711)
    folder = tmp_path / "state"
    save_version(folder, 0, COUNT)
    target = folder / "state.toml"
    last = 0
    mid_write = 0
    for kill in range(KILLS):
        child, lines, reader = start_child(folder)
        seen: list[str] = []
        try:
            ready = wait_for(lines, "ready", seen)
            assert int(ready.split()[1]) == last  # the child read the last whole version
            if kill % 2:
                time.sleep(rng.uniform(0.0, 0.6))  # any moment
            else:
                wait_for(lines, "syncing file", seen)  # the new state is written, not yet renamed
                time.sleep(rng.uniform(0.0, 0.04))
            child.send_signal(signal.SIGKILL)
        finally:
            child.kill()
            child.wait()
        assert child.returncode == -signal.SIGKILL, child.stderr.read() if child.stderr else ""
        reader.join(timeout=10)  # everything the child said before it died
        while not lines.empty():
            seen.append(lines.get())
        saved = [int(line.split()[1]) for line in seen if line.startswith("saved")]
        started = [int(line.split()[1]) for line in seen if line.startswith("start")]

        # the state file is one whole version: the last one saved, or the one being saved
        version = whole_version(target, COUNT)
        assert (saved[-1] if saved else last) <= version <= (started[-1] if started else last), (seen, version)
        assert version >= last
        last = version
        # beside it, at most the temporary file of the write that was cut short
        others = sorted(p.name for p in folder.iterdir() if p.name != "state.toml" and p.name != "config")
        assert len(others) <= 1, others
        assert all(name.startswith(".state.toml.") and name.endswith(".tmp") for name in others), others
        mid_write += bool(others)
        # and it is never read as the state
        store = StateStore(config_dir=folder / "config", state_dir=folder)
        state = store.load_state()
        assert (state.year, len(state.bookmarks), store.notices) == (version, COUNT, [])
    assert last > 0  # the children got to save
    assert mid_write >= 3, mid_write  # the kills did land between writing and renaming


def test_a_leftover_temporary_file_of_a_live_writer_is_not_touched(tmp_path: Path) -> None:
    """Cleaning up after killed writers must not remove what another running instance is writing."""
    folder = tmp_path / "state"
    folder.mkdir()
    live = folder / f".state.toml.{os.getpid()}.inprogress.tmp"
    live.write_text("half a state", encoding="utf-8")
    save_version(folder, 1, 10)
    assert live.exists()
    assert whole_version(folder / "state.toml", 10) == 1


# --- two instances --------------------------------------------------------------------------------
def test_two_stores_interleaved_last_writer_wins(tmp_path: Path) -> None:
    a = StateStore(config_dir=tmp_path / "config", state_dir=tmp_path / "state")
    b = StateStore(config_dir=tmp_path / "config", state_dir=tmp_path / "state")
    for n in range(1, 21):
        writer = a if n % 3 else b
        marks = tuple(Bookmark(f"m-{n}-{i}", f"label {n}", "event") for i in range(n))
        assert writer.save_state(State(view="projects", year=2000 + n, programme=f"p{n}", bookmarks=marks))
        assert writer.save_settings(Settings(theme=f"theme-{n}"))
        for reader in (a, b):
            state = reader.load_state()
            assert (state.year, state.programme, len(state.bookmarks)) == (2000 + n, f"p{n}", n)
            assert reader.load_settings().theme == f"theme-{n}"
            assert reader.notices == []
    assert sorted(p.name for p in (tmp_path / "state").iterdir()) == ["state.toml"]
    assert sorted(p.name for p in (tmp_path / "config").iterdir()) == ["settings.toml"]


WRITER = r"""
import sys
from pathlib import Path
from herzlich_tui.settings import Bookmark, State, StateStore
folder, name, rounds = Path(sys.argv[1]), sys.argv[2], int(sys.argv[3])
store = StateStore(config_dir=folder / "config", state_dir=folder)
for n in range(1, rounds + 1):
    marks = tuple(Bookmark(f"{name}-{n}-{i}", f"{name} {n}", "event") for i in range(300))
    assert store.save_state(State(view="timeline", year=n, programme=name, bookmarks=marks)), store.notices
"""


def test_two_processes_saving_at_once_never_corrupt_the_file(tmp_path: Path) -> None:
    """Each writer replaces its own 300 bookmarks in every round. The file is always whole, and holds each
    writer's bookmarks of one round only (its earlier ones removed, the other's kept: merged on write)."""
    folder = tmp_path / "state"
    rounds = 60
    writers = [
        subprocess.Popen(
            [sys.executable, "-c", WRITER, str(folder), name, str(rounds)], stderr=subprocess.PIPE, text=True
        )
        for name in ("first", "second")
    ]
    reads = 0
    while any(w.poll() is None for w in writers):
        path = folder / "state.toml"
        if path.exists():
            data = tomllib.loads(path.read_text(encoding="utf-8"))  # always a whole file
            rounds_of: dict[str, set[str]] = {}
            for mark in data["bookmarks"]:
                name, number, _ = mark["id"].split("-")
                rounds_of.setdefault(name, set()).add(number)
            assert data["programme"] in rounds_of and rounds_of[data["programme"]] == {str(data["year"])}
            assert all(len(numbers) == 1 for numbers in rounds_of.values()), rounds_of
            assert len(data["bookmarks"]) == 300 * len(rounds_of)
            reads += 1
    for writer in writers:
        assert writer.wait() == 0, writer.stderr.read() if writer.stderr else ""
    data = tomllib.loads((folder / "state.toml").read_text(encoding="utf-8"))
    assert data["year"] == rounds and data["programme"] in ("first", "second")  # the last writer's, whole
    assert sorted(m["id"] for m in data["bookmarks"]) == sorted(
        f"{name}-{rounds}-{i}" for name in ("first", "second") for i in range(300)
    )  # and each one's last bookmarks
    assert sorted(p.name for p in folder.iterdir()) == ["state.toml"]
    assert reads > 0


async def test_two_apps_at_once(tmp_path: Path, user_dirs: SimpleNamespace) -> None:
    """Two instances on the same folders: each saves whole files; the view is that of the one that quits
    last, the bookmarks those of both (and each app, once it saved, shows the other's too)."""
    roots = data_roots(user=False)
    first = HerzlichApp(roots=roots, export_dir=tmp_path / "exports")
    second = HerzlichApp(roots=roots, export_dir=tmp_path / "exports")
    async with first.run_test(size=(100, 30)) as one, second.run_test(size=(100, 30)) as two:
        await ready(one)
        await ready(two)
        for _ in range(3):
            await one.press("j", "b")
            await two.press("2", "j", "b")
            await one.pause()
            await two.pause()
            StateStore().load_state()  # a whole file at every moment
        await one.press("q")
        await one.pause()
        await two.press("q")
        await two.pause()
    assert first.return_code == second.return_code == 0
    state = StateStore().load_state()
    assert len(state.bookmarks) == 6
    assert {b.id for b in first.bookmarks} <= {b.id for b in state.bookmarks}
    assert [b.id for b in second.bookmarks] == [b.id for b in state.bookmarks]  # (it quit last)
    assert state.view == "projects"
    assert sorted(p.name for p in user_dirs.state.iterdir()) == ["state.toml"]


# --- files that cannot be used ----------------------------------------------------------------------


GOOD_STATE = (
    'view = "people"\nprogramme = ""\nyear = 2021\n'
    'bookmarks = [{ id = "kl-2021", label = "Der herzlich digitale Jahresrückblick 2021", kind = "review" }]\n'
)
BAD_STATES = {
    "corrupt": b"\xff\xfe\x00\x1b[2J not toml at all \x00",
    "truncated": GOOD_STATE.encode()[: len(GOOD_STATE) - 30],
    "wrong type": GOOD_STATE.replace("year = 2021", 'year = "2021"').encode(),
    "wrong bookmarks": b'view = "people"\nbookmarks = "kl-2021"\n',
    "empty view": b"view = 5\n",
}
BAD_SETTINGS = {
    "corrupt": b"\x00\x01\x02\xff",
    "truncated": b'theme = "textual-li',
    "wrong type": b"theme = 5\n",
}


def notices(app: HerzlichApp) -> list[str]:
    return [n.message for n in app._notifications]


@pytest.mark.parametrize("case", list(BAD_STATES))
async def test_a_bad_state_file_is_kept_aside_and_the_app_starts_with_defaults(
    tmp_path: Path, user_dirs: SimpleNamespace, case: str
) -> None:
    user_dirs.state.mkdir(parents=True)
    bad = user_dirs.state / "state.toml"
    bad.write_bytes(BAD_STATES[case])
    app = HerzlichApp(roots=data_roots(user=False), export_dir=tmp_path / "exports")
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        screen = await ready(pilot)
        assert screen.view_state.view == "timeline" and screen.view_state.year is None  # the defaults
        assert app.bookmarks == []
        asides = list(user_dirs.state.glob("state.toml.bad-*"))
        assert len(asides) == 1
        assert asides[0].read_bytes() == BAD_STATES[case]  # kept as it was
        notice = next(n for n in notices(app) if "state.toml" in n)
        assert str(bad) in notice and f"kept as {asides[0]}" in notice
        assert any(str(asides[0]) in str(t.render()) for t in pilot.app.screen.query(Toast))  # shown
        await pilot.press("b", "q")
        await pilot.pause()
    assert app.return_code == 0
    assert asides[0].read_bytes() == BAD_STATES[case]
    assert len(StateStore().load_state().bookmarks) == 1  # a fresh, whole state file


@pytest.mark.parametrize("case", list(BAD_SETTINGS))
async def test_a_bad_settings_file_is_kept_aside_and_the_app_starts_with_defaults(
    tmp_path: Path, user_dirs: SimpleNamespace, case: str
) -> None:
    user_dirs.config.mkdir(parents=True)
    bad = user_dirs.config / "settings.toml"
    bad.write_bytes(BAD_SETTINGS[case])
    app = HerzlichApp(roots=data_roots(user=False), export_dir=tmp_path / "exports")
    assert app.settings == Settings()
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await ready(pilot)
        asides = list(user_dirs.config.glob("settings.toml.bad-*"))
        assert len(asides) == 1 and asides[0].read_bytes() == BAD_SETTINGS[case]
        notice = next(n for n in notices(app) if "settings.toml" in n)
        assert f"kept as {asides[0]}" in notice
        assert any(str(asides[0]) in str(t.render()) for t in pilot.app.screen.query(Toast))
        app.theme = "textual-light"
        await pilot.pause()
    assert StateStore().load_settings().theme == "textual-light"
    assert asides[0].read_bytes() == BAD_SETTINGS[case]


def test_bad_files_within_the_same_second_are_all_kept(tmp_path: Path) -> None:
    """Two bad state files moved aside in the same second must not overwrite each other."""
    folder = tmp_path / "state"
    folder.mkdir()
    contents = [b"first = [", b"second = [", b"third = ["]
    for content in contents:
        (folder / "state.toml").write_bytes(content)
        store = StateStore(config_dir=tmp_path / "config", state_dir=folder)
        assert store.load_state() == State()
        assert len(store.notices) == 1
    kept = sorted(p.read_bytes() for p in folder.glob("state.toml.bad-*"))
    assert kept == sorted(contents)


async def test_valid_but_stale_state_is_harmless(tmp_path: Path, user_dirs: SimpleNamespace) -> None:
    """A state file from another data set: an unknown view, programme, year and bookmarks."""
    user_dirs.state.mkdir(parents=True)
    (user_dirs.state / "state.toml").write_text(
        'view = "gallery"\nprogramme = "no-such-programme"\nyear = 1850\n'
        'bookmarks = [{ id = "gone", label = "[/] gone", kind = "spaceship" }]\n',
        encoding="utf-8",
    )
    app = HerzlichApp(roots=data_roots(user=False), export_dir=tmp_path / "exports")
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        screen = await ready(pilot)
        assert screen.view_state.view == "timeline"
        for key in ["B", "down", "enter", "escape", "x", "1", "2", "5"]:
            await pilot.press(key)
            await pilot.pause()
        assert app.is_running and app._exception is None
        await pilot.press("q")
    assert app.return_code == 0
    assert [b.id for b in StateStore().load_state().bookmarks] == ["gone"]  # kept, though not found


# --- folders that cannot be written or read --------------------------------------------------------
def _locked(path: Path) -> bool:
    """Whether permissions stop this process (root reads and writes anything)."""
    return not os.access(path, os.W_OK)


async def test_a_read_only_config_folder_means_a_notice_not_a_crash(tmp_path: Path, user_dirs: SimpleNamespace) -> None:
    """(As root this is skipped; `unshare -U python -m pytest ... --basetemp=/tmp/x` runs it unprivileged.)"""
    user_dirs.config.mkdir(parents=True)
    (user_dirs.config / "settings.toml").write_text('theme = "textual-dark"\n', encoding="utf-8")
    user_dirs.config.chmod(0o555)
    try:
        if not _locked(user_dirs.config):
            pytest.skip("running as root: a read-only folder can still be written")
        app = HerzlichApp(roots=data_roots(user=False), export_dir=tmp_path / "exports")
        async with app.run_test(size=(120, 40), notifications=True) as pilot:
            await ready(pilot)
            app.theme = "textual-light"
            await pilot.pause()
            said = [n for n in notices(app) if n.startswith(f"Cannot save to {user_dirs.config}")]
            assert said and "changes last until you quit" in said[0]
            assert app.theme == "textual-light"  # the change holds for this run
            await pilot.press("j", "b", "2")
            await pilot.pause()
            assert app.is_running and app._exception is None
            await pilot.press("q")
        assert app.return_code == 0
        assert (user_dirs.config / "settings.toml").read_text(encoding="utf-8") == 'theme = "textual-dark"\n'
        assert len(StateStore().load_state().bookmarks) == 1  # the state folder was writable
    finally:
        user_dirs.config.chmod(0o755)


async def test_a_read_only_state_folder_means_a_notice_not_a_crash(tmp_path: Path, user_dirs: SimpleNamespace) -> None:
    user_dirs.state.mkdir(parents=True)
    (user_dirs.state / "state.toml").write_text(GOOD_STATE, encoding="utf-8")
    user_dirs.state.chmod(0o555)
    try:
        if not _locked(user_dirs.state):
            pytest.skip("running as root: a read-only folder can still be written")
        app = HerzlichApp(roots=data_roots(user=False), export_dir=tmp_path / "exports")
        async with app.run_test(size=(120, 40), notifications=True) as pilot:
            screen = await ready(pilot)
            assert screen.view_state.view == "people"  # read, though it cannot be written
            await pilot.press("j", "b")
            await pilot.pause()
            assert any(n.startswith(f"Cannot save to {user_dirs.state}") for n in notices(app))
            await pilot.press("q")
        assert app.return_code == 0
        assert (user_dirs.state / "state.toml").read_text(encoding="utf-8") == GOOD_STATE
    finally:
        user_dirs.state.chmod(0o755)


def test_an_unreadable_state_file_is_kept_not_overwritten(tmp_path: Path) -> None:
    folder = tmp_path / "state"
    folder.mkdir()
    state = folder / "state.toml"
    state.write_text(GOOD_STATE, encoding="utf-8")
    state.chmod(0)
    try:
        if os.access(state, os.R_OK):
            pytest.skip("running as root: a file without permissions can still be read")
        store = StateStore(config_dir=tmp_path / "config", state_dir=folder)
        assert store.load_state() == State()
        assert len(store.notices) == 1
        assert store.save_state(State(view="projects"))  # later saves do not destroy the user's file
        kept = [p for p in folder.iterdir() if p.name.startswith("state.toml.")]
        assert len(kept) == 1 and str(kept[0]) in store.notices[0]
        kept[0].chmod(0o644)
        assert kept[0].read_text(encoding="utf-8") == GOOD_STATE
    finally:
        for path in folder.iterdir():
            path.chmod(0o644)


async def test_a_state_left_to_save_at_exit_is_saved_without_touching_the_screens(tmp_path: Path) -> None:
    """The monkey found it: a state waiting for its timer when the app ends is saved as the app unmounts,
    when the screens' widgets may be gone already; showing the bookmarks then raised NoMatches."""
    from app_helpers import make_app, ready

    app = make_app(tmp_path, view="timeline")
    shown: list[set[str]] = []
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await ready(pilot)
        await pilot.press("y")
        await pilot.pause()
        assert app._pending_state is not None and app._pending_state.year is not None
        screen.show_bookmarks = shown.append  # type: ignore[method-assign]
        app.exit()
    assert shown == []
    assert app.store.load_state().year == app.main.view_state.year
