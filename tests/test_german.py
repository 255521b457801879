"""The German interface: which language is spoken, German words and formats everywhere a user reads, the
catalogs complete and up to date, search in both languages, and switching in the running app."""

from __future__ import annotations

import argparse
import inspect
import os
import re
import tomllib
from pathlib import Path

import pytest
from app_helpers import make_app, ready
from textual.widgets import Footer

from herzlich_tui import catalogs, cli, i18n
from herzlich_tui import strings as S
from herzlich_tui.browse.labels import date_label
from herzlich_tui.browse.state import ViewState
from herzlich_tui.i18n import choose_language, language_from, set_language, translate
from herzlich_tui.loading.loader import load_files
from herzlich_tui.model import PartialDate
from herzlich_tui.settings import saved_language
from herzlich_tui.ui.screens.dialogs import HelpScreen
from herzlich_tui.ui.widgets.detail import DetailPane
from herzlich_tui.ui.widgets.view_bar import ViewBar

GERMAN_VIEWS = ["Zeitleiste", "Projekte", "Personen", "Netzwerke", "Übersicht"]


# --- which language ---------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("environment", "language"),
    [
        ({"LANG": "de_DE.UTF-8"}, "de"),
        ({"LANG": "de_AT.UTF-8"}, "de"),
        ({"LANG": "de"}, "de"),
        ({"LANG": "C.UTF-8"}, "en"),
        ({"LANG": "en_US.UTF-8"}, "en"),
        ({"LANG": "POSIX"}, "en"),
        ({}, "en"),
        ({"LANG": "fr_FR.UTF-8"}, "en"),
        ({"LANG": "en_US.UTF-8", "LC_MESSAGES": "de_DE.UTF-8"}, "de"),  # LC_MESSAGES over LANG
        ({"LC_MESSAGES": "en_GB.UTF-8", "LC_ALL": "de_CH.UTF-8"}, "de"),  # LC_ALL over LC_MESSAGES
        ({"LC_ALL": "de_DE.UTF-8", "LANGUAGE": "en_GB:de"}, "en"),  # LANGUAGE first, its first entry
        ({"LANGUAGE": "", "LANG": "de_DE.UTF-8"}, "de"),  # (an empty one says nothing)
    ],
)
def test_the_environment_decides(environment: dict[str, str], language: str) -> None:
    assert language_from(environment) == language


def test_the_command_line_then_the_setting_then_the_environment() -> None:
    german = {"LANG": "de_DE.UTF-8"}
    assert choose_language("en", "de", german) == "en"
    assert choose_language("", "en", german) == "en"
    assert choose_language("", "", german) == "de"
    assert choose_language("xx", "", {"LANG": "C.UTF-8"}) == "en"


def test_the_saved_language_is_read_without_a_fuss(user_dirs) -> None:
    settings = user_dirs.config / "settings.toml"
    assert saved_language() == ""
    settings.parent.mkdir(parents=True)
    settings.write_text('theme = "nord"\nlanguage = "de"\n', encoding="utf-8")
    assert saved_language() == "de"
    settings.write_text('language = "klingonisch"\n', encoding="utf-8")
    assert saved_language() == ""
    settings.write_text("language = [", encoding="utf-8")  # (the app sets a broken file aside, not this)
    assert saved_language() == "" and settings.exists()
    settings.unlink()
    os.mkfifo(settings)
    assert saved_language() == ""  # (and does not wait for a writer)


# --- the command line ---------------------------------------------------------------------------------
def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = cli.main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_the_help_speaks_german_in_a_german_environment(capsys, monkeypatch) -> None:
    monkeypatch.setenv("LANG", "de_DE.UTF-8")
    with pytest.raises(SystemExit):
        cli.main(["--help"])
    german = capsys.readouterr().out
    set_language("de")
    assert german.startswith(translate("usage: ", "de"))
    assert S.APP_DESCRIPTION.split()[0] in german
    assert S.CLI_HELP_LANG.split()[0] in german
    for english in ("usage:", "show this help message", "options:", "positional arguments"):
        assert english not in german


def test_lang_wins_over_the_environment(capsys, monkeypatch) -> None:
    monkeypatch.setenv("LANG", "de_DE.UTF-8")
    with pytest.raises(SystemExit):
        cli.main(["--lang", "en", "check", "--help"])
    assert capsys.readouterr().out.startswith("usage: ")
    monkeypatch.setenv("LANG", "C.UTF-8")
    with pytest.raises(SystemExit):
        cli.main(["check", "--help", "--lang=de"])
    assert capsys.readouterr().out.startswith(translate("usage: ", "de"))


