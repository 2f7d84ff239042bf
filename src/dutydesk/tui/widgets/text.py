"""Rendering user text literally: never as markup, and without terminal control characters."""

from __future__ import annotations

from typing import Any

from rich.text import Text

from dutydesk.infra.safe_text import neutralise


def clean(value: object) -> str:
    """Visible text: control and bidi characters shown as '�' so nothing reaches the terminal."""
    return neutralise(value)


def literal(value: object, style: str = "") -> Text:
    """User text as a Rich Text: markup such as [bold] stays as typed."""
    return Text(clean(value), style=style)


def visible(text: Text) -> Text:
    """A Text built from rules' wording that quotes user text (names, addresses): its control
    characters made visible in place, one for one, so its styles stay where they were."""
    text.plain = clean(text.plain)
    return text


def show_once(widget: Any, content: Text | str) -> None:
    """Update a Static (or Label) only when what it shows changes. Textual lays the whole screen
    out again on every update, even to the same words: done once per key (an error line cleared,
    a hint repeated) that cost most of a keystroke's time in a dialog over the case (issue 28)."""
    if getattr(widget, "_shown", None) == content:
        return
    widget._shown = content.copy() if isinstance(content, Text) else content
    widget.update(content)
