"""Dataset lookups, cross-references and facets; the reference filters (tests/reference.py) combined with `&`
and their facet_counts; resolve_programme."""

from __future__ import annotations

import dataclasses

import pytest
from reference import (
    All,
    Everything,
    IdsIn,
    KindIs,
    NetworkIs,
    OrganisationIs,
    PersonIs,
    ProgrammeIs,
    YearIs,
    facet_counts,
    select,
)

from herzlich_tui.browse.engine import resolve_programme
from herzlich_tui.model import (
    NO_PROGRAMME,
    Dataset,
    Event,
    Figure,
    Membership,
    Network,
    Organisation,
    PartialDate,
    Person,
    Programme,
    Project,
    ProjectYear,
    Quote,
    Review,
    Role,
)
from herzlich_tui.model.dataset import display_key

D = PartialDate.parse
R20 = ("r20",)
R21 = ("r21",)
BOTH = ("r20", "r21")


def _records() -> list:
    return [
        Review(id="r20", year=2020, title="Rückblick 2020", publisher="P", municipality="M", summary="s"),
        Review(id="r21", year=2021, title="Rückblick 2021", publisher="P", municipality="M", summary="s"),
        Organisation(id="stadt", name="Stadt", type="city", sources=BOTH),
        Organisation(id="amt", name="Amt", type="city-unit", parent="stadt", sources=R20),
        Organisation(id="firma", name="Firma", type="company", sources=R21),
        Organisation(id="ministerium", name="Ministerium", type="ministry", sources=BOTH),
        Person(id="anna", name="Anna Beispiel", honorific="Dr.", sources=BOTH),
        Person(id="bert", name="Bert Muster", sources=R21),
        Person(id="cora", name="Cora Ohnejahr", sources=R20),
        Role(id="role-anna-amt", person="anna", title="Leiterin", organisation="amt", start=D("2020-06"), sources=R20),
        Role(
            id="role-anna-firma",
            person="anna",
            title="Geschäftsführerin",
            organisation="firma",
            years=(2021,),
            sources=R21,
        ),
        Role(id="role-bert", person="bert", title="Referent", organisation="stadt", years=(2019,), sources=R21),
        Programme(
            id="prog", name="Programm Eins", short_name="P1", funders=("ministerium",), network="netz", sources=BOTH
        ),
        Programme(id="prog2", name="Programm Zwei", sources=R21),
        Network(id="netz", name="Netzwerk", short_name="NW", lead="stadt", programme="prog", sources=BOTH),
        Project(
            id="haupt",
            title="Hauptprojekt",
            programme="prog",
            partners=("firma",),
            people=("anna",),
            summary="s",
            sources=BOTH,
        ),
        Project(id="unter", title="Unterprojekt", parent="haupt", summary="s", sources=R21),
        Project(id="enkel", title="Enkelprojekt", parent="unter", summary="s", sources=R21),
        Project(id="eigen", title="Eigenes Programm", parent="haupt", programme="prog2", summary="s", sources=R21),
        Project(id="frei", title="Freies Projekt", summary="s", sources=R20),
        ProjectYear(id="py-haupt-2021", project="haupt", year=2021, summary="s", sources=R21),
        ProjectYear(id="py-haupt-2020", project="haupt", year=2020, summary="s", sources=R20),
        Event(id="e-summer", title="Sommerfest", date=D("2021-summer"), summary="s", projects=("unter",), sources=R21),
        Event(
            id="e-march",
            title="Auftakt",
            date=D("2020-03-13"),
            summary="s",
            projects=("haupt",),
            people=("anna",),
            sources=R20,
        ),
        Event(
            id="e-june",
            title="Netzwerktreffen",
            date=D("2021-06"),
            summary="s",
            organisations=("stadt",),
            networks=("netz",),
            sources=R21,
        ),
        Event(
            id="e-free",
            title="Freier Termin",
            date=D("2020"),
            summary="s",
            projects=("frei",),
            people=("bert",),
            sources=R20,
        ),
        Membership(id="m-2021-b", network="netz", year=2021, count=5, members_complete=False, sources=R21),
        Membership(id="m-2020", network="netz", year=2020, members=("stadt",), members_complete=True, sources=R20),
        Membership(
            id="m-2021-a", network="netz", year=2021, members=("stadt", "firma"), members_complete=False, sources=R21
        ),
        Figure(
            id="f-1",
            value=3,
            unit="Stück",
            text="drei",
            measures="Laternen",
            year=2021,
            events=("e-summer",),
            sources=R21,
        ),
        Quote(id="q-1", people=("cora",), text="Gut so.", topic="Start", year=2020, events=("e-march",), sources=R20),
    ]


