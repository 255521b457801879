"""Which files load: the data folders in order, and the TOML files in them. Apart from the loader (and the
model it builds), so that the app can look at the files before its first frame without importing them."""

from __future__ import annotations

import contextlib
import os
import stat
from collections.abc import Iterable, Iterator, Sequence
from io import BufferedReader
from pathlib import Path
from typing import TYPE_CHECKING

from herzlich_tui import paths
from herzlich_tui import strings as S

if TYPE_CHECKING:
    from herzlich_tui.loading.problems import Problem

__all__ = [
    "MAX_FILE_BYTES",
    "FileTooLarge",
    "NotARegularFile",
    "data_roots",
    "discover",
    "open_regular",
    "read_regular",
]

# A data file larger than this is a problem, not data (the load cache hashes files up to it, as the
# loader reads them: the limit lives here, where both find it without importing the loader).
MAX_FILE_BYTES = 32 * 1024 * 1024


def data_roots(extra: Sequence[Path] = (), *, shipped: bool = True, user: bool = True) -> list[tuple[Path, str]]:
    """The folders that load, in order: shipped data, the user's data folder, then each extra one.

    Each is made absolute here, once, and not resolved: the load cache is keyed by the paths of the files
    below them and holds those paths (in the records' origins, in the problems), so a folder named
    relatively and absolutely must be one path, and one that means the same from any working folder. A
    symlink stays as the user named it (and `link/..` keeps the meaning the system gives it), so that what
    a problem names is what the user typed, made absolute."""
    roots: list[tuple[Path, str]] = []
    if shipped:
        roots.append((paths.shipped_data_dir(), "shipped"))
    if user:
        roots.append((paths.user_data_dir(), "user"))
    roots.extend((Path(p), "extra") for p in extra)
    return [(path.absolute(), layer) for path, layer in roots]


def discover(roots: Iterable[tuple[Path, str]]) -> tuple[list[tuple[Path, str]], list[Problem]]:
    """Expand folders into their `*.toml` files (sorted, hidden ones skipped); keep named files as given.
    A file that two roots lead to (`--data` naming the user's data folder, one folder twice, or a symlink to
    a folder that loads anyway) is listed once, in the first root's layer."""
    found: list[tuple[Path, str]] = []
    problems: list[Problem] = []
    seen: set[object] = set()

    def add(path: Path, layer: str) -> None:
        where = _identity(path)
        if where not in seen:
            seen.add(where)
            found.append((path, layer))

    for root, layer in roots:
        if root.is_dir():
            for path in _toml_files(root, problems):
                add(path, layer)
        elif root.exists():
            add(root, layer)
        elif layer != "user":
            problems.append(_skipped(str(root), S.said("PROBLEM_NO_SUCH_PATH")))
    return found, problems


def _identity(path: Path) -> object:
    """What makes two paths one file: the device and inode it leads to (symlinks followed, so `link/..` is
    where the link points, not the link's own folder), or, for a path that cannot be looked at, its real
    path (the loader then reports why it cannot be read)."""
    try:
        info = os.stat(path)
    except OSError:
        return os.path.realpath(path)
    return (info.st_dev, info.st_ino)


def _skipped(path: str, why: str) -> Problem:
    """A folder or file that cannot be read: its problem (the problems' module is imported with the first,
    not before the first frame)."""
    from herzlich_tui.loading.problems import FILE_SKIPPED, Problem

    return Problem(path, why, outcome=FILE_SKIPPED)


def _toml_files(root: Path, problems: list[Problem]) -> list[Path]:
    """The `*.toml` entries below a folder, sorted, hidden ones skipped. A folder that cannot be listed
    is a problem (Path.rglob would skip it without a word, and the files in it would silently not load)."""

    def unreadable(error: OSError) -> None:
        why = S.said("PROBLEM_CANNOT_LIST_FOLDER", error=error.strerror or str(error))
        problems.append(_skipped(str(error.filename or root), why))

    found: list[Path] = []
    for folder, dirs, files in os.walk(root, onerror=unreadable):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        found.extend(Path(folder, n) for n in [*dirs, *files] if n.endswith(".toml") and not n.startswith("."))
    return sorted(found)


class NotARegularFile(OSError):
    """A path that leads to something other than a regular file: a folder, a FIFO, a device, a socket.
    `what`: what it is, said ("is a folder, not a TOML file")."""

    def __init__(self, what: S.Said) -> None:
        super().__init__(what)
        self.what = what


class FileTooLarge(OSError):
    """A file larger than the limit it was read with. `size`: its size, or None when its size said less
    and more than the limit was read (a file that grows, or one of the system's files of size 0)."""

    def __init__(self, size: int | None) -> None:
        super().__init__("file too large")
        self.size = size


# (O_NONBLOCK: opening a FIFO for reading would otherwise wait for a writer, for ever. It changes nothing
# for a regular file.)
_READ_FLAGS = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_BINARY", 0)


@contextlib.contextmanager
def open_regular(path: Path, limit: int) -> Iterator[BufferedReader]:
    """`path` (symlinks followed) opened for reading when it is a regular file of at most
    `limit` bytes by its size. Raises NotARegularFile for anything but a regular file (never opening a FIFO
    or a device for long: nothing blocks), FileTooLarge beyond `limit`, OSError when it cannot be opened.
    The caller reads no more than `limit` bytes of it (a file may grow while it is read)."""
    _check_regular(path, os.stat(path))  # (a socket cannot be opened at all: say what it is)
    fd = os.open(path, _READ_FLAGS)
    with os.fdopen(fd, "rb") as handle:
        info = os.fstat(fd)  # what was opened, should the path have changed since it was looked at
        _check_regular(path, info)
        if info.st_size > limit:
            raise FileTooLarge(info.st_size)
        yield handle


def read_regular(path: Path, limit: int) -> bytes:
    """The bytes of `path` (symlinks followed), at most `limit` of them. Raises as `open_regular` does, and
    FileTooLarge when more than `limit` bytes were read (by its size, or by what was read), OSError when it
    cannot be read. Nothing reads without end."""
    with open_regular(path, limit) as handle:
        data = handle.read(limit + 1)
    if len(data) > limit:
        raise FileTooLarge(None)
    return data


def _check_regular(path: Path, info: os.stat_result) -> None:
    mode = info.st_mode
    if stat.S_ISREG(mode):
        return
    if stat.S_ISDIR(mode):
        what = "folder"
    elif stat.S_ISFIFO(mode):
        what = "fifo"
    elif stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        what = "device"
    elif stat.S_ISSOCK(mode):
        what = "socket"
    else:
        what = "other"
    raise NotARegularFile(S.said(f"PROBLEM_NOT_A_FILE.{what}"))
