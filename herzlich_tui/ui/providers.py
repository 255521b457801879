"""Command palette providers: jump to any record by name, using the app's search engine."""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING, cast

from rich.text import Text
from textual.command import DiscoveryHit, Hit, Hits, Provider

from herzlich_tui import strings as S

if TYPE_CHECKING:
    from herzlich_tui.ui.app import HerzlichApp

__all__ = ["RecordProvider"]


class RecordProvider(Provider):
    """Every record of the dataset, found with the same folding and prefixes as the search box."""

    async def search(self, query: str) -> Hits:
        app = cast("HerzlichApp", self.app)
        index, dataset = app.search_index, app.dataset
        if index is None or dataset is None or not query.strip():
            return
        from herzlich_tui.search import match_spans  # imported with the index, after the first frame

        hits = index.search(query, limit=20)
        for position, hit in enumerate(hits):
            title = dataset.title_of(hit.record)
            display = Text(f"{S.KIND_LABELS[hit.record.kind]}: ", style="dim")
            start = len(display.plain)
            display.append(title)
            for a, b in match_spans(title, query):
                display.stylize("bold underline", start + a, start + b)
            yield Hit(
                score=1.0 - position / (len(hits) + 1),
                match_display=display,
                command=partial(app.open_record, hit.record.id),
                text=title,
                help=S.PALETTE_OPEN_HELP.format(field=S.FIELD_LABELS.get(hit.field, hit.field)),
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
