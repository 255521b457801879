"""The JSON Schema of the data format (`herzlich-tui schema`): made from the loader's field metadata, with
every kind and field and its description; the shipped files validate against it (with the `jsonschema`
package), bad ones do not, and on each field it says what the loader says. docs/schema.md's field tables
and data/herzlich.schema.json are up to date with it."""

from __future__ import annotations

import json
import re
import tempfile
import tomllib
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import tomli_w
from cli_helpers import run
from hypothesis import given, settings
from hypothesis import strategies as st

from herzlich_tui import paths
from herzlich_tui.authoring import descriptions, docs
from herzlich_tui.authoring.schema import SCHEMA_DIRECTIVE, SCHEMA_FILE_NAME, json_schema, schema_text
from herzlich_tui.loading.loader import load_files, parse_file
from herzlich_tui.model import DateError, PartialDate
from herzlich_tui.model.dates import DATE_PATTERN
from herzlich_tui.model.records import FILE_NAMES, ID_PATTERN, RECORD_TYPES, FieldSpec

SHIPPED = paths.shipped_data_dir()
BAD = Path(__file__).parent / "bad_data"
SCHEMA = json_schema()
VALIDATOR = jsonschema.Draft202012Validator(SCHEMA)


def errors(document: dict[str, Any]) -> list[str]:
    return [error.message for error in VALIDATOR.iter_errors(document)]


def read_toml(path: Path) -> dict[str, Any]:
    """A data file as the JSON an editor validates: TOML dates as their ISO text (Taplo does the same)."""
    return json.loads(json.dumps(tomllib.loads(path.read_text(encoding="utf-8")), default=str))


def record_props(kind: str) -> dict[str, Any]:
    return SCHEMA["properties"][kind]["items"]["properties"]


# --- made from the model --------------------------------------------------------------------------------
def test_the_schema_is_a_valid_draft_2020_12_schema() -> None:
    jsonschema.Draft202012Validator.check_schema(SCHEMA)
    assert SCHEMA["$schema"] == "https://json-schema.org/draft/2020-12/schema"


def test_every_kind_and_field_is_in_the_schema_with_its_description() -> None:
    assert list(SCHEMA["properties"]) == list(RECORD_TYPES)
    for kind, cls in RECORD_TYPES.items():
        entry = SCHEMA["properties"][kind]
        assert entry["type"] == "array"
        record = entry["items"]
        assert record["additionalProperties"] is False
        assert record["description"] == descriptions.KINDS[kind]
        specs = cls.field_specs()
        names = [FILE_NAMES.get(attr, attr) for attr in specs]
        assert list(record["properties"]) == names, kind
        assert record["required"] == [FILE_NAMES.get(attr, attr) for attr, spec in specs.items() if spec.required]
        for name in names:
            description = record["properties"][name]["description"]
            assert description and description == descriptions.field_description(kind, name), (kind, name)
    assert "sources" not in record_props("review")
    assert record_props("organisation")["kind"]["enum"][0] == "city"
    assert (
        "from" in record_props("event")["inferred"]["items"]["enum"]
        or "date" in (record_props("event")["inferred"]["items"]["enum"])
    )
    assert record_props("role")["inferred"]["items"]["enum"][:3] == ["person", "title", "organisation"]
    assert "from" in record_props("role")["inferred"]["items"]["enum"]


def test_every_description_names_a_field_of_its_kind() -> None:
    """No description is left over from a field that is gone (or misspelt)."""
    assert list(descriptions.KINDS) == list(RECORD_TYPES)
    assert list(descriptions.FIELDS) == list(RECORD_TYPES)
    for kind, own in descriptions.FIELDS.items():
        names = {FILE_NAMES.get(attr, attr) for attr in RECORD_TYPES[kind].field_specs()}
        assert own.keys() <= names - descriptions.COMMON_FIELDS.keys(), kind
    every = {FILE_NAMES.get(a, a) for cls in RECORD_TYPES.values() for a in cls.field_specs()}
    assert descriptions.COMMON_FIELDS.keys() <= every


def test_the_command_prints_it(capsys) -> None:
    code, out, err = run(capsys, "schema")
    assert (code, err) == (0, "")
    assert out == schema_text() and json.loads(out) == SCHEMA


def test_the_command_writes_a_file(capsys, tmp_path: Path) -> None:
    target = tmp_path / SCHEMA_FILE_NAME
    code, out, err = run(capsys, "schema", "-o", str(target))
    assert (code, out) == (0, "")
    assert err == f"Wrote {target}\n"
    assert target.read_text(encoding="utf-8") == schema_text()


def test_the_shipped_schema_file_and_the_docs_are_up_to_date() -> None:
    """data/herzlich.schema.json (which the shipped files' #:schema line names) and docs/schema.md's field
    tables are what `python -m herzlich_tui.authoring.docs` writes."""
    assert (SHIPPED / SCHEMA_FILE_NAME).read_text(encoding="utf-8") == schema_text()
    text = docs.DOCS.read_text(encoding="utf-8")
    assert docs.render_docs(text) == text, "run: python -m herzlich_tui.authoring.docs"
    assert docs.main(["--check"]) == 0


