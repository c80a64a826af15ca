"""The prediction panel: one confidence everywhere, the correction shown with an Undo, clear words."""

from __future__ import annotations

import numpy as np
import pytest
from gui_drawing import canvas_area, draw_digit_with_mouse, move, press, release
from gui_waiting import wait_settled
from PySide6.QtCore import QPointF

from lenet_gui.core.samples import SampleStore
from lenet_gui.gui.formatting import format_percent
from lenet_gui.gui.main_window import MainWindow
from lenet_gui.gui.sample_digits import digit_strokes

pytestmark = pytest.mark.mnist


def test_the_answer_and_its_bar_give_the_same_confidence(qtbot, window: MainWindow, mnist) -> None:
    draw_digit_with_mouse(window.canvas, 1)  # a 1 the network is a little less than sure of
    wait_settled(qtbot, window)
    (digit,) = window.reading.digits
    assert digit.verdict is not None  # read with a calibration
    values = window.probabilityView.values()
    top = int(values.argmax())
    assert top == digit.digit
    stated = window.confidenceLabel.text().replace("\u00a0", " ")
    assert format_percent(values[top]) in stated, (stated, values[top])
    assert format_percent(digit.confidence) in stated
    assert "calibrated" in window.predictionPanel.barsTitle.toolTip().lower()
    assert "calibrated" in window.predictionPanel.legendLabel.text().lower()


def test_a_correction_shows_in_the_panel_and_can_be_undone(qtbot, window: MainWindow) -> None:
    draw_digit_with_mouse(window.canvas, 7)
    wait_settled(qtbot, window)
    bar = window.correctionBar
    assert not bar.is_kept() and not bar.undoButton.isVisible()
    bar.digitButtons[1].click()  # "It is a 1"
    qtbot.waitUntil(lambda: not window.samples.busy)  # written in the samples thread
    assert [s.label for s in SampleStore().list()] == [1]
    assert bar.is_kept() and bar.undoButton.isVisible()
    assert "You said 1" in bar.question.text() and bar.question.isVisible()
    assert not any(b.isEnabled() for b in bar.digitButtons)
    bar.undoButton.click()
    qtbot.waitUntil(lambda: not window.samples.busy)  # written in the samples thread
    assert SampleStore().list() == []
    assert not bar.is_kept() and all(b.isEnabled() for b in bar.digitButtons)
    assert "Forgot" in window.statusBar().currentMessage()
    bar.digitButtons[7].click()  # and it can be said again
    qtbot.waitUntil(lambda: not window.samples.busy)  # written in the samples thread
    assert [s.label for s in SampleStore().list()] == [7]


def test_a_tiny_mark_says_why_it_is_not_read(qtbot, window: MainWindow) -> None:
    window.canvas.set_brush_size(4)
    area = canvas_area(window.canvas)
    start = area.center()
    press(window.canvas, start)
    move(window.canvas, start + QPointF(3, 3))
    release(window.canvas, start + QPointF(3, 3))
    wait_settled(qtbot, window)
    assert window.predictionLabel.text() not in "0123456789"
    assert "too small" in window.confidenceLabel.text()


def test_a_small_thick_digit_is_called_too_small_or_too_thick(qtbot, window: MainWindow, mnist) -> None:
    window.canvas.set_brush_size(60)
    area = canvas_area(window.canvas)
    small = area.adjusted(area.width() * 0.45, area.height() * 0.45, -area.width() * 0.45, -area.height() * 0.45)
    for stroke in digit_strokes(3, small):
        press(window.canvas, stroke[0])
        for point in stroke[1:]:
            move(window.canvas, point)
        release(window.canvas, stroke[-1])
    wait_settled(qtbot, window)
    text = window.confidenceLabel.text()
    assert text.startswith("Not sure") and "too small or too thick" in text
    assert np.isclose(window.probabilityView.values().sum(), 1.0, atol=1e-3)
