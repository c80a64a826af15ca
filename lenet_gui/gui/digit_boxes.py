"""Boxes around the digits of a number, drawn over the canvas (never into the drawing); a click on one selects it."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QPointF, QRect, QRectF, Qt, Signal
from PySide6.QtGui import QColor, QFont, QFontMetrics, QMouseEvent, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QApplication, QWidget

from lenet_gui.gui.canvas import Canvas
from lenet_gui.gui.formatting import format_percent

if TYPE_CHECKING:
    from lenet_gui.core.reading import DigitReading

SURE = QColor(0, 120, 215)
NOT_SURE = QColor(214, 110, 0)
# Space between the ink and its box, in screen pixels.
MARGIN = 6


def digit_tag(reading: DigitReading) -> str:
    """The text over a digit's box: "7 · 98.2 %", or "? · 41.0 %" when the digit is not sure."""
    return f"{reading.digit if reading.sure else '?'} · {format_percent(reading.confidence)}"


def short_tag(reading: DigitReading) -> str:
    """The tag where a whole one does not fit beside the next box: "7", or "?" (the panel gives the confidence)."""
    return str(reading.digit) if reading.sure else "?"


class DigitBoxes(QWidget):
    """A transparent layer over ``canvas`` that frames each digit and tags it with its reading.

    It follows the canvas's size. A click (press and release without moving) on a box selects that digit and
    emits ``digitClicked(index)`` instead of putting a dot into the drawing; a press that moves draws as always,
    from where it was pressed.
    """

    digitClicked = Signal(int)

    def __init__(self, canvas: Canvas) -> None:
        super().__init__(canvas)
        self._canvas = canvas
        self.setObjectName("digitBoxes")
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.setAttribute(Qt.WidgetAttribute.WA_NoSystemBackground)
        self._digits: list[DigitReading] = []
        self._selected = -1
        self._pressed: tuple[int, QPointF] | None = None  # box pressed in, and where: a click or a stroke?
        self.setGeometry(canvas.rect())
        canvas.installEventFilter(self)

    def digits(self) -> list[DigitReading]:
        """The digits framed now."""
        return list(self._digits)

    def boxes(self) -> list[QRect]:
        """The frames as drawn, in the canvas widget's pixels."""
        return [self._frame(d) for d in self._digits]

    def set_digits(self, digits: list[DigitReading], selected: int = -1) -> None:
        """Frame these digits (boxes in sheet pixels), digit ``selected`` highlighted; an empty list removes them."""
        self._digits = list(digits)
        self._selected = selected
        self.update()

    def selected(self) -> int:
        """The index of the highlighted digit, -1 when none."""
        return self._selected

    def tags(self) -> list[tuple[QRectF, str]]:
        """Each digit's tag, where it is drawn (canvas widget pixels) and its text: over its box, or under it at the
        top edge; shortened to the digit alone when the whole tag would reach the next box's."""
        metrics = QFontMetrics(self._tag_font())
        frames = [QRectF(self._frame(d)) for d in self._digits]
        tags = []
        for index, (digit, frame) in enumerate(zip(self._digits, frames, strict=True)):
            room = frames[index + 1].left() - frame.left() - 2 if index + 1 < len(frames) else float("inf")
            text = digit_tag(digit)
            if metrics.horizontalAdvance(text) + 10 > room:
                text = short_tag(digit)
            tag = QRectF(0, 0, metrics.horizontalAdvance(text) + 10, metrics.height() + 4)
            above = frame.top() - tag.height() - 2
            tag.moveTopLeft(QPointF(frame.left(), above if above >= 0 else frame.bottom() + 2))
            tags.append((tag, text))
        return tags

    def _tag_font(self) -> QFont:
        font = self.font()
        font.setBold(True)
        return font

    def box_at(self, pos: QPointF) -> int:
        """The index of the digit whose frame holds ``pos`` (canvas widget pixels), -1 when none."""
        for index, digit in enumerate(self._digits):
            if QRectF(self._frame(digit)).contains(pos):
                return index
        return -1

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is not self.parent():
            return False
        kind = event.type()
        if kind == QEvent.Type.Resize:
            self.setGeometry(watched.rect())
        elif kind in (QEvent.Type.MouseButtonPress, QEvent.Type.MouseMove, QEvent.Type.MouseButtonRelease):
            return self._filter_mouse(event)
        return False

    def _filter_mouse(self, event: QMouseEvent) -> bool:
        """Hold back a left press on a box until the mouse moves (a stroke) or is released (a click); True eats it."""
        kind, pos = event.type(), event.position()
        if kind == QEvent.Type.MouseButtonPress:
            index = self.box_at(pos) if event.button() == Qt.MouseButton.LeftButton and len(self._digits) > 1 else -1
            self._pressed = (index, QPointF(pos)) if index >= 0 else None
            return self._pressed is not None
        if self._pressed is None:
            return False
        index, start = self._pressed
        if kind == QEvent.Type.MouseMove:
            if (pos - start).manhattanLength() < QApplication.startDragDistance():
                return True
            self._pressed = None
            self._canvas.begin_stroke(self._canvas.to_sheet(start))
            return False  # the canvas draws on to here
        self._pressed = None
        if event.button() == Qt.MouseButton.LeftButton:
            self.digitClicked.emit(index)
        return True

    def _frame(self, digit: DigitReading) -> QRect:
        left, top, right, bottom = digit.box
        shown = QRectF(self._canvas.to_widget(QPointF(left, top)), self._canvas.to_widget(QPointF(right, bottom)))
        return shown.toAlignedRect().adjusted(-MARGIN, -MARGIN, MARGIN, MARGIN)

    def paintEvent(self, event: QPaintEvent) -> None:
        if not self._digits:
            return
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setFont(self._tag_font())
        for index, (digit, (tag, text)) in enumerate(zip(self._digits, self.tags(), strict=True)):
            sure = digit.sure
            colour = SURE if sure else NOT_SURE
            frame = QRectF(self._frame(digit))
            selected = index == self._selected
            pen = QPen(colour, 3.5 if selected else 2, Qt.PenStyle.SolidLine if sure else Qt.PenStyle.DashLine)
            painter.setPen(pen)
            if selected:
                tint = QColor(colour)
                tint.setAlpha(28)
                painter.setBrush(tint)
            else:
                painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRoundedRect(frame, 4, 4)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(colour)
            painter.drawRoundedRect(tag, 3, 3)
            painter.setPen(QColor(255, 255, 255))
            painter.drawText(tag, Qt.AlignmentFlag.AlignCenter, text)
