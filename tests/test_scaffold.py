"""`herzlich-tui new MUNICIPALITY YEAR`: a starting file that passes `check` as written, with one example of
each kind, each field explained, ids made from names, placeholders instead of facts, the #:schema line;
never over an existing file."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import tempfile
import tomllib
import unicodedata
from pathlib import Path

import jsonschema
import pytest
from cli_helpers import run
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from herzlich_tui import paths
from herzlich_tui.authoring import descriptions
from herzlich_tui.authoring.scaffold import ScaffoldError, existing_records, scaffold, slug
from herzlich_tui.authoring.schema import SCHEMA_DIRECTIVE, SCHEMA_FILE_NAME, json_schema, schema_text
from herzlich_tui.loading.files import discover
from herzlich_tui.loading.loader import load, load_files
from herzlich_tui.model import KINDS
from herzlich_tui.model.records import FILE_NAMES, ID_PATTERN, RECORD_TYPES

SHIPPED = [(paths.shipped_data_dir(), "shipped")]


def problems_beside_shipped(text: str, folder: Path) -> list[str]:
    path = folder / "new.toml"
    path.write_text(text, encoding="utf-8")
    result = load_files([*discover(SHIPPED)[0], (path, "extra")])
    return [str(problem) for problem in result.problems]


# --- the acceptance of the issue --------------------------------------------------------------------------
def test_new_then_check_exits_0(tmp_path: Path) -> None:
    """`herzlich-tui new Musterstadt 2022 -o f.toml && herzlich-tui check f.toml` exits 0, as the commands
    a user types (fresh processes, the user's folders elsewhere)."""
    env = {**os.environ, "XDG_DATA_HOME": str(tmp_path / "home" / "data"), "NO_COLOR": "1"}
    for argv in (["new", "Musterstadt", "2022", "-o", "f.toml"], ["check", "f.toml"]):
        done = subprocess.run(
            [sys.executable, "-m", "herzlich_tui", *argv],
            cwd=tmp_path,
            capture_output=True,
            text=True,
            env=env,
            timeout=120,
            check=False,
        )
        assert done.returncode == 0, (argv, done.stderr)
    assert done.stderr == "1 file(s) checked, 13 record(s), no problems.\n"
    assert (tmp_path / SCHEMA_FILE_NAME).read_text(encoding="utf-8") == schema_text()


def test_into_the_user_data_folder(capsys, user_dirs) -> None:
    code, out, err = run(capsys, "new", "Musterstadt", "2022")
    target = user_dirs.data / "musterstadt-2022.toml"
    assert (code, out) == (0, "")
    assert err == (
        f"Wrote {target}. Replace its placeholders (…), then run: herzlich-tui check\n"
        f"Wrote {user_dirs.data / SCHEMA_FILE_NAME}, the schema its #:schema line names (for editors).\n"
    )
    assert target.read_text(encoding="utf-8").startswith(SCHEMA_DIRECTIVE + "\n")
    code, _, err = run(capsys, "check")
    assert code == 0, err
    # a second review of another year in the same folder: the municipality is not defined twice
    code, _, err = run(capsys, "new", "Musterstadt", "2023")
    assert code == 0, err
    second = (user_dirs.data / "musterstadt-2023.toml").read_text(encoding="utf-8")
    assert "The municipality is the organisation 'musterstadt' of the data (musterstadt-2022.toml:" in second
    assert 'id = "musterstadt"' not in second
    assert 'id = "vorname-nachname-2"' in second  # (the placeholder ids of the first file are taken)
    code, _, err = run(capsys, "check")
    assert code == 0, err


# --- never over a file ------------------------------------------------------------------------------------
def test_an_existing_file_is_never_overwritten(capsys, tmp_path: Path) -> None:
    target = tmp_path / "f.toml"
    target.write_text("mine\n", encoding="utf-8")
    code, out, err = run(capsys, "new", "Musterstadt", "2022", "-o", str(target))
    assert (code, out) == (3, "")
    assert err == f"herzlich-tui: {target} exists; nothing was written (name another file with -o FILE).\n"
    assert target.read_text(encoding="utf-8") == "mine\n"
    assert not (tmp_path / SCHEMA_FILE_NAME).exists()
    link = tmp_path / "link.toml"
    link.symlink_to(tmp_path / "nowhere.toml")  # (writing through it would make a file)
    code, _, _ = run(capsys, "new", "Musterstadt", "2022", "-o", str(link))
    assert code == 3 and not (tmp_path / "nowhere.toml").exists()


def test_in_the_user_folder_too(capsys, user_dirs) -> None:
    user_dirs.data.mkdir(parents=True)
    (user_dirs.data / "musterstadt-2022.toml").write_text("# mine\n", encoding="utf-8")
    code, _, err = run(capsys, "new", "Musterstadt", "2022")
    assert code == 3 and "musterstadt-2022.toml exists; nothing was written" in err
    assert (user_dirs.data / "musterstadt-2022.toml").read_text(encoding="utf-8") == "# mine\n"


def test_a_schema_beside_is_kept(capsys, tmp_path: Path) -> None:
    """The schema file next to the new one is written only when none is there; another version's is kept,
    with a word on how to refresh it."""
    (tmp_path / SCHEMA_FILE_NAME).write_text("{}\n", encoding="utf-8")
    code, _, err = run(capsys, "new", "Musterstadt", "2022", "-o", str(tmp_path / "a.toml"))
    assert code == 0
    schema = tmp_path / SCHEMA_FILE_NAME
    assert err.splitlines()[-1] == (
        f"{schema} is not this version's schema; to refresh it: herzlich-tui schema -o {schema}"
    )
    assert schema.read_text(encoding="utf-8") == "{}\n"
    schema.write_text(schema_text(), encoding="utf-8")
    code, _, err = run(capsys, "new", "Beispielstadt", "2022", "-o", str(tmp_path / "b.toml"))
    assert code == 0 and len(err.splitlines()) == 1  # (the same schema: nothing to say)


# --- usage errors -----------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["!!!", "2022"], "cannot make an id of '!!!': it needs a letter or a digit"),
        (["Musterstadt", "22"], "22 is not a year of four digits"),
        (["Musterstadt", "zweitausend"], "invalid int value: 'zweitausend'"),
        (["M\udcfcnchen", "2022"], "'M\\udcfcnchen' is not UTF-8 text"),  # (bytes b"M\xfcnchen" from argv)
    ],
)
def test_what_cannot_be_made_is_a_usage_error(capsys, tmp_path: Path, argv: list[str], message: str) -> None:
    code, _, err = run(capsys, "new", *argv, "-o", str(tmp_path / "f.toml"))
    assert code == 2 and message in err
    assert not (tmp_path / "f.toml").exists()


