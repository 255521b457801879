"""Messages sent up: from widgets to the screen, from the screen to the app, and from the app's workers to the
app. Widgets never reach into screens, and the screen never calls the app: it asks with a message."""

from __future__ import annotations

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
    "DataGlimpsed",
    "DataLoaded",
    "ExportRequested",
    "FacetChosen",
    "FollowRecord",
    "GlimpseLeft",
    "LinkRequested",
    "LoadProgress",
    "StateChanged",
]


class FollowRecord(Message):
    """The user followed a link to a record."""

    def __init__(self, record_id: str) -> None:
        super().__init__()
        self.record_id = record_id


class FacetChosen(Message):
    """The user picked a value in the filter panel. `value` None means "all"."""

    def __init__(self, facet: str, value: object) -> None:
        super().__init__()
        self.facet = facet
        self.value = value


class StateChanged(Message):
    """The screen shows a new state (view, filters, search, sort): the app keeps it for the next start."""

    def __init__(self, state: ViewState) -> None:
        super().__init__()
        self.state = state


class BookmarkToggled(Message):
    """The user bookmarked the highlighted record, or removed its bookmark (None: nothing highlighted)."""

    def __init__(self, record: Record | None) -> None:
        super().__init__()
        self.record = record


class BookmarkRemoved(Message):
    """The user removed a bookmark from the list of bookmarks."""

    def __init__(self, record_id: str) -> None:
        super().__init__()
        self.record_id = record_id


class CopyRequested(Message):
    """The user asked to copy the highlighted record as text (None: nothing highlighted)."""

    def __init__(self, record: Record | None) -> None:
        super().__init__()
        self.record = record


class LinkRequested(Message):
    """The user asked to open the web address of the highlighted record (None: nothing highlighted)."""

    def __init__(self, record: Record | None) -> None:
        super().__init__()
        self.record = record


class ExportRequested(Message):
    """The user asked to export the records of the current view, as filtered, in a format."""

    def __init__(self, records: Sequence[Record], format: str, title: str) -> None:
        super().__init__()
        self.records = records
        self.format = format
        self.title = title


class DataLoaded(Message):
    """Loading finished (in a worker); the screen can show the data."""

    def __init__(self, result: LoadResult, index: SearchIndex | None, interim: Searching | None = None) -> None:
        super().__init__()
        self.result = result
        self.index = index  # None: the index is still being built; a second DataLoaded brings it
        # Meanwhile, when the data was loaded again: the last data's index answers for what did not change
        self.interim = interim


class DataGlimpsed(Message):
    """The first answer to the search while the data loads (in a worker): the files that hold its words,
    loaded alone, with their own search index (see glimpse.py). A DataLoaded follows."""

    def __init__(self, result: LoadResult, index: SearchIndex) -> None:
        super().__init__()
        self.result = result
        self.index = index


class GlimpseLeft(Message):
    """The first answer to the search (DataGlimpsed) is no answer to what the screen shows now (another
    search, or a view it holds nothing for): the app gives the whole data, or the screen waits for it."""


class LoadProgress(Message):
    """How far the loader (in a worker) is with reading the data files: `done` of `total` bytes."""

    def __init__(self, done: int, total: int) -> None:
        super().__init__()
        self.done = done
        self.total = total

    @property
    def percent(self) -> int:
        return percent(self.done, self.total)


def percent(done: int, total: int) -> int:
    """How much of `total` is done, in whole percent (100 for nothing to do)."""
    return done * 100 // total if total else 100
