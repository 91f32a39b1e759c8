"""The indicator chart: both sides' full-year series, the targets and each side's projection, as SVG geometry.

Drawn on the server (``indicators/_chart.html``) so it needs no script, prints, and reads
with a screen reader: the SVG has a title and a description, and the same numbers stand in
a table beside it. Pixels are floats; the values they stand for stay Decimal elsewhere.

The projection runs from a side's latest full year at its compound growth to the deadline
(or five years on when there is none), so the reader sees where each side will be when the
target falls due; the year it would be reached is written out, however far away.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from decimal import Decimal

from kenes.indicators.progress import TargetProgress

WIDTH, HEIGHT = 720, 320
LEFT, RIGHT, TOP, BOTTOM = 72, 20, 16, 36
# Marker shapes as well as colours, so the two sides differ for readers who cannot tell the colours apart.
STYLES = [("side-a", "circle"), ("side-b", "square"), ("side-c", "diamond"), ("side-d", "triangle")]


@dataclass
class Point:
    x: float
    y: float
    year: int
    value: Decimal

    # The corner of a square marker centred on the point.
    @property
    def box_x(self) -> float:
        return self.x - 4

    @property
    def box_y(self) -> float:
        return self.y - 4


@dataclass
class Series:
    label: str
    css: str
    marker: str
    points: list[Point] = field(default_factory=list)
    projection: str = ""  # SVG path of the projection, empty when there is none

    @property
    def path(self) -> str:
        return " ".join(f"{'M' if i == 0 else 'L'}{p.x:.1f},{p.y:.1f}" for i, p in enumerate(self.points))


@dataclass
class Line:
    y: float
    label: str
    value: Decimal
    current: bool
    deadline_x: float | None = None


@dataclass
class Chart:
    width: int
    height: int
    series: list[Series]
    targets: list[Line]
    x_ticks: list[tuple[float, str]]
    y_ticks: list[tuple[float, Decimal]]
    left: int = LEFT
    top: int = TOP
    bottom_y: float = HEIGHT - BOTTOM
    right_x: float = WIDTH - RIGHT

    @property
    def empty(self) -> bool:
        return not any(series.points for series in self.series)


def nice_step(span: float, ticks: int = 5) -> float:
    """A round step (1, 2, 2.5 or 5 × 10^k) that cuts ``span`` into about ``ticks`` parts."""
    raw = span / ticks if span > 0 else 1
    power = 10 ** math.floor(math.log10(raw))
    for factor in (1, 2, 2.5, 5, 10):
        if raw <= factor * power:
            return factor * power
    return 10 * power


def _projection(side, end_year: int) -> list[tuple[int, float]]:
    latest, growth = side.latest, side.growth
    if latest is None or growth is None or end_year <= latest.year:
        return []
    rate = float(growth)
    return [(year, float(latest.value) * (1 + rate) ** (year - latest.year)) for year in range(latest.year, end_year + 1)]


def _label(side, none_label: str) -> str:
    return side.party.name if side.party is not None else none_label


def build_chart(progress: list[TargetProgress], *, none_label: str) -> Chart:
    """The chart of one indicator: ``progress`` of each of its targets (the first current one leads the sides)."""
    lead = next((item for item in progress if not item.target.superseded_by_id), progress[0] if progress else None)
    sides = lead.sides if lead else []
    years = [point.year for side in sides for point in side.series]
    deadlines = [item.deadline_year for item in progress if item.deadline_year]
    if not years:
        return Chart(WIDTH, HEIGHT, [], [], [], [])
    first = min(years + deadlines)
    end = max(years + [lead.deadline_year or max(years) + 5])
    projections = {id(side): _projection(side, end) for side in sides}
    values = [float(p.value) for side in sides for p in side.series]
    values += [value for points in projections.values() for _year, value in points]
    values += [float(item.target.value) for item in progress]
    step = nice_step(max(values) * 1.05)
    top_value = step * math.ceil(max(values) * 1.05 / step)

    def x(year: float) -> float:
        return LEFT + (year - first) / max(end - first, 1) * (WIDTH - LEFT - RIGHT)

    def y(value: float) -> float:
        return HEIGHT - BOTTOM - value / top_value * (HEIGHT - TOP - BOTTOM)

    series = []
    for index, side in enumerate(sides):
        css, marker = STYLES[index % len(STYLES)]
        item = Series(_label(side, none_label), css, marker,
                      [Point(x(p.year), y(float(p.value)), p.year, p.value) for p in side.series])
        points = projections[id(side)]
        item.projection = " ".join(f"{'M' if i == 0 else 'L'}{x(year):.1f},{y(value):.1f}"
                                   for i, (year, value) in enumerate(points))
        series.append(item)
    targets = [Line(y(float(item.target.value)), str(item.target), item.target.value,
                    not item.target.superseded_by_id, x(item.deadline_year) if item.deadline_year else None)
               for item in progress]
    year_step = max(1, math.ceil((end - first) / 10))
    tick_years = list(range(first, end + 1, year_step))
    if tick_years[-1] != end:  # the deadline's year is always labelled; a tick too close to it gives way
        tick_years = [year for year in tick_years if end - year >= year_step / 2 + 0.5] + [end]
    x_ticks = [(x(year), str(year)) for year in tick_years]
    y_ticks = [(y(step * i), Decimal(str(round(step * i, 10)))) for i in range(int(round(top_value / step)) + 1)]
    return Chart(WIDTH, HEIGHT, series, targets, x_ticks, y_ticks)
