"""The views of browse/spec.py beyond the first five: organisations on 6 and the search across every kind on
7, and what the engine says around a state (hits in other views). No Textual here."""

from __future__ import annotations

import pytest

from herzlich_tui import strings as S
from herzlich_tui.browse.engine import Views
from herzlich_tui.browse.pages import blocks_for
from herzlich_tui.browse.rows import HINT, GroupedRows, Row, collation_key
from herzlich_tui.browse.spec import FACETS, KIND_VIEWS, VIEWS, VIEWS_BY_NAME
from herzlich_tui.browse.state import ViewState, check_state
from herzlich_tui.model import KINDS, Dataset
from herzlich_tui.model.records import ORGANISATION_KINDS
from herzlich_tui.search import SearchIndex


def test_the_first_views_keep_their_keys_and_organisations_are_on_6() -> None:
    keys = {view.name: view.key for view in VIEWS}
    assert [keys[name] for name in ("timeline", "projects", "people", "networks", "overview")] == list("12345")
    assert keys["organisations"] == "6"
    assert len(set(keys.values())) == len(keys)
    assert KIND_VIEWS["organisation"] == "organisations"  # a link to an organisation opens there


def test_every_organisation_kind_has_words() -> None:
    assert list(S.ORGANISATION_KINDS) == list(ORGANISATION_KINDS)
    assert list(S.ORGANISATION_KIND_PLURALS) == list(ORGANISATION_KINDS)


def test_organisations_a_to_z_with_their_kind_in_words(shipped_dataset: Dataset) -> None:
    views = Views(shipped_dataset, None)
    result = views.compute(ViewState(view="organisations"))
    rows = list(result.rows)
    assert result.shown == result.total == len(shipped_dataset.organisations) == len(rows)
    assert [row.text for row in rows] == sorted((row.text for row in rows), key=collation_key)
    by_id = {row.record_id: row for row in rows}
    assert by_id["stabsstelle-digitalisierung"].suffix == "City unit"  # (kind = "city-unit" in the data)
    assert all(row.suffix in S.ORGANISATION_KINDS.values() and row.kind == "organisation" for row in rows)


def test_organisations_by_kind_under_a_heading_per_kind(shipped_dataset: Dataset) -> None:
    views = Views(shipped_dataset, None)
    rows = list(views.compute(ViewState(view="organisations").with_sort("kind")).rows)
    headings = [row for row in rows if row.is_heading]
    assert headings[0].text == "Cities" and headings[-1].text == "Others"
    assert sum(int(row.suffix) for row in headings) == len(shipped_dataset.organisations)
    kinds = [S.ORGANISATION_KIND_PLURALS[k] for k in ORGANISATION_KINDS]
    assert [row.text for row in headings] == [k for k in kinds if k in {row.text for row in headings}]
    under: dict[str, list[str]] = {}
    for row in rows:
        if row.is_heading:
            heading = under.setdefault(row.text, [])
        else:
            heading.append(row.text)
    assert under["Cities"] == ["Haßfurt", "Stadt Kaiserslautern", "Stadt Linz am Rhein", "Wolfsburg"]
    # (export --sort kind writes the same order)
    ordered = views.ordered("organisation", ViewState(), "kind")
    assert [o.id for o in ordered] == [row.record_id for row in rows if row.record_id]


def test_organisations_follow_the_search(shipped_dataset: Dataset) -> None:
    views = Views(shipped_dataset, SearchIndex(shipped_dataset))
    result = views.compute(ViewState(view="organisations", query="stadtteilbüro"))
    assert result.shown == 3 and [row.text[:13] for row in result.rows] == ["Stadtteilbüro"] * 3


def test_an_organisation_page_words_its_kind(shipped_dataset: Dataset) -> None:
    meta = next(b for b in blocks_for(shipped_dataset, "stabsstelle-digitalisierung") if b.style == "meta")
    assert "City unit" in meta.text and "city-unit" not in meta.text


def test_every_view_has_words() -> None:
    for view in VIEWS:
        assert view.label == S.VIEW_LABELS[view.name] and view.help == S.VIEW_HELP[view.name]
        assert all(sort in S.SORT_LABELS for sort in view.sorts)
    assert VIEWS_BY_NAME["organisations"].default_sort == "name"


# --- the search across every kind (7) ---------------------------------------------------------------
def test_the_results_view_lists_every_kind_and_no_kind_opens_there() -> None:
    results = VIEWS_BY_NAME["results"]
    assert results.key == "7" and results.kind is None and results.listed == KINDS and results.searched
    assert "results" not in KIND_VIEWS.values()
    assert results.sorts == ()  # (the kinds' order, each kind in display order)


def test_without_a_search_the_results_view_gives_a_hint(shipped_dataset: Dataset) -> None:
    result = Views(shipped_dataset, SearchIndex(shipped_dataset)).compute(ViewState(view="results"))
    assert result.shown == 0 and result.total == len(shipped_dataset)
    assert [(row.text, row.kind, row.is_heading) for row in result.rows] == [(S.RESULTS_HINT, HINT, True)]


def test_results_are_grouped_by_kind_in_the_kinds_order(shipped_dataset: Dataset) -> None:
    views = Views(shipped_dataset, SearchIndex(shipped_dataset))
    result = views.compute(ViewState(view="results", query="smart"))
    headings = [(row.text, int(row.suffix)) for row in result.rows if row.is_heading]
    plurals = [S.KIND_PLURALS[kind] for kind in KINDS]
    assert [text for text, _ in headings] == [p for p in plurals if p in dict(headings)]
    assert sum(n for _, n in headings) == result.shown == len(result.records) == len(result.rows) - len(headings)
    assert dict(headings)["Projects"] == 11 and dict(headings)["Events"] == 14
    row = result.rows[result.rows.place_of("tun")]
    assert (row.text, row.suffix, row.kind) == ("TuN (Testen und Nachverfolgen)", "2021", "project")
    # a project year stands alone under its project's title
    assert any(r.text == "Smarte Laternen · 2021" and r.kind == "project_year" for r in result.rows)


