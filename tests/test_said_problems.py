"""Problems and notices are said: made from templates of strings.py with their values, in English as a str,
and in the language of the moment they are shown (a problem loaded in English and listed after a switch to
German reads German), also after a round trip through the load cache.

A stand-in catalog marks every message it is asked for in German with ‹ › and leaves the words English (so
that the tests read the same whatever the German catalog says): what is marked went through the German
template."""

from __future__ import annotations

import json
import pickle
from pathlib import Path

import pytest

from herzlich_tui import i18n, settings
from herzlich_tui import strings as S
from herzlich_tui.authoring.problem_formats import problems_json, problems_sarif
from herzlich_tui.cache import fingerprint, load_indexed, trusted_folder
from herzlich_tui.i18n import set_language
from herzlich_tui.loading import data_roots
from herzlich_tui.loading.problems import Problem
from herzlich_tui.model import KINDS
from herzlich_tui.settings import StateStore


@pytest.fixture
def german(monkeypatch: pytest.MonkeyPatch) -> None:
    """A German catalog that marks each message it translates, in its English: ‹message›."""
    monkeypatch.setattr(i18n, "translate", lambda message, language: message if language == "en" else f"‹{message}›")
    monkeypatch.setattr(S, "_TRANSLATED", {})  # (the tables read before, in no language of the stand-in)


BAD = """
[[event]]
id = "e1"
title = "Ein Ereignis"
date = "2021-02-30"
summary = "Ein Ereignis."
titel = "Tippfehler"
people = ["nobody"]
sources = ["r-test"]
"""


@pytest.fixture
def bad_roots(write_toml, review_toml: str, data_dir: Path) -> list[tuple[Path, str]]:
    write_toml("a.toml", review_toml + BAD)
    return data_roots([data_dir], shipped=False, user=False)


def by_key(problems: list[Problem]) -> dict[str, Problem]:
    return {problem.key: problem for problem in problems}


KIND_TABLES = ["KIND_WORDS", "KIND_WITH_ARTICLE", "KIND_WITH_NO", "KIND_WITH_THIS", "KIND_WITH_EACH"]


@pytest.mark.parametrize("table", KIND_TABLES)
def test_every_kind_has_its_phrase(table: str) -> None:
    assert list(S.messages()[table]) == list(KINDS)


def test_the_english_of_the_kind_phrases() -> None:
    assert S.said("KIND_WITH_ARTICLE.event") == "an event"
    assert S.said("KIND_WITH_ARTICLE.person") == "a person"
    assert S.said("KIND_WITH_NO.organisation") == "no organisation"


def test_problems_are_said_with_their_values(bad_roots) -> None:
    problems = by_key(load_indexed(bad_roots, None).result.problems)
    date, unknown, person = problems["event.date"], problems["event.titel"], problems["event.people"]
    for problem in (date, unknown, person):
        assert isinstance(problem.message, S.Said)
        assert problem.message.name == "PROBLEM_OF_RECORD"
        assert problem.message.values["id"] == "e1"
    assert date.message == "'e1': '2021-02-30': day 30 does not exist in Feb 2021"
    assert date.message.values["problem"].name == "DATE_ERRORS.day"
    assert unknown.message.values["problem"].name == "PROBLEM_UNKNOWN_FIELD"
    assert unknown.message.values["problem"].values["hint"].name == "PROBLEM_DID_YOU_MEAN"
    assert person.message == "'e1': no person has the id 'nobody'"
    assert person.message.values["problem"].values["no_kind"].name == "KIND_WITH_NO.person"


def test_a_problem_loaded_in_english_lists_in_german(bad_roots, german) -> None:
    problem = by_key(load_indexed(bad_roots, None).result.problems)["event.titel"]
    english = str(problem)
    assert english.endswith("event.titel: 'e1': unknown field 'titel'; did you mean 'title'?")
    set_language("de")
    # every part through its German template, the hint inside the message too
    assert str(problem).endswith("event.titel: ‹'e1': ‹unknown field 'titel'‹; did you mean 'title'?›››")
    assert problem.message == english.split("event.titel: ")[1]  # (as a str: the English)
    set_language("en")
    assert str(problem) == english


