"""Modal screens: keys (help), bookmarks and data problems. Each closes with escape."""

from __future__ import annotations

from collections.abc import Sequence

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Label, Static
from textual.widgets.option_list import Option

from herzlich_tui import strings as S
from herzlich_tui.loading import Problem
from herzlich_tui.settings import Bookmark
from herzlich_tui.textsafe import safe_line
from herzlich_tui.ui.commands import Key, Spoken, key_bindings
from herzlich_tui.ui.messages import BookmarkRemoved
from herzlich_tui.ui.widgets.option_list import OptionList

__all__ = ["BookmarksScreen", "HelpScreen", "ProblemsScreen"]

_DIALOG_CSS = """
{name} {{
    align: center middle;
    background: $background 60%;
}}
{name} > Vertical {{
    width: 90%;
    max-width: 110;
    height: 85%;
    border: round $accent;
    background: $surface;
    padding: 0 1;
}}
{name} .dialog--title {{ text-style: bold; color: $accent; width: 1fr; }}
{name} .dialog--hint {{ color: $text-muted; width: 1fr; }}
"""


class HelpScreen(Spoken, ModalScreen[None]):
    """The keys that work on the main screen (ui/commands.py) by section, with a short introduction. A line
    without a key is a section's title."""

    DEFAULT_CSS = _DIALOG_CSS.format(name="HelpScreen")
    KEYS = (Key("escape,q,question_mark", "dismiss", "ACTION_CLOSE", show=True),)
    BINDINGS = key_bindings(*KEYS)

    def __init__(self, keys: Sequence[tuple[str, str]]) -> None:
        super().__init__()
        self.keys = list(keys)

    def compose(self) -> ComposeResult:
        table = Table(box=None, show_header=False, pad_edge=False)
        table.add_column(style="bold", no_wrap=True)
        table.add_column()
        for key, description in self.keys:
            if key:
                table.add_row(Text(key), Text(description))
            else:  # a section's title, after a blank line
                if table.row_count:
                    table.add_row("", "")
                table.add_row(Text(""), Text(description, style="bold underline"))
        with Vertical():
            yield Label(S.HELP_TITLE, classes="dialog--title")
            with VerticalScroll():
                yield Static(Text(S.HELP_INTRO), classes="dialog--intro")
                yield Static(table)
            yield Label(S.HELP_HINT, classes="dialog--hint")


class BookmarksScreen(Spoken, ModalScreen[str | None]):
    """The user's bookmarks; enter opens one (the screen returns its id), d removes one."""

    DEFAULT_CSS = (
        _DIALOG_CSS.format(name="BookmarksScreen") + "BookmarksScreen OptionList { height: 1fr; border: none; }"
    )
    KEYS = (
        Key("escape", "dismiss(None)", "ACTION_CLOSE", show=True),
        Key("d,delete", "remove", "ACTION_REMOVE", show=True),
    )
    BINDINGS = key_bindings(*KEYS)

    def __init__(self, bookmarks: Sequence[Bookmark], labels: dict[str, str]) -> None:
        super().__init__()
        self.bookmarks = list(bookmarks)
        self.labels = labels

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(S.BOOKMARKS_TITLE, classes="dialog--title")
            yield OptionList(*self._options(), id="bookmarks")
            yield Label(S.BOOKMARKS_HINT, classes="dialog--hint")

    def _options(self) -> list[Option]:
        options = []
        for mark in self.bookmarks:
            text = Text(f"{S.KIND_LABELS.get(mark.kind, mark.kind):<13}", style="dim")
            label = self.labels.get(mark.id)
            text.append(safe_line(label if label is not None else mark.label))  # (state.toml may hold anything)
            if label is None:
                text.append(" " + S.BOOKMARK_GONE, style="italic dim")
            options.append(Option(text, id=mark.id))
        return options

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        if event.option.id in self.labels:
            self.dismiss(event.option.id)

    def action_remove(self) -> None:
        options = self.query_one(OptionList)
        index = options.highlighted
        if index is None:
            return
        mark = self.bookmarks.pop(index)
        self.post_message(BookmarkRemoved(mark.id))
        options.clear_options()
        options.add_options(self._options())
        if self.bookmarks:
            options.highlighted = min(index, len(self.bookmarks) - 1)


class ProblemsScreen(Spoken, ModalScreen[None]):
    """Every problem found while loading, as path:line: field: message."""

    DEFAULT_CSS = _DIALOG_CSS.format(name="ProblemsScreen") + "ProblemsScreen OptionList { height: 1fr; border: none; }"
    KEYS = (Key("escape,q", "dismiss", "ACTION_CLOSE", show=True),)
    BINDINGS = key_bindings(*KEYS)

    def __init__(self, problems: Sequence[Problem]) -> None:
        super().__init__()
        self.problems = list(problems)

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(f"{S.PROBLEMS_TITLE} ({len(self.problems)})", classes="dialog--title")
            yield OptionList(*(Option(Text(str(p))) for p in self.problems), id="problems")
            yield Label(S.PROBLEMS_HINT, classes="dialog--hint")
