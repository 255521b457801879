"""User settings and state between runs, read with rtoml or tomllib (tomlread) and written with tomli-w, atomically.

A missing file means defaults. A file that cannot be read or holds the wrong types is moved aside (kept
next to the original with a `.bad-<time>` suffix) and defaults are used; the caller gets a notice to show.
So is what is not a regular file (a FIFO would block the start), a file beyond MAX_BYTES, and a value
nested deeper than MAX_DEPTH. A symlinked settings.toml or state.toml is written through to its target.

Two instances at once (two windows) each save their own changes: the state is merged on write. Under a
lock (see `_locked`), the file on disk is read again, the bookmarks this store added and removed since it
last read or wrote the state are applied to it, with this store's view and filters, and the result is
written. Neither window loses what the other bookmarked.
"""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any, NamedTuple

from herzlich_tui import paths, tomlread
from herzlich_tui import strings as S
from herzlich_tui.i18n import LANGUAGES

__all__ = [
    "Bookmark",
    "Settings",
    "State",
    "StateStore",
    "atomic_file",
    "atomic_write",
    "atomic_write_bytes",
    "saved_language",
]


def atomic_write(path: Path, text: str, *, follow_symlinks: bool = False) -> None:
    """Write a text file so that, whenever the process dies, the file is either the old one or the new
    one (see atomic_write_bytes)."""
    atomic_write_bytes(path, text.encode("utf-8"), follow_symlinks=follow_symlinks)


def atomic_write_bytes(path: Path, data: bytes, *, follow_symlinks: bool = False) -> None:
    """Write a file so that, whenever the process dies, the file is either the old one or the new one
    (see atomic_file)."""
    with atomic_file(path, follow_symlinks=follow_symlinks) as temp, temp.open("wb") as handle:
        handle.write(data)


