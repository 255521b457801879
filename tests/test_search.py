"""Search: folding of case, umlauts and ß, prefix matching, ranking, `within`, hit fields and match spans."""

from __future__ import annotations

import re
import sqlite3

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from herzlich_tui.model import Dataset, Event, Organisation, PartialDate, Review
from herzlich_tui.search import (
    _UMLAUT_ALT,
    _WORD,
    SearchIndex,
    _fold_with_alternatives,
    fold,
    match_spans,
    query_terms,
    words,
)

GRUEBEN = "Stadtteilbüro Grübentälchen"


@pytest.fixture(scope="module")
def index() -> SearchIndex:
    src = ("r",)
    return SearchIndex(
        Dataset(
            [
                Review(id="r", year=2021, title="Rückblick", publisher="P", municipality="M", summary="Ein Jahr."),
                Organisation(id="hassfurt", name="Haßfurt", type="municipality", sources=src),
                Organisation(id="grueben", name=GRUEBEN, type="neighbourhood-office", sources=src),
                Organisation(
                    id="zebra-title",
                    name="Zebrastreifen-Initiative",
                    type="association",
                    description="Ein Verein, der sich seit Jahren für sichere Wege einsetzt, in der ganzen Stadt.",
                    sources=src,
                ),
                Organisation(
                    id="zebra-body",
                    name="Verkehrsamt",
                    type="city-unit",
                    description="Plant Zebrastreifen. Zebrastreifen!",
                    sources=src,
                ),
                Event(
                    id="e-mashup",
                    title="Mashup",
                    date=PartialDate.parse("2021-05"),
                    summary="Ein Austausch der Modellstädte.",
                    organisations=("hassfurt",),
                    sources=src,
                ),
                Event(
                    id="e-strasse",
                    title="Straßenfest",
                    date=PartialDate.parse("2021-summer"),
                    summary="Ein Fest in der Hauptstraße.",
                    sources=src,
                ),
            ]
        )
    )


def hit_ids(index: SearchIndex, query: str, **kwargs) -> list[str]:
    return [hit.record.id for hit in index.search(query, **kwargs)]


# --- folding ------------------------------------------------------------------------------------------
def test_fold() -> None:
    assert fold("Haßfurt") == "hassfurt"
    assert fold("GRÜBENTÄLCHEN") == "grubentalchen"
    assert fold("Café Œuvre") == "cafe oeuvre"
    assert fold("ASCII Only") == "ascii only"
    assert query_terms("Grübentälchen, HASS-furt!") == ["grubentalchen", "hass", "furt"]


@pytest.mark.parametrize("query", ["hassfurt", "Haßfurt", "HASSFURT", "haßfurt", "HaSsFuRt"])
def test_sharp_s_and_case_fold(index: SearchIndex, query: str) -> None:
    assert hit_ids(index, query)[0] == "hassfurt"


@pytest.mark.parametrize("query", ["grubentalchen", "gruebentaelchen", "Grübentälchen", "GRUEBENTAELCHEN"])
def test_umlauts_fold_both_ways(index: SearchIndex, query: str) -> None:
    assert hit_ids(index, query) == ["grueben"]


def test_strasse_finds_strasse_with_sharp_s(index: SearchIndex) -> None:
    assert hit_ids(index, "strassenfest") == ["e-strasse"]
    assert hit_ids(index, "hauptstrasse") == ["e-strasse"]


# --- prefixes while typing ----------------------------------------------------------------------------
@pytest.mark.parametrize("query", ["h", "ha", "has", "hass", "haß", "hassf"])
def test_prefix_matching_while_typing(index: SearchIndex, query: str) -> None:
    assert "hassfurt" in hit_ids(index, query)


@pytest.mark.parametrize("query", ["grue", "grueb", "grub", "grü", "stadtteilb"])
def test_prefix_of_either_umlaut_spelling(index: SearchIndex, query: str) -> None:
    assert "grueben" in hit_ids(index, query)


def test_every_word_must_match(index: SearchIndex) -> None:
    assert hit_ids(index, "stadtteil grub") == ["grueben"]
    assert hit_ids(index, "stadtteil hassfurt") == []


