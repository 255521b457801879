"""The floor for first paint: the smallest Textual app, one Static line, nothing loaded.

    python benchmarks/bare_app.py        (quit with ctrl+q)

benchmarks/run.py starts it under /work/shared/tools/ttfp (a real terminal in tmux) and waits for TEXT.
"""

from textual.app import App, ComposeResult
from textual.widgets import Static

TEXT = "herzlich-bench: bare Textual app ready"


class BareApp(App[None]):
    def compose(self) -> ComposeResult:
        yield Static(TEXT)


if __name__ == "__main__":
    BareApp().run()
