"""The command line's export from the records the cache keeps for it (cache_export.py): byte for byte what
the export of the loaded data writes, for every format, filter and sort order it serves; the data loaded
(and the records kept again) when they are missing, stale, damaged or of an order they cannot serve."""

from __future__ import annotations

import contextlib
import os
import sqlite3
from pathlib import Path

import pytest
from cli_helpers import EVENT, generated_with_a_problem, no_load, run_binary

from herzlich_tui import cache, cache_export, paths
from herzlich_tui.browse.engine import Views
from herzlich_tui.browse.report import chosen_chunks, export_chunks
from herzlich_tui.browse.spec import VIEWS
from herzlich_tui.browse.state import ViewState
from herzlich_tui.export import with_sources
from herzlich_tui.loading import data_roots, load
from herzlich_tui.model import KINDS, Dataset, Figure, Person, Programme, Review

FORMATS = ("json", "toml", "csv", "md")

# What the cache's records serve: every filter, and the sort orders that keep or reverse the display order.
SERVED = [
    [],
    ["--year", "2021"],
    ["--year", "1900"],
    ["--programme", "none"],
    ["--programme", "mpsc"],
    ["--programme", "Digitale Dörfer"],  # (by its name; unknown in the shipped data alone: a usage error)
    ["--programme", "nonesuch"],
    ["--year", "2022", "--programme", "none"],
    ["--kind", "event"],
    ["--kind", "quote", "--kind", "review", "--year", "2021"],
    ["--kind", "membership", "--programme", "mpsc"],
    ["--sort", "newest"],
    ["--sort", "oldest", "--year", "2022"],
    ["--sort", "newest", "--programme", "none", "--kind", "event", "--kind", "figure"],
    ["--kind", "project", "--sort", "programme"],
    ["--kind", "person", "--sort", "name"],
    ["--kind", "network", "--kind", "event", "--sort", "name"],
    ["--kind", "event", "--sort", "title"],  # (an order of the projects: the events stay as they are)
]
# Sort orders the records cannot be written in without the dataset: these exports load it.
NOT_SERVED = [["--sort", "title"], ["--kind", "person", "--sort", "role"], ["--kind", "organisation", "--sort", "name"]]