def test_prefix_only_not_infix(index: SearchIndex) -> None:
    assert hit_ids(index, "furt") == []
    assert hit_ids(index, "streifen") == []


def test_empty_and_punctuation_queries(index: SearchIndex) -> None:
    assert index.search("") == []
    assert index.search('" * - ()') == []
    assert index.search('"hass" AND NOT') == []  # query syntax is not interpreted, words are just words


# --- ranking, limit, within ---------------------------------------------------------------------------
def test_title_match_ranks_above_body_match(index: SearchIndex) -> None:
    hits = index.search("zebrastreifen")
    assert [h.record.id for h in hits] == ["zebra-title", "zebra-body"]
    assert hits[0].rank < hits[1].rank  # lower is better


def test_body_match_ranks_above_related_match(index: SearchIndex) -> None:
    # the event matches only through the organisation it names
    assert hit_ids(index, "hassfurt") == ["hassfurt", "e-mashup"]


def test_limit(index: SearchIndex) -> None:
    assert hit_ids(index, "zebra", limit=1) == ["zebra-title"]
    assert len(index.search("ein", limit=None)) == len(index.matching_ids("ein")) > 1


def test_within_restricts_the_hits(index: SearchIndex) -> None:
    assert hit_ids(index, "zebra", within={"zebra-body", "grueben"}) == ["zebra-body"]
    assert hit_ids(index, "zebra", within=set()) == []
    assert hit_ids(index, "zebra", within={"zebra-body", "zebra-title"}, limit=1) == ["zebra-title"]


def test_matching_ids(index: SearchIndex) -> None:
    assert index.matching_ids("zebra") == {"zebra-title", "zebra-body"}
    assert index.matching_ids("gruebentaelchen") == {"grueben"}
    assert index.matching_ids("nothing-like-this") == frozenset()
    assert index.matching_ids("  ") == {r.id for r in index.dataset}  # no words: everything


# --- where a hit matched ------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("query", "record_id", "field"),
    [
        ("hassfurt", "hassfurt", "name"),
        ("hassfurt", "e-mashup", "related"),
        ("zebra", "zebra-title", "name"),
        ("zebra", "zebra-body", "description"),
        ("modellstaedte", "e-mashup", "summary"),
        ("summer", "e-strasse", "date"),
        ("rueckblick", "r", "title"),
    ],
)
def test_field_of_a_hit(index: SearchIndex, query: str, record_id: str, field: str) -> None:
    [hit] = [h for h in index.search(query) if h.record.id == record_id]
    assert hit.field == field


# --- match spans --------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "query", "spans"),
    [
        ("Haßfurt", "ha", [(0, 2)]),
        ("Haßfurt", "has", [(0, 3)]),  # half of ß still marks the whole letter
        ("Haßfurt", "hass", [(0, 3)]),
        ("Haßfurt", "hassfurt", [(0, 7)]),
        ("Haßfurt", "Haßf", [(0, 4)]),
        ("Die Straße", "strasse", [(4, 10)]),
        (GRUEBEN, "gruebentaelchen", [(14, 27)]),
        (GRUEBEN, "grubentalchen", [(14, 27)]),
        (GRUEBEN, "grue", [(14, 17)]),
        (GRUEBEN, "Grü", [(14, 17)]),
        (GRUEBEN, "stadtteilburo grub", [(0, 13), (14, 18)]),
        ("Öffentliche Übergabe", "offentliche ueber", [(0, 11), (12, 16)]),
        ("MPSC Mashup", "hup", []),
        ("MPSC Mashup", "mpsc mash", [(0, 4), (5, 9)]),
        ("", "hass", []),
        ("Haßfurt", "", []),
    ],
)
def test_match_spans(text: str, query: str, spans: list[tuple[int, int]]) -> None:
    assert match_spans(text, query) == spans


def test_match_spans_cover_the_original_letters() -> None:
    [(start, end)] = match_spans(GRUEBEN, "gruebentaelchen")
    assert GRUEBEN[start:end] == "Grübentälchen"
    assert match_spans("Haßfurt", ["hass"]) == [(0, 3)]  # terms may be given already folded


