"""The keys every dialog shows: how to get help and how to leave (issue 17)."""

from __future__ import annotations

from textual.binding import Binding

# Every dialog shows how to get help and how to leave, as every screen does (issue 17).
DIALOG_KEYS = [
    Binding("f1", "app.help", "Help", id="dialog.help"),
    Binding("ctrl+q", "app.quit", "Quit", id="dialog.quit"),
]
