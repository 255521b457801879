"""Where herzlich-tui finds its shipped data and keeps the user's files (via platformdirs).

Every function asks platformdirs afresh, so that tests can point the XDG variables at a temporary folder.
"""

from __future__ import annotations

from pathlib import Path

import platformdirs

__all__ = ["cache_dir", "config_dir", "shipped_data_dir", "state_dir", "user_data_dir"]

APP_NAME = "herzlich-tui"


def shipped_data_dir() -> Path:
    """The reviews that ship with the program: inside the installed package, or `data/` in a checkout."""
    package = Path(__file__).resolve().parent
    packaged = package / "_data"
    if packaged.is_dir():
        return packaged
    return package.parent / "data"


def user_data_dir() -> Path:
    """Where users put review files of their own; read after the shipped data."""
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def config_dir() -> Path:
    """Settings (theme, start view)."""
    return Path(platformdirs.user_config_dir(APP_NAME, appauthor=False))


def state_dir() -> Path:
    """State kept between runs (last view and filters, bookmarks)."""
    return Path(platformdirs.user_state_dir(APP_NAME, appauthor=False))


def cache_dir() -> Path:
    """Caches that can be deleted at any time."""
    return Path(platformdirs.user_cache_dir(APP_NAME, appauthor=False))
