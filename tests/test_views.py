"""The view engine (browse/engine.py Views) against plain reference implementations.

Views computes lists, rows and facet counts with byte masks and a word index (fast at 100,000 records);
here every answer is checked against the slow, obvious way: the model's Filter objects record by record,
FTS5 for what a query matches, and browse/rows.py for the rows. The data is a generated set of several
municipalities and years (benchmarks/generate.py) plus the shipped data.
"""

from __future__ import annotations

import io
import random
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from reference import (
    Everything,
    Filter,
    MunicipalityIs,
    NetworkIs,
    PersonIs,
    ProgrammeIs,
    YearIs,
    select,
    timeline_rows,
)
from rich.console import Console

from herzlich_tui import loading
from herzlich_tui import strings as S
from herzlich_tui.browse.engine import Views
from herzlich_tui.browse.rows import HINT, Row
from herzlich_tui.browse.spec import FACETS, VIEWS_BY_NAME
from herzlich_tui.browse.state import ViewState, view_kind
from herzlich_tui.model import KINDS, Dataset
from herzlich_tui.model.masks import Chosen, count_in, intersect, pack, positions, scatter, union, unpack
from herzlich_tui.model.masks import select as select_masked
from herzlich_tui.search import SearchIndex, query_terms

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
import generate


@pytest.fixture(scope="module")
def engine(tmp_path_factory: pytest.TempPathFactory) -> Views:
    folder = tmp_path_factory.mktemp("generated")
    generate.generate(folder, 600, seed=7, jobs=1)
    result = loading.load(loading.data_roots([folder], user=False))
    assert not result.problems
    return Views(result.dataset, SearchIndex(result.dataset))


def facet_filter(state: ViewState, facet: str) -> Filter:
    """The model filter one facet of a state stands for (Everything when it is not set): the record-by-record
    reference that the masks of Views are held to."""
    value = getattr(state, facet)
    if value is None:
        return Everything()
    if facet == "year":
        return YearIs(value)
    if facet == "programme":
        return ProgrammeIs(value)
    if facet == "person":
        return PersonIs(value)
    if facet == "municipality":
        return MunicipalityIs(value)
    return NetworkIs(value)


def reference_records(views: Views, state: ViewState, kind: str | None = None) -> list:
    """The records of a kind (the state's view's, when not given) that the state chooses, record by record."""
    dataset = views.dataset
    kind = kind or view_kind(state.view)
    flt: Filter | None = None
    for facet in FACETS:
        part = facet_filter(state, facet.name)
        flt = part if flt is None else flt & part
    records = select(dataset, flt, dataset.of_kind(kind)) if flt is not None else list(dataset.of_kind(kind))
    if query_terms(state.query):
        assert views.index is not None
        found = {hit.record.id for hit in views.index.search(state.query, limit=None)}  # FTS5
        records = [r for r in records if r.id in found]
    return records


