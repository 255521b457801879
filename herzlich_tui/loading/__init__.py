"""Loading and checking review data: TOML files in, a Dataset and a list of problems out."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from herzlich_tui import paths
from herzlich_tui.loading.loader import MAX_FILE_BYTES, MAX_STRING_CHARS, DataFile, LoadResult, discover, load
from herzlich_tui.loading.problems import Problem

__all__ = [
    "MAX_FILE_BYTES",
    "MAX_STRING_CHARS",
    "DataFile",
    "LoadResult",
    "Problem",
    "data_roots",
    "discover",
    "load",
    "load_default",
]


def data_roots(extra: Sequence[Path] = (), *, shipped: bool = True, user: bool = True) -> list[tuple[Path, str]]:
    """The folders that load, in order: shipped data, the user's data folder, then each extra one."""
    roots: list[tuple[Path, str]] = []
    if shipped:
        roots.append((paths.shipped_data_dir(), "shipped"))
    if user:
        roots.append((paths.user_data_dir(), "user"))
    roots.extend((Path(p), "extra") for p in extra)
    return roots


def load_default(extra: Sequence[Path] = ()) -> LoadResult:
    """Load the shipped data, the user's data folder and any extra folders."""
    return load(data_roots(extra))
