"""The shipped data against the review texts it comes from: summaries, descriptions and notes are in the
dataset's own words (no run of 12 words shared with a review outside the quotes), no two records share a
summary, quotes are the reviews' words, and the provenance marks (`inferred`, `basis`) are consistent.

The review texts are the seeds in `../shared/seeds/` beside the repository (for a checkout at
/work/main, /work/shared/seeds); the tests that need them are skipped when that folder is absent."""

from __future__ import annotations

import re
from collections import defaultdict
from pathlib import Path

import pytest

from herzlich_tui.model import Dataset, Record
from herzlich_tui.model.records import FILE_NAMES

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT.parent / "shared" / "seeds"
RUN = 12  # words in a row that a non-quote text may share with a review
NOT_TEXT = {"id", "file", "url"}  # text fields that hold no prose


def words(text: str) -> list[str]:
    """Lower case, punctuation stripped: the words as compared."""
    return re.findall(r"\w+", text.lower())


def runs(tokens: list[str], n: int) -> set[tuple[str, ...]]:
    return {tuple(tokens[i : i + n]) for i in range(len(tokens) - n + 1)}


@pytest.fixture(scope="module")
def seeds() -> dict[str, str]:
    """The review texts by file name."""
    if not SEEDS.is_dir() or not any(SEEDS.glob("*.txt")):
        pytest.skip(f"the review texts are not here: no folder {SEEDS} with *.txt files (../shared/seeds/)")
    return {path.name: path.read_text(encoding="utf-8") for path in sorted(SEEDS.glob("*.txt"))}


def texts(record: Record) -> list[tuple[str, str]]:
    """(data-file name, value) of every non-empty text field of a record, but ids, file names and links."""
    return [
        (FILE_NAMES.get(attr, attr), value)
        for attr, spec in type(record).field_specs().items()
        if spec.type == "str" and attr not in NOT_TEXT and (value := getattr(record, attr))
    ]


def test_the_review_files_are_the_seeds(shipped_dataset: Dataset, seeds: dict[str, str]) -> None:
    named = {review.file for review in shipped_dataset.reviews}
    assert named and named <= seeds.keys()


def test_no_text_outside_the_quotes_copies_a_run_of_twelve_words(
    shipped_dataset: Dataset, seeds: dict[str, str]
) -> None:
    copied = set().union(*(runs(words(text), RUN) for text in seeds.values()))
    found = []
    for record in shipped_dataset:
        if record.kind == "quote":
            continue
        for name, value in texts(record):
            for run in sorted(runs(words(value), RUN) & copied):
                found.append(f"{record.id}.{name}: {' '.join(run)}")
    assert not found, f"{len(found)} runs of {RUN} words copied from a review:\n" + "\n".join(found)


def test_the_check_finds_a_copied_sentence(seeds: dict[str, str]) -> None:
    # the check itself: a sentence of a review, with other punctuation and case, is found
    sentence = "Das vorherrschende Thema 2020 war, ganz klar, die Corona-Pandemie. Das Virus traf den Großteil"
    copied = set().union(*(runs(words(text), RUN) for text in seeds.values()))
    assert runs(words(sentence.upper().replace(",", " ;")), RUN) & copied


def test_no_two_records_share_a_summary(shipped_dataset: Dataset) -> None:
    by_summary: dict[str, list[str]] = defaultdict(list)
    for record in shipped_dataset:
        summary = getattr(record, "summary", "")
        if summary:
            by_summary[" ".join(summary.split())].append(record.id)
    shared = {summary: ids for summary, ids in by_summary.items() if len(ids) > 1}
    assert not shared, "\n".join(f"{', '.join(ids)}: {summary}" for summary, ids in shared.items())


def test_quotes_are_the_reviews_words(shipped_dataset: Dataset, seeds: dict[str, str]) -> None:
    """Each part of a quote (between the "…" that leave words out) stands in the review it names."""
    files = {review.id: review.file for review in shipped_dataset.reviews}
    for quote in shipped_dataset.of_kind("quote"):
        source = " ".join(" ".join(seeds[files[review]].split()) for review in quote.sources)
        for part in quote.text.split("…"):
            part = " ".join(part.split()).strip(" –")
            assert part in source, f"{quote.id}: not in its review: {part!r}"


def test_inferred_names_fields_the_record_gives(shipped_dataset: Dataset) -> None:
    """A mark names a field that holds a value, and a basis explains a mark."""
    marked = 0
    for record in shipped_dataset:
        given = {name for name, value in _values(record) if value not in ("", (), None)}
        assert set(record.inferred) <= given, f"{record.id}: inferred names empty fields"
        assert not record.basis or record.inferred, f"{record.id}: a basis without inferred fields"
        marked += bool(record.inferred)
    assert marked >= 10


def _values(record: Record) -> list[tuple[str, object]]:
    return [(FILE_NAMES.get(attr, attr), getattr(record, attr)) for attr in type(record).field_specs()]