def sample_states(dataset: Dataset, count: int, seed: int) -> list[ViewState]:
    rng = random.Random(seed)
    years = [None, *dataset.years]
    programmes = [None, "", *(p.id for p in dataset.programmes)]
    people = [None, *(p.id for p in dataset.people)]
    networks = [None, *(n.id for n in dataset.networks)]
    municipalities = [None, *dataset.municipalities]
    words = sorted({w for r in list(dataset)[:: max(1, len(dataset) // 300)] for w in query_terms(r.label)})
    states = []
    for _ in range(count):
        word = rng.choice(words)
        query = rng.choice(["", word[: rng.randint(1, len(word))], f"{word[:2]} {rng.choice(words)[:3]}"])
        states.append(
            ViewState(
                view=rng.choice(["timeline", "projects", "people", "networks"]),
                year=rng.choice(years) if rng.random() < 0.5 else None,
                programme=rng.choice(programmes) if rng.random() < 0.4 else None,
                person=rng.choice(people) if rng.random() < 0.2 else None,
                network=rng.choice(networks) if rng.random() < 0.3 else None,
                municipality=rng.choice(municipalities) if rng.random() < 0.3 else None,
                query=query,
            )
        )
    return states


def test_views_match_the_record_by_record_reference(engine: Views) -> None:
    states = sample_states(engine.dataset, 150, seed=1)
    nonempty = 0
    for state in states:
        result = engine.compute(state)
        expected = reference_records(engine, state)
        assert [r.id for r in result.records] == [r.id for r in expected], state
        assert result.shown == len(expected)
        nonempty += bool(expected)
        if state.view == "timeline":
            assert list(result.rows) == timeline_rows(expected), state
    assert nonempty > 50  # the sample is not all empty results


def test_facet_counts_match_the_reference(engine: Views) -> None:
    for state in sample_states(engine.dataset, 40, seed=2):
        for facet, options in engine.facet_options(state).items():
            for option in options:
                expected = len(reference_records(engine, state.with_facet(facet, option.value)))
                assert option.count == expected, (state, facet, option)


def test_the_search_across_every_kind_matches_the_reference(engine: Views) -> None:
    states = [state._replace(view="results") for state in sample_states(engine.dataset, 30, seed=3) if state.query]
    kinds = VIEWS_BY_NAME["results"].listed
    assert kinds == KINDS
    for state in states:
        result = engine.compute(state)
        groups = [(kind, reference_records(engine, state, kind)) for kind in kinds]
        expected = [record for _, records in groups for record in records]
        assert [r.id for r in result.records] == [r.id for r in expected], state
        assert result.shown == len(expected) and result.total == len(engine.dataset)
        rows = [
            row
            for kind, records in groups
            if records
            for row in [Row("", S.KIND_PLURALS[kind], suffix=str(len(records)), level=1), *records]
        ]
        listed = list(result.rows)
        assert len(listed) == len(result.rows) == len(rows)
        for got, want in zip(listed, rows, strict=True):
            if isinstance(want, Row):
                assert got == want
            else:
                assert (got.record_id, got.text, got.kind) == (want.id, engine.dataset.title_of(want), want.kind)
        assert [result.rows[i] for i in range(len(listed))] == listed == result.rows[0 : len(listed)]
        for place, row in list(enumerate(listed))[::7]:
            if row.record_id:
                assert result.rows.place_of(row.record_id) == place
        assert result.rows.place_of("no such record") == -1


def test_the_search_across_every_kind_lists_nothing_without_a_search(engine: Views) -> None:
    result = engine.compute(ViewState(view="results", year=engine.dataset.years[0]))
    assert result.shown == 0 and not result.records
    assert [(row.record_id, row.text, row.kind) for row in result.rows] == [("", S.RESULTS_HINT, HINT)]


def test_facet_counts_of_the_search_across_every_kind_match_the_reference(engine: Views) -> None:
    dataset = engine.dataset
    assert engine.index is not None
    for state in sample_states(dataset, 8, seed=4):
        state = state._replace(view="results")
        found = {hit.record.id for hit in engine.index.search(state.query, limit=None)}  # (FTS5, once a state)
        searched = [r for r in dataset if r.id in found] if query_terms(state.query) else list(dataset)
        for facet, options in engine.facet_options(state).items():
            for option in options:
                chosen = state.with_facet(facet, option.value)
                flt: Filter = Everything()
                for spec in FACETS:
                    flt = flt & facet_filter(chosen, spec.name)
                assert option.count == len(select(dataset, flt, searched)), (state, facet, option)


def test_hits_in_other_views_match_the_reference(engine: Views) -> None:
    for state in sample_states(engine.dataset, 16, seed=5):
        elsewhere = engine.hits_elsewhere(state)
        assert state.view not in elsewhere and "overview" not in elsewhere
        for view, count in elsewhere.items():
            kinds = VIEWS_BY_NAME[view].listed
            searched = VIEWS_BY_NAME[view].searched
            expected = 0 if searched and not query_terms(state.query) else None
            if expected is None:
                expected = sum(len(reference_records(engine, state, kind)) for kind in kinds)
            assert count == expected == engine.compute(state._replace(view=view)).shown, (state, view)


def test_an_answer_stored_after_the_index_changed_is_not_read(engine: Views) -> None:
    # A worker that answers a search without the index while the index arrives (set on the UI thread)
    # stores its "everything" after the change; later answers must come from the index.
    views = Views(engine.dataset, None)
    word = query_terms(engine.dataset.events[0].title)[0]
    state = ViewState(query=word)
    expected = len(reference_records(engine, state))
    answer = views._select

    def answered_while_the_index_arrives(kind: str, chosen: tuple, query: str) -> tuple:
        found = answer(kind, chosen, query)
        views.index = engine.index
        views.forget_search()
        return found

    views._select = answered_while_the_index_arrives  # type: ignore[method-assign]
    assert views.selection("event", state) == (None, len(engine.dataset.events))
    views._select = answer  # type: ignore[method-assign]
    assert views.selection("event", state)[1] == expected < len(engine.dataset.events)
    assert views.compute(state).shown == expected


def test_the_timeline_has_every_heading_once_per_run(engine: Views) -> None:
    rows = engine.compute(ViewState()).rows
    assert list(rows) == timeline_rows(engine.dataset.of_kind("event"))
    assert engine.compute(ViewState()).rows is rows  # the full list is made once


@pytest.mark.parametrize("share", [0.0, 0.01, 0.3, 0.97, 1.0, None])
def test_timeline_rows_read_at_any_place_are_the_rows_of_a_list(engine: Views, share: float | None) -> None:
    # The timeline's rows are made when read (browse/rows.py TimelineRows): read one by one, from the end,
    # in slices and in full, and asked where a record is, they are those of the list the reference makes.
    dataset = engine.dataset
    events = dataset.of_kind("event")
    rng = random.Random(int((share or 0) * 100))
    mask = bytes(share is None or rng.random() < share for _ in events)  # (None: no mask, every event)
    rows = engine.rows("timeline", select_masked(events, mask), None if share is None else mask)
    expected = timeline_rows(select_masked(events, mask))
    assert len(rows) == len(expected) and list(rows) == expected
    assert [rows[i] for i in range(len(rows))] == expected
    assert [rows[-i] for i in range(1, len(rows) + 1)] == expected[::-1]
    for index in (len(rows), -len(rows) - 1):
        with pytest.raises(IndexError):
            rows[index]
    for start, stop, step in [(0, 5, 1), (3, 700, 1), (-4, None, 1), (None, None, 3), (10, 2, 1), (5, 900, 7)]:
        assert rows[start:stop:step] == expected[start:stop:step], (start, stop, step)
    listed = {row.record_id: place for place, row in reversed(list(enumerate(expected))) if row.record_id}
    for event in events:
        assert rows.place_of(event.id) == listed.get(event.id, -1), event.id
    assert rows.place_of(dataset.people[0].id) == -1
    for limit in (0, 1, 40, 10_000):
        assert rows.prefixes(limit) == {row.prefix for row in expected[:limit] if row.prefix}
    assert share in (0.0, 1.0, None) or 0 < len(listed) < len(events)  # (the masks choose some, not all)


@pytest.mark.parametrize("length", [1, 2, 3, 5])
def test_word_index_matches_fts5_for_prefixes(engine: Views, length: int) -> None:
    index = engine.index
    assert index is not None
    words = {w[:length] for r in engine.dataset for w in query_terms(r.label)}
    for prefix in sorted(words)[:200]:
        fts = {hit.record.id for hit in index.search(prefix, limit=None)}
        assert index.matching_ids(prefix) == fts, prefix


def test_word_index_splits_words_as_fts5_does(engine: Views) -> None:
    index = engine.index
    assert index is not None
    for query in ["foo_bar", "a_b c", "stadt-teil", "2021"]:
        assert index.matching_ids(query) == {h.record.id for h in index.search(query, limit=None)}, query


# --- masks --------------------------------------------------------------------------------------------
places = st.lists(st.integers(0, 199), max_size=60)


@settings(max_examples=200, derandomize=True, database=None)
@given(places, places, places)
def test_masks_behave_as_sets(a: list[int], b: list[int], c: list[int]) -> None:
    size = 200
    ma, mb, mc = scatter(size, a), scatter(size, b), scatter(size, c)
    assert len(ma) == size and set(ma) <= {0, 1}
    assert select_masked(range(size), ma) == sorted(set(a))
    assert select_masked(range(size), intersect([ma, mb, mc])) == sorted(set(a) & set(b) & set(c))
    assert select_masked(range(size), union([ma, mb], size)) == sorted(set(a) | set(b))
    assert count_in(ma, sorted(set(b))) == len(set(a) & set(b))
    assert intersect([ma]) == bytes(ma)


@settings(max_examples=200, derandomize=True, database=None)
@given(st.lists(st.integers(0, 1), max_size=300))
def test_positions_and_the_chosen_items_of_a_mask(flags: list[int]) -> None:
    mask = bytes(flags)
    items = [f"item {n}" for n in range(len(mask))]
    expected = [item for item, flag in zip(items, flags, strict=True) if flag]
    assert positions(mask) == [n for n, flag in enumerate(flags) if flag]
    chosen = Chosen(items, mask)
    assert chosen._picked is None  # picked when first read, not before
    assert len(chosen) == len(expected) and chosen._picked is None
    assert list(chosen) == expected
    assert chosen[1:3] == expected[1:3] and chosen[::-1] == expected[::-1]
    if expected:
        assert chosen[-1] == expected[-1] and chosen.index(expected[0]) == 0
    assert Chosen(items, mask, size=len(expected)).picked() == expected


@settings(max_examples=200, derandomize=True, database=None)
@given(st.lists(st.integers(0, 1), max_size=300))
def test_pack_and_unpack_round_trip(flags: list[int]) -> None:
    mask = bytes(flags)
    bits = pack(mask)
    assert bits == sum(1 << i for i, f in enumerate(flags) if f)
    assert unpack(bits, len(mask)) == mask


@pytest.mark.parametrize(
    "by_value",
    [
        {"rare": [3]},  # one place in all: itemgetter hands back an item, not a tuple
        {"rare": [3], "common": list(range(0, 200, 2))},
        {"a": [1, 5], "b": [5, 9, 150], "common": list(range(100, 200))},
        # common values whose places are one stretch (counted over it) or all but one of it (not)
        {"stretch": list(range(20, 90)), "a gap": [*range(20, 50), *range(51, 90)], "last": [199]},
        {},
    ],
)
def test_facet_counts_of_rare_and_common_values(by_value: dict[str, list[int]]) -> None:
    from array import array

    from herzlich_tui.model.index import _Postings

    postings = _Postings({value: array("I", places) for value, places in by_value.items()})
    rng = random.Random(3)
    for _ in range(5):
        chosen = {p for p in range(200) if rng.random() < 0.5}
        mask = bytes(scatter(200, chosen))
        expected = {value: len(set(places) & chosen) for value, places in by_value.items()}
        assert postings.counts(mask) == expected
        ranked = sorted(((v, n) for v, n in expected.items() if n), key=lambda item: (-item[1], str(item[0])))
        for limit in (1, 2, 12):
            assert postings.top(mask, len(chosen), limit) == ranked[:limit]


def test_the_person_facet_lists_the_most_frequent_and_the_chosen_one(engine: Views) -> None:
    from herzlich_tui.browse.engine import FACET_LIMIT

    counts = {p.id: len(reference_records(engine, ViewState(person=p.id))) for p in engine.dataset.people}
    ranked = sorted(((-n, pid) for pid, n in counts.items() if n))
    assert len(ranked) > FACET_LIMIT + 2
    options = engine.facet_options(ViewState())["person"][1:]
    assert [(o.value, o.count) for o in options] == [(pid, -n) for n, pid in ranked[:FACET_LIMIT]]
    rare = ranked[-1][1]
    options = engine.facet_options(ViewState(person=rare))["person"][1:]
    assert len(options) == FACET_LIMIT + 1 and options[-1].value == rare  # kept in view, last


def _overview_text(renderables: list) -> str:
    console = Console(width=100, file=io.StringIO(), record=True)
    for renderable in renderables:
        console.print(renderable)
    return console.export_text()


def test_overviews_are_kept_per_state(engine: Views) -> None:
    """An overview is made once per state (switching back to it costs nothing at 100,000 events), never
    served for another state, and made again once the search index changes."""
    views = Views(engine.dataset, engine.index)
    states = [
        ViewState(view="overview"),
        ViewState(view="overview", year=engine.dataset.years[0]),
        ViewState(view="overview", query="digital"),
    ]
    made = [views.compute(state).overview for state in states]
    assert all(views.compute(state).overview is first for state, first in zip(states, made, strict=True))
    texts = [_overview_text(overview) for overview in made]
    assert len(set(texts)) == len(states)
    for state, text in zip(states, texts, strict=True):
        assert text == _overview_text(Views(engine.dataset, engine.index).compute(state).overview)
    views.forget_search()
    assert views.compute(states[2]).overview is not made[2]
