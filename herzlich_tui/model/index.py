"""The facet index: for each kind of record and each facet (years, programmes, people, organisations,
networks, municipalities), the places (in the kind's display order) of the records that carry each value.

Filters and the filter panel's counts work on it with byte masks (model/masks.py): a value's mask, its
count among the records a mask chooses, and the values most of them carry, none of which walks the
records one by one. How each is kept fast at 100,000 records is told in docs/performance.md.
"""

from __future__ import annotations

import heapq
import operator
from array import array
from bisect import bisect_right
from collections import Counter, defaultdict, deque
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from itertools import accumulate, chain, count
from operator import attrgetter, neg
from typing import Any

from herzlich_tui.model.masks import count_in, keep, positions, scatter

__all__ = ["FACET_NAMES", "NO_PROGRAMME", "FacetIndex", "Facets", "Runs"]

FACET_NAMES = ("years", "programmes", "people", "organisations", "networks", "municipalities")
NO_PROGRAMME = ""  # the programme value of records linked to no programme (a filter may choose them)
_DENSE = 32  # a facet value that more than 1/_DENSE of a kind's records carry is counted with big integers
_MASKS_KEPT = 64  # facet masks kept for reuse (each is one byte per record of its kind)


@dataclass(frozen=True, slots=True)
class Facets:
    """What one record touches, for filtering: derived once when the dataset is built. Each is a sorted
    tuple of distinct values (tuples, not sets: most hold one or two values, and a tuple is a quarter of
    a frozenset's size)."""

    years: tuple[int, ...]
    programmes: tuple[str, ...]
    people: tuple[str, ...]
    organisations: tuple[str, ...]
    networks: tuple[str, ...]
    municipalities: tuple[str, ...]  # of the reviews it comes from (a review: its own)

    def __reduce__(self) -> tuple:
        values = (self.years, self.programmes, self.people, self.organisations, self.networks, self.municipalities)
        return (Facets, values)


class FacetIndex:
    """The postings of every facet of every kind, and the masks made from them (the last few kept)."""

    __slots__ = ("_masks", "_postings", "_sizes")

    def __init__(self, facets_by_kind: Mapping[str, Sequence[Facets]]) -> None:
        """`facets_by_kind`: each kind's records' Facets, in the kind's display order."""
        self._postings: dict[str, dict[str, _Postings]] = {
            kind: {facet: _Postings(_postings(list(map(attrgetter(facet), of_kind)), facet)) for facet in FACET_NAMES}
            for kind, of_kind in facets_by_kind.items()
        }
        self._sizes = {kind: len(of_kind) for kind, of_kind in facets_by_kind.items()}
        self._masks: dict[tuple[str, str, object], bytes] = {}

    def __getstate__(self) -> tuple:
        return (self._postings, self._sizes)  # (masks are made again on demand)

    def __setstate__(self, state: tuple) -> None:
        self._postings, self._sizes = state
        self._masks = {}

    def values(self, kind: str, facet: str) -> dict[object, int]:
        """Every value of a facet among the records of a kind, with how many records carry it (the
        index's own dict: do not change it)."""
        return self._postings[kind][facet].sizes

    def places(self, kind: str, facet: str, value: object) -> array:
        """The places of the records of a kind that carry the value, ascending."""
        return self._postings[kind][facet].places(value)

    def counts(self, kind: str, facet: str, within: bytes) -> dict[object, int]:
        """For each value, how many records of the kind that carry it the mask `within` chooses."""
        return self._postings[kind][facet].counts(within)

    def top(
        self,
        kind: str,
        facet: str,
        within: bytes | None,
        limit: int,
        chosen: int | None,
        facets_at: Callable[[list[int]], Iterable[Facets]],
    ) -> list[tuple[object, int]]:
        """The `limit` values the most records chosen by `within` (None: every record) carry, with their
        counts (see Dataset.facet_top). `facets_at` gives the Facets of the records at some places: few
        chosen records are counted from their own values."""
        postings = self._postings[kind][facet]
        if within is None:
            return postings.most(limit)
        if chosen is None:
            chosen = within.count(1)
        if chosen * _FEW_CHOSEN <= len(within):
            values: Iterable[tuple] = map(attrgetter(facet), facets_at(positions(within)))
            none = _NO_VALUES[facet]
            if none:  # (as the postings count the records of no programme)
                values = (one or none for one in values)
            return _best(Counter(chain.from_iterable(values)).items(), limit)
        return postings.top(within, chosen, limit)

    def mask(self, kind: str, facet: str, value: object) -> bytes:
        """A byte mask over the records of a kind choosing those whose facet holds the value."""
        key = (kind, facet, value)
        mask = self._masks.get(key)
        if mask is None:
            places = self._postings[kind][facet].places(value)
            mask = keep(self._masks, key, bytes(scatter(self._sizes[kind], places)), _MASKS_KEPT)
        return mask


