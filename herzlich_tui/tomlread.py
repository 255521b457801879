"""TOML text read with rtoml (Rust; docs/performance.md has why) where
rtoml accepts the text; tomllib stays the reference: it reads what rtoml refuses, and its errors (with line
and column) are the ones users see. Both are imported with the first text read."""

from __future__ import annotations

import functools
from typing import Any

__all__ = ["fast_loads", "loads"]


@functools.cache
def _rtoml() -> Any:
    """The rtoml module, or None on a platform without its wheels (then tomllib alone reads)."""
    try:
        import rtoml
    except ImportError:  # pragma: no cover
        return None
    return rtoml


def fast_loads(text: str) -> dict[str, Any] | None:
    """The document as rtoml reads it, or None when rtoml is missing or refuses the text."""
    rtoml = _rtoml()
    if rtoml is None:
        return None
    try:
        document = rtoml.loads(text)
    except (KeyboardInterrupt, SystemExit, MemoryError):
        raise
    except BaseException:  # a TOML error, or a panic in the extension (a BaseException): tomllib decides
        return None
    return document if isinstance(document, dict) else None


def loads(text: str) -> dict[str, Any]:
    """The document in `text`; raises tomllib.TOMLDecodeError (a ValueError) as tomllib does."""
    document = fast_loads(text)
    if document is None:
        import tomllib

        document = tomllib.loads(text)
    return document
