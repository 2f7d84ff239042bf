"""The blocks written as plain text (fax cover, email body); Word is docx_writer.py."""

from __future__ import annotations

import textwrap

from dutydesk.drafting.templates import LINE_BREAK, Block

WIDTH = 78


def _wrap(text: str, indent: str = "", first: str = "") -> list[str]:
    lines: list[str] = []
    for i, part in enumerate(text.split(LINE_BREAK)):
        lead = first if i == 0 else indent
        lines += textwrap.wrap(part, WIDTH, initial_indent=lead, subsequent_indent=indent) or [lead.rstrip()]
    return lines


def to_text(blocks: list[Block]) -> str:
    out: list[str] = []
    for block in blocks:
        if block.kind == "blank":
            out.append("")
        elif block.kind == "heading":
            out += [block.text, "=" * min(len(block.text), WIDTH)]
        elif block.kind == "bullet":
            out += _wrap(block.text, indent="  ", first="• ")
        else:
            out += _wrap(block.text)
    return "\n".join(out) + "\n"