class Runs:
    """Places of records (iteration order, or a kind's display order) under each key, every key's places
    one run of a single flat array: which records refer to an id (`Dataset._referrers`), which carry a
    facet value (`_Postings`). One flat array, not a small object per key, which the pickler would
    remember each of while the load cache is written."""

    __slots__ = ("flat", "number", "starts")

    def __init__(self, by_key: Mapping[Any, Sequence[int]]) -> None:
        self.number: dict[object, int] = {}  # the key's run: flat[starts[n]:starts[n + 1]]
        self.flat = array("I")
        self.starts = array("I", [0])
        for key, places in by_key.items():
            self.number[key] = len(self.number)
            self.flat.extend(places)
            self.starts.append(len(self.flat))

    def __getstate__(self) -> tuple:
        return (self.number, self.flat, self.starts)

    def __setstate__(self, state: tuple) -> None:
        self.number, self.flat, self.starts = state

    def places(self, key: object) -> array:
        number = self.number.get(key)
        if number is None:
            return array("I")
        return self.flat[self.starts[number] : self.starts[number + 1]]

    def count(self, key: object) -> int:
        """How many places the key has."""
        number = self.number.get(key)
        return 0 if number is None else self.starts[number + 1] - self.starts[number]

    def runs(self) -> Iterator[tuple[object, int, int]]:
        """Each key with where its run starts and stops in `flat`."""
        starts = self.starts
        for key, number in self.number.items():
            yield key, starts[number], starts[number + 1]


class _Postings(Runs):
    """The places of the records that carry each value of one facet (in the kind's display order)."""

    __slots__ = ("by_size", "lookup", "most_kept", "sizes")

    def __init__(self, by_value: Mapping[Any, Sequence[int]]) -> None:
        super().__init__(by_value)
        self._ready()

    def __setstate__(self, state: tuple) -> None:
        super().__setstate__(state)
        self._ready()

    def _ready(self) -> None:
        self.sizes: dict[object, int] = {value: stop - start for value, start, stop in self.runs()}
        self.lookup: tuple | None = None  # made on the first count (see _plan)
        self.by_size: tuple[list[tuple[object, int, int]], list[int], list[int]] | None = None  # see `top`
        self.most_kept: dict[int, list[tuple[object, int]]] = {}  # see `most`

    def most(self, limit: int) -> list[tuple[object, int]]:
        """The `limit` values the most records carry, with their counts (see _best; worked out once)."""
        found = self.most_kept.get(limit)
        if found is None:
            found = self.most_kept[limit] = _best(self.sizes.items(), limit)
        return list(found)

    def counts(self, within: bytes) -> dict[object, int]:
        _, pick, sparse, dense, spans = self._plan_for(len(within))
        out: dict[object, int] = {}
        if sparse:
            # Values few records carry (most people): every place of all of them looked up in one call,
            # in C, then one count per value over its stretch of the result.
            picked = pick(within)
            chosen = bytes(picked) if isinstance(picked, tuple) else bytes([picked])  # one place: no tuple
            for value, start, stop in sparse:
                out[value] = chosen.count(1, start, stop)
        if dense:
            # Values many records carry (a programme, a network): one AND of two big integers and a
            # popcount, in C. Few values can be this common, so their integers are kept.
            within_bits = int.from_bytes(within, "little")
            for value, bits in dense.items():
                out[value] = (bits & within_bits).bit_count()
        for value, (first, stop) in spans.items():
            # Values whose records are one stretch of the order (a year, for events): the mask's 1s there.
            out[value] = within.count(1, first, stop)
        return out

    def top(self, within: bytes, chosen: int, limit: int) -> list[tuple[object, int]]:
        """The `limit` values the most records `within` chooses (`chosen` of them) carry (see
        Dataset.facet_top). Places are looked up here one value at a time, slower a place than all at
        once (see counts): when the values that may be among the best hold more than
        1/_TOP_SHARE of all places (no few values stand out), or turn out to, every value is counted
        instead."""
        if self.by_size is None:
            runs = sorted(self.runs(), key=lambda run: run[1] - run[2])  # (the most places first)
            fewer = [start - stop for _, start, stop in runs]  # (ascending: for bisect)
            self.by_size = (runs, fewer, list(accumulate(map(neg, fewer), initial=0)))
        runs, fewer, held = self.by_size
        size = len(within)
        if not runs:
            return []
        # A value's share of chosen records is about the mask's: the values that may be among the best
        # hold about this many places.
        likely_least = chosen * -fewer[min(limit, len(runs)) - 1] // size
        if held[bisect_right(fewer, -likely_least)] * _TOP_SHARE > len(self.flat):
            return _best(self.counts(within).items(), limit)
        # (Values common enough for big integers or a stretch, if the facet has any: a year, a network;
        # never a person.)
        dense, spans = self._plan_for(size)[3:] if -fewer[0] * _DENSE >= size else ({}, {})
        within_bits: int | None = None
        best: list[tuple[object, int]] = []
        least = 0  # the fewest records among the best, once there are `limit` of them
        budget = len(self.flat) // _TOP_SHARE
        for value, start, stop in runs:
            if len(best) >= limit and stop - start < least:
                break
            budget -= stop - start
            if budget < 0:
                return _best(self.counts(within).items(), limit)
            if (span := spans.get(value)) is not None:
                found = within.count(1, *span)
            elif (bits := dense.get(value)) is not None:
                if within_bits is None:
                    within_bits = int.from_bytes(within, "little")
                found = (bits & within_bits).bit_count()
            else:
                found = count_in(within, self.flat[start:stop])
            if found:
                best.append((value, found))
                if len(best) >= limit:
                    best = _best(best, limit)
                    least = best[-1][1]
        return _best(best, limit)

    def _plan_for(self, size: int) -> tuple:
        """How values are counted over masks of `size` records (made once, see _plan)."""
        if self.lookup is None or self.lookup[0] != size:
            self.lookup = self._plan(size)
        return self.lookup

    def _plan(self, size: int) -> tuple:
        """(size, one getter of every place of the values few records carry, those values with their
        stretch of what it gets, the values many records carry with their places as a big integer, and
        those whose places are one stretch (first, stop) instead)."""
        sparse: list[tuple[object, int, int]] = []
        dense: dict[object, int] = {}
        spans: dict[object, tuple[int, int]] = {}
        flat = self.flat
        places: list[int] = []
        number = _numbers(size).__getitem__
        for value, start, stop in self.runs():
            if (stop - start) * _DENSE < size:
                sparse.append((value, len(places), len(places) + stop - start))
                places.extend(map(number, flat[start:stop]))
            elif flat[stop - 1] - flat[start] == stop - 1 - start:
                # No gaps: a value's places ascend and come once each (as _postings makes them).
                spans[value] = (flat[start], flat[stop - 1] + 1)
            else:
                dense[value] = int.from_bytes(scatter(size, flat[start:stop]), "little")
        pick = operator.itemgetter(*places) if places else None
        return (size, pick, [s for s in sparse if s[2] > s[1]], dense, spans)


