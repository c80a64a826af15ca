"""The training dialog on small MNIST slices: a run to the end, cancelling, closing while it runs."""

from __future__ import annotations

import pytest
from gui_drawing import draw_digit_with_mouse
from gui_threads import calls_on_gui_thread
from gui_waiting import wait_settled
from PySide6.QtWidgets import QMessageBox

from lenet_gui.core import data, weights
from lenet_gui.core.data import RAW_FILES
from lenet_gui.core.trainer import Progress, TrainConfig
from lenet_gui.core.weights import load_for_variant, load_weights, save_weights, user_path
from lenet_gui.gui import training_dialog
from lenet_gui.gui.formatting import format_accuracy
from lenet_gui.gui.jobs import mnist as jobs_mnist
from lenet_gui.gui.main_window import MainWindow
from lenet_gui.gui.training_dialog import TrainingDialog

pytestmark = pytest.mark.mnist

QUICK = TrainConfig(epochs=1, train_limit=512, test_limit=500)
# Long enough that it is still running when the test stops it.
LONG = TrainConfig(epochs=5, train_limit=30_000, test_limit=500, batch_size=64)


@pytest.fixture
def trained_window(make_window, mnist) -> MainWindow:
    window = make_window()
    window.dialogs.train_defaults = QUICK
    return window


def open_training(qtbot, window: MainWindow) -> TrainingDialog:
    """The training dialog, once it has looked for MNIST (in a thread: Start waits for the answer)."""
    dialog = window.dialogs.open_training()
    qtbot.waitUntil(lambda: not dialog.is_reading(), timeout=10_000)
    return dialog


def start_long_run(qtbot, window: MainWindow) -> TrainingDialog:
    window.dialogs.train_defaults = LONG
    dialog = open_training(qtbot, window)
    progress: list[Progress] = []
    dialog._trainer.partial.connect(progress.append)
    dialog.startButton.click()
    assert dialog.is_running()
    qtbot.waitUntil(lambda: bool(progress), timeout=30_000)  # mid-epoch
    return dialog


def answer_questions(monkeypatch: pytest.MonkeyPatch, answer: QMessageBox.StandardButton) -> list[str]:
    asked: list[str] = []

    def question(parent, title, text, *args, **kwargs):
        asked.append(title)
        return answer

    monkeypatch.setattr(QMessageBox, "question", question)
    return asked


def test_defaults_come_from_the_core_config(qtbot, trained_window: MainWindow) -> None:
    trained_window.dialogs.train_defaults = TrainConfig()
    dialog = open_training(qtbot, trained_window)
    config = dialog.config()
    core = TrainConfig()
    assert (config.batch_size, config.epochs, config.lr, config.augment) == (
        core.batch_size,
        core.epochs,
        core.lr,
        core.augment,
    )
    assert config.variant == trained_window.variant
    assert config.threads is not None and config.threads >= 1
    assert str(dialog.dataLabel.text()).startswith("Found in")
    assert not dialog.downloadButton.isVisible()


def test_run_to_the_end_and_use_the_weights(qtbot, trained_window: MainWindow, monkeypatch) -> None:
    window = trained_window
    dialog = open_training(qtbot, window)
    dialog.settings.variantCombo.setCurrentIndex(dialog.settings.variantCombo.findData("linear"))
    dialog.startButton.click()
    qtbot.waitUntil(lambda: dialog.trained() is not None, timeout=60_000)
    qtbot.waitUntil(lambda: not dialog.is_running())
    assert dialog.progress.totalBar.value() == 100
    assert len(dialog.progress.plots.lossCurve.getData()[0]) >= 1
    assert list(dialog.progress.plots.accuracyCurve.getData()[0]) == [1]
    result = dialog.progress.resultLabel.text()
    assert "New test accuracy" in result and "current weights" in result
    assert "images/s" in dialog.progress.statsLabel.text()
    assert dialog.useButton.isEnabled() and dialog.discardButton.isEnabled()
    new_accuracy = dialog.trained().test_accuracy

    written_on_gui_thread = calls_on_gui_thread(monkeypatch, "save_weights", weights, training_dialog)
    with qtbot.waitSignal(window.modelReady, timeout=60_000):
        dialog.useButton.click()
    assert written_on_gui_thread == [False]  # saved in a thread
    _, meta = load_weights(user_path("linear"), "linear")
    assert meta.test_accuracy == pytest.approx(new_accuracy)
    assert window.variant == "linear"
    assert window.model_state.weights.source == "user"
    assert window.model.weightsStatus.text().startswith("weights: retrained on")
    assert not dialog.useButton.isEnabled()