def test_match_spans_merge_overlaps() -> None:
    assert match_spans("Haßfurt", "ha hassf") == [(0, 4)]


# --- the shipped data ---------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def shipped_index(shipped) -> SearchIndex:
    return SearchIndex(shipped.dataset)


def test_shipped_hassfurt_finds_the_mpsc_mashup(shipped_index: SearchIndex) -> None:
    hits = {h.record.id: h for h in shipped_index.search("hassfurt", limit=None)}
    assert "e-2021-mpsc-mashup" in hits
    assert hits["hassfurt"].field == "name"
    assert hits["e-2021-mpsc-mashup"].field == "summary"


@pytest.mark.parametrize("query", ["grubentalchen", "gruebentaelchen", "Grübentälchen", "grueb"])
def test_shipped_gruebentaelchen(shipped_index: SearchIndex, query: str) -> None:
    assert "stadtteilbuero-gruebentaelchen" in shipped_index.matching_ids(query)


def test_a_large_index_without_a_file_is_kept_on_disk(shipped, monkeypatch: pytest.MonkeyPatch) -> None:
    # Without a cache to build it in, a large dataset's FTS5 index goes to a temporary file of SQLite's
    # (in memory it took 30 MB at 100,000 events); a small one stays in memory. Either ranks the same.
    from herzlich_tui import search

    small = SearchIndex(shipped.dataset)
    monkeypatch.setattr(search, "LARGE", len(shipped.dataset))
    large = SearchIndex(shipped.dataset)
    modes = [index._db.execute("PRAGMA journal_mode").fetchone()[0] for index in (small, large)]  # type: ignore[union-attr]
    assert modes == ["memory", "off"]  # (a database in memory keeps its journal there; ours on disk keeps none)
    assert hit_ids(large, "hassfurt") == hit_ids(small, "hassfurt") != []


# --- the indexed text ------------------------------------------------------------------------------------
def _alternatives_word_by_word(text: str) -> str:
    """The reference: each word that has an umlaut found by a plain pattern, spelt out and folded alone."""
    folded = fold(text)
    alt = [fold(w.translate(_UMLAUT_ALT)) for w in re.findall(r"\w*[äöüÄÖÜ]\w*", text)]
    return f"{folded} {' '.join(alt)}" if alt else folded


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet="aäoöuüAÄÖÜßéÉ_1- .,\u201e\u2013xyzQ\u00e6\t\n\u00a0\u2009", max_size=40))
def test_umlaut_spellings_match_the_word_by_word_reference(text: str) -> None:
    assert _fold_with_alternatives(text) == _alternatives_word_by_word(text)


def test_umlaut_spellings_of_a_sentence() -> None:
    assert _fold_with_alternatives("Das Stadtteilbüro in Grübentälchen öffnet") == (
        "das stadtteilburo in grubentalchen offnet stadtteilbuero gruebentaelchen oeffnet"
    )


@settings(max_examples=400, deadline=None)
@given(st.one_of(st.text(alphabet="abzAZ09_- .,;:!?'\"\t\n/()[]{}#\x00\x7f", max_size=40), st.text(max_size=40)))
def test_words_match_the_pattern(text: str) -> None:
    """The ASCII shortcut splits exactly as the word pattern (and FTS5's tokenizer) does."""
    assert words(text) == _WORD.findall(text)