def test_a_review_that_is_there_already(capsys, write_toml, review_toml: str, data_dir: Path, tmp_path: Path) -> None:
    write_toml("r.toml", review_toml.replace('"r-test"', '"musterstadt-2022"'))
    code, _, err = run(capsys, "new", "Musterstadt", "2022", "--data", str(data_dir), "-o", str(tmp_path / "f.toml"))
    assert code == 2
    assert f"the data already holds a review with the id 'musterstadt-2022' ({data_dir / 'r.toml'}:1)" in err


# --- what the file holds ----------------------------------------------------------------------------------
def test_one_record_of_every_kind_each_field_explained(tmp_path: Path) -> None:
    made = scaffold("Musterstadt", 2022)
    document = tomllib.loads(made.text)
    assert list(document) == list(KINDS)
    assert [len(entries) for entries in document.values()] == [1, 2, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1]
    assert problems_beside_shipped(made.text, tmp_path) == []
    # each record: its kind's words, and every field (given or commented out) after its description
    blocks = re.split(r"^\[\[(\w+)\]\]$", made.text, flags=re.M)[1:]
    for kind, block in zip(blocks[::2], blocks[1::2], strict=True):
        comments = " ".join(line[2:] for line in block.splitlines() if line.startswith("# "))
        assert descriptions.KINDS[kind] in comments
        for attr in RECORD_TYPES[kind].field_specs():
            name = FILE_NAMES.get(attr, attr)
            if name in ("id", "sources", "inferred", "basis"):
                continue  # (the header explains these once)
            assert descriptions.field_description(kind, name) in comments, (kind, name)
            assert re.search(rf"^(# )?{name} = ", block, re.M), (kind, name)
    for word in ("`id`", "`sources`", "inferred = [", "basis = "):
        assert word in made.text.split("[[review]]")[0]


