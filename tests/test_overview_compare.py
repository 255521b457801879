"""The overview compares years: the figures that measure the same thing across years, with the change, and
the side-by-side columns per municipality and year once the reviews of several are loaded."""

from __future__ import annotations

import io

from rich.console import Console

from herzlich_tui import strings as S
from herzlich_tui.browse.overview import FigureChange, _signed, figure_changes, overview_renderables
from herzlich_tui.model import Dataset, Event, Figure, PartialDate, Review


def _text(dataset: Dataset, records: list | None = None) -> str:
    console = Console(width=100, file=io.StringIO(), record=True, color_system=None)
    for renderable in overview_renderables(dataset, list(dataset) if records is None else records, 100):
        console.print(renderable)
    return console.export_text()


def _review(review_id: str, year: int, municipality: str = "Kaiserslautern") -> Review:
    return Review(id=review_id, year=year, title=f"R {year}", publisher="P", municipality=municipality, summary="s")


def _figure(figure_id: str, year: int, value: float, source: str, **links: object) -> Figure:
    fields: dict = {"unit": "Städte", "text": f"{value} Städte", "measures": f"Städte im Netz, Stand {year}"}
    fields.update(links)
    return Figure(id=figure_id, value=value, year=year, sources=(source,), **fields)


def test_the_shipped_ikone_figures_are_compared(shipped_dataset: Dataset) -> None:
    changes = figure_changes(shipped_dataset, shipped_dataset.figures)
    assert [(c.before.id, c.after.id, c.change, c.municipality) for c in changes] == [
        ("f-2020-ikone-ds-staedte", "f-2021-ikone-ds-staedte", 15, "Kaiserslautern")
    ]
    text = _text(shipped_dataset)
    assert S.OVERVIEW_CHANGES in text and "15 Städte (2020) → 30 Städte (2021), +15" in text


def test_figures_of_the_same_links_or_the_same_measures_are_paired() -> None:
    records = [
        _review("r20", 2020),
        _review("r21", 2021),
        _review("r22", 2022),
        _figure("net-20", 2020, 5, "r20", networks=("n",)),
        _figure("net-21", 2021, 8, "r21", networks=("n",)),
        _figure("net-22", 2022, 8, "r22", networks=("n",)),
        # linked to nothing: paired by what they say they measure
        _figure("plain-20", 2020, 1.5, "r20", measures="Gleiches Maß", unit="km"),
        _figure("plain-21", 2021, 2, "r21", measures="Gleiches Maß", unit="km"),
        # another unit, or other links: not the same thing
        _figure("other-unit", 2021, 9, "r21", networks=("n",), unit="Kommunen"),
        _figure("other-link", 2020, 4, "r20", projects=("p",)),
        _figure("other-link-2", 2021, 4, "r21", networks=("n",), projects=("p",)),
    ]
    dataset = Dataset(records)
    pairs = {(c.before.id, c.after.id): c.change for c in figure_changes(dataset, dataset.figures)}
    assert pairs == {("net-20", "net-21"): 3, ("net-21", "net-22"): 0, ("plain-20", "plain-21"): 0.5}
    text = _text(dataset)
    assert "8 Städte (2021) → 8 Städte (2022), unchanged" in text
    assert "1.5 km (2020) → 2 km (2021), +0.5" in text


def test_a_thing_measured_twice_in_a_year_is_not_compared() -> None:
    records = [
        _review("r20", 2020),
        _review("r21", 2021),
        _figure("a-20", 2020, 5, "r20", networks=("n",)),
        _figure("a-21", 2021, 8, "r21", networks=("n",)),
        _figure("b-21", 2021, 2, "r21", networks=("n",)),
    ]
    dataset = Dataset(records)
    assert figure_changes(dataset, dataset.figures) == []
    assert S.OVERVIEW_CHANGES not in _text(dataset)


def test_changes_are_signed() -> None:
    assert [_signed(v) for v in (15, -3, 0, 0.5, -0.25, 1000, 0.1 + 0.2 - 0.3)] == [
        "+15",
        "−3",
        S.OVERVIEW_NO_CHANGE,
        "+0.5",
        "−0.25",
        "+1,000",  # (English groups thousands with a comma; German with a dot)
        S.OVERVIEW_NO_CHANGE,
    ]
    change = FigureChange(_figure("x", 2020, 2, "r"), _figure("y", 2021, 5, "r"), "M")
    assert change.change == 3


def _two_municipalities() -> Dataset:
    return Dataset(
        [
            _review("kl20", 2020),
            _review("kl21", 2021),
            _review("own21", 2021, "Teststadt"),
            _figure("kl-20", 2020, 15, "kl20", networks=("n",)),
            _figure("kl-21", 2021, 30, "kl21", networks=("n",)),
            _figure("own-21", 2021, 3, "own21", networks=("n",)),
            *(
                Event(id=f"e{n}", title="T", date=PartialDate.parse("2021-05"), summary="s", sources=("kl21",))
                for n in range(4)
            ),
            Event(id="own-e", title="T", date=PartialDate.parse("2021-06"), summary="s", sources=("own21",)),
        ]
    )


def test_a_users_own_review_has_columns_of_its_own() -> None:
    dataset = _two_municipalities()
    changes = figure_changes(dataset, dataset.figures)
    assert [(c.before.id, c.after.id) for c in changes] == [("kl-20", "kl-21")]  # (not Teststadt's 3 Städte)
    lines = _text(dataset).splitlines()
    top = lines.index(S.OVERVIEW_SIDE_BY_SIDE)
    assert lines[top + 1].split() == ["2020", "2021", "2021"]
    assert lines[top + 2].split() == ["Kaiserslautern", "Kaiserslautern", "Teststadt"]
    events = lines[top + 3].split()
    assert [cell for cell in events if cell.isdigit()] == ["0", "4", "1"]  # (KL 2020, KL 2021, Teststadt 2021)


def test_one_municipality_shows_no_municipality_columns(shipped_dataset: Dataset) -> None:
    text = _text(shipped_dataset)
    lines = text.splitlines()
    top = lines.index(S.OVERVIEW_SIDE_BY_SIDE)
    assert lines[top + 1].split() == [str(year) for year in (2017, 2020, 2021)]
    assert "Kaiserslautern" not in lines[top + 2]
