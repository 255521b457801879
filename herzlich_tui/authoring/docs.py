"""docs/schema.md's field tables and data/herzlich.schema.json, made from the model and the descriptions,
so that what the docs, the schema and editors say cannot drift apart.

In docs/schema.md, each block between `<!-- fields: KIND -->` and `<!-- /fields -->` (KIND a record kind,
or `common` for the fields every kind has) is this module's; the prose around the blocks is the docs'.
After changing a kind's fields or a description:

    python -m herzlich_tui.authoring.docs          # rewrites the blocks and data/herzlich.schema.json
    python -m herzlich_tui.authoring.docs --check  # exit status 1 when either is out of date

The tests fail while they are out of date."""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

from herzlich_tui.authoring.descriptions import COMMON_FIELDS, field_description
from herzlich_tui.authoring.descriptions import KINDS as KIND_DESCRIPTIONS
from herzlich_tui.authoring.schema import SCHEMA_FILE_NAME, schema_text
from herzlich_tui.model.records import FILE_NAMES, RECORD_TYPES, FieldSpec

__all__ = ["BLOCK", "main", "render_docs", "type_words"]

ROOT = Path(__file__).resolve().parents[2]
DOCS = ROOT / "docs" / "schema.md"
SHIPPED_SCHEMA = ROOT / "data" / SCHEMA_FILE_NAME

BLOCK = re.compile(r"(<!-- fields: ([a-z_]+) -->\n)(.*?)(<!-- /fields -->)", re.DOTALL)

_PLURALS = {"person": "people"}


def _plural(kind: str) -> str:
    return _PLURALS.get(kind, kind + "s")


def type_words(spec: FieldSpec) -> str:
    """A field's type as docs/schema.md writes it."""
    match spec.type:
        case "number":
            return "`int` or `float`"
        case "years":
            return "`[int]`"
        case "ref":
            return f"`id` ({spec.ref})"
        case "refs":
            return f"`[id]` ({_plural(spec.ref)})"
        case "choice":
            return "`str`, one of the values below"
        case "fields":
            return "`[field names]`"
    return f"`{spec.type}`"


def _row(name: str, spec: FieldSpec, description: str) -> str:
    marker = "" if spec.required else "?"
    text = description.replace("|", "\\|")  # (a table cell's bar)
    return f"| `{name}{marker}` | {type_words(spec)} | {text} |"


def _table(rows: list[str]) -> list[str]:
    return ["| field | type | description |", "| --- | --- | --- |", *rows]


def _common_block() -> str:
    # (the fields as an event has them: every kind but the review has these four)
    specs = RECORD_TYPES["event"].field_specs()
    rows = [_row(name, specs[name], text) for name, text in COMMON_FIELDS.items()]
    return "\n".join(_table(rows)) + "\n"


def _kind_block(kind: str) -> str:
    lines = [KIND_DESCRIPTIONS[kind], ""]
    rows = []
    choices = []
    for attr, spec in RECORD_TYPES[kind].field_specs().items():
        name = FILE_NAMES.get(attr, attr)
        if name in COMMON_FIELDS:
            continue
        rows.append(_row(name, spec, field_description(kind, name)))
        if spec.type == "choice":
            choices.append(f"`{name}` is one of: {', '.join(f'`{choice}`' for choice in spec.choices)}.")
    lines += _table(rows)
    if choices:
        lines += ["", *choices]
    return "\n".join(lines) + "\n"


def render_docs(text: str) -> str:
    """docs/schema.md's text with every block made afresh. A block naming no kind is a ValueError."""

    def block(match: re.Match[str]) -> str:
        name = match[2]
        if name == "common":
            body = _common_block()
        elif name in RECORD_TYPES:
            body = _kind_block(name)
        else:
            raise ValueError(f"docs/schema.md: a block of fields names no kind: {name!r}")
        return match[1] + body + match[4]

    return BLOCK.sub(block, text)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m herzlich_tui.authoring.docs", description=__doc__.split("\n")[0])
    parser.add_argument("--check", action="store_true", help="only say whether the files are up to date")
    args = parser.parse_args(argv)
    wanted = {DOCS: render_docs(DOCS.read_text(encoding="utf-8")), SHIPPED_SCHEMA: schema_text()}
    stale = [path for path, text in wanted.items() if not path.exists() or path.read_text(encoding="utf-8") != text]
    if args.check:
        for path in stale:
            print(f"{path} is out of date: run python -m herzlich_tui.authoring.docs", file=sys.stderr)
        return 1 if stale else 0
    for path in stale:
        path.write_text(wanted[path], encoding="utf-8", newline="\n")
        print(f"wrote {path}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
