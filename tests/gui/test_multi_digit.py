"""Several digits at once and "not sure", drawn with real mouse events on the main window's canvas."""

from __future__ import annotations

import itertools

import pytest
from gui_drawing import move, press, release
from PySide6.QtCore import QPointF, QRectF
from PySide6.QtWidgets import QLabel

from lenet_gui.core.calibration import calibration_for
from lenet_gui.core.predictor import Predictor
from lenet_gui.core.segment import read_number
from lenet_gui.core.weights import load_for_variant
from lenet_gui.gui.main_window import MainWindow
from lenet_gui.gui.sample_digits import digit_strokes

pytestmark = [pytest.mark.gui, pytest.mark.mnist]


def wait_settled(qtbot, window: MainWindow) -> None:
    qtbot.waitUntil(lambda: window.shown_sequence == window.sent_sequence, timeout=15_000)


def draw_strokes(window: MainWindow, strokes: list[list[QPointF]]) -> None:
    canvas = window.canvas
    for stroke in strokes:
        press(canvas, stroke[0])
        for point in stroke[1:]:
            move(canvas, point)
        release(canvas, stroke[-1])


def write_number(window: MainWindow, digits: str) -> list[QRectF]:
    """Write ``digits`` left to right, each in its own cell and with its own strokes; the cells."""
    canvas = window.canvas
    sheet = canvas.sheet_rect()
    side = min(sheet.width() / (len(digits) + 0.5), sheet.height() * 0.7)
    top = sheet.top() + (sheet.height() - side) / 2
    left = sheet.left() + (sheet.width() - side * len(digits)) / 2
    cells = [QRectF(left + i * side, top, side, side) for i in range(len(digits))]
    for digit, cell in zip(digits, cells, strict=True):
        draw_strokes(window, digit_strokes(int(digit), cell))
    return cells


@pytest.fixture
def wide_window(make_window, mnist) -> MainWindow:
    window = make_window()
    window.resize(1400, 700)
    window.canvas.set_brush_size(12)
    return window


def expected_reading(window: MainWindow):
    weights = load_for_variant(window.variant)
    return read_number(Predictor(weights, "cpu"), window.canvas.to_array(), calibration_for(weights))


def test_a_number_written_left_to_right_is_read_with_a_box_per_digit(qtbot, wide_window: MainWindow) -> None:
    window = wide_window
    cells = write_number(window, "2026")
    wait_settled(qtbot, window)
    expected = expected_reading(window)
    assert len(expected.digits) == 4
    assert window.findChild(QLabel, "prediction").text() == expected.text
    assert len(window.last_number.digits) == 4
    confidence = window.findChild(QLabel, "confidence").text()
    assert confidence.count("%") == 4  # a confidence per digit
    # One box per digit, each on the canvas over the cell it was written in, left to right.
    boxes = window.digitBoxes.boxes()
    assert len(boxes) == 4 and window.digitBoxes.isVisible()
    for box, cell in zip(boxes, cells, strict=True):
        assert cell.adjusted(-20, -20, 20, 20).contains(QRectF(box))
    assert [b.left() for b in boxes] == sorted(b.left() for b in boxes)
    # The boxes are an overlay: the drawing itself holds nothing but ink and paper.
    pixels = window.canvas.to_array()
    assert set(pixels[pixels.shape[0] // 2 - 3 : pixels.shape[0] // 2 + 3, 2:6].ravel()) == {255}
    # Several digits are no sample of one digit.
    assert not window.correctionBar.digitButtons[0].isEnabled()


def test_well_written_numbers_read_back(qtbot, wide_window: MainWindow) -> None:
    window = wide_window
    write_number(window, "1047")  # the 4 is two strokes that cross
    wait_settled(qtbot, window)
    shown = window.findChild(QLabel, "prediction").text()
    assert shown == expected_reading(window).text
    assert len(shown) == 4
    assert sum(a == b for a, b in zip(shown, "1047", strict=True)) >= 3


def test_a_single_digit_shows_as_before_without_boxes(qtbot, wide_window: MainWindow) -> None:
    window = wide_window
    window.resize(900, 640)
    window.canvas.set_brush_size(24)
    cell = window.canvas.sheet_rect().adjusted(60, 60, -60, -60)
    draw_strokes(window, digit_strokes(3, cell))
    wait_settled(qtbot, window)
    reading = expected_reading(window)
    assert len(reading.digits) == 1
    assert window.findChild(QLabel, "prediction").text() == reading.text
    assert window.digitBoxes.boxes() == []
    assert window.probabilityView.values().argmax() == reading.digits[0].digit
    window.actionClear.trigger()
    wait_settled(qtbot, window)
    assert window.digitBoxes.boxes() == [] and window.last_number is None


def test_a_filled_blob_is_not_sure(qtbot, wide_window: MainWindow) -> None:
    window = wide_window
    window.resize(900, 640)
    window.canvas.set_brush_size(60)
    area = window.canvas.sheet_rect().adjusted(120, 120, -120, -120)
    zigzag = []
    y = area.top()
    while y <= area.bottom():
        zigzag += [QPointF(area.left(), y), QPointF(area.right(), y)]
        y += 20
    draw_strokes(window, [[QPointF(p) for p in _dense(zigzag)]])
    wait_settled(qtbot, window)
    assert window.findChild(QLabel, "prediction").text() == "?"
    confidence = window.findChild(QLabel, "confidence").text()
    assert confidence.startswith("Not sure") and "%" in confidence
    assert window.last_number.digits[0].verdict.sure is False
    # Nothing to confirm, but the user can still say what it is.
    assert not window.correctionBar.confirmButton.isEnabled()
    assert window.correctionBar.digitButtons[8].isEnabled()


def _dense(points: list[QPointF], step: float = 12.0) -> list[QPointF]:
    """Points every ``step`` pixels along a polyline, as a mouse delivers them."""
    out = [points[0]]
    for a, b in itertools.pairwise(points):
        n = max(1, int(((b.x() - a.x()) ** 2 + (b.y() - a.y()) ** 2) ** 0.5 / step))
        out += [a + (b - a) * (i / n) for i in range(1, n + 1)]
    return out
