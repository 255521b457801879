"""What the detail pane says about a record, as a list of plain blocks: headings, paragraphs, links to
other records, columns and bars. No Textual here; the DetailPane widget draws blocks as lines, and the
copy action turns them into plain text."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace
from typing import Any

from herzlich_tui import strings as S
from herzlich_tui.browse.blocks import Block, blocks_to_text
from herzlich_tui.browse.labels import date_label, number, organisation_kind
from herzlich_tui.model import (
    Dataset,
    Event,
    Figure,
    Membership,
    Network,
    Organisation,
    Person,
    Programme,
    Project,
    ProjectYear,
    Quote,
    Record,
    Review,
    Role,
)
from herzlich_tui.model.records import ATTRIBUTE_NAMES
from herzlich_tui.search import match_spans, matches

__all__ = ["Block", "bar", "blocks_for", "blocks_to_text", "excerpt", "match_note"]


def bar(value: float, maximum: float, width: int = 24) -> str:
    """A horizontal bar of block characters, value/maximum of `width` cells (eighths for precision)."""
    if maximum <= 0 or value <= 0:
        return ""
    cells = value / maximum * width
    full = int(cells)
    eighths = round((cells - full) * 8)
    if eighths == 8:
        full, eighths = full + 1, 0
    return "█" * full + (" ▏▎▍▌▋▊▉"[eighths] if eighths else "")


def _link(dataset: Dataset, record_id: str, note: str = "", *, field: str = "") -> Block | None:
    record = dataset.get(record_id)
    if record is None:
        return None
    label = dataset.title_of(record)
    return Block("link", f"{label}{f'  ({note})' if note else ''}", target=record_id, field=field)


def _links(
    dataset: Dataset,
    heading: str,
    ids: list[str] | tuple[str, ...],
    notes: dict[str, str] | None = None,
    *,
    field: str = "",
) -> list[Block]:
    """A heading and a link to each record (once each), or nothing; `field`: the record's field they show."""
    found = (_link(dataset, i, (notes or {}).get(i, ""), field=field) for i in dict.fromkeys(ids))
    links = [block for block in found if block is not None]
    return [Block("heading", f"{heading} ({len(links)})", field=field), *links] if links else []


def _sources(dataset: Dataset, record: Record) -> list[Block]:
    return _links(dataset, S.DETAIL_SOURCES, record.sources)


def _kind_line(record: Record, *parts: str | tuple[str, str]) -> Block:
    """The record's kind and a few facts, each a text or (text, the field it shows): a fact the dataset
    infers carries the word for it."""
    marked = inferred_fields(record)
    texts = [S.KIND_LABELS[record.kind]]
    for part in parts:
        text, name = part if isinstance(part, tuple) else (part, "")
        if text:
            texts.append(f"{text} ({S.INFERRED})" if name and name in marked else text)
    return Block("meta", " · ".join(texts))


def inferred_fields(record: Record) -> set[str]:
    """The names (as attributes) of the fields whose value the dataset infers rather than the text states."""
    return {ATTRIBUTE_NAMES.get(name, name) for name in record.inferred}


def _marked(blocks: list[Block], record: Record) -> list[Block]:
    """The page with the blocks of inferred fields marked, and what the dataset infers, and why, said
    before the sources."""
    marked = inferred_fields(record)
    if not marked:
        return blocks
    out = []
    for block in blocks:
        if block.field in marked:
            titled = block.style in ("title", "heading")
            block = replace(block, inferred=True, text=f"{block.text} · {S.INFERRED}" if titled else block.text)
        out.append(block)
    names = ", ".join(S.FIELD_LABELS.get(name, name) for name in record.inferred)
    note = [
        Block("heading", S.DETAIL_INFERRED, inferred=True),
        Block("para", S.DETAIL_INFERRED_FIELDS.format(fields=names)),
    ]
    if record.basis:
        note.append(Block("para", record.basis, inferred=True))
    sources = next(
        (i for i, b in enumerate(out) if b.style == "heading" and b.text.startswith(S.DETAIL_SOURCES)), len(out)
    )
    return out[:sources] + note + out[sources:]


Page = Callable[[Dataset, Any], list[Block]]
_BUILDERS: dict[type[Record], Page] = {}


def _page(cls: type[Record]) -> Callable[[Page], Page]:
    """Register the function that makes the page of a kind of record."""

    def register(builder: Page) -> Page:
        _BUILDERS[cls] = builder
        return builder

    return register


