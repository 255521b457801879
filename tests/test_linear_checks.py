"""Checks that grow linearly with the data: "did you mean" compares a missing id with a few candidates,
not with every id; parent chains are followed once, however long."""

from __future__ import annotations

import dataclasses
import random
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from herzlich_tui.loading import load, loader, problems
from herzlich_tui.loading.problems import FIELD_IGNORED, Problem, Suggestions, did_you_mean
from herzlich_tui.model import Dataset, Programme, Project

REVIEW = '[[review]]\nid = "r"\nyear = 2021\ntitle = "R"\npublisher = "P"\nmunicipality = "M"\nsummary = "s"\n\n'


# --- did you mean ----------------------------------------------------------------------------------------
def score(word: str, suggestion: str) -> float:
    """How close the id suggested ("; did you mean 'x'?") is to `word`, by difflib's ratio."""
    import difflib

    return difflib.SequenceMatcher(None, word, suggestion.split("'")[1]).ratio() if suggestion else 0.0


def test_suggestions_find_a_single_typo_anywhere_among_thousands() -> None:
    ids = [f"e-{2000 + n % 20}-ereignis-nummer-{n}" for n in range(1500)]
    suggest = Suggestions(ids)
    for n in (0, 7, 1234, 1499):
        meant = ids[n]
        for typo in (
            meant.replace("ereignis", "ereinis"),
            "x" + meant[1:],
            meant[:-1] + "x",
            meant + "0",
            meant.replace("nummer", "numer"),
        ):
            assert len(suggest.candidates(typo)) <= Suggestions.MAX_CANDIDATES
            # nearly as good an answer as comparing with every id (the same, but for a typo in the last
            # character, where any of the ids that share all the rest is offered, not the shortest)
            assert score(typo, suggest(typo)) >= score(typo, did_you_mean(typo, ids)) - 0.05, typo
            if not typo.endswith(("x", "0")):
                assert suggest(typo) == f"; did you mean {meant!r}?", typo
    assert suggest("ganz-anders") == ""


def test_a_few_options_are_compared_whole_as_before() -> None:
    options = ["place", "people", "programmes", "summary", "title"]
    for word in ("plase", "peple", "sumary", "tittle", "zzz"):
        assert Suggestions(options)(word) == did_you_mean(word, options)