@pytest.fixture
def ds() -> Dataset:
    return Dataset(_records())


def ids(records) -> list[str]:
    return [r.id for r in records]


# --- lookups ------------------------------------------------------------------------------------------
def test_lookup_by_id_and_kind(ds: Dataset) -> None:
    assert len(ds) == len(_records())
    assert "anna" in ds and "nobody" not in ds
    assert ds["anna"].label == "Dr. Anna Beispiel"
    assert ds.get("nobody") is None
    with pytest.raises(KeyError):
        ds["nobody"]
    assert ids(ds.of_kind("person")) == ["anna", "bert", "cora"]  # by family name: Beispiel, Muster, Ohnejahr
    assert ids(ds.typed(Person, ["bert", "stadt", "missing", "anna"])) == ["bert", "anna"]


def test_lists_are_in_display_order(ds: Dataset) -> None:
    assert ids(ds.events) == ["e-march", "e-free", "e-june", "e-summer"]
    assert ids(ds.reviews) == ["r20", "r21"]
    assert ids(ds.of_kind("membership")) == ["m-2020", "m-2021-a", "m-2021-b"]
    assert ids(ds.organisations) == ["amt", "firma", "ministerium", "stadt"]
    # iteration goes kind by kind, reviews first
    assert ids(ds)[:3] == ["r20", "r21", "amt"]


def test_years(ds: Dataset) -> None:
    assert ds.years == (2019, 2020, 2021)  # 2019 only from a role's attested years


# --- cross-references ---------------------------------------------------------------------------------
def test_programme_inherited_by_sub_projects(ds: Dataset) -> None:
    def programme(project_id: str) -> str | None:
        found = ds.programme_of(ds[project_id])  # type: ignore[arg-type]
        return found.id if found else None

    assert programme("haupt") == "prog"
    assert programme("unter") == "prog"  # from its parent
    assert programme("enkel") == "prog"  # from its grandparent
    assert programme("eigen") == "prog2"  # its own beats its parent's
    assert programme("frei") is None
    assert ids(ds.projects_of_programme("prog")) == ["enkel", "haupt", "unter"]
    assert ids(ds.projects_of_programme("prog2")) == ["eigen"]


def test_programme_of_survives_a_parent_loop() -> None:
    looped = Dataset(
        [
            Project(id="a", title="A", parent="b", summary="s"),
            Project(id="b", title="B", parent="a", summary="s"),
        ]
    )
    assert looped.programme_of(looped["a"]) is None  # type: ignore[arg-type]


def test_subprojects_and_project_years(ds: Dataset) -> None:
    assert ids(ds.subprojects("haupt")) == ["eigen", "unter"]
    assert ids(ds.subprojects("unter")) == ["enkel"]
    assert [py.year for py in ds.project_years("haupt")] == [2020, 2021]


def test_roles_of_a_person(ds: Dataset) -> None:
    assert ids(ds.roles_of("anna")) == ["role-anna-amt", "role-anna-firma"]
    assert ids(ds.roles_of("bert")) == ["role-bert"]
    assert ds.roles_of("cora") == []
    assert ids(ds.people_of_organisation("amt")) == ["anna"]
    assert ids(ds.people_of_organisation("stadt")) == ["bert"]


def test_memberships_of_a_network_in_a_year(ds: Dataset) -> None:
    assert ids(ds.memberships_of("netz")) == ["m-2020", "m-2021-a", "m-2021-b"]
    assert ids(ds.membership("netz", 2020)) == ["m-2020"]
    assert sorted(ids(ds.membership("netz", 2021))) == ["m-2021-a", "m-2021-b"]
    assert ds.membership("netz", 2019) == []


