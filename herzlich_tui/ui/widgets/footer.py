"""The footer: Textual's, with its keys given new words in place when the keys it shows change.

Textual's footer makes all its keys again (a recompose: every key widget removed, made, styled and laid
out) whenever the screen says its bindings may have changed, which it says after every change of focus and
of any reactive that declares `bindings=True`. Most of those changes leave the footer's keys as they were,
and making them again was the largest part of what a keystroke cost; the rest (the focus moving between
the list, the search box and the details) change the keys, and each key widget can take another key's
words (docs/performance.md)."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Footer as _Footer
from textual.widgets._footer import FooterKey

__all__ = ["Footer"]

PALETTE = "-command-palette"  # the class of the palette's key, docked right (Textual's)


class Footer(_Footer):
    """A footer whose keys change in place: only the keys, their words or whether they are enabled."""

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
        if self._shown is not None and self.is_attached and screen is self.screen and self.app.app_focus:
            keys = self._keys()
            if keys == self._shown:
                self._bindings_ready = True
                return
            if self._change_keys():
                self._shown = keys
                return
        super().bindings_changed(screen)

    def _change_keys(self) -> bool:
        """Give the key widgets the keys the footer shows now, as compose would make them (one per action,
        in order): each widget takes the words of the key in its place, keys left over are removed, and
        missing ones are made. False when only a recompose can: keys in Textual's groups, or widgets still
        being removed (keys that changed twice before a removal was done)."""
        shown: dict[str, tuple[Binding, bool, str]] = {}
        for _, binding, enabled, tooltip in self.screen.active_bindings.values():
            if binding.show:
                if binding.group is not None:
                    return False
                shown.setdefault(binding.action, (binding, enabled, tooltip))
        widgets = [key for key in self.query_children(FooterKey) if not key.has_class(PALETTE)]
        palette = [key for key in self.query_children(FooterKey) if key.has_class(PALETTE)]
        if len(widgets) + len(palette) != len(self.children) or any(key._pruning for key in widgets):
            return False
        with self.app.batch_update():
            made = []
            refilled = False
            for index, (binding, enabled, tooltip) in enumerate(shown.values()):
                if index < len(widgets):
                    refilled |= _refill(widgets[index], binding, self.app.get_key_display(binding), enabled, tooltip)
                else:
                    key = FooterKey(
                        binding.key,
                        self.app.get_key_display(binding),
                        binding.description,
                        binding.action,
                        disabled=not enabled,
                        tooltip=tooltip,
                        classes="-compact" if self.compact else "",
                    )
                    # As compose binds it to the footer's; bound outside compose, Textual would not know to
                    # what (the footer's stays as it was made).
                    key.set_reactive(FooterKey.compact, self.compact)
                    made.append(key)
            # The keys' widths change: a layout of the screen that comes before the key widgets' own would
            # otherwise take the footer's arrangement of the old words, and the keys that move would not
            # be drawn again.
            if refilled:
                self._clear_arrangement_cache()
                self.refresh(layout=True)
            if len(widgets) > len(shown):
                self.remove_children(widgets[len(shown) :])
            if made:
                self.mount_all(made, before=palette[0] if palette else None)
        return True

    def compose(self) -> ComposeResult:
        self._shown = self._keys() if self._bindings_ready else None
        yield from super().compose()


def _refill(widget: FooterKey, binding: Binding, key_display: str, enabled: bool, tooltip: str) -> bool:
    """Give a key widget another key (its width may change: it is laid out again); False if it had it."""
    if (widget.key, widget.key_display, widget.description, widget.action, widget._disabled, widget.tooltip) == (
        binding.key,
        key_display,
        binding.description,
        binding.action,
        not enabled,
        tooltip or None,
    ):
        return False
    widget.key = binding.key
    widget.key_display = key_display
    widget.description = binding.description
    widget.action = binding.action
    widget._disabled = not enabled
    widget.set_class(not enabled, "-disabled")
    widget.tooltip = tooltip or None
    widget.refresh(layout=True)
    return True