def test_missing_references_are_checked_in_linear_time(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """4000 events and 4000 figures naming missing events: each missing id is compared with a few
    candidates (before: with all 4000 ids, over 300 s)."""
    count = 4000
    parts = [REVIEW]
    parts += [
        f'[[event]]\nid = "e-2021-ereignis-{n}"\ntitle = "T"\ndate = "2021"\nsummary = "s"\nsources = ["r"]\n\n'
        for n in range(count)
    ]
    parts += [
        f'[[figure]]\nid = "f-{n}"\nvalue = 1\nunit = "u"\ntext = "t"\nmeasures = "m"\nyear = 2021\n'
        f'events = ["e-2021-ereigniss-{n}"]\nsources = ["r"]\n\n'
        for n in range(count)
    ]
    (tmp_path / "many.toml").write_text("".join(parts))
    compared: list[int] = []
    closest = problems._closest
    monkeypatch.setattr(
        problems, "_closest", lambda word, candidates: compared.append(len(candidates)) or closest(word, candidates)
    )
    started = time.perf_counter()
    result = load([(tmp_path / "many.toml", "extra")])
    took = time.perf_counter() - started
    assert len(result.problems) == count and len(compared) == count
    assert max(compared) <= Suggestions.MAX_CANDIDATES  # never every id
    assert str(result.problems[7]).endswith(
        "no event has the id 'e-2021-ereigniss-7'; did you mean 'e-2021-ereignis-7'?"
    )
    assert took < 60, took  # (about 1.5 s here; a generous bound for a slow machine)


# --- parent chains ---------------------------------------------------------------------------------------
def _old_break_parent_loops(records: list, where: Callable) -> tuple[list, list[Problem]]:
    """The loader's earlier `_break_parent_loops` (quadratic in a chain's length), as the reference (its
    problems say, as the loader's now do, that the parent is dropped)."""
    found: list[Problem] = []
    by_id = {r.id: r for r in records}
    parents = {r.id: r.parent for r in records if getattr(r, "parent", "")}
    cut: set[str] = set()
    for start in list(parents):
        chain = [start]
        seen = {start}
        current = parents.get(start)
        while current and current not in cut:
            if current in seen:
                if current != start:
                    break
                loop = [*chain[chain.index(current) :], current]
                record = by_id[start]
                origin = record.origin
                message = f"{start!r}: parent chain loops: {' → '.join(loop)}"
                line = where(start).get("parent", 0)
                found.append(
                    Problem(
                        origin.path if origin else "", message, line, key=f"{record.kind}.parent", outcome=FIELD_IGNORED
                    )
                )
                cut.add(start)
                break
            seen.add(current)
            chain.append(current)
            current = parents.get(current)
    if not cut:
        return records, found
    return [dataclasses.replace(r, parent="") if r.id in cut else r for r in records], found


class _NoLines:
    def get(self, attr: str, default: int = 0) -> int:
        return 7


def _random_projects(rng: random.Random, size: int) -> list[Project]:
    ids = [f"p{n}" for n in range(size)]
    projects = []
    for project_id in ids:
        parent = rng.choice(ids) if rng.random() < 0.8 else ""
        programme = rng.choice(["prog", "", "", "", "nothing"])
        projects.append(
            Project(id=project_id, title=project_id, summary="s", parent=parent, programme=programme, sources=("r",))
        )
    rng.shuffle(projects)
    return projects


@pytest.mark.parametrize("seed", range(40))
def test_loops_are_found_and_cut_as_before(seed: int) -> None:
    rng = random.Random(seed)
    projects = _random_projects(rng, rng.randint(1, 40))
    new = loader._break_parent_loops(projects, lambda _: _NoLines())
    old = _old_break_parent_loops(projects, lambda _: _NoLines())
    assert new == old


@pytest.mark.parametrize("seed", range(40))
def test_programme_of_answers_as_before(seed: int) -> None:
    rng = random.Random(seed)
    projects = _random_projects(rng, rng.randint(1, 40))
    projects, _ = loader._break_parent_loops(projects, lambda _: _NoLines())
    dataset = Dataset([Programme(id="prog", name="Prog", sources=("r",)), *projects])

    def old(project: Project) -> str | None:
        seen: set[str] = set()
        current: Project | None = project
        while current is not None and current.id not in seen:
            seen.add(current.id)
            if current.programme:
                found = dataset.get(current.programme)
                return found.id if isinstance(found, Programme) else None
            parent = dataset.get(current.parent) if current.parent else None
            current = parent if isinstance(parent, Project) else None
        return None

    for project in rng.sample(projects, len(projects)):  # (in any order: the answers kept must not matter)
        answer = dataset.programme_of(project)
        assert (answer.id if answer else None) == old(project)
        other = dataclasses.replace(project, programme="prog")  # not the dataset's own record
        assert dataset.programme_of(other) is dataset.get("prog")


def test_a_long_chain_of_parents_is_followed_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """20,000 projects, each the parent of the next, the last in a loop with the first (before: 88 s)."""
    count = 20_000
    parts = [REVIEW, '[[programme]]\nid = "prog"\nname = "Prog"\nsources = ["r"]\n\n']
    for n in range(count):
        parent = f"p-{n - 1}" if n else f"p-{count - 1}"
        programme = 'programme = "prog"\n' if n == count // 2 else ""
        parts.append(
            f'[[project]]\nid = "p-{n}"\ntitle = "P"\nsummary = "s"\nparent = "{parent}"\n{programme}'
            'sources = ["r"]\n\n'
        )
    (tmp_path / "chain.toml").write_text("".join(parts))
    steps = {"programme_of": 0}
    original = Dataset.programme_of

    def counted(self: Dataset, project: Project) -> Programme | None:
        steps["programme_of"] += 1
        return original(self, project)

    monkeypatch.setattr(Dataset, "programme_of", counted)
    started = time.perf_counter()
    result = load([(tmp_path / "chain.toml", "extra")])
    took = time.perf_counter() - started
    [loop] = result.problems
    assert loop.message.startswith("'p-0': parent chain loops: p-0 → p-19999 → p-19998 → ")
    dataset = result.dataset
    assert dataset.programme_of(dataset["p-0"]) is None  # cut at p-0: above the programme
    assert dataset.programme_of(dataset["p-19999"]).id == "prog"
    assert steps["programme_of"] <= count + 2
    assert took < 30, took  # (about 0.5 s here)
