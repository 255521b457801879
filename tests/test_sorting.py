"""Sorting the lists (`s` in the app, `export --sort`): every view's orders from browse/spec.py, German
collation, and the order kept between runs."""

from __future__ import annotations

import csv
import io
import random
import sys
from pathlib import Path

import pytest
from app_helpers import listed, make_app, ready
from reference import timeline_rows

from herzlich_tui import cli
from herzlich_tui.browse.engine import Views
from herzlich_tui.browse.rows import collation_key
from herzlich_tui.browse.spec import SORT_NAMES, VIEWS, VIEWS_BY_NAME
from herzlich_tui.browse.state import ViewState, checked_sorts
from herzlich_tui.loading import data_roots, load
from herzlich_tui.model import Dataset, Person
from herzlich_tui.model.masks import select as select_masked
from herzlich_tui.search import SearchIndex
from herzlich_tui.settings import State, StateStore

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
import generate


@pytest.fixture(scope="module")
def generated() -> Views:
    """A generated dataset of several municipalities and years."""
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        generate.generate(Path(folder), 400, seed=11, jobs=1)
        result = load(data_roots([Path(folder)], user=False))
    assert not result.problems
    return Views(result.dataset, SearchIndex(result.dataset))


def test_every_list_view_has_orders_and_every_order_words() -> None:
    from herzlich_tui import strings as S

    for view in VIEWS:
        assert bool(view.sorts) == (view.kind is not None), view.name
        assert all(sort in S.SORT_LABELS for sort in view.sorts)
    assert set(SORT_NAMES) == {sort for view in VIEWS for sort in view.sorts}


def test_german_collation() -> None:
    words = ["Zebra", "Öl", "Ofen", "Straße", "strasse", "Äpfel", "apfel", "„Zitat“", "Éclair", "ende"]
    ordered = sorted(words, key=collation_key)
    assert ordered.index("Äpfel") < ordered.index("Éclair") < ordered.index("ende") < ordered.index("Ofen")
    assert ordered.index("Ofen") < ordered.index("Öl") < ordered.index("Straße") < ordered.index("„Zitat“")
    assert collation_key("Straße") == collation_key("strasse")
    assert collation_key("Äpfel") == collation_key("apfel")
    assert ordered[-2:] == ["Zebra", "„Zitat“"]  # a quotation mark is passed over


def test_projects_a_to_z_start_with_bigbluebutton(shipped_dataset: Dataset) -> None:
    # (The 2020 review spells it "Big Blue Button", the 2021 one "BigBlueButton für Vereine".)
    views = Views(shipped_dataset, None)
    state = ViewState(view="projects").with_sort("title")
    rows = views.compute(state).rows
    assert rows[0].record_id == "bigbluebutton" and rows[1].record_id == "bigbluebutton-fuer-vereine"
    titles = [row.text for row in rows]
    assert titles == sorted(titles, key=collation_key) and all(row.record_id for row in rows)
    assert len(rows) == len(shipped_dataset.projects)


def test_projects_by_latest_year_put_the_newest_first(shipped_dataset: Dataset) -> None:
    views = Views(shipped_dataset, None)
    rows = views.compute(ViewState(view="projects").with_sort("recent")).rows
    headings = [row.text for row in rows if row.is_heading]
    assert headings == sorted(headings, reverse=True) or headings[-1] == "No year stated"
    latest = {
        p.id: max((y.year for y in shipped_dataset.project_years(p.id)), default=0) for p in shipped_dataset.projects
    }
    years = [latest[row.record_id] for row in rows if row.record_id]
    assert years == sorted(years, reverse=True)


def test_people_sort_by_surname_whatever_their_honorific() -> None:
    people = [
        Person(id="z", name="Anna Zander", honorific="Dr.", sources=()),
        Person(id="p", name="Paul Berg", honorific="Prof.", sources=()),
        Person(id="d", name="Dora Adler", sources=()),
    ]
    views = Views(Dataset(people), None)
    rows = views.compute(ViewState(view="people")).rows
    assert [row.record_id for row in rows] == ["d", "p", "z"]  # not "Dr." under D, "Prof." under P


def test_people_by_role_and_networks_by_members(generated: Views) -> None:
    by_role = generated.compute(ViewState(view="people").with_sort("role")).rows
    roles = [row.suffix for row in by_role]
    with_role = [role for role in roles if role]
    assert with_role == sorted(with_role, key=collation_key) and roles[: len(with_role)] == with_role
    by_members = generated.compute(ViewState(view="networks").with_sort("members")).rows
    counts = [int(row.suffix.split()[0]) for row in by_members if row.suffix]
    assert counts == sorted(counts, reverse=True) and len(counts) >= 2
    assert len(by_members) == len(generated.dataset.networks)


