"""Textual's CSS rules, parsed once and kept for the next start.

Textual parses the CSS of the app and of every widget class at each start, before the first frame: with
the shipped data, 11 of the 47 ms from constructing the app to its first frame (a bare Textual app parses
3.4 ms of its own). `KeptStylesheet` keeps the rules parsed up to the first frame in the user cache folder
and reads them back at the next start, in about 2 ms (docs/performance.md, "First paint").

What is kept is keyed by Textual's own files (their size and modification time: an upgrade rewrites them),
by the CSS variables of the theme, and per CSS text by that text and where it was read from. Any change
parses again, as Textual would; so does a file that cannot be read (it is overwritten once the first frame
is drawn). The rules are a pickle, read only as the load cache is: from the user's own cache folder
(cache.read_trusted).
"""

from __future__ import annotations

import contextlib
import os
import pickle
import sys
from pathlib import Path
from typing import Any

from textual.css.model import RuleSet
from textual.css.stylesheet import CSSLocation, Stylesheet

from herzlich_tui.cache import read_trusted, trusted_folder
from herzlich_tui.settings import atomic_write_bytes

__all__ = ["FILE_NAME", "KeptStylesheet"]

FILE_NAME = "css-rules.pickle"
FORMAT = 1
_MAX_BYTES = 4 * 2**20

_Key = tuple[str, CSSLocation, bool, int, str]


# The Textual modules that parse CSS and whose classes the rules are made of (a new version of Textual
# rewrites them all).
_TEXTUAL_MODULES = (
    "textual",
    "textual.color",
    "textual.geometry",
    "textual.css.model",
    "textual.css.parse",
    "textual.css.scalar",
    "textual.css.styles",
    "textual.css._styles_builder",
)


def _textual_files() -> tuple[tuple[str, int, int], ...]:
    """Textual's modules that make the rules, each as (path, size, modification time)."""
    found = []
    for name in _TEXTUAL_MODULES:
        path = getattr(sys.modules.get(name), "__file__", None)
        if isinstance(path, str):
            with contextlib.suppress(OSError):
                info = os.stat(path)
                found.append((path, info.st_size, info.st_mtime_ns))
    return tuple(found)


class KeptStylesheet(Stylesheet):
    """A Stylesheet that takes the rules of a CSS text from `folder` when they were kept for the same
    Textual and the same variables, and keeps (`keep`) what it parsed."""

    def __init__(self, folder: Path, *, variables: dict[str, str] | None = None) -> None:
        super().__init__(variables=variables)
        self._folder = folder
        self._kept: dict[_Key, list[RuleSet]] | None = None  # read when the first CSS text is parsed
        self._parsed: dict[_Key, list[RuleSet]] = {}  # parsed here, not kept
        self._used: dict[_Key, list[RuleSet]] = {}

    def _stamp(self) -> tuple[Any, ...]:
        return (FORMAT, _textual_files(), tuple(sorted(self._variables.items())))

    def _read_kept(self) -> dict[_Key, list[RuleSet]]:
        data = read_trusted(self._folder / FILE_NAME, _MAX_BYTES)
        if data is None:
            return {}
        try:
            stamp, rules = pickle.loads(data)
        except Exception:
            # Whatever is wrong with the file (truncated, from another version, garbage): parse as Textual
            # does, and write it again.
            return {}
        return rules if stamp == self._stamp() and isinstance(rules, dict) else {}

    def set_variables(self, variables: dict[str, str]) -> None:
        super().set_variables(variables)
        # (Rules hold the values of the variables: another theme's are not these.)
        self._kept, self._parsed, self._used = None, {}, {}

    def _parse_rules(
        self,
        css: str,
        read_from: CSSLocation,
        is_default_rules: bool = False,
        tie_breaker: int = 0,
        scope: str = "",
    ) -> list[RuleSet]:
        key = (css, read_from, is_default_rules, tie_breaker, scope)
        if self._kept is None:
            self._kept = self._read_kept()
        rules = self._kept.get(key)
        if rules is None:
            rules = super()._parse_rules(css, read_from, is_default_rules, tie_breaker, scope)
            self._parsed[key] = rules
        self._used[key] = rules
        return rules

    def keep(self) -> None:
        """Keep the rules used so far (with those kept before, for the same Textual and variables) when
        some were parsed here; nothing when the cache folder is not the user's own or cannot be written."""
        if not self._parsed or trusted_folder(self._folder) is not None:
            return
        rules = {**(self._kept or {}), **self._used}
        self._parsed = {}
        with contextlib.suppress(OSError, pickle.PicklingError, RecursionError, TypeError, AttributeError):
            data = pickle.dumps((self._stamp(), rules), protocol=pickle.HIGHEST_PROTOCOL)
            atomic_write_bytes(self._folder / FILE_NAME, data)