def blocks_for(dataset: Dataset, record_id: str, terms: Sequence[str] = ()) -> list[Block]:
    """The detail page of a record, or a one-line note when the id is unknown. `terms`: the words of a
    search (folded); where it matched, when the name does not show it, goes under the id (`match_note`)."""
    record = dataset.get(record_id)
    if record is None:
        return [Block("note", S.DETAIL_MISSING.format(id=record_id))]
    builder = _BUILDERS.get(type(record), _generic)
    blocks = _with_id(_marked(builder(dataset, record), record), record)
    note = match_note(dataset, record_id, terms)
    if note is not None:
        place = next((i + 1 for i, block in enumerate(blocks) if block.style == "id"), 1)
        blocks.insert(place, replace(note, style="match"))
    return blocks


def _with_id(blocks: list[Block], record: Record) -> list[Block]:
    """The page with the record's id under its kind line: the name data files refer to it by."""
    place = next((i + 1 for i, block in enumerate(blocks) if block.style == "meta"), min(1, len(blocks)))
    return [*blocks[:place], Block("id", S.DETAIL_ID.format(id=record.id)), *blocks[place:]]


@_page(Event)
def _event(dataset: Dataset, event: Event) -> list[Block]:
    date = date_label(event.date, long=True) if event.date else ""
    when = f"{date} ({event.date_text})" if event.date_text else date
    out = [
        Block("title", event.title, field="title"),
        _kind_line(event, (when, "date"), (event.place, "place")),
        Block("para", event.summary, field="summary"),
    ]
    projects = list(event.projects)
    out += _links(dataset, S.KIND_PLURALS["project"], projects, field="projects")
    programmes = {
        p.id
        for pid in projects
        if (proj := dataset.get(pid)) and isinstance(proj, Project) and (p := dataset.programme_of(proj))
    }
    out += _links(dataset, S.KIND_PLURALS["programme"], sorted(programmes), field="projects")
    out += _links(dataset, S.KIND_PLURALS["person"], event.people, field="people")
    out += _links(dataset, S.KIND_PLURALS["organisation"], event.organisations, field="organisations")
    out += _links(dataset, S.KIND_PLURALS["network"], event.networks, field="networks")
    out += _figures_and_quotes(dataset, event.id)
    return out + _sources(dataset, event)


def _figures_and_quotes(dataset: Dataset, record_id: str) -> list[Block]:
    out: list[Block] = []
    figures = dataset.figures_of(record_id)
    if figures:
        out.append(Block("heading", f"{S.KIND_PLURALS['figure']} ({len(figures)})"))
        out += [Block("link", f"{f.text}: {f.measures} ({f.year})", target=f.id) for f in figures]
    quotes = dataset.quotes_of(record_id)
    if quotes:
        out.append(Block("heading", f"{S.KIND_PLURALS['quote']} ({len(quotes)})"))
        for quote in quotes:
            speakers = ", ".join(p.label for p in dataset.typed(Person, quote.people))
            out.append(Block("quote", f"„{quote.text}“"))
            out.append(Block("link", f"{speakers} · {quote.topic} ({quote.year})", target=quote.id))
    return out


@_page(Project)
def _project(dataset: Dataset, project: Project) -> list[Block]:
    programme = dataset.programme_of(project)
    named = (programme.label if programme else S.NO_PROGRAMME, "programme")
    out = [Block("title", project.title, field="title"), _kind_line(project, named)]
    out.append(Block("para", project.summary, field="summary"))
    if programme is not None:
        out += _links(dataset, S.DETAIL_PROGRAMME, [programme.id], field="programme")
        out += _links(dataset, S.DETAIL_FUNDERS, programme.funders)
    if project.parent:
        out += _links(dataset, S.DETAIL_PART_OF, [project.parent], field="parent")
    years = dataset.project_years(project.id)
    if years:
        out.append(Block("heading", S.DETAIL_YEAR_BY_YEAR))
        out.append(Block("columns", columns=tuple((str(y.year), y.summary) for y in years)))
    out += _links(dataset, S.DETAIL_SUBPROJECTS, [p.id for p in dataset.subprojects(project.id)])
    out += _links(dataset, S.DETAIL_PARTNERS, project.partners, field="partners")
    out += _links(dataset, S.KIND_PLURALS["person"], project.people, field="people")
    out += _links(
        dataset,
        S.KIND_PLURALS["event"],
        [e.id for e in dataset.events_of(project.id)],
        {e.id: date_label(e.date) for e in dataset.events_of(project.id) if e.date},
    )
    out += _figures_and_quotes(dataset, project.id)
    return out + _sources(dataset, project)