def test_it_invents_nothing() -> None:
    """Every text is a placeholder ending in "…" but the municipality; the numbers and dates are the
    review's year or 0; the references point into the file; ids are made from names."""
    made = scaffold("Musterstadt", 2022)
    document = tomllib.loads(made.text)
    ids = {record["id"] for entries in document.values() for record in entries}
    for kind, entries in document.items():
        specs = {FILE_NAMES.get(a, a): s for a, s in RECORD_TYPES[kind].field_specs().items()}
        for record in entries:
            assert re.fullmatch(ID_PATTERN, record["id"])
            for name, value in record.items():
                spec = specs[name]
                if spec.type == "str" and name != "id":
                    assert value.endswith(" …") or value == "Musterstadt", (kind, name, value)
                elif spec.type in ("int", "number", "years"):
                    assert value in (2022, 0, [2022]), (kind, name, value)
                elif spec.type == "date":
                    assert value == "2022"
                elif spec.type in ("ref", "refs"):
                    assert set(value if isinstance(value, list) else [value]) <= ids, (kind, name)
    assert made.review_id == "musterstadt-2022" and made.municipality_id == "musterstadt"
    assert document["person"][0]["id"] == slug(document["person"][0]["name"]) == "vorname-nachname"
    assert document["event"][0]["id"] == "e-2022-titel-des-ereignisses"


def test_it_validates_against_the_schema() -> None:
    jsonschema.validate(tomllib.loads(scaffold("Musterstadt", 2022).text), json_schema())


def test_the_shipped_municipality_is_referred_to(tmp_path: Path) -> None:
    """Kaiserslautern is `stadt-kaiserslautern` in the shipped data: the file names it, defines no second
    Kaiserslautern, and loads beside the shipped data."""
    shipped = existing_records(load(SHIPPED).dataset)
    made = scaffold("Kaiserslautern", 2022, shipped)
    assert made.municipality_id == "stadt-kaiserslautern" and not made.defines_municipality
    document = tomllib.loads(made.text)
    assert [o["id"] for o in document["organisation"]] == ["name-der-organisation"]
    assert document["membership"][0]["members"] == ["stadt-kaiserslautern"]
    assert problems_beside_shipped(made.text, tmp_path) == []
    with pytest.raises(ScaffoldError) as caught:
        scaffold("KL", 2021, {**shipped})  # ("kl-2021" is the shipped review)
    assert caught.value.reason == "review" and "kaiserslautern-2021.toml:" in caught.value.origin


# --- ids from names -----------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Musterstadt", "musterstadt"),
        ("Zweibrücken", "zweibruecken"),
        ("Groß-Gerau", "gross-gerau"),
        ("Bad Dürkheim", "bad-duerkheim"),
        ("ÖHRINGEN", "oehringen"),
        ("STRAẞE", "strasse"),
        (unicodedata.normalize("NFD", "Ärzte Ünna"), "aerzte-uenna"),
        ("São Paulo", "sao-paulo"),
        ("  --Linz am Rhein (Stadt)--  ", "linz-am-rhein-stadt"),
        ("a/b.c_d", "a-b-c-d"),
        ("Vorname Nachname …", "vorname-nachname"),
        ("日本", ""),
        ("x" * 100, "x" * 80),
    ],
)
def test_slug(name: str, expected: str) -> None:
    assert slug(name) == expected
    assert expected == "" or re.fullmatch(ID_PATTERN, expected)


@settings(deadline=None, derandomize=True, database=None, max_examples=40, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=30), st.integers(1000, 9999))
def test_any_municipality_gives_a_file_that_loads_or_a_clear_refusal(name: str, year: int) -> None:
    """Whatever the name (umlauts, controls, quotes, line breaks, other scripts): either no id can be made
    of it, or the file loads beside the shipped data without a problem, holding the name as written."""
    try:
        made = scaffold(name, year)
    except ScaffoldError as error:
        assert error.reason == "no_id" and slug(name) == ""
        return
    with tempfile.TemporaryDirectory(prefix="herzlich-new-") as folder:  # (a fixture's is shared by examples)
        assert problems_beside_shipped(made.text, Path(folder)) == []
    assert tomllib.loads(made.text)["review"][0]["municipality"] == " ".join(name.split())


def test_taken_ids_get_a_number(capsys, write_toml, data_dir: Path, tmp_path: Path) -> None:
    """An id the data has already (here from --data) is not given again; the file passes the check the
    command suggests."""
    write_toml("p.toml", '[[person]]\nid = "vorname-nachname"\nname = "Erika Mustermann"\nsources = ["kl-2021"]\n')
    target = tmp_path / "f.toml"
    code, _, err = run(capsys, "new", "Musterstadt", "2022", "--data", str(data_dir), "-o", str(target))
    assert code == 0
    command = f"herzlich-tui check {target} --data={data_dir}"
    assert err.splitlines()[0] == f"Wrote {target}. Replace its placeholders (…), then run: {command}"
    document = tomllib.loads(target.read_text(encoding="utf-8"))
    assert document["person"][0]["id"] == "vorname-nachname-2"
    assert document["quote"][0]["people"] == ["vorname-nachname-2"]
    code, _, err = run(capsys, *command.split()[1:])
    assert code == 0, err
