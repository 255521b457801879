"""The one search engine, shared by the command line and the app.

Text is folded before it is indexed and before it is matched: case, accents and umlauts and ß, so that
"hassfurt" finds Haßfurt and both "grubentalchen" and "gruebentaelchen" find Grübentälchen. Every word of
a query matches as a prefix, so results appear while a word is still being typed. Records are indexed in
SQLite's FTS5 (in memory) and ranked by BM25 with names and titles weighted above body text, and body text
above the names of linked records.
"""

from __future__ import annotations

import contextlib
import dataclasses
import json
import queue
import re
import sqlite3
import threading
import unicodedata
from array import array
from bisect import bisect_left
from collections import defaultdict, deque
from collections.abc import Collection, Iterable, Iterator, MutableMapping, Sequence
from dataclasses import dataclass
from functools import lru_cache, partial
from itertools import chain, compress, count, groupby, repeat
from operator import add, attrgetter, ne, not_
from pathlib import Path
from typing import Protocol, TypeVar

from herzlich_tui.bulk import LARGE, IsCancelled, check, paused_gc
from herzlich_tui.model import Dataset, Membership, PartialDate, Precision, ProjectYear, Record, Role, outgoing_refs
from herzlich_tui.model.masks import intersect, keep, pack, positions, scatter, unpack
from herzlich_tui.model.records import slot_names

__all__ = [
    "Hit",
    "Match",
    "SearchIndex",
    "Searching",
    "TermIndex",
    "date_words",
    "field_matched",
    "fold",
    "match_spans",
    "matches",
    "query_terms",
    "rank_query",
    "record_fields",
    "words",
]

_TRANSLIT = str.maketrans({"ß": "ss", "ẞ": "ss", "æ": "ae", "œ": "oe", "ø": "o", "ł": "l", "đ": "d"})
_UMLAUT_SPELLINGS = (("ä", "ae"), ("ö", "oe"), ("ü", "ue"), ("Ä", "Ae"), ("Ö", "Oe"), ("Ü", "Ue"))
_UMLAUT_ALT = str.maketrans(dict(_UMLAUT_SPELLINGS))
# Words as FTS5's unicode61 tokenizer sees them: letters and digits (an underscore separates words).
_WORD = re.compile(r"[^\W_]+")
# The same words in ASCII text, found by C string methods (turn every other character into a space, then
# split): for the folded text of a large dataset, nearly all ASCII, three times as fast as the pattern.
_ASCII_WORD_CHARS = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")
_ASCII_SPACES = str.maketrans({chr(code): " " for code in range(128) if chr(code) not in _ASCII_WORD_CHARS})
# A whole word with an umlaut in it. (Written as `\w*[äöüÄÖÜ]\w*`, the search would try every position of
# every word without one and walk back from its end each time: twice as slow on German text.)
_UMLAUT_WORD = re.compile(r"\b\w*?[äöüÄÖÜ]\w*")

TITLE_FIELDS = ("title", "name", "short_name", "subtitle")
BODY_FIELDS = (
    "summary",
    "description",
    "text",
    "topic",
    "measures",
    "note",
    "place",
    "date_text",
    "count_text",
    "unit",
    "qualifier",
    "publisher",
    "municipality",
    "basis",
)
RANK_WEIGHTS = (10.0, 3.0, 1.0)  # title, body, related


@lru_cache(maxsize=65536)
def _fold_char(char: str) -> str:
    decomposed = unicodedata.normalize("NFKD", char.casefold().translate(_TRANSLIT))
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


class _FoldTable(dict[int, str]):
    """str.translate table that folds each character once and remembers it (translate runs in C)."""

    def __missing__(self, code: int) -> str:
        folded = _fold_char(chr(code))
        self[code] = folded
        return folded


_FOLD_TABLE = _FoldTable()


def _latin1_tables() -> tuple[bytes, bytes]:
    """A bytes.translate table folding each Latin-1 character that folds to one Latin-1 character, and
    those characters (worked out at the first fold of Latin-1 text, not when the module is imported, which
    may be before the first frame)."""
    global _LATIN1
    table = bytearray(range(256))
    simple = bytearray()
    for code in range(256):
        folded = _fold_char(chr(code))
        if len(folded) == 1 and ord(folded) < 256:
            table[code] = ord(folded)
            simple.append(code)
    _LATIN1 = (bytes(table), bytes(simple))
    return _LATIN1


# German text is nearly always Latin-1: it folds as bytes, one table lookup per byte in C (three times as
# fast as str.translate, which looks up each character of non-ASCII text in the dict). ß becomes ss first;
# text with any other character that folds to more than one (½, Æ) or with one beyond Latin-1 („, –) goes
# through _FOLD_TABLE.
_LATIN1: tuple[bytes, bytes] | None = None


def fold(text: str) -> str:
    """Lower-case, strip accents and umlauts, and spell ß as ss."""
    if text.isascii():
        return text.lower()
    try:
        data = (text.replace("ß", "ss") if "ß" in text else text).encode("latin-1")
    except UnicodeEncodeError:
        return text.translate(_FOLD_TABLE)
    table, simple = _LATIN1 or _latin1_tables()
    if data.translate(None, simple):
        return text.translate(_FOLD_TABLE)
    return data.translate(table).decode("latin-1")


def _fold_with_alternatives(text: str) -> str:
    """The folded text, followed by the ae/oe/ue spelling of any word that has an umlaut."""
    folded = fold(text)
    if text.isascii():
        return folded
    # The words with umlauts, joined, then spelt out and folded in one pass each (not word by word). The
    # pattern looks only at the pieces between spaces that are not ASCII: a word with an umlaut lies within
    # one of them, and the rest of the text is skipped at C speed.
    alt = _umlaut_words(text)
    return f"{folded} {fold(alt.translate(_UMLAUT_ALT))}" if alt else folded


