"""Ctrl+B's blank screen."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import Static


class BlankScreen(Screen[None]):
    """Hides everything at once (a court corridor) until the same key is pressed again."""

    DEFAULT_CSS = "BlankScreen { background: black; } BlankScreen Static { color: #303030; }"

    def compose(self) -> ComposeResult:
        yield Static("", markup=False)  # nothing at all: Ctrl+B (the app's key) brings the screen back
