"""What the engine (browse/engine.py) works out for a state: the result a screen shows, and the options of
its facets with their live counts. Imported with the engine, once the first frame is drawn."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from rich.console import RenderableType

    from herzlich_tui.browse.rows import Rows
    from herzlich_tui.browse.state import ViewState
    from herzlich_tui.model import Record

__all__ = ["FacetOption", "ViewResult"]


@dataclass(frozen=True, slots=True)
class FacetOption:
    """One choice in a facet: its value (None for "all"), label and how many records it would show."""

    value: object
    label: str
    count: int


@dataclass(frozen=True, slots=True)
class ViewResult:
    """What the screen shows for a state. `records` holds the view's records (for the overview: every
    record that passes the filters)."""

    state: ViewState
    records: Sequence[Record]
    rows: Rows
    shown: int
    total: int
    terms: tuple[str, ...]
    overview: list[RenderableType] = field(default_factory=list)
    nothing: tuple[str, ...] = ()  # when nothing is listed: what the list says instead, line by line
