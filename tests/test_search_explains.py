"""Search that explains itself, the data side: "did you mean" from the word index, and where a record
matched (a field and an excerpt, or the linked record whose name matched)."""

from __future__ import annotations

import random

import pytest

from herzlich_tui import search
from herzlich_tui.browse.pages import excerpt, match_note
from herzlich_tui.model import Dataset, Event, PartialDate
from herzlich_tui.search import SearchIndex, TermIndex, matches, query_terms


@pytest.fixture(scope="module")
def index(shipped: object) -> SearchIndex:
    return SearchIndex(shipped.dataset)  # type: ignore[attr-defined]


# --- did you mean -------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("query", "meant"),
    [
        ("Smrat", "smart"),  # two letters swapped
        ("smra", "smart"),  # ... in a word still being typed (terms match as prefixes)
        ("digitl", "digital"),
        ("Grübentälchn", "grubentalchen"),
        ("Kaiserlautern", "kaiserslautern"),
        ("Smrat Cty", "smart city"),  # every word that matches nothing, mended
        ("laternen Smrat", "laternen smart"),  # a word that matches stays
    ],
)
def test_did_you_mean(index: SearchIndex, query: str, meant: str) -> None:
    assert index.match_mask(query).count(1) == 0  # type: ignore[union-attr]
    assert index.did_you_mean(query) == meant
    assert index.match_mask(meant).count(1) > 0  # type: ignore[union-attr]


@pytest.mark.parametrize("query", ["smart", "", "xyzzyq", "2019", "qu"])
def test_no_did_you_mean(index: SearchIndex, query: str) -> None:
    # A query that matches, no query, a word with nothing near, a number, a word too short to mend.
    assert index.did_you_mean(query) is None


@pytest.mark.parametrize(
    ("word", "written"),
    [("smart", "Smart"), ("grubentalchen", "Grübentälchen"), ("hassfurt", "Haßfurt"), ("xyzzyq", "xyzzyq")],
)
def test_a_suggestion_is_shown_as_the_data_writes_it(index: SearchIndex, word: str, written: str) -> None:
    assert index.as_written(word) == written


def test_the_nearest_words_come_first(index: SearchIndex) -> None:
    assert index.terms.closest("smrat")[0] == "smart"  # (before "smarte": the same edits, nearer in length)
    assert index.terms.closest("smrat", 1) == ["smart"]


@pytest.mark.parametrize(
    ("term", "word", "edits"),
    [
        ("smart", "smart", 0),
        ("smrat", "smart", 1),  # a swap is one edit
        ("smra", "smartcity", 1),  # against the start of the word
        ("digitl", "digital", 1),
        ("abcd", "xyzw", 3),  # (stops counting past the bound)
        ("kaiserlautern", "kaiserslautern", 1),
    ],
)
def test_prefix_distance(term: str, word: str, edits: int) -> None:
    assert search._prefix_distance(term, word, 2) == min(edits, 3)


def test_did_you_mean_compares_a_bounded_number_of_words(monkeypatch: pytest.MonkeyPatch) -> None:
    # 200,000 words, most of them starting with the term's first letters: a suggestion compares at most
    # _SUGGEST_SCAN words for each of the three prefixes it looks under, never every word.
    rng = random.Random(5)
    letters = "smartbcdeio"
    words = {"s" + "".join(rng.choice(letters) for _ in range(rng.randint(3, 12))) for _ in range(200_000)}
    terms = TermIndex(10, {word: [n % 10] for n, word in enumerate(words)})
    compared: list[str] = []
    original = search._prefix_distance

    def counted(term: str, word: str, bound: int) -> int:
        compared.append(word)
        return original(term, word, bound)

    monkeypatch.setattr(search, "_prefix_distance", counted)
    for term in ("szzzzzzzq", "smrtqqqq", "qqqqqqqq"):
        compared.clear()
        terms.closest(term)
        assert len(compared) <= 3 * search._SUGGEST_SCAN


# --- where it matched -------------------------------------------------------------------------------
def test_matches_name_the_field_and_the_linked_record(shipped_dataset: Dataset) -> None:
    event = shipped_dataset["e-2021-digitale-hilfe"]  # names the Stadtteilbüro Grübentälchen
    found = matches(shipped_dataset, event, query_terms("gruebentaelchen"))
    linked = [m for m in found if m.linked]
    assert linked and linked[0].linked == "stadtteilbuero-gruebentaelchen"
    assert linked[0].field == "organisations" and linked[0].text == "Stadtteilbüro Grübentälchen"
    assert matches(shipped_dataset, event, ["xyzzy"]) == []


def test_the_details_say_where_the_search_matched(shipped_dataset: Dataset) -> None:
    note = match_note(shipped_dataset, "e-2021-digitale-hilfe", query_terms("grübentälchen"))
    assert note is not None and note.text == "matched in: Organisation Stadtteilbüro Grübentälchen"
    assert note.target == "stadtteilbuero-gruebentaelchen"
    note = match_note(shipped_dataset, "feuerwehr", query_terms("laternen"))
    assert note is not None and note.text.startswith("matched in: description “") and "Laternen" in note.text
    # The name it is listed under shows the word: nothing more to say.
    assert match_note(shipped_dataset, "smarte-laternen", query_terms("laternen")) is None
    assert match_note(shipped_dataset, "smarte-laternen", []) is None


def test_a_date_that_matched_is_said_in_words() -> None:
    event = Event(id="e", title="Ein Termin", date=PartialDate.parse("2021-06-13"), summary="Etwas", sources=())
    dataset = Dataset([event])
    for query in ("june", "juni"):
        note = match_note(dataset, "e", query_terms(query))
        assert note is not None and (note.text, note.field) == ("matched in: date “13 Jun 2021”", "date")


def test_an_excerpt_is_cut_at_words_around_the_match() -> None:
    text = "Eins zwei drei vier fünf sechs sieben acht neun zehn elf zwölf dreizehn vierzehn fünfzehn Ende."
    cut = excerpt(text, ["dreizehn"], width=40)
    assert "dreizehn" in cut and cut.startswith("…") and len(cut) <= 42
    assert all(word in text.split() or word.strip("…") in text for word in cut.split())
    assert excerpt("kurz\nund  bündig", ["kurz"]) == "kurz und bündig"
