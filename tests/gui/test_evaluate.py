"""Evaluate on MNIST: accuracy, a clickable confusion matrix, confidently wrong digits, loading one onto the canvas."""

from __future__ import annotations

import numpy as np
import pytest
from gui_waiting import wait_settled
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from lenet_gui.core.evaluation import evaluate_split
from lenet_gui.core.predictor import Predictor
from lenet_gui.gui.evaluate_dialog import CONFIDENTLY_WRONG, MAX_THUMBNAILS
from lenet_gui.gui.main_window import MainWindow


def test_evaluation_on_the_whole_test_set(qtbot, window: MainWindow, mnist) -> None:
    window.commands.actionEvaluate.trigger()
    dialog = window.dialogs.evaluation
    qtbot.waitUntil(lambda: dialog.evaluation is not None, timeout=120_000)
    evaluation = dialog.evaluation
    assert evaluation.images == 10_000
    reference = evaluate_split(Predictor.load("conv", device="cpu").model, mnist.test)
    assert evaluation.accuracy == pytest.approx(reference.accuracy)
    counts = dialog.confusionView.counts()
    assert counts.sum() == 10_000
    assert np.array_equal(counts, reference.confusion.numpy())
    assert f"{100 * reference.accuracy:.2f} %" in dialog.resultLabel.text()

    # At first the browser shows the mistakes the network was surest about.
    wrong = reference.confidently_wrong(CONFIDENTLY_WRONG).tolist()
    assert dialog.shown_indices() == wrong
    assert dialog.digitList.count() == len(wrong)

    # Clicking a cell browses its digits, most confident first, with both labels.
    true, predicted = np.unravel_index(np.argmax(counts - np.diag(np.diag(counts))), counts.shape)
    QTest.mouseClick(
        dialog.confusionView,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
        dialog.confusionView.cell_center(int(true), int(predicted)),
    )
    cell = reference.cell(int(true), int(predicted)).tolist()
    assert dialog.shown_indices() == cell[:MAX_THUMBNAILS]
    item = dialog.digitList.item(0)
    assert f"said {predicted}" in item.text() and f"true {true}" in item.text()
    assert f"{len(cell)} images" in dialog.browserTitle.text()

    QTest.mouseClick(
        dialog.confusionView,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
        dialog.confusionView.cell_center(1, 1),
    )
    assert dialog.digitList.count() == MAX_THUMBNAILS  # a diagonal cell holds over a thousand
    assert "most confident" in dialog.browserTitle.text()

    # "Load onto canvas" puts the chosen digit on the canvas, where it is predicted like any drawing.
    dialog.digitList.setCurrentRow(3)
    index = dialog.shown_indices()[3]
    dialog.loadButton.click()
    assert not window.canvas.is_empty()
    assert f"#{index}" in window.statusBar().currentMessage()
    wait_settled(qtbot, window)
    assert window.predictionLabel.text() == "1"
    seen = window.preview.pixels().astype(int).ravel()
    assert np.corrcoef(seen, mnist.test.images[index].numpy().ravel())[0, 1] > 0.8
    dialog.close()
    qtbot.waitUntil(lambda: not dialog.is_running())
