"""Large data on a first start is built by a process of its own (herzlich_tui.builder), which writes the
load cache that the app's process then reads; whatever goes wrong with the builder, the data still loads."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from herzlich_tui import builder, cache
from herzlich_tui.bulk import Cancelled
from herzlich_tui.cache import load_indexed
from herzlich_tui.loading import data_roots, load

EVENT = """
[[event]]
id = "e-apart"
title = "Aufbau im Quästenflößerhaus"
date = "2022-05"
summary = "Ein Ereignis, das ein anderer Prozess liest."
sources = ["r-test"]
"""


@pytest.fixture
def roots(write_toml, review_toml: str, data_dir: Path, monkeypatch: pytest.MonkeyPatch) -> list[tuple[Path, str]]:
    """The shipped data and one small file, treated as large enough to be built apart."""
    write_toml("a.toml", review_toml + EVENT)
    monkeypatch.setattr(cache, "APART_BYTES", 0)
    return data_roots([data_dir], user=False)


@pytest.fixture
def loads_here(monkeypatch: pytest.MonkeyPatch) -> list[object]:
    """Each load of data files in this process (not in a builder)."""
    from herzlich_tui.loading import loader

    calls: list[object] = []
    real = loader.load

    def counted(*args, **kwargs):
        calls.append(args)
        return real(*args, **kwargs)

    monkeypatch.setattr(loader, "load", counted)
    return calls


@pytest.fixture
def builds(monkeypatch: pytest.MonkeyPatch) -> list[bool]:
    """What each builder.run returned (the test fails if none ran where one should have)."""
    results: list[bool] = []
    real = builder.run

    def counted(*args, **kwargs) -> bool:
        results.append(real(*args, **kwargs))
        return results[-1]

    monkeypatch.setattr(builder, "run", counted)
    return results


def ids(loaded: cache.Loaded) -> list[str]:
    return [record.id for record in loaded.result.dataset]


def files(folder: Path) -> list[str]:
    return sorted(path.suffixes[-2] if len(path.suffixes) > 1 else path.suffix for path in folder.iterdir())


def test_a_first_start_on_large_data_is_built_apart_and_read_from_the_cache(
    roots, tmp_path: Path, builds, loads_here
) -> None:
    shown = []
    loaded = load_indexed(roots, tmp_path / "cache", shown.append, apart=True)
    assert builds == [True]
    assert loads_here == []  # the files were read by the builder
    assert len(shown) == 1 and shown[0] is loaded.result  # the dataset was handed on before the index came
    assert ids(loaded) == [record.id for record in load(roots).dataset]
    assert [h.record.id for h in loaded.index.search("quastenflosserhaus")] == ["e-apart"]
    assert loaded.index.matching_ids("quästen") == {"e-apart"}
    assert files(tmp_path / "cache") == [".fts", ".pickle", ".terms"]  # nothing else left behind
    again = load_indexed(roots, tmp_path / "cache", apart=True)
    assert again.from_cache and builds == [True]  # the next start reads what the builder wrote
    assert ids(again) == ids(loaded)
    assert loads_here == []


def test_small_data_and_no_cache_folder_are_built_here(roots, tmp_path: Path, builds, monkeypatch) -> None:
    monkeypatch.setattr(cache, "APART_BYTES", 10**12)
    assert not load_indexed(roots, tmp_path / "cache", apart=True).from_cache
    assert ids(load_indexed(roots, None, apart=True))
    assert builds == []


def test_a_builder_that_cannot_start_leaves_the_work_to_this_process(roots, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr(builder.sys, "executable", str(tmp_path / "no-such-python"))
    loaded = load_indexed(roots, tmp_path / "cache", apart=True)
    assert [h.record.id for h in loaded.index.search("quastenflosserhaus")] == ["e-apart"]
    assert load_indexed(roots, tmp_path / "cache").from_cache  # and the cache was written here


def test_a_builder_that_fails_at_once_leaves_the_work_to_this_process(roots, tmp_path: Path, monkeypatch) -> None:
    fails = tmp_path / "fails"
    fails.write_text("#!/bin/sh\nexit 3\n")
    fails.chmod(0o755)
    monkeypatch.setattr(builder.sys, "executable", str(fails))
    shown = []
    loaded = load_indexed(roots, tmp_path / "cache", shown.append, apart=True)
    assert len(shown) == 1
    assert [h.record.id for h in loaded.index.search("quastenflosserhaus")] == ["e-apart"]


def test_a_builder_that_cannot_write_the_index_leaves_it_to_this_process(
    roots, tmp_path: Path, builds, loads_here
) -> None:
    # A folder where the ranking index's file should go: the builder writes the dataset, then fails.
    target = cache._cache_file(tmp_path / "cache", roots)
    cache._fts_file(target).mkdir(parents=True)
    shown = []
    loaded = load_indexed(roots, tmp_path / "cache", shown.append, apart=True)
    assert builds == [False]
    assert loads_here == []  # the dataset the builder wrote was read
    assert len(shown) == 1 and shown[0] is loaded.result
    assert [h.record.id for h in loaded.index.search("quastenflosserhaus")] == ["e-apart"]  # built here, in memory


def test_cancelled_while_the_builder_indexes_stops_it_and_keeps_the_dataset(roots, tmp_path: Path) -> None:
    want = {"more": True}

    def loaded(result) -> None:
        want["more"] = False  # the app quits once the data is on screen, while the index is built

    with pytest.raises(Cancelled):
        load_indexed(roots, tmp_path / "cache", loaded, cancelled=lambda: not want["more"], apart=True)
    # The builder has ended (it was reaped before Cancelled was raised) and left no partial file.
    assert files(tmp_path / "cache") == [".pickle"]
    assert load_indexed(roots, tmp_path / "cache").from_cache


def test_a_builder_whose_app_goes_away_stops(write_toml, review_toml: str, data_dir: Path, tmp_path: Path) -> None:
    """The builder reads its orders, then stops once its standard input closes (the app quit or died)."""
    import pickle

    # Many files make the load long enough to be stopped on the way: each file read asks whether to go on.
    write_toml("0.toml", review_toml)
    for number in range(1, 1500):
        write_toml(f"{number}.toml", EVENT.replace("e-apart", f"e-{number}"))
    roots = data_roots([data_dir], shipped=False, user=False)
    process = subprocess.Popen(
        [sys.executable, "-P", "-m", "herzlich_tui.builder"], stdin=subprocess.PIPE, stdout=subprocess.PIPE
    )
    assert process.stdin is not None and process.stdout is not None
    process.stdin.write(pickle.dumps((roots, tmp_path / "cache", cache.fingerprint(roots))))
    process.stdin.close()
    assert process.wait(60) == 1
    assert process.stdout.read() == b""  # stopped before it kept anything
    assert not (tmp_path / "cache").exists() or list((tmp_path / "cache").iterdir()) == []


async def test_the_app_shows_data_a_builder_built(roots, tmp_path: Path, builds, loads_here, monkeypatch) -> None:
    from app_helpers import make_app, ready

    from herzlich_tui.ui import app as app_module

    monkeypatch.setattr(app_module, "SYNC_LOAD_BYTES", -1)  # not read before the first frame, as large data
    app = make_app(tmp_path, roots=roots)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await ready(pilot)
        assert builds == [True] and loads_here == []
        assert "e-apart" in screen.dataset  # type: ignore[operator]
        await pilot.press("slash", *"quastenflosser")
        await pilot.pause(0.2)
        assert [row.record_id for row in screen.result.rows if row.record_id] == ["e-apart"]  # type: ignore[union-attr]
