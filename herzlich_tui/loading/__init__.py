"""Loading and checking review data: TOML files in, a Dataset and a list of problems out.

The loader and the model it builds are imported when first used: `data_roots` and `discover` (which files
load) serve the app before its first frame without them."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from herzlich_tui.loading.files import data_roots, discover

if TYPE_CHECKING:
    from herzlich_tui.loading.loader import MAX_FILE_BYTES, MAX_STRING_CHARS, DataFile, LoadResult, load
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

_FROM_LOADER = frozenset({"MAX_FILE_BYTES", "MAX_STRING_CHARS", "DataFile", "LoadResult", "load"})


def __getattr__(name: str) -> Any:
    if name == "Problem":
        from herzlich_tui.loading.problems import Problem

        return Problem
    if name in _FROM_LOADER:
        from herzlich_tui.loading import loader

        return getattr(loader, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def load_default(extra: Sequence[Path] = ()) -> LoadResult:
    """Load the shipped data, the user's data folder and any extra folders."""
    from herzlich_tui.loading.loader import load

    return load(data_roots(extra))
