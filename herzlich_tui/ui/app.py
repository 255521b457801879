"""The herzlich-tui application: loads the data in a worker, owns settings, state and bookmarks, and
offers its actions in the command palette."""

from __future__ import annotations

import contextlib
import gc
import threading
import time
from collections.abc import Callable, Iterable, Sequence
from contextlib import ExitStack
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from textual import events, work
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.notifications import SeverityLevel
from textual.screen import Screen
from textual.worker import get_current_worker

from herzlich_tui import cache, paths
from herzlich_tui import strings as S
from herzlich_tui.browse import snapshot
from herzlich_tui.browse.rows import Row, RowList, row_values
from herzlich_tui.browse.spec import FACETS, VIEWS, VIEWS_BY_NAME
from herzlich_tui.browse.state import ViewState, checked_sorts
from herzlich_tui.bulk import Cancelled, IdleCollector, freeze_loaded, paused_gc
from herzlich_tui.i18n import choose_language, language_from, number, set_language
from herzlich_tui.loading.files import data_roots
from herzlich_tui.settings import Bookmark, Settings, State, StateStore
from herzlich_tui.textsafe import safe_line, safe_text
from herzlich_tui.ui import textual_fixes  # noqa: F401  (work-arounds for Textual bugs that froze the app)
from herzlich_tui.ui.commands import COMMANDS, Key, Spoken, help_lines, key_bindings, sort_commands
from herzlich_tui.ui.kept_css import KeptStylesheet
from herzlich_tui.ui.messages import (
    BookmarkRemoved,
    BookmarkToggled,
    CopyRequested,
    DataGlimpsed,
    DataLoaded,
    ExportRequested,
    GlimpseLeft,
    LinkRequested,
    LoadProgress,
    StateChanged,
    percent,
)
from herzlich_tui.ui.screens.main import MainScreen, Startup

# The loader, the model and the search index are imported where they are used: after the first frame (by
# the worker that loads the data), or before it only when there is nothing kept to show (see on_mount).
# (docs/performance.md, the first frame.)
if TYPE_CHECKING:
    from textual.command import Provider

    from herzlich_tui.loading import LoadResult
    from herzlich_tui.model import Dataset, Record
    from herzlich_tui.search import SearchIndex, Searching

__all__ = ["HerzlichApp", "run"]


# Data files this small (the shipped reviews are 60 KB) are read before the first frame when nothing was
# kept from a last run: tens of milliseconds, and the first frame shows the data instead of "Loading".
SYNC_LOAD_BYTES = 1_000_000
# The loader's progress reaches the screen at most this often (seconds), and when its percentage changes.
PROGRESS_EVERY = 0.2
IDLE_CHECK = 0.5  # seconds: how often the app looks whether a full collection is due and the user idle
SWITCH_INTERVAL = 0.0005  # seconds a thread may hold the interpreter while another waits (Python: 0.005)

_imports_frozen = False  # gc.freeze() once per process (see freeze_imports)


def _record_provider() -> type[Provider]:
    """The palette's provider of records (imported when the palette opens)."""
    from herzlich_tui.ui.providers import RecordProvider

    return RecordProvider


def freeze_imports() -> None:
    """Move what the imports made (modules, classes: they live as long as the process) out of the cycle
    collector's walks, once per process: by the command line as soon as it has imported the interface,
    else as the app starts (HerzlichApp.on_load)."""
    global _imports_frozen
    if not _imports_frozen:
        _imports_frozen = True
        gc.freeze()


class Underneath(Screen[None]):
    """The app's first screen: the main screen is pushed on it as start-up ends, and it is never seen. Textual
    styles a screen again when it is shown; for this one, that would only delay the first frame."""

    def on_screen_resume(self, event: events.ScreenResume) -> None:
        event.refresh_styles = False