def test_a_problem_read_back_from_the_cache_is_said(bad_roots, tmp_path: Path, german) -> None:
    cold = load_indexed(bad_roots, tmp_path / "cache")
    warm = load_indexed(bad_roots, tmp_path / "cache")
    assert not cold.from_cache and warm.from_cache
    assert warm.result.problems == cold.result.problems
    for before, after in zip(cold.result.problems, warm.result.problems, strict=True):
        assert isinstance(after.message, S.Said)
        assert (after.message.name, after.message.values) == (before.message.name, before.message.values)
    date = by_key(warm.result.problems)["event.date"]
    set_language("de")
    assert str(date).endswith("‹'e1': ‹'2021-02-30': day 30 does not exist in Feb. 2021››")  # (CLDR's German month)


def test_months_and_numbers_are_spelt_in_the_language_shown() -> None:
    month, count = S.month(3, "abbreviated"), S.number(20000)
    assert (month, count) == ("Mar", "20,000")
    assert (month.said_in("de"), count.said_in("de")) == ("März", "20.000")
    said = pickle.loads(pickle.dumps(S.said("PROBLEM_TEXT_TOO_LONG", length=count, limit=count)))
    assert said.said_in("en") == "text of 20,000 characters is longer than the limit of 20,000"
    assert said.said_in("de").count("20.000") == 2 and "20,000" not in said.said_in("de")


def test_a_list_of_values_is_said_item_by_item(german) -> None:
    meant = S.said("PROBLEM_UNKNOWN_FIELD_MEANT", key="titel", option="title")
    message = S.said("PROBLEM_UNKNOWN_FIELDS", keys=("'x'", meant))
    assert message == "unknown fields 'x', 'titel' (did you mean 'title'?)"
    set_language("de")
    assert str(message) == "‹unknown fields 'x', ‹'titel' (did you mean 'title'?)››"


def test_check_formats_give_the_message_in_the_language_shown(bad_roots, german) -> None:
    problems = load_indexed(bad_roots, None).result.problems
    set_language("de")
    listed = json.loads(problems_json(problems, files=1, records=1))["problems"]
    assert all(entry["message"].startswith("‹") for entry in listed)
    results = json.loads(problems_sarif(problems))["runs"][0]["results"]
    assert all("‹" in result["message"]["text"] for result in results)


def test_the_cache_key_is_the_same_in_every_language(tmp_path: Path, german) -> None:
    roots = [(tmp_path / "missing", "extra")]  # (a problem of its own: no such folder)
    english = fingerprint(roots)
    set_language("de")
    assert fingerprint(roots) == english


def test_settings_notices_are_said(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, german) -> None:
    config = tmp_path / "c"
    config.mkdir()
    (config / "settings.toml").write_text("theme = 5\n")
    monkeypatch.setattr(settings.time, "strftime", lambda _format: "20260101-000000")
    store = StateStore(config, tmp_path / "s")
    store.load_settings()
    [notice] = store.notices
    path = config / "settings.toml"
    assert notice == f"{path} was unreadable (theme must be text); kept as {path}.bad-20260101-000000, using defaults."
    set_language("de")
    assert str(notice) == (
        f"‹‹{path} was unreadable (‹theme must be text›)›; kept as {path}.bad-20260101-000000, using defaults.›"
    )


def test_the_cache_folder_notice_is_said(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, german) -> None:
    monkeypatch.setattr("herzlich_tui.cache._owners", lambda: (-1,))
    why = trusted_folder(tmp_path / "cache")
    assert why == f"the cache folder {tmp_path / 'cache'} belongs to another user"
    set_language("de")
    assert str(why) == f"‹the cache folder {tmp_path / 'cache'} belongs to another user›"


def test_a_translation_that_does_not_fit_gives_way_to_the_english(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(i18n, "translate", lambda message, language: "{kye!r} {" if language == "de" else message)
    message = S.said("PROBLEM_UNKNOWN_FIELD", key="titel", hint="")
    set_language("de")
    assert str(message) == "unknown field 'titel'"
