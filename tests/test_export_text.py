"""The pieces of the exports' text that are put together by hand, held to what the libraries they stand in
for write: the Markdown report's escaping of text."""

from __future__ import annotations

import random

from herzlich_tui.browse.report import _md


def _md_as_it_was(text: str) -> str:
    out = []
    for char in text.replace("\n", " "):
        out.append("\\" + char if char in "\\`*_[]<>#|" else char)
    return "".join(out)


def test_markdown_escapes_what_it_escaped() -> None:
    rng = random.Random(3)
    alphabet = "ab\\`*_[]<>#|\n\r äg„\ud800x\\1\\g<0>&"
    for _ in range(5000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 24)))
        assert _md(text) == _md_as_it_was(text), text
