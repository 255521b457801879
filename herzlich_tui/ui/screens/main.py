"""The main screen: filter panel, the current view's list (or the overview), and the detail pane.

The screen owns the ViewState and the browsing history; widgets send it messages (a record highlighted,
a link followed, a facet chosen) and it sends state back down to them."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import replace
from typing import TYPE_CHECKING, NamedTuple, TypeVar, cast

from textual import on, work
from textual.app import ComposeResult
from textual.binding import BindingsMap
from textual.containers import Horizontal, Vertical
from textual.events import Resize, ScreenResume
from textual.reactive import Reactive, var
from textual.screen import Screen
from textual.timer import Timer
from textual.widget import Widget
from textual.widgets import Input, Static

from herzlich_tui import strings as S
from herzlich_tui.browse.history import History, Place
from herzlich_tui.browse.labels import fit_header
from herzlich_tui.browse.rows import RowList
from herzlich_tui.browse.spec import FACETS, KIND_VIEWS, VIEWS, VIEWS_BY_NAME
from herzlich_tui.browse.state import ViewState
from herzlich_tui.bulk import LARGE
from herzlich_tui.i18n import number
from herzlich_tui.ui.commands import Spoken, bindings
from herzlich_tui.ui.messages import (
    BookmarkToggled,
    CopyRequested,
    ExportRequested,
    FacetChosen,
    FollowRecord,
    GlimpseLeft,
    LinkRequested,
    StateChanged,
)
from herzlich_tui.ui.widgets.detail import DetailPane
from herzlich_tui.ui.widgets.header import CLOCK_ROOM, ICON_ROOM, Header
from herzlich_tui.ui.widgets.record_list import BOOKMARK_MARK, RecordList
from herzlich_tui.ui.widgets.search_box import SearchBox
from herzlich_tui.ui.widgets.view_bar import ViewBar

# The model, the search index and what works on them (details, views) come with the data, after the first
# frame: the screen is drawn (with the rows kept from the last run) without them. So do the filter panel and
# the overview, unless the first frame shows them (see compose).
if TYPE_CHECKING:
    from herzlich_tui.browse.engine import Views
    from herzlich_tui.browse.results import FacetOption, ViewResult
    from herzlich_tui.model import Dataset, Record
    from herzlich_tui.search import SearchIndex, Searching
    from herzlich_tui.ui.widgets.filters import FilterPanel
    from herzlich_tui.ui.widgets.overview import Overview

__all__ = ["MainScreen", "Startup"]

BACKGROUND_RECORDS = LARGE  # datasets at least this large compute their views in a worker thread
SEARCH_SETTLE = 0.03  # seconds: search text changed faster than this is searched once it stops changing
DETAIL_INTERVAL = 0.06  # seconds: while the cursor runs through the list, the details follow this often
NARROW = 100  # below this width the list takes the width, and the details open in its place
PANEL_BESIDE = 140  # below this width the filter panel hides until toggled (f), so that the list has room
MIN_WIDTH, MIN_HEIGHT = 40, 10
HEADER_CHROME = ICON_ROOM + CLOCK_ROOM + 4  # the header's icon and clock room, " — " after the title, one spare


T = TypeVar("T")


def _cycle(values: list[T], current: T | None) -> T | None:
    """The value after `current` in None (all), then `values`, round again."""
    options: list[T | None] = [None, *values]
    index = options.index(current) if current in options else 0
    return options[(index + 1) % len(options)]


def _new_filter_panel() -> FilterPanel:
    from herzlich_tui.ui.widgets.filters import FilterPanel

    return FilterPanel(FACETS, id="filters")


def _new_overview() -> Overview:
    from herzlich_tui.ui.widgets.overview import Overview

    return Overview(id="overview")


def _too_small() -> str:
    return S.NOTICE_TOO_SMALL.format(width=MIN_WIDTH, height=MIN_HEIGHT)


# The screen and the two boxes that hold its panes are covered all over by what they hold, so that nothing
# of theirs is ever seen: drawn as blank lines (Textual's BLANK), not line by line through their styles.
class Body(Horizontal):
    BLANK = True


class Column(Vertical):
    BLANK = True


class FooterBar(Widget):
    """The footer's line: empty on the first frame, the footer is mounted in it once the frame is drawn."""

    DEFAULT_CSS = """
    FooterBar { dock: bottom; height: 1; background: $footer-background; }
    """


class Startup(NamedTuple):
    """What the app hands the screen to start with: the state to show, and either the rows kept from the
    last run (with their counts), shown until the data has loaded, or the data itself, when it was small
    enough to read before the first frame. (A named tuple, not a frozen dataclass: docs/performance.md,
    "First paint II".)"""

    state: ViewState
    kept: tuple[RowList, tuple[int, int]] | None = None
    data: Dataset | None = None
    problems: int = 0  # how many problems the data has, when it is given
    restored: bool = False  # the state's filters are those the last run left (not asked for this time)
    bookmarked: frozenset[str] = frozenset()  # the records the user bookmarked
    record: str | None = None  # the record the user was reading when the last run ended


