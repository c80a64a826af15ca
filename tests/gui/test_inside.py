"""The "See inside" panel: every layer's activations from the worker's forward pass, filters on hover."""

from __future__ import annotations

import numpy as np
from gui_drawing import draw_digit_with_mouse
from gui_waiting import wait_settled
from PySide6.QtCore import QPoint
from PySide6.QtGui import QColor
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QDockWidget, QLabel

from lenet_gui.core.predictor import Predictor
from lenet_gui.core.variants import LAYER_SHAPES
from lenet_gui.core.weights import load_for_variant
from lenet_gui.gui.main_window import MainWindow
from lenet_gui.gui.map_grid import map_images


def open_panel(qtbot, window: MainWindow) -> None:
    window.commands.actionInside.trigger()
    qtbot.waitUntil(lambda: window.insidePanel.isVisible())
    if window.canvas.is_empty():
        return
    qtbot.waitUntil(
        lambda: window.selected_digit is not None and window.selected_digit.activations is not None,
        timeout=10_000,
    )
    wait_settled(qtbot, window)


def test_activations_only_while_the_panel_is_shown(qtbot, window: MainWindow) -> None:
    panel = window.findChild(QDockWidget, "insidePanel")
    assert panel is window.insidePanel and not panel.isVisible()
    draw_digit_with_mouse(window.canvas, 3)
    wait_settled(qtbot, window)
    assert window.selected_digit.activations is None  # the normal path skips them
    open_panel(qtbot, window)  # opening re-runs the drawing, now with activations
    window.commands.actionInside.trigger()
    assert not panel.isVisible()
    window.commands.actionClear.trigger()
    draw_digit_with_mouse(window.canvas, 1)
    wait_settled(qtbot, window)
    assert window.selected_digit.activations is None


def test_every_layer_shows_the_forward_pass_of_the_drawing(qtbot, window: MainWindow) -> None:
    open_panel(qtbot, window)
    draw_digit_with_mouse(window.canvas, 5)
    wait_settled(qtbot, window)
    expected = Predictor(load_for_variant("conv"), "cpu").predict(window.canvas.to_array(), with_activations=True)
    shapes = {"C1": (6, 28, 28), "S2": (6, 14, 14), "C3": (16, 10, 10), "S4": (16, 5, 5), "C5": (120, 1, 1)}
    shapes |= {"F6": (84, 1, 1), "OUTPUT": (10, 1, 1)}
    for name, shape in shapes.items():
        shown = window.insidePanel.grids[name].values()
        assert shown is not None and shown.shape == shape, name
        want = np.exp(expected.activations[name]) if name == "OUTPUT" else expected.activations[name]
        np.testing.assert_allclose(shown.reshape(want.shape), want, rtol=1e-4, atol=1e-5, err_msg=name)
        label = window.insidePanel.findChild(QLabel, f"shape{name}")
        assert label.text() == LAYER_SHAPES[name].replace("->", "\u2192")
    assert window.findChild(QLabel, "shapeC5").text() == "16@5x5 \u2192 120@1x1"
    outputs = window.insidePanel.grids["OUTPUT"].values().ravel()
    assert int(outputs.argmax()) == int(window.predictionLabel.text())
    window.commands.actionClear.trigger()
    wait_settled(qtbot, window)
    assert window.insidePanel.grids["C1"].values() is None


def test_hovering_a_c1_or_c3_map_shows_its_filters(qtbot, window: MainWindow) -> None:
    open_panel(qtbot, window)
    draw_digit_with_mouse(window.canvas, 8)
    wait_settled(qtbot, window)
    state = load_for_variant("conv").state_dict
    panel = window.insidePanel
    c1, c3 = panel.grids["C1"], panel.grids["C3"]
    QTest.mouseMove(c1, c1.cell_rect(2).center())
    qtbot.waitUntil(lambda: panel.filterView.isVisible())
    np.testing.assert_allclose(panel.filterView.values(), state["conv1.weight"][2].numpy())
    assert "C1" in panel.filterTitle.text() and "3" in panel.filterTitle.text()
    QTest.mouseMove(c3, c3.cell_rect(11).center())
    qtbot.waitUntil(lambda: panel.filterView.values().shape == (6, 5, 5))
    np.testing.assert_allclose(panel.filterView.values(), state["conv2.weight"][11].numpy())
    assert "C3" in panel.filterTitle.text() and "12" in panel.filterTitle.text()
    QTest.mouseMove(c3, QPoint(c3.width() - 1, c3.height() - 1))  # the frame between maps: no map
    assert not panel.filterView.isVisible()


def test_maps_are_coloured_by_sign_and_size() -> None:
    maps = np.array([[[-2.0, 0.0], [1.0, 2.0]]])
    (image,) = map_images(maps)
    assert image.width() == 2 and image.height() == 2
    white, red, blue = QColor(image.pixel(1, 0)), QColor(image.pixel(1, 1)), QColor(image.pixel(0, 0))
    assert white.red() > 240 and white.green() > 240 and white.blue() > 240
    assert red.red() > red.blue() + 100 and blue.blue() > blue.red() + 100
    assert QColor(image.pixel(0, 1)).red() > red.green()  # half of the largest: a lighter red


def test_linear_c5_is_labelled_as_a_fully_connected_layer(qtbot, window: MainWindow) -> None:
    open_panel(qtbot, window)
    assert window.findChild(QLabel, "shapeC5").text() == "16@5x5 \u2192 120@1x1"
    window.set_variant("linear")
    qtbot.waitUntil(lambda: window.findChild(QLabel, "shapeC5").text() == "400 \u2192 120", timeout=10_000)
    assert window.findChild(QLabel, "shapeC1").text() == "1@28x28 \u2192 6@28x28"