@pytest.mark.parametrize("share", [0.0, 0.05, 0.5, None])
def test_the_timeline_newest_first_is_the_reversed_timeline(generated: Views, share: float | None) -> None:
    dataset = generated.dataset
    events = dataset.of_kind("event")
    rng = random.Random(int((share or 0) * 100))
    mask = bytes(share is None or rng.random() < share for _ in events)
    chosen = select_masked(events, mask)
    rows = generated.rows("timeline", chosen, None if share is None else mask, "newest")
    expected = timeline_rows(list(reversed(chosen)))
    assert list(rows) == expected
    assert [rows[i] for i in range(len(rows))] == expected
    assert rows[3:40] == expected[3:40] and rows[-5:] == expected[-5:]
    listed_at = {row.record_id: place for place, row in reversed(list(enumerate(expected))) if row.record_id}
    for event in events[:: max(1, len(events) // 200)]:
        assert rows.place_of(event.id) == listed_at.get(event.id, -1), event.id
    for limit in (0, 1, 40):
        assert rows.prefixes(limit) == {row.prefix for row in expected[:limit] if row.prefix}


def test_a_state_keeps_each_views_sort() -> None:
    state = ViewState(view="projects").with_sort("title")
    assert state.sort == "title" and state.sort_words() == ["A–Z"]
    other = ViewState(view="timeline", sorts=state.sorts)
    assert other.sort == "oldest" and other.sort_words() == [] and other.sort_of("projects") == "title"
    assert state.with_sort("programme").sorts == ()  # a view's default is not kept
    assert state.cleared().sort == "title"  # clearing the filters keeps the order
    assert state.key != ViewState(view="projects").key
    assert checked_sorts(
        [("projects", "title"), ("projects", "nonsense"), ("nowhere", "title"), ("people", "name")]
    ) == (("projects", "title"),)


def test_sorts_are_kept_in_the_state_file(tmp_path: Path) -> None:
    store = StateStore(tmp_path / "config", tmp_path / "state")
    store.save_state(State(view="projects", sorts=(("projects", "title"), ("timeline", "newest"))))
    assert StateStore(tmp_path / "config", tmp_path / "state").load_state().sorts == (
        ("projects", "title"),
        ("timeline", "newest"),
    )


def test_export_sort_lists_the_apps_order(capsys, shipped_dataset: Dataset) -> None:
    assert cli.main(["export", "--kind", "project", "--sort", "title", "--format", "csv"]) == 0
    rows = list(csv.reader(io.StringIO(capsys.readouterr().out)))
    exported = [row[1] for row in rows[1:]]
    shown = [
        row.record_id
        for row in Views(shipped_dataset, None).compute(ViewState(view="projects").with_sort("title")).rows
    ]
    assert exported == shown and exported[0] == "bigbluebutton"


def test_export_sort_newest_reverses_the_events(capsys, shipped_dataset: Dataset) -> None:
    assert cli.main(["export", "--kind", "event", "--sort", "newest", "--format", "csv"]) == 0
    exported = [row[1] for row in list(csv.reader(io.StringIO(capsys.readouterr().out)))[1:]]
    assert exported == [event.id for event in reversed(shipped_dataset.events)]


async def test_s_cycles_the_sort_shows_it_and_keeps_it_after_a_restart(tmp_path: Path) -> None:
    app = make_app(tmp_path, view="projects")
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await ready(pilot)
        assert "A–Z" not in screen.sub_title
        await pilot.press("s")
        await pilot.pause()
        assert screen.view_state.sort == "title"
        assert screen.sub_title.startswith("Projects · A–Z · ")
        assert screen.result is not None and screen.result.rows[0].record_id == "bigbluebutton"
        first = listed(screen)
        await pilot.press("q")
    again = make_app(tmp_path)
    async with again.run_test(size=(120, 40)) as pilot:
        screen = await ready(pilot)
        assert screen.view_state.view == "projects" and screen.view_state.sort == "title"
        assert "A–Z" in screen.sub_title and listed(screen) == first
        await pilot.press("s", "s")  # latest year first, then back to the programmes
        await pilot.pause()
        assert screen.view_state.sort == VIEWS_BY_NAME["projects"].default_sort
        assert "A–Z" not in screen.sub_title
        await pilot.press("q")
