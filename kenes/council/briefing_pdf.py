"""The briefing pack as PDF, with ReportLab.

Why ReportLab rather than WeasyPrint: ReportLab is a pure-Python wheel (plus Pillow's
binary wheel), so ``make run`` installs it on a fresh machine that has only Python and
make; WeasyPrint needs Pango and HarfBuzz from the system. The pack is tables and
paragraphs, which ReportLab's layout engine (platypus) does well, with no HTML to keep.

The text is set in DejaVu Sans, shipped in ``fonts/`` and embedded (as a subset) in
every file: it has the Kazakh letters (Ә Ғ Қ Ң Ө Ұ Ү Һ І) and the Uzbek okina (ʻ), which
the PDF standard fonts lack, and nothing is looked up on the reader's machine.
"""

from __future__ import annotations

import io
from functools import cache
from xml.sax.saxutils import escape

from django.utils import formats
from django.utils.translation import gettext as _
from reportlab.lib.colors import HexColor
from reportlab.lib.fonts import addMapping
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import cm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Image, KeepTogether, PageBreak, Paragraph, SimpleDocTemplate, Spacer
from reportlab.platypus import Table as Grid

from kenes.council.briefing import Briefing
from kenes.council.briefing_chart import FONTS, chart_png, size_cm
from kenes.council.briefing_layout import Section, Table, sections

FONT, BOLD = "KenesSans", "KenesSans-Bold"
INK, MUTED, ACCENT, LINE, SOFT = "#1d2330", "#545d6e", "#006d7e", "#d5dae3", "#e3f2f4"


@cache
def _register_fonts() -> None:
    pdfmetrics.registerFont(TTFont(FONT, str(FONTS / "DejaVuSans.ttf")))
    pdfmetrics.registerFont(TTFont(BOLD, str(FONTS / "DejaVuSans-Bold.ttf")))
    # <b> inside a paragraph switches to the bold face; there is no italic in the pack.
    for bold, italic, name in ((0, 0, FONT), (1, 0, BOLD), (0, 1, FONT), (1, 1, BOLD)):
        addMapping(FONT, bold, italic, name)


@cache
def _styles() -> dict:
    body = ParagraphStyle("body", fontName=FONT, fontSize=9.5, leading=13, textColor=HexColor(INK), spaceAfter=4)
    return {
        "body": body,
        "cell": ParagraphStyle("cell", parent=body, fontSize=8.5, leading=11, spaceAfter=0),
        "head": ParagraphStyle("head", parent=body, fontName=BOLD, fontSize=8.5, leading=11, spaceAfter=0),
        "note": ParagraphStyle("note", parent=body, fontSize=8, leading=10.5, spaceBefore=4,
                               textColor=HexColor(MUTED)),
        "heading": ParagraphStyle("heading", parent=body, fontName=BOLD, fontSize=14, leading=18, spaceBefore=14,
                                  spaceAfter=6, textColor=HexColor(ACCENT), keepWithNext=True),
        "caption": ParagraphStyle("caption", parent=body, fontName=BOLD, fontSize=9, spaceBefore=8, keepWithNext=True),
        "kicker": ParagraphStyle("kicker", parent=body, fontSize=11, textColor=HexColor(ACCENT), spaceAfter=10),
        "title": ParagraphStyle("title", parent=body, fontName=BOLD, fontSize=22, leading=28, spaceAfter=18),
    }


def _markup(text: str, bold_first: bool = False) -> str:
    """Plain text as paragraph markup: escaped, lines kept, the first line in bold when it names the row."""
    lines = [escape(line) for line in str(text).split("\n")]
    if bold_first and lines and lines[0]:
        lines[0] = f"<b>{lines[0]}</b>"
    return "<br/>".join(lines)


def render_pdf(briefing: Briefing) -> bytes:
    _register_fonts()
    buffer = io.BytesIO()
    document = _Document(buffer, pagesize=A4, leftMargin=2 * cm, rightMargin=2 * cm, topMargin=2 * cm,
                         bottomMargin=2.2 * cm, title=briefing.title, author=_("Kenes"), lang=briefing.language,
                         subject=_("Briefing pack"), creator="Kenes")
    story = _title_page(briefing)
    for section in sections(briefing):
        story += _section(section, document.width)
    footer = _footer_text(briefing)
    document.build(story, canvasmaker=_numbered_canvas(footer))
    return buffer.getvalue()


