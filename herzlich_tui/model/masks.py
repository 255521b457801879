"""Selections of records as byte masks: one byte per record (1 chosen, 0 not), in display order.

A byte mask lets the C code of the standard library do the per-record work: `bytes.count` counts a
selection (or a slice of it), `itertools.compress` picks the chosen records or rows in order, and an
intersection is one `&` of two integers: no Python loop runs over every record.
"""

from __future__ import annotations

import contextlib
import re
from collections import deque
from collections.abc import Hashable, Iterable, Iterator, Sequence
from itertools import compress, repeat
from typing import TypeVar, overload

__all__ = ["Chosen", "count_in", "intersect", "keep", "pack", "positions", "scatter", "select", "union", "unpack"]

T = TypeVar("T")
K = TypeVar("K", bound=Hashable)

_ONE = re.compile(b"\x01")
_TO_DIGITS = bytes.maketrans(b"\x00\x01", b"01")
_FROM_DIGITS = bytes.maketrans(b"01", b"\x00\x01")


def scatter(size: int, positions: Iterable[int], into: bytearray | None = None) -> bytearray:
    """A mask of `size` bytes with a 1 at each of `positions` (added to `into` when given)."""
    mask = bytearray(size) if into is None else into
    deque(map(mask.__setitem__, positions, repeat(1)), maxlen=0)  # a loop in C
    return mask


def intersect(masks: Sequence[bytes | bytearray]) -> bytes:
    """The records chosen by every mask (all of one length)."""
    size = len(masks[0])
    if len(masks) == 1:
        return bytes(masks[0])
    # Bytes hold 0 or 1, so the bitwise & of the masks read as integers is the byte-wise AND.
    value = int.from_bytes(masks[0], "little")
    for mask in masks[1:]:
        value &= int.from_bytes(mask, "little")
    return value.to_bytes(size, "little")


def union(masks: Sequence[bytes | bytearray], size: int) -> bytes:
    """The records chosen by any of the masks (all of length `size`)."""
    value = 0
    for mask in masks:
        value |= int.from_bytes(mask, "little")
    return value.to_bytes(size, "little")


def count_in(mask: bytes | bytearray, positions: Iterable[int]) -> int:
    """How many of `positions` the mask chooses."""
    return sum(map(mask.__getitem__, positions))


def positions(mask: bytes | bytearray) -> list[int]:
    """Where the mask chooses, ascending. For masks that choose few: the search for each 1 runs in C and
    costs about as much as picking from a list of all items (list(compress(items, mask))) does when the
    mask chooses one in eight, and picking touches every item's memory."""
    return [found.start() for found in _ONE.finditer(mask)]


def select(items: Iterable[T], mask: bytes | bytearray) -> list[T]:
    """The items the mask chooses, in order."""
    return list(compress(items, mask))


class Chosen(Sequence[T]):
    """The items a mask chooses, in order, picked when first read: picking touches every item of the
    sequence, and what a view shows at a keystroke is often passed on before anything reads it item by
    item. `size` is how many the mask chooses, when known."""

    __slots__ = ("_items", "_mask", "_picked", "_size")

    def __init__(self, items: Sequence[T], mask: bytes | bytearray, size: int | None = None) -> None:
        self._items = items
        self._mask = mask
        self._size = size
        self._picked: list[T] | None = None

    def __len__(self) -> int:
        if self._size is None:
            self._size = self._mask.count(1)
        return self._size

    @overload
    def __getitem__(self, index: int) -> T: ...
    @overload
    def __getitem__(self, index: slice) -> list[T]: ...
    def __getitem__(self, index: int | slice) -> T | list[T]:
        return self.picked()[index]

    def __iter__(self) -> Iterator[T]:
        return iter(self.picked())

    def picked(self) -> list[T]:
        """The chosen items as a list (made once; threads may both make it, to the same effect)."""
        picked = self._picked
        if picked is None:
            picked = self._picked = list(compress(self._items, self._mask))
        return picked


def pack(mask: bytes | bytearray) -> int:
    """The mask as an integer with one bit per record (bit i for record i): an eighth of its size."""
    # Byte i becomes binary digit i, read by int() in one linear pass (base 2 has no digit limit).
    return int(mask[::-1].translate(_TO_DIGITS), 2) if mask else 0


def unpack(bits: int, size: int) -> bytes:
    """The byte mask of `size` records of an integer made by `pack` (or by | and & of such integers)."""
    return format(bits, f"0{size}b").encode("ascii").translate(_FROM_DIGITS)[::-1] if size else b""


def keep(cache: dict[K, T], key: K, value: T, limit: int) -> T:
    """Put `value` into `cache` (dropping its oldest entry when it holds `limit`) and return it. Threads may
    share the cache: an entry another thread dropped first is no harm."""
    if len(cache) >= limit:
        with contextlib.suppress(KeyError, RuntimeError, StopIteration):
            cache.pop(next(iter(cache)))
    cache[key] = value
    return value