def test_the_docs_say_what_the_descriptions_say() -> None:
    """Every kind has its block in docs/schema.md, and each field's row holds its description."""
    text = docs.DOCS.read_text(encoding="utf-8")
    blocks = {match[2]: match[3] for match in docs.BLOCK.finditer(text)}
    assert list(blocks) == ["common", *RECORD_TYPES]
    for name, description in descriptions.COMMON_FIELDS.items():
        assert re.search(rf"^\| `{name}\??` \| .* \| {re.escape(description)} \|$", blocks["common"], re.M), name
    for kind, own in descriptions.FIELDS.items():
        assert blocks[kind].startswith(descriptions.KINDS[kind] + "\n")
        for name, description in own.items():
            assert re.search(rf"^\| `{name}\??` \| .* \| {re.escape(description)} \|$", blocks[kind], re.M), name


def test_the_docs_example_loads_and_validates(write_toml, load_dir) -> None:
    """docs/schema.md's example of a review of your own passes the schema and loads beside the shipped data."""
    text = docs.DOCS.read_text(encoding="utf-8").split("## Example: adding a review of your own")[1]
    example = re.search(r"```toml\n(.*?)```", text, re.DOTALL)[1]  # type: ignore[index]
    assert example.startswith(SCHEMA_DIRECTIVE + "\n")
    assert errors(tomllib.loads(example)) == []
    write_toml("example.toml", example)
    assert load_dir(shipped=True).problems == []


def test_a_stale_docs_table_is_caught(tmp_path: Path) -> None:
    text = docs.DOCS.read_text(encoding="utf-8")
    edited = text.replace(descriptions.FIELDS["event"]["place"], "Where it was.")
    assert edited != text and docs.render_docs(edited) == text
    with pytest.raises(ValueError, match="names no kind"):
        docs.render_docs("<!-- fields: evnt -->\n<!-- /fields -->\n")


# --- shipped and bad files ------------------------------------------------------------------------------
@pytest.mark.parametrize("path", sorted(SHIPPED.glob("*.toml")), ids=lambda p: p.name)
def test_every_shipped_file_validates_and_names_the_schema(path: Path) -> None:
    assert errors(read_toml(path)) == []
    assert path.read_text(encoding="utf-8").split("\n", 1)[0] == SCHEMA_DIRECTIVE


def test_the_directive_is_a_comment_and_lines_stay_right(shipped, write_toml, load_dir, data_dir: Path) -> None:
    """The `#:schema` line is a TOML comment: the loader reads past it, and every line a record or a problem
    names is the file's own (the header of each shipped record is on the line its origin names)."""
    texts = {path: path.read_text(encoding="utf-8").split("\n") for path in SHIPPED.glob("*.toml")}
    for record in shipped.dataset:
        lines = texts[Path(record.origin.path)]
        assert lines[record.origin.line - 1] == f"[[{record.kind}]]", record.origin
    write_toml(
        "a.toml",
        f"""
        {SCHEMA_DIRECTIVE}
        [[person]]
        id = "p1"
        name = "P"
        plase = "KL"
        sources = ["kl-2021"]
        """,
    )
    write_toml("b.toml", f"{SCHEMA_DIRECTIVE}\n[[person]]\nid =\n")
    assert [str(p).replace(f"{data_dir}/", "") for p in load_dir(shipped=True).problems] == [
        "a.toml:5: person.plase: 'p1': unknown field 'plase'",
        "b.toml:3:5: TOML syntax: Invalid value",
    ]


def test_an_unknown_field_a_bad_date_or_an_unknown_kind_is_rejected() -> None:
    event = {"id": "e1", "title": "T", "date": "2021-06", "summary": "s", "sources": ["r"]}
    assert errors({"event": [event]}) == []
    assert errors({"event": [{**event, "plase": "KL"}]}) == [
        "Additional properties are not allowed ('plase' was unexpected)"
    ]
    for date in ("2021-02-30", "30.03.2021", "2021-fall", "２０２１", "0999", "2021-06-14T10:00:00"):
        assert len(errors({"event": [{**event, "date": date}]})) == 1, date
    assert errors({"evnt": [event]}) == ["Additional properties are not allowed ('evnt' was unexpected)"]
    assert errors({"event": [{k: v for k, v in event.items() if k != "summary"}]}) == [
        "'summary' is a required property"
    ]
    assert errors({}) == ["{} should be non-empty"]


