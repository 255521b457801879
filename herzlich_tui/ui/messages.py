"""Messages that widgets send up to the screen and app. Widgets never reach into screens."""

from __future__ import annotations

from dataclasses import dataclass

from textual.message import Message

from herzlich_tui.loading import LoadResult
from herzlich_tui.search import SearchIndex
from herzlich_tui.ui.rows import Row

__all__ = ["DataLoaded", "FacetChosen", "FollowRecord", "SnapshotReady"]


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
class SnapshotReady(Message):
    """The rows last shown for the starting state, from the cache: shown until the data has loaded."""

    rows: list[Row]
    counts: tuple[int, int]
