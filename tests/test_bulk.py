"""The cycle collector is paused during bulk work and runs again afterwards, also when uses nest or fail;
large loaded data is frozen out of its walks."""

from __future__ import annotations

import gc
import threading

import pytest

from herzlich_tui.bulk import LARGE, IdleCollector, freeze_loaded, paused_gc


@pytest.fixture(autouse=True)
def _collector_on():
    was = gc.isenabled()
    gc.enable()
    yield
    if was:  # as it was before the test, whatever the test left
        gc.enable()
    else:
        gc.disable()


def test_pauses_and_restores() -> None:
    with paused_gc():
        assert not gc.isenabled()
    assert gc.isenabled()


def test_nested_uses_restore_only_at_the_outermost_end() -> None:
    with paused_gc():
        with paused_gc():
            assert not gc.isenabled()
        assert not gc.isenabled()
    assert gc.isenabled()


def test_an_error_inside_still_restores() -> None:
    with pytest.raises(ValueError), paused_gc():
        raise ValueError("bad data")
    assert gc.isenabled()


def test_a_collector_that_was_off_stays_off() -> None:
    gc.disable()
    with paused_gc():
        pass
    assert not gc.isenabled()


def test_overlapping_uses_in_two_threads() -> None:
    inside = threading.Event()
    leave = threading.Event()

    def other() -> None:
        with paused_gc():
            inside.set()
            leave.wait(5)

    thread = threading.Thread(target=other)
    thread.start()
    inside.wait(5)
    with paused_gc():
        pass
    # This thread's use ended first; the other thread's work is still under way.
    assert not gc.isenabled()
    leave.set()
    thread.join(5)
    assert gc.isenabled()


def test_only_large_data_is_frozen_out_of_the_collectors_walks() -> None:
    # (What is frozen stays frozen: other tests' app froze its imports for the rest of the process.)
    before = gc.get_freeze_count()
    kept = [[n] for n in range(1000)]  # containers alive now: frozen with the data
    assert not freeze_loaded(LARGE - 1)
    assert gc.get_freeze_count() == before
    assert freeze_loaded(LARGE)
    assert gc.get_freeze_count() >= before + len(kept)


def test_the_idle_collector_runs_the_full_collection_only_when_due_and_idle_or_long_overdue() -> None:
    before = gc.get_threshold()
    collector = IdleCollector()
    assert not collector.collect_if_due(idle_for=60)  # (not deferring: Python collects as it always does)
    collector.defer()
    try:
        assert collector.deferring and gc.get_threshold()[:2] == before[:2] and gc.get_threshold()[2] > 10**9
        gc.collect()
        assert gc.get_count()[2] == 0
        assert not collector.collect_if_due(idle_for=60)  # nothing due
        while gc.get_count()[2] < before[2]:
            gc.collect(1)  # (each collection of the middle generation adds one to the oldest one's count)
        assert not collector.collect_if_due(idle_for=0)  # due, but the user is busy
        assert collector.collect_if_due(idle_for=IdleCollector.IDLE)
        assert gc.get_count()[2] == 0
        while gc.get_count()[2] < before[2] * IdleCollector.OVERDUE:
            gc.collect(1)
        assert collector.collect_if_due(idle_for=0)  # long overdue: run even while the user is busy
    finally:
        collector.restore()
    assert gc.get_threshold() == before and not collector.deferring
