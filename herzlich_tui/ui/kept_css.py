"""Textual's CSS rules, parsed once and kept for the next start.

Textual parses the CSS of the app and of every widget class at each start, before the first frame.
`KeptStylesheet` keeps the rules parsed up to the first frame in the user cache folder and reads them back
at the next start (docs/performance.md, "First paint II").

What is kept is keyed by Textual's own files (their size and modification time: an upgrade rewrites them)
and the program's version, by the CSS variables of the theme, and per CSS text by that text and where it was
read from. Any change parses again, as Textual would; so does a file that cannot be read (it is overwritten
once the first frame is drawn). The rules are a pickle, read only as the load cache is: from the user's own
cache folder (cache.read_trusted).
"""

from __future__ import annotations

import contextlib
import pickle
import sys
from pathlib import Path
from typing import Any

from textual.css.model import RuleSet
from textual.css.stylesheet import CSSLocation, Stylesheet
from textual.css.tokenizer import Token

from herzlich_tui import __version__
from herzlich_tui.cache import file_stamps, read_trusted, trusted_folder
from herzlich_tui.settings import atomic_write_bytes

__all__ = ["FILE_NAME", "KeptStylesheet"]

FILE_NAME = "css-rules.pickle"
FORMAT = 2  # (1: rules alone)
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
    paths = (getattr(sys.modules.get(name), "__file__", None) for name in _TEXTUAL_MODULES)
    return file_stamps(path for path in paths if isinstance(path, str))


class KeptStylesheet(Stylesheet):
    """A Stylesheet that takes the rules of a CSS text, and the variables' tokens (what a style naming a
    variable is parsed with), from `folder` when they were kept for the same Textual and the same variables;
    `keep` keeps what it had to work out."""

    def __init__(self, folder: Path, *, variables: dict[str, str] | None = None) -> None:
        super().__init__(variables=variables)
        self._folder = folder
        self._kept: dict[_Key, list[RuleSet]] | None = None  # read when first needed
        self._kept_tokens: dict[str, list[Token]] | None = None
        self._worked_out = False  # some of what is used was not kept: parsed or tokenized here
        self._used: dict[_Key, list[RuleSet]] = {}

    def _stamp(self) -> tuple[Any, ...]:
        return (FORMAT, __version__, _textual_files(), tuple(sorted(self._variables.items())))

    def _read_kept(self) -> dict[_Key, list[RuleSet]]:
        if self._kept is not None:
            return self._kept
        self._kept = {}
        data = read_trusted(self._folder / FILE_NAME, _MAX_BYTES)
        if data is None:
            return self._kept
        try:
            stamp, rules, tokens = pickle.loads(data)
        except Exception:
            # Whatever is wrong with the file (truncated, from another version, garbage): parse as Textual
            # does, and write it again.
            return self._kept
        if stamp == self._stamp() and isinstance(rules, dict) and isinstance(tokens, dict):
            self._kept, self._kept_tokens = rules, tokens
        return self._kept

    def set_variables(self, variables: dict[str, str]) -> None:
        super().set_variables(variables)
        # (Rules hold the values of the variables: another theme's are not these.)
        self._kept, self._kept_tokens, self._worked_out, self._used = None, None, False, {}

    @property
    def _variable_tokens(self) -> dict[str, list[Token]]:
        self._read_kept()
        if self._kept_tokens is None:
            self._kept_tokens = super()._variable_tokens
            self._worked_out = True
        return self._kept_tokens

    def reparse(self) -> None:
        # Textual parses every source again into a new, plain stylesheet when the variables change (a theme
        # chosen in the settings, as the app starts), and would go past the kept rules. Parsing here goes
        # through them, and replaces nothing when a source fails.
        self.parse()

    def _parse_rules(
        self,
        css: str,
        read_from: CSSLocation,
        is_default_rules: bool = False,
        tie_breaker: int = 0,
        scope: str = "",
    ) -> list[RuleSet]:
        key = (css, read_from, is_default_rules, tie_breaker, scope)
        rules = self._read_kept().get(key)
        if rules is None:
            rules = super()._parse_rules(css, read_from, is_default_rules, tie_breaker, scope)
            self._worked_out = True
        self._used[key] = rules
        return rules

    def keep(self) -> None:
        """Keep the rules used so far (with those kept before, for the same Textual and variables) and the
        tokens when some were worked out here; nothing when the cache folder is not the user's own or
        cannot be written."""
        if not self._worked_out or trusted_folder(self._folder) is not None:
            return
        rules = {**self._read_kept(), **self._used}
        tokens = self._variable_tokens
        self._worked_out = False
        with contextlib.suppress(OSError, pickle.PicklingError, RecursionError, TypeError, AttributeError):
            data = pickle.dumps((self._stamp(), rules, tokens), protocol=pickle.HIGHEST_PROTOCOL)
            atomic_write_bytes(self._folder / FILE_NAME, data)
