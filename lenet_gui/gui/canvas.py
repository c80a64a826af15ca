"""The drawing canvas: anti-aliased strokes on a square sheet, eraser, undo/redo, opened pictures, drag and drop.

The drawing lives on a sheet of fixed size (``SHEET`` pixels square), whatever the widget's size: the
widget shows the sheet scaled to fit (aspect kept, never cropped) and maps the pointer into it, so
resizing the window, docking a panel or moving to another screen never changes what the network reads.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
from PySide6.QtCore import QPointF, QRect, QRectF, QSize, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QCursor,
    QDragEnterEvent,
    QDropEvent,
    QImage,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPen,
    QPixmap,
    QResizeEvent,
    QTabletEvent,
)
from PySide6.QtWidgets import QSizePolicy, QWidget

from lenet_gui.core.preprocess import to_ink
from lenet_gui.gui.i18n import Retranslating
from lenet_gui.gui.settings import BRUSH_RANGE, DEFAULT_BRUSH

# Side of the sheet in its own pixels: brush sizes, stroke points and the network's input use this space.
SHEET = 560
PAPER = QColor(255, 255, 255)
INK = QColor(20, 20, 24)
# The eraser paints this much wider (sheet pixels) than its brush, so that it also covers the anti-aliased rim of
# ink drawn with the same brush, which would otherwise stay as a faint ring that the preprocessing reads as ink.
ERASE_MARGIN = 2.0
# The stroke map (which stroke painted each pixel) paints pen strokes this much wider (sheet pixels) than the ink, so
# that it also covers the ink's anti-aliased rim, and the eraser this much narrower than the paper it paints.
STROKE_MAP_MARGIN = 2.0
# Share of the canvas an opened picture may fill, leaving a margin like a hand-drawn digit.
PICTURE_FILL = 0.8


@dataclass
class Stroke:
    """One press-move-release of the pen, in sheet coordinates."""

    width: float
    erase: bool
    points: list[QPointF] = field(default_factory=list)
    pressures: list[float] = field(default_factory=list)

    def width_at(self, pressure: float) -> float:
        """The brush's width at a pen pressure (0-1): a light touch draws a thinner line."""
        return self.width * (0.3 + 0.7 * pressure)


@dataclass(frozen=True)
class Picture:
    """An opened image (dark ink on white), fitted into the sheet; replaces what was drawn before."""

    image: QImage


@dataclass(frozen=True)
class Clear:
    """Wipes the canvas; kept in the history so that Clear can be undone."""


Operation = Stroke | Picture | Clear


