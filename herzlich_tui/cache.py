"""Loading with a cache: the parsed, checked and indexed dataset and its search index, kept in the user
cache folder so that a second start does not parse TOML again.

The cache is keyed by every data file's path, size and modification time and by the program's version;
any change makes it miss. A cache file that cannot be read (truncated, corrupt, from another version)
is ignored and rebuilt. The cache holds only what the user's own data files already hold; it is a
pickle, so it is read only from the user's own cache folder.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import pickle
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from herzlich_tui import __version__
from herzlich_tui.loading import LoadResult, discover, load
from herzlich_tui.search import SearchIndex
from herzlich_tui.settings import atomic_write_bytes

__all__ = ["CACHE_FORMAT", "Loaded", "load_indexed"]

CACHE_FORMAT = 1


@dataclass
class Loaded:
    """A load result with its search index, and whether both came from the cache."""

    result: LoadResult
    index: SearchIndex
    from_cache: bool


def _cache_file(cache_dir: Path, roots: Sequence[tuple[Path, str]]) -> Path:
    name = "\0".join(f"{Path(p).absolute()}\1{layer}" for p, layer in roots)
    return cache_dir / f"load-{hashlib.sha256(name.encode()).hexdigest()[:20]}.pickle"


def _fingerprint(roots: Sequence[tuple[Path, str]]) -> tuple | None:
    files, problems = discover(roots)
    entries = []
    for path, layer in files:
        try:
            stat = path.stat()
        except OSError:
            return None  # an unreadable file: load normally, so that its problem is reported
        entries.append((str(path), layer, stat.st_size, stat.st_mtime_ns, path.is_dir()))
    return (CACHE_FORMAT, __version__, tuple(entries), tuple(str(p) for p in problems))


def load_indexed(roots: Sequence[tuple[Path, str]], cache_dir: Path | None) -> Loaded:
    """Load the data below `roots` and index it; use and refresh the cache in `cache_dir` when given."""
    if cache_dir is None:
        result = load(roots)
        return Loaded(result, SearchIndex(result.dataset), False)
    key = _fingerprint(roots)
    target = _cache_file(cache_dir, roots)
    if key is not None:
        cached = _read(target, key)
        if cached is not None:
            result, image = cached
            return Loaded(result, SearchIndex(result.dataset, image), True)
    result = load(roots)
    index = SearchIndex(result.dataset)
    if key is not None:
        with contextlib.suppress(OSError, pickle.PicklingError, RecursionError):
            atomic_write_bytes(target, pickle.dumps((key, result, index.to_image()), protocol=pickle.HIGHEST_PROTOCOL))
    return Loaded(result, index, False)


def _read(path: Path, key: tuple) -> tuple[LoadResult, bytes] | None:
    try:
        raw = path.read_bytes()
    except OSError:
        return None
    try:
        stored_key, result, image = pickle.loads(raw)
    except Exception:
        # Whatever is wrong with a cache file (truncated, from another version, garbage), the remedy is
        # the same: ignore it, load from the data files, and overwrite it.
        with contextlib.suppress(OSError):
            os.unlink(path)
        return None
    if stored_key != key or not isinstance(result, LoadResult) or not isinstance(image, bytes):
        return None
    return result, image
