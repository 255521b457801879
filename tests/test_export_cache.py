"""The records the cache keeps for the command line's export (cache_export.py), written back as the
exports of the dataset they were kept from write them."""

from __future__ import annotations

from pathlib import Path

import pytest

from herzlich_tui import cache_export
from herzlich_tui.browse.report import chosen_chunks, export_chunks
from herzlich_tui.export import with_sources
from herzlich_tui.model import KINDS, Dataset, Figure, Person, Programme, Review

FORMATS = ("json", "toml", "csv", "md")


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
