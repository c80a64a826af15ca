"""The main window's layout: nothing in the prediction panel overlaps or is cut off, at any size the window takes."""

from __future__ import annotations

import itertools

import pytest
from gui_drawing import draw_digit_with_mouse
from gui_waiting import wait_settled
from PySide6.QtCore import QRect
from PySide6.QtWidgets import QApplication, QLabel, QScrollArea, QWidget

from lenet_gui.gui.main_window import MainWindow


def leaves(panel: QWidget) -> list[QWidget]:
    """The visible widgets of ``panel`` that hold no visible widget themselves: what the user sees."""
    shown = [w for w in panel.findChildren(QWidget) if w.isVisibleTo(panel)]
    return [w for w in shown if not any(c.isVisibleTo(panel) for c in w.findChildren(QWidget))]


def needed_height(widget: QWidget) -> int:
    if isinstance(widget, QLabel) and widget.wordWrap():
        return widget.heightForWidth(widget.width())
    return widget.minimumSizeHint().height()


def assert_laid_out(window: MainWindow) -> None:
    QApplication.processEvents()
    panel = window.probabilityView.parentWidget()  # the "Prediction" group box
    inside = panel.contentsRect()
    placed: list[tuple[QWidget, QRect]] = []
    for widget in leaves(panel):
        rect = QRect(widget.mapTo(panel, widget.rect().topLeft()), widget.size())
        name = widget.objectName() or type(widget).__name__
        assert inside.contains(rect), f"{name} {rect} sticks out of the panel {inside}"
        assert widget.height() >= needed_height(widget), f"{name} is squeezed to {widget.height()} px"
        placed.append((widget, rect))
    for (a, ra), (b, rb) in itertools.combinations(placed, 2):
        assert not ra.intersects(rb), f"{a.objectName()} {ra} overlaps {b.objectName()} {rb}"
    bars = window.probabilityView
    assert bars.height() >= bars.minimumHeight()
    # The bars stay together in a tall window: each row at most this high.
    assert bars.height() <= 10 * 30


@pytest.mark.parametrize("size", [(1, 1), (800, 560), (900, 650), (1600, 1200)])
def test_nothing_in_the_prediction_panel_overlaps(qtbot, window: MainWindow, size: tuple[int, int]) -> None:
    window.resize(*size)
    assert_laid_out(window)  # empty
    draw_digit_with_mouse(window.canvas, 9)
    wait_settled(qtbot, window)
    assert_laid_out(window)
    window.commands.actionInside.trigger()
    qtbot.waitUntil(window.insidePanel.isVisible)
    assert_laid_out(window)


def test_the_window_takes_small_sizes_and_shows_the_whole_panel_at_900_by_650(qtbot, window: MainWindow) -> None:
    window.resize(800, 560)  # a small screen: the window takes the size; the side panel scrolls
    QApplication.processEvents()
    assert window.size().toTuple() == (800, 560)
    assert window.canvas.height() >= 240
    window.resize(900, 650)
    draw_digit_with_mouse(window.canvas, 9)
    wait_settled(qtbot, window)
    QApplication.processEvents()
    assert window.size().toTuple() == (900, 650)
    side = window.findChild(QScrollArea, "sidePanel")
    assert not side.verticalScrollBar().isVisible(), "the panel does not fit at 900x650"
    panel = window.probabilityView.parentWidget()
    bottom = window.correctionBar.mapTo(side.viewport(), window.correctionBar.rect().bottomLeft()).y()
    assert bottom <= side.viewport().height() and panel.isVisible()


class WideScreen:
    """A screen with room for a wider window (the offscreen platform's is 800 px wide)."""

    def availableGeometry(self) -> QRect:
        return QRect(0, 0, 2400, 1400)


def test_opening_the_inside_view_keeps_the_canvas_when_the_screen_has_room(
    qtbot, window: MainWindow, monkeypatch
) -> None:
    monkeypatch.setattr(window, "screen", WideScreen)
    window.move(0, 0)
    window.resize(1040, 700)
    QApplication.processEvents()
    canvas = window.canvas.size()
    window.commands.actionInside.trigger()
    qtbot.waitUntil(window.insidePanel.isVisible)
    QApplication.processEvents()
    assert window.width() > 1040 + 300
    assert window.canvas.width() >= 0.95 * canvas.width() and window.canvas.height() == canvas.height()
    window.commands.actionInside.trigger()
    qtbot.waitUntil(lambda: not window.insidePanel.isVisible())
    QApplication.processEvents()
    # Narrow again (Qt may have widened it a little to fit the view's minimum before it was widened for it).
    assert window.width() < 1040 + 100 and window.canvas.width() >= canvas.width()