def _role_text(dataset: Dataset, role: Role) -> str:
    organisation = dataset.get(role.organisation) if role.organisation else None
    # "Leiter der Stabsstelle Digitalisierung" already names its organisation.
    named = organisation is not None and organisation.label.casefold() in role.title.casefold()
    text = role.title + (f", {organisation.label}" if organisation and not named else "")
    span = ""
    if role.start or role.until:
        start = date_label(role.start, long=True) if role.start else "…"
        until = date_label(role.until, long=True) if role.until else "…"
        span = f"{start} – {until}"
    elif role.years:
        span = S.DETAIL_ATTESTED.format(years=", ".join(map(str, role.years)))
    return f"{text} ({span})" if span else text


@_page(Person)
def _person(dataset: Dataset, person: Person) -> list[Block]:
    out = [Block("title", person.label, field="name"), _kind_line(person)]
    if person.description:
        out.append(Block("para", person.description, field="description"))
    roles = dataset.roles_of(person.id)
    if roles:
        out.append(Block("heading", f"{S.DETAIL_ROLES} ({len(roles)})"))
        for role in roles:
            out.append(Block("para", "• " + _role_text(dataset, role)))
            if role.note:
                out.append(Block("note", "  " + role.note))
    out += _links(
        dataset, S.KIND_PLURALS["organisation"], [o for o in dataset.facets(person.id).organisations if o != person.id]
    )
    # What the person did comes before what they said (quotes run long).
    out += _links(dataset, S.KIND_PLURALS["project"], [p.id for p in dataset.projects_of_person(person.id)])
    events = dataset.events_of(person.id)
    out += _links(
        dataset, S.KIND_PLURALS["event"], [e.id for e in events], {e.id: date_label(e.date) for e in events if e.date}
    )
    quotes = dataset.quotes_of(person.id)
    if quotes:
        out.append(Block("heading", f"{S.KIND_PLURALS['quote']} ({len(quotes)})"))
        for quote in quotes:
            out.append(Block("quote", f"„{quote.text}“"))
            out.append(Block("link", f"{quote.topic} ({quote.year})", target=quote.id))
    return out + _sources(dataset, person)


def membership_lines(dataset: Dataset, network: Network) -> list[Block]:
    """Membership year by year: the stated count drawn as a bar, and the members the text names."""
    memberships = dataset.memberships_of(network.id)
    out: list[Block] = []
    if not memberships:
        return out
    out.append(Block("heading", S.DETAIL_MEMBERSHIP))
    top = max((m.count or 0 for m in memberships), default=0)
    for membership in memberships:
        count = f"{membership.count:>4}" if membership.count is not None else f"{'?':>4}"
        drawn = bar(membership.count or 0, top)
        out.append(Block("bar", f"{membership.year}  {count}  {drawn}"))
        if membership.count_text:
            out.append(Block("subnote", membership.count_text))
        if membership.members:
            partial = S.DETAIL_MEMBERS_PARTIAL if not membership.members_complete else S.DETAIL_MEMBERS_ALL
            inferred = "members" in inferred_fields(membership)
            said = partial.format(n=len(membership.members)) + (f" ({S.INFERRED})" if inferred else "")
            out.append(Block("subnote", said, inferred=inferred))
            links = (_link(dataset, m) for m in membership.members)
            out += [replace(b, inferred=inferred) for b in links if b is not None]
        else:
            out.append(Block("subnote", S.DETAIL_MEMBERS_NONE))
        if membership.note:
            out.append(Block("subnote", membership.note))
    return out


@_page(Network)
def _network(dataset: Dataset, network: Network) -> list[Block]:
    out = [Block("title", network.label, field="name"), _kind_line(network)]
    if network.description:
        out.append(Block("para", network.description, field="description"))
    if network.lead:
        out += _links(dataset, S.DETAIL_LEAD, [network.lead], field="lead")
    if network.programme:
        out += _links(dataset, S.DETAIL_PROGRAMME, [network.programme], field="programme")
    out += membership_lines(dataset, network)
    events = dataset.events_of(network.id)
    out += _links(
        dataset, S.DETAIL_MEETINGS, [e.id for e in events], {e.id: date_label(e.date) for e in events if e.date}
    )
    out += _figures_and_quotes(dataset, network.id)
    return out + _sources(dataset, network)