class HerzlichApp(Spoken, App[int]):
    """Browse the reviews: timeline, projects, people, networks and an overview."""

    TITLE = S.APP_TITLE
    CSS_PATH = "herzlich.tcss"
    COMMANDS = App.COMMANDS | {_record_provider}
    KEYS = (
        Key("q", "quit", "ACTION_QUIT"),
        Key("question_mark", "help", "ACTION_HELP"),
        Key("ctrl+p", "command_palette", "ACTION_PALETTE"),
        Key("ctrl+z", "suspend_process", "ACTION_SUSPEND"),
    )
    BINDINGS = key_bindings(*KEYS)

    def __init__(
        self,
        *,
        extra: Sequence[Path] = (),
        view: str | None = None,
        year: int | None = None,
        programme: str | None = None,
        search: str | None = None,
        store: StateStore | None = None,
        roots: Sequence[tuple[Path, str]] | None = None,
        export_dir: Path | None = None,
        cache_dir: Path | bool | None = True,
    ) -> None:
        super().__init__()
        # True: the user cache folder; None or False: no cache; a Path: that folder.
        self.cache_dir: Path | None = paths.cache_dir() if cache_dir is True else (cache_dir or None)
        if self.cache_dir is not None:
            # (The variables of the stylesheet App made, rather than working them out again.)
            self.stylesheet = KeptStylesheet(self.cache_dir, variables=self.stylesheet._variables)
        self.roots = list(roots) if roots is not None else data_roots(extra)
        self.store = store or StateStore()
        self.export_dir = export_dir or Path.cwd()
        self.settings: Settings = self.store.load_settings()
        self.saved: State = self.store.load_state()
        self._wanted_programme = programme
        self._start = ViewState(
            view=view or (self.saved.view if self.saved.view in VIEWS_BY_NAME else "timeline"),
            year=year if year is not None else self.saved.year,
            programme=None if programme is not None else (self.saved.programme or None),
            query=safe_line(search) if search else "",  # (shown in the search box and the header)
            sorts=checked_sorts(self.saved.sorts),
        )
        # Filters given on the command line hold for this run: they are not kept for the next one unless the
        # user changes them here (then what they chose is kept).
        self._one_off: dict[str, object] = {name: value for name, value in (("year", year),) if value is not None}
        # Filters the last run left, not asked for on the command line: the header says they are restored.
        self._restored = (year is None and self.saved.year is not None) or (
            programme is None and bool(self.saved.programme)
        )
        self.main: MainScreen  # made in on_mount, with what the first frame shows
        self._preloaded: LoadResult | None = None  # small data read before the first frame
        self.dataset: Dataset | None = None
        self.search_index: SearchIndex | None = None
        # The data on screen and what answers its searches: its index, or while that is built after a
        # reload, the interim one (see _loaded_without_index).
        self._answered: tuple[Dataset | None, Searching | None] = (None, None)
        self.load_result: LoadResult | None = None
        self.bookmarks: list[Bookmark] = list(self.saved.bookmarks)
        self._pending_state: ViewState | None = None
        self._startup_gc: ExitStack | None = None
        self._collector = IdleCollector()
        self._input_at = time.monotonic()
        self._fingerprint: tuple | None = None  # of the data files, taken as the app starts (see on_mount)
        self._reloading = False  # a reload is under way (its data is told when it arrives)
        self._watching = False
        self._stop_watching = threading.Event()
        if self.settings.theme in self.available_themes:
            self.theme = self.settings.theme

    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity: SeverityLevel = "information",
        timeout: float | None = None,
        markup: bool = False,
    ) -> None:
        """Show a notice. Notices quote titles, paths and values from the user's files, so they are never
        read as markup (a title "[/]" would break the toast, "[@click=app.quit]" would make it quit the app)
        and pass the sanitiser (an escape sequence from a hand-edited state file would reach the terminal).
        A message said while loading (strings.Said) is said in the language of the moment it is shown."""
        super().notify(
            safe_text(str(message)), title=safe_line(title), severity=severity, timeout=timeout, markup=False
        )

    def action_help_quit(self) -> None:
        """ctrl+c, which quits most terminal programs: say which key quits this one (Textual's own notice
        holds markup, which our notices show as it is)."""
        self.notify(S.NOTICE_QUIT_KEY, title=S.NOTICE_QUIT_TITLE, timeout=4)

    # --- start-up -----------------------------------------------------------------------------------
    def get_default_screen(self) -> Screen:
        return Underneath(id="_default")

    def on_load(self) -> None:
        """The app is starting. Until its first frame is on screen, the cycle collector is paused: building
        the first screen makes tens of thousands of objects and next to no garbage, and each collection in
        between walked every object alive (a run of the oldest generation is a large share of the time to
        the first frame). What the imports made (modules, classes) lives as long as the process: it is moved
        out of the collector's walks at the first start, so that later collections do not walk it again."""
        freeze_imports()
        self._startup_gc = ExitStack()
        self._startup_gc.enter_context(paused_gc())

    def _end_startup_gc_pause(self) -> None:
        if self._startup_gc is not None:
            self._startup_gc.close()
            self._startup_gc = None

    def on_mount(self) -> None:
        # One look at the data files serves the questions below and the cache (see load_data).
        key = self._fingerprint = cache.fingerprint(self.roots)
        # The list kept from the last run (a small file, read in milliseconds) is on the first frame; on a
        # first start with the shipped data alone, the list worked out for it ahead.
        kept = None
        if self.cache_dir is not None:
            kept = snapshot.read_snapshot(self.cache_dir, self.roots, self._start.key, key)
        if kept is None:
            kept = snapshot.read_shipped_snapshot(self._start.key, key)
        size = cache.data_size(key)
        if kept is None and size is not None and size <= SYNC_LOAD_BYTES:
            # Little data and nothing kept: reading it takes milliseconds, so the first frame shows it.
            from herzlich_tui.loading.loader import load

            self._preloaded = load(self.roots)
            self._take(self._preloaded)
            self._start = self._checked(self._start)
        rows = (RowList(Row(*row) for row in kept[0]), kept[1]) if kept is not None else None
        problems = len(self.load_result.problems) if self.load_result is not None else 0
        marked = frozenset(b.id for b in self.bookmarks)
        self.main = MainScreen(
            Startup(
                self._start,
                rows,
                self.dataset,
                problems=problems,
                restored=self._restored,
                bookmarked=marked,
                record=self.saved.record or None,
            )
        )
        for notice in self.store.notices:
            self.notify(notice, severity="warning", timeout=8)
        self.store.notices.clear()
        # The screen is pushed once start-up is over: Textual throws away what a screen renders while the
        # app is still mounting, and the first frame then waited for the terminal's size report to be drawn
        # again.
        self.call_later(self._show_main)
        self._stop_on_signals()

    def _stop_on_signals(self) -> None:
        """SIGTERM, SIGHUP (the terminal went away) and SIGQUIT end the app as q does: the state is saved
        and the terminal restored (alternate screen and mouse reporting off), not left broken."""
        import asyncio
        import signal

        loop = asyncio.get_running_loop()
        for name in ("SIGTERM", "SIGHUP", "SIGQUIT"):
            number = getattr(signal, name, None)
            if number is not None:
                with contextlib.suppress(NotImplementedError, RuntimeError, ValueError):
                    loop.add_signal_handler(number, self._stop_for_signal)

    def _stop_for_signal(self) -> None:
        if self._pending_state is not None or getattr(self, "main", None) is not None:
            with contextlib.suppress(Exception):
                self._write_state()
        self.exit(0)

    def _show_main(self) -> None:
        self.push_screen(self.main)
        # Loading starts once the frame is on screen: reading a large cache holds the interpreter for long
        # stretches, and the first frame should not wait for it.
        self.call_after_refresh(self._end_startup_gc_pause)
        self.call_after_refresh(self._collect_when_idle_from_now)
        self.call_after_refresh(self.load_data)
        self.call_after_refresh(self._keep_css)  # (after the loader has started: a first start writes the file)

    def _keep_css(self) -> None:
        if isinstance(self.stylesheet, KeptStylesheet):
            self.stylesheet.keep()

    def _collect_when_idle_from_now(self) -> None:
        """From now on, the oldest generation is collected while the user is idle (bulk.IdleCollector)."""
        self._collector.defer()
        self.set_interval(IDLE_CHECK, self._collect_when_idle)

    def _collect_when_idle(self) -> None:
        self._collector.collect_if_due(time.monotonic() - self._input_at)

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, events.InputEvent):
            self._input_at = time.monotonic()
        await super().on_event(event)

    @work(thread=True, exclusive=True, group="load")
    def load_data(self) -> None:
        worker = get_current_worker()
        if self._fingerprint is None:  # (a reload: the files as they are now)
            self._fingerprint = cache.fingerprint(self.roots)
        query = self.main.view_state.query.strip()
        with paused_gc():
            try:
                loaded = cache.load_indexed(
                    self.roots,
                    self.cache_dir,
                    self._loaded_without_index,
                    result=self._preloaded,
                    key=self._fingerprint,
                    # The app quits: reading and indexing stop within moments, instead of holding the
                    # process (and a blank terminal) until they end; what the cache kept by then stays.
                    cancelled=lambda: worker.is_cancelled,
                    progress=self._progress_reporter(),
                    # (A reload parses only the files saved since the data on screen was loaded.)
                    reuse=self.load_result.parts if self.load_result is not None else None,
                    # (A first start that searches shows the matches of the files holding its words first.)
                    glimpsed=(query, self._glimpsed) if query and self.load_result is None else None,
                )
            except Cancelled:
                return
            # What the screen threw away while the collector was paused (cycles of a few MB) is frozen with
            # the data: collecting first would walk every object, a second's stall just as the data
            # appears, and this happens once per load.
            freeze_loaded(len(loaded.result.dataset))
        if loaded.notice:
            self.call_from_thread(self.notify, loaded.notice, severity="warning", timeout=8)
        self.post_message(DataLoaded(loaded.result, loaded.index))

    def _glimpsed(self, result: LoadResult) -> None:
        """The files that hold the search's words are loaded: their matches are shown while the rest loads."""
        from herzlich_tui.search import SearchIndex

        self.post_message(DataGlimpsed(result, SearchIndex(result.dataset)))

    def on_data_glimpsed(self, message: DataGlimpsed) -> None:
        if self.dataset is None:  # (not when the whole data came first)
            self.main.show_glimpse(message.result.dataset, message.index)

    def on_glimpse_left(self, _message: GlimpseLeft) -> None:
        if not self.main.glimpse:
            return
        if self.dataset is None:
            self.main.end_glimpse()
        else:  # (the whole data is there, its index not yet)
            self.main.set_data(self.dataset, self._answered[1], interim=self.search_index is None)

    def _loaded_without_index(self, result: LoadResult) -> None:
        """The data is loaded and its search index is being built: show the data meanwhile. Loaded again
        (a saved file), the search keeps answering from the last index for the records that did not change
        and from an index of the changed ones (interim.py)."""
        interim = None
        last, answering = self._answered  # (one pair: the screen's thread replaces it whole)
        if last is not None and answering is not None:
            from herzlich_tui.interim import interim_index

            interim = interim_index(result.dataset, last, answering)
        self.post_message(DataLoaded(result, None, interim))

    def action_reload(self) -> None:
        """Load the data files again (ctrl+r; and when a watched file is saved): the view, filters and
        cursor stay; new problems are told, and ! lists them."""
        if self.dataset is None:
            return  # (the first load is still under way)
        self._preloaded = None
        self._fingerprint = None
        self._reloading = True
        self.load_data()

    def _watch_files(self) -> None:
        """Watch the user's data files (the user data folder, each --data) once the data has loaded, and
        reload when one is saved."""
        from herzlich_tui.loading.watch import watched_roots

        roots = watched_roots(self.roots)
        if roots and not self._watching:
            self._watching = True
            # A thread of its own, not a worker: it runs for as long as the app, and waiting for the app's
            # workers to finish (tests do) must not wait for it.
            threading.Thread(target=self._watch, args=(roots,), name="herzlich-watch", daemon=True).start()

    def _watch(self, roots: list[Path]) -> None:
        from herzlich_tui.loading.watch import watch_data

        def changed(_paths: set[Path]) -> None:
            with contextlib.suppress(RuntimeError):  # (the app has ended meanwhile)
                self.call_from_thread(self.action_reload)

        # (No watching where the system refuses it, out of inotify watches say: ctrl+r still works.)
        with contextlib.suppress(OSError, RuntimeError):
            watch_data(roots, changed, self._stop_watching)

    def _progress_reporter(self) -> Callable[[int, int], None]:
        """What the loader tells of its progress, sent to the screen when the percentage changes, at most
        every PROGRESS_EVERY seconds (and always at the end of the files). The screen shows a number rather
        than an animation: an animated indicator redrew the whole screen 16 times a second for as long as a
        large load took, which slowed the load and left garbage behind (docs/performance.md)."""
        last = (-1, 0.0)

        def report(done: int, total: int) -> None:
            nonlocal last
            share = percent(done, total)
            now = time.monotonic()
            if done >= total or (share != last[0] and now - last[1] >= PROGRESS_EVERY):
                last = (share, now)
                self.post_message(LoadProgress(done, total))

        return report

    def on_load_progress(self, message: LoadProgress) -> None:
        self.main.show_progress(message.percent, done=message.done >= message.total)

    def _keep_snapshot(self) -> None:
        """Keep the list on screen for the next start (see browse.snapshot)."""
        main = self.main
        result = main.result
        if self.cache_dir is None or result is None or result.state.view == "overview" or main.glimpse:
            return  # (the first answer to a search is not the list of the whole data)
        rows = map(row_values, result.rows)  # (made as the cache reads them: its first rows only)
        counts = (result.shown, result.total)
        snapshot.write_snapshot(self.cache_dir, self.roots, result.state.key, rows, counts, self._fingerprint)

    def on_data_loaded(self, message: DataLoaded) -> None:
        """Loaded data (and its search index, or None while it is being built) to the screen."""
        result, index = message.result, message.index
        if self.dataset is result.dataset:
            # The same data again, now with its search index (built after the data was shown).
            self.search_index = index
            self._answered = (result.dataset, index)
            if index is not None:
                if self.main.dataset is result.dataset:
                    self.main.set_index(index)
                else:  # (the first answer to the search was shown until now: see below)
                    self.main.set_data(result.dataset, index)
                self._watch_files()
            return
        wanted = self._take(result)
        self.search_index = index
        self._answered = (result.dataset, index or message.interim)
        if self._reloading:
            self._reloading = False
            self.notify(S.NOTICE_RELOADED.format(records=number(len(result.dataset))), timeout=3)
        state = self.main.view_state if wanted is None else self.main.view_state._replace(programme=wanted)
        checked = self._checked(state)
        if checked != self.main.view_state:
            self.main.view_state = checked
        if self.main.glimpse and index is None:
            self.main.glimpse_loaded()  # (the first answer to the search stays until the index can answer)
        elif index is None and message.interim is not None:
            self.main.set_data(result.dataset, message.interim, interim=True)
        else:
            self.main.set_data(result.dataset, index)
        self.main.show_problems(len(result.problems))

    def _checked(self, state: ViewState) -> ViewState:
        """The state without the filters the data does not hold (a year from the command line or the last
        run that no record belongs to), each told in a notice; such a filter is not kept either."""
        from herzlich_tui.browse.state import check_state

        assert self.dataset is not None
        checked, notices = check_state(self.dataset, state)
        for notice in notices:
            self.notify(notice, severity="warning", timeout=8)
        for name in ("year", "programme"):
            if getattr(checked, name) != getattr(state, name):
                self._one_off.pop(name, None)
                self.saved = self.saved._replace(**{name: getattr(State(), name)})
        return checked

    def _take(self, result: LoadResult) -> str | None:
        """Keep loaded data and say what is wrong with it; the programme asked for on the command line, as
        it resolves in the data (None: none was asked for, or none fits), goes into the start state."""
        self.load_result = result
        self.dataset = result.dataset
        found = None
        if self._wanted_programme is not None:
            from herzlich_tui.browse.engine import resolve_programme

            found = resolve_programme(result.dataset, self._wanted_programme)
            if found is None:
                self.notify(S.NOTICE_UNKNOWN_PROGRAMME.format(value=self._wanted_programme), severity="warning")
            else:
                self._start = self._start._replace(programme=found)
                self._one_off["programme"] = found
            self._wanted_programme = None
        if result.problems:
            self.notify(
                S.LOADED_WITH_PROBLEMS.format(count=number(len(result.problems))), severity="warning", timeout=10
            )
        return found

    # --- the interface's language ---------------------------------------------------------------------
    def action_language(self) -> None:
        """Choose the interface's language (the palette's "Sprache / Language")."""
        from textual.command import SimpleCommand

        environment = S.LANGUAGE_NAMES[language_from()]
        chosen = self.settings.language

        def now(setting: str) -> str:
            return S.PALETTE_LANGUAGE_NOW if setting == chosen else ""

        choices = [
            SimpleCommand(S.LANGUAGE_NAMES["de"], partial(self.speak, "de"), now("de")),
            SimpleCommand(S.LANGUAGE_NAMES["en"], partial(self.speak, "en"), now("en")),
            SimpleCommand(
                S.PALETTE_LANGUAGE_ENVIRONMENT.format(language=environment), partial(self.speak, ""), now("")
            ),
        ]
        self.search_commands(choices, placeholder=S.PALETTE_LANGUAGE_PLACEHOLDER)

    def speak(self, language: str) -> None:
        """Speak `language` ("de", "en"; "" for the environment's) from now on, in every screen at once,
        and keep the choice for the next start."""
        set_language(choose_language(language))
        if language != self.settings.language:
            self.settings = self.settings._replace(language=language)
            self._save_settings()
        self.relabel()
        for screen in self.screen_stack:
            for node in screen.walk_children(with_self=True):
                if isinstance(node, Spoken):
                    node.relabel()
        self.refresh_bindings()
        self.notify(S.NOTICE_LANGUAGE, timeout=3)

    def action_command_palette(self) -> None:
        """The command palette, with a placeholder in the interface's words."""
        from textual.command import CommandPalette

        if self.use_command_palette and not any(isinstance(screen, CommandPalette) for screen in self.screen_stack):
            self.push_screen(CommandPalette(id="--command-palette", placeholder=S.PALETTE_PLACEHOLDER))

    def search_themes(self) -> None:
        from textual.command import CommandPalette
        from textual.theme import ThemeProvider

        self.push_screen(CommandPalette(providers=[ThemeProvider], placeholder=S.PALETTE_THEME_PLACEHOLDER))

    def action_screenshot_file(self) -> None:
        """Save a picture of the screen (SVG) in the export folder, and say where."""
        path = self.save_screenshot(path=str(self.export_dir))
        self.notify(S.NOTICE_SCREENSHOT.format(path=path), timeout=6)

    # --- settings and state -------------------------------------------------------------------------
    def watch_theme(self, theme: str) -> None:
        if getattr(self, "settings", None) is not None and theme != self.settings.theme:
            self.settings = self.settings._replace(theme=theme)
            self._save_settings()

    def _save_settings(self) -> None:
        self.store.save_settings(self.settings)
        self._flush_notices()

    def on_state_changed(self, message: StateChanged) -> None:
        """Remember the view and filters; written at most about once a second and on exit."""
        for name, value in list(self._one_off.items()):
            if getattr(message.state, name) != value:
                del self._one_off[name]  # the user chose another: that one is kept
        first = self._pending_state is None
        self._pending_state = message.state
        if first:
            self.set_timer(1.0, self._write_state)

    def _write_state(self) -> None:
        self._save_state()
        self._show_bookmarks()
        self._flush_notices()

    def _save_state(self) -> None:
        """Save the view, the filters and the bookmarks; the bookmarks become those saved, merged with what
        another window saved meanwhile."""
        state = self._pending_state or self.main.view_state
        self._pending_state = None
        self.store.save_state(
            State(
                view=state.view,
                year=self.saved.year if "year" in self._one_off else state.year,
                programme=self.saved.programme if "programme" in self._one_off else state.programme or "",
                sorts=state.sorts,
                record=self.main.here() or "",
                bookmarks=tuple(self.bookmarks),
            )
        )
        if self.store.saved is not None:
            self.bookmarks = list(self.store.saved.bookmarks)

    def _show_bookmarks(self) -> None:
        if getattr(self, "main", None) is not None and self.main.is_mounted:
            self.main.show_bookmarks({b.id for b in self.bookmarks})

    def _flush_notices(self) -> None:
        for notice in self.store.notices:
            self.notify(notice, severity="warning", timeout=8)
        self.store.notices.clear()

    async def action_quit(self) -> None:
        self._write_state()
        self._keep_snapshot()
        self.exit(0)

    def on_unmount(self) -> None:
        self._stop_watching.set()
        self._end_startup_gc_pause()
        self._collector.restore()
        if self._pending_state is not None:
            self._save_state()  # (the screens are being taken down: nothing is shown any more)

    # --- records ------------------------------------------------------------------------------------
    def open_record(self, record_id: str) -> None:
        if self.screen is not self.main:
            self.pop_screen()
        self.main.follow(record_id)

    def on_bookmark_toggled(self, message: BookmarkToggled) -> None:
        record = message.record
        if self._still_loading(record):
            return
        if record is None or self.dataset is None:
            self.notify(S.NOTICE_NOTHING_SELECTED, timeout=2)
            return
        label = self.dataset.title_of(record)
        if any(b.id == record.id for b in self.bookmarks):
            self.bookmarks = [b for b in self.bookmarks if b.id != record.id]
            self.notify(S.NOTICE_UNBOOKMARKED.format(label=label), timeout=2)
        else:
            self.bookmarks.append(Bookmark(record.id, label, record.kind))
            self.notify(S.NOTICE_BOOKMARKED.format(label=label), timeout=2)
        self._write_state()

    def _still_loading(self, record: Record | None) -> bool:
        """Whether a record of the first matches (shown while the data loads) is asked for: that waits
        for the data, and the user is told so."""
        if record is not None and self.dataset is None:
            self.notify(S.NOTICE_STILL_LOADING, timeout=3)
            return True
        return False

    def on_bookmark_removed(self, message: BookmarkRemoved) -> None:
        self.bookmarks = [b for b in self.bookmarks if b.id != message.record_id]
        self._write_state()

    def action_bookmarks(self) -> None:
        if not self.bookmarks:
            self.notify(S.NOTICE_NO_BOOKMARKS, timeout=3)
            return
        dataset = self.dataset
        labels = {b.id: dataset.title_of(r) for b in self.bookmarks if dataset and (r := dataset.get(b.id))}

        def chosen(record_id: str | None) -> None:
            if record_id:
                self.main.follow(record_id)

        from herzlich_tui.ui.screens.dialogs import BookmarksScreen  # dialogs: not on the start-up path

        self.push_screen(BookmarksScreen(self.bookmarks, labels), chosen)

    def on_copy_requested(self, message: CopyRequested) -> None:
        record = message.record
        if self._still_loading(record):
            return
        if record is None or self.dataset is None:
            self.notify(S.NOTICE_NOTHING_SELECTED, timeout=2)
            return
        from herzlich_tui.browse.pages import blocks_for, blocks_to_text

        text = blocks_to_text(blocks_for(self.dataset, record.id))
        label = self.dataset.title_of(record)
        if copy_with_tool(text):
            self.notify(S.NOTICE_COPIED.format(label=label), timeout=3)
        else:
            # Only the terminal can take it then (OSC 52), and not every terminal does: say so.
            self.copy_to_clipboard(text)
            self.notify(S.NOTICE_COPIED_TO_TERMINAL.format(label=label), timeout=5)

    def on_link_requested(self, message: LinkRequested) -> None:
        record = message.record
        if self._still_loading(record):
            return
        if record is None or self.dataset is None:
            self.notify(S.NOTICE_NOTHING_SELECTED, timeout=2)
            return
        url = str(getattr(record, "url", "") or "")
        if not url:
            self.notify(S.NOTICE_NO_LINK.format(label=self.dataset.title_of(record)), timeout=3)
            return
        self._open_link(url)

    @work(thread=True, group="browser")
    def _open_link(self, url: str) -> None:
        """Open a web address in a graphical browser (a text browser would take over this terminal)."""
        opened = open_in_browser(url)
        notice = (S.NOTICE_LINK_OPENED if opened else S.NOTICE_LINK_NOT_OPENED).format(url=url)
        self.call_from_thread(self.notify, notice, timeout=6 if opened else 12)

    def on_export_requested(self, message: ExportRequested) -> None:
        self.export_view(message.records, message.format, message.title)

    def export_view(self, records: Sequence[Record], fmt: str, title: str) -> Path | None:
        """Write the current view's records to a file in the export folder; notify where it went."""
        if self.dataset is None or self.main.glimpse:
            self.notify(S.NOTICE_STILL_LOADING, timeout=3)  # (the first matches are not the whole answer)
            return None
        from herzlich_tui.browse.report import export  # only when asked: not on the start-up path
        from herzlich_tui.export import with_sources

        chosen = with_sources(self.dataset, list(records))
        from herzlich_tui.output import unused_name, write_output

        suffix = "md" if fmt == "md" else fmt
        # A new file every time (two exports in one second get -2, -3, ...): the app never overwrites one.
        path = unused_name(self.export_dir / f"herzlich-{time.strftime('%Y%m%d-%H%M%S')}.{suffix}")
        try:
            self.export_dir.mkdir(parents=True, exist_ok=True)
            write_output(path, export(self.dataset, chosen, fmt, title=f"{S.APP_TITLE}: {title}").encode("utf-8"))
        except OSError as error:
            self.notify(S.NOTICE_EXPORT_FAILED.format(path=path, error=error.strerror or error), severity="error")
            return None
        self.notify(S.NOTICE_EXPORTED.format(count=number(len(chosen)), path=path), timeout=6)
        return path

    def action_problems(self) -> None:
        problems = self.load_result.problems if self.load_result else []
        if not problems:
            self.notify(S.NOTICE_NO_PROBLEMS, timeout=3)
            return
        from herzlich_tui.ui.screens.dialogs import ProblemsScreen

        self.push_screen(ProblemsScreen(problems))

    def action_help(self) -> None:
        from herzlich_tui.ui.screens.dialogs import HelpScreen

        if isinstance(self.screen, HelpScreen):
            return
        self.push_screen(HelpScreen(help_lines(lambda key: self.get_key_display(Binding(key, "")))))

    # --- command palette ----------------------------------------------------------------------------
    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        # Textual's own (theme, quit, keys, screenshot) in the interface's words; its keys panel lists
        # every widget's bindings in its own English, so the palette offers the help screen instead.
        yield SystemCommand(S.PALETTE_LANGUAGE, S.PALETTE_LANGUAGE_HELP, self.action_language)
        yield SystemCommand(S.PALETTE_THEME, S.PALETTE_THEME_HELP, self.action_change_theme)
        yield SystemCommand(S.ACTION_QUIT, S.PALETTE_QUIT_HELP, self.action_quit)
        yield SystemCommand(S.PALETTE_HELP, S.PALETTE_HELP_HELP, self.action_help)
        yield SystemCommand(
            S.PALETTE_SCREENSHOT, S.PALETTE_SCREENSHOT_HELP, lambda: self.set_timer(0.1, self.action_screenshot_file)
        )
        main = self.main
        for view in VIEWS:
            yield SystemCommand(
                S.PALETTE_VIEW.format(view=view.label), S.PALETTE_VIEW_HELP, partial(main.action_view, view.name)
            )
        for title, view_name, sort in sort_commands():
            yield SystemCommand(title, S.PALETTE_SORT_HELP, partial(main.sort_view, view_name, sort), discover=False)
        if self.dataset is not None:
            for facet in FACETS:
                values: list[tuple[object, str]]
                if facet.names is None:
                    values = [(value, str(value)) for value in self.dataset.facet_domain(facet.index)]
                else:
                    values = [(record.id, record.label) for record in self.dataset.of_kind(facet.names)]
                for value, label in values:
                    yield SystemCommand(
                        facet.palette.format(name=literal(label)),
                        S.PALETTE_FILTER_HELP,
                        partial(self._set_facet, facet.name, value),
                        discover=facet.every,
                    )
        yield SystemCommand(S.ACTION_CLEAR, S.PALETTE_CLEAR_HELP, main.action_clear_filters)
        for command in COMMANDS:
            if command.palette:
                yield SystemCommand(command.label(), command.help(), partial(main.run_action, command.action))

    def _set_facet(self, facet: str, value: object) -> None:
        self.main.set_state(self.main.view_state.with_facet(facet, value))