class MainScreen(Spoken, Screen[None]):
    """Lists, filters and details. The state (view, filters, search, sort) is `view_state`: setting it
    shows it; widgets get what follows from it, and the app hears of it by a StateChanged message."""

    AUTO_FOCUS = ""  # no widget by selector (None would mean the app's "*"): on_mount focuses the list or the overview
    BLANK = True  # see Body

    BINDINGS = bindings()

    view_state: var[ViewState] = var(ViewState, init=False, bindings=True)
    # The header's subtitle changes with each search letter and filter key, the focus with / and escape.
    # The header draws the subtitle anew (it watches it), and the widgets the focus leaves and reaches are
    # restyled and drawn anew; Screen's own reactives repainted the whole screen as well, every widget in it.
    sub_title: Reactive[str | None] = Reactive(None, compute=False, repaint=False)
    focused: Reactive[Widget | None] = Reactive(None, repaint=False)

    def __init__(self, startup: Startup) -> None:
        super().__init__()
        self.set_reactive(MainScreen.view_state, startup.state)
        self.startup = startup
        self.dataset: Dataset | None = None
        self.index: Searching | None = None
        self._interim = False  # `index` answers while the data's own index is built (interim.py)
        # The data shown is the first answer to the search, from the files that hold its words (see
        # show_glimpse), while the whole data loads; `_loading` is how far that is: (percent, every file
        # read), or None once the whole data is there and its index is being built.
        self.glimpse = False
        self._glimpse_query = ""
        self._loading: tuple[int, bool] | None = (0, False)
        self.result: ViewResult | None = None
        self.views: Views | None = None
        self.current: str | None = startup.record  # (the list puts its cursor there when it is listed)
        self.history = History()
        self._search_timer: Timer | None = None
        self._typed_at = 0.0  # when the search text last changed (see _search_changed)
        self._detail_timer: Timer | None = None
        # Where the next view should put the cursor and what it should do then (see go_to); None: the
        # record shown, unless the view changed.
        self._landing: tuple[str | None, Callable[[], None] | None] | None = None
        self._cursors: dict[str, str | None] = {}  # each view's record last highlighted
        self._problems = startup.problems  # how many the data has (the footer says so while there are any)
        self._bookmarked = set(startup.bookmarked)
        self._pending_detail: str | None = None
        self._detail_shown_at = 0.0
        self._detail_terms: tuple[str, ...] = ()  # the search the details were shown for (they say where it matched)
        self._focus_before_small: Widget | None = None
        self._waiting: list[Callable[[], object]] = []  # keys that need the data, typed before it came
        # f came before the filter panel's lists were made, while this had the focus (see _focus_first_facet)
        self._facets_asked: tuple[Widget | None] | None = None
        self._resumed = False
        # The classes that choose the layout are there before the screen is styled: set later (in compose
        # or on_mount), each change would style the screen, or every widget, once more before the first frame.
        overview = startup.state.view == "overview"
        width = self.app.size.width
        for name, wanted in (
            ("-overview", overview),
            ("-list", not overview),
            ("-narrow", width < NARROW),
            ("-panel-on-demand", width < PANEL_BESIDE),
        ):
            if wanted:
                self.add_class(name, update=False)

    # --- layout -------------------------------------------------------------------------------------
    def compose(self) -> ComposeResult:
        if self.has_class("-narrow") or self._problems:
            self._footer_keys(self.has_class("-narrow"))
        # What the first frame does not show is mounted once it is drawn (_mount_unseen): the filter panel
        # while it is hidden, the overview in another view, the notice of a terminal too small, and the
        # footer, which shows no keys before the screen's bindings are ready.
        width, height = self.app.size
        yield Header()
        yield ViewBar(self.view_state.view, id="views").data_bind(MainScreen.view_state)
        with Body(id="body"):
            if not self.has_class("-panel-on-demand"):
                yield _new_filter_panel()
            with Column(id="main"):
                yield SearchBox(placeholder=S.SEARCH_PLACEHOLDER, id="search", value=self.view_state.query)
                yield RecordList(id="list")
            yield DetailPane(id="detail")
            if self.has_class("-overview"):
                yield _new_overview()
        if width < MIN_WIDTH or height < MIN_HEIGHT:
            yield Static(_too_small(), id="too-small")
        yield FooterBar(id="footer-bar")

    async def _mount_unseen(self) -> None:
        body = self.query_one(Body)
        if not body.is_attached:  # (the app is closing: a q or a signal came first)
            return
        if not body.query("#filters"):
            await body.mount(_new_filter_panel(), before="#main")
            if not body.is_attached:
                return
            if self._facets_asked is not None:
                self._refresh_facets()
        if not body.query("#overview"):
            overview = _new_overview()
            body.mount(overview)
            if self.view_state.view == "overview":  # (chosen before this: the list stood in for it)
                if self.result is not None:
                    overview.show(self.result.overview)
                overview.focus()
        if not self.query("#too-small"):
            self.mount(Static(_too_small(), id="too-small"), after=body)
        from herzlich_tui.ui.widgets.footer import Footer  # (and with it Textual's, after the first frame)

        await self.query_one(FooterBar).mount(Footer(compact=True))
        self.refresh_bindings()  # (the footer makes its keys when the screen says its bindings changed)

    def _filters(self) -> FilterPanel | None:
        """The filter panel, None until it is mounted (see _mount_unseen)."""
        return cast("FilterPanel | None", self.query_one_optional("#filters"))

    def _overview(self) -> Overview | None:
        """The overview, None until it is mounted (see _mount_unseen)."""
        return cast("Overview | None", self.query_one_optional("#overview"))

    def _view_pane(self, view: str) -> Widget:
        """What shows `view`: the overview or the list."""
        return (self._overview() if view == "overview" else None) or self.query_one(RecordList)

    def on_mount(self) -> None:
        self.call_after_refresh(self._mount_unseen)
        self.query_one(RecordList).empty_text = S.LOADING
        self.query_one(RecordList).mark(self._bookmarked)
        startup = self.startup
        if self.dataset is None and startup.data is not None:
            self.set_data(startup.data, None)
        elif self.dataset is None and startup.kept is not None:
            self.show_kept(*startup.kept)
        elif self.dataset is None:
            self.sub_title = " · ".join([S.VIEW_LABELS[self.view_state.view], S.LOADING])
        if self.view_state.view == "overview":
            self._view_pane("overview").focus()
        else:
            self.query_one(RecordList).focus()

    def on_screen_resume(self, event: ScreenResume) -> None:
        # Runs before Textual's own handler. On the first showing, every widget was styled as it was mounted
        # (the classes that choose the layout are set as the screen is made, before any widget exists): styling them
        # all once more would only delay the first frame.
        if not self._resumed:
            self._resumed = True
            event.refresh_styles = False

    def on_resize(self, event: Resize) -> None:
        self._layout_for(event.size.width, event.size.height)
        self._update_subtitle()

    def _layout_for(self, width: int, height: int) -> None:
        was_narrow = self.has_class("-narrow")
        narrow = width < NARROW
        self.set_class(narrow, "-narrow")
        was_beside = not self.has_class("-panel-on-demand")
        self.set_class(width < PANEL_BESIDE, "-panel-on-demand")
        if width >= PANEL_BESIDE and not was_beside:
            self.remove_class("-show-filters")
            self.call_after_refresh(self._refresh_facets)
        if was_narrow != narrow:
            self._footer_keys(narrow)
        if was_narrow and not narrow:
            self.remove_class("-reading")
        small = width < MIN_WIDTH or height < MIN_HEIGHT
        was_small = self.has_class("-too-small")
        self.set_class(small, "-too-small")
        if small:
            for notice in self.query("#too-small").results(Static):
                notice.update(_too_small())
            if not was_small:
                self._focus_before_small = self.focused
        elif was_small:
            # Textual takes the focus from the widgets it hides; without giving it back, no key would move
            # anything once the terminal is large enough again.
            self.call_after_refresh(self._restore_focus)

    def _footer_keys(self, narrow: bool) -> None:
        """The keys the footer shows: fewer on a narrow terminal, and the problems while there are any."""
        self._bindings = BindingsMap(bindings(narrow=narrow, problems=self._problems))
        self.refresh_bindings()

    def relabel(self) -> None:
        """Say everything anew in the interface's current language (the app calls it, and the relabel of
        each widget, when the language changes): the keys, the list, the details, the overview, the header."""
        self._footer_keys(self.has_class("-narrow"))
        if self.has_class("-too-small"):
            for notice in self.query("#too-small").results(Static):
                notice.update(_too_small())
        if self.dataset is None or self.views is None:
            self.query_one(RecordList).empty_text = S.LOADING
            self._loading_subtitle(S.LOADING)
            return
        self.query_one(RecordList).empty_text = S.LIST_EMPTY
        self.views.forget_words()
        detail = self.query_one(DetailPane)
        shown, link = detail.record_id, detail.cursor_target
        detail.record_id = None  # (shown again when the list is)
        then = (lambda: self._show(shown, link=link)) if shown is not None and link is not None else None
        self.refresh_view(then=then)

    def show_problems(self, count: int) -> None:
        """The data has `count` problems (set by the app): the footer offers ! with their number."""
        if count != self._problems:
            self._problems = count
            self._footer_keys(self.has_class("-narrow"))

    def _restore_focus(self) -> None:
        target, self._focus_before_small = self._focus_before_small, None
        if self.focused is not None or self.has_class("-too-small"):
            return
        if target is None or target not in self.focus_chain:
            target = self._view_pane(self.view_state.view)
        target.focus()

    def _apply_view_class(self) -> None:
        self._view_classes(self.view_state.view)

    def _view_classes(self, view: str) -> None:
        overview = view == "overview"
        self.set_class(overview, "-overview")
        self.set_class(not overview, "-list")

    # --- data ---------------------------------------------------------------------------------------
    def show_kept(self, rows: RowList, counts: tuple[int, int]) -> None:
        """Show the rows kept from the last run while the data loads: the list can be read and scrolled."""
        if self.dataset is not None:
            return
        self.query_one(RecordList).set_rows(rows, keep=self.current)
        self._loading_subtitle(S.LOADING)

    def show_progress(self, percent: int, *, done: bool) -> None:
        """How far loading is (sent by the app while its worker reads the data files): `percent` of the
        files read, or `done` with them (ids and references are being checked)."""
        if self.dataset is not None and not self.glimpse:
            return
        self._loading = (percent, done)
        if self.glimpse:
            self._update_subtitle()
            return
        text = self._loading_text()
        self.query_one(RecordList).show_empty_text(text)
        self._loading_subtitle(text)

    def _loading_text(self, *, short: bool = False) -> str:
        if self._loading is None:
            return S.INDEXING_SHORT if short else S.INDEXING
        percent, done = self._loading
        if short:
            return S.CHECKING_SHORT if done else S.LOADING_SHORT.format(percent=percent)
        return S.LOADING_CHECK if done else S.LOADING_READ.format(percent=percent)

    def _loading_subtitle(self, text: str) -> None:
        parts = [S.VIEW_LABELS[self.view_state.view]]
        if self.startup.kept is not None:  # the list kept from the last run is shown meanwhile, with its counts
            shown, total = self.startup.kept[1]
            parts.append(S.SUBTITLE_COUNT.format(shown=number(shown), total=number(total)))
        self.sub_title = " · ".join([*parts, text])

    def set_index(self, index: SearchIndex) -> None:
        """The search index arrived after the data: searches typed meanwhile now narrow the view."""
        self.index = index
        self._interim = False
        if self.views is not None:
            self.views.index = index
            self.views.forget_search()
        if self.view_state.query:
            self.refresh_view()

    def show_glimpse(self, dataset: Dataset, index: SearchIndex) -> None:
        """Show the first answer to the search while the whole data loads: the files that hold its words,
        loaded alone. The header says so. The app's `set_data` with the whole data ends it, and so does
        another search, or a view in which it shows nothing (a GlimpseLeft message asks the app for what
        to show instead: the whole data if it is there, else the loading screen, `end_glimpse`)."""
        self._glimpse_query = self.view_state.query.strip()
        self.set_data(dataset, index, glimpse=True)

    def glimpse_loaded(self) -> None:
        """The whole data is there and its index is being built; the first answer stays until then."""
        self._loading = None
        self._update_subtitle()

    def end_glimpse(self) -> None:
        """Back to the loading screen: the first answer is no answer to what is asked now."""
        self.glimpse = False
        self.dataset = self.index = self.views = self.result = None
        record_list = self.query_one(RecordList)
        record_list.set_rows(RowList(()))
        text = self._loading_text()
        record_list.show_empty_text(text)
        self._loading_subtitle(text)
        self._show(None)

    def set_data(
        self, dataset: Dataset, index: Searching | None, *, glimpse: bool = False, interim: bool = False
    ) -> None:
        """Show the data (given by the app once it has loaded, or at the start when it was small). `interim`:
        `index` answers searches while the data's own index is built (set_index brings it)."""
        from herzlich_tui.browse.engine import Views

        self.glimpse = glimpse
        self._interim = interim
        # Keep the cursor where the user put it on the rows kept from the last run (or where it was then).
        self.current = self.query_one(RecordList).highlighted_id or self.current
        then = None
        again = self.dataset is not None and dataset is not self.dataset
        if again:
            # (Loaded again: the details shown are made again from the new data, the link cursor kept.)
            detail = self.query_one(DetailPane)
            shown, link = detail.record_id, detail.cursor_target
            detail.record_id = None
            then = (lambda: self._show(shown, link=link)) if shown is not None and link is not None else None
        self.dataset = dataset
        self.index = index
        self.views = Views(dataset, index)
        self.query_one(RecordList).empty_text = S.LIST_EMPTY
        self.refresh_view(then=then)
        # The list may stand in for the overview until that is mounted. Where the user has moved (the search
        # box, the details, the filters) keeps the focus: data that arrives while they read is no reason to
        # take them back to the list.
        if self.focused is None or isinstance(self.focused, RecordList):
            self._view_pane(self.view_state.view).focus()
        here = Place(self.view_state.view, self.current)
        if again:  # (where the user went stays, but for the records that have gone)
            self.history.renew(here, dataset.__contains__)
        else:
            self.history = History(here)
        if not glimpse:  # (a glimpse holds only the files with the search's words: keys wait for all)
            waiting, self._waiting = self._waiting, []
            for typed in waiting:
                typed()

    def _when_data(self, then: Callable[[], object]) -> None:
        """Call `then` now if the data is here, else once all of it has come: keys typed ahead as the app
        starts (a year, a bookmark) reach the screen before the data, and would otherwise do nothing. (While a
        glimpse is shown, they act on it: the app says that actions on a record wait for the data.)"""
        if self.dataset is not None:
            then()
        else:
            self._waiting.append(then)

    def refresh_view(self, *, keep: str | None = None, then: Callable[[], None] | None = None) -> None:
        """Recompute the lists for the current state and send it down to the widgets, then call `then`.

        Small datasets are computed at once; large ones in a worker thread, so that keys and typing are
        never blocked (a result for a state that is no longer current is dropped)."""
        if self.dataset is None or self.views is None:
            return
        self._apply_view_class()
        if len(self.dataset) < BACKGROUND_RECORDS:
            self._apply(self.views.compute(self.view_state), keep, then)
        else:
            self._compute_in_background(self.view_state, keep, then)

    @work(thread=True, exclusive=True, group="view")
    def _compute_in_background(self, state: ViewState, keep: str | None, then: Callable[[], None] | None) -> None:
        assert self.views is not None
        result = self.views.compute(state)
        self.app.call_from_thread(self._apply, result, keep, then)

    def _apply(self, result: ViewResult, keep: str | None, then: Callable[[], None] | None) -> None:
        if result.state != self.view_state or self.dataset is None:
            return  # a newer state is being computed
        state = result.state
        if self.glimpse and not result.shown:
            self.post_message(GlimpseLeft())  # (the first answer holds nothing to show here: wait for all)
            return
        first = self.result is None
        self.result = result
        self._update_subtitle()
        if state.view == "overview":
            if (overview := self._overview()) is not None:
                overview.show(result.overview)
        else:
            record_list = self.query_one(RecordList)
            record_list.show_empty_text("\n".join(result.nothing) or S.LIST_EMPTY)
            record_list.set_rows(result.rows, keep=keep or self.current, terms=result.terms)
            # The detail follows the list unless the record shown is still listed (and shown for this search:
            # it says where the search matched).
            detail = self.query_one(DetailPane)
            if (
                record_list.highlighted_id != self.current
                or detail.record_id != self.current
                or tuple(result.terms) != self._detail_terms
            ):
                self._show(record_list.highlighted_id)
        if then is not None:
            then()
        if first:
            # The first view's counts come a frame after it: the list and the details are what the first
            # frame is for (the panel's lists are made with their first counts, see FilterPanel.update).
            self.call_after_refresh(self._refresh_facets)
        else:
            self._refresh_facets()
        self.post_message(StateChanged(state))

    def _refresh_facets(self) -> None:
        """Update the filter panel's counts, after the list (they can wait a moment; the list cannot)."""
        panel = self._filters()
        if self.views is None or panel is None or not panel.display:
            return
        if self.dataset is not None and len(self.dataset) < BACKGROUND_RECORDS:
            self._show_facets(self.view_state, self.views.facet_options(self.view_state))
        else:
            self._facets_in_background(self.view_state)

    @work(thread=True, exclusive=True, group="facets")
    def _facets_in_background(self, state: ViewState) -> None:
        assert self.views is not None
        options = self.views.facet_options(state)
        self.app.call_from_thread(self._show_facets, state, options)

    def _show_facets(self, state: ViewState, options: dict[str, list[FacetOption]]) -> None:
        if state == self.view_state and (panel := self._filters()) is not None:
            panel.update(options, {facet.name: getattr(state, facet.name) for facet in FACETS})
            asked, self._facets_asked = self._facets_asked, None
            if asked is not None and asked[0] is self.focused:
                self.call_after_refresh(self._focus_first_facet)

    def _update_subtitle(self) -> None:
        """The header: the view, its order, the filters (said to be restored while they are the ones the
        last run left) and the count, fitted to the width."""
        if self.dataset is None or self.result is None:
            return
        state = self.view_state
        filters = state.describe(self.dataset)
        if filters and self.startup.restored and state == self.startup.state:
            filters = [S.HEADER_RESTORED.format(filters=" · ".join(filters))]
        tail = [S.SUBTITLE_COUNT.format(shown=number(self.result.shown), total=number(self.result.total))]
        if self.glimpse:  # (not all the data: the count is of the first matches)
            tail = [S.GLIMPSE_COUNT.format(count=number(self.result.shown)), self._loading_text(short=True)]
        elif (self.index is None or self._interim) and state.query:
            tail.append(S.INDEXING)  # the count is not the search's yet
        head = [S.VIEW_LABELS[state.view], *state.sort_words()]
        self.sub_title = fit_header(head, filters, tail, self._header_room())

    def _header_room(self) -> int:
        """The cells the header has for its subtitle (the title, its dash and the icons take the rest)."""
        return max(self.app.size.width - len(self.app.title) - HEADER_CHROME, 10)

    def _show(self, record_id: str | None, *, link: str | None = None) -> None:
        self.current = record_id
        detail = self.query_one(DetailPane)
        if record_id is None or self.dataset is None:
            from herzlich_tui.browse.blocks import Block

            detail.show(None, [Block("note", S.LOADING)] if self.dataset is None else [], link=None)
            return
        terms = tuple(self.result.terms) if self.result is not None else ()
        if detail.record_id == record_id and link is None and terms == self._detail_terms:
            return
        from herzlich_tui.browse.pages import blocks_for

        self._detail_terms = terms
        blocks = blocks_for(self.dataset, record_id, terms)
        if record_id in self._bookmarked and blocks and blocks[0].style in ("title", "quote"):
            blocks = [replace(blocks[0], text=BOOKMARK_MARK + blocks[0].text), *blocks[1:]]
        detail.show(record_id, blocks, link=link)

    def show_bookmarks(self, ids: set[str]) -> None:
        """The records the user bookmarked (set by the app): their rows and details carry a mark."""
        if ids == self._bookmarked:
            return
        self._bookmarked = set(ids)
        self.query_one(RecordList).mark(self._bookmarked)
        detail = self.query_one(DetailPane)
        if detail.record_id is not None:
            shown, link = detail.record_id, detail.cursor_target
            detail.record_id = None  # (shown again, with or without the mark)
            self._show(shown, link=link)

    # --- messages up ----------------------------------------------------------------------------------
    @on(RecordList.Highlighted)
    def _highlighted(self, event: RecordList.Highlighted) -> None:
        if event.record_id is None or event.record_id != event.record_list.highlighted_id:
            return  # (the list has moved on since, or shows other rows: a key came right after the move)
        # A held j/k moves the cursor faster than a rich record's details are built: the cursor moves at
        # once, the details follow at most every DETAIL_INTERVAL seconds, and always end on the last one.
        self.current = event.record_id
        self._pending_detail = event.record_id
        if self._detail_timer is not None:
            return
        wait = DETAIL_INTERVAL - (time.monotonic() - self._detail_shown_at)
        if wait <= 0:
            self._show_pending_detail()
        else:
            self._detail_timer = self.set_timer(wait, self._show_pending_detail)

    def _show_pending_detail(self) -> None:
        self._detail_timer = None
        record_id, self._pending_detail = self._pending_detail, None
        if record_id is not None and record_id == self.current:
            self._detail_shown_at = time.monotonic()
            self._show(record_id)
            self._remember()

    @on(RecordList.Selected)
    def _selected(self, event: RecordList.Selected) -> None:
        self._read(event.record_id)

    def action_open_highlighted(self) -> None:
        """Enter on the list: the highlighted record, read in the detail pane. The focus has moved when the
        next key is looked at: enter and j typed at once scroll the page, not the list behind it."""
        if (record_id := self.query_one(RecordList).highlighted_id) is not None:
            self._read(record_id)

    def _read(self, record_id: str) -> None:
        """Show a record and move into the detail pane (on a narrow terminal it takes the list's place)."""
        self._show(record_id)
        if self.has_class("-narrow"):
            self.add_class("-reading")
        self.set_focus(self.query_one(DetailPane))

    def _stop_reading(self) -> None:
        """Back from the detail pane to the list."""
        self.remove_class("-reading")
        self.set_focus(self.query_one(RecordList))

    @on(FollowRecord)
    def _follow(self, event: FollowRecord) -> None:
        self.follow(event.record_id)

    def action_follow_link(self) -> None:
        """Enter on a page: the record of the link under its cursor. An action, as enter on the list is, so
        that a key typed right after (enter b) acts on the record it opens."""
        if (target := self.query_one(DetailPane).cursor_target) is not None:
            self.follow(target)

    @on(FacetChosen)
    def _facet(self, event: FacetChosen) -> None:
        self.set_state(self.view_state.with_facet(event.facet, event.value))

    @on(Input.Changed, "#search")
    def _search_changed(self, event: Input.Changed) -> None:
        if self._search_timer is not None:
            self._search_timer.stop()
        query = event.value
        # The first key after a pause searches at once; keys typed faster than SEARCH_SETTLE apart are
        # many Changed events, and only the last of them does the work.
        now = time.monotonic()
        # (A Changed event behind the box's text is one of a burst the box has handled further already.)
        if now - self._typed_at >= SEARCH_SETTLE and query == event.input.value:
            self._search_timer = None
            self._apply_query(query)
        else:
            self._search_timer = self.set_timer(SEARCH_SETTLE, lambda: self._apply_query(query))
        self._typed_at = now

    def _apply_query(self, query: str) -> None:
        if query != self.view_state.query:
            self.set_state(self.view_state._replace(query=query))

    def action_submit_search(self) -> None:
        """Enter in the search box (a priority key there): the search as typed, and the focus on the view."""
        self._apply_query(self.query_one("#search", Input).value)
        self.set_focus(self._view_pane(self.view_state.view))

    # --- state --------------------------------------------------------------------------------------
    def set_state(self, state: ViewState) -> None:
        """Show a state (the same as setting `view_state`)."""
        self.view_state = state

    def watch_view_state(self, old: ViewState, new: ViewState) -> None:
        search = self.query_one("#search", Input)
        if search.value != new.query:
            with search.prevent(Input.Changed):
                search.value = new.query
        if self.glimpse and new.query.strip() != self._glimpse_query:
            self.post_message(GlimpseLeft())  # (the first answer was to the search asked before)
            return
        if old.view != new.view:
            self._cursors[old.view] = self.here()
            self.remove_class("-reading")
        keep, then = self._landing or (self._cursors.get(new.view) if old.view != new.view else self.here(), None)
        self._landing = None
        self.refresh_view(keep=keep, then=then)

    def _remember(self) -> None:
        """Keep the current history entry in step with what is shown (without adding an entry)."""
        here, detail = self.here(), self.query_one(DetailPane)
        link = detail.cursor_target if detail.record_id == here else None
        self.history.remember(Place(self.view_state.view, here, link))

    def _push(self, place: Place) -> None:
        self._remember()
        self.history.visit(place)

    def go_to(self, place: Place) -> None:
        """Show a place: switch view, put the list cursor on the record, show it with the link cursor."""

        def land() -> None:
            if place.record_id is not None:
                self.query_one(RecordList).select_id(place.record_id)
                self._show(place.record_id, link=place.link)

        if place.view != self.view_state.view:
            # A link or a step back into another view, taken while reading in place of the list (a narrow
            # terminal), goes on reading there: a view chosen by its key shows its list.
            reading = self.has_class("-reading") and place.record_id is not None
            self._landing = (place.record_id, land)
            self.view_state = self.view_state._replace(view=place.view)
            self.set_class(reading, "-reading")
        else:
            land()

    def follow(self, record_id: str) -> None:
        """Open a record from a link: its own view when it has one, else the current list view."""
        if self.dataset is None or (record := self.dataset.get(record_id)) is None:
            return
        view = KIND_VIEWS.get(record.kind, self.view_state.view)
        if not VIEWS_BY_NAME[view].listed:  # (the overview lists nothing: the record opens in the first list)
            view = VIEWS[0].name
        self._push(Place(view, record_id))
        detail = self.query_one(DetailPane)
        reading = self.focused is detail

        def place_cursor() -> None:
            if reading and detail.link_cursor < 0:
                detail.action_link_edge(0)  # reading on in the pane: the cursor starts on its first link

        self.go_to(Place(view, record_id))
        self.call_after_refresh(place_cursor)

    def action_back(self) -> None:
        if not self.history.can_go_back:
            self.notify(S.NOTICE_HISTORY_START, timeout=2)
            return
        self._remember()
        place = self.history.back()
        if place is not None:
            self.go_to(place)

    def action_forward(self) -> None:
        if not self.history.can_go_forward:
            self.notify(S.NOTICE_HISTORY_END, timeout=2)
            return
        self._remember()
        place = self.history.forward()
        if place is not None:
            self.go_to(place)

    # --- actions ------------------------------------------------------------------------------------
    def action_view(self, view: str) -> None:
        if view not in VIEWS_BY_NAME or view == self.view_state.view:
            return
        self._push(Place(view, None))
        self.set_state(self.view_state._replace(view=view))
        self._remember()
        target = self._view_pane(view)
        if not isinstance(self.focused, Input):
            self.set_focus(target)

    def action_search(self) -> None:
        # At once, not after a refresh: keys typed right behind "/" (fast typing, a paste) must reach the
        # search box, not the screen's own bindings ("f" would open the filters).
        self.set_focus(self.query_one("#search", Input))

    def action_cycle_year(self) -> None:
        self._when_data(self._cycle_year)

    def _cycle_year(self) -> None:
        assert self.dataset is not None
        years = list(self.dataset.review_years or self.dataset.years)
        self.set_state(self.view_state._replace(year=_cycle(years, self.view_state.year)))

    def action_cycle_sort(self) -> None:
        """The current list's next sort order (the overview has none)."""
        sorts = VIEWS_BY_NAME[self.view_state.view].sorts
        if sorts:
            self.sort_view(self.view_state.view, sorts[(sorts.index(self.view_state.sort) + 1) % len(sorts)])

    def sort_view(self, view: str, sort: str) -> None:
        """Sort a view's list so (and show that view)."""
        state = self.view_state._replace(view=view) if view != self.view_state.view else self.view_state
        self.set_state(state.with_sort(sort))

    def action_cycle_programme(self) -> None:
        self._when_data(self._cycle_programme)

    def _cycle_programme(self) -> None:
        assert self.dataset is not None
        ids = [p.id for p in self.dataset.programmes]
        self.set_state(self.view_state._replace(programme=_cycle(ids, self.view_state.programme)))

    def action_clear_filters(self) -> None:
        if self.view_state.has_filters:
            self.set_state(self.view_state.cleared())
            self.notify(S.NOTICE_FILTERS_CLEARED, timeout=2)

    def action_zoom(self) -> None:
        """The focused pane alone (the list or the details), or every pane again."""
        if self.has_class("-zoom"):
            self.remove_class("-zoom", "-zoom-list", "-zoom-detail")
            return
        detail = isinstance(self.focused, DetailPane)
        self.add_class("-zoom", "-zoom-detail" if detail else "-zoom-list")
        self.remove_class("-show-filters")
        if detail:
            self.set_focus(self.query_one(DetailPane))
        elif self.view_state.view != "overview":
            self.set_focus(self.query_one(RecordList))

    def action_toggle_filters(self) -> None:
        self.remove_class("-zoom", "-zoom-list", "-zoom-detail")
        if self.has_class("-panel-on-demand"):
            self.toggle_class("-show-filters")
            if self.has_class("-show-filters"):
                self.call_after_refresh(self._refresh_facets)
                self._focus_first_facet()
            else:
                self._facets_asked = None
                self.set_focus(self.query_one(RecordList))
        else:
            self._focus_first_facet()

    def _focus_first_facet(self) -> None:
        panel = self._filters()
        if panel is None or not panel.built:
            # Before the panel is mounted, or its lists are made with the data's values, the focus goes to the
            # first list once they are (_show_facets), unless it has moved elsewhere by then.
            self._facets_asked = (self.focused,)
            return
        self._facets_asked = None
        for widget in panel.query("FacetList"):
            if widget.display:
                # The first list sits at the top: show the panel from its top (with the list's title),
                # rather than centring the list.
                self.set_focus(widget, scroll_visible=False)
                panel.scroll_home(animate=False)
                return

    def _panes(self) -> list[Widget]:
        panes: list[Widget] = []
        filters = self._filters()
        if filters is not None and filters.display and filters.region.width:
            panes += [w for w in filters.query("FacetList") if w.display]
        if self.view_state.view == "overview":
            panes.append(self._view_pane("overview"))
        elif self.has_class("-zoom-list") or (self.has_class("-narrow") and not self.has_class("-reading")):
            panes.append(self.query_one(RecordList))
        elif self.has_class("-zoom-detail") or self.has_class("-reading"):
            panes.append(self.query_one(DetailPane))
        else:
            panes += [self.query_one(RecordList), self.query_one(DetailPane)]
        return panes

    def action_pane(self, step: int) -> None:
        panes = self._panes()
        focused = self.focused
        if focused in panes:
            index = panes.index(focused) + step
        else:
            index = 0 if step > 0 else len(panes) - 1
            if isinstance(focused, Input):
                index = panes.index(self.query_one(RecordList)) if self.view_state.view != "overview" else 0
        self.set_focus(panes[index % len(panes)])

    def action_escape(self) -> None:
        focused = self.focused
        if isinstance(focused, Input):
            if focused.value:
                focused.value = ""
                self._apply_query("")
            self.set_focus(self._view_pane(self.view_state.view))
        elif isinstance(focused, DetailPane):
            self.remove_class("-zoom", "-zoom-list", "-zoom-detail")
            self._stop_reading()
        elif self.has_class("-zoom"):
            self.action_zoom()
        elif focused is not None and focused.parent is not None and focused.parent is self._filters():
            self.remove_class("-show-filters")
            self.set_focus(self.query_one(RecordList))
        elif self.view_state.query:
            self.set_state(self.view_state._replace(query=""))

    def here(self) -> str | None:
        """The record the user is on: while the list has the focus, the one under its cursor (the list moves at
        once and tells the screen with a message, which a key typed right after can overtake); else the record
        shown."""
        if isinstance(self.focused, RecordList) and (record_id := self.focused.highlighted_id) is not None:
            return record_id
        return self.current

    def highlighted_record(self) -> Record | None:
        """The record a key acts on (see here)."""
        record_id = self.here()
        if self.dataset is None or record_id is None:
            return None
        return self.dataset.get(record_id)

    def action_bookmark(self) -> None:
        self._when_data(lambda: self.post_message(BookmarkToggled(self.highlighted_record())))

    def action_copy(self) -> None:
        self._when_data(lambda: self.post_message(CopyRequested(self.highlighted_record())))

    def action_next_match(self, step: int) -> None:
        """To the next (or previous) listed record whose title the search matches."""
        if not self.view_state.query.strip():
            self.notify(S.NOTICE_NO_SEARCH, timeout=2)
        elif not self.query_one(RecordList).next_match(step):
            self.notify(S.NOTICE_NO_MORE_MATCHES, timeout=2)

    def action_open_link(self) -> None:
        self._when_data(lambda: self.post_message(LinkRequested(self.highlighted_record())))

    def action_export(self, fmt: str) -> None:
        if self.dataset is not None and self.result is not None:
            title = " · ".join([S.VIEW_LABELS[self.view_state.view], *self.view_state.describe(self.dataset)])
            self.post_message(ExportRequested(self.result.records, fmt, title))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # "/" typed in a text box is a character, not the search action.
        if action == "search":
            return not isinstance(self.focused, Input)
        if action == "cycle_sort":  # the overview has no list to sort: its key is not offered
            return bool(VIEWS_BY_NAME[self.view_state.view].sorts)
        return True
