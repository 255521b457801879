"""atomic_write under interruption, and StateStore: round trips, bad files moved aside, unwritable folders."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from herzlich_tui import paths, settings
from herzlich_tui.settings import MAX_DEPTH, Bookmark, Settings, State, StateStore, atomic_write


def leftovers(folder: Path, keep: str) -> list[str]:
    """Files in the folder other than `keep` (e.g. temporary files an interrupted write left behind)."""
    return sorted(p.name for p in folder.iterdir() if p.name != keep)


# --- atomic_write -------------------------------------------------------------------------------------
def test_atomic_write_creates_folders_and_file(tmp_path: Path) -> None:
    target = tmp_path / "a" / "b" / "file.toml"
    atomic_write(target, "neu = 1\n")
    assert target.read_text(encoding="utf-8") == "neu = 1\n"
    assert leftovers(target.parent, "file.toml") == []


def test_atomic_write_replaces_old_content(tmp_path: Path) -> None:
    target = tmp_path / "file.toml"
    target.write_text("alt\n")
    atomic_write(target, "Grübentälchen\n")
    assert target.read_text(encoding="utf-8") == "Grübentälchen\n"
    assert leftovers(tmp_path, "file.toml") == []


def test_interrupted_before_the_rename_keeps_the_old_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "file.toml"
    target.write_text("alt\n")

    def fail(*args: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(settings.os, "replace", fail)
    with pytest.raises(OSError, match="No space left"):
        atomic_write(target, "neu\n")
    assert target.read_text() == "alt\n"
    assert leftovers(tmp_path, "file.toml") == []


def test_interrupted_mid_write_keeps_the_old_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "file.toml"
    target.write_text("alt\n")
    real_open = Path.open

    class HalfWriter:
        """Writes half of the text, then fails as if the disk were full."""

        def __init__(self, handle) -> None:
            self.handle = handle

        def __enter__(self):
            return self

        def __exit__(self, *exc: object) -> None:
            self.handle.close()

        def write(self, text: str) -> int:
            self.handle.write(text[: len(text) // 2])
            self.handle.flush()
            raise OSError(28, "No space left on device")

    monkeypatch.setattr(settings.Path, "open", lambda self, *a, **k: HalfWriter(real_open(self, *a, **k)))
    with pytest.raises(OSError):
        atomic_write(target, "neu und länger\n" * 100)
    monkeypatch.undo()
    assert target.read_text() == "alt\n"
    assert leftovers(tmp_path, "file.toml") == []


def test_keyboard_interrupt_during_sync_keeps_the_old_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "file.toml"
    target.write_text("alt\n")

    def interrupt(fd: int) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(settings.os, "fsync", interrupt)
    with pytest.raises(KeyboardInterrupt):
        atomic_write(target, "neu\n")
    assert target.read_text() == "alt\n"
    assert leftovers(tmp_path, "file.toml") == []


# --- StateStore ---------------------------------------------------------------------------------------
STATE = State(
    view="people",
    year=2021,
    programme="mpsc",
    bookmarks=(
        Bookmark("hassfurt", "Haßfurt", "organisation"),
        Bookmark("e-2021-mpsc-mashup", 'MPSC "Mashup"', "event"),
    ),
)


def test_platform_folders_point_at_the_test_home(user_dirs, tmp_path: Path) -> None:
    assert paths.user_data_dir() == user_dirs.data
    assert paths.config_dir() == user_dirs.config
    assert paths.state_dir() == user_dirs.state
    assert paths.cache_dir() == user_dirs.cache
    assert user_dirs.data.is_relative_to(tmp_path)


def test_missing_files_give_defaults(user_dirs) -> None:
    store = StateStore()
    assert store.load_settings() == Settings()
    assert store.load_state() == State()
    assert store.notices == []


def test_round_trip_in_the_platform_folders(user_dirs) -> None:
    store = StateStore()
    assert store.save_settings(Settings(theme="nord")) is True
    assert store.save_state(STATE) is True
    assert (user_dirs.config / "settings.toml").is_file()
    assert (user_dirs.state / "state.toml").is_file()
    again = StateStore()
    assert again.load_settings() == Settings(theme="nord")
    assert again.load_state() == STATE
    assert store.notices == again.notices == []


def test_round_trip_without_a_year(tmp_path: Path) -> None:
    store = StateStore(tmp_path / "c", tmp_path / "s")
    state = State(view="timeline", year=None, programme="", bookmarks=())
    assert store.save_state(state)
    assert StateStore(tmp_path / "c", tmp_path / "s").load_state() == state


@pytest.mark.parametrize(
    "content",
    [
        b"view = [unclosed\n",  # not TOML
        b'view = "people"\nyear = "2021"\n',  # wrong type
        b"year = true\n",  # a bool is not a year
        b'bookmarks = [{ id = "x", label = 3, kind = "event" }]\n',  # a broken bookmark
        b'bookmarks = "x"\n',
        b'view = "caf\xe9"\n',  # not UTF-8
    ],
)
def test_bad_state_file_is_moved_aside(tmp_path: Path, content: bytes) -> None:
    state_dir = tmp_path / "s"
    state_dir.mkdir()
    (state_dir / "state.toml").write_bytes(content)
    store = StateStore(tmp_path / "c", state_dir)
    assert store.load_state() == State()
    [aside] = state_dir.glob("state.toml.bad-*")
    assert aside.read_bytes() == content
    assert not (state_dir / "state.toml").exists()
    [notice] = store.notices
    assert notice.startswith(f"{state_dir / 'state.toml'} was unreadable (")
    assert notice.endswith(f"kept as {aside}, using defaults.")
    # the next save works and the next load is clean
    assert store.save_state(STATE)
    assert StateStore(tmp_path / "c", state_dir).load_state() == STATE


def test_bad_settings_file_is_moved_aside(tmp_path: Path) -> None:
    config = tmp_path / "c"
    config.mkdir()
    (config / "settings.toml").write_text("theme = 5\n")
    store = StateStore(config, tmp_path / "s")
    assert store.load_settings() == Settings()
    assert len(list(config.glob("settings.toml.bad-*"))) == 1
    assert "theme must be text" in store.notices[0]


def test_unreadable_state_path_gives_defaults(tmp_path: Path) -> None:
    (tmp_path / "s" / "state.toml").mkdir(parents=True)  # a folder where the file should be
    store = StateStore(tmp_path / "c", tmp_path / "s")
    assert store.load_state() == State()
    assert store.notices[0].startswith(f"Could not read {tmp_path / 's' / 'state.toml'} (")


def test_unwritable_location_means_save_returns_false(tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("")
    store = StateStore(blocker, blocker)
    assert store.save_settings(Settings(theme="nord")) is False
    assert store.save_state(STATE) is False
    assert store.can_save is False
    assert len(store.notices) == 1  # told once, not at every save
    assert store.notices[0].startswith(f"Cannot save to {blocker} (")
    assert store.notices[0].endswith("changes last until you quit.")


def test_read_only_folder_means_save_returns_false(tmp_path: Path) -> None:
    folder = tmp_path / "readonly"
    folder.mkdir()
    (folder / "state.toml").write_text('view = "people"\n')
    folder.chmod(stat.S_IRUSR | stat.S_IXUSR)
    try:
        if os.access(folder, os.W_OK):
            pytest.skip("chmod does not stop this user from writing (running as root)")
        store = StateStore(folder, folder)
        assert store.save_state(STATE) is False
        assert store.notices and store.notices[0].startswith(f"Cannot save to {folder} (")
        assert (folder / "state.toml").read_text() == 'view = "people"\n'
        assert store.load_state() == State(view="people")
    finally:
        folder.chmod(stat.S_IRWXU)


# --- two instances: merged on write ----------------------------------------------------------------------
# A StateStore in a process of its own, told what to do line by line on stdin: "load", "add ID",
# "remove ID", "view NAME", "save"; it answers each line with "ok" once done.
INSTANCE = r"""
import sys
from dataclasses import replace
from pathlib import Path
from herzlich_tui.settings import Bookmark, State, StateStore
folder = Path(sys.argv[1])
store = StateStore(config_dir=folder / "config", state_dir=folder)
state = State()
for line in sys.stdin:
    command, _, arg = line.strip().partition(" ")
    if command == "load":
        state = store.load_state()
    elif command == "add":
        state = state._replace(bookmarks=(*state.bookmarks, Bookmark(arg, f"label {arg}", "event")))
    elif command == "remove":
        state = state._replace(bookmarks=tuple(b for b in state.bookmarks if b.id != arg))
    elif command == "view":
        state = state._replace(view=arg)
    elif command == "save":
        assert store.save_state(state), store.notices
    elif command == "many":  # add and save one bookmark after the other, as fast as it goes
        name, count = arg.split()
        for n in range(int(count)):
            state = state._replace(bookmarks=(*state.bookmarks, Bookmark(f"{name}-{n}", name, "event")))
            assert store.save_state(state), store.notices
    sys.stdout.write("ok\n")
    sys.stdout.flush()
