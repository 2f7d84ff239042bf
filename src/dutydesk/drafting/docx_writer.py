"""Word output drafted into the styled base document `data/templates/letter.docx`.

The base carries the page size, the fonts, the header and footer (the protective marking and
"Page N of M" as Word fields): a policy lead restyles it in Word and no code changes. The
drafting fills only the body, each block in its named paragraph style.
"""

from __future__ import annotations

import io
import zipfile
from datetime import datetime
from functools import cache
from pathlib import Path

from docx import Document
from docx.document import Document as DocumentObject
from docx.oxml.ns import qn
from docx.shared import Pt

from dutydesk.drafting.letter_parts import MARKING
from dutydesk.drafting.templates import LINE_BREAK, Block, templates_dir
from dutydesk.errors import PolicyError

BASE_NAME = "letter.docx"
# The paragraph style each kind of block is set in; the base document must define them all.
STYLES = {
    "para": "Normal",
    "heading": "Heading 1",
    "bullet": "List Bullet",
    "bold": "Emphasis Paragraph",
    "letterhead": "Letterhead",
    "line": "Address Line",
}
# Fixed member times: the same case and template give the same bytes.
ZIP_TIME = (1980, 1, 1, 0, 0, 0)


@cache
def _base_bytes(path: Path) -> bytes:
    try:
        data = path.read_bytes()
        document = Document(io.BytesIO(data))
    except (OSError, ValueError, KeyError, zipfile.BadZipFile) as exc:
        raise PolicyError(str(path), "(file)", f"is not a Word document dutydesk can draft into: {exc}") from None
    names = {s.name for s in document.styles}
    missing = [s for s in STYLES.values() if s not in names]
    if missing:
        raise PolicyError(str(path), "styles", f"the paragraph styles {', '.join(missing)} are missing")
    return data


def base_document(folder: Path | None = None) -> DocumentObject:
    return Document(io.BytesIO(_base_bytes((folder or templates_dir()) / BASE_NAME)))


def to_docx(blocks: list[Block], title: str, author: str, when: datetime) -> bytes:
    document = base_document()
    body = document.element.body
    for child in list(body):  # whatever the base's body holds, the letter replaces
        if child.tag != qn("w:sectPr"):
            body.remove(child)
    # The marking the text version opens and closes with is the base's header and footer here.
    if blocks and blocks[0].text == MARKING:
        blocks = blocks[1:]
    if blocks and blocks[-1].text == MARKING:
        blocks = blocks[:-1]
    props = document.core_properties
    props.title, props.author, props.last_modified_by = title, author, author
    props.created = props.modified = when.replace(tzinfo=None, microsecond=0)
    props.revision = 1
    props.keywords = MARKING
    gap = False
    for block in blocks:
        if block.kind == "blank":
            gap = True
            continue
        paragraph = document.add_paragraph(style=STYLES[block.kind])
        if gap and block.kind in ("line", "letterhead"):  # tight lines keep the blank line before them
            paragraph.paragraph_format.space_before = Pt(11)
        gap = False
        parts = block.text.split(LINE_BREAK)
        for i, part in enumerate(parts):
            run = paragraph.add_run(part)
            if i < len(parts) - 1:
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
    """The paragraphs of a .docx body, as Word shows them (used to check a draft and in tests)."""
    document = Document(io.BytesIO(data))
    return [p.text for p in document.paragraphs if p.text.strip()]


def docx_all_text(data: bytes) -> str:
    """Every word a .docx holds anywhere: body, tables, headers, footers and its properties —
    what the confidentiality guard and the tests read."""
    document = Document(io.BytesIO(data))
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        parts += [cell.text for row in table.rows for cell in row.cells]
    for section in document.sections:
        for part in (section.header, section.footer, section.first_page_header, section.first_page_footer):
            parts += [p.text for p in part.paragraphs]
    props = document.core_properties
    parts += [props.title or "", props.author or "", props.subject or "", props.comments or "", props.keywords or ""]
    return "\n".join(parts)
