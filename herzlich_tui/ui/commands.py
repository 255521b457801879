"""What the user can do on the main screen, each as one Command: its keys, the screen's action, its label in
the footer and the palette, and its line in the help screen. The screen's bindings, the palette's entries
and the help are all made from COMMANDS (the views' and sorts' commands from browse/spec.py), so a new
action is one entry here and its `action_` method on the screen."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace
from typing import ClassVar, NamedTuple

from textual.binding import Binding, BindingType
from textual.dom import DOMNode

from herzlich_tui import strings as S
from herzlich_tui.browse.spec import VIEWS, ViewSpec, sort_label
from herzlich_tui.i18n import number

__all__ = [
    "COMMANDS",
    "OTHER_KEYS",
    "Command",
    "Key",
    "Spoken",
    "bindings",
    "help_lines",
    "key_bindings",
    "say_keys",
    "sort_commands",
]

Words = Callable[[], str]


def _s(name: str) -> Words:
    """The interface's words of a name in strings.py, looked up when shown."""
    return lambda: getattr(S, name)


def _help(action: str) -> Words:
    return lambda: S.HELP_TEXTS[action]


class Command(NamedTuple):
    """One action: `keys` (Textual's key names, comma-separated) run `action` on the main screen. `label`
    names it in the footer (when `footer`) and in the palette (when `palette`); `help` is its line in the
    help screen."""

    keys: str
    action: str
    label: Words
    help: Words
    footer: bool = False
    palette: bool = False
    priority: bool = False
    narrow: bool = False  # in the footer of a narrow terminal too (footer ones only)
    group: str = "records"  # the help screen's section

    def binding(self, *, narrow: bool = False, label: str | None = None) -> Binding:
        show = self.footer and (self.narrow or not narrow)
        return Binding(self.keys, self.action, label or self.label(), show=show, priority=self.priority)


def _view_command(view: ViewSpec) -> Command:
    return Command(view.key, f"view('{view.name}')", lambda: view.label, lambda: view.help, group="views")


COMMANDS: tuple[Command, ...] = (
    *(_view_command(view) for view in VIEWS),
    # A priority binding runs as the key arrives, before the keys behind it are passed on: typed in one
    # burst ("/hassfurt" from a script or a fast typist), they then reach the search box, not the list.
    Command("slash", "search", _s("ACTION_SEARCH"), _help("search"), True, priority=True, narrow=True, group="find"),
    Command("n", "next_match(1)", _s("ACTION_NEXT_MATCH"), _help("next_match(1)"), group="find"),
    Command("N", "next_match(-1)", _s("ACTION_PREVIOUS_MATCH"), _help("next_match(-1)"), group="find"),
    Command("y", "cycle_year", _s("ACTION_YEAR"), _help("cycle_year"), footer=True, group="find"),
    Command("p", "cycle_programme", _s("ACTION_PROGRAMME"), _help("cycle_programme"), footer=True, group="find"),
    Command("s", "cycle_sort", _s("ACTION_SORT"), _help("cycle_sort"), footer=True, narrow=True, group="find"),
    Command("x", "clear_filters", _s("ACTION_CLEAR_SHORT"), _help("clear_filters"), footer=True, group="find"),
    Command("f", "toggle_filters", _s("ACTION_FILTERS"), _help("toggle_filters"), True, narrow=True, group="find"),
    Command("backspace,left_square_bracket,alt+left", "back", _s("ACTION_BACK"), _help("back"), True, group="move"),
    Command("right_square_bracket,alt+right", "forward", _s("ACTION_FORWARD"), _help("forward"), group="move"),
    Command("z", "zoom", _s("ACTION_ZOOM"), _help("zoom"), palette=True, group="move"),
    Command("ctrl+r", "app.reload", _s("ACTION_RELOAD"), _help("reload"), palette=True, group="app"),
    Command("question_mark", "app.help", _s("ACTION_HELP"), _help("app.help"), True, narrow=True, group="app"),
    Command("q", "app.quit", _s("ACTION_QUIT"), _help("app.quit"), footer=True, narrow=True, group="app"),
    Command("b", "bookmark", _s("PALETTE_BOOKMARK"), _help("bookmark"), palette=True),
    Command("B", "app.bookmarks", _s("ACTION_BOOKMARKS"), _help("bookmarks"), palette=True),
    Command("c", "copy", _s("PALETTE_COPY"), _help("copy"), palette=True),
    Command("o", "open_link", _s("PALETTE_OPEN_LINK"), _help("open_link"), palette=True),
    Command("e", "export('md')", _s("PALETTE_EXPORT_MD"), _help("export('md')"), palette=True),
    Command("E", "export('json')", _s("PALETTE_EXPORT_JSON"), _help("export('json')"), palette=True),
    # In the footer while the data has problems (see MainScreen.show_problems): the count in its label.
    Command("exclamation_mark", "app.problems", _s("ACTION_PROBLEMS"), _help("problems"), True, True, narrow=True),
    Command("tab", "pane(1)", _s("ACTION_NEXT_PANE"), _help("pane(1)"), group="move"),
    Command("shift+tab", "pane(-1)", _s("ACTION_NEXT_PANE"), _help("pane(-1)"), group="move"),
    Command("escape", "escape", _s("ACTION_BACK"), _help("escape"), group="move"),
)