"""


class Instance:
    def __init__(self, folder: Path) -> None:
        self.process = subprocess.Popen(
            [sys.executable, "-c", INSTANCE, str(folder)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )

    def send(self, *lines: str) -> None:
        assert self.process.stdin is not None
        for line in lines:
            self.process.stdin.write(line + "\n")
            self.process.stdin.flush()

    def wait(self, count: int = 1) -> None:
        assert self.process.stdout is not None
        for _ in range(count):
            answer = self.process.stdout.readline()
            assert answer == "ok\n", self.process.stderr.read() if self.process.stderr else ""

    def do(self, *lines: str) -> None:
        self.send(*lines)
        self.wait(len(lines))

    def close(self) -> None:
        if self.process.stdin is not None:
            self.process.stdin.close()
        assert self.process.wait(60) == 0, self.process.stderr.read() if self.process.stderr else ""


def bookmark_ids(folder: Path) -> list[str]:
    return [b.id for b in StateStore(config_dir=folder / "config", state_dir=folder).load_state().bookmarks]


def test_two_windows_keep_each_others_bookmarks(tmp_path: Path) -> None:
    """The issue's case: A and B start; A bookmarks and quits; B quits without a change."""
    folder = tmp_path / "state"
    seed = StateStore(config_dir=tmp_path / "config", state_dir=folder)
    assert seed.save_state(State(bookmarks=(Bookmark("old", "Alt", "event"), Bookmark("gone", "Weg", "event"))))
    a, b = Instance(folder), Instance(folder)
    try:
        a.do("load")
        b.do("load")
        a.do("add new-in-a", "save")
        assert bookmark_ids(folder) == ["old", "gone", "new-in-a"]
        b.do("remove gone", "add new-in-b", "view people", "save")  # B never saw A's bookmark
        assert bookmark_ids(folder) == ["old", "new-in-a", "new-in-b"]
        a.do("save")  # A still holds "gone", which B removed: it stays removed
        assert bookmark_ids(folder) == ["old", "new-in-a", "new-in-b"]
        a.do("remove old", "save")
        assert bookmark_ids(folder) == ["new-in-a", "new-in-b"]
    finally:
        a.close()
        b.close()
    assert StateStore(config_dir=tmp_path / "config", state_dir=folder).load_state().view == "timeline"  # A's
    assert sorted(p.name for p in folder.iterdir()) == ["state.toml"]  # no lock file left behind


