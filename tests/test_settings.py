"""atomic_write under interruption, and StateStore: round trips, bad files moved aside, unwritable folders."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from herzlich_tui import paths, settings
from herzlich_tui.settings import Bookmark, Settings, State, StateStore, atomic_write


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
