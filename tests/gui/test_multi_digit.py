"""Several digits at once and "not sure", drawn with real mouse events on the main window's canvas."""

from __future__ import annotations

import itertools

import numpy as np
import pytest
from gui_drawing import move, press, release
from gui_waiting import wait_settled
from PIL import Image
from PySide6.QtCore import QPoint, QPointF, QRectF, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QLabel

from lenet_gui.core.calibration import calibration_for
from lenet_gui.core.predictor import Predictor
from lenet_gui.core.samples import SampleStore
from lenet_gui.core.segment import digit_drawing, read_drawing, segment
from lenet_gui.core.weights import load_for_variant
from lenet_gui.gui.main_window import MainWindow
from lenet_gui.gui.sample_digits import digit_strokes

pytestmark = pytest.mark.mnist


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
    return read_drawing(Predictor(weights, "cpu"), window.canvas.to_array(), calibration_for(weights))


def test_a_number_written_left_to_right_is_read_with_a_box_per_digit(qtbot, wide_window: MainWindow) -> None:
    window = wide_window
    cells = write_number(window, "2026")
    wait_settled(qtbot, window)
    expected = expected_reading(window)
    assert len(expected.digits) == 4
    assert window.findChild(QLabel, "prediction").text() == expected.text
    assert len(window.reading.digits) == 4
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
    # The panel shows the digit written last, and says so; the correction is about that digit.
    assert window.digitBoxes.selected() == 3
    assert "Digit 4 of 4" in window.predictionPanel.captionLabel.text()
    assert "Digit 4 of 4" in window.predictionPanel.barsTitle.text()
    assert window.correctionBar.digitButtons[0].isEnabled()


def test_well_written_numbers_read_back(qtbot, wide_window: MainWindow) -> None:
    window = wide_window
    write_number(window, "1047")  # the 4 is two strokes that cross
    wait_settled(qtbot, window)
    shown = window.findChild(QLabel, "prediction").text()
    assert shown == expected_reading(window).text
    assert len(shown) == 4
    assert sum(a == b for a, b in zip(shown, "1047", strict=True)) >= 3


def test_digits_written_touching_are_read_apart(qtbot, wide_window: MainWindow) -> None:
    """Each digit drawn with its own strokes, pressed into the one before so that the ink is one shape: the window
    reads them apart from the canvas' stroke map, as its reading without the strokes does not."""
    window = wide_window
    canvas = window.canvas
    sheet = canvas.sheet_rect()
    side = sheet.width() * 0.3
    x = sheet.left() + side * 0.2
    for digit in "404":
        cell = QRectF(x, sheet.top() + side, side, side)
        draw_strokes(window, digit_strokes(int(digit), cell))
        ink = np.flatnonzero((canvas.to_array() < 128).any(axis=0))
        # The next cell starts where this digit's ink ends, less the left margin of a digit in its cell and a bit.
        x = canvas.to_widget(QPointF(float(ink[-1]), 0)).x() - side * 0.28
    wait_settled(qtbot, window)
    drawing = canvas.to_array()
    assert len(segment(drawing)) == 1  # the ink is one shape
    assert window.findChild(QLabel, "prediction").text() == "404"
    assert len(window.digitBoxes.boxes()) == 3
    expected = expected_reading(window)
    assert expected.text != "404"


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
    window.commands.actionClear.trigger()
    wait_settled(qtbot, window)
    assert window.digitBoxes.boxes() == [] and window.reading is None


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
    assert window.reading.digits[0].verdict.sure is False
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


def box_centre(window: MainWindow, index: int) -> QPoint:
    return window.digitBoxes.boxes()[index].center()


