"""A first answer to a search while the data is read from its files (a start without a cache of them): the
files whose text holds every word of the query are found by scanning their text, folded, loaded alone and
searched. Their matches are shown until the whole data and its search index are there; the whole load takes
over the parts of those files, so nothing is parsed twice.

The scan never misses a file that holds a match of the query's words as the search index matches them in
a record's own text (a word prefix is a substring, and the text is folded to the same letters); it may find
a file that holds none, which the search of the loaded file then leaves out. What the index finds through
other records (the names of linked records, the words of a date) waits for the index. The files loaded
first are checked as every file is, and among themselves across files: a reference to a record of a file
not loaded yet is left out of the first answer, never shown wrong, and the whole load reports the problems.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from itertools import islice, product
from pathlib import Path

from herzlich_tui.loading.files import MAX_FILE_BYTES, discover, read_regular
from herzlich_tui.loading.loader import LoadResult, load_files
from herzlich_tui.search import query_terms

__all__ = ["GLIMPSE_BYTES", "glimpse", "holding", "scan_terms", "scanned"]

# At most this many bytes of the files that hold the query's words are loaded first (a common word is in
# every file: the first answer then comes from the first of them, in a small part of the whole load's time).
GLIMPSE_BYTES = 1 << 20

# Letters that fold to ASCII letters without decomposing (as search._TRANSLIT spells them, both cases).
_SPELLED = {"ß": "ss", "ẞ": "ss", "æ": "ae", "Æ": "ae", "œ": "oe", "Œ": "oe", "ø": "o", "Ø": "o"}
_SPELLED |= {"ł": "l", "Ł": "l", "đ": "d", "Đ": "d"}
_SPELT_UMLAUT = re.compile("(ae|oe|ue)")
_SPELLINGS = 64  # (at most, for a word with many of them: the rest are found by the whole load)


def scanned(raw: bytes) -> bytes:
    """The ASCII letters and digits of a file's text as the search folds them, lower case (accents and
    umlauts dropped, ß as ss), with whatever folds to no ASCII left out: the text a query's ASCII words are
    looked for in."""
    if raw.isascii():
        return raw.lower()
    text = raw.decode("utf-8", errors="replace")
    for letter, spelling in _SPELLED.items():
        if letter in text:
            text = text.replace(letter, spelling)
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").lower()


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


def holding(files: Sequence[tuple[Path, str]], query: str, limit: int = GLIMPSE_BYTES) -> list[tuple[Path, str]]:
    """The first of `files` whose text holds every word of the query (see `scanned`), up to `limit` bytes
    of them; [] when the scan cannot answer the query (see `scan_terms`)."""
    spellings = scan_terms(query)
    if spellings is None:
        return []
    found: list[tuple[Path, str]] = []
    taken = 0
    for path, layer in files:
        try:
            raw = read_regular(path, MAX_FILE_BYTES)
        except OSError:
            continue  # (the whole load reports it)
        text = scanned(raw)
        if all(any(spelling in text for spelling in word) for word in spellings):
            if found and taken + len(raw) > limit:
                break
            found.append((path, layer))
            taken += len(raw)
    return found


def glimpse(roots: Sequence[tuple[Path, str]], query: str) -> LoadResult | None:
    """The data of the files below `roots` that hold every word of `query` (see `holding`), loaded and
    checked among themselves; None when none does or the scan cannot answer the query."""
    files, _ = discover(roots)
    chosen = holding(files, query)
    return load_files(chosen) if chosen else None
