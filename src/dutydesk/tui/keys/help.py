"""The help screen's rows, built from the bindings themselves: each key is declared once, as a
Binding with an id, a short description (the footer's) and a tooltip (the help's longer words)."""

from __future__ import annotations

from collections.abc import Iterable

from textual.app import App
from textual.binding import Binding
from textual.screen import Screen

# Keys every screen has, from the app's own bindings or Textual's.
GENERAL = [("Ctrl+P", "command palette"), ("Ctrl+B", "blank the screen"), ("Ctrl+Q", "quit")]
NAMED = {"escape": "Esc", "enter": "Enter", "tab": "Tab", "space": "Space"}


def key_name(app: App[object], key: str) -> str:
    """A key as a person reads it ("/", "?", "Ctrl+P", "Esc"), never its internal name."""
    *modifiers, last = key.split("+")
    shown = NAMED.get(last)
    if shown is None:
        shown = app.get_key_display(Binding(last, "")) if len(last) > 1 else last
        shown = shown.upper() if len(shown) == 1 and modifiers else shown
        shown = shown.upper() if last.startswith("f") and last[1:].isdigit() else shown
    return "+".join([*(m.capitalize() for m in modifiers), shown])


def key_names(app: App[object], binding: Binding) -> str:
    return " or ".join(key_name(app, k.strip()) for k in binding.key.split(","))


def binding_rows(app: App[object], bindings: Iterable[Binding | tuple[str, ...]]) -> list[tuple[str, str]]:
    """(keys, what they do) for each Binding: its tooltip where it has one, else its description."""
    return [(key_names(app, b), b.tooltip or b.description) for b in bindings if isinstance(b, Binding)]


def help_rows(app: App[object], screen: Screen[object]) -> list[tuple[str, str]]:
    """The keys of `screen`: its own rows where it builds them (the case screen: the step shown),
    else its bindings, any keys its widgets handle (KEY_HELP), and the keys every screen has."""
    own = getattr(screen, "key_help_rows", None)
    if callable(own):
        rows: list[tuple[str, str]] = own()
        return rows
    rows = binding_rows(app, screen.BINDINGS)
    rows += list(getattr(screen, "KEY_HELP", ()))
    return rows + [r for r in GENERAL if r[0] not in {k for k, _ in rows}]
