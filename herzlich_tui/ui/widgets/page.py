"""A record's page laid out for the detail pane: the parts the blocks of browse/blocks.py make (a line of
text, a link to a record, or columns side by side), the component classes that style each, and the room
around their text. Imported with the first page shown: the pane is on the first frame, empty, before the
data."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from itertools import pairwise
from typing import TYPE_CHECKING, Literal

from rich.text import Text

if TYPE_CHECKING:
    from herzlich_tui.browse.blocks import Block

__all__ = ["LINK", "PageLink", "Part", "Room", "column_widths", "parts", "room"]

LINK = "detail--link"  # the component class of a link (its looks are in DetailPane's DEFAULT_CSS)
INFERRED = "detail--inferred"


@dataclass(frozen=True, slots=True)
class Room:
    """The blank cells around a part's text: lines above it, cells left and right of it."""

    top: int = 0
    left: int = 0
    right: int = 0


# The room of each kind of part, by its component class; a kind not named here has none.
ROOMS = {
    "detail--title": Room(top=1),
    "detail--heading": Room(top=1),
    "detail--para": Room(top=1),
    "detail--quote": Room(top=1, left=2, right=2),
    "detail--subnote": Room(left=6),
    LINK: Room(left=2, right=1),
}
NO_ROOM = Room()
COLUMN_GAP = 1  # blank cells right of each column


@dataclass(frozen=True, slots=True)
class Part:
    """A piece of a page: a line of text (a link when it has a target) or columns side by side, with the
    component classes that style it (its kind first)."""

    kind: Literal["line", "columns"]
    texts: tuple[Text, ...]
    classes: tuple[str, ...] = ()
    target: str = ""


@dataclass(frozen=True, slots=True)
class PageLink:
    """A link on the page: the record it leads to, and the lines it is drawn on."""

    target: str
    top: int
    height: int


def room(part: Part) -> Room:
    return ROOMS.get(part.classes[0], NO_ROOM) if part.classes else NO_ROOM


def parts(blocks: list[Block], *, stacked: bool) -> Iterator[Part]:
    """The parts of a page. With `stacked`, columns are shown one under the other."""
    for block in blocks:
        marks = (INFERRED,) if block.inferred else ()
        if block.style == "link":
            yield Part("line", (Text("→ " + block.text),), (LINK, *marks), block.target or "")
        elif block.style == "columns" and stacked:
            for head, body in block.columns:
                yield Part("line", (Text.assemble((head + "\n", "bold"), body),), ("detail--para",))
        elif block.style == "columns":
            columns = tuple(Text.assemble((head + "\n", "bold"), body) for head, body in block.columns)
            yield Part("columns", columns)
        else:
            yield Part("line", (Text(block.text),), (f"detail--{block.style}", *marks))


def column_widths(width: int, count: int) -> list[int]:
    """`width` cells shared by `count` columns of equal share, the odd cells going to the later ones."""
    edges = [width * index // count for index in range(count + 1)]
    return [right - left for left, right in pairwise(edges)]
