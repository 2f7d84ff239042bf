"""Build data/templates/letter.docx: the styled base every Word letter is drafted into.

Run once to (re)create it: `python scripts/make_letter_base.py`. After that the file is the
source: a policy lead restyles it in Word (fonts, spacing, the header and footer, a logo) and
dutydesk keeps their styles. Drafting needs the paragraph styles named in
`dutydesk.drafting.docx_writer.STYLES`; the header and footer carry the protective marking and
the page numbers ("Page 2 of 3") as Word fields, so they stay right however long a letter is.
"""

from __future__ import annotations

from pathlib import Path

from docx import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor
from docx.text.paragraph import Paragraph

MARKING = "OFFICIAL-SENSITIVE"
OUT = Path(__file__).resolve().parent.parent / "data" / "templates" / "letter.docx"


def field(paragraph: Paragraph, code: str) -> None:
    """A Word field (PAGE, NUMPAGES) that Word and LibreOffice compute when they lay out the page."""
    run = paragraph.add_run()
    for kind, text in (("begin", None), (None, code), ("separate", None), (None, "1"), ("end", None)):
        if kind:
            element = OxmlElement("w:fldChar")
            element.set(qn("w:fldCharType"), kind)
        elif text == code:
            element = OxmlElement("w:instrText")
            element.set(qn("xml:space"), "preserve")
            element.text = f" {code} "
        else:
            element = OxmlElement("w:t")
            element.text = text
        run._r.append(element)


def main() -> None:
    document = Document()
    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)  # A4, not python-docx's US Letter
    section.left_margin = section.right_margin = Mm(25)
    section.top_margin, section.bottom_margin = Mm(22), Mm(22)
    styles = document.styles
    normal = styles["Normal"]
    normal.font.name, normal.font.size = "Liberation Sans", Pt(11)
    normal.paragraph_format.space_after = Pt(6)
    heading = styles["Heading 1"]
    heading.font.name, heading.font.size, heading.font.bold = "Liberation Sans", Pt(12), True
    heading.font.color.rgb = RGBColor(0, 0, 0)  # not python-docx's default blue
    fonts = heading.element.rPr.rFonts  # the theme font would override the named one
    for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        fonts.attrib.pop(qn(attr), None)
    heading.paragraph_format.space_before, heading.paragraph_format.space_after = Pt(12), Pt(4)
    styles["List Bullet"].font.name = "Liberation Sans"
    letterhead = styles.add_style("Letterhead", WD_STYLE_TYPE.PARAGRAPH)
    letterhead.base_style = normal
    letterhead.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    letterhead.paragraph_format.space_after = Pt(0)
    letterhead.font.size = Pt(10)
    line = styles.add_style("Address Line", WD_STYLE_TYPE.PARAGRAPH)
    line.base_style = normal
    line.paragraph_format.space_after = Pt(0)
    bold = styles.add_style("Emphasis Paragraph", WD_STYLE_TYPE.PARAGRAPH)
    bold.base_style = normal
    bold.font.bold = True
    marking = styles.add_style("Marking", WD_STYLE_TYPE.PARAGRAPH)
    marking.base_style = normal
    marking.font.bold, marking.font.size = True, Pt(10)
    marking.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    marking.paragraph_format.space_after = Pt(0)

    top = section.header.paragraphs[0]
    top.style = marking
    top.add_run(MARKING)
    bottom = section.footer.paragraphs[0]
    bottom.style = marking
    bottom.add_run(MARKING)
    page_style = styles.add_style("Page Number", WD_STYLE_TYPE.PARAGRAPH)
    page_style.base_style = marking
    page_style.font.bold = False
    pages = section.footer.add_paragraph(style=page_style)
    pages.add_run("Page ")
    field(pages, "PAGE")
    pages.add_run(" of ")
    field(pages, "NUMPAGES")
    props = document.core_properties
    props.title, props.author, props.comments = "Cafcass letter", "", ""
    body = document.element.body
    for child in list(body):
        if child.tag != qn("w:sectPr"):
            body.remove(child)
    document.save(OUT)
    print(OUT)


if __name__ == "__main__":
    main()