class Canvas(Retranslating, QWidget):
    """A white square sheet to draw a digit on; emits ``changed`` whenever the drawing changes, also mid-stroke."""

    changed = Signal()
    historyChanged = Signal()
    fileDropped = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("canvas")
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)
        self.setAttribute(Qt.WidgetAttribute.WA_AcceptTouchEvents, False)  # Qt turns touches into mouse events
        self.setAcceptDrops(True)
        self.setMinimumSize(240, 240)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.retranslate()
        self._history: list[Operation] = []
        self._redo: list[Operation] = []
        self._stroke: Stroke | None = None
        self._brush = float(DEFAULT_BRUSH)
        self._eraser = False
        self._image = self._blank(QSize(SHEET, SHEET))
        self._stroke_map = self._blank_map()
        self._strokes_shown = 0  # strokes painted since the last clear or picture: the next stroke's number - 1
        self._update_cursor()

    def retranslate(self) -> None:
        """Set the texts in the interface language (at start and when the language changes)."""
        self.setToolTip(self.tr("Draw a digit. Right-click clears."))

    # -- state -------------------------------------------------------------------------------------------------

    @property
    def brush_size(self) -> float:
        return self._brush

    def set_brush_size(self, size: float) -> None:
        """Pen diameter in sheet pixels for the next strokes."""
        low, high = BRUSH_RANGE
        self._brush = float(min(max(size, low), high))
        self._update_cursor()

    def set_eraser(self, on: bool) -> None:
        """Whether the next strokes erase instead of draw."""
        self._eraser = on
        self._update_cursor()

    def is_empty(self) -> bool:
        """True when nothing has been drawn or opened since the last clear."""
        return self._stroke is None and not self._visible_operations()

    def can_undo(self) -> bool:
        return bool(self._history) and self._stroke is None

    def can_redo(self) -> bool:
        return bool(self._redo) and self._stroke is None

    def image(self) -> QImage:
        """A copy of the drawing as it is now."""
        return self._image.copy()

    def to_array(self) -> np.ndarray:
        """The whole sheet as a SHEETxSHEET uint8 grayscale array (dark ink on white)."""
        gray = self._image.convertToFormat(QImage.Format.Format_Grayscale8)
        height, width, stride = gray.height(), gray.width(), gray.bytesPerLine()
        rows = np.frombuffer(gray.constBits(), dtype=np.uint8, count=height * stride)
        return rows.reshape(height, stride)[:, :width].copy()

    def stroke_map(self) -> np.ndarray:
        """Which stroke painted each pixel of :meth:`to_array`: SHEETxSHEET int32 (a copy), strokes numbered from 1
        in the order drawn since the last clear or picture, 0 for paper, erased ink and opened pictures. Digits that
        touch are strokes apart (:func:`lenet_gui.core.segment.read_drawing` uses it to split them)."""
        height, width, stride = self._stroke_map.height(), self._stroke_map.width(), self._stroke_map.bytesPerLine()
        rows = np.frombuffer(self._stroke_map.constBits(), dtype=np.uint32, count=height * stride // 4)
        numbers = rows.reshape(height, stride // 4)[:, :width] & 0xFFFFFF  # RGB32 keeps 0xFF in the top byte
        return numbers.view(np.int32)

    # -- editing -----------------------------------------------------------------------------------------------

    def undo(self) -> None:
        """Take back the last stroke, clear or picture."""
        if self.can_undo():
            self._redo.append(self._history.pop())
            self._rerender()

    def redo(self) -> None:
        """Put back what the last undo took."""
        if self.can_redo():
            self._history.append(self._redo.pop())
            self._rerender()

    def clear(self) -> None:
        """Wipe the canvas (undoable)."""
        if self._stroke is None and not self.is_empty():
            self._push(Clear())
            self._rerender()

    def set_picture(self, array: np.ndarray) -> None:
        """Show an image (any array :func:`preprocess.to_ink` reads) as dark ink on white, fitted in the canvas."""
        ink = to_ink(array)
        peak = float(ink.max(initial=0.0))
        if peak > 0:
            ink *= 255.0 / peak
        gray = np.ascontiguousarray(255 - np.clip(ink, 0, 255).astype(np.uint8))
        height, width = gray.shape
        image = QImage(gray.data, width, height, width, QImage.Format.Format_Grayscale8).copy()
        self._push(Picture(image))
        self._rerender()

    # -- geometry ----------------------------------------------------------------------------------------------

    def sheet_rect(self) -> QRectF:
        """Where the sheet is shown, in widget pixels: the largest centred square that fits."""
        side = max(min(self.width(), self.height()), 1)
        return QRectF((self.width() - side) / 2, (self.height() - side) / 2, side, side)

    def to_sheet(self, pos: QPointF) -> QPointF:
        """A widget position in sheet coordinates."""
        shown = self.sheet_rect()
        scale = SHEET / shown.width()
        return QPointF((pos.x() - shown.left()) * scale, (pos.y() - shown.top()) * scale)

    def to_widget(self, pos: QPointF) -> QPointF:
        """A sheet position in widget coordinates (inverse of :meth:`to_sheet`)."""
        shown = self.sheet_rect()
        scale = shown.width() / SHEET
        return QPointF(shown.left() + pos.x() * scale, shown.top() + pos.y() * scale)

    # -- drawing -----------------------------------------------------------------------------------------------

    def begin_stroke(self, pos: QPointF, pressure: float = 1.0) -> None:
        """Start a stroke at ``pos`` (sheet coordinates); the mouse, the tablet and scripted drawing all call it."""
        if self._stroke is not None:
            self.end_stroke()
        self._stroke = Stroke(self._brush, self._eraser)
        self._strokes_shown += 1
        self.historyChanged.emit()
        self.update()  # removes the hint text
        self.extend_stroke(pos, pressure)

    def extend_stroke(self, pos: QPointF, pressure: float = 1.0) -> None:
        """Add a point (sheet coordinates) to the stroke being drawn and paint the new segment at once."""
        stroke = self._stroke
        if stroke is None:
            return
        start = stroke.points[-1] if stroke.points else pos
        stroke.points.append(QPointF(pos))
        stroke.pressures.append(pressure)
        painter = QPainter(self._image)
        width = self._paint_segment(painter, stroke, start, pos, pressure)
        painter.end()
        painter = QPainter(self._stroke_map)
        self._map_segment(painter, stroke, self._strokes_shown, start, pos, pressure)
        painter.end()
        margin = width / 2 + 2
        dirty = QRectF(self.to_widget(start), self.to_widget(pos)).normalized()
        grow = margin * self.sheet_rect().width() / SHEET + 1
        self.update(dirty.adjusted(-grow, -grow, grow, grow).toAlignedRect())
        self.changed.emit()

    def end_stroke(self) -> None:
        """Finish the current stroke; it becomes one undo step."""
        stroke, self._stroke = self._stroke, None
        if stroke is not None:
            self._push(stroke)

    # -- Qt events ---------------------------------------------------------------------------------------------

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self.begin_stroke(self.to_sheet(event.position()))
        elif event.button() == Qt.MouseButton.RightButton:
            self.clear()

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if event.buttons() & Qt.MouseButton.LeftButton:
            self.extend_stroke(self.to_sheet(event.position()))

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self.end_stroke()

    def tabletEvent(self, event: QTabletEvent) -> None:
        pressure = max(event.pressure(), 0.05)
        kind = event.type()
        if kind == QTabletEvent.Type.TabletPress:
            self.begin_stroke(self.to_sheet(event.position()), pressure)
        elif kind == QTabletEvent.Type.TabletMove and self._stroke is not None:
            self.extend_stroke(self.to_sheet(event.position()), pressure)
        elif kind == QTabletEvent.Type.TabletRelease:
            self.end_stroke()
        event.accept()

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        shown = self.sheet_rect()
        painter.fillRect(event.rect(), self.palette().window())
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        # Only the part of the sheet under the dirty rectangle: a stroke repaints a few pixels, not the sheet.
        target = QRectF(event.rect()).intersected(shown)
        scale = SHEET / shown.width()
        source = target.translated(-shown.topLeft())
        source = QRectF(source.left() * scale, source.top() * scale, source.width() * scale, source.height() * scale)
        painter.drawImage(target, self._image, source)
        if self.is_empty():
            painter.setPen(QColor(150, 150, 155))
            font = painter.font()
            font.setPointSizeF(font.pointSizeF() * 1.4)
            painter.setFont(font)
            painter.drawText(shown, Qt.AlignmentFlag.AlignCenter, self.tr("Draw a digit here"))
        painter.setPen(QPen(self.palette().mid().color(), 1))
        painter.drawRect(shown.adjusted(0, 0, -1, -1))

    def resizeEvent(self, event: QResizeEvent) -> None:
        self._update_cursor()  # the brush outline follows the sheet's scale on screen
        super().resizeEvent(event)

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if self._dropped_file(event) is not None:
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        path = self._dropped_file(event)
        if path is not None:
            event.acceptProposedAction()
            self.fileDropped.emit(path)

    def sizeHint(self) -> QSize:
        return QSize(520, 520)

    # -- internals ---------------------------------------------------------------------------------------------

    @staticmethod
    def _dropped_file(event: QDragEnterEvent | QDropEvent) -> str | None:
        urls = event.mimeData().urls() if event.mimeData().hasUrls() else []
        return urls[0].toLocalFile() if urls and urls[0].isLocalFile() else None

    def _push(self, operation: Operation) -> None:
        self._history.append(operation)
        self._redo.clear()
        self.historyChanged.emit()

    def _visible_operations(self) -> list[Operation]:
        start = 0
        for i, op in enumerate(self._history):
            if isinstance(op, Clear | Picture):
                start = i + (1 if isinstance(op, Clear) else 0)
        return self._history[start:]

    def _rerender(self) -> None:
        self._image, self._stroke_map = self._render()
        self.update()
        self.historyChanged.emit()
        self.changed.emit()

    @staticmethod
    def _blank(size: QSize) -> QImage:
        image = QImage(size, QImage.Format.Format_RGB32)
        image.fill(PAPER)
        return image

    def _render(self) -> tuple[QImage, QImage]:
        """The sheet and its stroke map (see :meth:`stroke_map`) painted anew from the history; counts the strokes
        shown."""
        image, strokes = self._blank(QSize(SHEET, SHEET)), self._blank_map()
        painter, mapper = QPainter(image), QPainter(strokes)
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        self._strokes_shown = 0
        for op in self._visible_operations():
            if isinstance(op, Picture):
                painter.drawImage(self._picture_rect(op.image.size(), image.size()), op.image)
            elif isinstance(op, Stroke):
                self._strokes_shown += 1
                for i, point in enumerate(op.points):
                    start = op.points[max(i - 1, 0)]
                    self._paint_segment(painter, op, start, point, op.pressures[i])
                    self._map_segment(mapper, op, self._strokes_shown, start, point, op.pressures[i])
        painter.end()
        mapper.end()
        return image, strokes

    @staticmethod
    def _blank_map() -> QImage:
        image = QImage(QSize(SHEET, SHEET), QImage.Format.Format_RGB32)
        image.fill(QColor(0, 0, 0))
        return image

    @staticmethod
    def _map_segment(
        painter: QPainter, stroke: Stroke, number: int, start: QPointF, end: QPointF, pressure: float
    ) -> None:
        """Paint a segment of stroke ``number`` on the stroke map: its number as an RGB colour (0 for the eraser),
        without anti-aliasing, so that every pixel holds one stroke's number."""
        # Wider than the ink for the pen, narrower than the erased paper for the eraser: no ink is left unnumbered.
        margin = ERASE_MARGIN - STROKE_MAP_MARGIN if stroke.erase else STROKE_MAP_MARGIN
        width = max(stroke.width_at(pressure) + margin, 1.0)
        label = 0 if stroke.erase else number
        Canvas._draw(painter, QColor((label >> 16) & 255, (label >> 8) & 255, label & 255), width, start, end)

    @staticmethod
    def _picture_rect(picture: QSize, canvas: QSize) -> QRect:
        scale = PICTURE_FILL * min(canvas.width() / picture.width(), canvas.height() / picture.height())
        width, height = max(1, round(picture.width() * scale)), max(1, round(picture.height() * scale))
        return QRect((canvas.width() - width) // 2, (canvas.height() - height) // 2, width, height)

    @staticmethod
    def _paint_segment(painter: QPainter, stroke: Stroke, start: QPointF, end: QPointF, pressure: float) -> float:
        width = stroke.width_at(pressure) + (ERASE_MARGIN if stroke.erase else 0.0)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        Canvas._draw(painter, PAPER if stroke.erase else INK, width, start, end)
        return width

    @staticmethod
    def _draw(painter: QPainter, colour: QColor, width: float, start: QPointF, end: QPointF) -> None:
        """A line of round pen; a click (``start == end``) paints a round dot (a line of no length paints nothing)."""
        pen = QPen(colour, width)
        pen.setCapStyle(Qt.PenCapStyle.RoundCap)
        pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
        painter.setPen(pen)
        if start == end:
            painter.drawPoint(end)
        else:
            painter.drawLine(start, end)

    def _update_cursor(self) -> None:
        size = max(int(self._brush * self.sheet_rect().width() / SHEET) + 4, 9)
        pixmap = QPixmap(size, size)
        pixmap.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pixmap)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(QPen(QColor(0, 120, 215) if self._eraser else QColor(90, 90, 95), 1.2))
        painter.drawEllipse(QRectF(2, 2, size - 4, size - 4))
        painter.drawPoint(QPointF(size / 2, size / 2))
        painter.end()
        self.setCursor(QCursor(pixmap))
