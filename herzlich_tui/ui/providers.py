"""Command palette providers: jump to any record by name, using the app's search engine."""

from __future__ import annotations

from functools import partial

from rich.text import Text
from textual.command import DiscoveryHit, Hit, Hits, Provider

from herzlich_tui import strings as S

__all__ = ["RecordProvider"]


class RecordProvider(Provider):
    """Every record of the dataset, found with the same folding and prefixes as the search box."""

    async def search(self, query: str) -> Hits:
        app = self.app
        index = getattr(app, "search_index", None)
        if index is None or not query.strip():
            return
        from herzlich_tui.search import match_spans  # imported with the index, after the first frame

        hits = index.search(query, limit=20)
        for position, hit in enumerate(hits):
            title = app.dataset.title_of(hit.record)  # type: ignore[attr-defined]
            display = Text(f"{S.KIND_LABELS[hit.record.kind]}: ", style="dim")
            start = len(display.plain)
            display.append(title)
            for a, b in match_spans(title, query):
                display.stylize("bold underline", start + a, start + b)
            yield Hit(
                score=1.0 - position / (len(hits) + 1),
                match_display=display,
                command=partial(app.open_record, hit.record.id),  # type: ignore[attr-defined]
                text=title,
                help=S.PALETTE_OPEN_HELP.format(field=S.FIELD_LABELS.get(hit.field, hit.field)),
            )

    async def discover(self) -> Hits:
        app = self.app
        dataset = getattr(app, "dataset", None)
        if dataset is None:
            return
        for review in dataset.reviews:
            yield DiscoveryHit(
                Text(f"{S.KIND_LABELS['review']}: {review.label}"),
                partial(app.open_record, review.id),  # type: ignore[attr-defined]
                text=review.label,
            )