def test_two_windows_saving_at_once_lose_nothing(tmp_path: Path) -> None:
    """Both add and save 150 bookmarks one by one at the same time: under the lock, every one is kept."""
    folder = tmp_path / "state"
    a, b = Instance(folder), Instance(folder)
    try:
        a.do("load")
        b.do("load")
        a.send("many a 150")
        b.send("many b 150")
        a.wait()
        b.wait()
    finally:
        a.close()
        b.close()
    assert sorted(bookmark_ids(folder)) == sorted([f"a-{n}" for n in range(150)] + [f"b-{n}" for n in range(150)])


def test_a_store_that_never_read_the_state_adds_to_it(tmp_path: Path) -> None:
    first = StateStore(tmp_path / "c", tmp_path / "s")
    assert first.save_state(State(bookmarks=(Bookmark("a", "A", "event"),)))
    second = StateStore(tmp_path / "c", tmp_path / "s")
    assert second.save_state(State(view="people", bookmarks=(Bookmark("b", "B", "event"),)))
    assert second.saved == State(view="people", bookmarks=(Bookmark("a", "A", "event"), Bookmark("b", "B", "event")))
    assert StateStore(tmp_path / "c", tmp_path / "s").load_state() == second.saved


# --- files that are odd ----------------------------------------------------------------------------------
@pytest.mark.skipif(os.name != "posix", reason="symlinks")
def test_symlinked_settings_and_state_are_written_through(tmp_path: Path) -> None:
    dotfiles = tmp_path / "dotfiles"
    dotfiles.mkdir()
    (dotfiles / "settings.toml").write_text('theme = "nord"\n')
    os.chmod(dotfiles / "settings.toml", 0o644)
    (dotfiles / "state.toml").write_text('view = "people"\n')
    (tmp_path / "c").mkdir()
    (tmp_path / "s").mkdir()
    (tmp_path / "c" / "settings.toml").symlink_to(dotfiles / "settings.toml")
    (tmp_path / "s" / "state.toml").symlink_to(dotfiles / "state.toml")
    store = StateStore(tmp_path / "c", tmp_path / "s")
    assert store.load_settings() == Settings(theme="nord")
    assert store.save_settings(Settings(theme="gruvbox")) and store.save_state(STATE)
    assert (tmp_path / "c" / "settings.toml").is_symlink() and (tmp_path / "s" / "state.toml").is_symlink()
    assert StateStore(tmp_path / "c", tmp_path / "s").load_settings() == Settings(theme="gruvbox")
    assert 'theme = "gruvbox"' in (dotfiles / "settings.toml").read_text()
    assert stat.S_IMODE(os.stat(dotfiles / "settings.toml").st_mode) == 0o644
    assert StateStore(tmp_path / "c", tmp_path / "s").load_state() == STATE
    assert sorted(p.name for p in dotfiles.iterdir()) == ["settings.toml", "state.toml"]


