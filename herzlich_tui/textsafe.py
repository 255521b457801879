"""Text made safe to show in a terminal, whatever its origin: data values, field and kind names, file and
folder names, command-line arguments, bookmark labels from a hand-edited state file.

A terminal obeys some characters instead of showing them: ESC starts sequences that can set the window
title, clear the screen or (OSC 52) write to the clipboard; other C0 and C1 controls move the cursor or
ring the bell. Bidi controls reorder what is shown (a file name can read backwards), and zero-width
characters hide text. Every string printed to a terminal goes through one of the two functions here,
which show all of these as visible characters:

    safe_line(text)   one line of output (a list row, a `check` problem, a message quoting a name):
                      every control character, newline and carriage return included, shown visibly;
                      only tab is kept.
    safe_text(text)   text of several lines (a summary, a description): as `safe_line`, but newlines
                      are kept too. The loader cleans every text value of a data file this way.

What each becomes:

    C0 controls and DEL    the Control Pictures block: ESC -> U+241B, BEL -> U+2407, CR -> U+240D
    C1 controls            U+FFFD (they have no pictures)
    bidi controls          their code point as text, e.g. "<U+202E>" (U+202A-202E, U+2066-2069, U+200E,
                           U+200F, U+061C)
    invisible characters   likewise: zero-width U+200B-200D, U+2060-2064, U+FEFF, the line and paragraph
                           separators U+2028/2029, and the tag characters U+E0000-E007F

`is_safe(text)` tells whether a text would be shown unchanged. `safe_json(text)` is for JSON text printed
to a terminal (`check --format json`): it writes each of these characters as a `\\uXXXX` escape, so that
the values a program reads back stay exactly what was found. The module imports nothing but `re`: the
app may use it before its first frame. Showing a string as plain text (never as markup) is still the
caller's business: this module does not escape Rich or Textual markup.
"""

from __future__ import annotations

import functools
import re

__all__ = [
    "LINE_TABLE",
    "TEXT_TABLE",
    "UNSAFE_IN_LINE",
    "UNSAFE_IN_TEXT",
    "is_safe",
    "safe_json",
    "safe_line",
    "safe_text",
]


def _code(code: int) -> str:
    return f"<U+{code:04X}>"


def _table(*, keep_newline: bool) -> dict[int, str]:
    table: dict[int, str] = {code: chr(0x2400 + code) for code in range(32) if code != 9}
    table[0x7F] = "\u2421"
    table.update({code: "\ufffd" for code in range(0x80, 0xA0)})
    invisible = [
        0x061C,
        *range(0x200B, 0x2010),  # zero-width space, non-joiner, joiner; left-to-right and right-to-left marks
        0x2028,
        0x2029,
        *range(0x202A, 0x202F),  # bidi embeddings and overrides
        *range(0x2060, 0x2070),  # word joiner, invisible operators, bidi isolates
        0xFEFF,
        *range(0xE0000, 0xE0080),  # tag characters
    ]
    table.update({code: _code(code) for code in invisible})
    if keep_newline:
        del table[10]
    return table


LINE_TABLE: dict[int, str] = _table(keep_newline=False)
TEXT_TABLE: dict[int, str] = _table(keep_newline=True)

_INVISIBLE = "\u061c\u200b-\u200f\u2028-\u202e\u2060-\u206f\ufeff\U000e0000-\U000e007f"
UNSAFE_IN_LINE = re.compile(f"[\x00-\x08\x0a-\x1f\x7f-\x9f{_INVISIBLE}]")
UNSAFE_IN_TEXT = re.compile(f"[\x00-\x08\x0b-\x1f\x7f-\x9f{_INVISIBLE}]")


def safe_line(text: object) -> str:
    """`text` (anything: it is made a string) as one line that cannot drive the terminal: every control
    character (newline and carriage return too), bidi control and invisible character shown visibly; tab
    is kept."""
    if not isinstance(text, str):
        text = str(text)
    return text.translate(LINE_TABLE) if UNSAFE_IN_LINE.search(text) else text


def safe_text(text: str) -> str:
    """`text` as lines that cannot drive the terminal: as `safe_line`, but newlines (and tabs) are kept."""
    return text.translate(TEXT_TABLE) if UNSAFE_IN_TEXT.search(text) else text


def is_safe(text: str, *, multiline: bool = False) -> bool:
    """Whether `text` would be shown as it is (by `safe_text` when `multiline`, else by `safe_line`)."""
    return (UNSAFE_IN_TEXT if multiline else UNSAFE_IN_LINE).search(text) is None


def safe_json(text: str) -> str:
    """JSON text as json.dumps writes it (with ensure_ascii=False) with every character `safe_text` would
    change, and every lone surrogate, written as a JSON escape (`\\u202e`; beyond U+FFFF, as two): the same
    values when read back, nothing a terminal obeys when shown. (json.dumps escapes C0 controls itself, but
    not DEL, C1 controls, bidi controls or invisible characters; outside strings, JSON text holds none.)"""
    unsafe = _unsafe_in_json()
    return unsafe.sub(_json_escape, text) if unsafe.search(text) else text


@functools.cache
def _unsafe_in_json() -> re.Pattern[str]:
    """What safe_json escapes: what safe_text changes, and lone surrogates (a file name that is not UTF-8
    holds them, and they cannot be written as UTF-8). Compiled when first asked for: the first frame never
    writes JSON, and the pattern takes as long to compile as each of the two above."""
    return re.compile(f"[\x00-\x08\x0b-\x1f\x7f-\x9f{_INVISIBLE}\ud800-\udfff]")


def _json_escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    if code > 0xFFFF:
        code -= 0x10000
        return f"\\u{0xD800 + (code >> 10):04x}\\u{0xDC00 + (code & 0x3FF):04x}"
    return f"\\u{code:04x}"
