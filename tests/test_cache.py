"""The load cache: hits on an unchanged second start, misses on any change, survives a corrupt file."""

from __future__ import annotations

import os
import pickle
import sys
from pathlib import Path

import pytest

from herzlich_tui import cache
from herzlich_tui.bulk import Cancelled
from herzlich_tui.cache import load_indexed
from herzlich_tui.loading import data_roots
from herzlich_tui.loading.files import discover

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


def test_second_load_comes_from_cache_and_searches(roots, tmp_path: Path) -> None:
    first = load_indexed(roots, tmp_path / "cache")
    second = load_indexed(roots, tmp_path / "cache")
    assert not first.from_cache
    assert second.from_cache
    assert [r.id for r in second.result.dataset] == [r.id for r in first.result.dataset]
    assert second.result.problems == first.result.problems
    assert [h.record.id for h in second.index.search("grubentalchen")] == ["e-cache"]


def test_changed_file_invalidates(roots, tmp_path: Path, data_dir: Path) -> None:
    load_indexed(roots, tmp_path / "cache")
    path = data_dir / "a.toml"
    path.write_text(path.read_text(encoding="utf-8").replace("Cache-Test", "Neuer Titel"), encoding="utf-8")
    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000))
    again = load_indexed(roots, tmp_path / "cache")
    assert not again.from_cache
    assert again.result.dataset["e-cache"].label.startswith("Neuer Titel")


def test_added_file_invalidates(roots, tmp_path: Path, write_toml) -> None:
    load_indexed(roots, tmp_path / "cache")
    write_toml("b.toml", EVENT.replace("e-cache", "e-more"))
    again = load_indexed(roots, tmp_path / "cache")
    assert not again.from_cache
    assert "e-more" in again.result.dataset