@contextlib.contextmanager
def atomic_file(path: Path, *, follow_symlinks: bool = False) -> Iterator[Path]:
    """A temporary file to write in place of `path`: when the block ends without an error, the file is
    synced and renamed over `path`; otherwise it is removed. Whenever the process dies, `path` is either
    the old file or the new one.

    The temporary file is in the same folder (rename is atomic within a file system), and its name holds
    the writer's process id, so that a later write can remove what a writer killed mid-write left behind.

    `follow_symlinks`: when `path` is a symlink, the file it points to is replaced (with the same mode),
    and the link stays; otherwise the link itself is replaced by the new file."""
    if follow_symlinks and path.is_symlink():
        path = Path(os.path.realpath(path))
    try:
        mode: int | None = stat.S_IMODE(os.stat(path).st_mode) if follow_symlinks else None
    except OSError:
        mode = None
    path.parent.mkdir(parents=True, exist_ok=True)
    _remove_leftovers(path)
    fd, name = tempfile.mkstemp(prefix=f".{path.name}.{os.getpid()}.", suffix=".tmp", dir=path.parent)
    os.close(fd)
    temp = Path(name)
    try:
        if mode is not None:
            os.chmod(temp, mode)
        yield temp
        fd = os.open(temp, os.O_RDWR)  # (Windows syncs only a descriptor open for writing)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
        os.replace(temp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        raise
    with contextlib.suppress(OSError):
        dir_fd = os.open(path.parent, os.O_RDONLY)
        try:
            os.fsync(dir_fd)
        finally:
            os.close(dir_fd)


def _remove_leftovers(path: Path) -> None:
    """Remove the temporary files of earlier writes to `path` whose writer is gone (killed mid-write).
    Those of writers that still run (another instance saving right now) are left alone."""
    if os.name != "posix":  # os.kill(pid, 0) only asks on POSIX
        return
    prefix = f".{path.name}."
    with contextlib.suppress(OSError):
        for entry in os.scandir(path.parent):
            if not (entry.name.startswith(prefix) and entry.name.endswith(".tmp")):
                continue
            pid = entry.name[len(prefix) :].split(".", 1)[0]
            if pid.isdigit() and not _alive(int(pid)):
                with contextlib.suppress(OSError):
                    os.unlink(entry.path)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # another user's process
        return True
    return True


class Bookmark(NamedTuple):
    """A record the user marked, with its label at the time (shown if the record is gone later)."""

    id: str
    label: str
    kind: str


class Settings(NamedTuple):
    """Choices the user makes once: kept in the config folder."""

    theme: str = "textual-dark"
    language: str = ""  # "de" or "en"; "" follows the environment (i18n.language_from)


class State(NamedTuple):
    """Where the user left off and what they kept: kept in the state folder."""

    view: str = "timeline"
    year: int | None = None
    programme: str = ""
    sorts: tuple[tuple[str, str], ...] = ()  # (view, sort order) of the views not sorted by default
    record: str = ""  # the record the user was reading
    bookmarks: tuple[Bookmark, ...] = ()


# What a settings or state file may be: far beyond what the app writes (6,000 bookmarks take 1 MB; the
# deepest value it writes, a bookmark's label, is three levels down).
MAX_BYTES = 16 * 2**20
MAX_DEPTH = 16


def _check_depth(data: dict[str, Any]) -> None:
    """Raise ValueError when a value is nested deeper than MAX_DEPTH (walked without recursion)."""
    pending: list[tuple[Any, int]] = [(data, 1)]
    while pending:
        value, depth = pending.pop()
        if depth > MAX_DEPTH:
            raise ValueError(S.said("SETTINGS_NESTED", depth=MAX_DEPTH))
        if isinstance(value, dict):
            pending.extend((item, depth + 1) for item in value.values() if isinstance(item, (dict, list)))
        elif isinstance(value, list):
            pending.extend((item, depth + 1) for item in value if isinstance(item, (dict, list)))


_DEFAULT_SETTINGS = Settings()
_DEFAULT_STATE = State()


def _settings_from(data: dict[str, Any]) -> Settings:
    # (Not Settings.theme: in a named tuple that is the field's descriptor, not the default.)
    theme = data.get("theme", _DEFAULT_SETTINGS.theme)
    if not isinstance(theme, str):
        raise TypeError(S.said("SETTINGS_WRONG_TYPE.theme"))
    language = data.get("language", "")
    if not isinstance(language, str):
        raise TypeError(S.said("SETTINGS_WRONG_TYPE.language"))
    return Settings(theme=theme, language=language if language in LANGUAGES else "")


def _state_from(data: dict[str, Any]) -> State:
    view = data.get("view", _DEFAULT_STATE.view)
    year = data.get("year")
    programme = data.get("programme", "")
    raw_marks = data.get("bookmarks", [])
    raw_sorts = data.get("sorts", {})
    record = data.get("record", "")
    if not isinstance(view, str) or not isinstance(programme, str) or not isinstance(record, str):
        raise TypeError(S.said("SETTINGS_WRONG_TYPE.texts"))
    if not isinstance(raw_sorts, dict) or not all(isinstance(v, str) for v in raw_sorts.values()):
        raise TypeError(S.said("SETTINGS_WRONG_TYPE.sorts"))
    if year is not None and (isinstance(year, bool) or not isinstance(year, int)):
        raise TypeError(S.said("SETTINGS_WRONG_TYPE.year"))
    if not isinstance(raw_marks, list):
        raise TypeError(S.said("SETTINGS_WRONG_TYPE.bookmarks"))
    marks = []
    for mark in raw_marks:
        if not isinstance(mark, dict) or not all(isinstance(mark.get(k), str) for k in ("id", "label", "kind")):
            raise TypeError(S.said("SETTINGS_WRONG_TYPE.bookmark"))
        marks.append(Bookmark(mark["id"], mark["label"], mark["kind"]))
    sorts = tuple(sorted(raw_sorts.items()))
    return State(view=view, year=year, programme=programme, sorts=sorts, record=record, bookmarks=tuple(marks))


def _settings_to(settings: Settings) -> dict[str, Any]:
    return settings._asdict()


def _state_to(state: State) -> dict[str, Any]:
    out: dict[str, Any] = {"view": state.view, "programme": state.programme}
    if state.year is not None:
        out["year"] = state.year
    out["sorts"] = dict(state.sorts)
    if state.record:
        out["record"] = state.record
    out["bookmarks"] = [{"id": b.id, "label": b.label, "kind": b.kind} for b in state.bookmarks]
    return out


def saved_language(config_dir: Path | None = None) -> str:
    """The language chosen in settings.toml ("de", "en"), or "" (follow the environment), read without the
    checks and notices of StateStore: a command line tool only asks which language to speak, and a file
    that cannot be read is the app's to set aside and report."""
    from herzlich_tui.loading.files import FileTooLarge, NotARegularFile, read_regular

    path = (config_dir or paths.config_dir()) / "settings.toml"
    try:
        raw = read_regular(path, MAX_BYTES)
    except (OSError, NotARegularFile, FileTooLarge, ValueError):
        return ""
    try:
        language = tomlread.loads(raw.decode("utf-8")).get("language", "")
    except (RecursionError, ValueError):  # (a UnicodeDecodeError or tomllib.TOMLDecodeError is a ValueError)
        return ""
    return language if isinstance(language, str) and language in LANGUAGES else ""


def _why(error: Exception) -> str:
    """What an error says: our own reasons as said, the TOML reader's and Python's as they are."""
    said = error.args[0] if len(error.args) == 1 else None
    return said if isinstance(said, S.Said) else str(error)


class StateStore:
    """Reads and writes settings.toml (config folder) and state.toml (state folder).

    `notices` collects what the user should be told: files moved aside, a folder that cannot be written.
    Each is said (strings.said): str() gives it in the language of the moment it is shown."""

    def __init__(self, config_dir: Path | None = None, state_dir: Path | None = None) -> None:
        self.settings_path = (config_dir or paths.config_dir()) / "settings.toml"
        self.state_path = (state_dir or paths.state_dir()) / "state.toml"
        self.notices: list[str] = []
        self.can_save = True
        # The state as this store's user last saw it: as read by load_state, or as given to save_state.
        # What changed since is this instance's change, to apply to the file (see save_state).
        self._seen: State | None = None
        # The state as last written by save_state, merged with what other instances had saved: their
        # bookmarks too (for a caller that wants to show them).
        self.saved: State | None = None

    def _read(self, path: Path, decode: Any, default: Any) -> Any:
        from herzlich_tui.loading.files import FileTooLarge, NotARegularFile, read_regular

        try:
            raw = read_regular(path, MAX_BYTES)
        except (FileNotFoundError, NotADirectoryError):  # (no file: a folder on the way is not one)
            return default
        except NotARegularFile as error:
            self._set_aside(path, S.said("SETTINGS_NOT_A_FILE", path=str(path), why=error.what))
            return default
        except FileTooLarge:
            self._set_aside(path, S.said("SETTINGS_TOO_LARGE", path=str(path), limit=S.number(MAX_BYTES)))
            return default
        except OSError as error:
            # Kept aside too: the next save would otherwise replace a file that may hold the user's bookmarks.
            self._set_aside(path, S.said("SETTINGS_CANNOT_READ", path=str(path), error=error.strerror or str(error)))
            return default
        try:
            data = tomlread.loads(raw.decode("utf-8"))
            _check_depth(data)
            return decode(data)
        except RecursionError:
            self._set_aside(path, S.said("SETTINGS_TOO_DEEP", path=str(path)))
            return default
        except (TypeError, ValueError) as error:  # (a UnicodeDecodeError or TOMLDecodeError is a ValueError)
            self._set_aside(path, S.said("SETTINGS_UNREADABLE", path=str(path), error=_why(error)))
            return default

    def _set_aside(self, path: Path, what: S.Said) -> None:
        """Move a file that cannot be used next to itself under a new name (never over an earlier one)."""
        stamp = time.strftime("%Y%m%d-%H%M%S")
        aside = path.with_name(f"{path.name}.bad-{stamp}")
        number = 1
        while aside.exists() or aside.is_symlink():
            number += 1
            aside = path.with_name(f"{path.name}.bad-{stamp}-{number}")
        try:
            os.rename(path, aside)
        except OSError:
            self.notices.append(S.said("SETTINGS_DEFAULTS", what=what))
            return
        self.notices.append(S.said("SETTINGS_SET_ASIDE", what=what, aside=str(aside)))

    def load_settings(self) -> Settings:
        return self._read(self.settings_path, _settings_from, Settings())

    def load_state(self) -> State:
        state = self._read(self.state_path, _state_from, State())
        self._seen = state
        return state

    def _write(self, path: Path, data: dict[str, Any]) -> bool:
        import tomli_w  # only when something is saved, not on the way to the first frame

        try:
            atomic_write(path, tomli_w.dumps(data), follow_symlinks=True)
        except OSError as error:
            if self.can_save:
                self.notices.append(
                    S.said("SETTINGS_CANNOT_SAVE", folder=str(path.parent), error=error.strerror or str(error))
                )
            self.can_save = False
            return False
        return True

    def save_settings(self, settings: Settings) -> bool:
        return self._write(self.settings_path, _settings_to(settings))

    def save_state(self, state: State) -> bool:
        """Save this instance's state, merged with what another instance may have saved since this one
        last read or saved it: the bookmarks this one added or removed since then are added to or removed
        from those in the file; the view and filters are this one's."""
        with _locked(self.state_path.parent):
            on_disk = self._read(self.state_path, _state_from, State())
            merged = _merge(self._seen, state, on_disk)
            if not self._write(self.state_path, _state_to(merged)):
                return False
        self._seen = state
        self.saved = merged
        return True


def _merge(seen: State | None, mine: State, on_disk: State) -> State:
    """`mine` applied to `on_disk`: the bookmarks added to and removed from `seen` (None: every bookmark of
    `mine` is new) are added to (at the end) and removed from the file's bookmarks; a bookmark that
    another instance removed and this one only kept stays removed. View, filters and sorts are `mine`."""
    before = {mark.id for mark in seen.bookmarks} if seen is not None else set()
    now = {mark.id: mark for mark in mine.bookmarks}
    removed = before - now.keys()
    marks = [now.get(mark.id, mark) for mark in on_disk.bookmarks if mark.id not in removed]
    there = {mark.id for mark in marks}
    marks += [mark for mark in mine.bookmarks if mark.id not in there and mark.id not in before]
    return mine._replace(bookmarks=tuple(marks))  # (every other field, sorts too, is this instance's)


# How long a save waits for another instance's save to end before it goes ahead without the lock (an
# instance stopped with ctrl+z mid-save must not stop this one for good).
LOCK_WAIT = 5.0


@contextlib.contextmanager
def _locked(folder: Path) -> Iterator[None]:
    """Hold an exclusive lock on `folder` (flock on the folder itself, so that no lock file is left
    behind) while the block runs, so that two instances never read and write the state at once. Where
    there are no such locks (Windows, some network file systems), or the lock is not had within
    LOCK_WAIT seconds, the block runs without it: the write is still atomic, only a merge may be missed."""
    try:
        import fcntl
    except ImportError:  # pragma: no cover - Windows
        yield
        return
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        yield  # (the write fails too, and says why)
        return
    try:
        deadline = time.monotonic() + LOCK_WAIT
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    break
                time.sleep(0.01)
            except OSError:
                break  # a file system without flock
        yield
    finally:
        os.close(fd)  # (releases the lock)
