"""User text shown on a terminal: control and bidi characters made visible as '�', so a name or
a note can never move the cursor, retitle the window, clear the screen or reverse a line."""

from __future__ import annotations

import re

# C0/C1 controls (ESC, BEL, CSI …) except tab and newline; bidi overrides and zero-widths.
CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2066-\u2069]")


def neutralise(value: object) -> str:
    return CONTROL.sub("\ufffd", "" if value is None else str(value))


def one_line(message: str) -> str:
    """One line, and nothing a terminal would act on: an error may quote what was typed."""
    return " ".join(neutralise(message).split())
