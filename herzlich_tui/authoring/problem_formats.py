"""`check`'s problems for editors and CI: JSON of our own, and SARIF 2.1.0 (minimal: a tool, one rule per
outcome, and a result per problem with its file, line and column where known).

Both keep the values as they were found (a key or a file name with an escape in it is that escape, for a
program to match); the text is made safe for a terminal with textsafe.safe_json, which changes no value.
The field names are English; a problem's message is in the interface's language."""

from __future__ import annotations

import json
import os
import urllib.parse
from collections.abc import Sequence
from pathlib import Path, PurePath
from typing import Any

from herzlich_tui import __version__
from herzlich_tui import strings as S
from herzlich_tui.loading.problems import (
    FIELD_IGNORED,
    FILE_SKIPPED,
    NOTHING_LEFT_OUT,
    REFERENCE_DROPPED,
    SKIPPED,
    Problem,
)
from herzlich_tui.textsafe import safe_json

__all__ = ["SARIF_RULES", "problems_json", "problems_sarif"]

# A SARIF rule for each outcome: results are grouped (and tracked from run to run) by what happened.
SARIF_RULES = {
    SKIPPED: "record-skipped",
    FIELD_IGNORED: "field-ignored",
    REFERENCE_DROPPED: "reference-dropped",
    FILE_SKIPPED: "file-skipped",
    NOTHING_LEFT_OUT: "nothing-loaded",
}


def _dumps(payload: Any) -> str:
    return safe_json(json.dumps(payload, ensure_ascii=False, indent=2)) + "\n"


def problems_json(problems: Sequence[Problem], *, files: int, records: int) -> str:
    """Every problem as an object (`line`, `column` and `key` null where unknown), with the counts `check`
    prints."""
    return _dumps(
        {
            "herzlich_tui": __version__,
            "files": files,
            "records": records,
            "problems": [
                {
                    "path": problem.path,
                    "line": problem.line or None,
                    "column": problem.column or None,
                    "key": problem.key or None,
                    "message": str(problem.message),  # (in the interface's language)
                    "outcome": problem.outcome,
                }
                for problem in problems
            ],
        }
    )


def problems_sarif(problems: Sequence[Problem]) -> str:
    """Every problem as a SARIF 2.1.0 result (level "error"), its message led by the field it concerns."""
    rule_ids = list(SARIF_RULES.values())
    rules = [
        {"id": rule, "shortDescription": {"text": S.CHECK_SARIF_RULES[outcome]}}
        for outcome, rule in SARIF_RULES.items()
    ]
    results = []
    for problem in problems:
        rule = SARIF_RULES.get(problem.outcome, SARIF_RULES[SKIPPED])
        region: dict[str, int] = {}
        if problem.line:
            region["startLine"] = problem.line
            if problem.column:
                region["startColumn"] = problem.column
        location: dict[str, Any] = {"artifactLocation": {"uri": _uri(problem.path)}}
        if region:
            location["region"] = region
        results.append(
            {
                "ruleId": rule,
                "ruleIndex": rule_ids.index(rule),
                "level": "error",
                "message": {"text": f"{problem.key}: {problem.message}" if problem.key else str(problem.message)},
                "locations": [{"physicalLocation": location}],
                "properties": {"outcome": problem.outcome, "key": problem.key},
            }
        )
    return _dumps(
        {
            "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
            "version": "2.1.0",
            "runs": [
                {
                    "tool": {"driver": {"name": "herzlich-tui", "version": __version__, "rules": rules}},
                    "results": results,
                }
            ],
        }
    )


def _uri(path: str) -> str:
    """A file's path as a URI reference: `file://` for an absolute path, else relative (to the folder the
    command ran in), with `/` and percent-escapes."""
    pure = PurePath(path)
    if pure.is_absolute():
        return Path(path).as_uri()
    return urllib.parse.quote_from_bytes(os.fsencode(pure.as_posix()))
