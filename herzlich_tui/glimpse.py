"""A first answer to a search while the data is read from its files (a start without a cache of them): the
files whose text holds every word of the query are found by scanning their text, folded, loaded alone and
searched. Their matches are shown until the whole data and its search index are there; the whole load takes
over the parts of those files, so nothing is parsed twice.

The scan never misses a file that holds a match of the query's words as the search index matches them in
a record's own text: a word start in the text folded to the same letters, TOML's escapes (\\u00e4, a
line-ending backslash) read both as written and as meant. It may find a file that holds none, which the
search of the loaded file then leaves out. What the index finds through other records (the names of linked
records, the words of a date, an invisible character the screen shows by its code) waits for the index.
The files loaded first are checked as every file is, but not across files: their records keep references to
records of files not loaded yet, as the whole load will (that load reports the problems across files).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from itertools import islice, product
from pathlib import Path

from herzlich_tui.bulk import IsCancelled, check
from herzlich_tui.loading.files import MAX_FILE_BYTES, discover, read_regular
from herzlich_tui.loading.loader import LoadResult, read_part
from herzlich_tui.model import Dataset
from herzlich_tui.search import query_terms

__all__ = ["GLIMPSE_BYTES", "glimpse", "holding", "scan_terms", "scanned"]

# At most this many bytes of the files that hold the query's words are loaded first (a common word is in
# every file: the first answer then comes from the first of them, in a small part of the whole load's time).
GLIMPSE_BYTES = 1 << 20

# Letters that fold to ASCII letters without decomposing (as search._TRANSLIT spells them, both cases).
_SPELLED = {"ß": "ss", "ẞ": "ss", "æ": "ae", "Æ": "ae", "œ": "oe", "Œ": "oe", "ø": "o", "Ø": "o"}
_SPELLED |= {"ł": "l", "Ł": "l", "đ": "d", "Đ": "d"}
_SPELT_UMLAUT = re.compile("(ae|oe|ue)")
_LINE_ENDING_BACKSLASH = re.compile(r"\\[ \t]*\r?\n\s*")
_UNICODE_ESCAPE = re.compile(r"\\u([0-9a-fA-F]{4})|\\U([0-9a-fA-F]{8})")
# The marks Unicode's decomposition puts after a letter, which folding drops (ü is u and a diaeresis).
_COMBINING = re.compile("[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]")
_SPELLINGS = 64  # (at most, for a word with many of them: the rest are found by the whole load)


def scanned(raw: bytes) -> bytes:
    """A file's text folded as the search folds it, lower case, accents and umlauts dropped, ß as ss: the
    text a query's ASCII words are looked for in. What folds to no ASCII letter is a "?", which no word
    holds (as a dash between two words parts them). A text with escapes follows, read as TOML reads them."""
    if raw.isascii() and b"\\" not in raw:
        return raw.lower()
    text = raw.decode("utf-8", errors="replace")
    if "\\" in text:
        text = f"{text}\n{_unescaped(text)}"
    if text.isascii():
        return text.encode("ascii").lower()
    for letter, spelling in _SPELLED.items():
        if letter in text:
            text = text.replace(letter, spelling)
    text = _COMBINING.sub("", unicodedata.normalize("NFKD", text))
    return text.encode("ascii", "replace").lower()


def _unescaped(text: str) -> str:
    """`text` with TOML's escapes read: \\uXXXX and \\UXXXXXXXX as their characters, a line-ending
    backslash (of a multi-line string) joining its line to the next."""
    text = _LINE_ENDING_BACKSLASH.sub("", text)
    return _UNICODE_ESCAPE.sub(lambda found: _character(found[1] or found[2]), text)


def _character(code: str) -> str:
    number = int(code, 16)
    return chr(number) if number <= 0x10FFFF and not 0xD800 <= number <= 0xDFFF else " "


def scan_terms(query: str) -> list[list[bytes]] | None:
    """For each word of the query (folded), the spellings any of which a file holding it holds when scanned:
    a word written with ae, oe or ue matches an umlaut too ("gruebentaelchen" finds Grübentälchen), as the
    search index matches it. None when the query has no words, or a word that is not ASCII (the scan sees
    only ASCII)."""
    terms = query_terms(query)
    if not terms or not all(term.isascii() for term in terms):
        return None
    spellings = []
    for term in terms:
        pieces = _SPELT_UMLAUT.split(term)  # (text, then each ae/oe/ue and the text after it)
        options = [[piece, piece[0]] if number % 2 else [piece] for number, piece in enumerate(pieces)]
        spellings.append(sorted({"".join(choice).encode() for choice in islice(product(*options), _SPELLINGS)}))
    return spellings


def holding(
    files: Sequence[tuple[Path, str]], query: str, limit: int = GLIMPSE_BYTES, cancelled: IsCancelled | None = None
) -> list[tuple[Path, str]]:
    """The first of `files` whose text holds every word of the query at a word start (see `scanned`), up
    to `limit` bytes of them; [] when the scan cannot answer the query (see `scan_terms`). `cancelled` is
    asked before each file (Cancelled is raised when it says so)."""
    spellings = scan_terms(query)
    if spellings is None:
        return []
    patterns = [re.compile(b"(?<![a-z0-9])(?:" + b"|".join(map(re.escape, word)) + b")") for word in spellings]
    found: list[tuple[Path, str]] = []
    taken = 0
    for path, layer in files:
        check(cancelled)
        try:
            raw = read_regular(path, MAX_FILE_BYTES)
        except OSError:
            continue  # (the whole load reports it)
        text = scanned(raw)
        # (A substring first, in C; then whether one of them starts a word.)
        if all(any(spelling in text for spelling in word) for word in spellings) and all(
            pattern.search(text) for pattern in patterns
        ):
            if found and taken + len(raw) > limit:
                break
            found.append((path, layer))
            taken += len(raw)
    return found


def glimpse(roots: Sequence[tuple[Path, str]], query: str, cancelled: IsCancelled | None = None) -> LoadResult | None:
    """The data of the files below `roots` that hold every word of `query` (see `holding`), each file
    loaded and checked on its own, their records as they are before the checks across files; None when no
    file holds them or the scan cannot answer the query."""
    files, _ = discover(roots)
    chosen = holding(files, query, cancelled=cancelled)
    if not chosen:
        return None
    parts = []
    for path, layer in chosen:
        check(cancelled)
        parts.append(read_part(path, layer))
    for part in parts:
        part.parsed.release(Path(part.path))
    records = [record for part in parts for record in part.parsed.records]
    return LoadResult(Dataset(records), parts=parts)
