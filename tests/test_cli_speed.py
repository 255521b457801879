"""The command line's warm paths: one cache whatever way a data folder is named; a search answered from
the cache alone, printing what a search of the loaded data prints; an export read from the cache and
written as it is made, byte for byte what it was when made at once."""

from __future__ import annotations

import contextlib
import os
import sqlite3
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from herzlich_tui import cache, paths
from herzlich_tui.cache import load_indexed
from herzlich_tui.loading import data_roots
from herzlich_tui.model import Dataset

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
import export_reference as reference
from cli_helpers import EVENT, generated_with_a_problem, no_load, run, run_binary


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


@pytest.fixture(scope="module")
def generated_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A generated dataset of a few hundred events, and a file with a problem (for the count line)."""
    return generated_with_a_problem(tmp_path_factory.mktemp("generated"), 300, seed=5)


def _loaded_search(capsys, monkeypatch: pytest.MonkeyPatch, *argv: str) -> tuple[int, str, str]:
    """The search as it is without the cache's rows: the data loaded (through the cache)."""
    with monkeypatch.context() as patch:
        patch.setattr(cache, "search_cached", lambda *args: None)
        return run(capsys, *argv)


def _cached_search(capsys, monkeypatch: pytest.MonkeyPatch, *argv: str) -> tuple[int, str, str]:
    """The search answered from the cache alone (failing should it load the data)."""

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
def warm(capsys, write_toml, review_toml: str, data_dir: Path) -> dict[str, Path]:
    """A data folder searched once (so that its cache is written); its cache's ranking index file ("fts")
    and the file of what a search shows of each record ("hits")."""
    write_toml("a.toml", review_toml + EVENT)
    assert run(capsys, "search", "wegweiser", "--data", str(data_dir))[0] == 0
    assert _searched(data_dir) is not None
    [fts] = paths.cache_dir().glob("load-*.fts.sqlite")
    [hits] = paths.cache_dir().glob("load-*.hits.sqlite")
    return {"fts": fts, "hits": hits}


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
    ("file", "damage"),
    [
        ("hits", "DROP TABLE hit_rows"),
        ("hits", "DROP TABLE hit_meta"),
        ("hits", "DELETE FROM hit_rows"),
        ("hits", "UPDATE hit_meta SET key = 'other'"),
        ("hits", "UPDATE hit_meta SET stamp = 'other'"),
        ("hits", "UPDATE hit_rows SET shown = x'00'"),
        ("hits", "UPDATE hit_rows SET shown = x'e901000000'"),  # (marshal: the number 1)
        ("fts", "DROP TABLE docs"),
        ("fts", "UPDATE stamp SET value = 'other'"),  # (a ranking index built again, for the same data)
    ],
)
def test_a_damaged_table_is_not_used(capsys, warm: dict[str, Path], data_dir: Path, file: str, damage: str) -> None:
    with contextlib.closing(sqlite3.connect(warm[file])) as db, db:
        db.execute(damage)
    assert _searched(data_dir) is None
    code, out, _ = run(capsys, "search", "wegweiser", "--data", str(data_dir))
    assert code == 0 and "Wegweiser in Grübentälchen" in out


