"""The work plan as a timeline: one bar per dated item, drawn server-side as SVG (no script, no styles).

Coordinates are computed here so the template only places them; a bar's length is its
start-to-due span on a scale from the earliest start to the latest due date, and the
part filled in is its progress.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

LABEL_WIDTH = 260
CHART_WIDTH = 560
ROW_HEIGHT = 26


@dataclass(frozen=True)
class Bar:
    item: object
    y: int
    x: int
    width: int
    done_width: int
    overdue: bool


@dataclass(frozen=True)
class Tick:
    x: int
    label: str


@dataclass(frozen=True)
class Chart:
    bars: list[Bar]
    ticks: list[Tick]
    height: int
    width: int = LABEL_WIDTH + CHART_WIDTH
    label_width: int = LABEL_WIDTH
    today_x: int | None = None


def chart(items, today: datetime.date | None = None) -> Chart | None:
    dated = [item for item in items if item.due or item.start]
    if not dated:
        return None
    today = today or datetime.date.today()
    first = min((item.start or item.due) for item in dated)
    last = max((item.due or item.start) for item in dated)
    first, last = first.replace(day=1), last
    days = max((last - first).days, 1)

    def x_of(day: datetime.date) -> int:
        return LABEL_WIDTH + round((day - first).days / days * (CHART_WIDTH - 10))

    bars = []
    for row, item in enumerate(dated):
        start, due = item.start or item.due, item.due or item.start
        x, end = x_of(start), max(x_of(due), x_of(start) + 4)
        width = end - x
        bars.append(Bar(item, 30 + row * ROW_HEIGHT, x, width, round(width * item.progress / 100),
                        item.is_overdue(today)))
    ticks, month = [], first
    step = max(1, round(days / 30 / 8))  # about eight labels whatever the span
    while month <= last:
        ticks.append(Tick(x_of(month), month.strftime("%Y-%m")))
        for _step in range(step):
            month = (month.replace(day=28) + datetime.timedelta(days=4)).replace(day=1)
    today_x = x_of(today) if first <= today <= last else None
    return Chart(bars, ticks, 40 + len(dated) * ROW_HEIGHT, today_x=today_x)