@pytest.fixture(scope="module")
def generated_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A generated dataset of a few hundred events, and a file with a problem (for the count line)."""
    return generated_with_a_problem(tmp_path_factory.mktemp("generated"), 300, seed=7)


def loaded(capsysbinary, monkeypatch: pytest.MonkeyPatch, *argv: str) -> tuple[int, bytes, str]:
    """The export of the loaded data (through the dataset cache), as it was before the records were kept."""
    with monkeypatch.context() as patch:
        patch.setattr(cache, "export_cached", lambda place: None)
        patch.setattr(cache, "keep_export", lambda place, result: None)
        return run_binary(capsysbinary, *argv)


def cached(capsysbinary, monkeypatch: pytest.MonkeyPatch, *argv: str) -> tuple[int, bytes, str]:
    """The export from the records kept in the cache alone (failing should it read the dataset)."""

    with monkeypatch.context() as patch:
        patch.setattr(cache, "load_dataset_at", no_load)
        patch.setattr(cache, "_read_dataset", no_load)
        return run_binary(capsysbinary, *argv)


def kept() -> list[Path]:
    return sorted(paths.cache_dir().glob("load-*.export.sqlite"))


@pytest.mark.parametrize("data", ["shipped", "generated"])
def test_a_cached_export_writes_what_the_loaded_one_does(
    capsysbinary, monkeypatch: pytest.MonkeyPatch, generated_dir: Path, data: str
) -> None:
    where = [] if data == "shipped" else ["--data", str(generated_dir)]
    assert run_binary(capsysbinary, "export", *where)[0] == 0  # (loads the data and keeps its records)
    assert len(kept()) == 1
    for fmt in FORMATS:
        for options in SERVED:
            argv = ["export", "-f", fmt, *where, *options]
            expected = loaded(capsysbinary, monkeypatch, *argv)
            assert cached(capsysbinary, monkeypatch, *argv) == expected, argv
            assert ("1 problem" in expected[2]) == (data == "generated"), argv


def test_the_served_exports_write_records(capsysbinary, monkeypatch: pytest.MonkeyPatch, generated_dir: Path) -> None:
    """The exports compared above write records, but for a year of none and an unknown programme."""
    for options in SERVED:
        code, out, _ = loaded(capsysbinary, monkeypatch, "export", "-f", "csv", "--data", str(generated_dir), *options)
        rows = out.count(b"\n")
        if "nonesuch" in options:
            assert code == 2
        else:
            assert code == 0 and (rows == 1 if "1900" in options else rows > 1), options


def test_a_cached_export_to_a_file(capsysbinary, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    run_binary(capsysbinary, "export")
    for fmt in FORMATS:
        _, expected, _ = loaded(capsysbinary, monkeypatch, "export", "-f", fmt)
        target = tmp_path / f"out.{fmt}"
        code, out, err = cached(capsysbinary, monkeypatch, "export", "-f", fmt, "-o", str(target))
        assert (code, out, target.read_bytes()) == (0, b"", expected) and str(target) in err


@pytest.mark.parametrize("options", NOT_SERVED)
def test_an_order_the_records_cannot_be_written_in_loads_the_data(
    capsysbinary, monkeypatch: pytest.MonkeyPatch, options: list[str]
) -> None:
    run_binary(capsysbinary, "export")
    assert len(kept()) == 1  # (kept, but not read for these orders)
    asked: list[object] = []
    export_cached = cache.export_cached
    monkeypatch.setattr(cache, "export_cached", lambda place: asked.append(place) or export_cached(place))
    for fmt in FORMATS:
        argv = ["export", "-f", fmt, *options]
        assert run_binary(capsysbinary, *argv) == loaded(capsysbinary, monkeypatch, *argv)
    assert asked == []


@pytest.mark.parametrize("data", ["shipped", "generated"])
def test_the_orders_said_to_be_plain_are(generated_dir: Path, data: str) -> None:
    """`RowMaker.plain_orders`: the sort orders in which `order` keeps the display order or reverses it."""
    dataset = load(data_roots([] if data == "shipped" else [generated_dir], user=False)).dataset
    views = Views(dataset, None)
    checked = 0
    for view in VIEWS:
        if view.rows is None or view.kind is None:
            continue
        records = list(dataset.of_kind(view.kind))
        for sort, reverse in view.rows.plain_orders.items():
            assert sort in view.sorts
            assert views.ordered(view.kind, ViewState(), sort) == (records[::-1] if reverse else records)
            checked += 1
    assert checked == 5


def test_only_an_export_that_loads_the_data_keeps_its_records(capsysbinary, monkeypatch: pytest.MonkeyPatch) -> None:
    assert run_binary(capsysbinary, "search", "stadt")[0] == 0
    cache.load_indexed(data_roots([]), paths.cache_dir())  # (as the app loads)
    assert run_binary(capsysbinary, "export", "--sort", "title")[0] == 0
    assert kept() == []
    assert run_binary(capsysbinary, "export", "--kind", "person")[0] == 0
    [store] = kept()
    before = store.stat().st_mtime_ns
    assert cached(capsysbinary, monkeypatch, "export", "-f", "md")[0] == 0
    assert kept() == [store] and store.stat().st_mtime_ns == before


def test_a_failed_export_keeps_no_records(capsysbinary, tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    assert run_binary(capsysbinary, "export", "-o", str(blocker / "out.json"))[0] == 3
    assert kept() == []
    assert run_binary(capsysbinary, "export", "-o", str(tmp_path / "out.json"))[0] == 0
    assert len(kept()) == 1


def test_records_that_cannot_be_kept_leave_nothing(capsysbinary, monkeypatch: pytest.MonkeyPatch) -> None:
    def failing(*args: object) -> None:
        raise sqlite3.OperationalError("disk I/O error")

    with monkeypatch.context() as patch:
        patch.setattr(cache_export, "write_export", failing)
        code, out, _ = run_binary(capsysbinary, "export", "-f", "csv")
    assert code == 0 and out.startswith(b"kind,id")
    assert [p.name.split(".", 1)[1] for p in paths.cache_dir().iterdir()] == ["pickle"]
    with pytest.raises(AssertionError, match="the data was loaded"):  # (none kept to read)
        cached(capsysbinary, monkeypatch, "export", "-f", "csv")
    assert run_binary(capsysbinary, "export", "-f", "csv") == (code, out, "") and len(kept()) == 1


@pytest.fixture
def warm(capsysbinary, write_toml, review_toml: str, data_dir: Path) -> Path:
    """A data folder exported once (so that the records are kept); the file that keeps them."""
    write_toml("a.toml", review_toml + EVENT)
    assert run_binary(capsysbinary, "export", "--data", str(data_dir))[0] == 0
    [store] = kept()
    return store


def _exports(capsysbinary, monkeypatch: pytest.MonkeyPatch, data_dir: Path) -> None:
    """The exports of the data folder are those of the loaded data, and the records are kept again."""
    for fmt in FORMATS:
        argv = ["export", "-f", fmt, "--data", str(data_dir)]
        assert run_binary(capsysbinary, *argv) == loaded(capsysbinary, monkeypatch, *argv)
    assert cached(capsysbinary, monkeypatch, "export", "--data", str(data_dir))[0] == 0


def test_records_of_a_changed_file_are_never_exported(
    capsysbinary, monkeypatch: pytest.MonkeyPatch, warm: Path, data_dir: Path
) -> None:
    path = data_dir / "a.toml"
    info = path.stat()
    path.write_text(path.read_text(encoding="utf-8").replace("Wegweiser", "Wegzeiger"), encoding="utf-8")
    os.utime(path, ns=(info.st_atime_ns, info.st_mtime_ns))  # (same size, same modification time)
    code, out, _ = run_binary(capsysbinary, "export", "-f", "csv", "--data", str(data_dir))
    assert code == 0 and "Wegzeiger in Grübentälchen".encode() in out and b"Wegweiser" not in out
    _exports(capsysbinary, monkeypatch, data_dir)


@pytest.mark.parametrize(
    "damage",
    [
        "DROP TABLE export_blocks",
        "DROP TABLE export_names",
        "DROP TABLE export_meta",
        "DELETE FROM export_meta",
        "DELETE FROM export_names",
        "UPDATE export_names SET first = 'zzz'",
        "UPDATE export_names SET data = x'00'",
        "DELETE FROM export_blocks WHERE rowid = (SELECT max(rowid) FROM export_blocks)",
        "UPDATE export_meta SET key = 'other'",
        "UPDATE export_meta SET form = 'other'",
        "UPDATE export_meta SET kinds = x'00'",
        "UPDATE export_meta SET digest = 'other'",
        "UPDATE export_blocks SET data = x'00'",
        "UPDATE export_blocks SET data = x'789c4b040000620062'",  # (zlib: a)
        "UPDATE export_blocks SET last = last + 1",
        "UPDATE export_blocks SET rowid = rowid + 1000",
        "INSERT INTO export_meta SELECT * FROM export_meta",
    ],
)
def test_a_damaged_table_is_not_used(
    capsysbinary, monkeypatch: pytest.MonkeyPatch, warm: Path, data_dir: Path, damage: str
) -> None:
    with contextlib.closing(sqlite3.connect(warm)) as db, db:
        db.execute(damage)
    with cache_export.open_export(warm) as store:  # type: ignore[union-attr]
        assert not store.usable(repr(cache.keyed(data_roots([data_dir]), paths.cache_dir()).key))
    _exports(capsysbinary, monkeypatch, data_dir)


@pytest.mark.parametrize("damage", ["missing", "garbage", "truncated", "writable", "symlink"])
def test_a_damaged_missing_or_untrusted_file_is_not_used(
    capsysbinary, monkeypatch: pytest.MonkeyPatch, warm: Path, data_dir: Path, damage: str
) -> None:
    if damage == "missing":
        warm.unlink()
    elif damage == "garbage":
        warm.write_bytes(b"\x00garbage" * 1000)
    elif damage == "truncated":
        warm.write_bytes(warm.read_bytes()[: warm.stat().st_size // 3])
    elif damage == "writable":
        warm.chmod(0o666)
    else:
        moved = warm.with_name("elsewhere")
        warm.rename(moved)
        warm.symlink_to(moved)
    place = cache.keyed(data_roots([data_dir]), paths.cache_dir())
    assert cache.export_cached(place) is None
    _exports(capsysbinary, monkeypatch, data_dir)


# --- the records of a dataset only code makes ------------------------------------------------------------
def _code_made() -> Dataset:
    """Records as only code makes them: a kind whose records each fit on a line (tomli_w writes them as one
    inline array), a number that is not finite, an id given twice, a record of no sources."""
    return Dataset(
        [
            Review(id="r", year=2021, title="R", publisher="P", municipality="M", summary="S"),
            Programme(id="kurz", name="Kurz"),
            Programme(id="knapp", name="Knapp"),
            Person(id="anna", name="Anna", sources=("r",)),
            Person(id="anna", name="Anna B.", sources=("r",)),
            Figure(id="f-inf", text="Unendlich", value=float("inf"), unit="", measures="", year=2021, sources=("r",)),
        ]
    )


def test_the_records_of_a_code_made_dataset_are_written_alike(tmp_path: Path) -> None:
    dataset = _code_made()
    path = tmp_path / "export.sqlite"
    cache_export.write_export(path, dataset, "key", 2)
    with cache_export.open_export(path) as store:  # type: ignore[union-attr]
        assert not store.usable("another key")
        assert store.usable("key") and store.problems == 2
        assert store.get("anna") == dataset.get("anna") != dataset.of_kind("person")[0]
        for fmt in FORMATS:
            expected = "".join(export_chunks(dataset, with_sources(dataset, list(dataset)), fmt, title="T"))
            assert "".join(chosen_chunks(store.choose(KINDS, sources=True), fmt, title="T")) == expected, fmt
            people = list(dataset.of_kind("person"))
            assert "".join(chosen_chunks(store.choose(["person"]), fmt)) == "".join(export_chunks(dataset, people, fmt))


def test_records_of_a_class_of_their_own_are_not_kept(tmp_path: Path) -> None:
    from dataclasses import dataclass

    @dataclass(frozen=True, slots=True, kw_only=True)
    class Someone(Person):
        pass

    path = tmp_path / "export.sqlite"
    with pytest.raises(ValueError, match="class of its own"):
        cache_export.write_export(path, Dataset([Someone(id="x", name="X", sources=())]), "key", 0)


def test_the_names_the_report_looks_up_are_found_whatever_their_letters(tmp_path: Path) -> None:
    """The ids are sorted by SQLite when kept and looked up by Python: the two orders agree for any text."""
    from herzlich_tui.model import Quote

    ids = ["b", "a", "ä", "z", "ÿ", "ǅ", "😀", "\uffff", "A", "a-1", "a.1"]
    people = [Person(id=i, name=f"Name {n}", sources=("r",)) for n, i in enumerate(ids)]
    quote = Quote(id="q", people=(*ids, "nobody"), text="T", topic="X", year=2021, sources=("r",))
    review = Review(id="r", year=2021, title="R", publisher="P", municipality="M", summary="S")
    dataset = Dataset([review, *people, quote])
    path = tmp_path / "export.sqlite"
    cache_export.write_export(path, dataset, "key", 0)
    with cache_export.open_export(path) as store:  # type: ignore[union-attr]
        assert store.usable("key")
        assert [store.get(i) for i in [*ids, "nobody", "", "q"]] == [dataset.get(i) for i in [*ids, "nobody", "", "q"]]
        report = "".join(chosen_chunks(store.choose(KINDS, sources=True), "md"))
    assert report == "".join(export_chunks(dataset, with_sources(dataset, list(dataset)), "md"))
    assert "Name 6" in report
