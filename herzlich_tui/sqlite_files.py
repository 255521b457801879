"""New SQLite files written whole: the cache's stores beside its dataset (cache_hits, cache_export)."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

__all__ = ["written"]


@contextmanager
def written(path: Path) -> Iterator[sqlite3.Connection]:
    """The new file `path`, written in one transaction: all of it, or (rolled back on an error) none. It
    has no journal and is not synced: it is renamed into place once written, or thrown away."""
    db = sqlite3.connect(path)
    try:
        db.execute("PRAGMA journal_mode=OFF")
        db.execute("PRAGMA synchronous=OFF")
        with db:
            yield db
    finally:
        db.close()
