"""Compare variants, convert weights, random MNIST digits: driven through the main window."""

from __future__ import annotations

import numpy as np
import pytest
import torch
from gui_drawing import draw_digit_with_mouse
from gui_threads import calls_on_gui_thread
from gui_waiting import wait_settled
from PySide6.QtWidgets import QLabel, QMessageBox, QToolBar

from lenet_gui.core import weights
from lenet_gui.core.convert import convert_state_dict
from lenet_gui.core.predictor import Predictor
from lenet_gui.core.weights import load_for_variant, load_weights, save_weights, user_path
from lenet_gui.gui import convert_dialog
from lenet_gui.gui.main_window import MainWindow


def expected(variant: str, image: np.ndarray):
    return Predictor(load_for_variant(variant), "cpu").predict(image)


def test_compare_variants_follows_the_drawing(qtbot, window: MainWindow) -> None:
    draw_digit_with_mouse(window.canvas, 2)
    window.commands.actionCompare.trigger()
    dialog = window.dialogs.compare
    qtbot.waitUntil(lambda: dialog.is_settled() and dialog.comparison is not None, timeout=15_000)
    image = window.canvas.to_array()
    answers = {v: expected(v, image) for v in ("conv", "linear")}
    for variant, answer in answers.items():
        assert dialog.findChild(QLabel, f"{variant}Digit").text() == str(answer.digit)
        np.testing.assert_allclose(dialog.views[variant].values(), answer.probabilities, atol=1e-6)
    difference = float(np.abs(answers["conv"].probabilities - answers["linear"].probabilities).max())
    assert dialog.comparison.max_difference == pytest.approx(difference, abs=1e-7)
    assert f"{dialog.comparison.max_difference:.2e}" in dialog.differenceLabel.text()

    draw_digit_with_mouse(window.canvas, 7)  # the open dialog compares the new drawing
    qtbot.waitUntil(lambda: dialog.is_settled(), timeout=15_000)
    now = window.canvas.to_array()
    np.testing.assert_allclose(dialog.views["conv"].values(), expected("conv", now).probabilities, atol=1e-6)
    window.commands.actionClear.trigger()
    qtbot.waitUntil(lambda: dialog.is_settled() and dialog.comparison is None, timeout=15_000)
    assert dialog.views["linear"].values().sum() == 0


def test_convert_weights_agree_and_are_saved_only_after_asking(qtbot, window: MainWindow, mnist, monkeypatch) -> None:
    draw_digit_with_mouse(window.canvas, 4)
    dialog = window.dialogs.open_convert(limit=2000)
    qtbot.waitUntil(lambda: dialog.check is not None, timeout=30_000)
    check = dialog.check.conversion
    assert (check.source, check.target, check.test_images) == ("conv", "linear", 2000)
    assert check.drawing_difference is not None and check.drawing_difference < 1e-5
    assert check.test_difference < 1e-4 and check.test_disagreements == 0
    assert "2,000 MNIST test images" in dialog.resultLabel.text()
    assert "0 of 2,000 test images predicted differently" in dialog.resultLabel.text()
    converted = convert_state_dict(load_for_variant("conv").state_dict, "conv")
    assert all(torch.equal(check.state_dict[k], converted[k]) for k in converted)

    questions: list[str] = []
    answer = QMessageBox.StandardButton.No

    def ask(parent, title, text, *args, **kwargs):
        questions.append(text)
        return answer

    monkeypatch.setattr(QMessageBox, "question", ask)
    dialog.saveButton.click()
    assert questions and not user_path("linear").exists()  # asked, and "No" saves nothing
    answer = QMessageBox.StandardButton.Yes
    written_on_gui_thread = calls_on_gui_thread(monkeypatch, "save_weights", weights, convert_dialog)
    with qtbot.waitSignal(dialog.weightsSaved, timeout=10_000):
        dialog.saveButton.click()
    assert written_on_gui_thread == [False]  # saved in a thread
    state, meta = load_weights(user_path("linear"), "linear")
    assert meta.variant == "linear" and "converted from conv" in meta.note
    assert all(torch.equal(state[k], converted[k]) for k in converted)
    assert "converted" in window.statusBar().currentMessage()
    assert not dialog.saveButton.isEnabled()


