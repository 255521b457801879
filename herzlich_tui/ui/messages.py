"""Messages that widgets send up to the screen and app. Widgets never reach into screens."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from textual.message import Message

if TYPE_CHECKING:
    from herzlich_tui.loading import LoadResult
    from herzlich_tui.search import SearchIndex

__all__ = ["DataLoaded", "FacetChosen", "FollowRecord", "LoadProgress"]


@dataclass
class FollowRecord(Message):
    """The user followed a link to a record."""

    record_id: str


@dataclass
class FacetChosen(Message):
    """The user picked a value in the filter panel. `value` None means "all"."""

    facet: str
    value: object


@dataclass
class DataLoaded(Message):
    """Loading finished (in a worker); the screen can show the data."""

    result: LoadResult
    index: SearchIndex | None  # None: the index is still being built; a second DataLoaded brings it


@dataclass
class LoadProgress(Message):
    """How far the loader (in a worker) is with reading the data files: `done` of `total` bytes."""

    done: int
    total: int

    @property
    def percent(self) -> int:
        return percent(self.done, self.total)


def percent(done: int, total: int) -> int:
    """How much of `total` is done, in whole percent (100 for nothing to do)."""
    return done * 100 // total if total else 100
