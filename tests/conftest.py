"""Shared fixtures: isolated user folders, small data files on disk, and the shipped data loaded once.

Fixtures (use them by name in any test, including the app tests in tests/test_app*.py):

- `user_dirs` (autouse): points platformdirs at folders below `tmp_path / "home"` through the XDG
  variables, so that no test reads or writes the user's own data, settings or state. It returns a
  namespace with `data`, `config`, `state` and `cache`: the herzlich-tui folders inside them (not
  created; paths.user_data_dir() etc. return the same paths).
- `english` (autouse): every test starts in English, with an English environment (LANG=C.UTF-8, no
  LANGUAGE, LC_ALL or LC_MESSAGES), whatever the machine's locale; the language is English again after
  it. A test of the German interface sets the environment or calls i18n.set_language("de") itself.
- `data_dir`: an empty folder `tmp_path / "data"` for test data files.
- `write_toml`: `write_toml(name, text)` writes `text` to `data_dir / name` (UTF-8, creating
  sub-folders) and returns its Path. The text is dedented and one leading newline is dropped, so line 1
  of the file is the first line after the opening quotes.
- `load_dir`: `load_dir()` loads every TOML file below `data_dir` (without the shipped data) and returns
  the LoadResult; `load_dir(shipped=True)` loads the shipped data first.
- `review_toml` (text): a valid `[[review]]` with id "r-test" (year 2021) to start small
  files with, so that other records can name `sources = ["r-test"]`.
- `shipped` (session-scoped): the LoadResult of the shipped data in `data/` alone.
- `shipped_dataset`: `shipped.dataset`.
- `generated_data` (session-scoped): `generated_data(events, seed)` is a folder benchmarks/generate.py
  made with that many events (once per session for each pair); copy it before changing it.
"""

from __future__ import annotations

import textwrap
from collections.abc import Callable, Iterator
from pathlib import Path
from types import SimpleNamespace

import pytest

from herzlich_tui import paths
from herzlich_tui.i18n import set_language
from herzlich_tui.loading import LoadResult, load
from herzlich_tui.model import Dataset

APP_NAME = paths.APP_NAME

_REVIEW = """\
[[review]]
id = "r-test"
year = 2021
title = "Testrückblick"
publisher = "Test"
municipality = "Teststadt"
summary = "Ein Rückblick für Tests."
"""


@pytest.fixture(autouse=True)
def user_dirs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> SimpleNamespace:
    """Point the XDG folders (and so platformdirs) at `tmp_path / "home"` for every test."""
    home = tmp_path / "home"
    for variable, folder in (
        ("XDG_DATA_HOME", "data"),
        ("XDG_CONFIG_HOME", "config"),
        ("XDG_STATE_HOME", "state"),
        ("XDG_CACHE_HOME", "cache"),
    ):
        monkeypatch.setenv(variable, str(home / folder))
    return SimpleNamespace(
        data=home / "data" / APP_NAME,
        config=home / "config" / APP_NAME,
        state=home / "state" / APP_NAME,
        cache=home / "cache" / APP_NAME,
    )


@pytest.fixture(autouse=True)
def english(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Speak English in every test unless it says otherwise, whatever the machine's locale."""
    for variable in ("LANGUAGE", "LC_ALL", "LC_MESSAGES"):
        monkeypatch.delenv(variable, raising=False)
    monkeypatch.setenv("LANG", "C.UTF-8")
    set_language("en")
    yield
    set_language("en")


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    """An empty folder for the data files of one test (separate from the XDG folders)."""
    folder = tmp_path / "data"
    folder.mkdir()
    return folder


@pytest.fixture
def write_toml(data_dir: Path) -> Callable[[str, str], Path]:
    """`write_toml(name, text)`: write dedented text (minus one leading newline) as `data_dir / name`."""

    def write(name: str, text: str) -> Path:
        path = data_dir / name
        path.parent.mkdir(parents=True, exist_ok=True)
        text = textwrap.dedent(text)
        path.write_text(text[1:] if text.startswith("\n") else text, encoding="utf-8")
        return path

    return write


@pytest.fixture
def load_dir(data_dir: Path) -> Callable[..., LoadResult]:
    """`load_dir(shipped=False)`: load the files below `data_dir`, optionally after the shipped data."""

    def run(*, shipped: bool = False) -> LoadResult:
        roots = [(paths.shipped_data_dir(), "shipped")] if shipped else []
        return load([*roots, (data_dir, "extra")])

    return run


@pytest.fixture
def review_toml() -> str:
    """A valid review with id "r-test" (year 2021), for the start of small data files."""
    return _REVIEW


@pytest.fixture(scope="session")
def shipped() -> LoadResult:
    """The shipped data (data/*.toml) loaded on its own, once per test session."""
    return load([(paths.shipped_data_dir(), "shipped")])


@pytest.fixture
def shipped_dataset(shipped: LoadResult) -> Dataset:
    """The Dataset of the shipped data."""
    return shipped.dataset


@pytest.fixture(scope="session")
def generated_data(tmp_path_factory: pytest.TempPathFactory) -> Callable[[int, int], Path]:
    """Folders of generated data by (events, seed), made once per session."""
    import sys

    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
    import generate

    made: dict[tuple[int, int], Path] = {}

    def folder(events: int, seed: int) -> Path:
        if (events, seed) not in made:
            made[events, seed] = tmp_path_factory.mktemp(f"generated-{events}-{seed}")
            generate.generate(made[events, seed], events, seed=seed, jobs=1)
        return made[events, seed]

    return folder