@pytest.mark.parametrize("file", ["fts", "hits"])
@pytest.mark.parametrize("damage", ["missing", "garbage", "truncated"])
def test_a_damaged_or_missing_file_is_not_used(
    capsys, warm: dict[str, Path], data_dir: Path, file: str, damage: str
) -> None:
    warm = warm[file]
    if damage == "missing":
        warm.unlink()
    elif damage == "garbage":
        warm.write_bytes(b"\x00garbage" * 1000)
    else:
        warm.write_bytes(warm.read_bytes()[: warm.stat().st_size // 3])
    assert _searched(data_dir) is None
    code, out, _ = run(capsys, "search", "wegweiser", "--data", str(data_dir))
    assert code == 0 and "Wegweiser in Grübentälchen" in out


# --- export, written as it is made ---------------------------------------------------------------------------
FORMATS = ("json", "toml", "csv", "md")


def _selections(dataset) -> dict[str, list]:
    """Records as the command line chooses them: every record, filtered, sorted, by kind, none."""
    from herzlich_tui.browse.engine import Views, resolve_programme
    from herzlich_tui.browse.state import ViewState
    from herzlich_tui.export import with_sources
    from herzlich_tui.model import KINDS

    views = Views(dataset, None)
    chosen: dict[str, list] = {"all": list(dataset), "none": [], "reversed": list(dataset)[::-1]}
    for year, programme, sort in [
        (None, None, "newest"),
        (2021, None, ""),
        (None, "mpsc", "title"),
        (None, "none", ""),
    ]:
        state = ViewState(year=year, programme=resolve_programme(dataset, programme) if programme else None)
        records = [record for kind in KINDS for record in views.ordered(kind, state, sort)]
        chosen[f"{year} {programme} {sort}"] = with_sources(dataset, records)
    for kind in ("event", "person", "programme"):
        chosen[kind] = list(views.ordered(kind, ViewState(), ""))
    return chosen


def _code_made() -> Dataset:
    """Records as only code makes them (the loader asks every record for its sources): a kind whose
    records each fit on a line, which tomli_w writes as one inline array, before the tables."""
    from herzlich_tui.model import Figure, Person, Programme

    return Dataset(
        [
            Programme(id="kurz", name="Kurz"),
            Programme(id="knapp", name="Knapp"),
            Person(id="anna", name="Anna", sources=("r",)),
            Figure(id="f-inf", text="Unendlich", value=float("inf"), unit="", measures="", year=2021, sources=("r",)),
        ]
    )


@pytest.mark.parametrize("data", ["shipped", "generated", "code"])
def test_streamed_export_is_the_text_made_at_once(data: str, generated_dir: Path) -> None:
    from herzlich_tui.browse.report import export_chunks
    from herzlich_tui.loading import load

    if data == "code":
        dataset = _code_made()
    else:
        dataset = load(data_roots([] if data == "shipped" else [generated_dir], user=False)).dataset
    for name, records in _selections(dataset).items():
        for fmt in FORMATS:
            pieces = list(export_chunks(dataset, records, fmt, title="Bericht"))
            assert "".join(pieces) == reference.export(dataset, records, fmt, title="Bericht"), (name, fmt)
    if data == "code":
        text = "".join(export_chunks(dataset, list(dataset), "toml"))
        assert '\n\nprogramme = [\n    { id = "knapp", sources = [], name = "Knapp" },\n' in text


@pytest.fixture
def old_export(monkeypatch: pytest.MonkeyPatch) -> Callable[..., tuple[int, bytes, str]]:
    """The command line's export as it was: the whole text made at once and written in one piece."""

    def run_old(capsysbinary, *argv: str) -> tuple[int, bytes, str]:
        from herzlich_tui.browse import report

        def at_once(dataset, records, fmt, *, title=""):
            return iter([reference.export(dataset, records, fmt, title=title)])

        with monkeypatch.context() as patch:
            patch.setattr(report, "export_chunks", at_once)
            patch.setattr(cache, "export_cached", lambda place: None)  # (the records loaded, not kept ones)
            return run_binary(capsysbinary, *argv)

    return run_old


@pytest.mark.parametrize("fmt", FORMATS)
def test_export_from_the_cache_writes_what_it_wrote(
    capsysbinary, fmt: str, generated_dir: Path, tmp_path: Path, old_export
) -> None:
    data = ["--data", str(generated_dir)]
    for options in ([], ["--year", "2021", "--sort", "newest"], ["--programme", "none"], ["--kind", "event"]):
        argv = ["export", "-f", fmt, *data, *options]
        expected = old_export(capsysbinary, *argv)
        assert expected[0] == 0 and expected[1] and "1 problem" in expected[2]
        assert run_binary(capsysbinary, *argv) == expected  # (read from the cache, written to stdout)
        target = tmp_path / f"out.{fmt}"
        code, out, _ = run_binary(capsysbinary, *argv, "-o", str(target))
        assert (code, out, target.read_bytes()) == (0, b"", expected[1])
    assert len(list(paths.cache_dir().glob("load-*.pickle"))) == 1  # (loaded once, then read from the cache)


def test_export_reads_the_cache_and_not_the_files(capsysbinary, monkeypatch: pytest.MonkeyPatch) -> None:
    from herzlich_tui.loading import loader

    first = run_binary(capsysbinary, "export", "-f", "csv")
    monkeypatch.setattr(loader, "load", lambda *args, **kwargs: pytest.fail("loaded from the files"))
    assert run_binary(capsysbinary, "export", "-f", "csv") == first


def test_a_failing_export_leaves_the_file_as_it_was(
    capsysbinary, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    from herzlich_tui import export

    target = tmp_path / "out.csv"
    target.write_bytes(b"before")

    def failing(*args):
        yield "kind,id\n"
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(export, "to_csv", failing)
    code, _, err = run_binary(capsysbinary, "export", "-f", "csv", "-o", str(target))
    assert code == 3 and "No space left" in err
    assert target.read_bytes() == b"before" and sorted(p.name for p in tmp_path.iterdir()) == ["home", "out.csv"]


def test_a_first_start_writes_no_hits_and_the_first_search_does(
    capsys, write_toml, review_toml: str, data_dir: Path
) -> None:
    """The app's first start (load_indexed) keeps the dataset and its indexes, not the search's rows,
    which only the command line reads: the first search that loads the data writes them."""
    write_toml("a.toml", review_toml + EVENT)
    roots = data_roots([data_dir])
    loaded = load_indexed(roots, paths.cache_dir())
    assert not loaded.from_cache and loaded.key is not None and loaded.stamp is not None
    assert list(paths.cache_dir().glob("load-*.hits.sqlite")) == []
    assert _searched(data_dir) is None
    assert run(capsys, "search", "wegweiser", "--data", str(data_dir))[0] == 0  # (from the cached dataset)
    assert len(list(paths.cache_dir().glob("load-*.hits.sqlite"))) == 1
    assert _searched(data_dir) is not None


def test_hits_that_cannot_be_written_leave_nothing(
    capsys, write_toml, review_toml: str, data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from herzlich_tui import cache_hits

    def failing(*args: object) -> None:
        raise sqlite3.OperationalError("disk I/O error")

    write_toml("a.toml", review_toml + EVENT)
    monkeypatch.setattr(cache_hits, "write_hits", failing)
    code, out, _ = run(capsys, "search", "wegweiser", "--data", str(data_dir))
    assert code == 0 and "Wegweiser in Grübentälchen" in out
    assert sorted(p.name.split(".", 1)[1] for p in paths.cache_dir().iterdir()) == [
        "fts.sqlite",
        "pickle",
        "terms.pickle",
    ]
    monkeypatch.undo()
    assert _searched(data_dir) is None


def test_a_search_the_cache_cannot_answer_reads_the_data_files_once(
    capsys, monkeypatch: pytest.MonkeyPatch, write_toml, review_toml: str, data_dir: Path
) -> None:
    """The cache key (every data file hashed) is taken once per command, whether the search is answered
    from the cache or has to load the data."""
    write_toml("a.toml", review_toml + EVENT)
    hashed: list[str] = []
    content_hash = cache._content_hash

    def counted(path: Path, *args: object) -> str | None:
        hashed.append(str(path))
        return content_hash(path, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(cache, "_content_hash", counted)
    for _ in range(2):  # (loads the data and keeps the hits, then answers from them)
        hashed.clear()
        assert run(capsys, "search", "wegweiser", "--data", str(data_dir))[0] == 0
        assert len(hashed) == len(set(hashed)) > 0
