"""`check --format json|sarif`: every problem on stdout for editors and CI, with its line, column where
known, and what happened to its record; the summary on stderr; exit codes as for the text."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from cli_helpers import run

from herzlich_tui import __version__
from herzlich_tui import strings as S
from herzlich_tui.authoring.problem_formats import SARIF_RULES
from herzlich_tui.loading.problems import OUTCOMES

WriteToml = Callable[[str, str], Path]


@pytest.fixture
def broken(write_toml: WriteToml, review_toml: str, data_dir: Path) -> Path:
    write_toml("review.toml", review_toml)
    write_toml("syntax.toml", '[[event]]\nid = "e-broken"\ntitle =\n')
    write_toml(
        "fields.toml",
        """
        [[event]]
        id = "e1"
        title = "T"
        date = "2021-02-30"
        summary = "s"
        people = ["ana"]
        sources = ["r-test"]

        [[person]]
        id = "anna"
        name = "Anna"
        rolle = "Chefin"
        sources = ["r-test"]
        """,
    )
    return data_dir


EXPECTED = [
    # (file, line, column, key, outcome)
    ("fields.toml", 4, None, "event.date", "skipped"),
    ("fields.toml", 6, None, "event.people", "skipped"),
    ("fields.toml", 12, None, "person.rolle", "field ignored"),
    ("syntax.toml", 3, 8, None, "file skipped"),
]


def test_json(capsys, broken: Path) -> None:
    code, out, err = run(capsys, "check", "--format", "json", str(broken))
    assert code == 1
    payload = json.loads(out)
    assert (payload["herzlich_tui"], payload["files"], payload["records"]) == (__version__, 3, 2)
    problems = payload["problems"]
    assert [(Path(p["path"]).name, p["line"], p["column"], p["key"], p["outcome"]) for p in problems] == EXPECTED
    assert problems[0]["message"] == "'e1': '2021-02-30': day 30 does not exist in Feb 2021"
    assert problems[2]["path"] == str(broken / "fields.toml")
    # stderr: the summary alone, as for the text
    assert err == "3 file(s) checked, 2 record(s) loaded, 4 problem(s).\n"


def test_text_keeps_its_shape(capsys, broken: Path) -> None:
    code, out, err = run(capsys, "check", "--format", "text", str(broken))
    assert (code, out) == (1, "")
    assert err.splitlines()[2] == f"{broken}/fields.toml:12: person.rolle: 'anna': unknown field 'rolle'"
    assert run(capsys, "check", str(broken)) == (code, out, err)


def test_sarif(capsys, broken: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(broken.parent)
    code, out, err = run(capsys, "check", "-f", "sarif", "data")
    assert code == 1 and err.endswith("4 problem(s).\n")
    log = json.loads(out)
    assert log["version"] == "2.1.0" and log["$schema"].endswith("sarif-2.1.0.json")
    (only,) = log["runs"]
    driver = only["tool"]["driver"]
    assert (driver["name"], driver["version"]) == ("herzlich-tui", __version__)
    rules = [rule["id"] for rule in driver["rules"]]
    results = only["results"]
    assert [r["ruleId"] for r in results] == ["record-skipped", "record-skipped", "field-ignored", "file-skipped"]
    assert all(rules[r["ruleIndex"]] == r["ruleId"] and r["level"] == "error" for r in results)
    first, _, _, syntax = results
    location = first["locations"][0]["physicalLocation"]
    assert location == {"artifactLocation": {"uri": "data/fields.toml"}, "region": {"startLine": 4}}
    assert syntax["locations"][0]["physicalLocation"]["region"] == {"startLine": 3, "startColumn": 8}
    assert first["message"]["text"] == "event.date: 'e1': '2021-02-30': day 30 does not exist in Feb 2021"
    assert first["properties"] == {"outcome": "skipped", "key": "event.date"}


def test_absolute_paths_are_file_uris(capsys, broken: Path) -> None:
    (broken / "a b ü.toml").write_text("[[evnt]]\n", encoding="utf-8")
    code, out, _ = run(capsys, "check", "-f", "sarif", str(broken / "a b ü.toml"))
    assert code == 1
    (result,) = json.loads(out)["runs"][0]["results"]
    assert result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == ((broken / "a b ü.toml").as_uri())
    assert "%20" in result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]


def test_clean_data(capsys) -> None:
    code, out, err = run(capsys, "check", "--format", "json")
    assert code == 0
    assert json.loads(out)["problems"] == []
    assert err.endswith("no problems.\n")
    code, out, _ = run(capsys, "check", "--format", "sarif")
    assert code == 0 and json.loads(out)["runs"][0]["results"] == []


def test_every_problem_is_listed(capsys, write_toml: WriteToml, data_dir: Path) -> None:
    """The text lists 200 problems unless asked for all; a program gets every one."""
    write_toml("many.toml", "".join(f'[[event]]\nid = "e-{n}"\n\n' for n in range(250)))
    code, out, err = run(capsys, "check", "--format", "json", str(data_dir))
    assert code == 1 and len(json.loads(out)["problems"]) == 1000
    assert "more problem(s)" not in err


def test_raw_values_in_json_and_safe_bytes_on_the_terminal(capsys, write_toml: WriteToml, data_dir: Path) -> None:
    """A key holding an escape sequence and a bidi control comes out as it is in the data (JSON escapes
    it), while the text on the terminal holds neither raw."""
    key = "x\x1b]0;T\x07\u202e\x9b"
    write_toml("k.toml", f'[[person]]\nid = "p1"\nname = "P"\nsources = ["kl-2021"]\n"{json.dumps(key)[1:-1]}" = 1\n')
    code, out, err = run(capsys, "check", "--format", "json", str(data_dir / "k.toml"))
    assert code == 1 and err.endswith("1 problem(s).\n")
    assert not any(c in out for c in "\x1b\x07\u202e\x9b")
    (problem,) = json.loads(out)["problems"]
    assert problem["key"] == f"person.{key}"
    assert problem["outcome"] == "field ignored"
    code, out, _ = run(capsys, "check", "--format", "sarif", str(data_dir / "k.toml"))
    assert not any(c in out for c in "\x1b\x07\u202e\x9b")
    assert json.loads(out)["runs"][0]["results"][0]["properties"]["key"] == f"person.{key}"


def test_each_outcome_has_a_sarif_rule_and_its_words() -> None:
    assert list(SARIF_RULES) == list(OUTCOMES) == list(S.CHECK_SARIF_RULES)


def test_an_unknown_format_is_a_usage_error(capsys) -> None:
    code, _, err = run(capsys, "check", "--format", "xml")
    assert code == 2 and "invalid choice: 'xml'" in err
