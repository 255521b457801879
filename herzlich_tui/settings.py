"""User settings and state between runs, read with tomllib and written with tomli-w, atomically.

A missing file means defaults. A file that cannot be read or holds the wrong types is moved aside (kept
next to the original with a `.bad-<time>` suffix) and defaults are used; the caller gets a notice to show.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
import time
import tomllib
from collections.abc import Iterator
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

from herzlich_tui import paths

__all__ = ["Bookmark", "Settings", "State", "StateStore", "atomic_file", "atomic_write", "atomic_write_bytes"]


def atomic_write(path: Path, text: str) -> None:
    """Write a text file so that, whenever the process dies, the file is either the old one or the new
    one (see atomic_write_bytes)."""
    atomic_write_bytes(path, text.encode("utf-8"))


def atomic_write_bytes(path: Path, data: bytes) -> None:
    """Write a file so that, whenever the process dies, the file is either the old one or the new one
    (see atomic_file)."""
    with atomic_file(path) as temp, temp.open("wb") as handle:
        handle.write(data)


@contextlib.contextmanager
def atomic_file(path: Path) -> Iterator[Path]:
    """A temporary file to write in place of `path`: when the block ends without an error, the file is
    synced and renamed over `path`; otherwise it is removed. Whenever the process dies, `path` is either
    the old file or the new one.

    The temporary file is in the same folder (rename is atomic within a file system), and its name holds
    the writer's process id, so that a later write can remove what a writer killed mid-write left behind."""
    path.parent.mkdir(parents=True, exist_ok=True)
    _remove_leftovers(path)
    fd, name = tempfile.mkstemp(prefix=f".{path.name}.{os.getpid()}.", suffix=".tmp", dir=path.parent)
    os.close(fd)
    temp = Path(name)
    try:
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


@dataclass(frozen=True, slots=True)
class Bookmark:
    """A record the user marked, with its label at the time (shown if the record is gone later)."""

    id: str
    label: str
    kind: str


@dataclass(frozen=True, slots=True)
class Settings:
    """Choices the user makes once: kept in the config folder."""

    theme: str = "textual-dark"


@dataclass(frozen=True, slots=True)
class State:
    """Where the user left off and what they kept: kept in the state folder."""

    view: str = "timeline"
    year: int | None = None
    programme: str = ""
    sorts: tuple[tuple[str, str], ...] = ()  # (view, sort order) of the views not sorted by default
    bookmarks: tuple[Bookmark, ...] = field(default_factory=tuple)


def _settings_from(data: dict[str, Any]) -> Settings:
    theme = data.get("theme", Settings.theme)
    if not isinstance(theme, str):
        raise TypeError("theme must be text")
    return Settings(theme=theme)


def _state_from(data: dict[str, Any]) -> State:
    view = data.get("view", State.view)
    year = data.get("year")
    programme = data.get("programme", "")
    raw_marks = data.get("bookmarks", [])
    raw_sorts = data.get("sorts", {})
    if not isinstance(view, str) or not isinstance(programme, str):
        raise TypeError("view and programme must be text")
    if not isinstance(raw_sorts, dict) or not all(isinstance(v, str) for v in raw_sorts.values()):
        raise TypeError("sorts must be a table of text")
    if year is not None and (isinstance(year, bool) or not isinstance(year, int)):
        raise TypeError("year must be a whole number")
    if not isinstance(raw_marks, list):
        raise TypeError("bookmarks must be a list")
    marks = []
    for mark in raw_marks:
        if not isinstance(mark, dict) or not all(isinstance(mark.get(k), str) for k in ("id", "label", "kind")):
            raise TypeError("each bookmark needs id, label and kind as text")
        marks.append(Bookmark(mark["id"], mark["label"], mark["kind"]))
    return State(
        view=view, year=year, programme=programme, sorts=tuple(sorted(raw_sorts.items())), bookmarks=tuple(marks)
    )


def _settings_to(settings: Settings) -> dict[str, Any]:
    return {f.name: getattr(settings, f.name) for f in fields(settings)}


def _state_to(state: State) -> dict[str, Any]:
    out: dict[str, Any] = {"view": state.view, "programme": state.programme}
    if state.year is not None:
        out["year"] = state.year
    out["sorts"] = dict(state.sorts)
    out["bookmarks"] = [{"id": b.id, "label": b.label, "kind": b.kind} for b in state.bookmarks]
    return out


class StateStore:
    """Reads and writes settings.toml (config folder) and state.toml (state folder).

    `notices` collects what the user should be told: files moved aside, a folder that cannot be written."""

    def __init__(self, config_dir: Path | None = None, state_dir: Path | None = None) -> None:
        self.settings_path = (config_dir or paths.config_dir()) / "settings.toml"
        self.state_path = (state_dir or paths.state_dir()) / "state.toml"
        self.notices: list[str] = []
        self.can_save = True

    def _read(self, path: Path, decode: Any, default: Any) -> Any:
        try:
            raw = path.read_bytes()
        except FileNotFoundError:
            return default
        except OSError as error:
            # Kept aside too: the next save would otherwise replace a file that may hold the user's bookmarks.
            self._set_aside(path, f"Could not read {path} ({error.strerror or error})")
            return default
        try:
            return decode(tomllib.loads(raw.decode("utf-8")))
        except (UnicodeDecodeError, tomllib.TOMLDecodeError, TypeError, ValueError) as error:
            self._set_aside(path, f"{path} was unreadable ({error})")
            return default

    def _set_aside(self, path: Path, what: str) -> None:
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
            self.notices.append(f"{what}; using defaults.")
            return
        self.notices.append(f"{what}; kept as {aside}, using defaults.")

    def load_settings(self) -> Settings:
        return self._read(self.settings_path, _settings_from, Settings())

    def load_state(self) -> State:
        return self._read(self.state_path, _state_from, State())

    def _write(self, path: Path, data: dict[str, Any]) -> bool:
        import tomli_w  # only when something is saved, not on the way to the first frame

        try:
            atomic_write(path, tomli_w.dumps(data))
        except OSError as error:
            if self.can_save:
                self.notices.append(
                    f"Cannot save to {path.parent} ({error.strerror or error}); changes last until you quit."
                )
            self.can_save = False
            return False
        return True

    def save_settings(self, settings: Settings) -> bool:
        return self._write(self.settings_path, _settings_to(settings))

    def save_state(self, state: State) -> bool:
        return self._write(self.state_path, _state_to(state))