def literal(text: str) -> str:
    """Data text for a place that reads markup (the palette's titles): every "[" escaped, so that no
    name, "[/" unclosed among them, is read as a tag (textual.markup.escape leaves some)."""
    return safe_line(text).replace("[", "\\[")


# Clipboard tools, tried in order where present: what they are given is on the clipboard for sure.
CLIPBOARD_TOOLS = (("wl-copy",), ("xclip", "-selection", "clipboard"), ("xsel", "--clipboard", "--input"), ("pbcopy",))


def copy_with_tool(text: str) -> bool:
    """Put text on the system clipboard with the first clipboard tool that works here; False when none
    does (no display, no tool)."""
    import os
    import shutil
    import subprocess
    import sys

    for command in CLIPBOARD_TOOLS:
        needs_display = command[0] != "pbcopy"
        if (
            needs_display
            and sys.platform != "darwin"
            and not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))
        ):
            continue
        if shutil.which(command[0]) is None:
            continue
        try:
            done = subprocess.run(command, input=text.encode("utf-8"), timeout=2, check=False, capture_output=True)
        except (OSError, subprocess.SubprocessError):
            continue
        if done.returncode == 0:
            return True
    return False


def open_in_browser(url: str) -> bool:
    """Open a web address in the user's graphical browser; False where there is none to open (no display:
    Python would start a text browser inside this very terminal) or it failed."""
    import os
    import sys
    import webbrowser

    if sys.platform not in ("darwin", "win32") and not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")):
        return False
    try:
        return webbrowser.open(url, new=2)
    except webbrowser.Error:
        return False


def run(
    *,
    extra: Sequence[Path] = (),
    view: str | None = None,
    year: int | None = None,
    programme: str | None = None,
    search: str | None = None,
) -> int:
    """Run the app in the terminal; returns the exit code."""
    import sys

    # Python hands the interpreter from a busy thread to a waiting one every 5 ms. The interface waits for
    # it while a worker computes a list or its counts: at every handover, a key's frame waited up to 5 ms.
    interval = sys.getswitchinterval()
    sys.setswitchinterval(SWITCH_INTERVAL)
    try:
        app = HerzlichApp(extra=extra, view=view, year=year, programme=programme, search=search)
        code = app.run()
    finally:
        sys.setswitchinterval(interval)
    return int(code or 0)