# What a record with no value of a facet counts under: "" (NO_PROGRAMME) for programmes, nothing otherwise.
_NO_VALUES: dict[str, tuple[str, ...]] = {
    facet: (NO_PROGRAMME,) if facet == "programmes" else () for facet in FACET_NAMES
}
_FEW_CHOSEN = 16  # a mask choosing at most 1/16 of the records: their values are counted record by record
_TOP_SHARE = 4  # `top` counts every value once those it looked at hold more than 1/4 of the places


def _best(counts: Iterable[tuple[object, int]], limit: int) -> list[tuple[object, int]]:
    """The `limit` values with the highest counts (ties by the value's text), most first; no zero counts."""
    return heapq.nsmallest(limit, ((value, n) for value, n in counts if n), key=_by_count)


def _by_count(item: tuple[object, int]) -> tuple[int, str]:
    return (-item[1], str(item[0]))


def _postings(sets: list[tuple], facet: str) -> dict[object, list[int]]:
    """For each value in the records' values of one facet (`sets`, in place order), the places of the
    records that hold it, ascending; values in the order they first appear, as a walk over the records
    would give them ("" stands for no programme). Records share a few tuples of values (made once, see
    `_build_facets`): the records are grouped by them in C, and each one's values are visited once, not
    once per record."""
    groups: defaultdict[tuple, list[int]] = defaultdict(list)
    deque(map(list.append, map(groups.__getitem__, sets), count()), maxlen=0)
    empty = _NO_VALUES[facet]
    index: dict[object, list[int]] = {}
    merged: set[object] = set()
    for values, places in groups.items():
        for value in values or empty:
            found = index.get(value)
            if found is None:
                index[value] = places  # (shared by the set's values until one of them gets more)
            elif value in merged:
                found.extend(places)
            else:
                index[value] = found + places  # (a list of its own, from now on extended in place)
                merged.add(value)
    for value in merged:
        index[value].sort()
    return index  # (groups come in the order of their first places, so each value comes at its first)


_NUMBERS: list[int] = []


def _numbers(size: int) -> list[int]:
    """The numbers 0 to size - 1 as one shared list of int objects. A facet count's lookup holds hundreds
    of thousands of places; taken from here, they are references to shared ints (8 bytes each) instead of
    an int object of their own each (36 bytes)."""
    global _NUMBERS
    numbers = _NUMBERS
    if len(numbers) < size:
        numbers = _NUMBERS = list(range(size))  # a new list, swapped in whole: safe for other threads
    return numbers
