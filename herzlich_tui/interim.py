"""Searching data loaded again (a saved file) while its own search index is built: the index of the data
loaded before answers for the records that did not change, and an index of the changed records alone for
those. The answer is the new index's but for what a record finds through others (the name of a linked
record changed in another file), which waits for it; the screen says the index is being built meanwhile.
"""

from __future__ import annotations

from array import array
from itertools import compress

from herzlich_tui.model import Dataset, outgoing_refs
from herzlich_tui.model.masks import scatter, union
from herzlich_tui.search import SearchIndex, Searching

__all__ = ["InterimIndex"]


class InterimIndex:
    """Answers `match_mask` over `dataset` (the data loaded again) from the `before` index of the `last`
    data for every record that is the same object in both (a file whose bytes did not change gives the
    same records), and from an index of its own for the rest. Suggestions come from the last index. (The
    last index may be an interim one itself: a file saved again while the index was being built.)"""

    def __init__(self, dataset: Dataset, last: Dataset, before: Searching) -> None:
        self._size = len(dataset)
        self._before = before
        was = {id(record): place for place, record in enumerate(last)}
        # Where each record of the last data is now (-1: gone or changed), and which records are new.
        self._moved = moved = array("q", [-1]) * len(last)
        self._own_places: array | None = None
        here: dict[int, int] = {}  # the changed records (by identity) and their places
        changed = []
        for place, record in enumerate(dataset):
            old = was.get(id(record))
            if old is None:
                here[id(record)] = place
                changed.append(record)
            else:
                moved[old] = place
        # The changed records with the records they name, whose names they are found by too.
        named = {ref for record in changed for ref in outgoing_refs(record)}
        named.difference_update(record.id for record in changed)
        linked = [target for ref in named if (target := dataset.get(ref)) is not None]
        self._own = SearchIndex(Dataset(changed + linked)) if changed else None
        # (The changed records' places, in the order of that index's dataset, which sorts them its own way;
        # -1 for the records they name, answered by the last index.)
        if self._own is not None:
            self._own_places = array("q", (here.get(id(record), -1) for record in self._own.dataset))

    def match_mask(self, query: str) -> bytes | None:
        found = self._before.match_mask(query)
        if found is None:
            return None
        places = compress(self._moved, found)
        masks = [scatter(self._size, filter((0).__le__, places))]
        if self._own is not None and self._own_places is not None:
            own = self._own.match_mask(query)
            if own is not None:
                masks.append(scatter(self._size, filter((0).__le__, compress(self._own_places, own))))
        return union(masks, self._size)

    def did_you_mean(self, query: str) -> str | None:
        return self._before.did_you_mean(query)

    def as_written(self, word: str) -> str:
        return self._before.as_written(word)
