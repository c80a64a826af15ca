"""The training dialog's "Fine-tune on my samples" mode: too few samples, a small run to the end, keep or discard."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QMessageBox

from lenet_gui.core.finetune import FinetuneConfig
from lenet_gui.core.samples import SampleStore
from lenet_gui.core.weights import load_weights, user_path
from lenet_gui.gui.main_window import MainWindow
from lenet_gui.gui.training_dialog import FINETUNE, MIN_SAMPLES, TrainingDialog

pytestmark = pytest.mark.mnist

TINY = FinetuneConfig(epochs=1, mnist_images=256, test_limit=200)


def store_samples(mnist, n: int) -> None:
    store = SampleStore()
    for i in range(n):
        store.add(mnist.test.images[-1 - i].numpy(), int(mnist.test.labels[-1 - i]))


@pytest.fixture
def finetune_window(make_window, mnist) -> MainWindow:
    window = make_window()
    window.dialogs.finetune_defaults = TINY
    return window


def open_finetune(qtbot, window: MainWindow) -> TrainingDialog:
    """The training dialog in fine-tuning mode, once it has counted the samples."""
    dialog = window.dialogs.open_finetune()
    qtbot.waitUntil(lambda: not dialog.is_reading(), timeout=10_000)
    return dialog


def run_to_the_end(qtbot, window: MainWindow):
    dialog = open_finetune(qtbot, window)
    assert dialog.mode() == FINETUNE
    assert dialog.settings.epochsSpin.value() == TINY.epochs and not dialog.settings.batchSpin.isEnabled()
    dialog.startButton.click()
    assert dialog.is_running()
    qtbot.waitUntil(lambda: dialog.trained() is not None, timeout=60_000)
    qtbot.waitUntil(lambda: not dialog.is_running())
    return dialog


def test_too_few_samples_are_explained(qtbot, finetune_window: MainWindow, mnist) -> None:
    store_samples(mnist, 3)
    finetune_window.commands.actionFinetune.trigger()
    dialog = finetune_window.dialogs.training
    qtbot.waitUntil(lambda: not dialog.is_reading(), timeout=10_000)
    assert dialog.mode() == FINETUNE and "3 samples of" in dialog.samplesLabel.text()
    assert f"needs {MIN_SAMPLES - 3} more samples" in dialog.samplesLabel.text()
    # Fine-tune is disabled until there are enough, and says how many more are needed.
    assert not dialog.startButton.isEnabled()
    assert f"needs {MIN_SAMPLES - 3} more samples" in dialog.startButton.toolTip()
    dialog.start()  # even when asked directly, it explains instead of starting
    assert not dialog.is_running()
    box = dialog.findChild(QMessageBox, "messageBox")
    assert box is not None and f"at least {MIN_SAMPLES}" in box.text() and "you have 3" in box.text()
    store_samples(mnist, MIN_SAMPLES)
    finetune_window.dialogs.open_samples()  # counted again when samples come and go
    open_finetune(qtbot, finetune_window)
    assert dialog.startButton.isEnabled() and not dialog.startButton.toolTip()


def test_the_sample_count_reads_well(qtbot, finetune_window: MainWindow, mnist) -> None:
    SampleStore().add(mnist.test.images[0].numpy(), int(mnist.test.labels[0]))
    dialog = open_finetune(qtbot, finetune_window)
    assert dialog.samplesLabel.text().startswith("1 sample of one digit in ")
    SampleStore().add(mnist.test.images[0].numpy(), int(mnist.test.labels[0]))
    dialog.refresh_samples()
    qtbot.waitUntil(lambda: not dialog.is_reading(), timeout=10_000)
    assert dialog.samplesLabel.text().startswith("2 samples of one digit in ")
    assert f"needs {MIN_SAMPLES - 2} more samples" in dialog.samplesLabel.text()


def test_finetune_reports_before_and_after_and_keeps_the_weights(qtbot, finetune_window: MainWindow, mnist) -> None:
    window = finetune_window
    store_samples(mnist, 30)
    dialog = run_to_the_end(qtbot, window)
    result = dialog.trained()
    assert result.trained_on + result.held_out == 30 and result.held_out > 0
    text = dialog.progress.resultLabel.text()
    assert "MNIST test" in text and "held-out samples" in text
    assert text.count("%") == 4  # before and after, on MNIST and on the held-out samples
    assert not user_path("conv").exists()  # nothing saved until the user decides
    with qtbot.waitSignal(window.modelReady, timeout=60_000):
        dialog.useButton.click()
    _, meta = load_weights(user_path("conv"), "conv")
    assert meta.test_accuracy == pytest.approx(result.mnist_after)
    assert "fine-tuned" in meta.note
    assert window.model_state.weights.source == "user"


def test_finetune_result_can_be_discarded(qtbot, finetune_window: MainWindow, mnist) -> None:
    store_samples(mnist, 12)
    dialog = run_to_the_end(qtbot, finetune_window)
    dialog.discardButton.click()
    assert dialog.trained() is None and not dialog.useButton.isEnabled()
    assert not user_path("conv").exists()
    assert finetune_window.model_state.weights.source != "user"