@settings(max_examples=60, deadline=None)
@given(
    st.lists(st.sets(st.sampled_from(["a", "ab", "abc", "b", "c", "d", "e"]), max_size=4), max_size=90),
    st.integers(min_value=1, max_value=7),
)
def test_the_word_index_gathered_in_chunks_is_that_of_every_place(documents: list[set[str]], chunk_bits: int) -> None:
    from array import array

    from herzlich_tui import search
    from herzlich_tui.search import TermIndex, _TermBuilder

    postings: dict[str, array] = {}
    for place, found in enumerate(documents):
        for word in found:
            postings.setdefault(word, array("I")).append(place)
    reference = TermIndex(len(documents), postings)
    chunk, search._CHUNK = search._CHUNK, 1 << chunk_bits  # chunks of 2 to 128 records
    try:
        builder = _TermBuilder()
        for place, found in enumerate(documents):
            builder.add(place, found)
        built = builder.index(len(documents))
    finally:
        search._CHUNK = chunk
    assert (built.words, built.flat, built.starts, built.bits) == (
        reference.words,
        reference.flat,
        reference.starts,
        reference.bits,
    )
    for prefix in ["a", "ab", "abc", "b", "e", "x"]:
        expected = bytes(any(word.startswith(prefix) for word in found) for found in documents)
        assert built.prefix_mask(prefix) == expected


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(max_codepoint=0x2100) | st.sampled_from("ßẞÄÖÜäöüÆæ½µ„“–"), max_size=40))
def test_fold_is_the_fold_of_each_character(text: str) -> None:
    from herzlich_tui.search import _fold_char

    assert fold(text) == "".join(map(_fold_char, text))


@pytest.mark.parametrize("block", [1, 7, 2048])
def test_fts5_fed_from_a_thread_ranks_as_fed_row_by_row(shipped, monkeypatch: pytest.MonkeyPatch, block: int) -> None:
    from herzlich_tui import search

    monkeypatch.setattr(search, "_FTS_BLOCK", block)
    alongside = SearchIndex(shipped.dataset)
    monkeypatch.setattr(search, "_json_rows", lambda db: False)
    row_by_row = SearchIndex(shipped.dataset)
    for query in ["digital", "kaiserslautern", "hassfurt", "grubentalchen", "smart city", "wlan", "m"]:
        found = [(hit.record.id, round(hit.rank, 9), hit.field) for hit in alongside.search(query, limit=None)]
        assert found == [(hit.record.id, round(hit.rank, 9), hit.field) for hit in row_by_row.search(query, limit=None)]
        assert found or query == "smart city"


def test_an_error_inserting_into_fts5_is_raised_and_ends_the_thread(shipped, monkeypatch) -> None:
    import threading

    from herzlich_tui import search

    monkeypatch.setattr(search, "_FTS_BLOCK", 1)  # blocks of one: the shipped data goes through the thread
    monkeypatch.setattr(search, "_INSERT_JSON", "INSERT INTO no_such_table SELECT * FROM json_each(?)")
    before = threading.active_count()
    with pytest.raises(sqlite3.OperationalError, match="no_such_table"):
        SearchIndex(shipped.dataset)
    assert threading.active_count() == before


def test_a_text_with_a_nul_is_ranked_whole(monkeypatch: pytest.MonkeyPatch) -> None:
    # SQLite's JSON would end the text at the NUL; only a dataset made in code can hold one.
    from herzlich_tui import search

    monkeypatch.setattr(search, "_FTS_BLOCK", 1)
    dataset = Dataset(
        [
            Event(id="e-nul", title="Mit Null", date=PartialDate.parse("2021-06"), summary="vorne\x00hinten mitte"),
            Event(id="e-plain", title="Ohne", date=PartialDate.parse("2021-07"), summary="hinten auch"),
        ]
    )
    index = SearchIndex(dataset)
    assert sorted(hit.record.id for hit in index.search("mitte")) == ["e-nul"]
    assert sorted(hit.record.id for hit in index.search("hinten")) == ["e-nul", "e-plain"]


def test_a_text_field_of_a_record_subclass_is_searched() -> None:
    # Which text fields a kind has is worked out once per class: a subclass's own field counts too, and
    # so do the date's words. (A plain event comes first: a plan kept per kind, not per class, would be the
    # plain event's and miss the note.)
    import dataclasses

    @dataclasses.dataclass(frozen=True, slots=True, kw_only=True)
    class NotedEvent(Event):
        note: str = ""

    src = ("r",)
    index = SearchIndex(
        Dataset(
            [
                Review(id="r", year=2021, title="Rückblick", publisher="P", municipality="M", summary="Ein Jahr."),
                Event(id="e-plain", title="Treffen", date=PartialDate.parse("2021-06"), summary="Ein Austausch."),
                NotedEvent(
                    id="e-noted",
                    title="Treffen",
                    date=PartialDate.parse("2021-05"),
                    summary="Ein Austausch.",
                    note="Mit Quastenflosserkunde.",
                    sources=src,
                ),
            ]
        )
    )
    assert hit_ids(index, "quastenflosser") == ["e-noted"]
    assert index.matching_ids("quastenfl") == {"e-noted"}
    assert index.matching_ids("may") == {"e-noted"}  # "May 2021", the date's label
    assert index.matching_ids("treffen") == {"e-plain", "e-noted"}