@_page(Organisation)
def _organisation(dataset: Dataset, org: Organisation) -> list[Block]:
    facts = ((org.short_name, "short_name"), (organisation_kind(org.type), "type"), (org.place, "place"))
    out = [Block("title", org.name, field="name"), _kind_line(org, *facts)]
    if org.description:
        out.append(Block("para", org.description, field="description"))
    if org.url:
        out.append(Block("note", S.DETAIL_URL.format(url=org.url), field="url"))
    if org.parent:
        out += _links(dataset, S.DETAIL_PART_OF, [org.parent], field="parent")
    out += _links(dataset, S.DETAIL_UNITS, [o.id for o in dataset.children_of(org.id)])
    roles = [r for r in dataset.referrers(org.id, "role") if isinstance(r, Role)]
    out += _links(dataset, S.KIND_PLURALS["person"], [r.person for r in roles], {r.person: r.title for r in roles})
    out += _links(dataset, S.DETAIL_FUNDS, [p.id for p in dataset.referrers(org.id, "programme")])
    out += _links(dataset, S.DETAIL_LEADS, [n.id for n in dataset.referrers(org.id, "network")])
    out += _links(
        dataset,
        S.DETAIL_MEMBER_OF,
        [m.network for m in dataset.referrers(org.id, "membership") if isinstance(m, Membership)],
        {m.network: str(m.year) for m in dataset.referrers(org.id, "membership") if isinstance(m, Membership)},
    )
    out += _links(dataset, S.KIND_PLURALS["project"], [p.id for p in dataset.referrers(org.id, "project")])
    events = dataset.events_of(org.id)
    out += _links(
        dataset, S.KIND_PLURALS["event"], [e.id for e in events], {e.id: date_label(e.date) for e in events if e.date}
    )
    out += _figures_and_quotes(dataset, org.id)
    return out + _sources(dataset, org)


@_page(Programme)
def _programme(dataset: Dataset, programme: Programme) -> list[Block]:
    out = [Block("title", programme.name, field="name"), _kind_line(programme, (programme.short_name, "short_name"))]
    if programme.description:
        out.append(Block("para", programme.description, field="description"))
    out += _links(dataset, S.DETAIL_FUNDERS, programme.funders, field="funders")
    if programme.network:
        out += _links(dataset, S.KIND_LABELS["network"], [programme.network], field="network")
    out += _links(dataset, S.KIND_PLURALS["project"], [p.id for p in dataset.projects_of_programme(programme.id)])
    return out + _sources(dataset, programme)


@_page(Review)
def _review(dataset: Dataset, review: Review) -> list[Block]:
    out = [Block("title", review.title)]
    if review.subtitle:
        out.append(Block("meta", review.subtitle))
    out.append(
        _kind_line(review, str(review.year), (review.municipality, "municipality"), (review.publisher, "publisher"))
    )
    out.append(Block("para", review.summary))
    counts: dict[str, int] = {}
    for record in dataset.referrers(review.id):
        counts[record.kind] = counts.get(record.kind, 0) + 1
    if counts:
        out.append(Block("heading", S.DETAIL_RECORDS_FROM))
        out.append(Block("para", ", ".join(f"{S.KIND_PLURALS[k]}: {n}" for k, n in sorted(counts.items()))))
    if review.file:
        out.append(Block("note", S.DETAIL_FILE.format(file=review.file)))
    if review.url:
        out.append(Block("note", S.DETAIL_URL.format(url=review.url), field="url"))
    return out


@_page(Figure)
def _figure(dataset: Dataset, figure: Figure) -> list[Block]:
    value = " ".join(part for part in (figure.qualifier, number(figure.value or 0), figure.unit) if part)
    out = [
        Block("title", figure.text, field="text"),
        _kind_line(figure, (str(figure.year), "year"), (value, "value")),
        Block("para", figure.measures, field="measures"),
    ]
    out += _links(dataset, S.KIND_PLURALS["project"], figure.projects, field="projects")
    out += _links(dataset, S.KIND_PLURALS["event"], figure.events, field="events")
    out += _links(dataset, S.KIND_PLURALS["network"], figure.networks, field="networks")
    out += _links(dataset, S.KIND_PLURALS["organisation"], figure.organisations, field="organisations")
    return out + _sources(dataset, figure)


