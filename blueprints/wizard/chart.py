"""The weekly-hours chart on the Track page, laid out on the server as SVG geometry (no script).

The template draws what this returns; a text table beside it says the same in words, so the
chart is never the only way to read the numbers (WCAG 1.1.1, 1.4.1).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date

from policy.hours import fmt_hours

WIDTH, HEIGHT = 560, 220
LEFT, RIGHT, TOP, BOTTOM = 44, 12, 16, 40


@dataclass(frozen=True)
class Bar:
    monday: date
    hours: float | None  # None: the week is not recorded
    x: float
    y: float
    width: float
    height: float
    met: bool
    label: str  # the number printed above the bar


@dataclass(frozen=True)
class Chart:
    width: int
    height: int
    bars: list[Bar]
    requirement: int
    requirement_y: float
    ticks: list[tuple[float, str]]  # (y, label) for the hours axis
    baseline_y: float
    summary: str  # the chart in one sentence, for <desc>


def week_chart(points: list[tuple[date, float | None]], requirement: int) -> Chart:
    """Bars of countable hours per week with the requirement as a line (R-HR-06)."""
    recorded = [h for _, h in points if h is not None]
    top = max([requirement * 1.25, *recorded, 10])
    top = math.ceil(top / 10) * 10
    plot_height = HEIGHT - TOP - BOTTOM
    slot = (WIDTH - LEFT - RIGHT) / max(len(points), 1)

    def y_of(hours: float) -> float:
        return TOP + plot_height * (1 - hours / top)

    bars = []
    for index, (monday, hours) in enumerate(points):
        value = hours or 0.0
        y = y_of(value)
        bars.append(
            Bar(
                monday=monday,
                hours=hours,
                x=LEFT + index * slot + slot * 0.15,
                y=y,
                width=slot * 0.7,
                height=TOP + plot_height - y,
                met=hours is not None and hours >= requirement,
                label="—" if hours is None else fmt_hours(hours),
            )
        )
    met = sum(1 for b in bars if b.met)
    summary = (
        f"{len(recorded)} of the {len(points)} weeks shown are recorded; "
        f"{met} of them reach the {requirement}-hour requirement."
    )
    ticks = [(y_of(v), str(v)) for v in range(0, top + 1, max(10, top // 4 // 10 * 10))]
    return Chart(WIDTH, HEIGHT, bars, requirement, y_of(requirement), ticks, y_of(0), summary)