def test_events_of_a_record(ds: Dataset) -> None:
    assert ids(ds.events_of("haupt")) == ["e-march"]
    assert ids(ds.events_of("unter")) == ["e-summer"]
    assert ids(ds.events_of("stadt")) == ["e-june"]
    assert ids(ds.events_of("netz")) == ["e-june"]
    assert ids(ds.events_of("anna")) == ["e-march"]
    assert ds.events_of("frei") == [ds["e-free"]]


def test_referrers(ds: Dataset) -> None:
    # every record naming "stadt", in display order (kind order, then by date/year/label)
    assert ids(ds.referrers("stadt")) == [
        "amt",
        "role-bert",
        "e-june",
        "netz",
        "m-2020",
        "m-2021-a",
    ]
    assert ids(ds.referrers("stadt", "membership")) == ["m-2020", "m-2021-a"]
    assert ids(ds.children_of("stadt")) == ["amt"]
    assert ids(ds.figures_of("e-summer")) == ["f-1"]
    assert ids(ds.quotes_of("cora")) == ["q-1"]
    assert ds.referrers("r20") == []  # sources are not references


def test_projects_of_person(ds: Dataset) -> None:
    assert ids(ds.projects_of_person("anna")) == ["haupt"]
    assert ids(ds.projects_of_person("bert")) == ["frei"]  # through an event that names him


def test_title_of_gives_context(ds: Dataset) -> None:
    assert ds.title_of(ds["py-haupt-2020"]) == "Hauptprojekt · 2020"
    assert ds.title_of(ds["m-2021-a"]) == "Netzwerk (NW) · 2021"
    assert ds.title_of(ds["role-bert"]) == "Bert Muster: Referent"
    assert ds.title_of(ds["haupt"]) == "Hauptprojekt"


def test_year_of(ds: Dataset) -> None:
    assert ds.year_of(ds["e-summer"]) == 2021
    assert ds.year_of(ds["py-haupt-2020"]) == 2020
    assert ds.year_of(ds["haupt"]) is None


# --- facets -------------------------------------------------------------------------------------------
def test_facets_of_events(ds: Dataset) -> None:
    march = ds.facets("e-march")
    assert march.years == (2020,)
    assert march.programmes == ("prog",)
    assert march.people == ("anna",)
    summer = ds.facets("e-summer")
    assert summer.programmes == ("prog",)  # via the sub-project's inherited programme
    june = ds.facets("e-june")
    assert june.programmes == ("prog",)  # via the network's programme
    assert june.organisations == ("stadt",) and june.networks == ("netz",)
    assert ds.facets("e-free").programmes == ()


def test_an_events_facets_are_those_the_general_rules_give() -> None:
    # Events take a quick way to their facets; an event of a subclass takes the way every other record
    # takes. Each event, given again as a subclass (undated as well), must come out the same.
    import dataclasses

    records = _records()
    events = [r for r in records if type(r) is Event]
    undated = [dataclasses.replace(e, id=f"{e.id}-undated", date=None) for e in events]
    again = [
        NotedEvent(**{f.name: getattr(e, f.name) for f in dataclasses.fields(e)} | {"id": f"{e.id}-again"})
        for e in [*events, *undated]
    ]
    ds = Dataset([*records, *undated, *again])
    assert undated and len(again) == 2 * len(events)
    for event in [*events, *undated]:
        assert ds.facets(event.id) == ds.facets(f"{event.id}-again"), event.id
    assert ds.facets("e-march-undated").years == (2020,)  # from its sources


def test_facets_of_undated_records_come_from_their_sources_and_roles(ds: Dataset) -> None:
    assert ds.facets("stadt").years == (2020, 2021)
    assert ds.facets("frei").years == (2020,)
    assert ds.facets("bert").years == (2021,)
    assert ds.facets("role-bert").years == (2019, 2021)