@pytest.mark.parametrize("argv", [["--lan", "de"], ["--la=de"], ["search", "zzzq", "--lan", "de"]])
def test_lang_shortened_as_argparse_allows_is_heard(capsys, monkeypatch, argv: list[str]) -> None:
    monkeypatch.setenv("LANG", "C.UTF-8")
    code, _, err = run(capsys, *(argv if "search" in argv else [*argv, "search", "zzzq"]))
    assert code == 1
    set_language("de")
    assert err.strip() == S.CLI_NO_HITS.format(query="zzzq")


def test_argparse_errors_speak_german(capsys) -> None:
    with pytest.raises(SystemExit) as exit:
        cli.main(["--lang", "de", "--view", "nirgends"])
    assert exit.value.code == 2
    err = capsys.readouterr().err
    assert "invalid choice" not in err and "error:" not in err
    assert "nirgends" in err


def test_argparse_words_in_the_catalog_are_argparse_own() -> None:
    # Each is a message of the running Python's argparse, so that the catalog translates what it says.
    source = inspect.getsource(argparse)
    own = {m for _quote, m in re.findall(r"""_\((['"])(.*?)\1\)""", source)}
    own |= {m for _quote, m in re.findall(r"""ngettext\((['"])(.*?)\1""", source)}
    own |= {m for _quote, m in re.findall(r"""^\s+(['"])(expected %s arguments)\1""", source, re.M)}
    for message in S.messages()["ARGPARSE_MESSAGES"]:
        assert message.replace("\n", "\\n") in own, message


def test_check_speaks_german(capsys, write_toml, review_toml: str, data_dir: Path) -> None:
    path = write_toml("broken.toml", review_toml + '\n[[event]]\nid = "e-1"\ntitle = "X"\ndate = "2021-13"\n')
    code, _out, english = run(capsys, "--lang", "en", "check", str(path))
    assert code == 1
    code, _out, german = run(capsys, "--lang", "de", "check", str(path))
    assert code == 1
    assert german != english
    problems = load_files([(path, "user")]).problems
    assert problems
    set_language("de")
    for problem in problems:  # the shape stays: file:line: field: message
        assert str(problem) in german.splitlines()
        assert str(problem).startswith(f"{path}:")


@pytest.mark.parametrize("language", ["de", "en"])
@pytest.mark.parametrize("query", ["juni", "June", "Juni"])
def test_search_finds_june_in_either_language(capsys, language: str, query: str) -> None:
    code, out, _err = run(capsys, "--lang", language, "search", query)
    assert code == 0
    assert "Erprobung der Sirenenfunktionen der „Smarten Laternen“" in out


@pytest.mark.parametrize("language", ["de", "en"])
def test_month_and_season_words_of_both_languages_find_the_same_events(capsys, language: str) -> None:
    def events(query: str) -> set[str]:
        _code, out, _err = run(capsys, "--lang", language, "search", query, "--limit", "200")
        return {line.split("\t")[1] for line in out.splitlines() if line.split("\t")[-1] == S.FIELD_LABELS["date"]}

    set_language(language)
    march = events("März")
    assert "Covid-19-Pandemie verlangt schnelles Handeln" in march
    assert events("maerz") == events("march") == march
    summer = events("Sommer")
    assert summer and events("summer") == summer


# --- German words and formats ---------------------------------------------------------------------------
def test_german_dates_and_numbers() -> None:
    set_language("de")
    assert date_label(PartialDate.parse("2020-03-13")) == "13.03.2020"
    assert date_label(PartialDate.parse("2020-03-13"), long=True) == "13. März 2020"
    assert date_label(PartialDate.parse("2020-03")) == "März 2020"
    assert date_label(PartialDate.parse("2021-summer")) == "Sommer 2021"
    assert date_label(PartialDate.parse("2020-start")) == "Anfang 2020"
    assert date_label(PartialDate.parse("2021-end")) == "Ende 2021"
    assert i18n.number(100_000) == "100.000"
    assert i18n.number(17_000_000) == "17.000.000"
    set_language("en")
    assert date_label(PartialDate.parse("2020-03-13")) == "13 Mar 2020"
    assert date_label(PartialDate.parse("2021-summer")) == "Summer 2021"
    assert i18n.number(100_000) == "100,000"


