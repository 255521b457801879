"""The data format as a JSON Schema (draft 2020-12), made from the field metadata the loader reads
(model.records: each kind's field_specs, FILE_NAMES) and the descriptions (authoring.descriptions), so
that it cannot say other than the loader does.

A data file is an object whose keys are record kinds, each an array of tables (`[[event]]`): every kind's
fields with their types, the required ones, no others. Types as the loader checks them: text (at most
MAX_STRING_CHARS characters), whole numbers within 64 bits, numbers, true/false, dates as the pattern of the
forms PartialDate.parse accepts (model.dates.DATE_PATTERN), ids and references as id strings
(model.records.ID_PATTERN), choices and `inferred`'s field names as lists of the allowed values.

Every subschema is written out in place (no `$ref`): editors that read older drafts show each field's
description on hover all the same.

What the schema cannot see, `check` reports: whether a reference names a record that exists (in any
file), duplicate ids, parent loops. Where the two differ, the schema is the stricter, but for 2021.0, which
JSON Schema counts as an integer where the loader wants 2021 (and, with Python's `re` alone, whose `$`
matches before a final line break, an id such as "kl-2021\\n"). (The loader also reads a date written
as a TOML date, unquoted, and forgives blanks around a date's text; the format's dates are strings, as
written, and the schema asks for that.)"""

from __future__ import annotations

import json
from typing import Any

from herzlich_tui.authoring.descriptions import KINDS as KIND_DESCRIPTIONS
from herzlich_tui.authoring.descriptions import field_description
from herzlich_tui.loading.loader import MAX_STRING_CHARS
from herzlich_tui.model.dates import DATE_PATTERN
from herzlich_tui.model.records import FILE_NAMES, ID_PATTERN, INT_MAX, INT_MIN, RECORD_TYPES, FieldSpec

__all__ = ["DIALECT", "SCHEMA_DIRECTIVE", "SCHEMA_FILE_NAME", "json_schema", "schema_text"]

DIALECT = "https://json-schema.org/draft/2020-12/schema"
# The schema's file name next to data files, and the first line of a data file that points editors at it
# (Taplo's directive; a relative path is relative to the folder of the data file).
SCHEMA_FILE_NAME = "herzlich.schema.json"
SCHEMA_DIRECTIVE = f"#:schema ./{SCHEMA_FILE_NAME}"

_ID = {"type": "string", "pattern": f"^{ID_PATTERN}$"}


def _type(spec: FieldSpec, *, is_id: bool = False) -> dict[str, Any]:
    """The schema of a value of one field, without its description."""
    match spec.type:
        case "str":
            return dict(_ID) if is_id else {"type": "string", "maxLength": MAX_STRING_CHARS}
        case "int":
            return {"type": "integer", "minimum": INT_MIN, "maximum": INT_MAX}
        case "number":
            return {"type": "number"}
        case "bool":
            return {"type": "boolean"}
        case "date":
            return {"type": "string", "pattern": DATE_PATTERN}
        case "years":
            return {"type": "array", "items": {"type": "integer", "minimum": INT_MIN, "maximum": INT_MAX}}
        case "ref":
            return dict(_ID)
        case "refs":
            return {"type": "array", "items": dict(_ID)}
        case "choice":
            return {"type": "string", "enum": list(spec.choices)}
        case "fields":
            return {"type": "array", "items": {"type": "string", "enum": list(spec.choices)}}
    raise AssertionError(f"unknown field type {spec.type}")  # pragma: no cover - a new type needs a case


def record_schema(kind: str) -> dict[str, Any]:
    """The schema of one record of a kind: its fields by their names in data files, the required ones."""
    properties: dict[str, Any] = {}
    required: list[str] = []
    for attr, spec in RECORD_TYPES[kind].field_specs().items():
        name = FILE_NAMES.get(attr, attr)
        properties[name] = {"description": field_description(kind, name), **_type(spec, is_id=attr == "id")}
        if spec.required:
            required.append(name)
    return {
        "type": "object",
        "title": kind,
        "description": KIND_DESCRIPTIONS[kind],
        "properties": properties,
        "required": required,
        "additionalProperties": False,
    }


def json_schema() -> dict[str, Any]:
    """The schema of a data file."""
    return {
        "$schema": DIALECT,
        "title": "herzlich-tui review data",
        "description": (
            "A data file of herzlich-tui: records of annual reviews, each an entry of an array of tables "
            "named after its kind ([[review]], [[event]], ...). Field by field: docs/schema.md."
        ),
        "$comment": "Made by `herzlich-tui schema` from the field metadata the loader reads; do not edit.",
        "type": "object",
        "properties": {
            kind: {"description": KIND_DESCRIPTIONS[kind], "type": "array", "items": record_schema(kind)}
            for kind in RECORD_TYPES
        },
        "additionalProperties": False,
        "minProperties": 1,
    }


def schema_text() -> str:
    """The schema as the file `herzlich-tui schema` prints (and data/herzlich.schema.json holds)."""
    return json.dumps(json_schema(), ensure_ascii=False, indent=2) + "\n"