def test_people_and_organisations_inherit_programmes_and_roles(ds: Dataset) -> None:
    anna = ds.facets("anna")
    assert anna.programmes == ("prog",)
    assert anna.organisations == ("amt", "firma")  # from her roles
    assert ds.facets("firma").programmes == ("prog",)  # partner of a prog project
    assert ds.facets("bert").programmes == ()


def test_facets_from_quotes_do_not_depend_on_load_order() -> None:
    # cora is linked to "prog" only through a quote about an event of a prog project
    forwards = Dataset(_records())
    backwards = Dataset(_records()[::-1])
    assert forwards.facets("q-1").programmes == ("prog",)
    assert forwards.facets("cora").programmes == ("prog",)
    assert backwards.facets("cora").programmes == ("prog",)
    assert forwards.facets("cora").people == ("cora",)


# --- filters ------------------------------------------------------------------------------------------
def test_year_filter(ds: Dataset) -> None:
    assert ids(select(ds, KindIs("event") & YearIs(2021))) == ["e-june", "e-summer"]
    assert ids(select(ds, KindIs("role") & YearIs(2019))) == ["role-bert"]


def test_programme_filter(ds: Dataset) -> None:
    assert ids(select(ds, KindIs("event") & ProgrammeIs("prog"))) == ["e-march", "e-june", "e-summer"]
    assert ids(select(ds, KindIs("project") & ProgrammeIs("prog2"))) == ["eigen"]


def test_no_programme(ds: Dataset) -> None:
    assert ProgrammeIs(NO_PROGRAMME) == ProgrammeIs("")
    assert ids(select(ds, KindIs("event", "project") & ProgrammeIs(NO_PROGRAMME))) == ["frei", "e-free"]


def test_person_organisation_network_filters(ds: Dataset) -> None:
    # in dataset order; the quote counts because its event names her
    assert ids(select(ds, PersonIs("anna"))) == [
        "anna",
        "role-anna-firma",
        "role-anna-amt",
        "haupt",
        "e-march",
        "q-1",
    ]
    # anna counts through her role at firma, haupt through its partners, m-2021-a through its members
    assert ids(select(ds, OrganisationIs("firma"))) == [
        "firma",
        "anna",
        "role-anna-firma",
        "haupt",
        "m-2021-a",
    ]
    assert ids(select(ds, NetworkIs("netz"))) == ["prog", "e-june", "netz", "m-2020", "m-2021-a", "m-2021-b"]


def test_ids_in(ds: Dataset) -> None:
    assert ids(select(ds, IdsIn(frozenset({"bert", "e-june", "nope"})))) == ["bert", "e-june"]


def test_filters_combine_with_and(ds: Dataset) -> None:
    combined = YearIs(2021) & ProgrammeIs("prog") & KindIs("event")
    assert isinstance(combined, All)
    assert len(combined.parts) == 3  # flattened, not nested
    assert ids(select(ds, combined)) == ["e-june", "e-summer"]
    assert ids(select(ds, combined & PersonIs("anna"))) == []
    assert ids(select(ds, YearIs(2020) & PersonIs("anna") & KindIs("event"))) == ["e-march"]


def test_everything_disappears_when_combined(ds: Dataset) -> None:
    assert Everything() & YearIs(2020) == YearIs(2020)
    assert isinstance(Everything() & Everything(), Everything)
    assert len(select(ds, Everything())) == len(ds)


def test_select_keeps_the_given_order(ds: Dataset) -> None:
    pool = [ds["e-summer"], ds["stadt"], ds["e-march"]]
    assert ids(select(ds, KindIs("event"), pool)) == ["e-summer", "e-march"]


# --- facet_counts and resolve_programme ---------------------------------------------------------------
def test_facet_counts(ds: Dataset) -> None:
    events = ds.events
    assert facet_counts(ds, events, "years") == {2020: 2, 2021: 2}
    assert facet_counts(ds, events, "programmes") == {"prog": 3, NO_PROGRAMME: 1}
    assert facet_counts(ds, ds.projects, "programmes") == {"prog": 3, "prog2": 1, NO_PROGRAMME: 1}
    kinds = facet_counts(ds, ds, "kind")
    assert kinds["event"] == 4 and kinds["membership"] == 3 and kinds["quote"] == 1
    assert sum(kinds.values()) == len(ds)


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("prog", "prog"),
        ("PROG", "prog"),
        ("Programm Eins", "prog"),
        ("  p1 ", "prog"),
        ("programm zwei", "prog2"),
        ("none", NO_PROGRAMME),
        ("-", NO_PROGRAMME),
        ("nonsense", None),
        ("Programm", None),
    ],
)
def test_resolve_programme(ds: Dataset, typed: str, expected: str | None) -> None:
    assert resolve_programme(ds, typed) == expected


