"""The browsing history (browse/history.py): back and forward as a web browser has them."""

from __future__ import annotations

from herzlich_tui.browse.history import History, Place


def test_back_and_forward_walk_the_places_visited() -> None:
    history = History(Place("timeline", "e-1"))
    history.visit(Place("people", "p-1"))
    history.visit(Place("projects", "pr-1"))
    assert history.back() == Place("people", "p-1")
    assert history.back() == Place("timeline", "e-1")
    assert history.back() is None and not history.can_go_back
    assert history.current == Place("timeline", "e-1")
    assert history.forward() == Place("people", "p-1")
    assert history.forward() == Place("projects", "pr-1")
    assert history.forward() is None and not history.can_go_forward


def test_a_visit_from_the_middle_drops_the_places_ahead() -> None:
    history = History(Place("timeline", "e-1"))
    history.visit(Place("people", "p-1"))
    history.back()
    history.visit(Place("networks", "n-1"))
    assert len(history) == 2 and not history.can_go_forward
    assert history.back() == Place("timeline", "e-1")


def test_remember_keeps_the_current_place_in_step_without_a_new_entry() -> None:
    history = History()
    history.remember(Place("timeline", "e-1"))  # nothing visited yet: nothing to keep in step
    assert history.current is None and len(history) == 0
    history.visit(Place("timeline", "e-1"))
    history.remember(Place("timeline", "e-2", link="p-1"))
    assert history.current == Place("timeline", "e-2", link="p-1") and len(history) == 1


def test_data_loaded_again_keeps_the_places_whose_records_are_still_there() -> None:
    history = History(Place("timeline", "e-1"))
    for place in (Place("people", "p-1"), Place("projects", "pr-1"), Place("networks", "n-1")):
        history.visit(place)
    history.back()  # at pr-1, with n-1 ahead
    history.renew(Place("projects", "pr-1", link="p-2"), lambda record_id: record_id != "p-1")
    assert history.current == Place("projects", "pr-1", link="p-2")
    assert history.back() == Place("timeline", "e-1")  # (p-1 is gone)
    assert history.back() is None
    assert history.forward() == Place("projects", "pr-1", link="p-2")
    assert history.forward() == Place("networks", "n-1")
    empty = History()
    empty.renew(Place("timeline", None), lambda record_id: True)
    assert empty.current == Place("timeline", None) and len(empty) == 1
