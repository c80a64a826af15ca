"""A clickable 10x10 confusion matrix: rows are the true digits, columns the predicted ones."""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QPoint, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFont, QMouseEvent, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

DIGITS = 10
CORRECT = QColor(46, 125, 50)
WRONG = QColor(198, 40, 40)


class ConfusionView(QWidget):
    """Paints counts with a colour per cell (green diagonal, red mistakes); ``cellClicked(true, predicted)``."""

    cellClicked = Signal(int, int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("confusionView")
        self.setMinimumSize(360, 360)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMouseTracking(True)
        self._counts = np.zeros((DIGITS, DIGITS), dtype=np.int64)
        self._selected: tuple[int, int] | None = None
        self.setToolTip(self.tr("Click a cell to see those digits"))

    def set_counts(self, counts: np.ndarray) -> None:
        """Show a 10x10 matrix of counts (row = true digit, column = predicted digit)."""
        self._counts = np.asarray(counts, dtype=np.int64).reshape(DIGITS, DIGITS)
        self._selected = None
        self.update()

    def counts(self) -> np.ndarray:
        return self._counts.copy()

    def set_selected(self, cell: tuple[int, int] | None) -> None:
        """Outline one cell (true, predicted), or none."""
        self._selected = cell
        self.update()

    def sizeHint(self) -> QSize:
        return QSize(480, 480)

    # -- geometry ----------------------------------------------------------------------------------------------

    def _grid(self) -> tuple[QRectF, float]:
        """The rectangle of the 10x10 cells and the side of one cell; room is left for the axis labels."""
        margin = self.fontMetrics().height() * 2.6
        side = max(min(self.width() - margin, self.height() - margin) - 4, DIGITS)
        return QRectF(margin, margin, side, side), side / DIGITS

    def cell_center(self, true: int, predicted: int) -> QPoint:
        """Where the cell (true, predicted) is on screen, for clicks."""
        grid, cell = self._grid()
        return QPoint(round(grid.left() + (predicted + 0.5) * cell), round(grid.top() + (true + 0.5) * cell))

    def cell_at(self, pos: QPoint) -> tuple[int, int] | None:
        grid, cell = self._grid()
        if not grid.contains(pos.toPointF()):
            return None
        col = min(int((pos.x() - grid.left()) // cell), DIGITS - 1)
        row = min(int((pos.y() - grid.top()) // cell), DIGITS - 1)
        return row, col

    # -- events ------------------------------------------------------------------------------------------------

    def mousePressEvent(self, event: QMouseEvent) -> None:
        cell = self.cell_at(event.position().toPoint())
        if event.button() == Qt.MouseButton.LeftButton and cell is not None:
            self.set_selected(cell)
            self.cellClicked.emit(*cell)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        cell = self.cell_at(event.position().toPoint())
        if cell is None:
            self.setCursor(Qt.CursorShape.ArrowCursor)
            return
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        true, predicted = cell
        count = int(self._counts[true, predicted])
        self.setToolTip(self.tr("True {t}, predicted {p}: {n:,} images").format(t=true, p=predicted, n=count))

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        grid, cell = self._grid()
        text = self.palette().text().color()
        row_totals = np.maximum(self._counts.sum(1), 1)
        worst = max(int((self._counts * (1 - np.eye(DIGITS, dtype=np.int64))).max()), 1)
        font = QFont(self.font())
        font.setPointSizeF(max(font.pointSizeF() * min(cell / 42, 1.0), 6.0))
        painter.setFont(font)
        paper = QColor(255, 255, 255)
        for true in range(DIGITS):
            for predicted in range(DIGITS):
                rect = QRectF(grid.left() + predicted * cell, grid.top() + true * cell, cell, cell)
                count = int(self._counts[true, predicted])
                if true == predicted:
                    strength = count / row_totals[true]
                    colour = _mix(paper, CORRECT, 0.15 + 0.85 * strength) if count else paper
                else:
                    colour = _mix(paper, WRONG, 0.12 + 0.88 * (count / worst) ** 0.5) if count else paper
                painter.fillRect(rect, colour)
                painter.setPen(QPen(QColor(225, 225, 228), 1))
                painter.drawRect(rect)
                if count:
                    dark = colour.lightness() < 140
                    painter.setPen(QColor(255, 255, 255) if dark else QColor(40, 40, 40))
                    painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, f"{count}")
        if self._selected is not None:
            true, predicted = self._selected
            painter.setPen(QPen(self.palette().highlight().color(), 3))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRect(QRectF(grid.left() + predicted * cell, grid.top() + true * cell, cell, cell))
        bold = QFont(self.font())
        bold.setBold(True)
        painter.setFont(bold)
        painter.setPen(text)
        label_h = self.fontMetrics().height() * 1.2
        centre = Qt.AlignmentFlag.AlignCenter
        for d in range(DIGITS):
            painter.drawText(QRectF(grid.left() + d * cell, grid.top() - label_h, cell, label_h), centre, str(d))
            painter.drawText(QRectF(grid.left() - label_h, grid.top() + d * cell, label_h, cell), centre, str(d))
        painter.setFont(self.font())
        painter.setPen(self.palette().placeholderText().color())
        painter.drawText(
            QRectF(grid.left(), 0, grid.width(), grid.top() - label_h),
            Qt.AlignmentFlag.AlignCenter,
            self.tr("predicted digit"),
        )
        painter.save()
        painter.translate(0, grid.bottom())
        painter.rotate(-90)
        painter.drawText(
            QRectF(0, 0, grid.height(), grid.left() - label_h), Qt.AlignmentFlag.AlignCenter, self.tr("true digit")
        )
        painter.restore()


def _mix(a: QColor, b: QColor, t: float) -> QColor:
    t = min(max(t, 0.0), 1.0)
    return QColor(
        round(a.red() + (b.red() - a.red()) * t),
        round(a.green() + (b.green() - a.green()) * t),
        round(a.blue() + (b.blue() - a.blue()) * t),
    )
