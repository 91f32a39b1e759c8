"""Portfolio totals over time, drawn on the server as accessible SVG (no script, no chart library).

Each status is one line, told apart by colour *and* dash pattern and named in a legend,
so the chart reads without colour. The SVG has ``role="img"`` with a ``<title>`` and a
``<desc>`` that states every point, and the page shows the same numbers in a table.
Statements without a date cannot be placed in time and are left out of the chart (the
table lists them). Values in another currency than the chart's are not converted: they
stay out of the value chart and the description says so.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.html import escape, format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from kenes.indicators.models import format_value
from kenes.projects.models import PortfolioStatement, ProjectStatus

WIDTH, HEIGHT = 640, 280
LEFT, RIGHT, TOP, BOTTOM = 90, 20, 20, 60
# Colour and dash per status: distinguishable in grey print and for colour-blind readers.
STYLES = {
    ProjectStatus.PIPELINE: ("#7a4fb3", "6 4"),
    ProjectStatus.PLANNED: ("#b36b00", "2 3"),
    ProjectStatus.IN_PROGRESS: ("#0b6fa4", "10 3 2 3"),
    ProjectStatus.IMPLEMENTED: ("#1a7f37", ""),
    ProjectStatus.CANCELLED: ("#8a8a8a", "1 2"),
    "": ("#333333", "12 4"),
}


@dataclass
class Point:
    x: float
    y: Decimal
    date: str
    text: str


@dataclass
class Series:
    status: str
    label: str
    points: list[Point] = field(default_factory=list)


def year_fraction(partial: str) -> float:
    """"2024" → 2024.5, "2024-08" → 2024.62, "2024-08-07" → 2024.6: a partial date at the middle of its span."""
    parts = [int(part) for part in partial.split("-")]
    if len(parts) == 1:
        return parts[0] + 0.5
    if len(parts) == 2:
        return parts[0] + (parts[1] - 0.5) / 12
    return parts[0] + (parts[1] - 1) / 12 + (parts[2] - 0.5) / 365


def short_amount(value) -> str:
    """156000000 → "156 million", 1000000000 → "1 billion": how leaders state portfolio values."""
    from kenes.indicators.templatetags.indicators import amount

    if value is None:
        return ""
    for size, words in ((Decimal(10) ** 9, _("%(number)s billion")), (Decimal(10) ** 6, _("%(number)s million"))):
        if abs(value) >= size:
            return words % {"number": amount((Decimal(value) / size).quantize(Decimal("0.01")))}
    return amount(value)


def status_label(status: str) -> str:
    return str(ProjectStatus(status).label) if status else _("All projects")


def _series(statements, value_of, text_of) -> list[Series]:
    by_status: dict[str, Series] = {}
    for statement in sorted(statements, key=lambda s: (s.stated_on, s.pk)):
        value = value_of(statement)
        if not statement.stated_on or value is None:
            continue
        series = by_status.setdefault(statement.status, Series(statement.status, status_label(statement.status)))
        series.points.append(Point(year_fraction(statement.stated_on), Decimal(value), statement.stated_on,
                                   text_of(statement)))
    order = [*ProjectStatus.values, ""]
    return [by_status[status] for status in order if status in by_status]


def main_currency(statements) -> str:
    counts = Counter(s.currency for s in statements if s.total_value is not None and s.currency)
    return counts.most_common(1)[0][0] if counts else ""


def count_series(statements: list[PortfolioStatement]) -> list[Series]:
    return _series(statements, lambda s: s.project_count, lambda s: str(s.project_count))


def value_series(statements: list[PortfolioStatement], currency: str) -> list[Series]:
    def text(statement):
        qualifier = f"{statement.get_qualifier_display()} " if statement.qualifier else ""
        return f"{qualifier}{format_value(statement.total_value)} {statement.currency}"

    return _series(statements, lambda s: s.total_value if s.currency == currency else None, text)


def _ticks(top: Decimal) -> list[Decimal]:
    """Four or five round steps from zero to at least ``top``."""
    if top <= 0:
        return [Decimal(0), Decimal(1)]
    step = Decimal(1)
    while top / step > 5:
        for factor in (2, Decimal("2.5"), 2):
            step *= factor
            if top / step <= 5:
                break
    while top / step < 2 and step > Decimal("0.001"):
        step /= 2
    ticks, tick = [], Decimal(0)
    while tick < top + step:
        ticks.append(tick)
        tick += step
    return ticks


def svg_chart(series: list[Series], *, title: str, chart_id: str, unit: str = "", tick_text=format_value) -> str:
    """The chart as SVG markup, or "" when there is nothing dated to plot."""
    points = [point for line in series for point in line.points]
    if not points:
        return ""
    xs = [point.x for point in points]
    x_low, x_high = min(xs) - 0.5, max(xs) + 0.5
    ticks = _ticks(max(point.y for point in points))
    y_high = ticks[-1]
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM

    def x_at(x: float) -> float:
        return round(LEFT + (x - x_low) / (x_high - x_low) * plot_w, 1)

    def y_at(y: Decimal) -> float:
        return round(TOP + plot_h - float(y / y_high) * plot_h, 1)

    parts = [format_html('<svg class="chart" viewBox="0 0 {} {}" role="img" aria-labelledby="{}-title {}-desc" '
                         'xmlns="http://www.w3.org/2000/svg">', WIDTH, HEIGHT, chart_id, chart_id),
             format_html('<title id="{}-title">{}</title>', chart_id, title),
             format_html('<desc id="{}-desc">{}</desc>', chart_id, _describe(series, unit))]
    for tick in ticks:
        y = y_at(tick)
        parts.append(format_html('<line x1="{}" x2="{}" y1="{}" y2="{}" stroke="#ddd"/>'
                                 '<text x="{}" y="{}" text-anchor="end" font-size="11">{}</text>',
                                 LEFT, WIDTH - RIGHT, y, y, LEFT - 6, y + 4, tick_text(tick)))
    # A year's label sits at its middle, where a statement dated only by the year is drawn.
    for year in range(int(x_low), int(x_high) + 1):
        if not x_low <= year + 0.5 <= x_high:
            continue
        x = x_at(year + 0.5)
        parts.append(format_html('<text x="{}" y="{}" text-anchor="middle" font-size="11">{}</text>',
                                 x, TOP + plot_h + 16, year))
    for line in series:
        colour, dash = STYLES.get(line.status, STYLES[""])
        path = " ".join(f"{x_at(p.x)},{y_at(p.y)}" for p in line.points)
        parts.append(format_html('<polyline points="{}" fill="none" stroke="{}" stroke-width="2"{}/>', path, colour,
                                 mark_safe(f' stroke-dasharray="{dash}"') if dash else ""))
        for point in line.points:
            parts.append(format_html('<circle cx="{}" cy="{}" r="4" fill="{}"><title>{}: {} ({})</title></circle>',
                                     x_at(point.x), y_at(point.y), colour, line.label, point.text, point.date))
    parts.append(_legend(series, TOP + plot_h + 34))
    parts.append("</svg>")
    return mark_safe("".join(str(part) for part in parts))


def _legend(series: list[Series], y: int) -> str:
    items, x = [], LEFT
    for line in series:
        colour, dash = STYLES.get(line.status, STYLES[""])
        items.append(format_html('<line x1="{}" x2="{}" y1="{}" y2="{}" stroke="{}" stroke-width="2"{}/>'
                                 '<text x="{}" y="{}" font-size="11">{}</text>', x, x + 24, y, y, colour,
                                 mark_safe(f' stroke-dasharray="{dash}"') if dash else "", x + 30, y + 4, line.label))
        x += 40 + 7 * len(line.label)
    return "".join(str(item) for item in items)


def _describe(series: list[Series], unit: str) -> str:
    lines = []
    for line in series:
        points = ", ".join(f"{point.date}: {point.text}" for point in line.points)
        lines.append(f"{line.label}: {points}")
    text = "; ".join(lines)
    return escape(f"{text}{'.' if text else ''}{(' ' + _('Values in %(unit)s.') % {'unit': unit}) if unit else ''}")


def portfolio_charts(statements: list[PortfolioStatement]) -> dict:
    """The two charts of the portfolio page: number of projects and total value, per status over time."""
    currency = main_currency(statements)
    other = sorted({s.currency for s in statements if s.total_value is not None and s.currency != currency})
    return {
        "count_svg": svg_chart(count_series(statements), title=_("Number of projects per status over time"),
                               chart_id="portfolio-count"),
        "value_svg": svg_chart(value_series(statements, currency),
                               title=_("Total value per status over time (%(currency)s)") % {"currency": currency},
                               chart_id="portfolio-value", unit=currency, tick_text=short_amount),
        "currency": currency,
        "other_currencies": other,
    }