def test_a_click_on_a_digits_box_selects_it_everywhere(qtbot, wide_window: MainWindow) -> None:
    window = wide_window
    window.commands.actionInside.trigger()
    write_number(window, "2026")
    wait_settled(qtbot, window)
    compare = window.dialogs.open_compare()
    qtbot.waitUntil(lambda: compare.is_settled() and compare.comparison is not None, timeout=15_000)
    number = window.reading
    assert len(number.digits) == 4 and window.digitBoxes.selected() == 3
    drawing = window.canvas.to_array()

    QTest.mouseClick(window.canvas, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, box_centre(window, 1))
    assert np.array_equal(window.canvas.to_array(), drawing)  # a click on a box selects; it draws no dot
    assert window.digitBoxes.selected() == 1 and window.selected_digit is number.digits[1]
    second = number.digits[1]
    panel = window.predictionPanel
    assert panel.captionLabel.text() == "Digit 2 of 4" and "Digit 2 of 4" in panel.barsTitle.text()
    np.testing.assert_allclose(window.probabilityView.values(), second.shown_probabilities, atol=1e-6)
    assert np.array_equal(window.preview.pixels(), second.preprocessed.image)
    # The inside view shows the forward pass of that digit, and says which one it is.
    np.testing.assert_allclose(
        window.insidePanel.grids["OUTPUT"].values().ravel(), np.exp(second.activations["OUTPUT"]).ravel(), atol=1e-6
    )
    assert "Digit 2 of 4" in window.insidePanel.partLabel.text() and window.insidePanel.partLabel.isVisible()
    # Compare runs both variants on that digit alone.
    qtbot.waitUntil(lambda: compare.is_settled() and "Digit 2 of 4" in compare.partLabel.text(), timeout=15_000)
    alone = digit_drawing(drawing, second)
    expected = Predictor(load_for_variant("conv"), "cpu").predict(alone)
    np.testing.assert_allclose(compare.views["conv"].values(), expected.probabilities, atol=1e-6)

    # "Wrong? It is a …" keeps that digit alone, as the network saw it.
    window.correctionBar.digitButtons[5].click()
    qtbot.waitUntil(lambda: not window.samples.busy)  # written in the samples thread
    (sample,) = SampleStore().list()
    store = SampleStore()
    assert sample.label == 5
    assert np.array_equal(np.asarray(Image.open(store.input_path(sample))), second.preprocessed.image)
    assert np.array_equal(np.asarray(Image.open(store.original_path(sample)).convert("L")), alone)
    assert window.correctionBar.is_kept() and "Digit 2 of 4" in window.correctionBar.question.text()

    # The arrows step through the digits; the last one is not kept yet, so the bar asks again.
    panel.nextButton.click()
    assert window.digitBoxes.selected() == 2 and panel.captionLabel.text() == "Digit 3 of 4"
    assert not window.correctionBar.is_kept() and window.correctionBar.digitButtons[5].isEnabled()
    panel.nextButton.click()
    assert window.digitBoxes.selected() == 3 and not panel.nextButton.isEnabled()


def test_a_stroke_that_starts_in_a_box_still_draws(qtbot, wide_window: MainWindow) -> None:
    window = wide_window
    write_number(window, "2026")
    wait_settled(qtbot, window)
    before = (window.canvas.to_array() < 128).sum()
    start = QPointF(box_centre(window, 0))
    stroke = [start + QPointF(3 * i, 40 + 2 * i) for i in range(30)]
    draw_strokes(window, [stroke])
    assert (window.canvas.to_array() < 128).sum() > before
    assert window.canvas.can_undo()


def test_the_question_mark_is_explained(qtbot, wide_window: MainWindow) -> None:
    window = wide_window
    write_number(window, "2026")
    wait_settled(qtbot, window)
    legend = window.predictionPanel.legendLabel.text()
    assert "“?”" in legend and "%" in legend and window.predictionPanel.legendLabel.isVisible()


def test_tags_of_narrow_neighbouring_digits_do_not_overlap(qtbot, wide_window: MainWindow) -> None:
    """Two 1s written close: each box keeps a tag of its own, shortened to the digit where the whole one would run
    into the next; wide digits keep their confidence."""
    window = wide_window
    sheet = window.canvas.sheet_rect()
    x, top, height = sheet.center().x(), sheet.top() + sheet.height() * 0.3, sheet.height() * 0.4
    for dx in (-0.04, 0.04):
        column = x + dx * sheet.width()
        draw_strokes(window, [[QPointF(column, top + height * t / 8) for t in range(9)]])
    wait_settled(qtbot, window)
    assert window.reading.text == "11"
    tags = window.digitBoxes.tags()
    texts = [text for _, text in tags]
    assert texts[0] == "1" and texts[1].startswith("1 · ") and texts[1].endswith("%")  # the last has room
    assert tags[0][0].right() <= tags[1][0].left()
    window.canvas.clear()
    write_number(window, "20")
    wait_settled(qtbot, window)
    assert all("%" in text for _, text in window.digitBoxes.tags())
