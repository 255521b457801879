"""Hand-written review files that are wrong in every way we know of (tests/bad_data, one file per
mistake): the CLI and the app report each one with its file and line and never show a traceback; what
is valid still loads; markup and control characters in the data show as text; and no data file is ever
written to."""

from __future__ import annotations

import contextlib
import csv
import io
import json
import os
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
from app_helpers import make_app as shared_make_app
from app_helpers import ready
from textual.pilot import Pilot
from textual.widgets import OptionList
from textual.widgets._toast import Toast
from textual.worker import WorkerCancelled

from herzlich_tui import paths
from herzlich_tui import strings as S
from herzlich_tui.browse.report import FORMATS, export
from herzlich_tui.cli import main
from herzlich_tui.loading import MAX_FILE_BYTES, MAX_STRING_CHARS, LoadResult, data_roots, load
from herzlich_tui.search import SearchIndex
from herzlich_tui.ui.app import HerzlichApp
from herzlich_tui.ui.screens.dialogs import ProblemsScreen
from herzlich_tui.ui.screens.main import MainScreen
from herzlich_tui.ui.widgets.detail import DetailPane
from herzlich_tui.ui.widgets.facet_list import FacetList
from herzlich_tui.ui.widgets.record_list import RecordList

ROOT = Path(__file__).resolve().parent.parent
BAD = Path(__file__).resolve().parent / "bad_data"


def expected_problems(d: str) -> list[str]:
    """Every problem in tests/bad_data, exactly as `check` prints it, for the folder named `d`."""
    return [
        f"{d}/dangling_reference.toml:8: event.people: 'e-bad-dangling-reference': "
        "no person has the id 'martin-verlag'; did you mean 'martin-verlage'?",
        f"{d}/duplicate_id_2.toml:3: event.id: duplicate id 'e-bad-duplicate'; "
        f"first defined at {d}/duplicate_id_1.toml:2 as an event; this event is left out",
        f"{d}/empty.toml:1: file is empty; it holds no records",
        f"{d}/folder.toml: is a folder, not a TOML file",
        f"{d}/impossible_date.toml:5: event.date: 'e-bad-impossible-date': "
        "'2021-02-30': day 30 does not exist in Feb 2021",
        f"{d}/malformed_date.toml:5: event.date: 'e-bad-malformed-date': '30.03.2021' is not a date; "
        "expected YYYY, YYYY-MM, YYYY-MM-DD, YYYY-start, YYYY-end or YYYY-spring|summer|autumn|winter",
        f"{d}/missing_field.toml:2: event.summary: 'e-bad-missing-field': missing required field 'summary'",
        f"{d}/not_utf8.toml:4:12: not UTF-8 text (byte 0xfc); save the file as UTF-8",
        f"{d}/parent_loop.toml:6: organisation.parent: 'org-bad-a': "
        "parent chain loops: org-bad-a → org-bad-b → org-bad-a",
        f"{d}/syntax_error.toml:4:8: TOML syntax: Invalid value",
        f"{d}/unknown_field.toml:6: event.plase: 'e-bad-unknown-field': unknown field 'plase'; did you mean 'place'?",
        f"{d}/wrong_type.toml:8: event.people: 'e-bad-wrong-type': expected a list of person ids, got text",
    ]


SUMMARY = "15 file(s) checked, 15 record(s) loaded, 12 problem(s)."

# The events of tests/bad_data that are valid enough to load (a wrong optional field is dropped).
VALID_EVENTS = {
    "e-bad-unknown-field",
    "e-bad-wrong-type",
    "e-bad-duplicate",
    "e-bad-dangling-reference",
    "e-bad-markup-bold",
    "e-bad-markup-close",
    "e-bad-markup-link",
    "e-bad-markup-click",
    "e-bad-control-chars",
}
LEFT_OUT = {"e-bad-syntax", "e-bad-latin1", "e-bad-missing-field", "e-bad-impossible-date", "e-bad-malformed-date"}

