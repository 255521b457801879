"""Find the lines of tables and keys in TOML text, since tomllib reports positions only for syntax errors.

The scan understands what our data files use: `[[kind]]` headers, `key = value` lines, and multi-line
strings (whose content is never taken for a key). It is only used to point problems at lines.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Callable
from dataclasses import dataclass, field
from itertools import accumulate, compress, repeat
from operator import eq, itemgetter, sub

__all__ = ["LineIndex"]

# A key or a table's name: quoted (a basic string with its escapes, or a literal one), or bare.
_NAME = r"""(?:"(?:[^"\\\n]|\\.)*"|'[^'\n]*'|[^\[\]"'\n]+?)"""
_ARRAY_HEADER = re.compile(rf"^\s*\[\[\s*({_NAME})\s*\]\]")
_TABLE_HEADER = re.compile(rf"^\s*\[\s*({_NAME})\s*\]")
_KEY = re.compile(r"""^\s*("(?:[^"\\\n]|\\.)*"|'[^'\n]*'|[A-Za-z0-9_-]+)\s*(?:\.|=)""")


@dataclass
class _Block:
    line: int
    keys: dict[str, int] = field(default_factory=dict)


@dataclass
class LineIndex:
    """Lines of each `[[kind]]` entry (by its position in the array) and of the keys inside it."""

    blocks: dict[str, list[_Block]] = field(default_factory=dict)
    tables: dict[str, int] = field(default_factory=dict)
    top_keys: dict[str, int] = field(default_factory=dict)

    @classmethod
    def scan(cls, text: str) -> LineIndex:
        index = cls()
        current: _Block | None = None
        in_string: str | None = None
        # TOML lines end in LF (or CRLF); str.splitlines would also split at U+2028, U+2029 and U+0085,
        # which TOML allows inside strings and comments, and every line number after them would be off.
        for number, line in enumerate(text.split("\n"), start=1):
            if in_string is not None:
                if line.count(in_string) % 2 == 1:
                    in_string = None
                continue
            if (header := _ARRAY_HEADER.match(line)) is not None:
                current = _Block(number)
                index.blocks.setdefault(_unquote(header[1]), []).append(current)
                continue
            if (table := _TABLE_HEADER.match(line)) is not None:
                current = None
                index.tables.setdefault(_unquote(table[1]), number)
                continue
            if (key := _KEY.match(line)) is not None:
                name = _unquote(key[1])
                target = current.keys if current is not None else index.top_keys
                target.setdefault(name, number)
            for delimiter in ('"""', "'''"):
                if line.count(delimiter) % 2 == 1:
                    in_string = delimiter
                    break
        return index

    def entry_line(self, kind: str, position: int) -> int:
        """The header line of the n-th `[[kind]]` entry (0 when not found)."""
        blocks = self.blocks.get(kind, [])
        if position < len(blocks):
            return blocks[position].line
        return self.top_keys.get(kind, self.tables.get(kind, 0))

    def key_line(self, kind: str, position: int, key: str) -> int:
        """The line of `key` inside the n-th `[[kind]]` entry, or the entry's header line."""
        blocks = self.blocks.get(kind, [])
        if position < len(blocks):
            return blocks[position].keys.get(key, blocks[position].line)
        return self.entry_line(kind, position)


def _unquote(name: str) -> str:
    """A key as TOML reads it: a quoted one without its quotes, a basic string's escapes (\\u001b, \\")
    read as the characters they stand for."""
    name = name.strip()
    if len(name) >= 2 and name[0] == name[-1] and name[0] in "\"'":
        if name[0] == '"' and "\\" in name:
            try:
                return tomllib.loads(f"key = {name}")["key"]
            except tomllib.TOMLDecodeError:
                pass
        return name[1:-1]
    return name


# A `[[kind]]` header anywhere; only those with nothing but blanks before them on their line count. (The
# pattern starts with a literal, which the regular-expression engine looks for at C speed; anchored at line
# starts, it is tried at every character of the file: twice as slow over all.)
_FAST_HEADER = re.compile(r"\[\[[ \t]*([A-Za-z0-9_-]+)[ \t]*\]\]")


def _headers(text: str) -> dict[str, list[int]]:
    """The lines of the `[[kind]]` headers of a text (one without multi-line strings), by kind, in order.
    Worked out a list at a time, in C (a file holds hundreds of headers): where each match starts, which
    of them start their line (nearly all; the others are looked at one by one, for blanks before them),
    and their lines, from the line breaks between one and the next."""
    matches = list(_FAST_HEADER.finditer(text))
    starts = list(map(_START, matches))
    breaks = list(map(text.rfind, repeat("\n"), repeat(0), starts))  # the line break before each
    if breaks != list(map(sub, starts, repeat(1))):
        # (not at the start of its line: only blanks before it count)
        kept = [not text[before + 1 : start].strip(" \t") for before, start in zip(breaks, starts, strict=True)]
        matches = list(compress(matches, kept))
        starts = list(compress(starts, kept))
    lines = list(accumulate(map(text.count, repeat("\n"), [0, *starts[:-1]], starts), initial=1))[1:]
    kinds = list(map(itemgetter(1), matches))
    if len(set(kinds)) <= 1:
        return {kinds[0]: lines} if kinds else {}
    return {kind: list(compress(lines, map(eq, kinds, repeat(kind)))) for kind in dict.fromkeys(kinds)}


_START = re.Match.start


class LazyLines:
    """Line lookups for one file, as cheap as possible: the header lines of `[[kind]]` entries come from one
    regular-expression pass; the full scan of keys runs only when a problem needs a key's line."""

    def __init__(self, text: str) -> None:
        self._text = text
        self._reread: Callable[[], str] | None = None
        self._headers: dict[str, list[int]] | None = None
        self._full: LineIndex | None = None
        # A multi-line string could hold a line that looks like a header: then only the full scan is right.
        self._fast = '"""' not in text and "'''" not in text

    def release(self, reread: Callable[[], str]) -> None:
        """Drop the text and what was found in it; `reread` gives it back should a line be needed."""
        self._reread = reread
        self._text = ""
        self._headers = None
        self._full = None

    def full(self) -> LineIndex:
        found = self._full  # (a local: another load sharing this file's part may release it meanwhile)
        if found is None:
            text = self._text
            if self._reread is not None:
                try:
                    text = self._reread()
                except OSError:
                    text = ""
            found = self._full = LineIndex.scan(text)
        return found

    def _header_lines(self) -> dict[str, list[int]] | None:
        if not self._fast or self._reread is not None:  # (released: the full scan reads the text again)
            return None
        if self._headers is None:
            self._headers = _headers(self._text)
        return self._headers

    def entry_line(self, kind: str, position: int) -> int:
        headers = self._header_lines()
        if headers is not None and position < len(headers.get(kind, ())):
            return headers[kind][position]
        return self.full().entry_line(kind, position)

    def entry_lines(self, kind: str, count: int) -> list[int]:
        """The header lines of the first `count` `[[kind]]` entries, as `entry_line` gives each."""
        headers = self._header_lines()
        if headers is not None and count <= len(headers.get(kind, ())):
            return headers[kind][:count]
        return [self.entry_line(kind, position) for position in range(count)]

    def key_line(self, kind: str, position: int, key: str) -> int:
        return self.full().key_line(kind, position, key)