# --- the load cache's form of a dataset ----------------------------------------------------------------
@pytest.fixture(params=["pickle", "cache file"])
def round_trip(request: pytest.FixtureRequest, tmp_path):
    """A dataset made again from the pickle of its packed form, or from the load cache's file (texts apart)."""

    def through_pickle(dataset: Dataset) -> Dataset:
        import pickle

        from herzlich_tui.cache_format import pack_dataset, unpack_dataset

        return unpack_dataset(pickle.loads(pickle.dumps(pack_dataset(dataset), protocol=pickle.HIGHEST_PROTOCOL)))

    def through_cache_file(dataset: Dataset) -> Dataset:
        from herzlich_tui import cache
        from herzlich_tui.loading import LoadResult

        path = tmp_path / "load-test.pickle"
        cache._keep_dataset(path, ("key",), LoadResult(dataset), "stamp")
        found = cache._read_dataset(path, ("key",))
        assert found is not None
        result, stamp = found
        assert stamp == "stamp"
        return result.dataset

    return through_pickle if request.param == "pickle" else through_cache_file


def test_a_pickled_dataset_comes_back_the_same(ds: Dataset, round_trip) -> None:
    from herzlich_tui.model import Origin
    from herzlich_tui.model.index import FACET_NAMES
    from herzlich_tui.model.records import KINDS

    # Records read from files know where they were defined; records made in code do not.
    records = [
        dataclasses.replace(r, origin=Origin("daten.toml", 10 * n)) if n % 2 else r for n, r in enumerate(_records())
    ]
    original = Dataset(records)
    back = round_trip(original)
    assert list(back) == list(original)
    assert [type(r) for r in back] == [type(r) for r in original]
    assert [r.origin for r in back] == [r.origin for r in original]
    for record in original:
        assert back[record.id] == record
        assert back.facets(record.id) == original.facets(record.id)
        assert back.referrers(record.id) == original.referrers(record.id)
    for kind in KINDS:
        assert back.kind_range(kind) == original.kind_range(kind)
        for facet in FACET_NAMES:
            assert back.facet_values(kind, facet) == original.facet_values(kind, facet)
            for value in original.facet_values(kind, facet):
                assert back.facet_mask(kind, facet, value) == original.facet_mask(kind, facet, value)
    assert back.years == original.years
    assert ids(back.roles_of("anna")) == ids(original.roles_of("anna"))


def test_a_pickled_dataset_keeps_which_record_a_repeated_id_names(round_trip) -> None:
    # The loader reports and drops repeated ids; a dataset made in code keeps both, and the id names the last.
    first = Review(id="r1", year=2020, title="A", publisher="P", municipality="M", summary="s")
    last = Review(id="r1", year=2019, title="B", publisher="P", municipality="M", summary="s")
    original = Dataset([first, last])
    back = round_trip(original)
    assert original["r1"].title == "B"
    assert back["r1"].title == "B"
    assert list(back) == list(original)


@dataclasses.dataclass(frozen=True, slots=True, kw_only=True)
class NotedEvent(Event):
    """An event kind of one's own, as code may make (a subclass among the events of a dataset)."""

    note: str = ""


def test_a_pickled_dataset_keeps_records_of_a_subclass(round_trip) -> None:
    records = [
        *_records(),
        NotedEvent(id="e-noted", title="Mit Notiz", date=D("2021-07"), summary="s", note="eine Notiz", sources=R21),
    ]
    original = Dataset(records)
    back = round_trip(original)
    assert back["e-noted"].note == "eine Notiz"  # type: ignore[attr-defined]
    assert list(back) == list(original)


