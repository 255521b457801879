"""Exports: JSON holds every record, TOML loads again unchanged, CSV has one row per record, Markdown is safe."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from reference import KindIs, select

from herzlich_tui import __version__
from herzlich_tui.browse.report import FORMATS, export
from herzlich_tui.export import CSV_COLUMNS, record_to_dict, with_sources
from herzlich_tui.loading import LoadResult, load
from herzlich_tui.model import KINDS, Dataset, Event, Figure, Organisation, PartialDate, Person, Review, Role


@pytest.fixture
def everything(shipped_dataset: Dataset) -> list:
    return list(shipped_dataset)


def test_json_holds_every_record_of_every_kind(shipped_dataset: Dataset, everything: list) -> None:
    payload = json.loads(export(shipped_dataset, everything, "json"))
    assert payload["herzlich_tui"] == __version__
    for kind in KINDS:
        assert len(payload.get(kind, [])) == len(shipped_dataset.of_kind(kind)), kind
    assert {entry["id"] for kind in KINDS for entry in payload.get(kind, [])} == {r.id for r in everything}
    mashup = next(e for e in payload["event"] if e["id"] == "e-2021-mpsc-mashup")
    assert mashup["title"] == "MPSC Mashup"
    assert mashup["date"].startswith("2021")
    assert "hassfurt" in mashup["organisations"]


def test_toml_round_trip(shipped: LoadResult, everything: list, tmp_path: Path) -> None:
    out = tmp_path / "export.toml"
    out.write_text(export(shipped.dataset, everything, "toml"), encoding="utf-8")
    again = load([(out, "extra")])
    assert again.problems == [], "\n".join(map(str, again.problems))
    assert [r.id for r in again.dataset] == [r.id for r in shipped.dataset]
    # records compare by value (not by where they were defined): nothing was lost or changed
    assert {r.id: r for r in again.dataset} == {r.id: r for r in shipped.dataset}


def test_toml_round_trip_of_tricky_values(tmp_path: Path) -> None:
    records = [
        Review(
            id="r",
            year=2021,
            title='Mit "Anführungszeichen" und \\ Backslash',
            publisher="P",
            municipality="M",
            summary="Zeile eins\nZeile zwei\t[bold]x[/]",
        ),
        Role(
            id="role", person="p", title="T", start=PartialDate.parse("2021-summer"), years=(2020, 2021), sources=("r",)
        ),
    ]
    text = export(Dataset(records), records, "toml")
    assert text.startswith(f"# Exported by herzlich-tui {__version__}\n")
    assert 'from = "2021-summer"' in text  # data-file names, not attribute names
    out = tmp_path / "x.toml"
    out.write_text(text, encoding="utf-8")
    again = load([(out, "extra")])
    assert [str(p) for p in again.problems] == [f"{out}:16: role.person: 'role': no person has the id 'p'"]
    assert again.dataset["r"] == records[0]


def test_record_to_dict_leaves_out_empty_optional_fields() -> None:
    org = Organisation(id="o", name="O", type="city", sources=("r",))
    assert record_to_dict(org) == {"id": "o", "sources": ["r"], "name": "O", "kind": "city"}


def test_exports_keep_inferred_basis_and_url(tmp_path: Path) -> None:
    records = [
        Review(
            id="r",
            year=2021,
            title="T",
            publisher="P",
            municipality="M",
            summary="S",
            inferred=("publisher",),
            basis="Der Text nennt keinen Autor.",
        ),
        Organisation(
            id="o", name="O", type="city", url="https://example.org", sources=("r",), inferred=("kind", "url")
        ),
        Role(id="role", person="p", title="T", start=PartialDate.parse("2021"), sources=("r",), inferred=("from",)),
        Person(id="p", name="P", sources=("r",)),
    ]
    assert record_to_dict(records[1]) == {
        "id": "o",
        "sources": ["r"],
        "name": "O",
        "kind": "city",
        "url": "https://example.org",
        "inferred": ["kind", "url"],
    }
    assert list(record_to_dict(records[0]))[-2:] == ["inferred", "basis"]
    payload = json.loads(export(Dataset(records), records, "json"))
    assert payload["review"][0]["inferred"] == ["publisher"]
    assert payload["review"][0]["basis"] == "Der Text nennt keinen Autor."
    assert payload["role"][0]["inferred"] == ["from"]  # data-file names, as in the files
    out = tmp_path / "x.toml"
    out.write_text(export(Dataset(records), records, "toml"), encoding="utf-8")
    again = load([(out, "extra")])
    assert again.problems == []
    assert [again.dataset[r.id] for r in records] == records


def test_json_export_marks_what_the_shipped_data_infers(shipped_dataset: Dataset, everything: list) -> None:
    """The relations the data audit (issue 20) found to be readings, not statements, say so in the export."""
    payload = json.loads(export(shipped_dataset, everything, "json"))
    by_id = {entry["id"]: entry for kind in KINDS for entry in payload.get(kind, [])}
    expected = {
        "m-mpsc-modellstaedte-2021-mashup": "members",  # Haßfurt and Wolfsburg: organisers of the Mashup
        "ikone-ds-programm": "name",  # a grouping of the dataset, not a programme the texts name
        "ikone-ds": "programme",
        "smarte-laternen": "parent",
        "tun": "parent",
        "e-2020-dfki-kooperation": "people",
        "e-2020-kulturlivestreams": "people",
        "kulturlivestreams": "people",
        "e-2020-einwohnerversammlung": "organisations",
        "digital-botschafter": "partners",  # the project's owner
        "kommunalkongress": "partners",  # the ministry that commissioned it
        "e-2021-bigbluebutton-fuer-vereine-verlaengert": "date",
        "kl-2021": "publisher",
    }
    for record_id, name in expected.items():
        assert name in by_id[record_id].get("inferred", []), record_id
        assert by_id[record_id].get("basis"), record_id
    # the BBK initiated the trial: a partner only by the dataset's reading
    assert "bbk" in by_id["smarte-laternen"]["partners"] and "partners" in by_id["smarte-laternen"]["inferred"]
    # Haßfurt and Wolfsburg are no longer listed beside the model cities the text names
    stated = by_id["m-mpsc-modellstaedte-2021"]
    assert not {"hassfurt", "wolfsburg"} & set(stated["members"]) and "inferred" not in stated


def test_csv_has_a_header_and_one_row_per_record(shipped_dataset: Dataset, everything: list) -> None:
    rows = list(csv.reader(io.StringIO(export(shipped_dataset, everything, "csv"))))
    assert tuple(rows[0]) == CSV_COLUMNS
    assert len(rows) == len(everything) + 1  # multi-line text stays inside its cell
    assert [row[1] for row in rows[1:]] == [r.id for r in everything]
    mashup = dict(zip(CSV_COLUMNS, next(row for row in rows if row[1] == "e-2021-mpsc-mashup"), strict=True))
    assert (mashup["kind"], mashup["title"], mashup["year"], mashup["programmes"], mashup["sources"]) == (
        "event",
        "MPSC Mashup",
        "2021",
        "mpsc",
        "kl-2021",
    )
    assert mashup["date"].startswith("2021")
    assert "Haßfurt" in mashup["text"]


def test_markdown_groups_by_year(shipped_dataset: Dataset, everything: list) -> None:
    text = export(shipped_dataset, everything, "md", title="Bericht")
    lines = text.splitlines()
    assert lines[0] == "# Bericht"
    assert lines.index("## 2020") < lines.index("## 2021")
    section_2021 = text.split("## 2021\n", 1)[1].split("\n## ", 1)[0]
    assert "MPSC Mashup" in section_2021
    assert "MPSC Mashup" not in text.split("## 2021\n", 1)[0]


def test_markdown_escapes_markup_like_text() -> None:
    records = [
        Review(id="r", year=2020, title="R", publisher="P", municipality="M", summary="s"),
        Event(
            id="e",
            title="[bold]x[/]",
            date=PartialDate.parse("2020-03-13"),
            summary="a * b _c_ `d` <e> #f",
            sources=("r",),
        ),
    ]
    text = export(Dataset(records), records, "md")
    assert "- **13 Mar 2020**: \\[bold\\]x\\[/\\]. a \\* b \\_c\\_ \\`d\\` \\<e\\> \\#f" in text.splitlines()
    assert "[bold]" not in text
    assert "## 2020" in text.splitlines()


def test_with_sources_adds_the_reviews_named(shipped_dataset: Dataset) -> None:
    events = select(shipped_dataset, KindIs("event"))
    chosen = with_sources(shipped_dataset, events)
    assert [r.id for r in chosen if r.kind == "review"] == ["kl-2020", "kl-2021"]
    assert chosen[2:] == events


def test_empty_selection(shipped_dataset: Dataset) -> None:
    assert json.loads(export(shipped_dataset, [], "json")) == {"herzlich_tui": __version__}
    assert export(shipped_dataset, [], "csv") == ",".join(CSV_COLUMNS) + "\n"
    assert export(shipped_dataset, [], "md") == "# herzlich-tui\n"
    assert export(shipped_dataset, [], "toml") == f"# Exported by herzlich-tui {__version__}\n\n"
    assert set(FORMATS) == {"json", "toml", "csv", "md"}


def test_unknown_format(shipped_dataset: Dataset) -> None:
    with pytest.raises(ValueError, match="unknown format 'xml'"):
        export(shipped_dataset, [], "xml")


# --- hostile values --------------------------------------------------------------------------------------
def test_csv_prefixes_cells_a_spreadsheet_would_read_as_formulas() -> None:
    review = Review(id="r", year=2020, title="R", publisher="P", municipality="M", summary="s")
    titles = ['=HYPERLINK("http://x","y")', "+1", "-2+3", "@SUM(A1)", "\tx", "\rx", "a=b", "5 - 3"]
    records = [review] + [
        Event(id=f"e{n}", title=title, date=PartialDate.parse("2020"), summary=title, sources=("r",))
        for n, title in enumerate(titles)
    ]
    rows = list(csv.reader(io.StringIO(export(Dataset(records), records, "csv"), newline="")))
    assert len(rows) == len(records) + 1
    shown = {row[2]: row[6] for row in rows[2:]}
    assert sorted(shown) == sorted(
        ['\'=HYPERLINK("http://x","y")', "'+1", "'-2+3", "'@SUM(A1)", "'\tx", "'\rx", "a=b", "5 - 3"]
    )
    assert all(title == text for title, text in shown.items())  # the text column too


def test_json_never_writes_nan_or_infinity() -> None:
    review = Review(id="r", year=2020, title="R", publisher="P", municipality="M", summary="s")
    figures = [
        Figure(id=f"f{n}", value=value, unit="u", text="t", measures="m", year=2020, sources=("r",))
        for n, value in enumerate([float("nan"), float("inf"), -float("inf"), 1.5])
    ]
    text = export(Dataset([review, *figures]), [review, *figures], "json")
    payload = json.loads(text, parse_constant=lambda name: pytest.fail(f"{name} in the JSON"))
    assert [f["value"] for f in payload["figure"]] == [None, None, None, 1.5]
