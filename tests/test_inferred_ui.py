"""What the dataset infers, on screen: detail pages mark inferred values with a style and a word and say
why; `o` opens a record's web address where the data gives one."""

from __future__ import annotations

from pathlib import Path

import pytest
from app_helpers import make_app, ready

from herzlich_tui import strings as S
from herzlich_tui.browse.blocks import blocks_to_text
from herzlich_tui.browse.pages import blocks_for
from herzlich_tui.model import Dataset, Event, Membership, Network, Organisation, PartialDate, Review
from herzlich_tui.ui import app as app_module
from herzlich_tui.ui.widgets.detail import DetailPane

R = ("r",)


def _dataset() -> Dataset:
    return Dataset(
        [
            Review(id="r", year=2021, title="R", publisher="P", municipality="M", summary="s"),
            Organisation(id="o1", name="Eins", type="city", sources=R),
            Organisation(id="o2", name="Zwei", type="city", sources=R, url="http://example.org"),
            Network(id="n", name="Netz", sources=R),
            Membership(
                id="m",
                network="n",
                year=2021,
                members=("o1",),
                members_complete=False,
                sources=R,
                inferred=("members",),
                basis="Nur gemeinsam genannt.",
            ),
            Event(
                id="e",
                title="Treffen",
                date=PartialDate.parse("2021-06"),
                summary="s",
                organisations=("o1",),
                people=(),
                sources=R,
                inferred=("organisations", "date"),
                basis="Der Text nennt es nicht.",
            ),
        ]
    )


def test_an_events_inferred_links_and_date_are_marked_and_explained() -> None:
    blocks = blocks_for(_dataset(), "e")
    heading = next(b for b in blocks if b.style == "heading" and b.text.startswith(S.KIND_PLURALS["organisation"]))
    assert heading.inferred and heading.text.endswith(f"· {S.INFERRED}")
    link = next(b for b in blocks if b.style == "link" and b.target == "o1")
    assert link.inferred
    meta = next(b for b in blocks if b.style == "meta")
    assert f"({S.INFERRED})" in meta.text  # the date, in the kind line
    text = blocks_to_text(blocks)
    assert S.DETAIL_INFERRED in text and "Der Text nennt es nicht." in text
    assert text.index(S.DETAIL_INFERRED) < text.index(S.DETAIL_SOURCES)  # said before the sources
    assert not any(b.inferred for b in blocks if b.style == "title")  # the title is the text's


def test_an_inferred_membership_marks_its_members() -> None:
    blocks = blocks_for(_dataset(), "n")
    said = next(b for b in blocks if b.style == "subnote" and b.inferred)
    assert S.INFERRED in said.text
    assert next(b for b in blocks if b.style == "link" and b.target == "o1").inferred


def test_a_record_without_inferences_has_no_marks() -> None:
    blocks = blocks_for(_dataset(), "o2")
    assert not any(b.inferred for b in blocks)
    assert S.DETAIL_INFERRED not in blocks_to_text(blocks)
    assert S.DETAIL_URL.format(url="http://example.org") in blocks_to_text(blocks)


def test_the_shipped_data_marks_what_it_infers(shipped_dataset: Dataset) -> None:
    marked = [r for r in shipped_dataset if r.inferred]
    assert len(marked) > 10
    for record in marked:
        blocks = blocks_for(shipped_dataset, record.id)
        assert any(b.inferred for b in blocks), record.id


def test_there_is_no_browser_without_a_display(monkeypatch: pytest.MonkeyPatch) -> None:
    import sys
    import webbrowser

    monkeypatch.setattr(sys, "platform", "linux")
    monkeypatch.delenv("DISPLAY", raising=False)
    monkeypatch.delenv("WAYLAND_DISPLAY", raising=False)
    monkeypatch.setattr(webbrowser, "open", lambda *a, **k: pytest.fail("a browser was started"))
    assert app_module.open_in_browser("http://example.org") is False


async def test_o_opens_the_web_address_of_the_record_shown(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    opened: list[str] = []
    monkeypatch.setattr(app_module, "open_in_browser", lambda url: opened.append(url) or True)
    app = make_app(tmp_path, view="people")
    notices: list[str] = []
    original = app.notify
    monkeypatch.setattr(app, "notify", lambda message, **kw: (notices.append(message), original(message, **kw)))
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await ready(pilot)
        await pilot.press("o")  # a person: no address
        await pilot.pause()
        assert any("has no web address" in n for n in notices) and not opened
        screen.follow("herzlich-digital")
        await pilot.pause()
        detail = screen.query_one(DetailPane)
        assert detail.record_id == "herzlich-digital"
        assert any("herzlich-digital.de" in text for text in detail.texts)
        await pilot.press("o")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert opened == ["http://www.herzlich-digital.de"]
        assert S.NOTICE_LINK_OPENED.format(url=opened[0]) in notices
        await pilot.press("q")
