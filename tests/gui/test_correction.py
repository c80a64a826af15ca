"""Learn my handwriting: "Wrong? It is a …" and ✓ keep the drawing as a personal sample on disk."""

from __future__ import annotations

import threading

import numpy as np
from gui_drawing import draw_digit_with_mouse
from gui_waiting import wait_settled
from PIL import Image
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from lenet_gui.core.paths import user_dir
from lenet_gui.core.samples import SampleStore
from lenet_gui.gui.main_window import MainWindow


def test_the_bar_is_disabled_on_an_empty_canvas(window: MainWindow) -> None:
    bar = window.correctionBar
    assert window.canvas.is_empty()
    assert not any(b.isEnabled() for b in bar.digitButtons) and not bar.confirmButton.isEnabled()
    assert not window.samples.store(4)
    assert SampleStore().list() == []


def test_wrong_answer_corrected_with_a_digit_button(qtbot, window: MainWindow) -> None:
    draw_digit_with_mouse(window.canvas, 7)
    wait_settled(qtbot, window)
    drawing = window.canvas.to_array()
    shown_input = window.preview.pixels()
    window.correctionBar.digitButtons[1].click()  # "it is a 1", whatever the network said
    assert window.samples.busy and not window.correctionBar.digitButtons[1].isEnabled()
    qtbot.waitUntil(lambda: not window.samples.busy)  # written in the samples thread

    samples = SampleStore().list()
    assert [s.label for s in samples] == [1]
    store = SampleStore()
    assert store.root == user_dir() / "samples"
    original = np.asarray(Image.open(store.original_path(samples[0])).convert("L"))
    assert np.array_equal(original, drawing)
    network_input = np.asarray(Image.open(store.input_path(samples[0])))
    assert np.array_equal(network_input, shown_input)  # exactly what the network saw
    assert "sample of 1" in window.statusBar().currentMessage()
    # Kept once: the bar waits for the next drawing.
    assert not window.correctionBar.digitButtons[1].isEnabled()
    window.commands.actionClear.trigger()
    draw_digit_with_mouse(window.canvas, 7)
    wait_settled(qtbot, window)
    assert window.correctionBar.digitButtons[1].isEnabled()


def test_right_answer_confirmed_with_the_check_button(qtbot, window: MainWindow) -> None:
    draw_digit_with_mouse(window.canvas, 3)
    wait_settled(qtbot, window)
    bar = window.correctionBar
    shown = window.predictionLabel.text()
    if shown == "?":  # a drawing the network is not sure about has nothing to confirm
        assert not bar.confirmButton.isEnabled()
        return
    assert bar.confirmButton.isEnabled() and bar.predicted == int(shown)
    bar.confirmButton.click()
    qtbot.waitUntil(lambda: not window.samples.busy)  # written in the samples thread
    assert [s.label for s in SampleStore().list()] == [int(shown)]


def test_alt_digit_keys_store_the_sample(qtbot, window: MainWindow) -> None:
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)  # shortcuts go to the active window
    draw_digit_with_mouse(window.canvas, 5)
    wait_settled(qtbot, window)
    QTest.keyClick(window.canvas, Qt.Key.Key_5, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: not window.samples.busy)  # written in the samples thread
    assert [s.label for s in SampleStore().list()] == [5]
    window.commands.actionClear.trigger()
    draw_digit_with_mouse(window.canvas, 9)
    wait_settled(qtbot, window)
    QTest.keyClick(window.canvas, Qt.Key.Key_9, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: not window.samples.busy)  # written in the samples thread
    assert SampleStore().counts()[9] == 1 and SampleStore().counts()[5] == 1


def test_an_unwritable_samples_folder_is_reported(qtbot, window: MainWindow) -> None:
    (user_dir() / "samples").write_text("a file where the folder should be")
    draw_digit_with_mouse(window.canvas, 2)
    wait_settled(qtbot, window)
    assert window.samples.store(2)
    qtbot.waitUntil(lambda: not window.samples.busy)  # written in the samples thread
    assert not window.correctionBar.is_kept() and window.correctionBar.digitButtons[2].isEnabled()
    assert window.message_box is not None and "samples" in window.message_box.text()


def test_samples_are_written_and_forgotten_off_the_gui_thread(qtbot, window: MainWindow, monkeypatch) -> None:
    on_gui_thread: list[bool] = []
    add, delete = SampleStore.add, SampleStore.delete

    def recording(method):
        def call(self, *args, **kwargs):
            on_gui_thread.append(threading.current_thread() is threading.main_thread())
            return method(self, *args, **kwargs)

        return call

    monkeypatch.setattr(SampleStore, "add", recording(add))
    monkeypatch.setattr(SampleStore, "delete", recording(delete))
    draw_digit_with_mouse(window.canvas, 4)
    wait_settled(qtbot, window)
    window.correctionBar.digitButtons[4].click()
    qtbot.waitUntil(lambda: window.correctionBar.is_kept(), timeout=10_000)
    window.correctionBar.undoButton.click()
    qtbot.waitUntil(lambda: not window.samples.busy and not window.correctionBar.is_kept(), timeout=10_000)
    assert on_gui_thread == [False, False]  # the fsync'd writes ran in the samples thread
    assert SampleStore().list() == []