def test_the_search_in_the_header_is_in_the_language_s_quotation_marks() -> None:
    dataset = load_files([]).dataset
    state = ViewState(view="timeline", query="digital")
    set_language("de")
    assert state.describe(dataset) == ["„digital“"]
    set_language("en")
    assert state.describe(dataset) == ["“digital”"]


def test_the_catalogs_are_up_to_date_and_complete(capsys) -> None:
    # Fails after strings.py changed: run `python -m herzlich_tui.catalogs` and translate what is new.
    assert catalogs.main(["--check"]) == 0, capsys.readouterr().err


def test_every_message_reads_as_gettext_reads_it() -> None:
    """The catalog is read without gettext (i18n.read_mo, for the first frame's time): every message of the
    .po file, with a context or without, is translated as gettext translates it."""
    import gettext

    from babel.messages.pofile import read_po

    with catalogs.po_file("de").open("rb") as handle:
        source = read_po(handle)
    reference = gettext.translation(i18n.DOMAIN, i18n.locale_dir(), languages=["de"])
    mo = i18n.locale_dir() / "de" / "LC_MESSAGES" / f"{i18n.DOMAIN}.mo"
    read = i18n.read_mo(mo.read_bytes())
    messages = [message for message in source if message.id]
    assert len(messages) > 300 and any(message.context for message in messages)
    for message in messages:
        if message.context:
            expected = reference.pgettext(message.context, message.id)
            made = i18n.C_(message.context, message.id)
        else:
            expected = reference.gettext(message.id)
            made = message.id
        assert translate(made, "de") == expected, message.id
        key = f"{message.context}\x04{message.id}" if message.context else message.id
        assert read.get(key, message.id) == expected