def test_new_version_invalidates(roots, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    load_indexed(roots, tmp_path / "cache")
    monkeypatch.setattr(cache, "__version__", "99.0")
    assert not load_indexed(roots, tmp_path / "cache").from_cache


def _dataset_file(tmp_path: Path) -> Path:
    (found,) = (p for p in (tmp_path / "cache").glob("load-*.pickle") if not p.name.endswith(".terms.pickle"))
    return found


def _terms_file(tmp_path: Path) -> Path:
    (found,) = (tmp_path / "cache").glob("load-*.terms.pickle")
    return found


@pytest.mark.parametrize("garbage", [b"", b"not a pickle", b"\x80\x05\x95truncated"])
def test_corrupt_cache_is_ignored_and_rebuilt(roots, tmp_path: Path, garbage: bytes) -> None:
    load_indexed(roots, tmp_path / "cache")
    _dataset_file(tmp_path).write_bytes(garbage)
    result = load_indexed(roots, tmp_path / "cache")
    assert not result.from_cache
    assert "e-cache" in result.result.dataset
    assert load_indexed(roots, tmp_path / "cache").from_cache


def test_a_cache_file_cut_short_anywhere_is_ignored_and_rebuilt(roots, tmp_path: Path) -> None:
    load_indexed(roots, tmp_path / "cache")
    whole = _dataset_file(tmp_path).read_bytes()
    for cut in sorted({1, *range(0, len(whole), max(1, len(whole) // 40)), len(whole) - 1}):
        _dataset_file(tmp_path).write_bytes(whole[:cut])
        again = load_indexed(roots, tmp_path / "cache")
        assert not again.from_cache, cut
        assert again.result.dataset["e-cache"].label.startswith("Cache-Test")
    assert load_indexed(roots, tmp_path / "cache").from_cache


def test_a_cache_file_whose_texts_do_not_add_up_is_ignored(tmp_path: Path) -> None:
    path = tmp_path / "load-x.pickle"
    with path.open("wb") as handle:
        pickle.dump(("key",), handle)
        cache._write_block(handle, [3])  # three texts announced, then a block of none
        cache._write_block(handle, ("", []))
    assert cache._read_dataset(path, ("key",)) is None
    assert not path.exists()


def test_a_damaged_block_length_is_not_believed(tmp_path: Path) -> None:
    import tracemalloc

    path = tmp_path / "load-x.pickle"
    with path.open("wb") as handle:
        pickle.dump(("key",), handle)
        handle.write((256 << 20).to_bytes(8, "little"))  # 256 MiB, in a file of a hundred bytes
        handle.write(b"\0" * 64)
    tracemalloc.start()
    try:
        assert cache._read_dataset(path, ("key",)) is None
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 16 << 20  # no buffer made for the length it claims


def test_writing_the_cache_leaves_no_copy_in_the_texts(roots, tmp_path: Path) -> None:
    # CPython keeps, in a text that is not ASCII, the UTF-8 copy that pickling it makes (30 MB at 100,000
    # events); the cache writes texts apart so that none is left behind.
    loaded = load_indexed(roots, tmp_path / "cache")
    title = loaded.result.dataset["e-cache"].title
    assert not title.isascii()
    assert sys.getsizeof(title) == sys.getsizeof("".join(list(title)))  # as big as a fresh copy


def test_large_data_hands_memory_back_after_each_step(roots, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from herzlich_tui import bulk

    calls = []
    monkeypatch.setattr(bulk, "_trim", calls.append)
    load_indexed(roots, tmp_path / "small")
    assert calls == []  # little data: nothing to hand back
    monkeypatch.setattr(bulk, "LARGE", 1)
    load_indexed(roots, tmp_path / "large")
    assert calls == [0, 0, 0]  # after loading, after keeping the dataset, after indexing


@pytest.mark.parametrize("damage", ["missing", "garbage", "another stamp"])
def test_a_kept_dataset_without_its_word_index_is_indexed_again(
    roots, tmp_path: Path, damage: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    load_indexed(roots, tmp_path / "cache")
    terms = _terms_file(tmp_path)
    if damage == "missing":
        terms.unlink()
    elif damage == "garbage":
        terms.write_bytes(b"\x80\x05garbage")
    else:
        with terms.open("rb") as handle:
            pickle.load(handle)  # the stamp
            index = pickle.load(handle)
        terms.write_bytes(pickle.dumps("another stamp") + pickle.dumps(index))
    shown = []
    again = load_indexed(roots, tmp_path / "cache", shown.append)
    assert again.from_cache  # the dataset came from the cache
    assert [r.id for r in shown[0].dataset] == [r.id for r in again.result.dataset]  # shown before indexing
    assert again.index.matching_ids("grub") == {"e-cache"}
    assert [h.record.id for h in again.index.search("grubentalchen")] == ["e-cache"]
    third = load_indexed(roots, tmp_path / "cache")
    assert third.from_cache and third.index._db is None  # all of it from the cache again
    assert [h.record.id for h in third.index.search("grubentalchen")] == ["e-cache"]


def test_progress_is_told_of_each_data_file_read_and_nothing_from_the_cache(roots, write_toml, tmp_path: Path) -> None:
    write_toml("b.toml", EVENT.replace("e-cache", "e-second"))
    told: list[tuple[int, int]] = []
    load_indexed(roots, tmp_path / "cache", progress=lambda done, total: told.append((done, total)))
    files = [path for path, _layer in discover(roots)[0]]
    total = sum(path.stat().st_size for path in files)
    assert len(told) == len(files) > 1
    assert [done for done, _ in told] == sorted(done for done, _ in told) and told[0][0] > 0
    assert {t for _, t in told} == {total} and told[-1] == (total, total)
    told.clear()
    assert load_indexed(roots, tmp_path / "cache", progress=lambda *told_now: told.append(told_now)).from_cache
    assert told == []


# --- giving up (the app quits while a large dataset loads) ------------------------------------------------
def test_cancelled_while_reading_files_keeps_nothing(roots, tmp_path: Path) -> None:
    with pytest.raises(Cancelled):
        load_indexed(roots, tmp_path / "cache", cancelled=lambda: True)
    assert not (tmp_path / "cache").exists() or list((tmp_path / "cache").iterdir()) == []


def test_cancelled_while_indexing_keeps_the_dataset_for_the_next_start(roots, tmp_path: Path) -> None:
    want = {"more": True}
    shown = []

    def loaded(result) -> None:
        shown.append(result)
        want["more"] = False  # the app quits once the data is on screen, while the index is built

    with pytest.raises(Cancelled):
        load_indexed(roots, tmp_path / "cache", loaded, cancelled=lambda: not want["more"])
    assert shown
    assert [p.name for p in (tmp_path / "cache").iterdir()] == [_dataset_file(tmp_path).name]  # no leftovers
    again = load_indexed(roots, tmp_path / "cache")
    assert again.from_cache
    assert [h.record.id for h in again.index.search("grubentalchen")] == ["e-cache"]


def test_problems_are_kept_in_the_cache(write_toml, review_toml: str, data_dir: Path, tmp_path: Path) -> None:
    write_toml("a.toml", review_toml + EVENT.replace('date = "2022-05"', 'date = "2022-13"'))
    roots = data_roots([data_dir], shipped=False, user=False)
    first = load_indexed(roots, tmp_path / "cache")
    second = load_indexed(roots, tmp_path / "cache")
    assert second.from_cache
    assert [str(p) for p in second.result.problems] == [str(p) for p in first.result.problems]
    assert any("month 13" in str(p) for p in second.result.problems)


def test_no_cache_folder_means_no_cache(roots) -> None:
    assert not load_indexed(roots, None).from_cache
    assert not load_indexed(roots, None).from_cache


def test_changed_code_invalidates(roots, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    load_indexed(roots, tmp_path / "cache")
    monkeypatch.setattr(cache, "_code_key", lambda: (("model.py", 1, 2),))
    assert not load_indexed(roots, tmp_path / "cache").from_cache


# --- the ranking index's own file --------------------------------------------------------------------
def _fts_file(tmp_path: Path) -> Path:
    (found,) = (tmp_path / "cache").glob("load-*.fts.sqlite")
    return found


def test_a_warm_start_opens_the_ranking_index_only_when_asked(roots, tmp_path: Path) -> None:
    load_indexed(roots, tmp_path / "cache")
    second = load_indexed(roots, tmp_path / "cache")
    assert second.from_cache
    assert second.index._db is None  # not read yet: a warm start keeps it on disk
    assert second.index.matching_ids("grub") == {"e-cache"}  # the word index needs no database
    assert second.index._db is None
    assert [h.record.id for h in second.index.search("grub")] == ["e-cache"]
    assert second.index._db is not None


@pytest.mark.parametrize("damage", ["missing", "garbage", "other data"])
def test_a_lost_or_foreign_ranking_index_is_built_again(
    roots, tmp_path: Path, write_toml, review_toml: str, data_dir: Path, damage: str
) -> None:
    load_indexed(roots, tmp_path / "cache")
    fts = _fts_file(tmp_path)
    if damage == "missing":
        fts.unlink()
    elif damage == "garbage":
        fts.write_bytes(b"SQLite format 3\0" + os.urandom(3000))
    else:
        # An index of other data under the same name (say, written by another process): its stamp differs.
        other = tmp_path / "other"
        other.mkdir()
        (other / "a.toml").write_text(review_toml + EVENT.replace("Grübentälchen", "Anderswo"), encoding="utf-8")
        load_indexed(data_roots([other], shipped=False, user=False), tmp_path / "other-cache")
        (other_fts,) = (tmp_path / "other-cache").glob("load-*.fts.sqlite")
        fts.write_bytes(other_fts.read_bytes())
    again = load_indexed(roots, tmp_path / "cache")
    assert again.from_cache
    assert [h.record.id for h in again.index.search("grubentalchen")] == ["e-cache"]
    assert again.index.search("anderswo") == []


def test_a_first_start_builds_the_ranking_index_in_its_file(roots, tmp_path: Path) -> None:
    first = load_indexed(roots, tmp_path / "cache")
    assert not first.from_cache
    assert first.index._db is None  # built on disk and closed: it takes no memory
    assert _fts_file(tmp_path).stat().st_size > 0
    assert [h.record.id for h in first.index.search("grubentalchen")] == ["e-cache"]
    assert leftovers(tmp_path / "cache") == []


def test_an_unwritable_cache_folder_still_gives_an_index(roots, tmp_path: Path) -> None:
    blocked = tmp_path / "cache"
    blocked.write_text("a file where the cache folder should be")
    loaded = load_indexed(roots, blocked)
    assert not loaded.from_cache
    assert [h.record.id for h in loaded.index.search("grubentalchen")] == ["e-cache"]
    assert loaded.index.matching_ids("grub") == {"e-cache"}


def test_a_failed_cache_write_leaves_no_temporary_file(roots, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args, **kwargs):
        raise pickle.PicklingError("cannot pickle this")

    monkeypatch.setattr(cache.pickle, "dump", refuse)
    loaded = load_indexed(roots, tmp_path / "cache")
    assert [h.record.id for h in loaded.index.search("grubentalchen")] == ["e-cache"]
    assert list((tmp_path / "cache").glob("load-*.pickle")) == []
    assert leftovers(tmp_path / "cache") == []
    monkeypatch.undo()
    assert not load_indexed(roots, tmp_path / "cache").from_cache  # nothing was kept
    assert load_indexed(roots, tmp_path / "cache").from_cache


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


def test_a_fingerprint_the_caller_took_is_not_taken_again(
    roots, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    key = cache.fingerprint(roots)
    load_indexed(roots, tmp_path / "cache", key=key)

    def look_again(_roots):
        raise AssertionError("the data files were looked at again")

    monkeypatch.setattr(cache, "fingerprint", look_again)
    again = load_indexed(roots, tmp_path / "cache", key=key)
    assert again.from_cache


def test_keeping_a_dataset_removes_the_files_of_earlier_names(roots, tmp_path: Path) -> None:
    """Earlier builds named cache files from a SHA-256 of the roots (20 hex digits); nothing reads them, and
    the next dataset kept removes them. Files of today's names, other data's and other programs' stay."""
    cache_dir = tmp_path / "cache"
    cache_dir.mkdir(mode=0o700)
    earlier = [
        "load-0123456789abcdef0123.pickle",
        "load-0123456789abcdef0123.fts.sqlite",
        "view-fedcba9876543210fedc.marshal",
    ]
    kept = ["load-0123456789abcdef.pickle", "view-0123456789abcdef.marshal", "notes.txt", "load-0123456789abcdef0123"]
    for name in earlier + kept:
        (cache_dir / name).write_bytes(b"x")
    (cache_dir / "load-00000000000000000000.terms.pickle").mkdir()  # not a file: left alone
    (cache_dir / "view-11111111111111111111.marshal").symlink_to(tmp_path / "elsewhere")  # nor a symlink
    load_indexed(roots, cache_dir)
    names = {path.name for path in cache_dir.iterdir()}
    assert not names & set(earlier)
    assert set(kept) <= names and "load-00000000000000000000.terms.pickle" in names
    assert "view-11111111111111111111.marshal" in names
    assert cache.cache_file(cache_dir, roots).name in names  # (the dataset kept under today's name)