def test_hits_in_other_views(shipped_dataset: Dataset) -> None:
    views = Views(shipped_dataset, SearchIndex(shipped_dataset))
    state = ViewState(view="timeline", query="grübentälchen")
    elsewhere = views.hits_elsewhere(state)
    assert list(elsewhere) == ["projects", "people", "networks", "organisations", "results"]
    assert elsewhere["organisations"] == 1 and elsewhere["results"] >= 1
    assert views.hits_elsewhere(ViewState(view="people"))["results"] == 0  # (it lists nothing without a search)


def test_grouped_rows_read_at_any_place_are_the_rows_of_a_list(shipped_dataset: Dataset) -> None:
    groups = [
        (Row("", "People", level=1), shipped_dataset.people[:3]),
        (Row("", "Networks", level=1), shipped_dataset.networks),
    ]
    rows = GroupedRows(groups, lambda record: Row(record.id, record.label))
    expected = [row for heading, records in groups for row in [heading, *(Row(r.id, r.label) for r in records)]]
    assert list(rows) == expected and len(rows) == len(expected)
    assert [rows[-i] for i in range(1, len(rows) + 1)] == expected[::-1]
    for start, stop, step in [(0, 3, 1), (2, None, 1), (-3, None, 1), (None, None, 2), (5, 1, 1)]:
        assert rows[start:stop:step] == expected[start:stop:step]
    for index in (len(rows), -len(rows) - 1):
        with pytest.raises(IndexError):
            rows[index]
    assert rows.place_of(shipped_dataset.networks[0].id) == 5 and rows.prefixes(100) == set()


# --- filters that are checked -------------------------------------------------------------------------
def test_filters_the_data_does_not_hold_are_dropped_with_a_notice(shipped_dataset: Dataset) -> None:
    state = ViewState(view="projects", year=2019, programme="nope", person="stadt-kaiserslautern", network="ikone-ds")
    checked, notices = check_state(shipped_dataset, state)
    assert checked == ViewState(view="projects", network="ikone-ds")  # (an organisation is no person)
    assert notices == [
        "2019: no records; showing all years",
        "nope: no such programme in the data; showing all programmes",
        "stadt-kaiserslautern: no such person in the data; showing everyone",
    ]


def test_filters_the_data_holds_are_kept(shipped_dataset: Dataset) -> None:
    state = ViewState(year=2021, programme="", person="martin-memmel", network="ikone-ds", query="x")
    assert check_state(shipped_dataset, state) == (state, [])
    assert check_state(shipped_dataset, ViewState()) == (ViewState(), [])


def test_every_facet_has_its_notice() -> None:
    assert all(facet.name in S.NOTICE_FILTER_DROPPED for facet in FACETS)


# --- the municipality facet -----------------------------------------------------------------------------
_OWN_REVIEW = """
[[event]]
id = "e-test-smart"
title = "Smart-City-Tag in Teststadt"
date = "2021-06-13"
summary = "Ein Tag zur Smart City."
networks = ["ikone-ds"]
sources = ["r-test"]
"""


@pytest.fixture
def two_municipalities(write_toml, load_dir, review_toml: str) -> Dataset:
    """The shipped data (Kaiserslautern) and a user's own review of Teststadt with one event."""
    write_toml("own.toml", review_toml + _OWN_REVIEW)
    result = load_dir(shipped=True)
    assert not result.problems
    return result.dataset


def test_each_record_is_of_the_municipalities_of_its_reviews(two_municipalities: Dataset) -> None:
    dataset = two_municipalities
    assert dataset.municipalities == ("Kaiserslautern", "Teststadt")
    reviews = {review.id: review.municipality for review in dataset.reviews}
    for record in dataset:
        own = [reviews[record.id]] if record.kind == "review" else []
        expected = sorted({*own, *(reviews[s] for s in record.sources if s in reviews)})
        assert list(dataset.facets(record.id).municipalities) == expected, record.id
    assert dataset.facet_domain("municipalities") == ["Kaiserslautern", "Teststadt"]
    assert dataset.facet_domain("years") == list(dataset.years)


def test_the_municipality_facet_offers_a_choice_once_there_are_two(
    shipped_dataset: Dataset, two_municipalities: Dataset
) -> None:
    one = Views(shipped_dataset, None).facet_options(ViewState())
    assert [o.label for o in one["municipality"]] == ["All municipalities"]  # (a list of one: hidden)
    assert len(one["year"]) > 1
    views = Views(two_municipalities, None)
    options = views.facet_options(ViewState())["municipality"]
    events = len(two_municipalities.events)
    assert [(o.value, o.count) for o in options] == [
        (None, events),
        ("Kaiserslautern", events - 1),
        ("Teststadt", 1),
    ]
    state = ViewState(municipality="Teststadt")
    assert [r.id for r in views.compute(state).records] == ["e-test-smart"]
    assert state.describe(two_municipalities) == ["Teststadt"] and state.has_filters
    assert check_state(two_municipalities, state) == (state, [])
    assert check_state(shipped_dataset, state) == (ViewState(), ["Teststadt: no records; showing all municipalities"])
    # chosen, it stays listed even where it is the only value (so that it can be seen and cleared)
    kept = Views(shipped_dataset, None).facet_options(ViewState(municipality="Kaiserslautern"))["municipality"]
    assert [o.value for o in kept] == [None, "Kaiserslautern"]