# --- the dataset's indexes against a walk over its records -----------------------------------------------
@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Dataset:
    """Several generated municipalities and years (benchmarks/generate.py) with the shipped data."""
    import sys
    from pathlib import Path

    from herzlich_tui import loading

    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
    import generate

    folder = tmp_path_factory.mktemp("generated")
    generate.generate(folder, 600, seed=3, jobs=1)
    result = loading.load(loading.data_roots([folder], user=False))
    assert not result.problems
    return result.dataset


def _walked_refs(record) -> list[str]:
    out: list[str] = []
    for name, _ in type(record).reference_fields():
        value = getattr(record, name)
        out.extend([value] if isinstance(value, str) and value else [] if isinstance(value, str) else value)
    return out


def _odd_records() -> list:
    """Records only code makes, which the dataset reads record by record: an event of a subclass among the
    events, and a project whose `parent` holds a tuple where a single id belongs."""
    return [
        *_records(),
        NotedEvent(id="e-noted", title="Notiz", date=D("2021-07"), summary="s", people=("cora",), sources=R21),
        Project(id="zwei-eltern", title="Zwei Eltern", parent=("haupt", "frei"), summary="s", sources=R21),  # type: ignore[arg-type]
    ]


@pytest.mark.parametrize("which", ["made", "odd", "generated"])
def test_indexes_are_those_a_walk_over_the_records_gives(which: str, ds: Dataset, generated: Dataset) -> None:
    # The dataset builds its indexes a column at a time, from shared sets; here each is made record by record.
    from herzlich_tui.model.dataset import outgoing_refs
    from herzlich_tui.model.index import FACET_NAMES
    from herzlich_tui.model.masks import scatter
    from herzlich_tui.model.records import KINDS

    dataset = {"made": ds, "odd": Dataset(_odd_records()) if which == "odd" else ds, "generated": generated}[which]
    events = list(dataset.events)
    assert events == sorted(events, key=lambda e: (e.date.sort_key, e.id))
    referrers: dict[str, list] = {}
    for record in dataset:
        assert outgoing_refs(record) == _walked_refs(record)
        for target in _walked_refs(record):
            referrers.setdefault(target, []).append(record)
    for record in dataset:
        assert dataset.referrers(record.id) == sorted(referrers.get(record.id, []), key=display_key)
        assert dataset.referrer_count(record.id) == len(referrers.get(record.id, []))
    assert dataset.referrer_count("no-such-record") == 0
    for kind in KINDS:
        for facet in FACET_NAMES:
            walked: dict[object, list[int]] = {}
            for place, record in enumerate(dataset.of_kind(kind)):
                values = getattr(dataset.facets(record.id), facet)
                for value in values or (("",) if facet == "programmes" else ()):
                    walked.setdefault(value, []).append(place)
            assert dataset.facet_values(kind, facet) == {value: len(places) for value, places in walked.items()}
            assert list(dataset.facet_values(kind, facet)) == list(walked), (kind, facet)  # first seen, first
            size = len(dataset.of_kind(kind))
            for value, places in walked.items():
                assert dataset.facet_mask(kind, facet, value) == bytes(scatter(size, places)), (kind, facet, value)
                assert list(dataset.facet_index.places(kind, facet, value)) == places  # ascending
    if which == "generated":
        assert len(events) > 500 and len(dataset.facet_values("event", "people")) > 10


def test_a_record_whose_id_a_later_one_took_refers_to_nothing() -> None:
    # (Only code makes two records with one id: the loader reports and drops the second.)
    first = Event(id="e-twice", title="Erst", date=D("2021-03"), summary="s", people=("anna",), sources=R21)
    last = Event(id="e-twice", title="Dann", date=D("2021-04"), summary="s", people=("bert",), sources=R21)
    dataset = Dataset([*_records(), first, last])
    assert dataset["e-twice"] is last
    assert "e-twice" not in ids(dataset.referrers("anna"))
    assert ids(dataset.referrers("bert", "event")) == ["e-free", "e-twice"]


