"""Boxes around the digits of a number, drawn over the canvas (never into the drawing)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QPointF, QRect, QRectF, Qt
from PySide6.QtGui import QColor, QFontMetrics, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QWidget

from lenet_gui.gui.canvas import Canvas
from lenet_gui.gui.formatting import format_percent

if TYPE_CHECKING:
    from lenet_gui.core.segment import DigitReading

SURE = QColor(0, 120, 215)
NOT_SURE = QColor(214, 110, 0)
# Space between the ink and its box, in screen pixels.
MARGIN = 6


def digit_tag(reading: DigitReading) -> str:
    """The text over a digit's box: "7 · 98.2 %", or "? · 41.0 %" when the digit is not sure."""
    sure = reading.verdict is None or reading.verdict.sure
    return f"{reading.digit if sure else '?'} · {format_percent(reading.confidence)}"


class DigitBoxes(QWidget):
    """A transparent layer over ``canvas`` that frames each digit and tags it with its reading.

    It follows the canvas's size and lets every mouse event through to it.
    """

    def __init__(self, canvas: Canvas) -> None:
        super().__init__(canvas)
        self._canvas = canvas
        self.setObjectName("digitBoxes")
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.setAttribute(Qt.WidgetAttribute.WA_NoSystemBackground)
        self._digits: list[DigitReading] = []
        self.setGeometry(canvas.rect())
        canvas.installEventFilter(self)

    def digits(self) -> list[DigitReading]:
        """The digits framed now."""
        return list(self._digits)

    def boxes(self) -> list[QRect]:
        """The frames as drawn, in the canvas widget's pixels."""
        return [self._frame(d) for d in self._digits]

    def set_digits(self, digits: list[DigitReading]) -> None:
        """Frame these digits (boxes in sheet pixels); an empty list removes the frames."""
        self._digits = list(digits)
        self.update()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize and watched is self.parent():
            self.setGeometry(watched.rect())
        return False

    def _frame(self, digit: DigitReading) -> QRect:
        left, top, right, bottom = digit.box
        shown = QRectF(self._canvas.to_widget(QPointF(left, top)), self._canvas.to_widget(QPointF(right, bottom)))
        return shown.toAlignedRect().adjusted(-MARGIN, -MARGIN, MARGIN, MARGIN)

    def paintEvent(self, event: QPaintEvent) -> None:
        if not self._digits:
            return
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        font = painter.font()
        font.setBold(True)
        painter.setFont(font)
        metrics = QFontMetrics(font)
        for digit in self._digits:
            sure = digit.verdict is None or digit.verdict.sure
            colour = SURE if sure else NOT_SURE
            frame = QRectF(self._frame(digit))
            pen = QPen(colour, 2, Qt.PenStyle.SolidLine if sure else Qt.PenStyle.DashLine)
            painter.setPen(pen)
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRoundedRect(frame, 4, 4)
            text = digit_tag(digit)
            tag = QRectF(0, 0, metrics.horizontalAdvance(text) + 10, metrics.height() + 4)
            above = frame.top() - tag.height() - 2
            tag.moveTopLeft(QPointF(frame.left(), above if above >= 0 else frame.bottom() + 2))
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(colour)
            painter.drawRoundedRect(tag, 3, 3)
            painter.setPen(QColor(255, 255, 255))
            painter.drawText(tag, Qt.AlignmentFlag.AlignCenter, text)
