"""The command line's warm paths: one cache whatever way a data folder is named."""

from __future__ import annotations

from pathlib import Path

import pytest

from herzlich_tui.cache import load_indexed
from herzlich_tui.loading import data_roots

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
