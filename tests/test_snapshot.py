"""The first screen before the data (browse/snapshot.py): the list kept from the last run, valid for the files
it was read from, and the shipped data's first list, worked out ahead: up to date with the data and the
code, and used only for the shipped files as they were when it was made, and for the state it was made for."""

from __future__ import annotations

import importlib
import shutil
import sys
import types
from pathlib import Path

import pytest
from app_helpers import hold_loading, listed, make_app, ready

from herzlich_tui import cache, paths
from herzlich_tui import strings as S
from herzlich_tui.browse import snapshot
from herzlich_tui.browse.rows import Row
from herzlich_tui.browse.state import ViewState
from herzlich_tui.i18n import set_language
from herzlich_tui.loading import data_roots
from herzlich_tui.ui.widgets.record_list import RecordList

DEFAULT = ViewState().key
EVENT = """
[[event]]
id = "e-1"
title = "Ein Ereignis"
date = "2021-05"
summary = "Etwas geschah."
sources = ["r-test"]
"""


@pytest.fixture
def roots(write_toml, review_toml: str, data_dir: Path) -> list[tuple[Path, str]]:
    write_toml("a.toml", review_toml + EVENT)
    return data_roots([data_dir], shipped=False, user=False)


def test_the_shipped_first_list_is_up_to_date() -> None:
    # Fails after the data or the way rows are made changed: run `python -m herzlich_tui.browse.snapshot`.
    assert snapshot.SHIPPED_VIEW.read_text(encoding="utf-8") == snapshot.render(snapshot.build())
    assert snapshot.main(["--check"]) == 0


@pytest.fixture
def shipped(tmp_path: Path) -> tuple[Path, dict]:
    """A copy of the shipped data and the first list worked out for it."""
    folder = tmp_path / "shipped"
    shutil.copytree(paths.shipped_data_dir(), folder)
    return folder, snapshot.build(folder)


def read(roots: list[tuple[Path, str]], folder: Path, view: object, state: tuple = DEFAULT) -> object:
    return snapshot.read_shipped_snapshot(state, cache.fingerprint(roots), shipped_dir=folder, view=view)


def test_it_gives_the_timeline_of_the_shipped_files(shipped: tuple[Path, dict]) -> None:
    folder, view = shipped
    found = read([(folder, "shipped")], folder, view)
    assert found is not None
    rows, counts = found
    assert counts == (37, 37)
    events = [Row(*row) for row in rows if row[0]]
    assert len(events) == 37 and {row.kind for row in events} == {"event"}
    assert rows[0] == ("", "2017", "", "", 1, "")  # a year's heading first
    # an empty user folder loads nothing, and changes nothing
    assert read([(folder, "shipped"), (folder.parent / "user", "user")], folder, view) == found


def test_it_is_not_used_for_other_data_another_state_or_an_edited_file(shipped: tuple[Path, dict]) -> None:
    folder, view = shipped
    user = folder.parent / "user"
    user.mkdir()
    (user / "mine.toml").write_text('[[person]]\nid = "p-x"\nname = "X"\nsources = ["r-2021"]\n', encoding="utf-8")
    assert read([(folder, "shipped"), (user, "user")], folder, view) is None  # more data than shipped
    assert read([(folder, "shipped")], folder, view, ("projects", None, None, None, None, "")) is None
    assert read([(folder, "shipped")], folder, view, ("timeline", 2021, None, None, None, "")) is None
    assert read([(folder, "shipped")], folder, view) is not None
    edited = folder / "kaiserslautern-2020.toml"
    text = edited.read_text(encoding="utf-8")
    edited.write_text(text.replace("Stabsstelle", "Stabsstellx", 1), encoding="utf-8")  # the same size
    assert edited.stat().st_size == len(text.encode())
    assert read([(folder, "shipped")], folder, view) is None
    edited.write_text(text, encoding="utf-8")
    assert read([(folder, "shipped")], folder, view) is not None
    with (folder / "kaiserslautern-2021.toml").open("a", encoding="utf-8") as handle:
        handle.write("\n# edited\n")
    assert read([(folder, "shipped")], folder, view) is None


def test_it_holds_the_list_in_each_language(shipped: tuple[Path, dict]) -> None:
    """The first list is kept in each language's words, and a start reads its own language's."""
    folder, view = shipped
    english = snapshot.read_shipped_snapshot(
        DEFAULT, cache.fingerprint([(folder, "shipped")]), shipped_dir=folder, view=view
    )
    german = snapshot.read_shipped_snapshot(
        DEFAULT, cache.fingerprint([(folder, "shipped")]), shipped_dir=folder, view=view, language="de"
    )
    assert english is not None and german is not None
    assert [row[0] for row in english[0]] == [row[0] for row in german[0]]  # the same records
    assert ("", S.GROUP_YEAR, "", "", 2, "") in english[0]
    set_language("de")
    assert ("", S.GROUP_YEAR, "", "", 2, "") in german[0]  # each in its own words
    assert read([(folder, "shipped")], folder, view) == german  # the current language's by default


