"""The briefing pack as DOCX, with python-docx: the same sections as the PDF, editable in Word.

Secretariats edit the pack before sending it, so it is a plain document built from
Word's own styles (Title, Heading 1, a grid table) rather than a template to keep in
step. Text is set in Arial, which every office machine has with Cyrillic and the
Kazakh letters; the document's language is set so Word checks the right spelling.
"""

from __future__ import annotations

import io

from django.utils import formats
from django.utils.translation import gettext as _
from docx import Document
from docx.enum.section import WD_ORIENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor

from kenes.council.briefing import Briefing
from kenes.council.briefing_chart import chart_png
from kenes.council.briefing_layout import Section, Table, sections

FONT = "Arial"
LANGUAGE_TAGS = {"en": "en-GB", "ru": "ru-RU", "kk": "kk-KZ", "uz": "uz-Latn-UZ"}
ACCENT = RGBColor(0x00, 0x6D, 0x7E)
MUTED = RGBColor(0x54, 0x5D, 0x6E)


def render_docx(briefing: Briefing) -> bytes:
    document = Document()
    _page_setup(document, briefing)
    _title_page(document, briefing)
    for section in sections(briefing):
        _section(document, section)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _page_setup(document, briefing: Briefing) -> None:
    page = document.sections[0]
    page.orientation = WD_ORIENT.PORTRAIT
    page.page_width, page.page_height = Cm(21), Cm(29.7)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(page, side, Cm(2))
    for name in ("Normal", "Title", "Heading 1", "Heading 2"):
        style = document.styles[name]
        style.font.name = FONT
        fonts = style.element.get_or_add_rPr().get_or_add_rFonts()
        for attribute in ("w:asciiTheme", "w:hAnsiTheme", "w:cstheme", "w:eastAsiaTheme"):
            fonts.attrib.pop(qn(attribute), None)  # a theme font would win over the name
        for attribute in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
            fonts.set(qn(attribute), FONT)
    # The language every run inherits, for Word's spelling and hyphenation.
    for language in document.styles.element.findall(qn("w:docDefaults") + "//" + qn("w:lang")):
        language.set(qn("w:val"), LANGUAGE_TAGS.get(briefing.language, "en-GB"))
    document.styles["Normal"].font.size = Pt(10)
    properties = document.core_properties
    properties.title, properties.subject = briefing.title, _("Briefing pack")
    properties.author, properties.language = "Kenes", LANGUAGE_TAGS.get(briefing.language, "en-GB")
    _footer(page, briefing)


def _footer(page, briefing: Briefing) -> None:
    """"Title · Briefing pack · page N": the number is Word's PAGE field, right at any length."""
    paragraph = page.footer.paragraphs[0]
    run = paragraph.add_run(f"{briefing.title} · {_('Briefing pack')} · ")
    run.font.size, run.font.color.rgb = Pt(8), MUTED
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), "PAGE")
    number = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = "1"
    number.append(text)
    field.append(number)
    paragraph._p.append(field)


def _title_page(document, briefing: Briefing) -> None:
    kicker = document.add_paragraph()
    run = kicker.add_run(_("Briefing pack"))
    run.font.size, run.font.color.rgb = Pt(13), ACCENT
    document.add_heading(briefing.title, level=0)
    for label, value in briefing.details:
        line = document.add_paragraph()
        line.add_run(f"{label}: ").bold = True
        line.add_run(value)
    document.add_paragraph()
    document.add_paragraph(_("Contents")).runs[0].bold = True
    for section in sections(briefing):
        document.add_paragraph(section.title, style="List Bullet")
    made = document.add_paragraph().add_run(
        _("Prepared on %(day)s for %(person)s. It holds only what this account may see.") % {
            "day": formats.date_format(briefing.made_on, "DATE_FORMAT"), "person": briefing.prepared_for})
    made.font.size, made.font.color.rgb = Pt(8), MUTED
    document.add_page_break()


def _section(document, section: Section) -> None:
    document.add_heading(section.title, level=1)
    for text in section.paragraphs:
        document.add_paragraph(text)
    if section.table is not None:
        _table(document, section.table)
    for text in section.notes:
        note = document.add_paragraph().add_run(text)
        note.font.size, note.font.color.rgb = Pt(8), MUTED
    for target in section.charts:
        caption = document.add_paragraph()
        caption.add_run(f"{target.indicator} — {target.target}").bold = True
        caption.paragraph_format.keep_with_next = True
        document.add_picture(io.BytesIO(chart_png(target)), width=Cm(16))


def _table(document, table: Table) -> None:
    grid = document.add_table(rows=1, cols=len(table.headers))
    grid.style = "Table Grid"
    grid.autofit = False
    widths = [Cm(17 * share) for share in table.widths]
    for cell, header, width in zip(grid.rows[0].cells, table.headers, widths, strict=True):
        cell.width = width
        cell.paragraphs[0].add_run(header).bold = True
    _repeat_header(grid.rows[0])
    for row in table.rows:
        cells = grid.add_row().cells
        for index, (cell, text, width) in enumerate(zip(cells, row, widths, strict=True)):
            cell.width = width
            _cell_text(cell, text, bold_first=index == table.main)
    document.add_paragraph()


def _cell_text(cell, text: str, bold_first: bool) -> None:
    for number, line in enumerate(str(text).split("\n")):
        paragraph = cell.paragraphs[0] if number == 0 else cell.add_paragraph()
        run = paragraph.add_run(line)
        run.font.size = Pt(9)
        run.bold = bold_first and number == 0


def _repeat_header(row) -> None:
    """The header row repeats on every page a long table runs over, as in the PDF."""
    properties = row._tr.get_or_add_trPr()
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    properties.append(header)
