"""Messages sent up: from widgets to the screen, from the screen to the app, and from the app's workers to the
app. Widgets never reach into screens, and the screen never calls the app: it asks with a message."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from textual.message import Message

if TYPE_CHECKING:
    from collections.abc import Sequence

    from herzlich_tui.browse.state import ViewState
    from herzlich_tui.loading import LoadResult
    from herzlich_tui.model import Record
    from herzlich_tui.search import SearchIndex, Searching

__all__ = [
    "BookmarkRemoved",
    "BookmarkToggled",
    "CopyRequested",
    "DataLoaded",
    "ExportRequested",
    "FacetChosen",
    "FollowRecord",
    "LinkRequested",
    "LoadProgress",
    "StateChanged",
]


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
class StateChanged(Message):
    """The screen shows a new state (view, filters, search, sort): the app keeps it for the next start."""

    state: ViewState


@dataclass
class BookmarkToggled(Message):
    """The user bookmarked the highlighted record, or removed its bookmark (None: nothing highlighted)."""

    record: Record | None


@dataclass
class BookmarkRemoved(Message):
    """The user removed a bookmark from the list of bookmarks."""

    record_id: str


@dataclass
class CopyRequested(Message):
    """The user asked to copy the highlighted record as text (None: nothing highlighted)."""

    record: Record | None


@dataclass
class LinkRequested(Message):
    """The user asked to open the web address of the highlighted record (None: nothing highlighted)."""

    record: Record | None


@dataclass
class ExportRequested(Message):
    """The user asked to export the records of the current view, as filtered, in a format."""

    records: Sequence[Record]
    format: str
    title: str


@dataclass
class DataLoaded(Message):
    """Loading finished (in a worker); the screen can show the data."""

    result: LoadResult
    index: SearchIndex | None  # None: the index is still being built; a second DataLoaded brings it
    # Meanwhile, when the data was loaded again: the last data's index answers for what did not change
    interim: Searching | None = None


@dataclass
class DataGlimpsed(Message):
    """The first answer to the search while the data loads (in a worker): the files that hold its words,
    loaded alone, with their own search index (see glimpse.py). A DataLoaded follows."""

    result: LoadResult
    index: SearchIndex


class GlimpseLeft(Message):
    """The first answer to the search (DataGlimpsed) is no answer to what the screen shows now (another
    search, or a view it holds nothing for): the app gives the whole data, or the screen waits for it."""


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
