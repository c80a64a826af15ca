"""Drawing on the canvas with real mouse events, as a person would."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtTest import QTest

from lenet_gui.gui.canvas import Canvas
from lenet_gui.gui.sample_digits import digit_strokes


def canvas_area(canvas: Canvas) -> QRectF:
    """The sheet as shown in the widget, less a margin: where a person draws, in widget pixels."""
    shown = canvas.sheet_rect()
    margin = 0.12 * shown.width()
    return shown.adjusted(margin, margin, -margin, -margin)


def press(canvas: Canvas, point: QPointF) -> None:
    QTest.mousePress(canvas, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, point.toPoint())


def move(canvas: Canvas, point: QPointF) -> None:
    QTest.mouseMove(canvas, point.toPoint())


def release(canvas: Canvas, point: QPointF) -> None:
    QTest.mouseRelease(canvas, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, point.toPoint())


def draw_digit_with_mouse(canvas: Canvas, digit: int) -> None:
    """Draw a sample digit with real mouse press/move/release events."""
    for stroke in digit_strokes(digit, canvas_area(canvas)):
        press(canvas, stroke[0])
        for point in stroke[1:]:
            move(canvas, point)
        release(canvas, stroke[-1])
