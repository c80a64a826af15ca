"""Model > My Samples: thumbnails grouped by digit with counts, and delete; the samples read off the GUI thread."""

from __future__ import annotations

import threading

import pytest
from gui_drawing import draw_digit_with_mouse
from PySide6.QtCore import QItemSelectionModel
from PySide6.QtWidgets import QMessageBox

from lenet_gui.core.samples import SampleStore
from lenet_gui.gui.main_window import MainWindow
from lenet_gui.gui.samples_dialog import SamplesDialog
from lenet_gui.gui.training_dialog import FINETUNE

pytestmark = pytest.mark.mnist


@pytest.fixture
def stored(mnist) -> dict[int, list[str]]:
    """Five MNIST test digits stored as personal samples: ids by label."""
    store = SampleStore()
    ids: dict[int, list[str]] = {}
    for i in range(5):
        label = int(mnist.test.labels[i])
        ids.setdefault(label, []).append(store.add(mnist.test.images[i].numpy(), label).id)
    return ids


def opened_samples(qtbot, window: MainWindow) -> SamplesDialog:
    """Model > My Samples, once the samples are read."""
    dialog = window.dialogs.open_samples()
    qtbot.waitUntil(lambda: not dialog.is_reading(), timeout=10_000)
    return dialog


def test_lists_every_sample_with_counts_per_digit(qtbot, window: MainWindow, stored) -> None:
    window.commands.actionSamples.trigger()
    dialog = window.findChild(SamplesDialog, "samplesDialog")
    assert dialog is not None and dialog.isVisible()
    assert dialog.summaryLabel.text().startswith("Reading your samples in ")
    qtbot.waitUntil(lambda: not dialog.is_reading(), timeout=10_000)
    assert dialog.summaryLabel.text().startswith("5 samples in ")
    assert sorted(dialog.shown_ids()) == sorted(i for ids in stored.values() for i in ids)
    assert dialog.digitList.item(0).text().endswith("5")
    for digit in range(10):
        assert dialog.digitList.item(digit + 1).text() == f"{digit} · {len(stored.get(digit, []))}"
    labels = [int(dialog.sampleList.item(i).text()) for i in range(dialog.sampleList.count())]
    assert labels == sorted(labels)  # grouped by digit
    assert not dialog.sampleList.item(0).icon().isNull()
    digit = next(iter(stored))
    dialog.show_digit(digit)
    assert sorted(dialog.shown_ids()) == sorted(stored[digit])


def test_one_sample_is_one_sample(qtbot, window: MainWindow, mnist) -> None:
    SampleStore().add(mnist.test.images[0].numpy(), int(mnist.test.labels[0]))
    dialog = opened_samples(qtbot, window)
    assert dialog.summaryLabel.text().startswith("1 sample in ")
    digit = int(mnist.test.labels[0])
    assert dialog.digitList.item(digit + 1).toolTip() == f"1 sample of {digit}"


def test_delete_removes_the_samples_and_their_files(qtbot, window: MainWindow, stored) -> None:
    dialog = opened_samples(qtbot, window)
    store = SampleStore()
    victim = next(s for s in store.list() if s.id == dialog.shown_ids()[0])
    assert store.original_path(victim).exists()
    assert not dialog.deleteButton.isEnabled()
    dialog.sampleList.setCurrentRow(0, QItemSelectionModel.SelectionFlag.ClearAndSelect)
    assert dialog.deleteButton.isEnabled()
    dialog.deleteButton.click()  # asks first; Cancel keeps the sample
    box = dialog.findChild(QMessageBox, "confirmDeleteBox")
    assert box is not None and box.isVisible() and "Delete this sample" in box.text()
    box.button(QMessageBox.StandardButton.Cancel).click()
    assert victim.id in [s.id for s in store.list()] and victim.id in dialog.shown_ids()
    dialog.deleteButton.click()
    box = next(b for b in dialog.findChildren(QMessageBox, "confirmDeleteBox") if b.isVisible())
    box.button(QMessageBox.StandardButton.Yes).click()
    assert not dialog.deleteButton.isEnabled()  # while the samples are deleted
    qtbot.waitUntil(lambda: not dialog.is_running() and not dialog.is_reading(), timeout=10_000)
    assert victim.id not in [s.id for s in store.list()]
    assert not store.original_path(victim).exists() and not store.input_path(victim).exists()
    assert victim.id not in dialog.shown_ids() and len(dialog.shown_ids()) == 4
    assert dialog.digitList.item(victim.label + 1).text() == f"{victim.label} · {store.counts()[victim.label]}"


def test_a_new_sample_appears_in_the_open_dialog(qtbot, window: MainWindow) -> None:
    dialog = opened_samples(qtbot, window)
    assert dialog.emptyLabel.isVisible() and dialog.shown_ids() == []
    assert not dialog.finetuneButton.isEnabled()
    draw_digit_with_mouse(window.canvas, 0)
    qtbot.waitUntil(lambda: window.correctionBar.digitButtons[0].isEnabled(), timeout=15_000)
    window.correctionBar.digitButtons[0].click()
    qtbot.waitUntil(lambda: not window.samples.busy)  # written in the samples thread
    qtbot.waitUntil(lambda: not dialog.is_reading(), timeout=10_000)  # and read again in the dialog's
    assert len(dialog.shown_ids()) == 1 and not dialog.emptyLabel.isVisible()
    assert dialog.digitList.item(1).text() == "0 · 1"


def test_fine_tune_waits_for_enough_samples(qtbot, window: MainWindow, stored) -> None:
    dialog = opened_samples(qtbot, window)
    assert not dialog.finetuneButton.isEnabled()
    assert "5 more samples" in dialog.finetuneButton.toolTip()


def test_samples_are_read_and_deleted_off_the_gui_thread(qtbot, window: MainWindow, stored, monkeypatch) -> None:
    on_gui_thread: list[bool] = []

    def recording(method):
        def call(self, *args, **kwargs):
            on_gui_thread.append(threading.current_thread() is threading.main_thread())
            return method(self, *args, **kwargs)

        return call

    monkeypatch.setattr(SampleStore, "list", recording(SampleStore.list))
    monkeypatch.setattr(SampleStore, "delete", recording(SampleStore.delete))
    samples = opened_samples(qtbot, window)
    assert len(samples.shown_ids()) == 5 and not samples.sampleList.item(0).icon().isNull()
    assert samples.delete(samples.shown_ids()[:1]) == 1
    qtbot.waitUntil(lambda: not samples.is_running() and not samples.is_reading(), timeout=10_000)
    assert len(samples.shown_ids()) == 4
    training = window.dialogs.open_finetune()
    assert training.mode() == FINETUNE and training.samplesLabel.text().startswith("Counting your samples in ")
    assert not training.startButton.isEnabled()  # until the samples are counted
    qtbot.waitUntil(lambda: not training.is_reading(), timeout=10_000)
    assert training.samplesLabel.text().startswith("4 samples of ")
    assert on_gui_thread and not any(on_gui_thread)
