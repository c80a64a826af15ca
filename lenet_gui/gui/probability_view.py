"""Ten horizontal bars, one per digit, with the most likely one highlighted."""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QEvent, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFontMetrics, QPainter, QPaintEvent
from PySide6.QtWidgets import QSizePolicy, QWidget

from lenet_gui.gui.formatting import DASH, format_percent

DIGITS = 10


class ProbabilityView(QWidget):
    """Shows 10 probabilities as labelled bars; empty bars when there is no prediction."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("probabilities")
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.setMinimumHeight(DIGITS * 16)
        self._values = np.zeros(DIGITS, dtype=np.float32)
        self._shown = False

    def values(self) -> np.ndarray:
        """The probabilities shown (zeros when none)."""
        return self._values.copy()

    def set_values(self, probabilities: np.ndarray | None) -> None:
        """Show ``probabilities`` (10 floats in 0..1), or clear the bars with None."""
        self._shown = probabilities is not None
        self._values = (
            np.zeros(DIGITS, dtype=np.float32)
            if probabilities is None
            else np.clip(np.asarray(probabilities, dtype=np.float32).reshape(DIGITS), 0.0, 1.0)
        )
        self.setToolTip(
            "\n".join(f"{d}: {p:.2%}" for d, p in enumerate(self._values)) if self._shown else self.tr("No digit")
        )
        self.update()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.set_values(self._values if self._shown else None)  # the tooltip in the new language
        super().changeEvent(event)

    def sizeHint(self) -> QSize:
        return QSize(240, DIGITS * 18)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        metrics = QFontMetrics(self.font())
        label_w = metrics.horizontalAdvance("8") + 10
        value_w = metrics.horizontalAdvance("100.0 %") + 8
        row_h = self.height() / DIGITS
        bar_h = min(row_h * 0.62, 18.0)
        track_w = max(self.width() - label_w - value_w, 10)
        palette = self.palette()
        top = int(self._values.argmax()) if self._shown else -1
        accent = palette.highlight().color()
        track = palette.alternateBase().color().darker(104)
        for digit in range(DIGITS):
            y = digit * row_h
            row = QRectF(0, y, self.width(), row_h)
            bold = digit == top
            font = painter.font()
            font.setBold(bold)
            painter.setFont(font)
            painter.setPen(palette.text().color())
            painter.drawText(
                QRectF(0, y, label_w - 6, row_h),
                Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignRight,
                str(digit),
            )
            bar = QRectF(label_w, y + (row_h - bar_h) / 2, track_w, bar_h)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(track)
            painter.drawRoundedRect(bar, 3, 3)
            value = float(self._values[digit])
            if value > 0:
                painter.setBrush(accent if bold else QColor(150, 160, 175))
                painter.drawRoundedRect(QRectF(bar.left(), bar.top(), max(track_w * value, 2.0), bar_h), 3, 3)
            painter.setPen(palette.text().color() if bold else palette.placeholderText().color())
            text = format_percent(value) if self._shown else DASH
            painter.drawText(
                QRectF(row.right() - value_w, y, value_w, row_h),
                Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignRight,
                text,
            )