_TEXTS = st.text(alphabet="aäoöuüAÄÖÜßẞéÉł_1- .,\u201e\u201c\u2013\u2026xyzQæ½\t\n\u00a0\u2009\x00", max_size=30)


@settings(max_examples=300, deadline=None)
@given(st.lists(_TEXTS, max_size=12))
def test_a_block_of_texts_folds_to_the_words_of_each(texts: list[str]) -> None:
    """Texts folded at once, as the index builds them, give each text's words and their alternative
    spellings in the same order as the text on its own (the spaces between them may differ)."""
    from herzlich_tui.search import _fold_block

    folded = _fold_block(texts)
    assert len(folded) == len(texts)
    assert [words(text) for text in folded] == [words(_fold_with_alternatives(text)) for text in texts]


def _unusual_records() -> list:
    """Records the index takes its slow way for, or that have little text: made in code."""
    import dataclasses

    from herzlich_tui.model import Membership, Network, ProjectYear, Role

    @dataclasses.dataclass(frozen=True, slots=True, kw_only=True)
    class NumberedEvent(Event):
        place: object = 7  # not text: left out of the index, record by record

    src = ("r-odd",)
    return [
        Review(id="r-odd", year=2021, title="Rückblick", publisher="P", municipality="M", summary="Ein Jahr."),
        Network(id="n-odd", name="Netz", short_name="", sources=src),
        Membership(id="m-odd", network="n-odd", year=2021, sources=src),
        ProjectYear(id="py-odd", project="nowhere", year=2020, summary="Grüße aus „Übersee“ – und mehr…", sources=src),
        Role(id="ro-odd", person="nobody", title="Büroleitung", sources=src),
        Event(id="e-odd-nul", title="Mit\x00Null", date=PartialDate.parse("2021-06"), summary="vorne\x00hinten"),
        Event(id="e-odd-undated", title="Ohne Datum", date=None, summary="Straßenfest", networks=("n-odd",)),
        NumberedEvent(id="e-odd-numbered", title="Zahl", date=PartialDate.parse("2021"), summary="ß", sources=src),
    ]


@pytest.mark.parametrize("which", ["shipped", "unusual"])
def test_documents_made_a_field_at_a_time_are_those_of_each_record(which: str, shipped) -> None:
    """The index takes records of one class a field at a time; each must have the words (and so the FTS5
    tokens) that its document made record by record has."""
    from herzlich_tui.search import _Documents, _TermBuilder

    dataset = shipped.dataset if which == "shipped" else Dataset(_unusual_records())
    index = SearchIndex.__new__(SearchIndex)
    index.dataset, index._ids, index._cancelled = dataset, [], None
    terms = _TermBuilder()
    rows = [row for block in index._blocks(terms) for row in block]
    one_by_one = _Documents(dataset)
    assert len(rows) == len(dataset)
    reference = _TermBuilder()
    for rowid, record in enumerate(dataset):
        (expected_rowid, *expected), expected_words = one_by_one.one(record, rowid)
        assert rows[rowid][0] == expected_rowid == rowid
        assert [words(text) for text in rows[rowid][1:]] == [words(text) for text in expected], record.id
        reference.add(rowid, expected_words)
    built, walked = terms.index(len(dataset)), reference.index(len(dataset))
    assert (built.words, built.flat, built.starts) == (walked.words, walked.flat, walked.starts)
    assert built.bits == walked.bits
    if which == "unusual":
        assert "null" in walked.words and "uebersee" in walked.words and "mehr" in walked.words
