"""The views of browse/spec.py beyond the first five: organisations on 6 and the search across every kind on
7, and what the engine says around a state (hits in other views). No Textual here."""

from __future__ import annotations

from herzlich_tui import strings as S
from herzlich_tui.browse.engine import Views
from herzlich_tui.browse.pages import blocks_for
from herzlich_tui.browse.rows import collation_key
from herzlich_tui.browse.spec import KIND_VIEWS, VIEWS, VIEWS_BY_NAME
from herzlich_tui.browse.state import ViewState
from herzlich_tui.model import Dataset
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