class _Document(SimpleDocTemplate):
    """Each section heading becomes a bookmark in the reader's outline."""

    def afterFlowable(self, flowable):  # noqa: N802 - ReportLab's name
        if isinstance(flowable, Paragraph) and flowable.style.name == "heading":
            key = f"section-{id(flowable)}"
            self.canv.bookmarkPage(key)
            self.canv.addOutlineEntry(flowable.getPlainText(), key, level=0)


def _title_page(briefing: Briefing) -> list:
    styles = _styles()
    details = [[Paragraph(escape(label), styles["head"]), Paragraph(_markup(value), styles["cell"])]
               for label, value in briefing.details]
    grid = Grid(details, colWidths=[4.5 * cm, 12.4 * cm], hAlign="LEFT")
    grid.setStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), ("BOTTOMPADDING", (0, 0), (-1, -1), 6)])
    made = _("Prepared on %(day)s for %(person)s. It holds only what this account may see.") % {
        "day": formats.date_format(briefing.made_on, "DATE_FORMAT"), "person": briefing.prepared_for}
    contents = [Paragraph(escape(section.title), styles["body"]) for section in sections(briefing)]
    return [Spacer(1, 3 * cm), Paragraph(escape(_("Briefing pack")), styles["kicker"]),
            Paragraph(escape(briefing.title), styles["title"]), grid, Spacer(1, 1 * cm),
            Paragraph(escape(_("Contents")), styles["caption"]), *contents, Spacer(1, 1 * cm),
            Paragraph(escape(made), styles["note"]), PageBreak()]


def _section(section: Section, width: float) -> list:
    styles = _styles()
    story = [Paragraph(escape(section.title), styles["heading"])]
    story += [Paragraph(_markup(text), styles["body"]) for text in section.paragraphs]
    if section.table is not None:
        story += [_table(section.table, width), Spacer(1, 4)]
    story += [Paragraph(_markup(text), styles["note"]) for text in section.notes]
    for target in section.charts:
        story.append(_chart(target, width))
    return story


def _table(table: Table, width: float):
    styles = _styles()
    rows = [[Paragraph(escape(header), styles["head"]) for header in table.headers]]
    rows += [[Paragraph(_markup(cell, bold_first=index == table.main), styles["cell"])
              for index, cell in enumerate(row)] for row in table.rows]
    # The header row repeats on every page a long table runs over.
    grid = Grid(rows, colWidths=[share * width for share in table.widths], repeatRows=1, hAlign="LEFT")
    grid.setStyle([
        ("BACKGROUND", (0, 0), (-1, 0), HexColor(SOFT)),
        ("LINEBELOW", (0, 0), (-1, -1), 0.5, HexColor(LINE)),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("TOPPADDING", (0, 0), (-1, -1), 4), ("BOTTOMPADDING", (0, 0), (-1, -1), 5),
    ])
    return grid


def _chart(target, width: float):
    png = chart_png(target)
    shown_cm, high_cm = size_cm(png, min(width / cm, 16))
    caption = Paragraph(escape(f"{target.indicator} — {target.target}"), _styles()["caption"])
    return KeepTogether([caption, Image(io.BytesIO(png), width=shown_cm * cm, height=high_cm * cm, hAlign="LEFT")])


def _footer_text(briefing: Briefing) -> str:
    title = briefing.title if len(briefing.title) <= 80 else briefing.title[:79] + "…"
    return f"{title} · {_('Briefing pack')}"


def _numbered_canvas(footer: str):
    """A canvas that holds its pages until the end, so each can say "page 3 of 7"."""
    page_of = _("Page %(page)s of %(pages)s")

    class NumberedCanvas(Canvas):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            self._held = []

        def showPage(self):  # noqa: N802 - ReportLab's name
            self._held.append(dict(self.__dict__))
            self._startPage()

        def save(self):
            for state in self._held:
                self.__dict__.update(state)
                self.setFont(FONT, 7.5)
                self.setFillColor(HexColor(MUTED))
                self.drawString(2 * cm, 1.2 * cm, footer)
                self.drawRightString(A4[0] - 2 * cm, 1.2 * cm,
                                     page_of % {"page": self._pageNumber, "pages": len(self._held)})
                super().showPage()
            super().save()

    return NumberedCanvas
