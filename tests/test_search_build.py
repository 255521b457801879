"""Building the search index: every FTS5 document, every token FTS5 holds and every posting of the word
index are those of a plain record-by-record reference, on the shipped data and on generated data."""

from __future__ import annotations

import sqlite3
import sys
from array import array
from pathlib import Path

import pytest

from herzlich_tui import search
from herzlich_tui.loading import load
from herzlich_tui.model import Dataset, Record, outgoing_refs
from herzlich_tui.search import SearchIndex, TermIndex, date_words, words

Row = tuple[int, str, str, str]


def _unpunctuated(text: str) -> str:
    for mark in search._PUNCTUATION:
        text = text.replace(mark, " ")
    return text


def _reference_row(dataset: Dataset, record: Record, place: int) -> tuple[Row, set[str]]:
    """A record's document as the index holds it, made from the record alone: its title fields and its
    body fields each joined by a space (an empty field too) after the name it is shown under, and after its
    date's words when its kind has a date; punctuation that is no word a space; each folded with the
    ae/oe/ue spelling of its words with an umlaut; the folded names of the records it links to."""
    titles, bodies, dated = search._text_plan(type(record))
    title = " ".join([dataset.title_of(record), *(getattr(record, name) for name in titles)])
    body_texts = [getattr(record, name) for name in bodies]
    if dated:
        date = getattr(record, "date", None)
        body_texts.append(date_words(date) if date is not None else "")
    names = []
    for ref in outgoing_refs(record):
        target = dataset.get(ref)
        names.append(search._fold_with_alternatives(target.label) if target is not None else "")
    row = (
        place,
        search._fold_with_alternatives(_unpunctuated(title)),
        search._fold_with_alternatives(_unpunctuated(" ".join(body_texts))),
        " ".join(names),
    )
    return row, {word for text in row[1:] for word in words(text)}


def _reference(dataset: Dataset) -> tuple[list[Row], TermIndex]:
    rows: list[Row] = []
    postings: dict[str, array] = {}
    for place, record in enumerate(dataset):
        row, found = _reference_row(dataset, record, place)
        rows.append(row)
        for word in found:
            postings.setdefault(word, array("I")).append(place)
    return rows, TermIndex(len(rows), postings)


def _tokens(db: sqlite3.Connection) -> list[tuple]:
    """Every token FTS5 holds: its term, document, column and offset."""
    db.execute("CREATE VIRTUAL TABLE temp.tokens USING fts5vocab(main, docs, 'instance')")
    return db.execute("SELECT term, doc, col, offset FROM temp.tokens ORDER BY term, doc, col, offset").fetchall()


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Dataset:
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
    import generate

    folder = tmp_path_factory.mktemp("generated")
    generate.generate(folder, 1000, seed=3, jobs=1)
    return load([(folder, "extra")]).dataset


@pytest.mark.parametrize("which", ["shipped", "generated"])
def test_the_index_holds_what_each_record_alone_makes(
    which: str, shipped, generated: Dataset, monkeypatch: pytest.MonkeyPatch
) -> None:
    dataset = shipped.dataset if which == "shipped" else generated
    expected_rows, expected_terms = _reference(dataset)
    # Blocks of 64 with chunks of 256 records: several of each, and the FTS5 thread, even for small data.
    monkeypatch.setattr(search, "_FTS_BLOCK", 64)
    monkeypatch.setattr(search, "_CHUNK", 256)
    building = SearchIndex.__new__(SearchIndex)
    building.dataset, building._ids, building._cancelled = dataset, [], None
    terms = search._TermBuilder()
    rows = [row for block in building._blocks(terms) for row in block]
    assert rows == expected_rows
    built = terms.index(len(dataset))
    assert (built.size, built.words, built.flat, built.starts, built.bits) == (
        expected_terms.size,
        expected_terms.words,
        expected_terms.flat,
        expected_terms.starts,
        expected_terms.bits,
    )
    index = SearchIndex(dataset)
    assert index._db is not None
    reference = sqlite3.connect(":memory:")
    reference.execute(
        "CREATE VIRTUAL TABLE docs USING fts5(title, body, related, content='', "
        "tokenize='unicode61 remove_diacritics 0')"
    )
    reference.executemany(search._INSERT_ROWS, expected_rows)
    assert _tokens(index._db) == _tokens(reference)
    assert (index.terms.words, index.terms.flat, index.terms.bits) == (built.words, built.flat, built.bits)
