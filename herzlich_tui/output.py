"""Writing an export to a path the user named: what the path is keeps being what it was.

`write_output(path, data)` (`data`: bytes, or pieces of bytes, written as they come):

- a path that exists and is not a regular file (a FIFO, /dev/null, a terminal, another character device)
  is written in place: opened for writing (truncated where that means anything) and written; it is never
  replaced by a regular file;
- a symlink is followed: the file it points to is written (the link stays a link);
- an existing regular file keeps its mode, its owner and its hard links: it is replaced atomically (a
  temporary file in its folder, given the old file's mode and owner, synced and renamed over it) when
  that keeps them, and written in place otherwise (a file with more than one link, a file whose owner
  or group the new file could not be given, a folder where no temporary file can be made);
- a new file is written atomically, with the mode a shell redirection would give it (0666 less the
  umask), creating its folder.

`unused_name(path)` offers a name next to `path` that nothing has taken yet (`name-2.ext`, ...), for a
caller that must not overwrite an existing file without asking.
"""

from __future__ import annotations

import contextlib
import errno
import os
import secrets
import stat
from collections.abc import Iterable
from pathlib import Path
from typing import BinaryIO

from herzlich_tui import strings as S

__all__ = ["unused_name", "write_output"]


def write_output(path: Path, data: bytes | Iterable[bytes]) -> None:
    """Write `data` to `path` as described in the module's docstring. Raises OSError when it cannot."""
    target = Path(os.path.realpath(path)) if path.is_symlink() else path
    try:
        info: os.stat_result | None = os.stat(target)
    except FileNotFoundError:
        info = None
    if info is not None and stat.S_ISDIR(info.st_mode):
        raise IsADirectoryError(errno.EISDIR, S.OUTPUT_IS_A_FOLDER, str(path))
    if info is not None and (not stat.S_ISREG(info.st_mode) or info.st_nlink > 1):
        _write_in_place(target, data, regular=stat.S_ISREG(info.st_mode))
        return
    if info is None:
        target.parent.mkdir(parents=True, exist_ok=True)
    if not _replace(target, data, info):
        _write_in_place(target, data, regular=True)


def _write_in_place(target: Path, data: bytes | Iterable[bytes], *, regular: bool) -> None:
    fd = os.open(target, os.O_WRONLY | os.O_TRUNC | getattr(os, "O_BINARY", 0))
    with os.fdopen(fd, "wb") as handle:
        _write_data(handle, data)
        handle.flush()
        if regular:
            os.fsync(handle.fileno())


def _replace(target: Path, data: bytes | Iterable[bytes], info: os.stat_result | None) -> bool:
    """Write `data` to a temporary file next to `target` and rename it over `target`. False (nothing
    changed) when the temporary file cannot be made or given the old file's owner and group."""
    temp = target.with_name(f".{target.name}.{os.getpid()}.{secrets.token_hex(4)}.tmp")
    mode = 0o666 if info is None else stat.S_IMODE(info.st_mode)
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
    try:
        fd = os.open(temp, flags, mode)  # (a new file's mode: the umask applies, as for `>`)
    except PermissionError:
        if info is None:
            raise
        return False  # a folder that cannot be written, holding a file that can
    try:
        with os.fdopen(fd, "wb") as handle:
            if info is not None:
                if hasattr(os, "fchown"):
                    made = os.fstat(handle.fileno())
                    if (made.st_uid, made.st_gid) != (info.st_uid, info.st_gid):
                        try:
                            os.fchown(handle.fileno(), info.st_uid, info.st_gid)
                        except PermissionError:
                            raise _CannotKeep from None
                # (after the owner: changing it clears set-user-id and set-group-id bits)
                if hasattr(os, "fchmod"):
                    os.fchmod(handle.fileno(), mode)
                else:  # pragma: no cover - Windows
                    os.chmod(temp, mode)
            _write_data(handle, data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temp, target)
    except _CannotKeep:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        return False
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        raise
    with contextlib.suppress(OSError):
        dir_fd = os.open(target.parent, os.O_RDONLY)
        try:
            os.fsync(dir_fd)
        finally:
            os.close(dir_fd)
    return True


def _write_data(handle: BinaryIO, data: bytes | Iterable[bytes]) -> None:
    """Write `data`, or each of its pieces (taken only now: a piece that cannot be made leaves the file
    as a failed write would)."""
    if isinstance(data, bytes):
        handle.write(data)
    else:
        for piece in data:
            handle.write(piece)


class _CannotKeep(Exception):
    """The temporary file cannot be given the old file's owner or group."""


def unused_name(path: Path) -> Path:
    """`path` itself when nothing is there, else the first of `stem-2.suffix`, `stem-3.suffix`, ... that
    is free (a dangling symlink counts as taken)."""
    candidate = path
    number = 1
    while candidate.exists() or candidate.is_symlink():
        number += 1
        candidate = path.with_name(f"{path.stem}-{number}{path.suffix}")
    return candidate