def _umlaut_words(text: str) -> str:
    """The words of a text that have an umlaut, joined by spaces ("" for none)."""
    return " ".join(_UMLAUT_WORD.findall(" ".join([piece for piece in text.split() if not piece.isascii()])))


def words(text: str) -> list[str]:
    """The words of a (folded) text, in order, as the word index and FTS5 split it."""
    if text.isascii():
        return text.translate(_ASCII_SPACES).split()
    return _WORD.findall(text)


def query_terms(query: str) -> list[str]:
    """The folded words of a query."""
    return words(fold(query))


def match_spans(text: str, query: str | Iterable[str]) -> list[tuple[int, int]]:
    """Where in `text` the query's words match as word prefixes, as (start, end) offsets into `text`.

    Used to highlight matches; folding can change lengths (ß -> ss), so offsets are mapped back."""
    terms = query_terms(query) if isinstance(query, str) else list(query)
    if not terms or not text:
        return []
    folded_chars: list[str] = []
    owners: list[int] = []
    for index, char in enumerate(text):
        for piece in _fold_char(char):
            folded_chars.append(piece)
            owners.append(index)
    folded = "".join(folded_chars)
    spans: list[tuple[int, int]] = []
    for match in _WORD.finditer(folded):
        word = match.group()
        # the longest match among the terms, so that "s stadtteil" marks all of "Stadtteil"
        length = max(_prefix_length(word, term) for term in terms)
        if length:
            start = owners[match.start()]
            end = owners[match.start() + length - 1] + 1
            spans.append((start, end))
    return _merge(spans)


def _prefix_length(word: str, term: str) -> int:
    if word.startswith(term):
        return len(term)
    # "gruebentaelchen" typed against the word "grubentalchen": walk both, letting "ae/oe/ue" in the
    # term stand for "a/o/u" in the word.
    i = j = 0
    while i < len(term) and j < len(word):
        if term[i] == word[j]:
            if (
                term[i] in "aou"
                and i + 1 < len(term)
                and term[i + 1] == "e"
                and (j + 1 >= len(word) or word[j + 1] != "e")
            ):
                i += 2
            else:
                i += 1
            j += 1
        else:
            return 0
    return j if i == len(term) else 0


