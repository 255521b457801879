"""Command palette providers: jump to any record by name, using the app's search engine."""

from __future__ import annotations

from bisect import bisect_left
from functools import partial
from typing import TYPE_CHECKING, cast

from rich.text import Text
from textual.command import DiscoveryHit, Hit, Hits, Provider

from herzlich_tui import strings as S

if TYPE_CHECKING:
    from herzlich_tui.model import Dataset, Record
    from herzlich_tui.ui.app import HerzlichApp

HITS = 20  # records the palette offers for a query
KINDS = tuple(S.KIND_LABELS)  # (the record kinds, in the model's order, without importing the model)

__all__ = ["RecordProvider"]


class RecordProvider(Provider):
    """Every record of the dataset, found with the same folding and prefixes as the search box."""

    async def search(self, query: str) -> Hits:
        app = cast("HerzlichApp", self.app)
        index, dataset = app.search_index, app.dataset
        if index is None or dataset is None or not query.strip():
            return
        from herzlich_tui.search import fold, match_spans  # imported with the index, after the first frame

        # An entry reads "Kind: title": a query that starts with a kind's word ("Review", "Review: Jahr")
        # finds records of that kind (by the rest of the query, if there is more).
        first, _, rest = query.strip().partition(" ")
        word = fold(first.rstrip(":"))
        kind = next((k for k in KINDS if word and fold(S.KIND_LABELS[k]).startswith(word)), None)
        hits: list[tuple[Record, str]]
        if kind is not None and not rest.strip():
            hits = [(record, "title") for record in dataset.of_kind(kind)[:HITS]]
        elif kind is not None:
            found = index.search(rest, limit=None)
            hits = [(hit.record, hit.field) for hit in found if hit.record.kind == kind][:HITS]
        else:
            hits = [(hit.record, hit.field) for hit in index.search(query, limit=HITS)]
            by_id = _by_id_prefix(dataset, query.strip())
            hits = [*by_id, *((record, field) for record, field in hits if record.id not in {r.id for r, _ in by_id})]
        marked = rest if kind is not None else query
        for position, (record, field) in enumerate(hits):
            title = dataset.title_of(record)
            display = Text(f"{S.KIND_LABELS[record.kind]}: ", style="dim")
            start = len(display.plain)
            display.append(title)
            for a, b in match_spans(title, marked):
                display.stylize("bold underline", start + a, start + b)
            yield Hit(
                score=1.0 - position / (len(hits) + 1),
                match_display=display,
                command=partial(app.open_record, record.id),
                text=f"{S.KIND_LABELS[record.kind]}: {title}",
                help=S.PALETTE_OPEN_HELP.format(field=S.FIELD_LABELS.get(field, field)),
            )

    async def discover(self) -> Hits:
        app = cast("HerzlichApp", self.app)
        dataset = app.dataset
        if dataset is None:
            return
        for review in dataset.reviews:
            yield DiscoveryHit(
                Text(f"{S.KIND_LABELS['review']}: {review.label}"),
                partial(app.open_record, review.id),
                text=review.label,
            )


def _by_id_prefix(dataset: Dataset, text: str) -> list[tuple[Record, str]]:
    """The records whose id starts with `text` (ids are what data files refer to records by)."""
    if not text or " " in text:
        return []
    ids = dataset.sorted_ids
    start = bisect_left(ids, text)
    found = []
    for record_id in ids[start : start + HITS]:
        if not record_id.startswith(text):
            break
        found.append((dataset[record_id], "id"))
    return found
