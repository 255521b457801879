"""The command line: `check`, `export` and `search`, their output streams and exit codes."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from cli_helpers import run
from reference import ProgrammeIs

from herzlich_tui import __version__
from herzlich_tui.cli import main
from herzlich_tui.model import Dataset

WriteToml = Callable[[str, str], Path]


def export_json(capsys: pytest.CaptureFixture[str], *argv: str) -> dict:
    code, out, err = run(capsys, "export", *argv)
    assert code == 0, err
    return json.loads(out)


@pytest.fixture
def broken_dir(write_toml: WriteToml, review_toml: str, data_dir: Path) -> Path:
    """A folder with a TOML syntax error, an unknown field and a dangling reference, one per file."""
    write_toml("review.toml", review_toml)
    write_toml(
        "broken.toml",
        """
        [[event]]
        id = "e-broken"
        title =
        """,
    )
    write_toml(
        "unknown.toml",
        """
        [[person]]
        id = "anna"
        name = "Anna"
        rolle = "Chefin"
        sources = ["r-test"]
        """,
    )
    write_toml(
        "dangling.toml",
        """
        [[event]]
        id = "e2"
        title = "T"
        date = "2021"
        summary = "s"
        people = ["ana"]
        sources = ["r-test"]
        """,
    )
    return data_dir


BROKEN_PROBLEMS = [
    "broken.toml:3:8: TOML syntax: Invalid value",
    "dangling.toml:6: event.people: 'e2': no person has the id 'ana'; did you mean 'anna'?",
    "unknown.toml:4: person.rolle: 'anna': unknown field 'rolle'",
]


# --- help and version ---------------------------------------------------------------------------------
def test_version(capsys) -> None:
    assert run(capsys, "--version") == (0, f"herzlich-tui {__version__}\n", "")


def test_help(capsys, user_dirs) -> None:
    code, out, err = run(capsys, "--help")
    assert code == 0 and err == ""
    text = " ".join(out.split())  # undo argparse's wrapping
    assert "{check,export,search,schema,new}" in text
    assert "Exit codes: 0 success; 1 check found problems or search found nothing; 2 wrong usage" in text
    assert f"then {user_dirs.data}, then each --data DIR" in text  # the isolated user folder


def test_subcommand_help(capsys) -> None:
    code, out, _ = run(capsys, "export", "--help")
    assert code == 0
    assert "--programme" in out and "--format" in out


def test_unknown_option_is_a_usage_error(capsys) -> None:
    code, _, err = run(capsys, "export", "--frobnicate")
    assert code == 2
    assert "unrecognized arguments: --frobnicate" in err


def test_bare_command_without_a_terminal(capsys) -> None:
    code, out, err = run(capsys)
    assert code == 2
    assert out == ""
    assert "needs a terminal" in err


# --- check --------------------------------------------------------------------------------------------
def test_check_shipped_data(capsys) -> None:
    code, out, err = run(capsys, "check")
    assert code == 0, err
    assert out == ""
    assert re.fullmatch(r"\d+ file\(s\) checked, \d+ record\(s\), no problems\.\n", err)


def test_check_reports_every_problem(capsys, broken_dir: Path) -> None:
    code, out, err = run(capsys, "check", str(broken_dir))
    assert code == 1
    assert out == ""
    lines = err.splitlines()
    assert [line.replace(f"{broken_dir}/", "") for line in lines[:-1]] == BROKEN_PROBLEMS
    assert lines[-1] == "4 file(s) checked, 3 record(s) loaded, 3 problem(s)."
    assert "Traceback" not in err


def test_check_a_single_file(capsys, broken_dir: Path) -> None:
    code, _, err = run(capsys, "check", str(broken_dir / "broken.toml"))
    assert code == 1
    assert err.splitlines()[0] == f"{broken_dir / 'broken.toml'}:3:8: TOML syntax: Invalid value"


def test_console_script_check(broken_dir: Path, user_dirs, tmp_path: Path) -> None:
    env = {**os.environ, "XDG_DATA_HOME": str(tmp_path / "home" / "data"), "NO_COLOR": "1"}
    done = subprocess.run(
        [sys.executable, "-m", "herzlich_tui", "check", str(broken_dir)],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=False,
    )
    assert done.returncode == 1
    assert done.stdout == ""
    assert [line.replace(f"{broken_dir}/", "") for line in done.stderr.splitlines()[:-1]] == BROKEN_PROBLEMS
    assert "Traceback" not in done.stderr


# --- export -------------------------------------------------------------------------------------------
def test_export_default_is_json_of_everything(capsys, shipped_dataset: Dataset) -> None:
    payload = export_json(capsys)
    assert payload["herzlich_tui"] == __version__
    exported = {entry["id"] for key, items in payload.items() if key != "herzlich_tui" for entry in items}
    assert exported == {r.id for r in shipped_dataset}


def test_export_year(capsys) -> None:
    payload = export_json(capsys, "--year", "2020")
    dates = [event["date"] for event in payload["event"]]
    assert dates and all(date.startswith("2020") for date in dates)
    # kl-2021 comes along as the source of records that span both years; reviews stay in year order
    assert [r["id"] for r in payload["review"]] == ["kl-2020", "kl-2021"]
    assert all(py["year"] == 2020 for py in payload["project_year"])


def test_export_programme(capsys, shipped_dataset: Dataset) -> None:
    payload = export_json(capsys, "--programme", "mpsc")
    records = [shipped_dataset[e["id"]] for key, items in payload.items() if key != "herzlich_tui" for e in items]
    linked = [r for r in records if r.kind != "review"]
    assert "e-2021-mpsc-mashup" in {r.id for r in linked}
    assert "mpsc" in {r.id for r in linked}
    not_linked = [r.id for r in linked if not ProgrammeIs("mpsc").matches(r, shipped_dataset.facets(r.id))]
    assert not_linked == []
    assert {r.id for r in records if r.kind == "review"} == {s for r in linked for s in r.sources}


def test_export_programme_by_name_and_none(capsys) -> None:
    by_name = export_json(capsys, "--programme", "MPSC", "--kind", "programme")
    assert [p["id"] for p in by_name["programme"]] == ["mpsc"]
    unlinked = export_json(capsys, "--programme", "none", "--kind", "event")
    assert "e-2021-mpsc-mashup" not in {e["id"] for e in unlinked.get("event", [])}


def test_export_unknown_programme(capsys) -> None:
    code, out, err = run(capsys, "export", "--programme", "nonsense")
    assert code == 2
    assert out == ""
    assert "Unknown programme 'nonsense'. Known: " in err
    assert "mpsc" in err


def test_export_kind(capsys, shipped_dataset: Dataset) -> None:
    payload = export_json(capsys, "--kind", "event")
    assert set(payload) == {"herzlich_tui", "event"}
    assert len(payload["event"]) == len(shipped_dataset.events)
    both = export_json(capsys, "--kind", "network", "--kind", "programme")
    assert set(both) == {"herzlich_tui", "network", "programme"}


def test_export_to_a_file(capsys, tmp_path: Path) -> None:
    target = tmp_path / "out" / "report.md"
    code, out, err = run(capsys, "export", "--format", "md", "--year", "2021", "-o", str(target))
    assert code == 0
    assert out == ""
    assert err == f"Wrote {target}\n"
    text = target.read_text(encoding="utf-8")
    assert "## 2021" in text.splitlines() and "## 2020" not in text.splitlines()


def test_export_to_an_unwritable_place(capsys, tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    code, _, err = run(capsys, "export", "-o", str(blocker / "out.json"))
    assert code == 3
    assert err.startswith(f"herzlich-tui: cannot write {blocker / 'out.json'}: ")


@pytest.mark.parametrize(
    ("fmt", "expected_line"),
    [("toml", 'id = "martin-verlage"'), ("csv", "kind,id,title,date,year,programmes,text,sources")],
)
def test_export_other_formats(capsys, fmt: str, expected_line: str) -> None:
    code, out, _ = run(capsys, "export", "-f", fmt, "--kind", "person")
    assert code == 0
    assert expected_line in out.splitlines()
    assert "dirk-andres" in out


# --- search -------------------------------------------------------------------------------------------
def test_search_prints_tab_separated_lines(capsys) -> None:
    code, out, err = run(capsys, "search", "hassfurt")
    assert code == 0, err
    rows = [line.split("\t") for line in out.splitlines()]
    assert all(len(row) == 4 for row in rows)
    assert ["Event", "MPSC Mashup", "2021", "summary"] in rows
    assert ["Organisation", "Haßfurt"] in [row[:2] for row in rows]


def test_search_with_year_and_programme(capsys) -> None:
    _, out, _ = run(capsys, "search", "hassfurt", "--year", "2020")
    assert "MPSC Mashup" not in out
    code, out, _ = run(capsys, "search", "mashup", "--programme", "mpsc")
    assert code == 0 and "MPSC Mashup" in out


def test_search_without_hits(capsys) -> None:
    code, out, err = run(capsys, "search", "xyzzy", "plugh")
    assert code == 1
    assert out == ""
    assert err == "No matches for 'xyzzy plugh'.\n"


# --- extra data ---------------------------------------------------------------------------------------
def test_data_dir_adds_records(capsys, write_toml: WriteToml, data_dir: Path) -> None:
    write_toml(
        "musterstadt.toml",
        """
        [[review]]
        id = "musterstadt-2022"
        year = 2022
        title = "Jahresrückblick 2022"
        publisher = "Stadt Musterstadt"
        municipality = "Musterstadt"
        summary = "Rückblick auf das Digitalisierungsjahr 2022."

        [[event]]
        id = "e-2022-musterstadt-kick-off"
        title = "Auftakt der Digitalstrategie"
        date = "2022-03"
        summary = "Die Stadt stellt ihre Digitalstrategie vor."
        organisations = ["stadt-kaiserslautern"]
        sources = ["musterstadt-2022"]
        """,
    )
    payload = export_json(capsys, "--data", str(data_dir), "--year", "2022", "--kind", "event")
    assert [e["id"] for e in payload["event"]] == ["e-2022-musterstadt-kick-off"]
    code, out, _ = run(capsys, "search", "--data", str(data_dir), "digitalstrategie")
    assert code == 0
    assert out.splitlines()[0].split("\t")[:3] == ["Event", "Auftakt der Digitalstrategie", "2022"]
    code, _, err = run(capsys, "check", "--data", str(data_dir))
    assert code == 0, err


def test_user_data_folder_is_read(capsys, user_dirs) -> None:
    user_dirs.data.mkdir(parents=True)
    (user_dirs.data / "mine.toml").write_text('[[person]]\nid = "me"\nname = "Ich"\nsources = ["kl-2021"]\n')
    payload = export_json(capsys, "--kind", "person")
    assert "me" in {p["id"] for p in payload["person"]}


def test_broken_extra_data_is_reported_but_export_still_works(capsys, broken_dir: Path) -> None:
    code, out, err = run(capsys, "export", "--data", str(broken_dir), "--kind", "event")
    assert code == 0
    assert err == "3 problem(s) in the data; run 'herzlich-tui check' for details.\n"
    assert "e2" in {e["id"] for e in json.loads(out)["event"]}


def test_check_lists_at_most_200_problems_unless_asked_for_all(capsys, write_toml: WriteToml, data_dir: Path) -> None:
    write_toml("many.toml", "".join(f'[[event]]\nid = "e-{n}"\n\n' for n in range(250)))
    code, out, err = run(capsys, "check", str(data_dir))
    lines = err.splitlines()
    assert (code, out, len(lines)) == (1, "", 202)
    assert lines[-2] == "... and 800 more problem(s); 'check --all' lists every one."
    assert lines[-1] == "1 file(s) checked, 0 record(s) loaded, 1,000 problem(s)."
    code, _, err = run(capsys, "check", "--all", str(data_dir))
    assert code == 1 and len(err.splitlines()) == 1001


def test_the_browser_is_imported_with_the_collector_paused_and_what_it_made_frozen(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Textual and the interface make tens of thousands of lasting objects as they are imported: the cycle
    collector does not walk them while they are made, and they are moved out of its walks before the app
    starts (the app pauses it again until its first frame)."""
    import gc

    from herzlich_tui.ui import app as app_module

    seen: list[tuple[str, bool]] = []
    monkeypatch.setattr(app_module, "freeze_imports", lambda: seen.append(("frozen", gc.isenabled())))
    monkeypatch.setattr(app_module, "run", lambda **options: seen.append(("run", gc.isenabled())) or 0)
    monkeypatch.setenv("HERZLICH_TUI_FORCE_APP", "1")
    assert gc.isenabled()
    assert main([]) == 0
    assert seen == [("frozen", False), ("run", True)]


def test_the_app_paints_up_to_its_frame_rate_unless_textual_fps_says_otherwise(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Textual reads TEXTUAL_FPS once, when it is imported: the command line sets the app's rate before it
    imports the interface (a key's frames then wait less for the screen's tick), and keeps the user's own."""
    from herzlich_tui import cli
    from herzlich_tui.ui import app as app_module

    seen: list[str | None] = []
    monkeypatch.setattr(app_module, "run", lambda **options: seen.append(os.environ.get("TEXTUAL_FPS")) or 0)
    monkeypatch.setenv("HERZLICH_TUI_FORCE_APP", "1")
    monkeypatch.delenv("TEXTUAL_FPS", raising=False)
    assert main([]) == 0
    monkeypatch.setenv("TEXTUAL_FPS", "30")
    assert main([]) == 0
    assert seen == [str(cli.FRAME_RATE), "30"] and cli.FRAME_RATE > 60
