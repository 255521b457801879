"""The pieces of a detail page (browse/pages.py makes them from the data; the DetailPane widget shows them),
and their plain text for copying. Apart from the details, which need the model: the pane is on the first
frame, before the data is loaded."""

from __future__ import annotations

from dataclasses import dataclass, field

__all__ = ["Block", "blocks_to_text"]


@dataclass(frozen=True, slots=True)
class Block:
    """One piece of a detail page.

    `style` is one of: title, meta, id, match (where a search matched), heading, para, quote, link,
    columns, bar, note, and subnote (a note indented under the line before). A link carries the id it
    leads to; columns carry (heading, text) pairs. `field` names the record's field the block shows,
    where it shows one; `inferred` marks a value the dataset infers rather than the text states (shown
    in a style of its own, with a word saying so)."""

    style: str
    text: str = ""
    target: str = ""
    columns: tuple[tuple[str, str], ...] = field(default_factory=tuple)
    field: str = ""
    inferred: bool = False


def blocks_to_text(blocks: list[Block]) -> str:
    """Plain text of a detail page, for copying."""
    lines: list[str] = []
    for block in blocks:
        if block.style == "heading":
            lines += ["", block.text]
        elif block.style == "link":
            lines.append(f"  - {block.text}")
        elif block.style == "columns":
            lines += [f"  {head}: {body}" for head, body in block.columns]
        elif block.style == "subnote":
            lines.append(f"      {block.text}")
        else:
            lines.append(block.text)
    return "\n".join(lines).strip() + "\n"
