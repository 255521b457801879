"""The command line's warm paths: one cache whatever way a data folder is named; a search answered from
the cache alone, printing what a search of the loaded data prints."""

from __future__ import annotations

import contextlib
import os
import sqlite3
import sys
from pathlib import Path

import pytest

from herzlich_tui import cache, paths
from herzlich_tui.cache import load_indexed
from herzlich_tui.cli import main
from herzlich_tui.loading import data_roots

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
import generate

EVENT = """
[[event]]
id = "e-where"
title = "Wegweiser in Grübentälchen"
date = "2022-05"
summary = "Ein Ereignis."
sources = ["r-test"]
"""


def _summary(loaded) -> tuple:
    """What a load gives, to compare two: the records, where they came from, the problems, a search."""
    dataset = loaded.result.dataset
    return (
        [(r.id, r.origin) for r in dataset],
        [str(p) for p in loaded.result.problems],
        [h.record.id for h in loaded.index.search("grubentalchen")],
    )


def test_relative_and_absolute_data_share_the_cache(
    write_toml, review_toml: str, data_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write_toml("a.toml", review_toml + EVENT + "\n[[event]]\nid = 'e-bad'\n")  # (a problem, with its path)
    monkeypatch.chdir(data_dir.parent)
    cache_dir = tmp_path / "cache"
    relative = data_roots([Path(data_dir.name)], shipped=False, user=False)
    absolute = data_roots([data_dir], shipped=False, user=False)
    first = load_indexed(relative, cache_dir)
    assert not first.from_cache
    runs = [load_indexed(roots, cache_dir) for roots in (absolute, relative, absolute)]
    assert [run.from_cache for run in runs] == [True, True, True]
    assert all(_summary(run) == _summary(first) for run in runs)
    assert first.result.problems and str(data_dir) in str(first.result.problems[0].location)
    assert len({path.name.split(".")[0] for path in cache_dir.iterdir()}) == 1  # (one cache, not two)


def test_roots_are_absolute_but_not_resolved(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "real").mkdir()
    (tmp_path / "link").symlink_to(tmp_path / "real")
    monkeypatch.chdir(tmp_path)
    [(root, layer)] = data_roots([Path("link")], shipped=False, user=False)
    assert (root, layer) == (tmp_path / "link", "extra")


# --- search from the cache alone ---------------------------------------------------------------------------
BROKEN = """
[[event]]
id = "e-broken"
title =
"""


@pytest.fixture(scope="module")
def generated_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A generated dataset of a few hundred events, and a file with a problem (for the count line)."""
    folder = tmp_path_factory.mktemp("generated")
    generate.generate(folder, 300, seed=5, jobs=1)
    (folder / "zz-broken.toml").write_text(BROKEN, encoding="utf-8")
    return folder


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    """Call main() and return (exit code, stdout, stderr); SystemExit (argparse) counts as a return."""
    try:
        code = main(list(argv))
    except SystemExit as stop:
        code = stop.code if isinstance(stop.code, int) else 1
    out, err = capsys.readouterr()
    return int(code), out, err


def _loaded_search(capsys, monkeypatch: pytest.MonkeyPatch, *argv: str) -> tuple[int, str, str]:
    """The search as it is without the cache's rows: the data loaded (through the cache)."""
    with monkeypatch.context() as patch:
        patch.setattr(cache, "search_cached", lambda *args: None)
        return run(capsys, *argv)


def _cached_search(capsys, monkeypatch: pytest.MonkeyPatch, *argv: str) -> tuple[int, str, str]:
    """The search answered from the cache alone (failing should it load the data)."""

    def no_load(*args, **kwargs):
        raise AssertionError("the data was loaded")

    with monkeypatch.context() as patch:
        patch.setattr(cache, "load_indexed", no_load)
        return run(capsys, *argv)


QUERIES = [
    ["grubentalchen"],
    ["Grübentälchen"],
    ["gruebentaelchen"],
    ["Haßfurt"],
    ["s"],
    ["stadt", "dig"],
    ["mai"],
    ["may"],
    ["märz"],
    ["march"],
    ["oktober", "2022"],
    ["frühling"],
    ["zzzqqq"],
    ["!!!"],
    ["digital", "--limit", "1"],
    ["digital", "--limit", "0"],
    ["e", "--limit", str(10**30)],
    ["digital", "--year", "2022"],
    ["stadt", "--year", "2021", "--limit", "5"],
    ["stadt", "--year", "1900"],
]


@pytest.mark.parametrize("shipped_only", [True, False], ids=["shipped", "generated"])
def test_cached_search_prints_what_the_loaded_search_does(
    capsys, monkeypatch: pytest.MonkeyPatch, generated_dir: Path, shipped_only: bool
) -> None:
    data = [] if shipped_only else ["--data", str(generated_dir)]
    code, _, err = _loaded_search(capsys, monkeypatch, "search", "stadt", *data)  # (writes the cache)
    assert code == 0, err
    for query in QUERIES:
        argv = ["search", *query, *data]
        expected = _loaded_search(capsys, monkeypatch, *argv)
        assert _cached_search(capsys, monkeypatch, *argv) == expected, argv
    assert ("1 problem" in err) != shipped_only  # (the count line, from the cache too)


@pytest.mark.parametrize("programme", ["mpsc", "none", "Modellprojekte", "nonesuch"])
def test_search_of_a_programme_loads_the_data(capsys, monkeypatch: pytest.MonkeyPatch, programme: str) -> None:
    run(capsys, "search", "stadt")
    argv = ["search", "stadt", "--programme", programme]
    assert run(capsys, *argv) == _loaded_search(capsys, monkeypatch, *argv)


def test_cached_search_on_a_terminal(capsys, monkeypatch: pytest.MonkeyPatch) -> None:
    run(capsys, "search", "stadt")
    monkeypatch.setattr(sys.stdout, "isatty", lambda: True)
    expected = _loaded_search(capsys, monkeypatch, "search", "grubentalchen")
    assert "Grübentälchen" in expected[1] and "\t" not in expected[1]
    assert _cached_search(capsys, monkeypatch, "search", "grubentalchen") == expected


def _searched(data_dir: Path, query: str = "wegweiser") -> cache.CachedSearch | None:
    roots = data_roots([data_dir])
    return cache.search_cached(roots, paths.cache_dir(), query, 20, None)


@pytest.fixture
def warm(capsys, write_toml, review_toml: str, data_dir: Path) -> Path:
    """A data folder searched once (so that its cache is written); its cache's ranking index file."""
    write_toml("a.toml", review_toml + EVENT)
    assert run(capsys, "search", "wegweiser", "--data", str(data_dir))[0] == 0
    assert _searched(data_dir) is not None
    [fts] = paths.cache_dir().glob("load-*.fts.sqlite")
    return fts


def test_a_changed_file_is_never_searched_from_the_cache(capsys, warm: Path, data_dir: Path) -> None:
    path = data_dir / "a.toml"
    info = path.stat()
    path.write_text(path.read_text(encoding="utf-8").replace("Wegweiser", "Wegzeiger"), encoding="utf-8")
    os.utime(path, ns=(info.st_atime_ns, info.st_mtime_ns))  # (same size, same modification time)
    assert _searched(data_dir) is None
    code, out, _ = run(capsys, "search", "wegzeiger", "--data", str(data_dir))
    assert code == 0 and "Wegzeiger in Grübentälchen" in out
    assert _searched(data_dir, "wegzeiger") is not None  # (the cache is written again)


@pytest.mark.parametrize(
    "damage",
    [
        "DROP TABLE hit_rows",
        "DROP TABLE hit_meta",
        "DELETE FROM hit_rows",
        "UPDATE hit_meta SET key = 'other'",
        "UPDATE hit_rows SET shown = x'00'",
        "UPDATE hit_rows SET shown = x'e901000000'",  # (marshal: the number 1)
        "DROP TABLE docs",
    ],
)
def test_a_damaged_table_is_not_used(capsys, warm: Path, data_dir: Path, damage: str) -> None:
    with contextlib.closing(sqlite3.connect(warm)) as db, db:
        db.execute(damage)
    assert _searched(data_dir) is None
    code, out, _ = run(capsys, "search", "wegweiser", "--data", str(data_dir))
    assert code == 0 and "Wegweiser in Grübentälchen" in out


@pytest.mark.parametrize("damage", ["missing", "garbage", "truncated"])
def test_a_damaged_or_missing_file_is_not_used(capsys, warm: Path, data_dir: Path, damage: str) -> None:
    if damage == "missing":
        warm.unlink()
    elif damage == "garbage":
        warm.write_bytes(b"\x00garbage" * 1000)
    else:
        warm.write_bytes(warm.read_bytes()[: warm.stat().st_size // 3])
    assert _searched(data_dir) is None
    code, out, _ = run(capsys, "search", "wegweiser", "--data", str(data_dir))
    assert code == 0 and "Wegweiser in Grübentälchen" in out
