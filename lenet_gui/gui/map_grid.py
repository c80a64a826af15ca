"""A grid of small 2-D maps (feature maps, filters, single values) painted as sharp coloured pixels."""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QPoint, QRect, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFont, QImage, QMouseEvent, QPainter, QPaintEvent, qRgb
from PySide6.QtWidgets import QWidget


def _diverging_table() -> list[int]:
    """256 colours: blue for negative, white for zero, red for positive (like matplotlib's RdBu, reversed)."""
    blue, white, red = np.array([33, 102, 172]), np.array([247, 247, 247]), np.array([178, 24, 43])
    t = np.linspace(-1.0, 1.0, 256)[:, None]
    rgb = np.where(t < 0, white + (blue - white) * -t, white + (red - white) * t).round().astype(int)
    return [qRgb(*c) for c in rgb]


COLOUR_TABLE = _diverging_table()


def map_images(maps: np.ndarray, scale: float | None = None) -> list[QImage]:
    """One indexed QImage per map of ``maps`` (N x H x W), values divided by ``scale`` (default: the largest |value|).

    Zero is white, ``+scale`` dark red and ``-scale`` dark blue.
    """
    values = np.asarray(maps, dtype=np.float32)
    peak = float(np.abs(values).max(initial=0.0)) if scale is None else scale
    unit = values / peak if peak > 0 else np.zeros_like(values)
    indices = np.ascontiguousarray(np.clip(np.rint((unit + 1.0) * 127.5), 0, 255).astype(np.uint8))
    _, height, width = indices.shape
    images = []
    for plane in indices:
        image = QImage(plane.data, width, height, width, QImage.Format.Format_Indexed8).copy()
        image.setColorTable(COLOUR_TABLE)
        images.append(image)
    return images


class MapGrid(QWidget):
    """Paints N maps of equal size in ``columns`` columns, each enlarged ``scale`` times (nearest neighbour).

    Emits ``hovered(index)`` when the mouse moves onto a map and ``hovered(-1)`` when it leaves them.
    """

    hovered = Signal(int)

    def __init__(
        self, count: int, map_size: tuple[int, int], columns: int, scale: int, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._count = count
        self._map_h, self._map_w = map_size
        self._columns = columns
        self._scale = scale
        self._gap = 3
        self._images: list[QImage] = []
        self._values: np.ndarray | None = None
        self._labels: list[str] = []
        self._highlight = -1
        self._hover = -1
        self.setMouseTracking(True)
        self.setFixedSize(self._extent())

    # -- content -----------------------------------------------------------------------------------------------

    def set_maps(self, maps: np.ndarray | None, scale: float | None = None) -> None:
        """Show ``maps`` (N x H x W of the grid's map size, or a vector shown as 1x1 maps); None shows empty cells.

        N may differ from the count given at construction; the grid then shows N maps.
        """
        if maps is None:
            self._images, self._values = [], None
        else:
            values = np.asarray(maps, dtype=np.float32).reshape(-1, self._map_h, self._map_w)
            if len(values) != self._count:
                self._count = len(values)
                self.setFixedSize(self._extent())
            self._images, self._values = map_images(values, scale), values
        self.update()

    def values(self) -> np.ndarray | None:
        """The maps shown (N x H x W), or None."""
        return None if self._values is None else self._values.copy()

    def set_labels(self, labels: list[str]) -> None:
        """Text drawn in the middle of each cell (e.g. the digits of the output layer)."""
        self._labels = labels
        self.update()

    def set_highlight(self, index: int) -> None:
        """Frame one map (-1 for none)."""
        self._highlight = index
        self.update()

    @property
    def count(self) -> int:
        return self._count

    # -- geometry ----------------------------------------------------------------------------------------------

    def _rows(self) -> int:
        return -(-self._count // self._columns)

    def _extent(self) -> QSize:
        """The size of the grid, with a pixel of frame on every side."""
        s = self._scale
        return QSize(
            self._columns * (self._map_w * s + self._gap) - self._gap + 2,
            self._rows() * (self._map_h * s + self._gap) - self._gap + 2,
        )

    def cell_rect(self, index: int) -> QRect:
        """Where map ``index`` is painted, in widget coordinates."""
        s = self._scale
        w, h = self._map_w * s, self._map_h * s
        row, col = divmod(index, self._columns)
        return QRect(1 + col * (w + self._gap), 1 + row * (h + self._gap), w, h)

    def index_at(self, pos: QPoint) -> int:
        """The map under ``pos``, or -1."""
        for i in range(self._count):
            if self.cell_rect(i).contains(pos):
                return i
        return -1

    # -- events ------------------------------------------------------------------------------------------------

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        self._set_hover(self.index_at(event.position().toPoint()))

    def leaveEvent(self, event) -> None:
        self._set_hover(-1)
        super().leaveEvent(event)

    def _set_hover(self, index: int) -> None:
        if index != self._hover:
            self._hover = index
            self.hovered.emit(index)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)  # no SmoothPixmapTransform: every value stays a sharp square
        empty = self.palette().alternateBase().color().darker(106)
        border = self.palette().mid().color()
        font = QFont(self.font())
        font.setBold(True)
        painter.setFont(font)
        for i in range(self._count):
            rect = self.cell_rect(i)
            if i < len(self._images):
                painter.drawImage(rect, self._images[i])
            else:
                painter.fillRect(rect, empty)
            if i < len(self._labels):
                painter.setPen(QColor(30, 30, 30))
                painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, self._labels[i])
            painter.setPen(self.palette().highlight().color() if i == self._highlight else border)
            painter.drawRect(rect.adjusted(-1, -1, 0, 0))