def test_plots_of_a_tiny_run_show_their_points_and_plain_epoch_ticks(qtbot, trained_window: MainWindow) -> None:
    trained_window.dialogs.train_defaults = TrainConfig(epochs=1, train_limit=256, test_limit=200, batch_size=512)
    dialog = open_training(qtbot, trained_window)
    dialog.progress.plots.accuracyPlot.setYRange(0, 5)  # a range left over from an earlier run ...
    dialog.startButton.click()
    qtbot.waitUntil(lambda: dialog.trained() is not None, timeout=60_000)
    xs, _ = dialog.progress.plots.lossCurve.getData()
    assert len(xs) <= 3 and dialog.progress.plots.lossCurve.opts["symbol"] == "o"  # a point or two, drawn as markers
    for plot in (dialog.progress.plots.lossPlot, dialog.progress.plots.accuracyPlot):
        assert not plot.getAxis("bottom").autoSIPrefix and plot.getAxis("bottom").labelText == "epoch"
    low, high = dialog.progress.plots.accuracyPlot.getViewBox().viewRange()[1]
    accuracy = dialog.progress.plots.accuracyCurve.getData()[1][0]
    assert low <= accuracy <= high  # ... is not kept: the new point is in view


def test_the_current_accuracy_is_read_off_the_gui_thread(qtbot, trained_window: MainWindow, monkeypatch) -> None:
    current = load_for_variant("conv").meta.test_accuracy
    on_gui_thread = calls_on_gui_thread(monkeypatch, "load_weights", weights)
    dialog = open_training(qtbot, trained_window)
    dialog.startButton.click()
    qtbot.waitUntil(lambda: dialog.trained() is not None and not dialog.is_reading(), timeout=60_000)
    assert f"current weights: {format_accuracy(current)}" in dialog.progress.resultLabel.text()
    assert on_gui_thread and not any(on_gui_thread)


def test_mnist_is_looked_for_off_the_gui_thread(qtbot, trained_window: MainWindow, monkeypatch) -> None:
    on_gui_thread = calls_on_gui_thread(monkeypatch, "mnist_present", data, jobs_mnist, training_dialog)
    dialog = trained_window.dialogs.open_training()
    assert dialog.dataLabel.text().startswith("Looking in") and not dialog.startButton.isEnabled()
    qtbot.waitUntil(lambda: not dialog.is_reading(), timeout=10_000)
    assert dialog.dataLabel.text().startswith("Found in") and dialog.startButton.isEnabled()
    assert on_gui_thread and not any(on_gui_thread)


def test_discard_keeps_the_old_weights(qtbot, trained_window: MainWindow) -> None:
    dialog = open_training(qtbot, trained_window)
    dialog.startButton.click()
    qtbot.waitUntil(lambda: dialog.trained() is not None, timeout=60_000)
    dialog.discardButton.click()
    assert dialog.trained() is None
    assert not user_path("conv").exists()


