"""Rendering user text literally: never as markup, and without terminal control characters."""

from __future__ import annotations

import re

from rich.text import Text

# C0/C1 controls (ESC, BEL, CSI …) except tab and newline; bidi overrides and zero-widths.
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2066-\u2069]")


def clean(value: object) -> str:
    """Visible text: control and bidi characters shown as '�' so nothing reaches the terminal."""
    return _CONTROL.sub("\ufffd", "" if value is None else str(value))


def literal(value: object, style: str = "") -> Text:
    """User text as a Rich Text: markup such as [bold] stays as typed."""
    return Text(clean(value), style=style)
