"""Rendering user text literally: never as markup, and without terminal control characters."""

from __future__ import annotations

from rich.text import Text

from dutydesk.safe_text import neutralise


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