def test_cancel_midway_keeps_the_previous_weights(qtbot, trained_window: MainWindow) -> None:
    previous = load_for_variant("conv")
    save_weights(user_path("conv"), previous.state_dict, previous.meta)
    before = user_path("conv").read_bytes()
    dialog = start_long_run(qtbot, trained_window)
    dialog.cancelButton.click()
    qtbot.waitUntil(lambda: not dialog.is_running(), timeout=10_000)
    assert "Cancelled" in dialog.progress.statusLabel.text()
    assert "left" not in dialog.progress.statsLabel.text()  # no time left shown for a run that stopped
    assert dialog.trained() is None and not dialog.useButton.isEnabled()
    assert user_path("conv").read_bytes() == before
    assert dialog.startButton.isEnabled()


def test_window_keeps_predicting_and_switching_while_training(qtbot, trained_window: MainWindow, monkeypatch) -> None:
    window = trained_window
    dialog = start_long_run(qtbot, window)
    draw_digit_with_mouse(window.canvas, 3)
    with qtbot.waitSignal(window.modelReady, timeout=60_000):
        window.set_variant("linear")
    wait_settled(qtbot, window)
    assert window.findChild(type(window.predictionLabel), "prediction").text() in list("0123456789")
    assert dialog.is_running()
    answer_questions(monkeypatch, QMessageBox.StandardButton.Yes)
    dialog.close()
    assert not dialog.is_running()


def test_closing_the_dialog_asks_first(qtbot, trained_window: MainWindow, monkeypatch) -> None:
    dialog = start_long_run(qtbot, trained_window)
    asked = answer_questions(monkeypatch, QMessageBox.StandardButton.No)
    dialog.close()
    assert asked and dialog.isVisible() and dialog.is_running()
    asked = answer_questions(monkeypatch, QMessageBox.StandardButton.Yes)
    dialog.close()
    assert asked and not dialog.isVisible() and not dialog.is_running()


def test_closing_the_window_during_training_stops_every_thread(qtbot, trained_window: MainWindow, monkeypatch) -> None:
    window = trained_window
    dialog = start_long_run(qtbot, window)
    asked = answer_questions(monkeypatch, QMessageBox.StandardButton.Yes)
    assert window.close()
    assert asked == ["Stop training?"]
    assert not dialog.is_running()
    assert not window.worker.is_running()
    assert not user_path("conv").exists()


def test_closing_the_window_can_be_refused_while_training(qtbot, trained_window: MainWindow, monkeypatch) -> None:
    window = trained_window
    dialog = start_long_run(qtbot, window)
    answer_questions(monkeypatch, QMessageBox.StandardButton.No)
    assert not window.close()
    assert window.isVisible() and dialog.is_running() and window.worker.is_running()
    dialog.cancel()
    qtbot.waitUntil(lambda: not dialog.is_running(), timeout=10_000)


def test_corrupt_mnist_is_reported_in_a_dialog(qtbot, make_window, tmp_path, monkeypatch) -> None:
    raw = tmp_path / "data" / "MNIST" / "raw"
    raw.mkdir(parents=True)
    for name in RAW_FILES:
        (raw / name).write_bytes(b"\x00\x00\x08\x03 truncated")
    monkeypatch.setenv("LENET_DATA_DIR", str(tmp_path / "data"))
    window = make_window()
    window.dialogs.train_defaults = QUICK
    dialog = open_training(qtbot, window)
    dialog.startButton.click()
    qtbot.waitUntil(lambda: not dialog.is_running(), timeout=30_000)
    assert dialog.trained() is None
    box = dialog.findChild(QMessageBox, "messageBox")
    assert box is not None and "corrupt" in box.text() and str(raw) in box.text()
    assert "Failed" in dialog.progress.statusLabel.text()
    assert not user_path("conv").exists()


def test_missing_mnist_is_located_and_offered_for_download(qtbot, make_window, tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("LENET_DATA_DIR", str(tmp_path / "empty"))
    window = make_window()
    dialog = open_training(qtbot, window)
    assert "Not found in" in dialog.dataLabel.text() and str(tmp_path / "empty") in dialog.dataLabel.text()
    assert dialog.downloadButton.isVisible() and dialog.downloadButton.isEnabled()
    assert not dialog.startButton.isEnabled()
