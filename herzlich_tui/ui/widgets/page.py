"""The widgets of a record's page in the detail pane: lines of text, links to records and columns, made
from the blocks of browse/blocks.py. Imported with the first page shown: the pane is on the first frame,
empty, before the data."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal, cast

from rich.text import Text
from textual import events
from textual.containers import Horizontal
from textual.geometry import Size
from textual.widget import Widget
from textual.widgets import Static

from herzlich_tui.ui.messages import FollowRecord

if TYPE_CHECKING:
    from herzlich_tui.browse.blocks import Block

__all__ = ["Line", "Part", "fits", "make", "parts", "refill"]


class Line(Static):
    """A line of the page (a paragraph, a heading, a column), or a link to another record (`target` set,
    class -link).

    Links and text are one kind of widget, so that the pane can give any line of the next record's page to
    any line of the last one (see DetailPane.show): a page of another shape then needs no widget removed or
    made, which cost Textual a layout, and a frame, of its own.

    Textual lays the screen out a second time after any widget whose scrollable size a layout changed,
    which for a line of text is never needed: its place and height came from the first layout. Without
    the second, a page shown for the next record takes one frame less (docs/performance.md).

    The pane marks the link its cursor is on (-cursor), and that it has the focus (-focused): a rule on the
    pane's own :focus would not restyle the link when the focus goes."""

    # The lines of a page by their classes (set by `parts`), placed in the pane: the rules are read when the
    # first line is mounted, with the first page shown (the pane is on the first frame, empty).
    SCOPED_CSS = False
    DEFAULT_CSS = """
    DetailPane {
        & > .detail--title { text-style: bold; color: $text; padding-top: 1; }
        & > .detail--meta { color: $text-secondary; }
        & > .detail--id { color: $text-disabled; }
        & > .detail--match { color: $warning; text-style: italic; }
        & > .detail--heading { color: $accent; text-style: bold; padding-top: 1; }
        & > .detail--para { padding: 1 0 0 0; }
        & > .detail--quote { color: $text; text-style: italic; padding: 1 2 0 2; }
        & > .detail--note { color: $text-muted; }
        & > .detail--subnote { color: $text-muted; padding-left: 6; }
        & > .detail--bar { color: $success; }
        & > .-inferred { text-style: italic; color: $text-secondary; }
        & > .detail--heading.-inferred { text-style: bold italic; }
        & > Horizontal.detail--columns { height: auto; }
        & > Horizontal.detail--columns > Static { width: 1fr; padding: 0 1 0 0; }
        & > Horizontal.detail--columns > Static.detail--column-head { text-style: bold; }
        & > .-link {
            padding: 0 1 0 2;
            color: $text-primary;
            &:hover { text-style: underline; background: $boost; }
            &.-cursor { background: $block-cursor-blurred-background; }
            &.-cursor.-focused { background: $block-cursor-background; color: $block-cursor-foreground; }
            &.-inferred { text-style: italic; color: $text-secondary; }
        }
    }
    """

    def __init__(self, text: Text, *, target: str = "", classes: str = "") -> None:
        super().__init__(text, markup=False, classes=classes)
        self.target = target

    def _size_updated(self, size: Size, virtual_size: Size, container_size: Size, layout: bool = True) -> bool:
        return super()._size_updated(size, virtual_size, container_size, layout=False)

    def on_click(self, event: events.Click) -> None:
        if self.target:
            event.stop()
            self.post_message(FollowRecord(self.target))


@dataclass(frozen=True, slots=True)
class Part:
    """One widget of a page: a line (of text, or a link when it has a target) or columns side by side, with
    its classes."""

    kind: Literal["line", "columns"]
    texts: tuple[Text, ...]
    classes: str = ""
    target: str = ""


def parts(blocks: list[Block], *, stacked: bool) -> Iterator[Part]:
    for block in blocks:
        if block.style == "link":
            classes = "-link -inferred" if block.inferred else "-link"
            yield Part("line", (Text("→ " + block.text),), classes, block.target or "")
        elif block.style == "columns" and stacked:
            for head, body in block.columns:
                yield Part("line", (Text.assemble((head + "\n", "bold"), body),), "detail--para")
        elif block.style == "columns":
            columns = tuple(Text.assemble((head + "\n", "bold"), body) for head, body in block.columns)
            yield Part("columns", columns, "detail--columns")
        else:
            classes = f"detail--{block.style} -inferred" if block.inferred else f"detail--{block.style}"
            yield Part("line", (Text(block.text),), classes)


def make(part: Part) -> Widget:
    if part.kind == "columns":
        return Horizontal(*(Line(text) for text in part.texts), classes=part.classes)
    return Line(part.texts[0], target=part.target, classes=part.classes)


def fits(widget: Widget, part: Part) -> bool:
    """Whether `widget` can show `part` once given its text (see `refill`)."""
    if part.kind == "columns":
        return type(widget) is Horizontal and len(widget.children) == len(part.texts)
    return type(widget) is Line


def refill(widget: Widget, part: Part) -> None:
    if part.kind == "columns":
        for column, text in zip(widget.children, part.texts, strict=True):
            cast(Line, column).update(text)
    else:
        line = cast(Line, widget)
        line.update(part.texts[0])
        line.target = part.target
    if widget.classes != frozenset(part.classes.split()):
        widget.set_classes(part.classes)
    widget.display = True
