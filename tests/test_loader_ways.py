"""The loader's ways of reading give one result: a file's entries checked a field at a time (columns.py)
or entry by entry. Hostile and broken files, and generated data, load to exactly the same problems
(message, file, line, field), records (with their origins) and files each way."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path
from typing import Any

import pytest

from herzlich_tui.loading import LoadResult, loader
from herzlich_tui.model.records import slot_names

BAD_DATA = Path(__file__).parent / "bad_data"

REVIEW = """\
[[review]]
id = "r-a"
year = 2021
title = "Rückblick 2021"
publisher = "Stadt"
municipality = "Musterstadt"
summary = "Ein Jahr."
"""

# Each file breaks something a field-at-a-time check must notice (the k- files one thing each, so that
# nothing else sends their entries to the entry-by-entry check); k-clean.toml is right.
HOSTILE = {
    "a-review.toml": REVIEW,
    "b-people.toml": """\
[[person]]
id = "p-1"
name = "Anna Beispiel"
sources = ["r-a"]

[[person]]
id = "p-2"
name = "Bert\\u001b[31m Rot"
sources = ["r-a", "r-a"]

[[person]]
id = "p-3"
name = \"\"\"Zwei
Zeilen\"\"\"
honorific = "Dr."
sources = ["r-a"]
""",
    "c-unknown.toml": """\
[[person]]
id = "p-4"
name = "Carla"
sources = ["r-a"]
nmae = "Tippfehler"
""",
    "d-types.toml": """\
[[event]]
id = "e-1"
title = 5
date = "2021-02-30"
summary = "s"
sources = ["r-a"]
people = ["p-1", "p-nobody"]

[[event]]
id = "e-2"
title = "Gut"
date = 2021-03-04
summary = "s"
sources = ["r-a"]

[[event]]
id = "E-3"
title = "Großes Id"
date = "2021"
summary = "s"
sources = ["r-a"]
""",
    "e-numbers.toml": """\
[[figure]]
id = "f-1"
value = nan
unit = "x"
text = "t"
measures = "m"
year = 2021
sources = ["r-a"]

[[figure]]
id = "f-2"
value = 99999999999999999999
unit = "x"
text = "t"
measures = "m"
year = 2021
sources = ["r-a"]

[[figure]]
id = "f-3"
value = 2.5
unit = "x"
text = "t"
measures = "m"
year = true
sources = ["r-a"]
""",
    "f-missing.toml": """\
[[project]]
id = "pr-1"
summary = "ohne Titel"
sources = ["r-a"]

[[project]]
id = "pr-2"
title = "Kind"
summary = "s"
parent = "pr-3"
sources = ["r-a"]

[[project]]
id = "pr-3"
title = "Eltern"
summary = "s"
parent = "pr-2"
sources = ["r-a"]
""",
    "g-orgs.toml": """\
[[organisation]]
id = "o-1"
name = "Amt"
kind = "city-unit"
parent = "o-1"
sources = ["r-a"]

[[organisation]]
id = "o-2"
name = "Firma"
kind = "firma"
sources = ["r-a"]

[[organisation]]
id = "o-3"
name = "Verein"
kind = "association"
parent = "p-1"
inferred = ["name", "colour"]
sources = ["r-a"]
""",
    "h-duplicate.toml": """\
[[person]]
id = "p-1"
name = "Anna Zweimal"
sources = ["r-a"]

[[role]]
id = "ro-1"
person = "p-1"
title = "Leitung"
years = [2020, 2021]
from = "2020-spring"
sources = ["r-a"]

[[role]]
id = "ro-2"
person = "p-2"
title = "Leitung"
years = [2020, "2021"]
sources = ["r-a"]
""",
    "i-crlf.toml": '[[person]]\r\nid = "p-5"\r\nname = "Zeilen\\r"\r\nsources = ["r-a"]\r\n',
    "j-idbreak.toml": """\
[[person]]
id = \"\"\"p-6
p-7\"\"\"
name = "Zwei Ids"
sources = ["r-a"]
""",
    "k-clean.toml": """\
[[event]]
id = "e-10"
title = "Sauber"
date = "2021-05"
summary = "Alles richtig."
place = "Rathaus"
sources = ["r-a"]
people = ["p-1", "p-1"]
inferred = ["place"]
basis = "so gelesen"

[[event]]
id = "e-11"
title = "Auch sauber"
date = "2021-summer"
summary = "Noch ein Ereignis mit einem Text, der länger ist als vierundsechzig Zeichen, damit er nicht geteilt wird."
sources = ["r-a"]
organisations = ["o-1"]

[[membership]]
id = "m-1"
network = "n-1"
year = 2021
members_complete = false
sources = ["r-a"]

[[network]]
id = "n-1"
name = "Netz"
sources = ["r-a"]
""",
    "k-choice.toml": """\
[[organisation]]
id = "o-4"
name = "Nur die Art falsch"
kind = "firma"
sources = ["r-a"]
""",
    "k-fields.toml": """\
[[person]]
id = "p-9"
name = "Nur ein Feldname falsch"
inferred = ["colour"]
sources = ["r-a"]
""",
    "k-long.toml": f"""\
[[person]]
id = "p-10"
name = "Nur zu lang"
description = "{"x" * 20_001}"
sources = ["r-a"]
""",
    "l-empty.toml": "",
    "m-syntax.toml": '[[person]]\nid = "p-8"\nname = "Ohne Ende\n',
}


def _hostile(folder: Path) -> Path:
    for name, text in HOSTILE.items():
        (folder / name).write_bytes(text.encode())
    (folder / "n-not-utf8.toml").write_bytes(b'[[person]]\nid = "caf\xe9"\n')
    (folder / "o-bom.toml").write_bytes(b"\xef\xbb\xbf" + HOSTILE["k-clean.toml"].replace("-1", "-9").encode())
    shutil.copytree(BAD_DATA, folder / "z-bad", symlinks=True)
    return folder


def _generated(folder: Path, events: int) -> Path:
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
    import generate

    generate.generate(folder, events, seed=5, jobs=1)
    return folder


def _load(folder: Path) -> LoadResult:
    return loader.load([(folder, "extra")])


def _seen(result: LoadResult) -> tuple[list[Any], list[Any], list[Any]]:
    """Everything a load gives, as values to compare: each record's class, every slot (its origin as
    text) in the dataset's order, each problem's fields with its message as said, each file."""
    records = [
        (type(r).__name__, str(r.origin), [getattr(r, name) for name in slot_names(type(r)) if name != "origin"])
        for r in result.dataset
    ]
    problems = [(p.path, str(p.message), p.line, p.column, p.key, p.outcome) for p in result.problems]
    return records, problems, list(result.files)


def _entry_by_entry(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(loader, "checked_columns", lambda *args, **kwargs: None)


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _hostile(tmp_path_factory.mktemp("hostile"))


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _generated(tmp_path_factory.mktemp("generated"), 1000)


def test_the_hostile_files_have_problems_of_every_sort(hostile: Path) -> None:
    result = _load(hostile)
    said = " ".join(str(p.message) for p in result.problems)
    for words in ("unknown field", "expected", "duplicate", "loop", "no person", "not UTF-8", "TOML syntax"):
        assert words in said
    assert {"p-1", "e-10", "n-1"} <= {r.id for r in result.dataset}


@pytest.mark.parametrize("data", ["hostile", "generated"])
def test_checked_a_field_at_a_time_or_entry_by_entry_alike(
    data: str, request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = request.getfixturevalue(data)
    by_columns = _seen(_load(folder))
    _entry_by_entry(monkeypatch)
    assert _seen(_load(folder)) == by_columns