# Keys of the list and the detail pane (their own bindings) and the mouse, for the help screen, by section.
OTHER_KEYS: tuple[tuple[str, str, Words], ...] = (
    ("move", "up,k", _s("HELP_UP")),
    ("move", "down,j", _s("HELP_DOWN")),
    ("move", "pageup,pagedown", _s("HELP_PAGE")),
    ("move", "g,home", _s("HELP_FIRST")),
    ("move", "G,end", _s("HELP_LAST")),
    ("move", "enter", _s("HELP_OPEN")),
    ("move", "", _s("HELP_MOUSE")),
    ("app", "ctrl+p", _s("HELP_PALETTE")),
)
HELP_SECTIONS = ("views", "move", "find", "records", "app")


def bindings(*, narrow: bool = False, problems: int = 0) -> list[BindingType]:
    """The main screen's bindings: on a narrow terminal fewer in the footer; the problems key is in the
    footer, with their count, only while there are problems."""
    made: list[BindingType] = []
    for command in COMMANDS:
        if command.action == "app.problems":
            binding = command.binding(narrow=narrow, label=S.FOOTER_PROBLEMS.format(count=number(problems)))
            made.append(replace(binding, show=problems > 0))
        else:
            made.append(command.binding(narrow=narrow))
    return made


def help_lines(key_display: Callable[[str], str]) -> list[tuple[str, str]]:
    """The help screen's lines by section: a section's title as ("", title), then each command's keys (as
    `key_display` shows a key) and what it does; a text two commands share is listed once."""
    entries = [(command.group, command.keys, command.help) for command in COMMANDS] + list(OTHER_KEYS)
    lines: list[tuple[str, str]] = []
    seen: set[str] = set()
    for section in HELP_SECTIONS:
        lines.append(("", S.HELP_SECTIONS[section]))
        for group, keys, words in entries:
            text = words()
            if group != section or text in seen:
                continue
            seen.add(text)
            shown = ", ".join(key_display(key.strip()) for key in keys.split(",")) if keys else S.HELP_MOUSE_KEY
            lines.append((shown, text))
    return lines


def sort_commands() -> list[tuple[str, str, str]]:
    """Each view's sort orders as palette entries: (title, view, sort)."""
    return [
        (S.PALETTE_SORT.format(view=view.label, sort=sort_label(sort)), view.name, sort)
        for view in VIEWS
        for sort in view.sorts
    ]


# --- the keys of a widget or a dialog ------------------------------------------------------------------


class Key(NamedTuple):
    """A key binding of a widget or a dialog whose description is a message of strings.py (`words`, its
    name there), said in the interface's current language."""

    keys: str
    action: str
    words: str
    show: bool = False
    priority: bool = False  # runs as the key arrives, before the keys behind it are passed on


def key_bindings(*keys: Key) -> list[BindingType]:
    """Bindings for a class's BINDINGS, described in the current language (said again by `say_keys`)."""
    return [Binding(key.keys, key.action, getattr(S, key.words), show=key.show, priority=key.priority) for key in keys]


def say_keys(node: DOMNode, keys: Sequence[Key]) -> None:
    """Describe the node's bindings of these actions anew, in the current language. (A node's bindings are
    its own copy of its class's: the class's stay as they were made.)"""
    if not keys:
        return
    words = {key.action: getattr(S, key.words) for key in keys}
    node._bindings.key_to_bindings = {
        key: [replace(binding, description=words.get(binding.action, binding.description)) for binding in found]
        for key, found in node._bindings.key_to_bindings.items()
    }


class Spoken:
    """A widget or screen that shows the interface's words: `relabel` says them anew in the current
    language, when it is mounted and when the language changes (the app calls it on every Spoken node).
    KEYS are its key bindings with words; a subclass adds what else it shows."""

    KEYS: ClassVar[tuple[Key, ...]] = ()

    def relabel(self) -> None:
        assert isinstance(self, DOMNode)
        say_keys(self, self.KEYS)

    def on_mount(self) -> None:
        # (Textual calls the on_mount of every class of a widget: this one runs beside the widget's own.)
        Spoken.relabel(self)
