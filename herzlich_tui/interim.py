"""Searching data loaded again (a saved file) while its own search index is built: the index of the data
loaded before answers for the records that did not change, and an index of the changed records (with the
records that name one of them, which a search finds by its name) for those: the answer is the new index's.
The screen says the index is being built meanwhile.
"""

from __future__ import annotations

from array import array
from itertools import compress

from herzlich_tui.model import Dataset, Record, outgoing_refs
from herzlich_tui.model.masks import scatter, union
from herzlich_tui.search import SearchIndex, Searching

__all__ = ["FEW_CHANGED", "MOST_CHANGED", "InterimIndex", "interim_index"]

# When more of the records than this share changed, the interim index would be most of a new one: none is
# made (the list shows every record under the search until the new index is there, as on a first start).
MOST_CHANGED = 0.1
FEW_CHANGED = 1000  # (records: indexed in moments, whatever their share)


def interim_index(dataset: Dataset, last: Dataset, before: Searching) -> InterimIndex | None:
    """An interim index of `dataset` (see InterimIndex), or None when too much of it changed."""
    if isinstance(before, InterimIndex):
        # (A file saved again while the index was being built: the answer stays the first index's.)
        last, before = before.last, before.before
    made = InterimIndex(dataset, last, before)
    return made if made.changed <= max(MOST_CHANGED * len(dataset), FEW_CHANGED) else None


class InterimIndex:
    """Answers `match_mask` over `dataset` (the data loaded again) from the `before` index of the `last`
    data for every record that did not change (the same object, or one equal to it: a load from the
    cache makes every record again), and from an index of its own for the rest: the records that changed,
    and those that name a record that changed (a search finds a record by the names of those it names).
    Suggestions come from the last index. `changed`: how many records its own index holds."""

    def __init__(self, dataset: Dataset, last: Dataset, before: Searching) -> None:
        self.last, self.before = last, before
        self._size = len(dataset)
        was = {id(record): place for place, record in enumerate(last)}
        by_id = {record.id: place for place, record in enumerate(last)}
        old = list(last)
        # Where each record of the last data is now (-1: gone or changed), and the places of the rest.
        self._moved = moved = array("q", [-1]) * len(last)
        fresh: list[int] = []
        renamed: list[str] = []  # (ids of records whose name changed: those that name them change too)
        for place, record in enumerate(dataset):
            at = was.get(id(record))
            if at is None and (at := by_id.get(record.id)) is not None and old[at] != record:
                if old[at].label != record.label:
                    renamed.append(record.id)
                at = None
            if at is None:
                fresh.append(place)
            else:
                moved[at] = place
        records = list(dataset)
        if renamed:
            place_of = {id(record): place for place, record in enumerate(records)}
            naming = {place_of[id(r)] for record_id in renamed for r in dataset.referrers(record_id)}
            naming.difference_update(fresh)
            for place in naming:
                moved[by_id[records[place].id]] = -1
            fresh.extend(sorted(naming))
        changed = [records[place] for place in fresh]
        self.changed = len(changed)
        self._own: SearchIndex | None = None
        self._own_places: array | None = None
        if changed:
            # The changed records with the records they name, whose names they are found by too.
            named = {ref for record in changed for ref in outgoing_refs(record)}
            named.difference_update(record.id for record in changed)
            linked: list[Record] = [target for ref in named if (target := dataset.get(ref)) is not None]
            self._own = SearchIndex(Dataset(changed + linked))
            here = {id(record): place for place, record in zip(fresh, changed, strict=True)}
            # (The changed records' places, in the order of that index's dataset, which sorts them its own
            # way; -1 for the records they name, answered by the last index.)
            self._own_places = array("q", (here.get(id(record), -1) for record in self._own.dataset))

    def match_mask(self, query: str) -> bytes | None:
        found = self.before.match_mask(query)
        if found is None:
            return None
        if len(found) != len(self._moved):  # (not the last data's index: never an answer of other data)
            return None
        masks = [scatter(self._size, filter((0).__le__, compress(self._moved, found)))]
        if self._own is not None and self._own_places is not None:
            own = self._own.match_mask(query)
            if own is not None:
                masks.append(scatter(self._size, filter((0).__le__, compress(self._own_places, own))))
        return union(masks, self._size)

    def did_you_mean(self, query: str) -> str | None:
        return self.before.did_you_mean(query)

    def as_written(self, word: str) -> str:
        return self.before.as_written(word)
