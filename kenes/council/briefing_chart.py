"""A target's progress as a small bar chart (PNG), drawn with Pillow for both the PDF and the DOCX.

One picture serves both formats: Word takes PNG but not a ReportLab drawing, and
Pillow is already here as ReportLab's own dependency, so no plotting library
(matplotlib and numpy: some 60 MB) is installed for a few bars. Labels use the
pack's embedded font, so Cyrillic party names render in the picture as in the text.
"""

from __future__ import annotations

import io
from decimal import Decimal
from functools import cache
from pathlib import Path

from django.utils.translation import gettext as _
from PIL import Image, ImageDraw, ImageFont

from kenes.council.briefing import TargetProgress

FONTS = Path(__file__).resolve().parent / "fonts"
# Drawn at 3× a 16 cm × 150 dpi frame and shown at 16 cm: sharp in print, a few tens of KB.
WIDTH = 2800
ROW = 120
TOP = 130
BOTTOM = 50
LABEL = 720
RIGHT_MARGIN = 80
COLOURS = ["#006d7e", "#8a5a00", "#2f7a33", "#545d6e", "#a4262c"]  # the web design system's
INK, MUTED, LINE = "#1d2330", "#545d6e", "#d5dae3"


@cache
def _font(size: int, bold: bool = False):
    return ImageFont.truetype(str(FONTS / ("DejaVuSans-Bold.ttf" if bold else "DejaVuSans.ttf")), size)


def _fit(draw, text: str, font, width: int) -> str:
    """The text, shortened with an ellipsis until it fits ``width`` pixels."""
    if draw.textlength(text, font=font) <= width:
        return text
    while text and draw.textlength(text + "…", font=font) > width:
        text = text[:-1]
    return text.rstrip() + "…"


def chart_png(target: TargetProgress) -> bytes:
    """Each side's latest figure as a bar against the target's line; sides in another unit are left out."""
    figures = [figure for figure in target.figures if figure.share is not None]
    height = TOP + ROW * max(1, len(figures)) + BOTTOM
    image = Image.new("RGB", (WIDTH, height), "white")
    draw = ImageDraw.Draw(image)
    left, right = LABEL, WIDTH - RIGHT_MARGIN
    top = max([target.value, *(figure.value for figure in figures)]) or Decimal(1)
    scale = (right - left) / float(top * Decimal("1.02"))

    def x(value: Decimal) -> int:
        return left + int(float(value) * scale)

    text_font, small = _font(46), _font(40)
    for row, figure in enumerate(figures):
        y = TOP + row * ROW
        label = _fit(draw, f"{figure.party}, {figure.period}", text_font, LABEL - 40)
        draw.text((LABEL - 30, y + ROW // 2), label, fill=INK, font=text_font, anchor="rm")
        end = max(x(figure.value), left + 4)
        draw.rectangle([left, y + 22, end, y + ROW - 22], fill=COLOURS[row % len(COLOURS)])
        share = f"{figure.share}\u00a0%"
        inside = end - left > draw.textlength(share, font=text_font) + 40
        draw.text((end - 20, y + ROW // 2) if inside else (end + 20, y + ROW // 2), share,
                  fill="white" if inside else INK, font=text_font, anchor="rm" if inside else "lm")
    goal = x(target.value)
    bottom = TOP + ROW * max(1, len(figures))
    for y in range(TOP - 20, bottom + 10, 30):  # dashed: the target, not a bar
        draw.line([goal, y, goal, min(y + 16, bottom + 10)], fill=INK, width=5)
    draw.line([left, bottom + 10, right, bottom + 10], fill=LINE, width=3)
    # The target's value beside its line, on the side with room.
    title = _fit(draw, _("Target: %(value)s") % {"value": target.target}, small, max(goal - left, right - goal) - 30)
    on_left = goal - left > right - goal
    draw.text((goal - 20 if on_left else goal + 20, 60), title, fill=MUTED, font=small,
              anchor="rm" if on_left else "lm")
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()


def size_cm(png: bytes, width_cm: float) -> tuple[float, float]:
    """Width and height in centimetres for a picture shown ``width_cm`` wide."""
    with Image.open(io.BytesIO(png)) as image:
        return width_cm, width_cm * image.height / image.width