def test_equal_line_numbers_are_one_object_after_the_cache(round_trip) -> None:
    # Line numbers repeat from file to file; read back from the cache, each is one int object (4 MB at 100k).
    from herzlich_tui.model import Origin

    records = [
        dataclasses.replace(r, origin=Origin(f"datei-{n % 2}.toml", 1000 + n // 2)) for n, r in enumerate(_records())
    ]
    back = round_trip(Dataset(records))
    lines: dict[int, int] = {}
    for record in back:
        line = record.origin.line
        assert lines.setdefault(line, id(line)) == id(line), line
    assert [r.origin for r in back] == [r.origin for r in Dataset(records)]


@pytest.mark.parametrize("share", [0.0, 0.002, 0.05, 0.3, 0.9, 1.0])
@pytest.mark.parametrize("prune", ["when it pays", "always"])
def test_a_facets_best_values_are_the_best_of_its_counts(
    share: float, prune: str, generated: Dataset, monkeypatch: pytest.MonkeyPatch
) -> None:
    # facet_top counts few chosen records one by one, and otherwise (where it pays) stops once no value
    # left can carry more chosen records than the last of the best; each way gives what counting every
    # value gives. ("always": the data here is too small for pruning to pay often.)
    import random

    from herzlich_tui.model import index
    from herzlich_tui.model.index import FACET_NAMES

    if prune == "always":
        monkeypatch.setattr(index, "_TOP_SHARE", 1)

    rng = random.Random(int(share * 1000))
    for kind in ("event", "project", "person"):
        size = len(generated.of_kind(kind))
        masks = [bytes(rng.random() < share for _ in range(size)) for _ in range(3)]
        for facet in FACET_NAMES:
            for within in [None, *masks]:
                counts = generated.facet_values(kind, facet) if within is None else None
                if counts is None:
                    counts = generated.facet_counts(kind, facet, within)  # type: ignore[arg-type]
                ranked = sorted(((v, n) for v, n in counts.items() if n), key=lambda item: (-item[1], str(item[0])))
                for limit in (1, 3, 12, 10_000):
                    assert generated.facet_top(kind, facet, within, limit) == ranked[:limit], (kind, facet, limit)


def test_facets_made_a_column_at_a_time_are_those_the_general_rules_give(generated: Dataset) -> None:
    # Figures, quotes, project years, memberships and roles take a quick way to their facets (see
    # Dataset._plain_facets); a record of a subclass takes the way of the other kinds. Each, given again
    # as a subclass, must come out the same.
    from herzlich_tui.model.dataset import _PLAIN

    subclasses = {
        cls: dataclasses.dataclass(frozen=True, slots=True, kw_only=True)(type(cls.__name__, (cls,), {}))
        for cls in _PLAIN
    }
    plain = [record for record in generated if type(record) in subclasses]
    again = [
        subclasses[type(r)](**{f.name: getattr(r, f.name) for f in dataclasses.fields(r)} | {"id": f"{r.id}-again"})
        for r in plain
    ]
    assert {type(r) for r in plain} == set(_PLAIN)
    ds = Dataset([*generated, *again])
    for record in plain:
        assert ds.facets(record.id) == ds.facets(f"{record.id}-again"), record.id
        assert ds.facets(record.id) == generated.facets(record.id), record.id


def test_an_empty_id_in_a_list_counts_as_the_general_rules_count_it(generated: Dataset) -> None:
    # (Only code makes one: the loader leaves no empty id in a list.)
    from herzlich_tui.model.dataset import _PLAIN

    figure = next(record for record in generated if type(record) is _PLAIN[0])
    odd = dataclasses.replace(figure, id="f-odd", networks=("",), organisations=("", "x"))
    sub = dataclasses.dataclass(frozen=True, slots=True, kw_only=True)(type("Odd", (type(figure),), {}))
    again = sub(**{f.name: getattr(odd, f.name) for f in dataclasses.fields(odd)} | {"id": "f-odd-again"})
    ds = Dataset([*generated, odd, again])
    assert ds.facets("f-odd") == ds.facets("f-odd-again")
    assert ds.facets("f-odd").networks == ("",)