@pytest.mark.parametrize(
    "name",
    sorted(p.name for p in BAD.glob("*.toml") if p.is_file() and p.stat().st_size and p.name != "not_utf8.toml"),
)
def test_the_bad_files_fail_the_schema_where_they_fail_on_their_own(name: str) -> None:
    """A bad file is rejected by the schema exactly when the loader finds a problem in it on its own;
    what only the whole dataset shows (a dangling reference, a duplicate id, a parent loop) it cannot see."""
    path = BAD / name
    try:
        document = read_toml(path)
    except tomllib.TOMLDecodeError:
        pytest.skip("not TOML: an editor shows the syntax error itself")
    alone = parse_file(path).problems
    assert bool(errors(document)) == bool(alone), (name, errors(document), alone)


# --- the schema says what the loader says, field by field ------------------------------------------------
def _valid(kind: str, attr: str, spec: FieldSpec, record_id: str) -> Any:
    """A value the loader takes for a field (references name the context's records, `x-KIND`)."""
    if attr == "id":
        return record_id
    return {
        "str": "Text",
        "int": 2021,
        "number": 1.5,
        "bool": False,
        "date": "2021-06",
        "years": [2021],
        "ref": f"x-{spec.ref}",
        "refs": [f"x-{spec.ref}"],
        "choice": spec.choices[0] if spec.choices else "",
        "fields": list(spec.choices[:1]),
    }[spec.type]


def _record(kind: str, record_id: str, *, optional_refs: bool) -> dict[str, Any]:
    record = {}
    for attr, spec in RECORD_TYPES[kind].field_specs().items():
        if spec.required or (spec.type not in ("ref", "refs") or optional_refs):
            record[FILE_NAMES.get(attr, attr)] = _valid(kind, attr, spec, record_id)
    return record


# One record of every kind with the ids the others name, `x-KIND` (no optional references, so no loops).
CONTEXT = {kind: [_record(kind, f"x-{kind}", optional_refs=False)] for kind in RECORD_TYPES}
CONTEXT["review"][0]["year"] = 2021
WRONG = [5, -1, 2.5, True, "Text mit Leerzeichen", [], ["Text mit Leerzeichen"], [5], {"a": 1}, "2021-02-30"]


def test_the_context_is_valid() -> None:
    assert errors(CONTEXT) == []
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder, "context.toml")
        path.write_text(tomli_w.dumps(CONTEXT), encoding="utf-8")
        assert load_files([(path, "extra")]).problems == []


def test_the_schema_agrees_with_the_loader_on_every_field(tmp_path: Path) -> None:
    """For each field of each kind and a set of values of every type: the loader reports a problem exactly
    when the schema rejects the value. (The schema cannot know which ids exist: an id-shaped text in a
    reference is left to `check`.)"""
    context = tmp_path / "context.toml"
    context.write_text(tomli_w.dumps(CONTEXT), encoding="utf-8")
    target = tmp_path / "one.toml"
    compared = rejected = 0
    for kind in RECORD_TYPES:
        base = _record(kind, f"y-{kind}", optional_refs=True)
        for attr, spec in RECORD_TYPES[kind].field_specs().items():
            name = FILE_NAMES.get(attr, attr)
            for value in [base[name], *WRONG, None]:
                if spec.type in ("ref", "refs") and value != base[name]:
                    texts = value if isinstance(value, list) else [value]
                    if any(isinstance(t, str) and re.fullmatch(ID_PATTERN, t) for t in texts):
                        continue
                record = {k: v for k, v in base.items() if k != name}
                if value is not None:  # (None: the field left out)
                    record[name] = value
                document = {kind: [record]}
                target.write_text(tomli_w.dumps(document), encoding="utf-8")
                problems = load_files([(context, "extra"), (target, "extra")]).problems
                assert bool(errors(document)) == bool(problems), (kind, name, value, errors(document), problems)
                compared += 1
                rejected += bool(problems)
    assert compared > 800 and 400 < rejected < compared - 200, (compared, rejected)  # (both ways, often)


@settings(deadline=None, derandomize=True, database=None, max_examples=400)
@given(
    st.one_of(
        st.from_regex(r"[0-9]{4}(-([0-9]{2}(-[0-9]{2})?|[a-z]{3,6}))?", fullmatch=True),
        st.text(alphabet="0123456789-abcdefghijklmnopqrstuvwxyz ", max_size=12),
        st.builds(
            "{}-{:02d}-{:02d}".format,
            st.integers(1000, 9999),
            st.integers(0, 13),
            st.integers(0, 32),
        ),
    )
)
def test_the_date_pattern_accepts_what_parse_accepts(text: str) -> None:
    """DATE_PATTERN matches a text exactly when PartialDate.parse reads it (blanks around it aside, which
    the loader forgives and the schema does not)."""
    try:
        PartialDate.parse(text)
        parsed = text == text.strip()
    except DateError:
        parsed = False
    assert bool(re.search(DATE_PATTERN, text)) == parsed, text


def test_the_date_pattern_knows_leap_years() -> None:
    for year in (1904, 1996, 2000, 2004, 2024, 2400):
        assert re.search(DATE_PATTERN, f"{year}-02-29"), year
    for year in (1900, 2001, 2100, 2023):
        assert not re.search(DATE_PATTERN, f"{year}-02-29"), year
