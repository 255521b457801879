"""The browsing history: the places a user went to by following links and switching views, with back and
forward through them, as a web browser keeps them."""

from __future__ import annotations

from collections.abc import Callable
from typing import NamedTuple

__all__ = ["History", "Place"]


class Place(NamedTuple):
    """A point in the browsing history: a view, the record shown, and the link the cursor was on."""

    view: str
    record_id: str | None
    link: str | None = None


class History:
    """Places in the order they were visited, and where in them the user is. Going somewhere new from the
    middle drops the places ahead, as a browser does."""

    def __init__(self, start: Place | None = None) -> None:
        self._places: list[Place] = [start] if start is not None else []
        self._position = len(self._places) - 1

    def __len__(self) -> int:
        return len(self._places)

    @property
    def current(self) -> Place | None:
        """Where the user is (None before anything was visited)."""
        return self._places[self._position] if self._places else None

    @property
    def can_go_back(self) -> bool:
        return self._position > 0

    @property
    def can_go_forward(self) -> bool:
        return self._position < len(self._places) - 1

    def remember(self, place: Place) -> None:
        """Keep the current place in step with what is shown (the cursor moved): no new entry. Nothing
        happens before the first place was visited."""
        if self._places:
            self._places[self._position] = place

    def visit(self, place: Place) -> None:
        """Go to a new place: it follows the current one, and the places ahead are dropped."""
        del self._places[self._position + 1 :]
        self._places.append(place)
        self._position = len(self._places) - 1

    def back(self) -> Place | None:
        """Step back and return the place there, or None when there is nothing further back."""
        if not self.can_go_back:
            return None
        self._position -= 1
        return self._places[self._position]

    def forward(self) -> Place | None:
        """Step forward and return the place there, or None when there is nothing further forward."""
        if not self.can_go_forward:
            return None
        self._position += 1
        return self._places[self._position]

    def renew(self, here: Place, exists: Callable[[str], bool]) -> None:
        """The data was loaded again: `here` is the current place, and the places whose record no longer
        `exists` are dropped from both sides of it (the others keep their order)."""

        def kept(places: list[Place]) -> list[Place]:
            return [place for place in places if place.record_id is None or exists(place.record_id)]

        behind = kept(self._places[: self._position])
        ahead = kept(self._places[self._position + 1 :])
        self._places = [*behind, here, *ahead]
        self._position = len(behind)
