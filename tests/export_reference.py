"""The export as it was made before it was written a piece at a time: the whole text built at once. The
streamed export (herzlich_tui/export.py, browse/report.py) is held to these, byte for byte."""

from __future__ import annotations

import csv
import io
import json
import math
from collections.abc import Sequence
from typing import Any

import tomli_w

from herzlich_tui import __version__
from herzlich_tui import strings as S
from herzlich_tui.browse.report import _md, _md_line
from herzlich_tui.export import _cell, by_kind, main_text, record_to_dict
from herzlich_tui.model import Dataset, PartialDate, Record, Review

__all__ = ["export"]


def export(dataset: Dataset, records: Sequence[Record], fmt: str, *, title: str = "") -> str:
    if fmt == "md":
        return to_markdown(dataset, records, title=title)
    if fmt == "json":
        return to_json(records)
    if fmt == "toml":
        return to_toml(records)
    if fmt == "csv":
        return to_csv(dataset, records)
    raise ValueError(fmt)


def to_json(records: Sequence[Record]) -> str:
    """JSON as RFC 8259 has it: a number that is not finite (which the loader never lets through, but code
    can make) is written as null, never as NaN or Infinity, which JSON readers refuse."""
    payload: dict[str, Any] = {"herzlich_tui": __version__}
    for kind, items in by_kind(records).items():
        payload[kind] = [_finite(record_to_dict(r)) for r in items]
    return json.dumps(payload, ensure_ascii=False, indent=2, allow_nan=False) + "\n"


def _finite(values: dict[str, Any]) -> dict[str, Any]:
    for name, value in values.items():
        if isinstance(value, float) and not math.isfinite(value):
            values[name] = None
    return values


def to_toml(records: Sequence[Record]) -> str:
    document = {kind: [record_to_dict(r) for r in items] for kind, items in by_kind(records).items()}
    return f"# Exported by herzlich-tui {__version__}\n\n" + tomli_w.dumps(document, multiline_strings=False)


CSV_COLUMNS = ("kind", "id", "title", "date", "year", "programmes", "text", "sources")


def to_csv(dataset: Dataset, records: Sequence[Record]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    # (The writer quotes a cell holding a newline but not one holding a carriage return, which readers take
    # for the end of a line: a row with one is written with every cell quoted.)
    quoted = csv.writer(buffer, lineterminator="\n", quoting=csv.QUOTE_ALL)
    writer.writerow(CSV_COLUMNS)
    for record in records:
        facets = dataset.facets(record.id) if record.id in dataset else None
        date = getattr(record, "date", None)
        row = [
            record.kind,
            record.id,
            record.label,
            date.text if isinstance(date, PartialDate) else "",
            " ".join(str(y) for y in sorted(facets.years)) if facets else "",
            " ".join(sorted(facets.programmes)) if facets else "",
            main_text(record),
            " ".join(record.sources),
        ]
        cells = list(map(_cell, row))
        (quoted if any("\r" in cell for cell in cells) else writer).writerow(cells)
    return buffer.getvalue()


def to_markdown(dataset: Dataset, records: Sequence[Record], *, title: str = "") -> str:
    """A report grouped by year: events, project progress, figures, quotes and memberships, then the
    programmes, projects, people, organisations and networks the selection holds."""
    groups = by_kind(records)
    lines = [f"# {_md(title or S.APP_TITLE)}", ""]
    reviews = [r for r in groups.get("review", []) if isinstance(r, Review)]
    if reviews:
        lines += [f"## {S.KIND_PLURALS['review']}", ""]
        for review in reviews:
            lines.append(f"- **{review.year}**: {_md(review.label)} ({_md(review.publisher)}). {_md(review.summary)}")
        lines.append("")
    yearly = [r for kind in ("event", "project_year", "figure", "quote", "membership") for r in groups.get(kind, [])]
    years = sorted({y for r in yearly if (y := dataset.year_of(r)) is not None})
    for year in years:
        lines += [f"## {year}", ""]
        for kind in ("event", "project_year", "figure", "quote", "membership"):
            items = [r for r in groups.get(kind, []) if dataset.year_of(r) == year]
            if not items:
                continue
            lines += [f"### {S.KIND_PLURALS[kind]}", ""]
            lines += [_md_line(dataset, r) for r in items]
            lines.append("")
    for kind in ("programme", "project", "person", "organisation", "network"):
        items = groups.get(kind, [])
        if items:
            lines += [f"## {S.KIND_PLURALS[kind]}", ""]
            lines += [f"- **{_md(r.label)}**" + (f": {_md(t)}" if (t := main_text(r)) else "") for r in items]
            lines.append("")
    return "\n".join(lines).rstrip() + "\n"
