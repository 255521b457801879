"""The overview's sources: every review while there are few; with many, the latest of those cited."""

from __future__ import annotations

import io

from rich.console import Console

from herzlich_tui import strings as S
from herzlich_tui.browse.overview import MAX_SOURCES, overview_renderables
from herzlich_tui.model import Dataset, Event, PartialDate, Review


def _reviews(count: int) -> list[Review]:
    return [
        Review(id=f"r{year}", year=year, title=f"Rückblick {year}", publisher="P", municipality="M", summary="s")
        for year in range(2000, 2000 + count)
    ]


def _text(dataset: Dataset, records: list) -> str:
    console = Console(width=100, file=io.StringIO(), record=True, color_system=None)
    for renderable in overview_renderables(dataset, records, 100):
        console.print(renderable)
    return console.export_text()


def _event(sources: tuple[str, ...]) -> Event:
    return Event(id="e", title="Ein Termin", date=PartialDate.parse("2010-05"), summary="s", sources=sources)


def test_few_reviews_are_all_listed() -> None:
    reviews = _reviews(3)
    event = _event(("r2000",))
    dataset = Dataset([*reviews, event])
    text = _text(dataset, list(dataset))
    assert all(f"Rückblick {2000 + n}" in text for n in range(3))
    assert "more reviews" not in text


def test_many_reviews_list_the_latest_cited_ones() -> None:
    reviews = _reviews(MAX_SOURCES + 5)
    cited = tuple(r.id for r in reviews)
    event = _event(cited)
    dataset = Dataset([*reviews, event])
    text = _text(dataset, [event])
    shown = [r for r in reviews if r.label in text]
    assert shown == reviews[-MAX_SOURCES:]
    assert S.OVERVIEW_MORE_SOURCES.format(n=5) in text


def test_many_reviews_list_only_those_the_records_shown_cite() -> None:
    reviews = _reviews(MAX_SOURCES + 5)
    event = _event(("r2001", "r2003"))
    dataset = Dataset([*reviews, event])
    text = _text(dataset, [event])
    assert [r.id for r in reviews if r.label in text] == ["r2001", "r2003"]
    assert "more reviews" not in text