@_page(Quote)
def _quote(dataset: Dataset, quote: Quote) -> list[Block]:
    out = [Block("quote", f"„{quote.text}“"), _kind_line(quote, str(quote.year), quote.topic)]
    out += _links(dataset, S.DETAIL_SPEAKERS, quote.people, field="people")
    out += _links(dataset, S.KIND_PLURALS["project"], quote.projects, field="projects")
    out += _links(dataset, S.KIND_PLURALS["event"], quote.events, field="events")
    return out + _sources(dataset, quote)


@_page(Role)
def _role(dataset: Dataset, role: Role) -> list[Block]:
    out = [Block("title", dataset.title_of(role)), _kind_line(role), Block("para", _role_text(dataset, role))]
    if role.note:
        out.append(Block("note", role.note))
    out += _links(dataset, S.KIND_LABELS["person"], [role.person], field="person")
    if role.organisation:
        out += _links(dataset, S.KIND_LABELS["organisation"], [role.organisation], field="organisation")
    return out + _sources(dataset, role)


@_page(Membership)
def _membership(dataset: Dataset, membership: Membership) -> list[Block]:
    network = dataset.get(membership.network)
    out = [Block("title", dataset.title_of(membership)), _kind_line(membership, str(membership.year))]
    if isinstance(network, Network):
        out += membership_lines(dataset, network)
        out += _links(dataset, S.KIND_LABELS["network"], [network.id])
    return out + _sources(dataset, membership)


@_page(ProjectYear)
def _project_year(dataset: Dataset, item: ProjectYear) -> list[Block]:
    out = [Block("title", dataset.title_of(item)), _kind_line(item, str(item.year)), Block("para", item.summary)]
    out += _links(dataset, S.KIND_LABELS["project"], [item.project])
    return out + _sources(dataset, item)


# --- where a search matched ---------------------------------------------------------------------------
EXCERPT_WIDTH = 60  # characters of a field's text shown around where a search matched in it


def match_note(dataset: Dataset, record_id: str, terms: Sequence[str]) -> Block | None:
    """What the details say about where a search (its folded words) matched a record, where the name it is
    listed under does not show it: the first field in which a word the name lacks matches, with an excerpt
    around the match ("matched in: summary “…die Smarten Laternen…”"), or the linked record whose name
    matched ("matched in: Organisation Stadtteilbüro Grübentälchen"; the block's target is its id). None
    without a search, or when the name shows every word that matched."""
    record = dataset.get(record_id)
    if record is None or not terms:
        return None
    listed = dataset.title_of(record)
    unseen = [term for term in terms if not match_spans(listed, [term])]
    for match in matches(dataset, record, unseen):
        if match.linked:
            linked = dataset[match.linked]
            text = S.MATCHED_IN_LINKED.format(kind=S.KIND_LABELS[linked.kind], name=match.text)
            return Block("note", text, target=match.linked, field=match.field)
        date = getattr(record, "date", None)
        shown = date_label(date) if match.field == "date" and date is not None else excerpt(match.text, match.terms)
        field = S.FIELD_LABELS.get(match.field, match.field)
        return Block("note", S.MATCHED_IN.format(field=field, text=shown), field=match.field)
    return None


def excerpt(text: str, terms: Sequence[str], width: int = EXCERPT_WIDTH) -> str:
    """About `width` characters of a text around the first place the words match in it, cut at spaces,
    with "…" where the text goes on; on one line."""
    flat = " ".join(text.split())
    if len(flat) <= width:
        return flat
    spans = match_spans(flat, terms)
    first = spans[0][0] if spans else 0
    start = max(0, min(first - width // 3, len(flat) - width))
    if start > 0:  # (from the first whole word on)
        space = flat.find(" ", start - 1, first)
        start = space + 1 if space >= 0 else start
    stop = min(len(flat), start + width)
    if stop < len(flat):
        space = flat.rfind(" ", start + width // 2, stop)
        stop = space if space > 0 else stop
    return ("…" if start > 0 else "") + flat[start:stop].strip() + ("…" if stop < len(flat) else "")


def _generic(dataset: Dataset, record: Record) -> list[Block]:
    return [Block("title", dataset.title_of(record)), _kind_line(record), *_sources(dataset, record)]