@pytest.mark.skipif(os.name != "posix", reason="FIFOs")
def test_a_fifo_as_settings_or_state_is_moved_aside_not_waited_for(tmp_path: Path) -> None:
    (tmp_path / "c").mkdir()
    (tmp_path / "s").mkdir()
    os.mkfifo(tmp_path / "c" / "settings.toml")
    os.mkfifo(tmp_path / "s" / "state.toml")
    program = (
        "import sys; from pathlib import Path; from herzlich_tui.settings import StateStore\n"
        "store = StateStore(Path(sys.argv[1]), Path(sys.argv[2]))\n"
        "print(store.load_settings(), store.load_state(), sep='\\n'); print(*store.notices, sep='\\n')\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", program, str(tmp_path / "c"), str(tmp_path / "s")],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    settings_line, state_line, *told = done.stdout.splitlines()
    assert (settings_line, state_line) == (str(Settings()), str(State()))
    assert len(told) == 2 and "is a FIFO (named pipe), not a regular file" in told[0]
    assert [p.name.split(".bad-")[0] for p in (tmp_path / "c").iterdir()] == ["settings.toml"]
    assert stat.S_ISFIFO(os.lstat(next((tmp_path / "c").iterdir())).st_mode)  # kept aside as it was


@pytest.mark.parametrize("depth", [MAX_DEPTH + 1, 5_000])
@pytest.mark.parametrize("name", ["settings.toml", "state.toml"])
def test_deeply_nested_values_are_moved_aside(tmp_path: Path, name: str, depth: int) -> None:
    folder = tmp_path / ("c" if name == "settings.toml" else "s")
    folder.mkdir()
    valid = 'theme = "nord"\n' if name == "settings.toml" else 'view = "people"\n'
    (folder / name).write_text(valid + "x = " + "[" * depth + "]" * depth + "\n")
    store = StateStore(tmp_path / "c", tmp_path / "s")
    assert (store.load_settings(), store.load_state()) == (Settings(), State())
    [notice] = store.notices
    assert f"{folder / name} was unreadable (" in notice and "kept as" in notice
    assert "nested" in notice
    assert [p.name.split(".bad-")[0] for p in folder.iterdir()] == [name]


def test_a_huge_state_file_is_moved_aside(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(settings, "MAX_BYTES", 1000)
    (tmp_path / "s").mkdir()
    (tmp_path / "s" / "state.toml").write_text("# " + "x" * 2000 + "\n")
    store = StateStore(tmp_path / "c", tmp_path / "s")
    assert store.load_state() == State()
    assert "is larger than" in store.notices[0]


def test_files_that_leave_out_a_field_get_its_default(tmp_path: Path) -> None:
    (tmp_path / "c").mkdir()
    (tmp_path / "s").mkdir()
    (tmp_path / "c" / "settings.toml").write_text("# nothing chosen yet\n")
    (tmp_path / "s" / "state.toml").write_text('year = 2021\nbookmarks = [{ id = "a", label = "A", kind = "event" }]\n')
    store = StateStore(tmp_path / "c", tmp_path / "s")
    assert store.load_settings() == Settings()
    assert store.load_state() == State(year=2021, bookmarks=(Bookmark("a", "A", "event"),))
    assert store.notices == []


def test_a_merged_save_keeps_every_field_of_this_instance(tmp_path: Path) -> None:
    store = StateStore(tmp_path / "c", tmp_path / "s")
    state = State(view="projects", year=2021, programme="mpsc", sorts=(("projects", "title"),))
    assert store.save_state(state)
    assert StateStore(tmp_path / "c", tmp_path / "s").load_state() == state


# --- reading: rtoml first, tomllib for what it refuses -------------------------------------------------------
def test_a_saved_state_is_read_without_tomllib(user_dirs: object) -> None:
    """tomllib is not imported on the way to the first frame when rtoml reads the files (tomlread;
    docs/performance.md says what it costs)."""
    StateStore().save_state(State(view="people", bookmarks=(Bookmark("p-1", "Name", "person"),)))
    program = (
        "import sys; from herzlich_tui.settings import StateStore; s = StateStore(); "
        "print(s.load_state().view, s.load_settings().theme, 'tomllib' in sys.modules)"
    )
    done = subprocess.run([sys.executable, "-c", program], capture_output=True, text=True, timeout=60, check=True)
    assert done.stdout.split() == ["people", "textual-dark", "False"]


def test_a_file_rtoml_refuses_gets_tomllibs_message(user_dirs: object) -> None:
    path = paths.state_dir() / "state.toml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text('view = "people"\nview = "timeline"\n', encoding="utf-8")
    store = StateStore()
    assert store.load_state() == State()
    (notice,) = store.notices
    assert "(Cannot overwrite a value (at line 2, column 18))" in str(notice)