def test_a_missing_or_damaged_list_is_no_list(shipped: tuple[Path, dict], monkeypatch: pytest.MonkeyPatch) -> None:
    folder, view = shipped
    english = view["languages"]["en"]
    first = english["rows"][0]
    assert first == ["", "2017", "", "", 1, ""]
    damages = (
        {},
        {"format": 99},
        {**view, "format": snapshot.SHIPPED_VIEW_FORMAT - 1},  # an older format
        {**view, "languages": {"en": {**english, "counts": [37]}}},
        {**view, "languages": {"English": english}},
        {**view, "languages": {"en": {**english, "rows": [first[:3] + first[4:]]}}},  # a row too short
        {**view, "languages": {"en": {**english, "rows": [["", 2017, *first[2:]]]}}},  # a number for a text
    )
    for damaged in damages:
        assert read([(folder, "shipped")], folder, damaged) is None
    assert read([(folder, "shipped")], folder, view) is not None
    # The shipped module: missing, or without the list (a default of None reads it).
    assert snapshot.shipped_view() is not None
    monkeypatch.setitem(sys.modules, "herzlich_tui.browse.shipped_view", None)
    assert snapshot.shipped_view() is None
    monkeypatch.setitem(sys.modules, "herzlich_tui.browse.shipped_view", types.ModuleType("shipped_view"))
    assert snapshot.shipped_view() is None
    assert read([(folder, "shipped")], folder, None) is None
    # Damage found as it is imported: a name it does not define, its compiled form cut short.
    monkeypatch.delitem(sys.modules, "herzlich_tui.browse.shipped_view")
    for raised in (NameError("four"), EOFError("marshal data too short")):

        def failing(name: str, raised: Exception = raised) -> types.ModuleType:
            raise raised

        monkeypatch.setattr(importlib, "import_module", failing)
        assert snapshot.shipped_view() is None


async def test_a_first_start_shows_it_until_the_data_has_loaded(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Nothing kept from a last run (an empty cache): the first frame lists the shipped timeline, the
    header says the data is loading, and once it has, the same records are listed from the data."""
    release = hold_loading(monkeypatch)
    app = make_app(tmp_path, roots=data_roots(user=True))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause(0.1)
        screen = app.main
        assert screen.dataset is None and not screen.query_one(RecordList).loading
        worked_out = snapshot.read_shipped_snapshot(DEFAULT, cache.fingerprint(app.roots))
        assert worked_out is not None
        assert [row.record_id for row in screen.query_one(RecordList).rows] == [row[0] for row in worked_out[0]]
        assert screen.sub_title == " · ".join(
            [S.VIEW_LABELS["timeline"], S.SUBTITLE_COUNT.format(shown=37, total=37), S.LOADING]
        )
        release.set()
        screen = await ready(pilot)
        assert S.LOADING not in screen.sub_title
        assert listed(screen) == [row[0] for row in worked_out[0] if row[0]]
        await pilot.press("q")


def test_a_snapshot_holds_for_the_files_its_rows_were_read_from(roots, tmp_path: Path) -> None:
    """The rows kept at quitting were read when the app started: they are valid for the files as they were
    then (the key the caller gives), not for what the files became meanwhile."""
    row = ("e-1", "Ein Ereignis", "Mai 2021", "", 0, "event")
    then = cache.fingerprint(roots)
    assert then is not None
    snapshot.write_snapshot(tmp_path, roots, ("timeline",), [row], (1, 1), then)
    assert snapshot.read_snapshot(tmp_path, roots, ("timeline",), then) == ([row], (1, 1))
    assert snapshot.read_snapshot(tmp_path, roots, ("projects",), then) is None
    assert snapshot.read_snapshot(tmp_path, roots, ("timeline",), then, language="de") is None
    changed = (*then[:3], (), then[4])  # the same roots, other files
    assert snapshot.read_snapshot(tmp_path, roots, ("timeline",), changed) is None


def test_a_snapshot_reads_only_the_rows_it_keeps(roots, tmp_path: Path) -> None:
    # The app hands over its rows as they are made (a timeline's are made when read): only the first
    # SNAPSHOT_ROWS are asked for.
    made: list[int] = []

    def rows():
        for n in range(3 * snapshot.SNAPSHOT_ROWS):
            made.append(n)
            yield (f"e-{n}", "Ein Ereignis", "Mai 2021", "", 0, "event")

    key = cache.fingerprint(roots)
    snapshot.write_snapshot(tmp_path, roots, ("timeline",), rows(), (3000, 3000), key)
    kept = snapshot.read_snapshot(tmp_path, roots, ("timeline",), key)
    assert kept is not None and len(kept[0]) == snapshot.SNAPSHOT_ROWS
    assert len(made) == snapshot.SNAPSHOT_ROWS
