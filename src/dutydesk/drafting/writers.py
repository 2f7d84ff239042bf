"""The same blocks written as plain text (fax cover, email body) and as Word (.docx)."""

from __future__ import annotations

import io
import textwrap
import zipfile
from datetime import datetime

from docx import Document
from docx.shared import Mm, Pt

from dutydesk.drafting.templates import LINE_BREAK, Block

WIDTH = 78
# Fixed member times: the same case and template give the same bytes.
ZIP_TIME = (1980, 1, 1, 0, 0, 0)


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


def to_docx(blocks: list[Block], title: str, author: str, when: datetime) -> bytes:
    document = Document()
    for section in document.sections:  # A4 with 25 mm margins: python-docx's default is US Letter
        section.page_width, section.page_height = Mm(210), Mm(297)
        section.left_margin = section.right_margin = section.top_margin = section.bottom_margin = Mm(25)
    style = document.styles["Normal"]
    style.font.name = "Arial"
    style.font.size = Pt(11)
    props = document.core_properties
    props.title, props.author, props.last_modified_by = title, author, author
    props.created = props.modified = when.replace(tzinfo=None, microsecond=0)
    props.revision = 1
    for block in blocks:
        if block.kind == "blank":
            continue
        if block.kind == "heading":
            document.add_heading(block.text, level=1)
            continue
        paragraph = document.add_paragraph(style="List Bullet" if block.kind == "bullet" else None)
        for i, part in enumerate(block.text.split(LINE_BREAK)):
            run = paragraph.add_run(part)
            run.bold = block.kind == "bold"
            if i < len(block.text.split(LINE_BREAK)) - 1:
                run.add_break()
    raw = io.BytesIO()
    document.save(raw)
    return _fixed_times(raw.getvalue())


def _fixed_times(data: bytes) -> bytes:
    """Rewrite the package with fixed member dates (python-docx stamps the current time)."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            fixed = zipfile.ZipInfo(info.filename, ZIP_TIME)
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o600 << 16
            target.writestr(fixed, source.read(info.filename))
    return out.getvalue()


def docx_text(data: bytes) -> list[str]:
    """The paragraphs of a .docx, as Word shows them (used to check a draft and in tests)."""
    document = Document(io.BytesIO(data))
    return [p.text for p in document.paragraphs if p.text.strip()]
