"""The CSS rules parsed up to the first frame are read back at the next start: it parses no CSS before its
first frame and draws the same screen; anything that would make the kept rules wrong parses again. (What the
first frame does not show is mounted after it, and its CSS parsed then.)"""

from __future__ import annotations

import os
import pickle
from pathlib import Path
from types import SimpleNamespace
from typing import NamedTuple

import pytest
from app_helpers import make_app, ready
from textual.css import stylesheet
from textual.css.model import RuleSet

from herzlich_tui.settings import Settings, StateStore
from herzlich_tui.ui import kept_css
from herzlich_tui.ui.kept_css import FILE_NAME, KeptStylesheet

posix_only = pytest.mark.skipif(not hasattr(os, "geteuid"), reason="owners and modes are POSIX")


@pytest.fixture
def parsed(monkeypatch: pytest.MonkeyPatch) -> list[object]:
    """Where each CSS text Textual parses comes from, in order."""
    seen: list[object] = []
    real = stylesheet.parse

    def parse(scope: str, css: str, read_from: object, *args: object, **kwargs: object) -> object:
        seen.append(read_from)
        return real(scope, css, read_from, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(stylesheet, "parse", parse)
    return seen


def described(rule: RuleSet) -> tuple[object, ...]:
    """A rule as values (a layout in a rule compares by identity: its repr stands for it)."""
    styles = {name: repr(value) for name, value in rule.styles.get_rules().items()}
    return (
        repr(rule.selector_set),
        styles,
        sorted(rule.styles.important),
        rule.is_default_rules,
        rule.tie_breaker,
        sorted(rule.selector_names),
        sorted(rule.pseudo_classes),
        rule.errors,
    )


class Start(NamedTuple):
    screen: str  # the screen once the data has loaded (an SVG)
    before_first_frame: list[object]  # where each CSS text parsed before the first frame comes from


async def start(tmp_path: Path, parsed: list[object]) -> Start:
    """Start the app on the shipped data and wait until it has loaded."""
    app = make_app(tmp_path)
    first: list[object] = []
    original = app._display

    def display(screen: object, renderable: object) -> None:
        original(screen, renderable)  # type: ignore[arg-type]
        if renderable is not None and not first:
            first.append(list(parsed))

    app._display = display  # type: ignore[method-assign]
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        assert isinstance(app.stylesheet, KeptStylesheet)
        return Start(app.export_screenshot(), first[0])


async def test_the_next_start_parses_no_css_and_draws_the_same(
    tmp_path: Path, user_dirs: SimpleNamespace, parsed: list[object], monkeypatch: pytest.MonkeyPatch
) -> None:
    tokenized: list[int] = []
    real = stylesheet.tokenize_values
    monkeypatch.setattr(stylesheet, "tokenize_values", lambda values: tokenized.append(len(values)) or real(values))
    first = await start(tmp_path, parsed)
    assert first.before_first_frame, "the first start parses the CSS"
    assert tokenized, "and tokenizes the theme's variables"
    assert (user_dirs.cache / FILE_NAME).is_file()
    parsed.clear()
    tokenized.clear()
    second = await start(tmp_path, parsed)
    assert second.before_first_frame == []
    assert tokenized == []
    assert second.screen == first.screen


async def test_kept_rules_style_the_screen_as_parsed_ones(
    tmp_path: Path, user_dirs: SimpleNamespace, parsed: list[object]
) -> None:
    await start(tmp_path, parsed)
    kept = make_app(tmp_path)
    async with kept.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        fresh = stylesheet.Stylesheet(variables=kept.get_css_variables())
        for read_from, (css, is_default, tie_breaker, scope) in kept.stylesheet.source.items():
            fresh.add_source(css, read_from=read_from, is_default_css=is_default, tie_breaker=tie_breaker, scope=scope)
        fresh.parse()
        assert [described(rule) for rule in kept.stylesheet.rules] == [described(rule) for rule in fresh.rules]


async def test_another_theme_parses_again(tmp_path: Path, user_dirs: SimpleNamespace, parsed: list[object]) -> None:
    await start(tmp_path, parsed)
    StateStore().save_settings(Settings(theme="nord"))
    parsed.clear()
    assert (await start(tmp_path, parsed)).before_first_frame, "the rules kept hold the default theme's colours"
    parsed.clear()
    assert (await start(tmp_path, parsed)).before_first_frame == [], "then nord's are kept, and read back"


async def test_a_new_textual_parses_again(
    tmp_path: Path, user_dirs: SimpleNamespace, parsed: list[object], monkeypatch: pytest.MonkeyPatch
) -> None:
    await start(tmp_path, parsed)
    parsed.clear()
    files = kept_css._textual_files()
    monkeypatch.setattr(kept_css, "_textual_files", lambda: ((files[0][0], files[0][1] + 1, files[0][2]), *files[1:]))
    assert (await start(tmp_path, parsed)).before_first_frame


async def test_changed_css_is_parsed_again(
    tmp_path: Path, user_dirs: SimpleNamespace, parsed: list[object], monkeypatch: pytest.MonkeyPatch
) -> None:
    await start(tmp_path, parsed)
    parsed.clear()
    from herzlich_tui.ui.widgets.record_list import RecordList

    monkeypatch.setattr(RecordList, "DEFAULT_CSS", RecordList.DEFAULT_CSS + "\nRecordList { height: 1fr; }\n")
    changed = await start(tmp_path, parsed)
    assert len(changed.before_first_frame) == 1
    assert "RecordList" in str(changed.before_first_frame[0])


@pytest.mark.parametrize("damage", [b"", b"not a pickle", pickle.dumps("a string"), pickle.dumps((1, 2, 3))])
async def test_a_damaged_file_is_parsed_again_and_replaced(
    tmp_path: Path, user_dirs: SimpleNamespace, parsed: list[object], damage: bytes
) -> None:
    first = await start(tmp_path, parsed)
    (user_dirs.cache / FILE_NAME).write_bytes(damage)
    parsed.clear()
    damaged = await start(tmp_path, parsed)
    assert damaged.screen == first.screen
    assert damaged.before_first_frame
    parsed.clear()
    assert (await start(tmp_path, parsed)).before_first_frame == [], "the damaged file was replaced"


@posix_only
async def test_a_file_others_can_write_is_not_read(
    tmp_path: Path, user_dirs: SimpleNamespace, parsed: list[object]
) -> None:
    await start(tmp_path, parsed)
    (user_dirs.cache / FILE_NAME).chmod(0o666)
    parsed.clear()
    assert (await start(tmp_path, parsed)).before_first_frame


async def test_no_cache_folder_no_kept_rules(tmp_path: Path, user_dirs: SimpleNamespace) -> None:
    app = make_app(tmp_path, cache_dir=None)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        assert not isinstance(app.stylesheet, KeptStylesheet)
    assert not (user_dirs.cache / FILE_NAME).exists()