def test_a_damaged_catalog_leaves_the_messages_as_written(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    mo = i18n.locale_dir() / "de" / "LC_MESSAGES" / f"{i18n.DOMAIN}.mo"
    data = mo.read_bytes()
    folder = tmp_path / "de" / "LC_MESSAGES"
    folder.mkdir(parents=True)
    monkeypatch.setattr(i18n, "locale_dir", lambda: tmp_path)
    cut = data[: len(data) // 2]
    far = data[:16] + b"\xff\xff\xff\x0f" + data[20:]  # the translations placed past the end
    for damaged in (b"", b"not a catalog", data[:28], cut, far):
        (folder / f"{i18n.DOMAIN}.mo").write_bytes(damaged)
        monkeypatch.setattr(i18n, "_catalogs", {})
        assert translate(S.VIEW_LABELS["timeline"], "de") == S.VIEW_LABELS["timeline"], damaged[:40]
    (folder / f"{i18n.DOMAIN}.mo").write_bytes(data)
    monkeypatch.setattr(i18n, "_catalogs", {})
    assert translate(S.VIEW_LABELS["timeline"], "de") == "Zeitleiste"


# Words of the English messages that the German ones may hold too, each for a reason.
SHARED_WORDS = {
    # German words written as the English ones
    "a",
    "an",
    "in",
    "was",
    "rest",
    "link",
    "links",
    "argument",
    "option",
    "optional",
    "standard",
    "name",
    "organisation",
    "person",
    "programme",
    "team",
    "teams",
    "terminal",
    "terminals",
    "browser",
    "cache",
    "web",
    "export",
    "filter",
    "details",
    "problem",
    "zoom",
    "start",
    "status",
    "index",
    "version",
    "app",
    "text",
    "format",
    "minister",
    "digital",
    "kind",
    "ids",
    "id",
    "exit",
    "codes",
    "draft",
    "backspace",
    # the keys, as their caps read
    "enter",
    "escape",
    "tab",
    "shift",
    "ctrl",
    "home",
    "b",
    "c",
    "d",
    "e",
    "f",
    "g",
    "j",
    "k",
    "n",
    "o",
    "p",
    "q",
    "s",
    "x",
    "y",
    "z",
    # commands, outcome codes and formats, which scripts and the command line match as they are
    "check",
    "search",
    "new",
    "all",
    "skipped",
    "field",
    "ignored",
    "reference",
    "dropped",
    "file",
    "none",
    "json",
    "csv",
    "toml",
    "sarif",
    "markdown",
    "md",
    "svg",
    "html",
    "osc",
    "utf",
    "mib",
    "mb",
    "stdout",
    "stderr",
    "herzlich",
    "tui",
    "schema",
    "taplo",
    "yyyy",
    "mm",
    "dd",
    "end",
    "spring",
    "summer",
    "autumn",
    "winter",
    # languages by their own names, and the chooser that names both
    "de",
    "en",
    "english",
    "deutsch",
    "language",
    "sprache",
    # names: the example municipality of `new`, the city
    "musterstadt",
    "kaiserslautern",
    "ß",
}


def test_no_english_word_is_left_in_the_german_interface() -> None:
    """Every word of the German messages that is a word of the English ones (and not one German shares, or
    a term listed above) was left untranslated."""
    messages = [
        message
        for value in S.messages().values()
        for message in (value.values() if isinstance(value, dict) else value if isinstance(value, tuple) else [value])
        if isinstance(message, str) and message
    ]
    english = {word for message in messages for word in _words(message)}
    german = set()
    for message in messages:
        german |= _words(translate(message, "de"))
    left = sorted((english & german) - SHARED_WORDS)
    assert not left, left


def _words(text: str) -> set[str]:
    """The words of a message, without its placeholders, options (--data), metavariables (DIR, YEAR) and
    what it quotes ('herzlich-tui check') or writes as TOML ([[event]]): the same in every language."""
    text = re.sub(r"\[\[\w+\]\]|\{[^}]*\}|%\([^)]*\)[sdr]|%[sdr]|--[\w-]+|'[^']*'|\b[A-Z]{2,}\b", " ", text)
    return {word.lower() for word in re.findall(r"[A-Za-zÄÖÜäöüß]+", text)}


# --- the app ----------------------------------------------------------------------------------------------
async def test_the_app_speaks_german(tmp_path: Path) -> None:
    set_language("de")
    app = make_app(tmp_path, view="timeline")
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await ready(pilot)
        bar = str(screen.query_one(ViewBar).render())
        for word in GERMAN_VIEWS:
            assert word in bar
        assert "Timeline" not in bar
        screen.follow("e-2020-pandemie-corona-faq")
        await pilot.pause()
        details = _detail_text(screen)
        assert "13. März 2020" in details, details
        footer = screen.query_one(Footer)
        assert footer is not None
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        assert S.HELP_TITLE == translate("Keys", "de") != "Keys"
        await pilot.press("escape")


async def test_switching_the_language_says_every_screen_anew(tmp_path: Path, user_dirs) -> None:
    app = make_app(tmp_path, view="projects")
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await ready(pilot)
        record = screen.current
        assert "Projects" in str(screen.query_one(ViewBar).render())
        english_details = _detail_text(screen)
        english_keys = {b.binding.description for b in screen.active_bindings.values() if b.binding.show}
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"Sprache")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause(0.3)
        await pilot.press(*"Deutsch")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await ready(pilot)
        await pilot.pause(0.1)
        assert i18n.current_language() == "de"
        bar = str(screen.query_one(ViewBar).render())
        assert "Projekte" in bar and "Projects" not in bar
        assert screen.current == record  # the same record, said anew
        assert _detail_text(screen) != english_details
        german_keys = {b.binding.description for b in screen.active_bindings.values() if b.binding.show}
        assert german_keys != english_keys
        assert S.ACTION_QUIT in german_keys
        assert translate("Timeline", "de") in screen.sub_title or S.VIEW_LABELS["projects"] in screen.sub_title
        settings = tomllib.loads((user_dirs.config / "settings.toml").read_text(encoding="utf-8"))
        assert settings["language"] == "de"
        app.speak("en")
        await ready(pilot)
        await pilot.pause(0.1)
        assert "Projects" in str(screen.query_one(ViewBar).render())
        assert _detail_text(screen) == english_details
        await pilot.press("q")


def _detail_text(screen) -> str:
    return "\n".join(screen.query_one(DetailPane).texts)


async def test_a_notice_made_while_loading_speaks_the_language_shown(tmp_path: Path, user_dirs) -> None:
    """The settings are read before the app speaks to the user: their notice is shown in German."""
    settings = user_dirs.config / "settings.toml"
    settings.parent.mkdir(parents=True)
    settings.write_text("theme = [", encoding="utf-8")
    set_language("de")
    app = make_app(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        shown = [notice.message for notice in app._notifications]
        assert any("settings.toml" in message for message in shown), shown
        assert not any("unreadable" in message or "using defaults" in message for message in shown), shown
        await pilot.press("q")
