"""What the network sees: the 28x28 preprocessed image, enlarged with a visible pixel grid."""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QPointF, QRectF, QSize
from PySide6.QtGui import QColor, QImage, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from lenet_gui.core.preprocess import SIZE
from lenet_gui.gui.i18n import Retranslating


class PreviewWidget(Retranslating, QWidget):
    """Paints a 28x28 uint8 image (white ink on black, as in MNIST) as square cells with grid lines."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("preview")
        self.setMinimumSize(SIZE * 4, SIZE * 4)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        self._pixels: np.ndarray | None = None
        self._image = QImage()
        self.retranslate()

    def retranslate(self) -> None:
        """Set the tooltip in the interface language (at start and when the language changes)."""
        self.setToolTip(self.tr("The 28x28 image the network sees: your drawing centred and scaled like MNIST"))

    def pixels(self) -> np.ndarray | None:
        """The 28x28 image shown, or None when there is none."""
        return None if self._pixels is None else self._pixels.copy()

    def set_pixels(self, pixels: np.ndarray | None) -> None:
        """Show ``pixels`` (28x28 uint8) or an empty grid for None."""
        if pixels is None:
            self._pixels, self._image = None, QImage()
        else:
            self._pixels = np.ascontiguousarray(pixels, dtype=np.uint8)
            self._image = QImage(self._pixels.data, SIZE, SIZE, SIZE, QImage.Format.Format_Grayscale8).copy()
        self.update()

    def sizeHint(self) -> QSize:
        return QSize(SIZE * 7, SIZE * 7)

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        return width

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        side = min(self.width(), self.height())
        cell = side / SIZE
        area = QRectF((self.width() - side) / 2, (self.height() - side) / 2, side, side)
        painter.fillRect(area, QColor(0, 0, 0))
        if not self._image.isNull():
            painter.drawImage(area, self._image)  # no smoothing: each pixel stays a sharp square
        if cell >= 4:
            painter.setPen(QPen(QColor(60, 60, 66), 1))
            for i in range(SIZE + 1):
                offset = i * cell
                x, y = area.left() + offset, area.top() + offset
                painter.drawLine(QPointF(x, area.top()), QPointF(x, area.bottom()))
                painter.drawLine(QPointF(area.left(), y), QPointF(area.right(), y))
        painter.setPen(QPen(self.palette().mid().color(), 1))
        painter.drawRect(area)
