"""The floor of the keystroke probe: the smallest Textual app that shows every key it is sent.

    python benchmarks/echo_app.py        (quit with ctrl+q)

benchmarks/keystrokes.py drives it in a pseudo-terminal with the same keys as the app: what a key costs
here is what the terminal, the pty and Textual (reading the key, one refresh, writing the update) cost
before herzlich-tui does anything.
"""

from textual import events
from textual.app import App, ComposeResult
from textual.widgets import Static

READY = "herzlich-bench: echo app ready"


class EchoApp(App[None]):
    def __init__(self) -> None:
        super().__init__()
        self.count = 0

    def compose(self) -> ComposeResult:
        yield Static(READY, id="echo")

    def on_key(self, event: events.Key) -> None:
        self.count += 1
        self.query_one("#echo", Static).update(f"key {self.count}: {event.key}")


if __name__ == "__main__":
    EchoApp().run()
