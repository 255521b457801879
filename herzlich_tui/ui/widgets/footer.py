"""The footer: Textual's, made anew only when the keys it shows change.

Textual's footer makes all its keys again (a recompose: every key widget removed, made, styled and laid
out) whenever the screen says its bindings may have changed, which it says after every change of focus and
of any reactive that declares `bindings=True`. Most of those changes leave the footer's keys as they were,
and making them again was the largest part of what a keystroke cost (docs/performance.md)."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import Footer as _Footer

__all__ = ["Footer"]


class Footer(_Footer):
    """A footer that recomposes only when the keys, their words or whether they are enabled change."""

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self._shown: tuple[object, ...] | None = None

    def _keys(self) -> tuple[object, ...]:
        """What the footer would show now: each shown binding's key, how it is written, its action, words,
        group and whether it is enabled."""
        return tuple(
            (
                binding.key,
                self.app.get_key_display(binding),
                binding.action,
                binding.description,
                binding.group,
                enabled,
                tooltip,
            )
            for _, binding, enabled, tooltip in self.screen.active_bindings.values()
            if binding.show
        )

    def bindings_changed(self, screen: Screen) -> None:
        if self._shown is not None and self.is_attached and screen is self.screen and self._keys() == self._shown:
            self._bindings_ready = True
            return
        super().bindings_changed(screen)

    def compose(self) -> ComposeResult:
        self._shown = self._keys() if self._bindings_ready else None
        yield from super().compose()
