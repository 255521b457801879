"""The loader: every kind of problem with its exact line and key, collected in full, and good records kept."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from pathlib import Path

import pytest

from herzlich_tui.loading import LoadResult, Problem, load, loader
from herzlich_tui.model import Event, Origin, PartialDate

WriteToml = Callable[[str, str], Path]


@pytest.fixture
def report(data_dir: Path) -> Callable[[LoadResult], list[str]]:
    """Every problem as `path:line: key: message`, with paths relative to the data folder."""

    def run(result: LoadResult) -> list[str]:
        return [str(p).replace(f"{data_dir}/", "") for p in result.problems]

    return run


@pytest.fixture
def with_review(write_toml: WriteToml, review_toml: str) -> None:
    """A review "r-test" in its own file (0-review.toml), so test files can start at line 1."""
    write_toml("0-review.toml", review_toml)


def ids(result: LoadResult) -> set[str]:
    return {r.id for r in result.dataset}


# --- one file on its own ------------------------------------------------------------------------------
def test_toml_syntax_error_has_line_and_column(write_toml: WriteToml, load_dir, report) -> None:
    write_toml(
        "a.toml",
        """
        [[review]]
        id = "r-test"
        year = 20 21
        """,
    )
    result = load_dir()
    assert report(result) == [
        "a.toml:3:11: TOML syntax: Expected newline or end of document after a statement",
    ]
    assert (result.problems[0].line, result.problems[0].column) == (3, 11)


def test_syntax_error_at_end_of_document_points_at_the_last_line(write_toml: WriteToml, load_dir, report) -> None:
    write_toml("a.toml", '[[review]]\nid = "r"\nlist = [1,\n')
    assert report(load_dir()) == ["a.toml:4: TOML syntax: Invalid value"]


def test_not_utf8(data_dir: Path, load_dir, report) -> None:
    (data_dir / "latin1.toml").write_bytes('[[person]]\nid = "caf\xe9"\n'.encode("latin-1"))
    assert report(load_dir()) == ["latin1.toml:2:10: not UTF-8 text (byte 0xe9); save the file as UTF-8"]


def test_byte_order_mark_is_accepted(data_dir: Path, review_toml: str, load_dir) -> None:
    (data_dir / "bom.toml").write_bytes(b"\xef\xbb\xbf" + review_toml.encode())
    result = load_dir()
    assert result.problems == []
    assert ids(result) == {"r-test"}


def test_empty_file(write_toml: WriteToml, load_dir, report) -> None:
    write_toml("empty.toml", "")
    write_toml("blank.toml", "  \n\n")
    write_toml("comment.toml", "# nothing here yet\n")
    assert report(load_dir()) == [
        "blank.toml:1: file is empty; it holds no records",
        "comment.toml:1: holds no records ([[review]], [[event]], ...)",
        "empty.toml:1: file is empty; it holds no records",
    ]


def test_folder_named_like_a_toml_file(data_dir: Path, load_dir, report) -> None:
    (data_dir / "x.toml").mkdir()
    assert report(load_dir()) == ["x.toml: is a folder, not a TOML file"]


def test_hidden_files_and_folders_are_skipped(write_toml: WriteToml, load_dir) -> None:
    write_toml(".draft.toml", "not toml at all")
    write_toml(".git/x.toml", "not toml at all")
    write_toml(
        "sub/ok.toml",
        """
        [[review]]
        id = "r-sub"
        year = 2020
        title = "T"
        publisher = "P"
        municipality = "M"
        summary = "S"
        """,
    )
    result = load_dir()
    assert result.problems == []
    assert ids(result) == {"r-sub"}


def test_missing_folder_is_a_problem_unless_it_is_the_user_folder(tmp_path: Path) -> None:
    result = load([(tmp_path / "gone", "extra"), (tmp_path / "also-gone", "user")])
    assert [str(p) for p in result.problems] == [f"{tmp_path / 'gone'}: no such file or folder"]


def test_a_file_two_roots_lead_to_loads_once(with_review, write_toml: WriteToml, data_dir: Path) -> None:
    # `--data` naming a folder that loads anyway (the user's data folder), or one folder given twice: each
    # file loads once, as the first root found it. (Loaded twice, its records were duplicates of themselves,
    # reported at the wrong lines, and a third time the loader failed with a KeyError.)
    write_toml("sub/a.toml", EVENT_FOR_ROOTS)
    once = load([(data_dir, "user")])
    sub = data_dir / "sub"
    again = load([(data_dir, "user"), (data_dir, "extra"), (sub / ".." / "sub", "extra"), (sub / "a.toml", "extra")])
    assert again.problems == once.problems == []
    assert [(r.id, str(r.origin)) for r in again.dataset] == [(r.id, str(r.origin)) for r in once.dataset]


def test_roots_are_told_apart_by_the_file_they_lead_to(
    with_review, write_toml: WriteToml, data_dir: Path, tmp_path: Path
) -> None:
    # A symlinked folder and the folder it points at are one folder: its file loads once. And `link/..` is
    # the folder *above the link's target*, not the folder holding the link: two different files that look
    # alike as text both load.
    write_toml("sub/a.toml", EVENT_FOR_ROOTS)
    (data_dir / "link").symlink_to(data_dir / "sub", target_is_directory=True)
    twice = load([(data_dir, "user"), (data_dir / "link", "extra")])
    assert twice.problems == []
    assert [r.id for r in twice.dataset if r.kind == "event"] == ["e-roots"]

    elsewhere = tmp_path / "elsewhere"
    (elsewhere / "inner").mkdir(parents=True)
    (elsewhere / "b.toml").write_text(EVENT_FOR_ROOTS.replace("e-roots", "e-elsewhere"), encoding="utf-8")
    write_toml("b.toml", EVENT_FOR_ROOTS.replace("e-roots", "e-here"))
    (data_dir / "away").symlink_to(elsewhere / "inner", target_is_directory=True)
    roots = [(data_dir / "0-review.toml", "user"), (data_dir / "b.toml", "extra")]
    both = load([*roots, (data_dir / "away" / ".." / "b.toml", "extra")])
    assert both.problems == []
    assert sorted(r.id for r in both.dataset if r.kind == "event") == ["e-elsewhere", "e-here"]


EVENT_FOR_ROOTS = """
    [[event]]
    id = "e-roots"
    title = "Zweimal gefunden"
    date = "2021-06"
    summary = "Ein Ereignis."
    sources = ["r-test"]
    """


def test_unknown_field_with_did_you_mean(with_review, write_toml: WriteToml, load_dir, report) -> None:
    write_toml(
        "a.toml",
        """
        [[event]]
        id = "e1"
        titel = "Typo"
        title = "Auftakt"
        date = "2021-06"
        summary = "s"
        colour = "red"
        sources = ["r-test"]
        """,
    )
    result = load_dir()
    assert report(result) == [
        "a.toml:3: event.titel: 'e1': unknown field 'titel'; did you mean 'title'?",
        "a.toml:7: event.colour: 'e1': unknown field 'colour'",
    ]
    assert result.dataset["e1"].title == "Auftakt"  # an unknown field does not reject the record


def test_file_names_of_renamed_fields(with_review, write_toml: WriteToml, load_dir, report) -> None:
    # the data files say `kind` and `from` where the Python attributes are `type` and `start`
    write_toml(
        "a.toml",
        """
        [[organisation]]
        id = "o1"
        name = "O"
        type = "city"
        sources = ["r-test"]
        """,
    )
    result = load_dir()
    assert report(result) == [
        "a.toml:1: organisation.kind: 'o1': missing required field 'kind'",
        "a.toml:4: organisation.type: 'o1': unknown field 'type'",
    ]
    assert "o1" not in result.dataset


def test_unknown_record_kind(with_review, write_toml: WriteToml, load_dir, report) -> None:
    write_toml(
        "a.toml",
        """
        [[person]]
        id = "p1"
        name = "P"
        sources = ["r-test"]

        [[evnt]]
        id = "e1"
        """,
    )
    result = load_dir()
    assert report(result) == ["a.toml:6: evnt: unknown record kind 'evnt'; did you mean 'event'?"]
    assert "p1" in result.dataset


def test_missing_required_field_points_at_the_header(with_review, write_toml: WriteToml, load_dir, report) -> None:
    write_toml(
        "a.toml",
        """
        [[person]]
        id = "p1"
        name = "P"
        sources = ["r-test"]

        [[event]]
        id = "e1"
        title = "Ohne Datum"
        sources = ["r-test"]
        """,
    )
    result = load_dir()
    assert report(result) == [
        "a.toml:6: event.date: 'e1': missing required field 'date'",
        "a.toml:6: event.summary: 'e1': missing required field 'summary'",
    ]
    assert "e1" not in result.dataset
    assert "p1" in result.dataset


def test_missing_sources(write_toml: WriteToml, load_dir, report) -> None:
    write_toml(
        "a.toml",
        """
        [[person]]
        id = "p1"
        name = "P"
        """,
    )
    assert report(load_dir()) == ["a.toml:1: person.sources: 'p1': missing required field 'sources'"]


def test_wrong_types(with_review, write_toml: WriteToml, load_dir, report) -> None:
    write_toml(
        "a.toml",
        """
        [[project_year]]
        id = "py1"
        project = "x"
        year = "2021"
        summary = "s"
        sources = ["r-test"]

        [[event]]
        id = "e1"
        title = "T"
        date = "2021-06"
        summary = "s"
        place = 5
        people = "p1"
        sources = ["r-test"]

        [[membership]]
        id = "m1"
        network = "n"
        year = 2021
        members_complete = "yes"
        sources = ["r-test"]
        """,
    )
    result = load_dir()
    assert report(result) == [
        # (the records left out name records that are not there either: said at once, with the first problem)
        "a.toml:3: project_year.project: 'py1': no project has the id 'x'",
        "a.toml:4: project_year.year: 'py1': expected a whole number, got text",
        "a.toml:13: event.place: 'e1': expected text, got a whole number",
        "a.toml:14: event.people: 'e1': expected a list of person ids, got text",
        "a.toml:19: membership.network: 'm1': no network has the id 'n'",
        "a.toml:21: membership.members_complete: 'm1': expected true or false, got text",
    ]
    # a wrong required field rejects the record; a wrong optional one is dropped and the record loads
    assert ids(result) == {"r-test", "e1"}
    assert result.dataset["e1"].place == ""


def test_impossible_date(with_review, write_toml: WriteToml, load_dir, report) -> None:
    write_toml(
        "a.toml",
        """
        [[event]]
        id = "e1"
        title = "T"
        date = "2021-02-30"
        summary = "s"
        sources = ["r-test"]

        [[event]]
        id = "e2"
        title = "T"
        date = 2021-06-01T10:00:00
        summary = "s"
        sources = ["r-test"]

        [[event]]
        id = "e3"
        title = "TOML date"
        date = 2021-06-01
        summary = "s"
        sources = ["r-test"]
        """,
    )
    result = load_dir()
    assert report(result) == [
        "a.toml:4: event.date: 'e1': '2021-02-30': day 30 does not exist in Feb 2021",
        'a.toml:11: event.date: \'e2\': expected a date such as "2021-06" or "2021-summer", got a date and time',
    ]
    assert result.dataset["e3"].date.text == "2021-06-01"


def test_bad_id(with_review, write_toml: WriteToml, load_dir, report) -> None:
    write_toml(
        "a.toml",
        """
        [[person]]
        id = "Max Muster"
        name = "Max Muster"
        sources = ["r-test"]

        [[person]]
        id = "-dash-first"
        name = "D"
        sources = ["r-test"]
        """,
    )
    result = load_dir()
    assert report(result) == [
        "a.toml:2: person.id: 'Max Muster': id 'Max Muster' must be lowercase letters, digits, '.', '-' or '_'",
        "a.toml:7: person.id: '-dash-first': id '-dash-first' must be lowercase letters, digits, '.', '-' or '_'",
    ]
    assert ids(result) == {"r-test"}


def test_choice_with_did_you_mean(with_review, write_toml: WriteToml, load_dir, report) -> None:
    write_toml(
        "a.toml",
        """
        [[organisation]]
        id = "o1"
        name = "O"
        kind = "cty"
        sources = ["r-test"]
        """,
    )
    [line] = report(load_dir())
    assert line.startswith("a.toml:4: organisation.kind: 'o1': 'cty' is not one of city, administration, ")
    assert line.endswith("; did you mean 'city'?")


# --- provenance: inferred, basis, url -------------------------------------------------------------------
def test_inferred_names_fields_of_the_kind_by_their_data_file_names() -> None:
    from herzlich_tui.model import RECORD_TYPES
    from herzlich_tui.model.records import FILE_NAMES

    for kind, cls in RECORD_TYPES.items():
        specs = cls.field_specs()
        assert list(specs)[-2:] == ["inferred", "basis"], kind  # last, so exports end with them
        expected = tuple(FILE_NAMES.get(a, a) for a in specs if a not in ("id", "sources", "inferred", "basis"))
        assert specs["inferred"].type == "fields" and specs["inferred"].choices == expected, kind
    assert "from" in RECORD_TYPES["role"].field_specs()["inferred"].choices
    assert "kind" in RECORD_TYPES["organisation"].field_specs()["inferred"].choices
    assert "url" in RECORD_TYPES["organisation"].field_specs()["inferred"].choices
    assert "sources" not in RECORD_TYPES["review"].field_specs()


def test_inferred_basis_and_url_load(with_review, write_toml: WriteToml, load_dir, report) -> None:
    write_toml(
        "a.toml",
        """
        [[organisation]]
        id = "o1"
        name = "Stadt O"
        kind = "city"
        url = "https://example.org"
        sources = ["r-test"]
        inferred = ["kind"]
        basis = "Der Text nennt nur den Ortsnamen."

        [[role]]
        id = "ro1"
        person = "p1"
        title = "Leiterin"
        from = "2021"
        sources = ["r-test"]
        inferred = ["from", "from"]

        [[person]]
        id = "p1"
        name = "P"
        sources = ["r-test"]

        [[review]]
        id = "r2"
        year = 2020
        title = "T"
        publisher = "P"
        municipality = "M"
        summary = "S"
        inferred = ["publisher"]
        """,
    )
    result = load_dir()
    assert report(result) == []
    org, role, review = result.dataset["o1"], result.dataset["ro1"], result.dataset["r2"]
    assert (org.url, org.inferred, org.basis) == ("https://example.org", ("kind",), "Der Text nennt nur den Ortsnamen.")
    assert role.inferred == ("from",)  # the data-file name, once
    assert review.inferred == ("publisher",)
    assert result.dataset["p1"].inferred == () and result.dataset["p1"].basis == ""


def test_inferred_with_unknown_or_wrong_names(with_review, write_toml: WriteToml, load_dir, report) -> None:
    write_toml(
        "a.toml",
        """
        [[event]]
        id = "e1"
        title = "T"
        date = "2021-06"
        summary = "s"
        place = "Rathaus"
        sources = ["r-test"]
        inferred = ["plase"]
        basis = "Ort erschlossen."

        [[event]]
        id = "e2"
        title = "T"
        date = "2021-06"
        summary = "s"
        sources = ["r-test"]
        inferred = ["date", "members", "sources", "titel"]

        [[organisation]]
        id = "o1"
        name = "O"
        kind = "city"
        sources = ["r-test"]
        inferred = ["type"]

        [[event]]
        id = "e3"
        title = "T"
        date = "2021-06"
        summary = "s"
        sources = ["r-test"]
        inferred = "date"
        basis = ["keine Liste"]
        """,
    )
    result = load_dir()
    assert report(result) == [
        "a.toml:8: event.inferred: 'e1': unknown field 'plase'; did you mean 'place'?",
        "a.toml:17: event.inferred: 'e2': unknown fields 'members', 'sources', 'titel' (did you mean 'title'?)",
        "a.toml:24: organisation.inferred: 'o1': unknown field 'type'",
        "a.toml:32: event.inferred: 'e3': expected a list of field names such as ['title'], got text",
        "a.toml:33: event.basis: 'e3': expected text, got a list",
    ]
    # a wrong `inferred` is dropped as a whole, like any wrong optional field; the record loads
    assert {"e1", "e2", "e3", "o1"} <= ids(result)
    assert [result.dataset[i].inferred for i in ("e1", "e2", "e3", "o1")] == [(), (), (), ()]
    assert result.dataset["e1"].basis == "Ort erschlossen." and result.dataset["e1"].place == "Rathaus"


@pytest.mark.parametrize(
    "value",
    [["date"], ["date", "place", "date"], [], ["plase"], ["date", "id"], "date", [1], ["from"], [["date"]]],
)
def test_inferred_quick_and_slow_paths_agree(value: object) -> None:
    spec = Event.field_specs()["inferred"]
    quick = loader._converter(spec)(value, {})
    assert quick == loader._convert(value, spec)


# --- across files -------------------------------------------------------------------------------------
def test_duplicate_id_across_files_names_the_first(
    with_review, write_toml: WriteToml, load_dir, data_dir: Path
) -> None:
    write_toml(
        "a.toml",
        """
        # people
        [[person]]
        id = "p1"
        name = "Erste"
        sources = ["r-test"]
        """,
    )
    write_toml(
        "b.toml",
        """
        [[person]]
        name = "Zweite"
        id = "p1"
        sources = ["r-test"]

        [[organisation]]
        id = "p1"
        name = "Org"
        kind = "city"
        sources = ["r-test"]
        """,
    )
    result = load_dir()
    first = data_dir / "a.toml"
    assert [str(p) for p in result.problems] == [
        f"{data_dir / 'b.toml'}:3: person.id: duplicate id 'p1'; first defined at {first}:2 as a person; "
        "this person is left out",
        f"{data_dir / 'b.toml'}:7: organisation.id: duplicate id 'p1'; first defined at {first}:2 as a person; "
        "this organisation is left out",
    ]
    assert result.dataset["p1"].name == "Erste"


def test_each_of_many_problems_in_one_file_has_its_own_line(
    with_review, write_toml: WriteToml, load_dir, report
) -> None:
    # Where a record's fields sit is looked up per problem (through one table per file, made at its first
    # problem): every event of a file referring to a missing person gets the line of its own `people`.
    events = "".join(
        f'[[event]]\nid = "e{i}"\ntitle = "T"\ndate = "2021"\nsummary = "s"\npeople = ["nobody"]\n'
        f'sources = ["r-test"]\n\n'
        for i in range(300)
    )
    write_toml("events.toml", '[[event]]\nid = "e-bad"\n\n' + events)  # a rejected entry first: places count it
    lines = report(load_dir())
    rejected = lines[:-300]
    assert rejected
    assert all(line.startswith("events.toml:1: ") and "'e-bad': missing required" in line for line in rejected)
    expected = [f"events.toml:{4 + 8 * i + 5}: event.people: 'e{i}': no person has the id 'nobody'" for i in range(300)]
    assert lines[-300:] == expected


def test_dangling_reference_with_did_you_mean(with_review, write_toml: WriteToml, load_dir, report) -> None:
    write_toml(
        "orgs.toml",
        """
        [[organisation]]
        id = "hassfurt"
        name = "Haßfurt"
        kind = "municipality"
        sources = ["r-test"]
        """,
    )
    write_toml(
        "events.toml",
        """
        [[event]]
        id = "e1"
        title = "T"
        date = "2021"
        summary = "s"
        organisations = ["hasfurt", "hassfurt", "zzz"]
        sources = ["r-test", "r-tset"]
        """,
    )
    result = load_dir()
    assert report(result) == [
        "events.toml:6: event.organisations: 'e1': no organisation has the id 'hasfurt'; did you mean 'hassfurt'?",
        "events.toml:6: event.organisations: 'e1': no organisation has the id 'zzz'",
        "events.toml:7: event.sources: 'e1': no review has the id 'r-tset'; did you mean 'r-test'?",
    ]
    event = result.dataset["e1"]
    assert event.organisations == ("hassfurt",)  # the good reference is kept
    assert event.sources == ("r-test",)


def test_reference_to_the_wrong_kind(with_review, write_toml: WriteToml, load_dir, report) -> None:
    write_toml(
        "a.toml",
        """
        [[person]]
        id = "p1"
        name = "P"
        sources = ["r-test"]

        [[event]]
        id = "e1"
        title = "T"
        date = "2021"
        summary = "s"
        organisations = ["p1"]
        sources = ["r-test"]

        [[role]]
        id = "role1"
        person = "e1"
        title = "Chefin"
        sources = ["r-test"]
        """,
    )
    result = load_dir()
    assert report(result) == [
        "a.toml:11: event.organisations: 'e1': 'p1' is a person, not an organisation",
        "a.toml:16: role.person: 'role1': 'e1' is an event, not a person",
    ]
    assert result.dataset["e1"].organisations == ()
    assert "role1" not in result.dataset  # its required reference is gone


def test_reference_to_a_rejected_record(with_review, write_toml: WriteToml, load_dir, report) -> None:
    write_toml(
        "a.toml",
        """
        [[organisation]]
        id = "broken"
        kind = "city"
        sources = ["r-test"]

        [[event]]
        id = "e1"
        title = "T"
        date = "2021"
        summary = "s"
        organisations = ["broken"]
        sources = ["r-test"]
        """,
    )
    assert report(load_dir()) == [
        "a.toml:1: organisation.name: 'broken': missing required field 'name'",
        "a.toml:11: event.organisations: 'e1': 'broken' was not loaded because of the problem reported for it",
    ]


ORG = """
[[organisation]]
id = "{id}"
name = "{id}"
kind = "city"
parent = "{parent}"
sources = ["r-test"]
"""


def test_parent_loop_in_organisations(with_review, write_toml: WriteToml, load_dir, report) -> None:
    write_toml("a.toml", ORG.format(id="a", parent="b") + ORG.format(id="b", parent="a"))
    result = load_dir()
    assert report(result) == ["a.toml:5: organisation.parent: 'a': parent chain loops: a → b → a"]
    assert (result.dataset["a"].parent, result.dataset["b"].parent) == ("", "a")  # cut once, where reported


def test_parent_loop_is_cut_inside_the_loop_only(with_review, write_toml: WriteToml, load_dir, report) -> None:
    # x hangs off a loop b → c → b; x's own parent is fine and must survive
    text = ORG.format(id="x", parent="b") + ORG.format(id="b", parent="c") + ORG.format(id="c", parent="b")
    write_toml("a.toml", text)
    result = load_dir()
    assert report(result) == ["a.toml:12: organisation.parent: 'b': parent chain loops: b → c → b"]
    assert [(o.id, o.parent) for o in result.dataset.organisations] == [("b", ""), ("c", "b"), ("x", "b")]


def test_parent_that_is_the_record_itself(with_review, write_toml: WriteToml, load_dir, report) -> None:
    write_toml("a.toml", ORG.format(id="s", parent="s"))
    result = load_dir()
    assert report(result) == ["a.toml:5: organisation.parent: 's': refers to itself"]
    assert result.dataset["s"].parent == ""


# --- limits -------------------------------------------------------------------------------------------
def test_file_over_the_size_limit(
    with_review, write_toml: WriteToml, load_dir, report, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(loader, "MAX_FILE_BYTES", 300)
    write_toml("big.toml", "# " + "x" * 400 + "\n")
    result = load_dir()
    [line] = report(result)
    assert line.startswith("big.toml: file is ")
    assert line.endswith("split it into smaller files")
    assert ids(result) == {"r-test"}  # the small file next to it still loads


def test_string_over_the_length_limit(
    with_review, write_toml: WriteToml, load_dir, report, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(loader, "MAX_STRING_CHARS", 30)
    write_toml(
        "a.toml",
        f"""
        [[person]]
        id = "p1"
        name = "{"x" * 30}"
        sources = ["r-test"]

        [[person]]
        id = "p2"
        name = "{"y" * 31}"
        sources = ["r-test"]
        """,
    )
    result = load_dir()
    assert report(result) == ["a.toml:8: person.name: 'p2': text of 31 characters is longer than the limit of 30"]
    assert ids(result) == {"r-test", "p1"}


# --- all at once --------------------------------------------------------------------------------------
def test_every_problem_is_collected_and_good_records_load(with_review, write_toml: WriteToml, load_dir, report) -> None:
    write_toml(
        "a.toml",
        """
        [[person]]
        id = "good-a"
        name = "Gut"
        sources = ["r-test"]

        [[person]]
        id = "bad-a"
        sources = ["r-test"]

        [[person]]
        id = "typo-a"
        nmae = "Typo"
        name = "Typo"
        sources = ["r-test"]
        """,
    )
    write_toml("b.toml", "[[person]\n")
    write_toml(
        "c.toml",
        """
        [[event]]
        id = "bad-c"
        title = "T"
        date = "2021-13"
        summary = "s"
        sources = ["r-test"]

        [[event]]
        id = "good-c"
        title = "T"
        date = "2021-12"
        summary = "s"
        people = ["good-a", "nobody"]
        sources = ["r-test"]
        """,
    )
    result = load_dir()
    assert report(result) == [
        "a.toml:6: person.name: 'bad-a': missing required field 'name'",
        "a.toml:12: person.nmae: 'typo-a': unknown field 'nmae'; did you mean 'name'?",
        "b.toml:1:9: TOML syntax: Expected ']]' at the end of an array declaration",
        "c.toml:4: event.date: 'bad-c': '2021-13': month 13 does not exist",
        "c.toml:13: event.people: 'good-c': no person has the id 'nobody'",
    ]
    assert ids(result) == {"r-test", "good-a", "typo-a", "good-c"}
    assert result.dataset["good-c"].people == ("good-a",)
    assert [(f.path.rsplit("/", 1)[-1], f.records, f.problems) for f in result.files] == [
        ("0-review.toml", 1, 0),
        ("a.toml", 2, 2),
        ("b.toml", 0, 1),
        ("c.toml", 1, 2),
    ]


def test_control_characters_become_visible(with_review, write_toml: WriteToml, load_dir) -> None:
    write_toml(
        "a.toml",
        r'''
        [[person]]
        id = "p1"
        name = "A\u001b[31mB\u0007C\tD\rE\u007fF\u009bG"
        description = """line one
        line two"""
        sources = ["r-test"]
        ''',
    )
    person = load_dir().dataset["p1"]
    assert person.name == "A␛[31mB␇C\tD␍E␡F\ufffdG"
    assert person.description == "line one\nline two"  # tab and newline stay


def test_multiline_strings_do_not_confuse_line_numbers(with_review, write_toml: WriteToml, load_dir, report) -> None:
    write_toml(
        "a.toml",
        '''
        [[event]]
        id = "e1"
        title = "T"
        date = "2021"
        summary = """
        id = "looks-like-a-key"
        [[event]]
        place = "inside the string"
        """
        place = 7
        plase = \'\'\'
        title = 3
        \'\'\'
        sources = ["r-test"]

        [[event]]
        id = "e2"
        title = """one line"""
        date = "2021-02-31"
        summary = "s"
        sources = ["r-test"]
        ''',
    )
    result = load_dir()
    assert report(result) == [
        "a.toml:10: event.place: 'e1': expected text, got a whole number",
        "a.toml:11: event.plase: 'e1': unknown field 'plase'; did you mean 'place'?",
        "a.toml:19: event.date: 'e2': '2021-02-31': day 31 does not exist in Feb 2021",
    ]
    assert 'id = "looks-like-a-key"' in result.dataset["e1"].summary


def test_record_origin_is_its_header_line(with_review, write_toml: WriteToml, load_dir, data_dir: Path) -> None:
    write_toml(
        "a.toml",
        """
        # a comment

        [[person]]
        id = "p1"
        name = "P"
        sources = ["r-test"]
        """,
    )
    origin = load_dir().dataset["p1"].origin
    assert (origin.path, origin.line) == (str(data_dir / "a.toml"), 3)


def test_records_are_those_their_class_makes(with_review, write_toml: WriteToml, load_dir, shipped: LoadResult) -> None:
    """The loader fills records' slots a column at a time (not through the class): each must equal, field for
    field, the record its class makes of the same values, defaults included, with the same origin."""
    write_toml(
        "a.toml",
        """
        [[event]]
        id = "e-few"
        title = "Nur das Nötigste"
        date = "2021-summer"
        summary = "s"
        sources = ["r-test"]
        """,
    )
    records = [*shipped.dataset, *load_dir().dataset]
    assert {r.kind for r in records} >= {"review", "event", "person", "project", "network", "membership", "quote"}
    for record in records:
        cls = type(record)
        given = {f.name: getattr(record, f.name) for f in dataclasses.fields(cls)}
        made = cls(**given)
        assert made == record and hash(made) == hash(record)
        assert made.origin == record.origin and record.origin is not None
    few = next(r for r in records if r.id == "e-few")
    expected = Event(
        id="e-few", title="Nur das Nötigste", date=PartialDate.parse("2021-summer"), summary="s", sources=("r-test",)
    )
    assert few == expected and repr(few) == repr(expected)  # every default, as the class gives it
    assert few.origin == Origin(few.origin.path, 1)


def test_problem_format() -> None:
    assert str(Problem("f.toml", "bad", 3, 7, "event.date")) == "f.toml:3:7: event.date: bad"
    assert str(Problem("f.toml", "bad", 3)) == "f.toml:3: bad"
    assert str(Problem("f.toml", "bad")) == "f.toml: bad"


# --- the shipped data ---------------------------------------------------------------------------------
def test_shipped_data_loads_without_problems(shipped: LoadResult) -> None:
    assert not shipped.problems, "the shipped data has problems:\n" + "\n".join(map(str, shipped.problems))


def test_shipped_data_has_the_stable_ids(shipped: LoadResult) -> None:
    expected = {
        "kl-2020": "review",
        "kl-2021": "review",
        "mpsc": "programme",
        "dialog-zivilgesellschaft": "programme",
        "ikone-ds-programm": "programme",
        "ikone-ds": "network",
        "mpsc-modellstaedte": "network",
        "hassfurt": "organisation",
        "stadtteilbuero-gruebentaelchen": "organisation",
        "stadt-kaiserslautern": "organisation",
        "martin-verlage": "person",
        "dirk-andres": "person",
        "e-2021-mpsc-mashup": "event",
    }
    found = {record_id: shipped.dataset[record_id].kind for record_id in expected if record_id in shipped.dataset}
    assert found == expected
    assert [f.layer for f in shipped.files] == ["shipped"] * len(shipped.files)