def test_convert_asks_before_replacing_existing_weights(qtbot, window: MainWindow, monkeypatch) -> None:
    linear = load_for_variant("linear")
    save_weights(user_path("linear"), linear.state_dict, linear.meta)
    before = user_path("linear").read_bytes()
    dialog = window.dialogs.open_convert(limit=200)
    qtbot.waitUntil(lambda: dialog.check is not None, timeout=30_000)
    assert dialog.check.conversion.drawing_difference is None  # nothing drawn
    assert "no digit" in dialog.resultLabel.text()
    questions: list[str] = []
    monkeypatch.setattr(
        QMessageBox, "question", lambda p, t, text, *a, **k: questions.append(text) or QMessageBox.StandardButton.No
    )
    dialog.confirm_save()
    assert "replaces" in questions[0] and str(user_path("linear")) in questions[0]
    assert user_path("linear").read_bytes() == before


def test_convert_without_mnist_still_checks_the_drawing(qtbot, window: MainWindow, tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("LENET_DATA_DIR", str(tmp_path / "nothing-here"))
    draw_digit_with_mouse(window.canvas, 6)
    dialog = window.dialogs.open_convert()
    qtbot.waitUntil(lambda: dialog.check is not None, timeout=30_000)
    assert dialog.check.conversion.test_difference is None and dialog.check.conversion.drawing_difference < 1e-5
    assert "not checked" in dialog.resultLabel.text() and "MNIST not found" in dialog.resultLabel.text()


def test_random_mnist_digit_goes_on_the_canvas(qtbot, window: MainWindow, mnist, monkeypatch) -> None:
    # A fixed draw: a few percent of MNIST digits, re-cropped from the canvas, shift by a pixel and
    # correlate below the bound checked here.
    monkeypatch.setattr(window.random_digits, "_rng", np.random.default_rng(0))
    assert window.commands.actionRandomDigit.shortcut().toString() == "Ctrl+R"
    assert window.commands.actionRandomDigit in window.findChild(QToolBar, "drawingToolBar").actions()
    window.commands.actionRandomDigit.trigger()
    qtbot.waitUntil(lambda: not window.canvas.is_empty(), timeout=20_000)
    message = window.statusBar().currentMessage()
    assert message.startswith("MNIST test image #")
    index = int(message.split("#")[1].split(",")[0])
    label = int(message.rsplit(" ", 1)[1])
    assert label == int(mnist.test.labels[index])
    wait_settled(qtbot, window)
    # A digit or, for the 1-2 % of MNIST test digits the calibration rejects, "not sure".
    assert window.predictionLabel.text() in [*"0123456789", "?"]
    # The network sees (nearly) the MNIST digit itself.
    seen = window.preview.pixels().astype(int)
    assert np.corrcoef(seen.ravel(), mnist.test.images[index].numpy().ravel())[0, 1] > 0.8
    window.commands.actionRandomDigit.trigger()  # MNIST is in memory now: the next one comes at once
    window.commands.actionUndo.trigger()
    assert not window.canvas.is_empty()  # undo goes back to the first digit


def test_random_digit_without_mnist_says_so(qtbot, make_window, tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("LENET_DATA_DIR", str(tmp_path / "empty"))
    window = make_window()
    window.commands.actionRandomDigit.trigger()
    qtbot.waitUntil(lambda: window.message_box is not None and window.message_box.isVisible(), timeout=10_000)
    assert "MNIST not found" in window.message_box.text()
    assert window.canvas.is_empty()


def test_convert_says_when_the_weights_cannot_be_saved(qtbot, window: MainWindow, tmp_path, monkeypatch) -> None:
    dialog = window.dialogs.open_convert(limit=200)
    qtbot.waitUntil(lambda: dialog.check is not None, timeout=30_000)
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the user folder should be")
    monkeypatch.setenv("LENET_USER_DIR", str(blocker))
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    dialog.saveButton.click()
    qtbot.waitUntil(lambda: dialog.findChild(QMessageBox, "messageBox") is not None, timeout=10_000)
    box = dialog.findChild(QMessageBox, "messageBox")
    assert box.windowTitle() == "Could not save the weights" and "not-a-folder" in box.text()
    assert dialog.saveButton.isEnabled()  # nothing was saved: the user may try again