def _merge(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def record_fields(record: Record) -> Iterator[tuple[str, str]]:
    """The searchable text fields of a record, titles first."""
    titles, bodies, dated = _text_plan(type(record))
    for name in titles + bodies:
        value = getattr(record, name, None)
        if isinstance(value, str) and value:
            yield name, value
    if dated and (date := getattr(record, "date", None)) is not None:
        yield "date", date_words(date)


class Searching(Protocol):
    """What the lists ask of a search index: SearchIndex, and interim.InterimIndex while one is built."""

    def match_mask(self, query: str) -> bytes | None: ...

    def did_you_mean(self, query: str) -> str | None: ...

    def as_written(self, word: str) -> str: ...


@dataclass(frozen=True, slots=True)
class Match:
    """Where a query's words match a record: a field of its own (its name, as strings.FIELD_LABELS words
    it: "summary", "date", "title" for the name it is listed under), or a field that links to another
    record whose name matched ("organisations"; `linked` is that record's id). `text` is the field's text
    (for "date", the words the index holds for it) or the linked record's name, `terms` the query's words
    that match in it."""

    field: str
    text: str
    terms: tuple[str, ...]
    linked: str = ""


def matches(dataset: Dataset, record: Record, terms: Sequence[str]) -> list[Match]:
    """Every place where some of the (folded) query words match the record, in the order the index weighs
    them: its title fields, its body fields and date, the name it is listed under, then the names of the
    records it links to, field by field (each linked record once)."""
    found: list[Match] = []

    def add(field: str, text: str, linked: str = "") -> None:
        hits = tuple(term for term in terms if match_spans(text, [term]))
        if hits:
            found.append(Match(field, text, hits, linked))

    for name, value in record_fields(record):
        add(name, value)
    add("title", dataset.title_of(record))
    seen: set[str] = set()
    for field, _ in record.reference_fields():
        ids = getattr(record, field, None)
        for ref in (ids,) if isinstance(ids, str) else ids or ():
            target = dataset.get(ref) if ref and ref not in seen else None
            seen.add(ref)
            if target is not None:
                add(field, target.label, ref)
    return found


# The words a date is found by, whatever the interface's language: the month, the season or the part of the
# year in German and in English (a prefix of a month's name finds it: "jun", "mär", "maerz", "oct").
_MONTH_WORDS = (
    "",
    "januar january",
    "februar february",
    "märz march",
    "april",
    "mai may",
    "juni june",
    "juli july",
    "august",
    "september",
    "oktober october",
    "november",
    "dezember december",
)
_SEASON_WORDS = {"spring": "frühling frühjahr spring", "summer": "sommer summer", "autumn": "herbst autumn fall"}
_SEASON_WORDS["winter"] = "winter"
_PART_WORDS = {Precision.YEAR_START: "anfang beginn start", Precision.YEAR_END: "ende end"}


def date_words(date: PartialDate) -> str:
    """The words the search index holds for a date: its day and year as numbers, and its month, season or
    part of the year in every language of the interface."""
    match date.precision:
        case Precision.DAY:
            return f"{date.day} {_MONTH_WORDS[date.month]} {date.year}"
        case Precision.MONTH:
            return f"{_MONTH_WORDS[date.month]} {date.year}"
        case Precision.SEASON:
            return f"{_SEASON_WORDS[date.season]} {date.year}"
        case Precision.YEAR_START | Precision.YEAR_END:
            return f"{_PART_WORDS[date.precision]} {date.year}"
    return str(date.year)


_TEXT_PLANS: dict[type, tuple[tuple[str, ...], tuple[str, ...], bool]] = {}


def _text_plan(cls: type) -> tuple[tuple[str, ...], tuple[str, ...], bool]:
    """Which of the title and body fields a kind of record has, and whether it has a date (worked out once
    per class: an event has 4 of the 17, and asking each record for all of them was a fifth of indexing)."""
    plan = _TEXT_PLANS.get(cls)
    if plan is None:
        fields = set(slot_names(cls)) if dataclasses.is_dataclass(cls) else set()

        def has(name: str) -> bool:
            return name in fields or hasattr(cls, name)

        plan = (tuple(filter(has, TITLE_FIELDS)), tuple(filter(has, BODY_FIELDS)), has("date"))
        _TEXT_PLANS[cls] = plan
    return plan


_PREFIX_MASKS_KEPT = 32
Places = TypeVar("Places", bound=Sequence[int])  # (a word's places: an array, or a list)
_DENSE = 32  # a word in more than 1/_DENSE of the records keeps them as bits
_LAST_CHAR = chr(0x10FFFF)


class TermIndex:
    """Which records hold each folded word, for narrowing a list to what a query matches.

    FTS5 answers a prefix query with rows, one at a time; a short prefix (one or two letters) or a
    common word matches most of a large dataset, and fetching 100,000 rows takes tens of milliseconds per
    keystroke. Here each word keeps the places (iteration order of the dataset) of the records that hold
    it, as a compact array, and a prefix is answered as a byte mask (model/masks.py) made in C from the
    arrays of the words it starts: a few milliseconds at 100,000 records, and kept for the next keystroke.
    FTS5 still ranks (`SearchIndex.search`); both read the same folded text and split it into the same words.
    """

    def __init__(self, size: int, postings: MutableMapping[str, Places], bits: dict[str, int] | None = None) -> None:
        """The index of `size` records from each word's places, and for some words more of them as bits
        (bit i for place i; see _TermBuilder); takes them out of `postings` and `bits` as it goes (at
        100,000 events they are MB, and the index's own copy need not come on top)."""
        self.size = size
        bits = {} if bits is None else bits
        self.words = sorted(postings.keys() | bits.keys())
        # A word in many records ("digital", "stadt") keeps them as an integer with one bit per record
        # (an eighth of a byte each, and OR-ed with others in C); the rarer words keep their places, all in
        # one array in word order: word n's places are flat[starts[n]:starts[n + 1]] (none for a common
        # word), so that the places of every word a prefix starts are one stretch of it.
        self.flat = array("I")
        self.starts = array("I", [0])
        self.bits: dict[int, int] = {}
        for number, word in enumerate(self.words):
            places: Sequence[int] = postings.pop(word, ())
            common = bits.pop(word, 0)
            if (len(places) + common.bit_count()) * _DENSE > size:
                self.bits[number] = common | pack(scatter(size, places)) if places else common
            else:
                if common:
                    places = sorted([*places, *compress(count(), unpack(common, size))])
                self.flat.extend(places)
            self.starts.append(len(self.flat))
        self._dense = sorted(self.bits)
        self._masks: dict[str, bytes] = {}

    def __getstate__(self) -> tuple:
        return (self.size, self.words, self.flat, self.starts, self.bits)

    def __setstate__(self, state: tuple) -> None:
        self.size, self.words, self.flat, self.starts, self.bits = state
        self._dense = sorted(self.bits)
        self._masks = {}

    def prefix_mask(self, prefix: str) -> bytes:
        """A byte mask over the records choosing those with a word that starts with `prefix` (folded)."""
        mask = self._masks.get(prefix)
        if mask is not None:
            return mask
        low = bisect_left(self.words, prefix)
        high = bisect_left(self.words, prefix + _LAST_CHAR, low)
        common = 0
        dense = self._dense
        for number in dense[bisect_left(dense, low) : bisect_left(dense, high)]:
            common |= self.bits[number]
        out = bytearray(unpack(common, self.size))
        scatter(self.size, self.flat[self.starts[low] : self.starts[high]], out)
        return keep(self._masks, prefix, bytes(out), _PREFIX_MASKS_KEPT)

    def mask(self, terms: list[str]) -> bytes:
        """The records in which every term starts a word (at least one term)."""
        return intersect([self.prefix_mask(term) for term in dict.fromkeys(terms)])

    def _range(self, prefix: str) -> range:
        """The numbers of the words that start with `prefix` (one stretch: the words are sorted)."""
        low = bisect_left(self.words, prefix)
        return range(low, bisect_left(self.words, prefix + _LAST_CHAR, low))

    def starts_any(self, term: str) -> bool:
        """Whether some indexed word starts with the (folded) term: whether it matches anything."""
        return bool(self._range(term))

    def holding(self, number: int) -> int:
        """How many records hold word number `number`."""
        bits = self.bits.get(number)
        return bits.bit_count() if bits is not None else self.starts[number + 1] - self.starts[number]

    def closest(self, term: str, limit: int = 3) -> list[str]:
        """The indexed words nearest a (folded) term, for a "did you mean": at most one edit away (a
        letter added, dropped, changed, or two swapped) for a term of up to four letters, two for a longer
        one, counted against the start of the word (terms match as prefixes: "smra" is one edit from
        "smart"); the fewest edits first, then the words nearer the term's length, then those more records
        hold. A word of letters only, of three or more, is mended (a number is not a typo).

        Looked for among the words that start as the term does (its first two letters, or those two
        swapped, else its first letter), at most _SUGGEST_SCAN of each around where the term would stand:
        a few thousand comparisons, however large the index, never one per pair of words."""
        if len(term) < 3 or not term.isalpha():
            return []
        bound = 1 if len(term) <= 4 else 2
        found: dict[int, tuple[int, int, int]] = {}  # word number -> (edits, length apart, -records)
        seen: set[int] = set()
        # Only the start of a word up to bound letters past the term's length can be near it; words that
        # share that start ("smarte", "smarten") are compared once.
        reach = len(term) + bound
        distances: dict[str, int] = {}
        for prefixes in ((term[:2], term[1] + term[0]), (term[0],)):
            for prefix in prefixes:
                for number in self._around(prefix, term):
                    if number in seen:
                        continue
                    seen.add(number)
                    word = self.words[number]
                    start = word[:reach]
                    edits = distances.get(start)
                    if edits is None:
                        edits = distances[start] = _prefix_distance(term, start, bound)
                    if edits <= bound:
                        found[number] = (edits, abs(len(word) - len(term)), -self.holding(number))
            if found:
                break
        best = sorted(found, key=lambda number: (found[number], self.words[number]))
        return [self.words[number] for number in best[:limit]]

    def _around(self, prefix: str, term: str) -> range:
        """The numbers of the words that start with `prefix`, at most _SUGGEST_SCAN of them around where
        `term` stands among them."""
        words = self._range(prefix)
        if len(words) <= _SUGGEST_SCAN:
            return words
        middle = bisect_left(self.words, term, words.start, words.stop)
        start = min(max(middle - _SUGGEST_SCAN // 2, words.start), words.stop - _SUGGEST_SCAN)
        return range(start, start + _SUGGEST_SCAN)


_WRITTEN_LOOKS = 20  # records looked at for how a word is written
_SUGGEST_SCAN = 1500  # words compared with a term, at most, for each of the prefixes it is looked for under


def _prefix_distance(term: str, word: str, bound: int) -> int:
    """How many edits (a letter added, dropped or changed, two neighbours swapped) turn `term` into some
    start of `word`: the optimal string alignment distance to its nearest prefix. Past `bound` edits the
    count stops (bound + 1 is returned)."""
    if abs(len(word) - len(term)) > bound and len(word) < len(term):
        return bound + 1
    columns = len(word) + 1
    before: list[int] | None = None
    previous = list(range(columns))  # (the empty start of the term against each start of the word)
    for i in range(1, len(term) + 1):
        char = term[i - 1]
        row = [i] + [0] * (columns - 1)
        for j in range(1, columns):
            cost = 0 if char == word[j - 1] else 1
            best = min(previous[j] + 1, row[j - 1] + 1, previous[j - 1] + cost)
            if before is not None and j > 1 and char == word[j - 2] and term[i - 2] == word[j - 1]:
                best = min(best, before[j - 2] + 1)
            row[j] = best
        if min(row) > bound:
            return bound + 1
        before, previous = previous, row
    return min(previous)


# --- FTS5 alongside the word index ---------------------------------------------------------------------
# Folding the texts and gathering their words is Python's work; tokenizing them into FTS5 is SQLite's, in C,
# and a fifth of building the index at 100,000 events. Handed to SQLite a block of documents at a time (as
# one JSON text, unpacked by json_each in a single statement, during which Python's lock is let go), it
# runs in a thread of its own while the next block is folded: on a second core, for the most part. Data of
# a few blocks goes in row by row (starting the thread would cost more than it saves).
_FTS_BLOCK = 512  # documents per statement
_INSERT_ROWS = "INSERT INTO docs(rowid, title, body, related) VALUES (?, ?, ?, ?)"
_INSERT_JSON = (
    "INSERT INTO docs(rowid, title, body, related) SELECT json_extract(value, '$[0]'), "
    "json_extract(value, '$[1]'), json_extract(value, '$[2]'), json_extract(value, '$[3]') FROM json_each(?)"
)


def _json_rows(db: sqlite3.Connection) -> bool:
    """Whether this SQLite unpacks JSON (built without JSON1, it does not)."""
    try:
        db.execute("SELECT count(*) FROM json_each('[1]')").fetchone()
    except sqlite3.Error:
        return False
    return True


def _insert_alongside(db: sqlite3.Connection, documents: Iterator[list[tuple[int, str, str, str]]]) -> None:
    """Insert the documents into FTS5 from a thread of its own, while the iterator makes the next blocks.
    Whatever is raised on either side (Cancelled while the documents are made, an SQLite error while they
    are inserted) is raised here, once the thread has ended."""
    blocks: queue.Queue[str | list | None] = queue.Queue(maxsize=2)
    failed: list[BaseException] = []

    def insert() -> None:
        while (block := blocks.get()) is not None:
            if not failed:
                try:
                    if isinstance(block, str):
                        db.execute(_INSERT_JSON, (block,))
                    else:
                        db.executemany(_INSERT_ROWS, block)
                except BaseException as error:  # raised again in the caller's thread
                    failed.append(error)

    worker = threading.Thread(target=insert, name="fts5-insert", daemon=True)
    worker.start()
    try:
        for block in documents:
            if failed:
                break
            text = json.dumps(block, ensure_ascii=False)
            # SQLite's JSON ends a string at an escaped NUL (which only a dataset made in code can hold: the
            # loader shows control characters as symbols): such a block goes in row by row.
            blocks.put(block if "\\u0000" in text else text)
    finally:
        blocks.put(None)
        worker.join()
    if failed:
        raise failed[0]


_CHUNK = 1 << 14  # records whose words' places are gathered before the common words' become bits


class _TermBuilder:
    """Each word's places, gathered record by record while the index is built, for a TermIndex.

    The places of a chunk of records are gathered in arrays; at the end of the chunk, a word in more
    than 1/_DENSE of its records keeps them as bits (an integer, bit i for place i), any other word adds
    them to its array. At 100,000 events the common words hold most of the places: in arrays they are
    26 MB at the peak of a first start; as bits, 7 MB."""

    def __init__(self) -> None:
        self.start = 0  # the place of the chunk's first record
        self.chunk: defaultdict[str, array] = defaultdict(partial(array, "I"))  # places less self.start
        self.places: dict[str, array] = {}
        self.bits: dict[str, int] = {}

    def add(self, place: int, found: Collection[str]) -> None:
        """Record `place` (one more than the last) holds the words `found` (each once)."""
        self.add_block(place, [found])

    def add_block(self, start: int, found: Sequence[Collection[str]]) -> None:
        """Records `start`, `start + 1`, ... (`start` one more than the last added) hold the words of
        `found`, each once. Every place goes to its words' arrays in one loop in C (a word not seen in the
        chunk gets a new array; the deque drains the loop and keeps nothing)."""
        while found:
            if start - self.start >= _CHUNK:
                self.flush()
                self.start = start
            part = found[: self.start + _CHUNK - start]  # (up to the end of the chunk)
            offsets = range(start - self.start, start - self.start + len(part))
            places = chain.from_iterable(map(repeat, offsets, map(len, part)))
            deque(map(array.append, map(self.chunk.__getitem__, chain.from_iterable(part)), places), maxlen=0)
            start += len(part)
            found = found[len(part) :]

    def flush(self) -> None:
        """The end of a chunk: its places go to the words' bits or arrays."""
        start = self.start
        for word, places in self.chunk.items():
            if len(places) * _DENSE > _CHUNK:
                self.bits[word] = self.bits.get(word, 0) | (pack(scatter(_CHUNK, places)) << start)
            else:
                kept = self.places.get(word)
                if kept is None:
                    kept = self.places[word] = array("I")
                kept.extend(map(add, places, repeat(start)))
        self.chunk.clear()

    def index(self, size: int) -> TermIndex:
        """The word index of the `size` records added. A word common in some chunks but not in all the
        records keeps places, as TermIndex keeps such a word: they are found here, from its bits, by a
        search for each set bit in C (TermIndex, given the bits, would walk every record's bit)."""
        self.flush()
        for word, common in list(self.bits.items()):
            places = self.places.get(word, ())
            if (len(places) + common.bit_count()) * _DENSE <= size:
                del self.bits[word]
                self.places[word] = array("I", sorted([*places, *positions(unpack(common, size))]))
        return TermIndex(size, self.places, self.bits)


# Punctuation beyond Latin-1 that German text is full of (quotes, dashes, ellipses). None of it is a word or an
# FTS5 token: a block whose text holds it is folded with these as spaces, and stays on the fast Latin-1 path.
_PUNCTUATION = ("„", "“", "”", "‚", "‘", "’", "–", "—", "…", "•", "‹", "›")
_SEPARATOR = "\x00"  # between the texts of a block folded at once (the loader never gives one)
_ASCII_SPACES_BUT_SEPARATOR: dict[int, int | str | None] = {**_ASCII_SPACES, 0: 0}
# Between the texts of a block while its words with an umlaut are looked for: a piece of its own (the spaces),
# not ASCII, neither a word character nor a space, and a C1 control, which the loader never gives (it shows
# them as U+FFFD).
_MARK = "\x80"
_UMLAUT_WORD_OR_MARK = re.compile(rf"{_MARK}|{_UMLAUT_WORD.pattern}")
# Latin-1 text as bytes: what is not a word character (as the pattern's \w sees it) becomes a space, but for
# the mark; and the bytes a piece that is a word with an umlaut, or the mark, has.
_LATIN1_WORDS = bytes(code if re.match(r"\w", chr(code)) or chr(code) == _MARK else 32 for code in range(256))
_UMLAUTS_AND_MARK = "äöüÄÖÜ\x80".encode("latin-1")


def _fold_block(texts: list[str]) -> list[str]:
    """Each text as `_fold_with_alternatives` folds it (followed by the ae/oe/ue spelling of its words with
    an umlaut), but for spaces: punctuation that is neither a word nor an FTS5 token may be a space here. The
    texts are folded at once, as one string, and so are the words with an umlaut, found and spelt out."""
    joined = _SEPARATOR.join(texts)
    if joined.count(_SEPARATOR) != len(texts) - 1:  # a text holds the separator (only code can make one)
        return list(map(_fold_with_alternatives, texts))
    if joined.isascii():
        return joined.lower().split(_SEPARATOR)
    for mark in _PUNCTUATION:
        if mark in joined:
            joined = joined.replace(mark, " ")
    folded = fold(joined).split(_SEPARATOR)
    alternatives = _umlaut_words_of_each(joined, len(texts))
    if not alternatives:
        return folded
    for umlaut, spelling in _UMLAUT_SPELLINGS:
        if umlaut in alternatives:
            alternatives = alternatives.replace(umlaut, spelling)
    spelt = fold(alternatives).split(_SEPARATOR)
    for place in compress(count(), spelt):
        folded[place] = f"{folded[place]} {spelt[place]}"
    return folded


def _umlaut_words_of_each(joined: str, texts: int) -> str:
    """For `texts` texts joined by separators, the words of each that have an umlaut (`_umlaut_words`),
    joined by separators in turn; "" when no text has one. Looked for in the whole block at once, with a
    mark between texts that is a piece of its own, so that the words found fall to their texts (not one
    call per text: most have an umlaut). Latin-1 text, nearly all, is split into its words as bytes (what
    is no word character a space, in one table lookup a byte) and those with an umlaut are kept, by C
    methods alone; other text is split at spaces and its pieces that are not ASCII searched by the pattern."""
    if _MARK in joined:  # (only code can make one)
        each = [_umlaut_words(text) for text in joined.split(_SEPARATOR)]
        return _SEPARATOR.join(each) if any(each) else ""
    try:
        data = joined.encode("latin-1")
    except UnicodeEncodeError:
        pieces = joined.replace(_SEPARATOR, f" {_MARK} ").split()
        found = _UMLAUT_WORD_OR_MARK.findall(" ".join(compress(pieces, map(not_, map(str.isascii, pieces)))))
        spaced, marks_alone = " ".join(found), len(found) == texts - 1
    else:
        latin = data.replace(b"\x00", b" \x80 ").translate(_LATIN1_WORDS).split()
        latin = list(compress(latin, map(not_, map(bytes.isascii, latin))))
        stripped = map(bytes.translate, latin, repeat(None), repeat(_UMLAUTS_AND_MARK))
        kept = list(compress(latin, map(ne, map(len, latin), map(len, stripped))))
        spaced, marks_alone = b" ".join(kept).decode("latin-1"), len(kept) == texts - 1
    if marks_alone:
        return ""
    # The words of a text and the marks after them, joined by spaces: the spaces on either side of a mark
    # go (a word holds neither a space nor a mark), and the marks become separators.
    return spaced.replace(f" {_MARK}", _MARK).replace(f"{_MARK} ", _MARK).replace(_MARK, _SEPARATOR)


@dataclass(slots=True)
class _Found:
    """A run of records' documents for FTS5 and the words of each, for the word index."""

    rows: list[tuple[int, str, str, str]]
    words: list[set[str]]


class _LinkedNames(dict[str, str]):
    """Linked records' names, folded, by id; `names[ref]` folds the name of a record not yet seen. Many
    records name the same few (people, organisations, projects): theirs are folded once and kept until the
    index is built. A record named by one other alone (most events a figure or a quote names) is not kept:
    in a large dataset those would be held all at once at the peak of building the index, and leave the
    memory they took in holes among what stays. Looked up a column at a time, in C (`map`), but for the
    names not kept."""

    def __init__(self, dataset: Dataset) -> None:
        super().__init__()
        self.dataset = dataset

    def __missing__(self, ref: str) -> str:
        target = self.dataset.get(ref)
        folded = _fold_with_alternatives(target.label) if target is not None else ""
        if self.dataset.referrer_count(ref) > 1:
            self[ref] = folded
        return folded


class _Documents:
    """What the search index holds of each record: its title (the name it is shown under, and its title
    fields), its body (the other text fields and the date), the names of the records it links to, each
    folded, and the set of their words. Records of one class are taken a field at a time."""

    def __init__(self, dataset: Dataset) -> None:
        self.dataset = dataset
        self.names = _LinkedNames(dataset)
        self.date_labels: dict[int, str] = {}  # each date's words, by id of the date object (records share them)

    def one(self, record: Record, rowid: int) -> tuple[tuple[int, str, str, str], set[str]]:
        """One record's document and words, record by record (as `run` gives them)."""
        title_names, body_names, dated = _text_plan(record.__class__)  # (as record_fields gives them)
        titles = [self.dataset.title_of(record)]
        titles += [value for value in map(getattr, repeat(record), title_names) if isinstance(value, str) and value]
        body = [value for value in map(getattr, repeat(record), body_names) if isinstance(value, str) and value]
        if dated and (date := getattr(record, "date", None)) is not None:
            body.append(date_words(date))
        title = _fold_with_alternatives(" ".join(titles))
        text = _fold_with_alternatives(" ".join(body))
        related = " ".join(map(self.names.__getitem__, outgoing_refs(record)))
        return (rowid, title, text, related), {*words(title), *words(text), *words(related)}

    def run(self, cls: type[Record], records: list[Record], start: int) -> _Found:
        """The documents and words of records of the class `cls`, at places `start`, `start + 1`, ...: the
        same words and FTS5 tokens as `one` gives for each, a field at a time. A record's words are those
        of its three texts joined (split at a space as they are each), split for the whole run at once."""
        title_names, body_names, dated = _text_plan(cls)
        if issubclass(cls, (ProjectYear, Membership, Role)):
            names = list(map(self.dataset.title_of, records))  # (with the record they belong to)
        else:
            names = list(map(attrgetter("label"), records))
        titles = [names, *(list(map(attrgetter(name), records)) for name in title_names)]
        bodies = [list(map(attrgetter(name), records)) for name in body_names]
        if any(set(map(type, column)) - {str} for column in [*titles, *bodies]):
            # (A field that is not text in some record, which only code makes: left out record by record.)
            made = [self.one(record, rowid) for rowid, record in enumerate(records, start)]
            return _Found([row for row, _ in made], [words_of for _, words_of in made])
        if dated:
            bodies.append(self._dates(list(map(attrgetter("date"), records))))
        folded_titles = _fold_block(list(map(" ".join, zip(*titles, strict=True))))
        folded_bodies = _fold_block(list(map(" ".join, zip(*bodies, strict=True)))) if bodies else [""] * len(records)
        related = self._related(cls, records)
        texts = list(zip(folded_titles, folded_bodies, related, strict=True))
        combined = _SEPARATOR.join(map(" ".join, texts))
        found: list[set[str]]
        if combined.isascii():
            found = list(map(set, map(str.split, combined.translate(_ASCII_SPACES_BUT_SEPARATOR).split(_SEPARATOR))))
        else:
            found = list(map(set, map(words, combined.split(_SEPARATOR))))
        if len(found) != len(records):  # (a separator in the text, which only code can make)
            found = [set(chain.from_iterable(map(words, three))) for three in texts]
        rows = list(zip(range(start, start + len(records)), folded_titles, folded_bodies, related, strict=True))
        return _Found(rows, found)

    def _related(self, cls: type[Record], records: list[Record]) -> list[str]:
        """The folded names of the records each record links to, joined by spaces ("" for none), field
        after field as `outgoing_refs` gives them. Fields that all hold tuples of ids (every link field of
        events, figures and quotes) are joined and looked up a column at a time."""
        fields = [name for name, _ in cls.reference_fields()]
        if not fields:
            return [""] * len(records)
        name_of = self.names.__getitem__
        columns = [list(map(attrgetter(name), records)) for name in fields]
        if any(set(map(type, column)) - {tuple} for column in columns):
            return [" ".join(map(name_of, outgoing_refs(record))) for record in records]
        refs: Iterable[tuple[str, ...]] = columns[0]
        for column in columns[1:]:  # (each record's tuples, one after the other)
            refs = map(add, refs, column)
        return list(map(" ".join, map(map, repeat(name_of), refs)))

    def _dates(self, dates: list[PartialDate | None]) -> list[str]:
        """Each date's words ("" for none), worked out once for each date object."""
        labels = self.date_labels
        for date in dates:
            if id(date) not in labels:
                labels[id(date)] = date_words(date) if date is not None else ""
        return list(map(labels.__getitem__, map(id, dates)))


@dataclass(frozen=True, slots=True)
class Hit:
    """One search result: a record, its rank (lower is better) and the field the query matched in."""

    record: Record
    rank: float
    field: str


class _OtherData(sqlite3.DatabaseError):
    """An index file made for other data (its stamp differs)."""


class SearchIndex:
    """An FTS5 index over every record of a Dataset, for ranked search, and a TermIndex of the same words,
    for narrowing lists. Safe to query from a worker thread.

    Built from the dataset, the FTS5 index lives in memory, or in a file (`build_at`, then `finish`); an
    index made with `SearchIndex.from_file`, or finished, opens that file read-only on the first ranked
    search: a large dataset keeps its ranking index on disk (the system's file cache), not in memory."""

    def __init__(self, dataset: Dataset, *, build_at: Path | None = None, cancelled: IsCancelled | None = None) -> None:
        """Index every record of the dataset: the FTS5 index in memory, or in the (new, empty) file
        `build_at`, to be kept with `finish`; a large index then never takes memory. `cancelled` is asked
        every few hundred records; when it says so, Cancelled is raised."""
        self.dataset = dataset
        self._lock = threading.Lock()
        self._ids: list[str] = []
        self._file: tuple[Path, str] | None = None
        self._cancelled = cancelled
        terms = _TermBuilder()
        with paused_gc():
            self._db: sqlite3.Connection | None = self._build(terms, build_at)
            self.terms = terms.index(len(self._ids))
        self._cancelled = None  # built: a later rebuild (see _connection) is not the caller's to give up

    @classmethod
    def from_file(cls, dataset: Dataset, terms: TermIndex, path: Path, stamp: str) -> SearchIndex:
        """The index of `dataset` whose words are `terms` and whose FTS5 index `finish` left in `path`
        with `stamp`. Should the file be missing, damaged or another dataset's, the first ranked
        search builds the index again from the dataset."""
        index = cls.__new__(cls)
        index.dataset = dataset
        index._lock = threading.Lock()
        index._ids = [record.id for record in dataset]
        index.terms = terms
        index._file = (path, stamp)
        index._db = None
        index._cancelled = None
        return index

    def _build(self, terms: _TermBuilder | None, path: Path | None = None) -> sqlite3.Connection:
        """The FTS5 index (in memory, or in the file `path`); each record's words go to `terms` too, when
        given. A large dataset's index, when no file is given, is a temporary file of SQLite's own (its
        name ""), which SQLite deletes when it is closed: in memory it would take 30 MB at 100,000 events,
        on disk it takes a page cache of 2 MB and the system's file cache."""
        if path is not None:
            name = str(path)
        elif len(self.dataset) >= LARGE:
            name = ""
        else:
            name = ":memory:"
        db = sqlite3.connect(name, check_same_thread=False)
        try:
            self._fill(db, terms, on_disk=name != ":memory:")
        except BaseException:
            db.close()
            raise
        return db

    def _fill(self, db: sqlite3.Connection, terms: _TermBuilder | None, on_disk: bool) -> None:
        if on_disk:
            # A file written once (and renamed into place, see `finish`, or thrown away): no journal, no
            # waiting for the disk.
            db.execute("PRAGMA journal_mode=OFF")
            db.execute("PRAGMA synchronous=OFF")
        self._ids = []
        db.execute(
            # Contentless (content=''): only the index is kept, not a second copy of every text; ranking
            # (bm25) and prefix queries need no more than that.
            # No prefix indexes: prefix queries are nearly as fast without them, and the index is a third.
            "CREATE VIRTUAL TABLE docs USING fts5(title, body, related, content='', "
            "tokenize='unicode61 remove_diacritics 0')"
        )
        blocks = self._blocks(terms)
        if len(self.dataset) > 4 * _FTS_BLOCK and _json_rows(db):  # (a few blocks: a thread costs more)
            _insert_alongside(db, blocks)
        else:
            db.executemany(_INSERT_ROWS, chain.from_iterable(blocks))
        db.execute("CREATE TABLE stamp(value TEXT)")
        db.commit()

    def finish(self, path: Path, stamp: str) -> None:
        """Mark the index built with `build_at` with `stamp` and close it; it is to become the file `path`
        (the caller renames it there), which the next ranked search opens, as `from_file` would."""
        with self._lock:
            db = self._connection()
            db.execute("INSERT INTO stamp VALUES (?)", (stamp,))
            db.commit()
            db.close()
            self._db = None
            self._file = (path, stamp)

    def _connection(self) -> sqlite3.Connection:
        """The FTS5 database: opened from its file on first use, or built again if that fails. Call with
        the lock held."""
        if self._db is not None:
            return self._db
        assert self._file is not None
        path, stamp = self._file
        try:
            db = sqlite3.connect(f"{path.absolute().as_uri()}?mode=ro", uri=True, check_same_thread=False)
            try:
                found = db.execute("SELECT value FROM stamp").fetchone()
                if found is None or found[0] != stamp:
                    raise _OtherData("the index file belongs to other data")
                db.execute("SELECT count(*) FROM docs WHERE docs MATCH 'x*'").fetchone()
            except Exception:
                db.close()
                raise
        except (sqlite3.Error, OSError, ValueError) as error:
            damaged = isinstance(error, sqlite3.DatabaseError)
            if damaged and not isinstance(error, (_OtherData, sqlite3.OperationalError)):
                # A damaged file (not one that is missing or that another process wrote): removed, so that
                # the load cache builds it again at the next start instead of this at every start.
                with contextlib.suppress(OSError):
                    path.unlink()
            db = self._build(None)  # the word index came with the cache
        else:
            self._opened = path
        self._db = db
        return db

    # The index file the database was opened from, while it is (see _rebuild_damaged).
    _opened: Path | None = None

    def _rebuild_damaged(self) -> sqlite3.Connection:
        """A query met a damaged page of the index file (one the first look in _connection did not touch):
        the file is removed, so that the load cache builds it again at the next start, and the index is
        built now in memory. Call with the lock held."""
        assert self._db is not None and self._opened is not None
        self._db.close()
        with contextlib.suppress(OSError):
            self._opened.unlink()
        self._opened = None
        self._db = self._build(None)
        return self._db

    def _blocks(self, terms: _TermBuilder | None) -> Iterator[list[tuple[int, str, str, str]]]:
        """Every record's document for FTS5, (rowid, title, body, related) with the texts folded, in blocks
        of _FTS_BLOCK places; each record's words go to `terms` too, when given. Records of one class are
        taken a field at a time (see _Documents.run): building the index at 100,000 events is mostly this."""
        records = list(self.dataset)
        self._ids = list(map(attrgetter("id"), records))
        documents = _Documents(self.dataset)
        for start in range(0, len(records), _FTS_BLOCK):
            check(self._cancelled)
            block: list[tuple[int, str, str, str]] = []
            place = start
            for cls, run in groupby(records[start : start + _FTS_BLOCK], key=attrgetter("__class__")):
                found = documents.run(cls, list(run), place)
                if terms is not None:
                    terms.add_block(place, found.words)
                block.extend(found.rows)
                place += len(found.rows)
            yield block

    def search(self, query: str, *, limit: int | None = 50, within: Collection[str] | None = None) -> list[Hit]:
        """Ranked hits for a query; `within` restricts them to a set of record ids."""
        ranking = rank_query(query, limit if within is None else None)
        if ranking is None:
            return []
        sql, params = ranking
        with self._lock:
            try:
                rows = self._connection().execute(sql, params).fetchall()
            except sqlite3.DatabaseError:
                if self._opened is None:
                    raise
                rows = self._rebuild_damaged().execute(sql, params).fetchall()
        hits: list[Hit] = []
        terms = query_terms(query)
        for rowid, rank in rows:
            record = self.dataset[self._ids[rowid]]
            if within is not None and record.id not in within:
                continue
            hits.append(Hit(record, rank, self.where(record, terms)))
            if limit is not None and len(hits) >= limit:
                break
        return hits

    def match_mask(self, query: str) -> bytes | None:
        """A byte mask over every record (iteration order of the dataset) choosing those the query matches,
        unranked, for narrowing a view; None when the query has no words (everything matches)."""
        terms = query_terms(query)
        return self.terms.mask(terms) if terms else None

    def did_you_mean(self, query: str) -> str | None:
        """For a query some of whose words start no indexed word (so it matches nothing), the query with
        each of those words replaced by the nearest indexed word (TermIndex.closest), as folded words
        ("smrat" -> "smart"); None when every word matches something, when a word has no near word, or
        when the mended query would match nothing either."""
        terms = query_terms(query)
        mended: list[str] = []
        for term in terms:
            if self.terms.starts_any(term):
                mended.append(term)
            elif nearest := self.terms.closest(term, 1):
                mended.append(nearest[0])
            else:
                return None
        if mended == terms or not self.terms.mask(mended).count(1):
            return None
        return " ".join(mended)

    def as_written(self, word: str) -> str:
        """An indexed (folded) word as the records that hold it write it, for showing a suggestion:
        "grubentalchen" is "Grübentälchen", "smart" "Smart"; the word itself when none of the first few
        records that have a word starting so shows it."""
        mask = self.terms.prefix_mask(word) if word else b""
        place = mask.find(1)
        for _ in range(_WRITTEN_LOOKS):
            if place < 0:
                break
            record = self.dataset[self._ids[place]]
            texts = [self.dataset.title_of(record), *(value for _, value in record_fields(record))]
            texts += [target.label for ref in outgoing_refs(record) if (target := self.dataset.get(ref)) is not None]
            for text in texts:
                for start, _ in match_spans(text, [word]):
                    written = _WORD.match(text, start)
                    if written is not None and fold(written.group()) == word:
                        return written.group()
            place = mask.find(1, place + 1)
        return word

    def matching_ids(self, query: str) -> frozenset[str]:
        """Every record id the query matches, unranked."""
        mask = self.match_mask(query)
        if mask is None:
            return frozenset(self._ids)
        return frozenset(compress(self._ids, mask))

    def where(self, record: Record, terms: list[str]) -> str:
        """The name of the first field in which a query word matches, or 'related' for linked records."""
        return field_matched(record_fields(record), record.label, terms)


def field_matched(fields: Iterable[tuple[str, str]], label: str, terms: list[str]) -> str:
    """`SearchIndex.where` for a record's searchable fields (as `record_fields` gives them) and its label,
    kept apart from the record: the command line's search reads them from the load cache."""
    for name, value in fields:
        if match_spans(value, terms):
            return name
    if match_spans(label, terms):
        return "title"
    return "related"


def rank_query(query: str, limit: int | None) -> tuple[str, list[object]] | None:
    """The SQL, and its parameters, that ask the FTS5 table `docs` for the places of the records a query's
    words start words of, best first: `limit` of them, or all (for a caller that keeps only some). None
    when the query has no words. `SearchIndex.search` asks it so, and so does the command line's search
    from the cache (cache_hits.py)."""
    terms = query_terms(query)
    if not terms:
        return None
    sql = "SELECT rowid, bm25(docs, ?, ?, ?) AS rank FROM docs WHERE docs MATCH ? ORDER BY rank"
    params: list[object] = [*RANK_WEIGHTS, " ".join(f'"{term}"*' for term in terms)]
    if limit is not None:
        sql += " LIMIT ?"
        params.append(limit)
    return sql, params
