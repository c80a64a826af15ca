"""Hand-made pen strokes for the digits 0-9, for ``--screenshot --draw``, tests and the latency benchmark."""

from __future__ import annotations

import math

from PySide6.QtCore import QPointF, QRectF

Point = tuple[float, float]

# Control points in a unit square (x right, y down); each inner list is one stroke.
_CONTROL: dict[int, list[list[Point]]] = {
    0: [
        [(0.5 + 0.22 * math.sin(t / 12 * 2 * math.pi), 0.5 - 0.33 * math.cos(t / 12 * 2 * math.pi)) for t in range(13)]
    ],
    1: [[(0.40, 0.30), (0.54, 0.17), (0.52, 0.50), (0.50, 0.83)]],
    2: [
        [(0.30, 0.32), (0.42, 0.19), (0.60, 0.18), (0.70, 0.32), (0.58, 0.52), (0.30, 0.80), (0.50, 0.79), (0.73, 0.80)]
    ],
    3: [
        [
            (0.30, 0.24),
            (0.52, 0.16),
            (0.69, 0.28),
            (0.60, 0.44),
            (0.44, 0.48),
            (0.62, 0.54),
            (0.72, 0.68),
            (0.58, 0.82),
            (0.30, 0.78),
        ]
    ],
    4: [
        [(0.36, 0.17), (0.31, 0.42), (0.30, 0.56), (0.52, 0.56), (0.74, 0.55)],
        [(0.63, 0.20), (0.62, 0.52), (0.61, 0.84)],
    ],
    5: [[(0.70, 0.18), (0.36, 0.18), (0.33, 0.46), (0.56, 0.42), (0.71, 0.58), (0.62, 0.79), (0.32, 0.80)]],
    6: [
        [(0.64, 0.17), (0.42, 0.36), (0.32, 0.62), (0.44, 0.82), (0.64, 0.75), (0.66, 0.58), (0.47, 0.51), (0.33, 0.62)]
    ],
    7: [[(0.28, 0.20), (0.50, 0.20), (0.72, 0.20), (0.56, 0.52), (0.45, 0.84)]],
    8: [
        [
            (0.5 + 0.17 * math.sin(2 * t / 16 * 2 * math.pi), 0.5 - 0.32 * math.cos(t / 16 * 2 * math.pi))
            for t in range(17)
        ]
    ],
    9: [
        [(0.66, 0.30), (0.55, 0.18), (0.38, 0.22), (0.35, 0.40), (0.50, 0.48), (0.66, 0.36), (0.66, 0.30)],
        [(0.66, 0.30), (0.64, 0.58), (0.62, 0.84)],
    ],
}


def _catmull_rom(points: list[Point], steps: int) -> list[Point]:
    """A smooth curve through ``points`` with ``steps`` samples per segment."""
    if len(points) < 2:
        return list(points)
    padded = [points[0], *points, points[-1]]
    out: list[Point] = []
    for i in range(1, len(padded) - 2):
        p0, p1, p2, p3 = padded[i - 1], padded[i], padded[i + 1], padded[i + 2]
        for s in range(steps):
            t = s / steps
            out.append(
                tuple(  # type: ignore[arg-type]
                    0.5
                    * (
                        2 * p1[k]
                        + (-p0[k] + p2[k]) * t
                        + (2 * p0[k] - 5 * p1[k] + 4 * p2[k] - p3[k]) * t * t
                        + (-p0[k] + 3 * p1[k] - 3 * p2[k] + p3[k]) * t * t * t
                    )
                    for k in range(2)
                )
            )
    out.append(points[-1])
    return out


def digit_strokes(digit: int, area: QRectF, steps: int = 6) -> list[list[QPointF]]:
    """Strokes that draw ``digit`` inside ``area``, as dense point lists like a mouse would deliver."""
    side = min(area.width(), area.height())
    left = area.left() + (area.width() - side) / 2
    top = area.top() + (area.height() - side) / 2
    return [
        [QPointF(left + x * side, top + y * side) for x, y in _catmull_rom(stroke, steps)] for stroke in _CONTROL[digit]
    ]