# Records whose title or name is markup, with the text that must show, brackets and all.
MARKUP = {
    "e-bad-markup-bold": "[bold]x[/]",
    "e-bad-markup-close": "[/]",
    "e-bad-markup-link": "[link=https://example.com]y[/link]",
    "e-bad-markup-click": "[@click=app.quit]z[/]",
    "proj-bad-markup": "[link=https://example.com]y[/link]",
    "person-bad-markup": "Zora [@click=app.quit]z[/]",
    "net-bad-markup": "[bold]x[/]",
    "prog-bad-markup": "[/]",
}
CONTROL_TITLE = "Alarm ␛[31mrot␛[0m ␇piep␈!"


def run_cli(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    try:
        code = main(list(argv))
    except SystemExit as stop:  # argparse
        code = stop.code if isinstance(stop.code, int) else 1
    out, err = capsys.readouterr()
    return int(code), out, err


def raw_controls(text: str) -> set[str]:
    """C0/C1 control characters (other than newline and tab) that would reach the terminal raw."""
    return {c for c in text if (ord(c) < 32 and c not in "\n\t") or 0x7F <= ord(c) < 0xA0}


@pytest.fixture(scope="module")
def bad() -> LoadResult:
    """The shipped data with tests/bad_data on top, as the app loads them."""
    return load(data_roots([BAD], user=False))


# --- the folder itself ----------------------------------------------------------------------------
def test_one_file_per_mistake_is_in_the_folder() -> None:
    names = sorted(p.name for p in BAD.iterdir() if p.suffix == ".toml")
    assert names == [
        "control_chars.toml",
        "dangling_reference.toml",
        "duplicate_id_1.toml",
        "duplicate_id_2.toml",
        "empty.toml",
        "folder.toml",
        "impossible_date.toml",
        "malformed_date.toml",
        "markup_titles.toml",
        "missing_field.toml",
        "not_utf8.toml",
        "parent_loop.toml",
        "syntax_error.toml",
        "unknown_field.toml",
        "wrong_type.toml",
    ]
    assert (BAD / "folder.toml").is_dir()
    assert (BAD / "empty.toml").stat().st_size == 0
    with pytest.raises(UnicodeDecodeError):
        (BAD / "not_utf8.toml").read_bytes().decode("utf-8")
    # the control characters are TOML escapes in the file (so that it stays readable) ...
    assert raw_controls((BAD / "control_chars.toml").read_text(encoding="utf-8")) == set()
    # ... and real control characters once parsed
    title = tomllib.loads((BAD / "control_chars.toml").read_text(encoding="utf-8"))["event"][0]["title"]
    assert {"\x1b", "\x07", "\x08"} <= raw_controls(title)


# --- the command line -----------------------------------------------------------------------------
def test_check_reports_every_bad_file_with_file_line_and_field(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run_cli(capsys, "check", str(BAD))
    assert code == 1
    assert out == ""
    assert err.splitlines() == [*expected_problems(str(BAD)), SUMMARY]
    assert "Traceback" not in err
    # records of the named files that refer to the shipped data ("kl-2021", "ikone-ds") are not reported
    assert "kl-2021" not in err and "ikone-ds" not in err
    # the files without a mistake of their own are not named at all
    for clean in ("markup_titles.toml", "control_chars.toml", "duplicate_id_1.toml"):
        assert not any(line.startswith(f"{BAD}/{clean}:") for line in err.splitlines())


def test_check_of_one_file_resolves_references_to_the_shipped_data(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run_cli(capsys, "check", str(BAD / "markup_titles.toml"))
    assert (code, err) == (0, "1 file(s) checked, 8 record(s), no problems.\n")
    code, _, err = run_cli(capsys, "check", str(BAD / "dangling_reference.toml"))
    assert code == 1
    assert err.splitlines() == [expected_problems(str(BAD))[0], "1 file(s) checked, 1 record(s) loaded, 1 problem(s)."]


def test_check_of_the_shipped_folder_reads_it_once(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run_cli(capsys, "check", str(paths.shipped_data_dir()))
    assert code == 0, err
    assert "duplicate" not in err


def test_check_in_a_subprocess(user_dirs) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "herzlich_tui", "check", "tests/bad_data"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        env={**os.environ, "NO_COLOR": "1"},
    )
    assert done.returncode == 1
    assert done.stdout == ""
    assert done.stderr.splitlines() == [*expected_problems("tests/bad_data"), SUMMARY]
    assert "Traceback" not in done.stderr


def test_export_and_search_still_work_beside_bad_data(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run_cli(capsys, "export", "--data", str(BAD), "--format", "json")
    assert code == 0
    assert "12 problem(s) in the data" in err and "Traceback" not in err
    events = {e["id"]: e for e in json.loads(out)["event"]}
    assert events.keys() >= VALID_EVENTS
    assert not LEFT_OUT & events.keys()
    assert events["e-bad-markup-click"]["title"] == "[@click=app.quit]z[/]"
    code, out, err = run_cli(capsys, "search", "--data", str(BAD), "clicking")
    assert code == 0 and "Traceback" not in err
    assert out.splitlines()[0].split("\t")[1] == "[@click=app.quit]z[/]"


def test_unreadable_file_and_folder(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A file or folder without read permission is named; the rest loads. (As root everything is readable:
    run `unshare -U python -m pytest tests/test_bad_data.py -k unreadable --basetemp=/tmp/x` to see it.)"""
    folder = tmp_path / "unreadable"
    folder.mkdir()
    (folder / "good.toml").write_bytes((BAD / "unknown_field.toml").read_bytes())
    locked = folder / "locked.toml"
    locked.write_bytes((BAD / "duplicate_id_1.toml").read_bytes())
    closed = folder / "closed"
    closed.mkdir()
    (closed / "inside.toml").write_bytes((BAD / "markup_titles.toml").read_bytes())
    locked.chmod(0)
    closed.chmod(0)
    try:
        if os.access(locked, os.R_OK):
            pytest.skip("running as root: a file without permissions can still be read")
        code, _, err = run_cli(capsys, "check", str(folder))
        assert code == 1 and "Traceback" not in err
        assert err.splitlines() == [
            f"{closed}: cannot list folder: Permission denied",
            f"{folder}/good.toml:6: event.plase: 'e-bad-unknown-field': unknown field 'plase'; did you mean 'place'?",
            f"{locked}: cannot read file: Permission denied",
            "2 file(s) checked, 1 record(s) loaded, 3 problem(s).",
        ]
        folder.chmod(0)
        code, _, err = run_cli(capsys, "check", str(folder))
        assert (code, err.splitlines()[0]) == (1, f"{folder}: cannot list folder: Permission denied")
        folder.chmod(0o755)
        result = load(data_roots([folder], user=False))
        assert result.dataset.get("e-bad-unknown-field") is not None
        assert len(result.problems) == 3
    finally:
        for path in (folder, locked, closed):
            path.chmod(0o755)


# --- very large input -----------------------------------------------------------------------------
def test_a_50_mb_file_and_a_million_character_string_are_reported(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "big"
    folder.mkdir()
    block = (BAD / "duplicate_id_1.toml").read_text(encoding="utf-8").replace("e-bad-duplicate", "e-big-{n}")
    big = folder / "huge.toml"
    with big.open("w", encoding="utf-8") as handle:
        n = 0
        while handle.tell() < 50 * 1024 * 1024:
            handle.write("".join(block.replace("{n}", str(n + i)) for i in range(1000)))
            n += 1000
    assert big.stat().st_size > MAX_FILE_BYTES
    long = folder / "long_string.toml"
    long.write_text(
        '[[event]]\nid = "e-long-title"\ntitle = "' + "x" * 1_000_000 + '"\ndate = "2021"\n'
        'summary = "A title of a million characters."\nsources = ["kl-2021"]\n'
        '\n[[event]]\nid = "e-long-place"\ntitle = "Short"\ndate = "2021"\nsummary = "s"\n'
        'place = "' + "ü" * 1_000_000 + '"\nsources = ["kl-2021"]\n',
        encoding="utf-8",
    )
    code, _, err = run_cli(capsys, "check", str(folder))
    assert code == 1 and "Traceback" not in err
    size = big.stat().st_size
    assert err.splitlines() == [
        f"{big}: file is {size / 1e6:.1f} MB; the limit is {MAX_FILE_BYTES // 2**20} MiB, split it into smaller files",
        f"{long}:3: event.title: 'e-long-title': text of 1,000,000 characters is longer than the limit of "
        f"{MAX_STRING_CHARS:,}",
        f"{long}:13: event.place: 'e-long-place': text of 1,000,000 characters is longer than the limit of "
        f"{MAX_STRING_CHARS:,}",
        "2 file(s) checked, 1 record(s) loaded, 3 problem(s).",
    ]
    result = load(data_roots([folder], user=False))
    assert result.dataset.get("e-long-title") is None
    assert result.dataset["e-long-place"].place == ""  # type: ignore[attr-defined]


# --- the app --------------------------------------------------------------------------------------
def make_app(tmp_path: Path, **kwargs: object) -> HerzlichApp:
    """An app on the shipped data plus tests/bad_data."""
    kwargs.setdefault("roots", data_roots([BAD], user=False))
    return shared_make_app(tmp_path, **kwargs)


def screen_lines(pilot: Pilot) -> list[str]:
    """The text of every line of the terminal as the user sees it (all layers composed)."""
    return [strip.text for strip in pilot.app.screen._compositor.render_strips()]


def list_lines(screen: MainScreen) -> list[str]:
    record_list = screen.query_one(RecordList)
    return [record_list.render_line(y).text for y in range(record_list.size.height)]


def detail_texts(screen: MainScreen) -> list[str]:
    return screen.query_one(DetailPane).texts


def toasts(pilot: Pilot) -> list[Toast]:
    return list(pilot.app.screen.query(Toast))


def assert_still_running(app: HerzlichApp) -> None:
    assert app.is_running
    assert app.return_code is None
    assert app._exception is None


async def test_app_opens_with_a_notice_and_lists_every_problem(tmp_path: Path, shipped: LoadResult) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=(160, 50), notifications=True) as pilot:
        screen = await ready(pilot)
        notice = S.LOADED_WITH_PROBLEMS.format(count=12)
        assert notice in [n.message for n in app._notifications]
        assert any(str(t.render()) == notice for t in toasts(pilot))
        # the timeline shows every shipped event and every valid one from the bad files
        listed = {row.record_id for row in screen.query_one(RecordList).rows if row.record_id}
        shipped_events = {r.id for r in shipped.dataset if r.kind == "event"}
        assert len(shipped_events) == 37
        assert listed == shipped_events | VALID_EVENTS
        assert screen.query_one(DetailPane).record_id in listed

        await pilot.press("exclamation_mark")
        await pilot.pause()
        problems = app.screen
        assert isinstance(problems, ProblemsScreen)
        options = problems.query_one(OptionList)
        shown = [options.get_option_at_index(i).prompt.plain for i in range(options.option_count)]  # type: ignore[union-attr]
        assert shown == expected_problems(str(BAD))
        text = "\n".join(screen_lines(pilot))
        assert f"{S.PROBLEMS_TITLE} (12)" in text
        assert f"{BAD}/empty.toml:1: file is empty; it holds no records" in text
        assert "Traceback" not in text
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is screen
        assert_still_running(app)


async def test_markup_shows_literally_in_every_view(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=(220, 60), notifications=True) as pilot:
        screen = await ready(pilot)
        dataset = screen.dataset
        assert dataset is not None
        for record_id, title in MARKUP.items():
            if record_id == "prog-bad-markup":
                continue  # a programme has no page of its own: it is a heading and a filter (below)
            assert dataset.title_of(dataset[record_id]) == title
            screen.follow(record_id)
            await pilot.pause()
            assert screen.query_one(DetailPane).record_id == record_id
            assert screen.query_one(RecordList).highlighted_id == record_id
            assert any(title in line for line in list_lines(screen)), (record_id, list_lines(screen))
            assert title in detail_texts(screen)[0], detail_texts(screen)[:3]
            assert any(title in line for line in screen_lines(pilot)), record_id
            assert_still_running(app)
        # summaries, places and descriptions are shown as written too
        screen.follow("e-bad-markup-bold")
        await pilot.pause()
        details = "\n".join(detail_texts(screen))
        assert "[red]Markup[/red] in the summary, [b]too[/b]." in details
        screen.follow("person-bad-markup")
        await pilot.pause()
        assert "[/]" in detail_texts(screen)
        # the programme "[/]" is the projects view's heading and a filter option
        screen.follow("proj-bad-markup")
        await pilot.pause()
        assert any(line.strip().startswith("[/]") for line in list_lines(screen))
        facet = screen.query_one("#facet-programme", FacetList)
        assert any(
            facet.get_option_at_index(i).prompt.plain.endswith(" [/]")  # type: ignore[union-attr]
            for i in range(facet.option_count)
        )
        # search in the app: the match inside "[bold]x[/]" is highlighted, the brackets stay
        await pilot.press("1", "slash", *"bold")
        await pilot.pause(0.3)
        assert screen.view_state.query == "bold"
        rows = [row.record_id for row in screen.query_one(RecordList).rows if row.record_id]
        assert "e-bad-markup-bold" in rows
        assert any("[bold]x[/]" in line for line in list_lines(screen))
        await pilot.press("escape")
        await pilot.pause(0.3)
        assert_still_running(app)


async def test_markup_in_notices_and_the_command_palette_is_text(tmp_path: Path, monkeypatch) -> None:
    from herzlich_tui.ui import app as app_module

    monkeypatch.setattr(app_module, "copy_with_tool", lambda text: True)  # (the notice of a copy that took)
    app = make_app(tmp_path)
    async with app.run_test(size=(160, 50), notifications=True) as pilot:
        screen = await ready(pilot)
        app.clear_notifications()
        for record_id in ("e-bad-markup-close", "e-bad-markup-link", "e-bad-markup-click"):
            screen.follow(record_id)
            await pilot.pause()
            await pilot.press("b")
            await pilot.pause()
            await pilot.press("c")
            await pilot.pause()
            assert_still_running(app)
        title = MARKUP["e-bad-markup-click"]
        shown = [str(t.render()) for t in toasts(pilot)]
        assert S.NOTICE_BOOKMARKED.format(label=title) in shown
        assert S.NOTICE_COPIED.format(label="[/]") in shown
        assert any(title in line for line in screen_lines(pilot))
        # Clicking where "z" would be if the toast read its text as markup ("Bookmarked: z") runs nothing.
        toast = next(t for t in toasts(pilot) if str(t.render()) == S.NOTICE_BOOKMARKED.format(label=title))
        where = toast.content_region
        await pilot.click(offset=(where.x + len("Bookmarked: "), where.y))
        await pilot.pause()
        assert_still_running(app)
        # the palette offers the programme "[/]" as a filter, in so many words
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"programme")
        await pilot.pause(0.5)
        with contextlib.suppress(WorkerCancelled):  # (the palette cancels a search that a later key replaced)
            await app.workers.wait_for_complete()
        await pilot.pause()
        assert any("Filter: programme [/]" in line for line in screen_lines(pilot))
        await pilot.press("escape")
        await pilot.pause()
        assert_still_running(app)
        # the bookmarks list shows them as written
        await pilot.press("B")
        await pilot.pause()
        lines = screen_lines(pilot)
        assert any(title in line for line in lines)
        assert any("[link=https://example.com]y[/link]" in line for line in lines)
        await pilot.press("escape")
        await pilot.pause()
        assert_still_running(app)


def test_markup_is_text_in_search_results_and_every_export_format(bad: LoadResult) -> None:
    dataset = bad.dataset
    index = SearchIndex(dataset)
    for query, record_id in (
        ("clicking", "e-bad-markup-click"),
        ("lone closing", "e-bad-markup-close"),
        ("zora", "person-bad-markup"),
        ("bold", "e-bad-markup-bold"),
    ):
        hits = index.search(query)
        assert record_id in [h.record.id for h in hits], query
        hit = next(h for h in hits if h.record.id == record_id)
        assert dataset.title_of(hit.record) == MARKUP[record_id]
    records = [dataset[i] for i in MARKUP]
    outputs = {fmt: export(dataset, records, fmt, title="[bold]report[/]") for fmt in FORMATS}
    as_json = json.loads(outputs["json"])
    as_toml = tomllib.loads(outputs["toml"])
    for kind in ("event", "project", "person", "network", "programme"):
        for document in (as_json, as_toml):
            for entry in document[kind]:
                assert entry.get("title", entry.get("name")) == MARKUP[entry["id"]]
    rows = {row["id"]: row for row in csv.DictReader(io.StringIO(outputs["csv"]))}
    for record_id, title in MARKUP.items():
        assert rows[record_id]["title"] == title
    # Markdown escapes the brackets, so that a Markdown viewer shows them as written
    md = outputs["md"]
    assert md.startswith("# \\[bold\\]report\\[/\\]\n")
    for title in MARKUP.values():
        escaped = "".join("\\" + c if c in "\\`*_[]<>#|" else c for c in title)
        assert escaped in md, title
    assert "[bold]" not in md.replace("\\[bold\\]", "")


async def test_control_characters_never_reach_the_screen(tmp_path: Path, bad: LoadResult) -> None:
    record = bad.dataset["e-bad-control-chars"]
    assert record.title == CONTROL_TITLE  # type: ignore[attr-defined]
    assert raw_controls(record.summary) == set()  # type: ignore[attr-defined]
    app = make_app(tmp_path)
    async with app.run_test(size=(160, 50), notifications=True) as pilot:
        screen = await ready(pilot)
        screen.follow("e-bad-control-chars")
        await pilot.pause()
        await pilot.press("b")
        await pilot.pause()
        assert any(CONTROL_TITLE in line for line in list_lines(screen))
        assert CONTROL_TITLE in detail_texts(screen)[0]
        page = screen.query_one(DetailPane).lines
        for lines in (list_lines(screen), detail_texts(screen), page, screen_lines(pilot)):
            for line in lines:
                assert "\x1b" not in line
                assert raw_controls(line) == set(), repr(line)
        assert any(CONTROL_TITLE in line for line in screen_lines(pilot))
        assert_still_running(app)


# --- data files are never written -----------------------------------------------------------------
def file_states(*folders: Path) -> dict[str, tuple[int, bytes | None]]:
    """Every file and folder below the folders, with its modification time and (for files) contents."""
    states: dict[str, tuple[int, bytes | None]] = {}
    for folder in folders:
        for path in [folder, *sorted(folder.rglob("*"))]:
            states[str(path)] = (path.stat().st_mtime_ns, path.read_bytes() if path.is_file() else None)
    return states


async def test_data_files_are_never_written(tmp_path: Path, user_dirs, capsys: pytest.CaptureFixture[str]) -> None:
    folders = (BAD, paths.shipped_data_dir())
    before = file_states(*folders)
    app = make_app(tmp_path)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        screen = await ready(pilot)
        screen.follow("e-bad-markup-click")
        await pilot.pause()
        for key in ("b", "e", "E", "exclamation_mark", "escape", "B", "escape", "2", "b", "5", "e"):
            await pilot.press(key)
            await pilot.pause()
        await pilot.press("q")
        await pilot.pause()
    assert app.return_code == 0
    exports = sorted((tmp_path / "exports").iterdir())
    assert {p.suffix for p in exports} == {".md", ".json"}
    state = tomllib.loads((user_dirs.state / "state.toml").read_text(encoding="utf-8"))
    assert [b["id"] for b in state["bookmarks"]][:1] == ["e-bad-markup-click"]
    assert len(state["bookmarks"]) == 2
    for argv in (
        ["check", str(BAD)],
        ["check", "--data", str(BAD)],
        ["export", "--data", str(BAD), "-f", "toml"],
        ["search", "--data", str(BAD), "markup"],
    ):
        code, _, err = run_cli(capsys, *argv)
        assert "Traceback" not in err and code in (0, 1), argv
    assert file_states(*folders) == before
