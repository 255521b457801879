"""A damaged ranking index is built again (a search never fails); a forged or damaged first-screen list
(view-*.marshal, the shipped view) never reaches the screen."""

from __future__ import annotations

import marshal
import os
import sqlite3
from pathlib import Path

import pytest

from herzlich_tui import cache
from herzlich_tui.browse import snapshot
from herzlich_tui.browse.state import ViewState
from herzlich_tui.cache import load_indexed
from herzlich_tui.loading import data_roots

posix_only = pytest.mark.skipif(not hasattr(os, "geteuid"), reason="owners and modes are POSIX")

EVENT = """
[[event]]
id = "e-cache"
title = "Cache-Test in Grübentälchen"
date = "2022-05"
summary = "Ein Ereignis."
sources = ["r-test"]
"""


@pytest.fixture
def roots(write_toml, review_toml: str, data_dir: Path) -> list[tuple[Path, str]]:
    write_toml("a.toml", review_toml + EVENT)
    return data_roots([data_dir], shipped=False, user=False)


# --- the ranking index -----------------------------------------------------------------------------------
def test_a_ranking_index_damaged_anywhere_never_fails_a_search(tmp_path: Path) -> None:
    """Each page of the index file damaged in turn: every search still answers as before, and a damaged
    file is built again for the next start."""
    roots = data_roots(user=False)
    folder = tmp_path / "cache"
    expected = [h.record.id for h in load_indexed(roots, folder).index.search("digital", limit=30)]
    (fts,) = folder.glob("load-*.fts.sqlite")
    original = fts.read_bytes()
    for page in range(len(original) // 4096):
        for offset in (100, 1000, 3000):
            damaged = bytearray(original)
            start = page * 4096 + offset
            damaged[start : start + 50] = bytes(b ^ 0x5A for b in damaged[start : start + 50])
            fts.write_bytes(bytes(damaged))
            loaded = load_indexed(roots, folder)
            assert loaded.from_cache
            assert [h.record.id for h in loaded.index.search("digital", limit=30)] == expected, (page, offset)
            again = load_indexed(roots, folder)  # the next start
            assert [h.record.id for h in again.index.search("digital", limit=30)] == expected
            if fts.read_bytes() != bytes(damaged):
                assert again.index._opened == fts  # built again in its file, and read from there


def test_a_query_that_meets_a_damaged_page_builds_the_index_again(roots, tmp_path: Path) -> None:
    folder = tmp_path / "cache"
    load_indexed(roots, folder)
    loaded = load_indexed(roots, folder)
    (fts,) = folder.glob("load-*.fts.sqlite")
    with loaded.index._lock:
        real = loaded.index._connection()

    class Damaged:
        def execute(self, sql: str, params: object = ()) -> object:
            if "bm25" in sql:
                raise sqlite3.DatabaseError("database disk image is malformed")
            return real.execute(sql, params)

        def close(self) -> None:
            real.close()

    loaded.index._db = Damaged()  # type: ignore[assignment]
    assert [h.record.id for h in loaded.index.search("grubentalchen")] == ["e-cache"]
    assert not fts.exists()  # removed: the next start builds it again
    again = load_indexed(roots, folder)
    assert again.from_cache and fts.exists()
    assert [h.record.id for h in again.index.search("grubentalchen")] == ["e-cache"]


# --- the first screen's list -----------------------------------------------------------------------------
ROW = ("e-1", "Ein Ereignis", "Mai 2021", "", 0, "event")
FORGED_ROWS = {
    "too short": [("e-1", "x", "", "", 0)],
    "a number for a text": [("e-1", 5, "", "", 0, "event")],
    "a level beyond any": [("e-1", "x", "", "", 10**12, "event")],
    "a negative level": [("e-1", "x", "", "", -1, "event")],
    "a bool for a level": [("e-1", "x", "", "", True, "event")],
    "escapes": [("e-1", "\x1b]52;c;ZWNobw==\x07", "", "", 0, "event")],
    "bidi": [("e-1", "a\u202eb", "", "", 0, "event")],
    "a huge text": [("e-1", "x" * 100_000, "", "", 0, "event")],
    "too many rows": [ROW] * (snapshot.SNAPSHOT_ROWS + 1),
    "not rows": "rows",
    "a row that is not one": [5],
}


@pytest.mark.parametrize("case", list(FORGED_ROWS))
def test_a_forged_kept_list_is_not_used(roots, tmp_path: Path, case: str) -> None:
    key = cache.fingerprint(roots)
    state = ViewState().key
    path = cache.cache_file(tmp_path, roots, "view", "marshal")
    path.write_bytes(marshal.dumps((key, ("en", *state), (1, 1), FORGED_ROWS[case])))
    assert snapshot.read_snapshot(tmp_path, roots, state, key) is None
    path.write_bytes(marshal.dumps((key, ("en", *state), (1, 1), [ROW])))
    assert snapshot.read_snapshot(tmp_path, roots, state, key) == ([ROW], (1, 1))


@pytest.mark.parametrize("counts", [(1,), (1, 2, 3), (-1, 1), (1, 10**20), ("1", 1), (True, 1), 5])
def test_forged_counts_are_not_used(roots, tmp_path: Path, counts: object) -> None:
    key = cache.fingerprint(roots)
    state = ViewState().key
    cache.cache_file(tmp_path, roots, "view", "marshal").write_bytes(
        marshal.dumps((key, ("en", *state), counts, [ROW]))
    )
    assert snapshot.read_snapshot(tmp_path, roots, state, key) is None


@posix_only
def test_a_kept_list_others_can_write_or_a_fifo_is_not_read(roots, tmp_path: Path) -> None:
    key = cache.fingerprint(roots)
    state = ViewState().key
    path = cache.cache_file(tmp_path, roots, "view", "marshal")
    path.write_bytes(marshal.dumps((key, ("en", *state), (1, 1), [ROW])))
    os.chmod(path, 0o666)
    assert snapshot.read_snapshot(tmp_path, roots, state, key) is None
    path.unlink()
    os.mkfifo(path)
    assert snapshot.read_snapshot(tmp_path, roots, state, key) is None  # (and does not wait for a writer)


def test_a_forged_shipped_list_is_no_list() -> None:
    folder = Path(snapshot.paths.shipped_data_dir())
    roots = [(folder, "shipped")]
    state = ViewState().key
    good = snapshot.build()
    english = good["languages"]["en"]
    assert snapshot.read_shipped_snapshot(state, cache.fingerprint(roots), view=good) is not None
    nested: list = []
    for _ in range(100_000):
        nested = [nested]
    forgeries = [
        {**good, "files": list(good["files"])},  # a list where a table belongs
        {**good, "files": {name: "0" * 64 for name in good["files"]}},  # another format's stamps
        {**good, "state": "timeline"},
        {**good, "languages": {"en": {**english, "rows": [["e", "\x1b[2J", "", "", 0, "event"]]}}},
        {**good, "languages": {"en": {**english, "rows": [["e", "x", "", "", 10**9, "event"]]}}},
        {**good, "languages": {"en": {**english, "rows": [nested]}}},
        {**good, "languages": {"en": {**english, "counts": [1, -5]}}},
        {**good, "languages": [english]},
        {**good, "languages": {"en": [english]}},
        [good],
        "text",
        nested,
    ]
    for forged in forgeries:
        assert snapshot.read_shipped_snapshot(state, cache.fingerprint(roots), view=forged) is None, forged
