"""The main window driven headless with real mouse events: live prediction, editing, model switching, files."""

from __future__ import annotations

import threading
from pathlib import Path

import numpy as np
import pytest
from gui_drawing import canvas_area, draw_digit_with_mouse, move, press, release
from gui_threads import calls_on_gui_thread
from gui_waiting import wait_settled
from PIL import Image
from PySide6.QtCore import QMimeData, QPoint, QPointF, QSaveFile, Qt, QUrl
from PySide6.QtGui import QAction, QDragEnterEvent, QDropEvent, QKeySequence, QShortcut
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QComboBox, QLabel, QMessageBox, QWidget

from lenet_gui.core import images
from lenet_gui.core.devices import cuda_available
from lenet_gui.core.predictor import Predictor
from lenet_gui.core.reading import TOO_SMALL, Reading
from lenet_gui.core.weights import load_for_variant, save_weights, user_path
from lenet_gui.gui import window_files
from lenet_gui.gui.canvas import SHEET
from lenet_gui.gui.jobs import images as jobs_images
from lenet_gui.gui.main_window import MainWindow
from lenet_gui.gui.sample_digits import digit_strokes


def shown_digit(window: MainWindow) -> str:
    return window.findChild(QLabel, "prediction").text()


def test_parts_carry_object_names(window: MainWindow) -> None:
    for name in ("canvas", "prediction", "confidence", "probabilities", "preview"):
        assert window.findChild(QWidget, name) is not None, name
    for name in ("variantCombo", "deviceCombo"):
        assert isinstance(window.findChild(QComboBox, name), QComboBox)
    for name in ("actionTrain", "actionOpenImage", "actionSaveDrawing", "actionUndo", "actionRedo", "actionClear"):
        assert window.findChild(type(window.commands.actionTrain), name) is not None, name
    assert window.commands.actionUndo.shortcut().toString() == "Ctrl+Z"
    assert "Ctrl+Shift+Z" in [s.toString() for s in window.commands.actionRedo.shortcuts()]
    assert {"Del", "Ctrl+N"} <= {s.toString() for s in window.commands.actionClear.shortcuts()}


def test_drawing_with_the_mouse_shows_the_networks_answer(qtbot, window: MainWindow) -> None:
    assert shown_digit(window) not in "0123456789"
    draw_digit_with_mouse(window.canvas, 3)
    wait_settled(qtbot, window)
    digit = shown_digit(window)
    assert digit in list("0123456789")
    # The label shows what the same weights say about the same drawing.
    expected = Predictor(load_for_variant("conv"), "cpu").predict(window.canvas.to_array())
    assert int(digit) == expected.digit
    probabilities = window.probabilityView.values()
    assert probabilities.sum() == pytest.approx(1.0, abs=1e-3)
    assert int(probabilities.argmax()) == expected.digit
    assert window.findChild(QLabel, "confidence").text().endswith("sure")
    pixels = window.preview.pixels()
    assert pixels is not None and pixels.shape == (28, 28) and pixels.max() > 0
    assert window.timeStatus.text().endswith("ms")


def test_prediction_updates_while_the_stroke_is_drawn(qtbot, window: MainWindow) -> None:
    stroke = digit_strokes(7, canvas_area(window.canvas))[0]
    press(window.canvas, stroke[0])
    for point in stroke[1:]:
        move(window.canvas, point)
    qtbot.waitUntil(lambda: shown_digit(window) in "0123456789", timeout=10_000)
    assert window.canvas.can_undo() is False  # still mid-stroke: the answer came before the release
    release(window.canvas, stroke[-1])
    assert window.canvas.can_undo()


def test_undo_redo_and_clear(qtbot, window: MainWindow) -> None:
    draw_digit_with_mouse(window.canvas, 4)  # two strokes
    both = window.canvas.to_array()
    window.commands.actionUndo.trigger()
    one = window.canvas.to_array()
    assert (one < 128).sum() < (both < 128).sum()
    window.commands.actionRedo.trigger()
    assert np.array_equal(window.canvas.to_array(), both)
    window.commands.actionClear.trigger()
    assert window.canvas.is_empty() and window.canvas.to_array().min() == 255
    wait_settled(qtbot, window)
    assert shown_digit(window) not in "0123456789"
    assert window.probabilityView.values().sum() == 0
    window.commands.actionUndo.trigger()  # clearing is undoable
    assert np.array_equal(window.canvas.to_array(), both)
    wait_settled(qtbot, window)
    assert shown_digit(window) in list("0123456789")


def test_right_click_clears(qtbot, window: MainWindow) -> None:
    draw_digit_with_mouse(window.canvas, 1)
    QTest.mouseClick(window.canvas, Qt.MouseButton.RightButton, Qt.KeyboardModifier.NoModifier, QPoint(10, 10))
    assert window.canvas.is_empty()


def test_eraser_removes_ink(window: MainWindow) -> None:
    draw_digit_with_mouse(window.canvas, 1)
    before = (window.canvas.to_array() < 128).sum()
    window.commands.actionEraser.trigger()
    window.canvas.set_brush_size(60)
    draw_digit_with_mouse(window.canvas, 1)
    assert (window.canvas.to_array() < 128).sum() < before / 4


def test_a_click_leaves_a_round_dot_and_a_click_of_the_eraser_takes_it_away(window: MainWindow) -> None:
    canvas = window.canvas
    canvas.set_brush_size(30)
    at = canvas.to_widget(QPointF(SHEET / 2, SHEET / 2))
    press(canvas, at)
    release(canvas, at)
    ys, xs = np.nonzero(canvas.to_array() < 128)
    assert 25 <= xs.max() - xs.min() + 1 <= 32 and 25 <= ys.max() - ys.min() + 1 <= 32  # as wide as the brush
    assert abs(len(xs) - np.pi * 15**2) < 0.15 * np.pi * 15**2  # and round
    assert canvas.can_undo()
    window.commands.actionEraser.trigger()  # the same brush
    press(canvas, at)
    release(canvas, at)
    assert canvas.to_array().min() == 255  # not even a faint ring of the dot's edge, which would read as a 0


def test_the_eraser_takes_away_a_stroke_of_its_own_width_whole(window: MainWindow) -> None:
    canvas = window.canvas
    canvas.set_brush_size(20)
    path = [canvas.to_widget(QPointF(x, 0.4 * x + 100)) for x in range(150, 420, 9)]
    for erase in (False, True):
        if erase:
            window.commands.actionEraser.trigger()
        press(canvas, path[0])
        for point in path[1:]:
            move(canvas, point)
        release(canvas, path[-1])
    assert canvas.to_array().min() == 255


def drag(canvas, points: list[QPointF]) -> None:
    """One stroke with real mouse events through sheet ``points``."""
    press(canvas, canvas.to_widget(points[0]))
    for point in points[1:]:
        move(canvas, canvas.to_widget(point))
    release(canvas, canvas.to_widget(points[-1]))


def test_the_stroke_map_numbers_the_strokes_shown_and_covers_their_ink(window: MainWindow) -> None:
    canvas = window.canvas
    canvas.set_brush_size(16)
    across = [QPointF(x, 280) for x in range(150, 420, 10)]
    down = [QPointF(280, y) for y in range(150, 420, 10)]
    drag(canvas, across)
    drag(canvas, down)

    def check(numbers: set[int]) -> np.ndarray:
        strokes, ink = canvas.stroke_map(), canvas.to_array() < 255
        assert strokes.shape == ink.shape == (SHEET, SHEET)
        assert set(np.unique(strokes[ink]).tolist()) == numbers  # every pixel of ink, even its faint rim
        return strokes

    strokes = check({1, 2})
    assert strokes[280, 200] == 1 and strokes[200, 280] == 2
    assert strokes[280, 280] == 2  # where strokes cross, the later one
    window.commands.actionUndo.trigger()
    assert check({1})[200, 280] == 0
    window.commands.actionRedo.trigger()
    check({1, 2})
    window.commands.actionUndo.trigger()
    drag(canvas, [QPointF(x, 400) for x in range(150, 420, 10)])  # the next stroke shown takes the next number
    assert check({1, 2})[400, 200] == 2
    window.commands.actionEraser.trigger()
    drag(canvas, [QPointF(200, y) for y in range(150, 420, 10)])
    strokes = check({1, 2})
    assert strokes[280, 200] == 0 and strokes[400, 200] == 0  # erased
    window.commands.actionClear.trigger()
    assert not canvas.stroke_map().any()
    canvas.set_picture(np.where(np.indices((28, 28)).sum(axis=0) % 9 == 0, 0, 255).astype(np.uint8))
    assert (canvas.to_array() < 128).any() and not canvas.stroke_map().any()  # an opened picture has no strokes


def test_rapid_clear_and_undo_while_predicting_never_show_a_stale_answer(qtbot, window: MainWindow) -> None:
    for _ in range(5):
        draw_digit_with_mouse(window.canvas, 8)
        window.commands.actionClear.trigger()  # right after the requests, while the worker is busy
    wait_settled(qtbot, window)
    qtbot.waitUntil(lambda: not window.worker.busy, timeout=10_000)
    QApplication.processEvents()
    assert shown_digit(window) not in "0123456789"  # answers to the drawings came later and were ignored
    window.commands.actionUndo.trigger()  # the last drawing comes back...
    window.commands.actionClear.trigger()  # ...and goes at once, while its prediction is in flight
    window.commands.actionUndo.trigger()
    window.commands.actionRedo.trigger()
    wait_settled(qtbot, window)
    qtbot.waitUntil(lambda: not window.worker.busy, timeout=10_000)
    QApplication.processEvents()
    assert shown_digit(window) not in "0123456789"  # redo re-applied the clear


def test_an_older_answer_never_replaces_a_newer_one(qtbot, window: MainWindow) -> None:
    draw_digit_with_mouse(window.canvas, 1)
    wait_settled(qtbot, window)
    shown = shown_digit(window)
    stale = Reading((), TOO_SMALL)
    window.worker.read.emit(window.shown_sequence - 1, stale)  # an answer that arrives late
    QApplication.processEvents()
    assert shown_digit(window) == shown


def test_switching_variant_repredicts_the_drawing(qtbot, window: MainWindow) -> None:
    draw_digit_with_mouse(window.canvas, 2)
    wait_settled(qtbot, window)
    before = window.shown_sequence
    combo = window.findChild(QComboBox, "variantCombo")
    with qtbot.waitSignal(window.modelReady, timeout=60_000):
        combo.setCurrentIndex(combo.findData("linear"))
    wait_settled(qtbot, window)
    assert window.shown_sequence > before
    assert window.model_state.weights.meta.variant == "linear"
    assert window.model.variantStatus.text().startswith("linear")
    assert window.settings.variant == "linear"
    assert window.findChild(type(window.commands.actionTrain), "actionVariant_linear").isChecked()
    expected = Predictor(load_for_variant("linear"), "cpu").predict(window.canvas.to_array())
    assert shown_digit(window) == str(expected.digit)
    for i in range(combo.count()):
        assert "61,706 params" in combo.itemText(i)


def test_switching_variant_and_device_while_predicting(qtbot, window: MainWindow) -> None:
    stroke = digit_strokes(0, canvas_area(window.canvas))[0]
    press(window.canvas, stroke[0])
    for i, point in enumerate(stroke[1:]):
        move(window.canvas, point)
        if i % 5 == 0:
            window.set_variant("linear" if window.variant == "conv" else "conv")
    release(window.canvas, stroke[-1])
    wait_settled(qtbot, window)
    qtbot.waitUntil(lambda: window.model_state.weights.meta.variant == window.variant, timeout=10_000)
    expected = Predictor(load_for_variant(window.variant), "cpu").predict(window.canvas.to_array())
    assert shown_digit(window) == str(expected.digit)


def test_device_choice(qtbot, window: MainWindow) -> None:
    combo = window.findChild(QComboBox, "deviceCombo")
    cuda_item = combo.model().item(combo.findData("cuda"))
    assert cuda_item.isEnabled() == cuda_available()
    if not cuda_available():
        assert "No CUDA" in cuda_item.toolTip()
        # Asked for anyway (e.g. a stale setting): the model stays on the CPU and the user is told.
        draw_digit_with_mouse(window.canvas, 5)
        with qtbot.waitSignal(window.modelReady, timeout=60_000):
            window.set_device("cuda")
        wait_settled(qtbot, window)
        assert window.model_state.device == "cpu"
        assert window.device == "cpu" and combo.currentData() == "cpu"
        assert "CUDA" in window.statusBar().currentMessage()
    else:
        with qtbot.waitSignal(window.modelReady, timeout=60_000):
            combo.setCurrentIndex(combo.findData("cuda"))
        draw_digit_with_mouse(window.canvas, 5)
        wait_settled(qtbot, window)
        assert window.model_state.device.startswith("cuda")
        assert window.model.deviceStatus.text().startswith("cuda")
        with qtbot.waitSignal(window.modelReady, timeout=60_000):
            combo.setCurrentIndex(combo.findData("cpu"))
        assert window.model_state.device == "cpu"


def test_resizing_keeps_the_drawing(qtbot, window: MainWindow) -> None:
    draw_digit_with_mouse(window.canvas, 7)
    before = window.canvas.to_array()
    shown = window.canvas.sheet_rect()
    window.resize(window.width() + 200, window.height() + 100)
    qtbot.waitUntil(lambda: window.canvas.sheet_rect() != shown)
    assert np.array_equal(window.canvas.to_array(), before)


def test_the_reading_does_not_depend_on_the_window_size(qtbot, window: MainWindow) -> None:
    """A large drawing, then the inside panel and the smallest window: the network still reads all of it."""
    canvas = window.canvas
    shown = canvas.sheet_rect()
    stroke = digit_strokes(2, shown.adjusted(8, 8, -8, -8))  # as large as the sheet allows
    for points in stroke:
        press(canvas, points[0])
        for point in points[1:]:
            move(canvas, point)
        release(canvas, points[-1])
    wait_settled(qtbot, window)
    drawing, reading = canvas.to_array(), window.reading.text
    preview = window.preview.pixels().copy()
    window.commands.actionInside.trigger()
    qtbot.waitUntil(lambda: window.insidePanel.isVisible())
    window.resize(window.minimumSizeHint())
    qtbot.waitUntil(lambda: canvas.sheet_rect().width() < shown.width() * 0.9)
    window.commands.actionUndo.trigger()  # take the last stroke back and put it back: the drawing is read again
    window.commands.actionRedo.trigger()
    wait_settled(qtbot, window)
    assert np.array_equal(canvas.to_array(), drawing)
    assert window.reading.text == reading
    assert np.array_equal(window.preview.pixels(), preview)
    # A stroke drawn in the smaller window lands where the same place on the sheet is.
    corner = canvas.sheet_rect().topLeft() + QPointF(3, 3)
    assert canvas.to_sheet(corner).x() == pytest.approx(3 * SHEET / canvas.sheet_rect().width(), abs=1e-6)


def test_no_two_shortcuts_are_the_same_sequence(window: MainWindow) -> None:
    """Qt ignores a sequence bound twice ("Ambiguous shortcut overload"), on whatever platform's bindings."""
    standard = [k for k in QKeySequence.StandardKey if k != QKeySequence.StandardKey.UnknownKey]
    sequences: list[str] = []
    for action in window.findChildren(QAction):
        held = [s.toString(QKeySequence.SequenceFormat.PortableText) for s in action.shortcuts()]
        for key in standard:
            bindings = [s.toString(QKeySequence.SequenceFormat.PortableText) for s in QKeySequence.keyBindings(key)]
            if len(set(bindings) & set(held)) > 1:
                # Two of a standard key's bindings on one action: on a platform that lists them in another
                # order, a key given as QKeySequence(standard key) would repeat the other one. Only the
                # whole list of bindings is safe.
                assert set(bindings) <= set(held), (action.objectName(), key, held)
        sequences += held
    sequences += [s.key().toString(QKeySequence.SequenceFormat.PortableText) for s in window.findChildren(QShortcut)]
    repeated = {s for s in sequences if sequences.count(s) > 1}
    assert not repeated
    assert "Ctrl+Shift+Z" in [s.toString() for s in window.commands.actionRedo.shortcuts()]


def test_broken_user_weights_fall_back_to_bundled_with_a_dialog(make_window) -> None:
    path = user_path("conv")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"\x00garbage" * 100)
    window = make_window()
    assert window.model_state.weights.source == "bundled"
    assert window.model.weightsStatus.text() == "weights: bundled"
    box = window.message_box
    assert isinstance(box, QMessageBox) and box.isVisible()
    assert "bundled" in box.text() and str(path) in box.text()
    assert "bundled" in window.statusBar().currentMessage()


def test_open_image_and_drop_a_file(qtbot, window: MainWindow, tmp_path, mnist, monkeypatch) -> None:
    sample = tmp_path / "digit.png"
    Image.fromarray(mnist.test.images[0].numpy()).resize((112, 112)).save(sample)
    on_gui_thread = calls_on_gui_thread(monkeypatch, "load_image", images, jobs_images, window_files)
    with qtbot.waitSignal(window.files.imageOpened, timeout=10_000):
        window.files.open_image(str(sample))
    assert on_gui_thread == [False]  # read in a worker
    wait_settled(qtbot, window)
    assert shown_digit(window) in list("0123456789")
    window.commands.actionClear.trigger()
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(sample))])
    args = (Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    enter = QDragEnterEvent(QPoint(50, 50), *args)
    QApplication.sendEvent(window.canvas, enter)
    assert enter.isAccepted()
    with qtbot.waitSignal(window.files.imageOpened, timeout=10_000):
        QApplication.sendEvent(window.canvas, QDropEvent(QPointF(50, 50), *args))
    assert not window.canvas.is_empty()
    wait_settled(qtbot, window)
    assert shown_digit(window) in list("0123456789")


@pytest.mark.parametrize("content", [b"", b"this is not an image", b"\x89PNG\r\n\x1a\n broken"])
def test_bad_image_files_are_reported_in_a_dialog(qtbot, window: MainWindow, tmp_path, content: bytes) -> None:
    bad = tmp_path / "bad.png"
    bad.write_bytes(content)
    with qtbot.waitSignal(window.files.imageFailed, timeout=10_000):
        window.files.open_image(str(bad))
    assert window.message_box is not None and window.message_box.isVisible()
    assert "bad.png" in window.message_box.text()
    assert window.canvas.is_empty()


def test_save_drawing(qtbot, window: MainWindow, tmp_path, monkeypatch) -> None:
    draw_digit_with_mouse(window.canvas, 6)
    target = tmp_path / "six.png"
    on_gui_thread: list[bool] = []

    class RecordingSaveFile(QSaveFile):
        def __init__(self, *args) -> None:
            on_gui_thread.append(threading.current_thread() is threading.main_thread())
            super().__init__(*args)

    for module in (jobs_images, window_files):
        monkeypatch.setattr(module, "QSaveFile", RecordingSaveFile, raising=False)
    with qtbot.waitSignal(window.files.drawingSaved, timeout=10_000):
        window.files.save_drawing(str(target))
    assert on_gui_thread == [False]  # written in a worker
    saved = np.asarray(Image.open(target).convert("L"), dtype=int)
    assert saved.shape == window.canvas.to_array().shape
    assert np.abs(saved - window.canvas.to_array()).max() <= 2  # gray conversions round differently
    with qtbot.waitSignal(window.files.drawingFailed, timeout=10_000):
        window.files.save_drawing(str(tmp_path / "missing-folder" / "x.png"))
    assert window.message_box is not None and "missing-folder" in window.message_box.text()


def test_a_drawing_saved_without_an_extension_becomes_a_png(qtbot, window: MainWindow, tmp_path) -> None:
    draw_digit_with_mouse(window.canvas, 4)
    with qtbot.waitSignal(window.files.drawingSaved, timeout=10_000):
        window.files.save_drawing(str(tmp_path / "my47"))
    assert not (tmp_path / "my47").exists()
    assert Image.open(tmp_path / "my47.png").format == "PNG"
    assert window.statusBar().currentMessage().endswith("my47.png")


def test_reset_to_bundled_weights(qtbot, window: MainWindow, monkeypatch) -> None:
    loaded = load_for_variant("conv")
    save_weights(user_path("conv"), loaded.state_dict, loaded.meta)
    with qtbot.waitSignal(window.modelReady, timeout=60_000):
        window.reload_weights()
    assert window.model_state.weights.source == "user"
    assert window.model.weightsStatus.text().startswith("weights: retrained on")
    renamed_on_gui_thread = calls_on_gui_thread(monkeypatch, "replace", Path)
    with qtbot.waitSignal(window.modelReady, timeout=60_000):
        window.reset_weights()  # the file is renamed in a worker, then the bundled weights are loaded
    assert renamed_on_gui_thread and not any(renamed_on_gui_thread)
    assert window.model_state.weights.source == "bundled"
    assert not user_path("conv").exists()
    assert user_path("conv").with_name("lenet5_conv.safetensors.bak").exists()


def test_evaluate_on_mnist(qtbot, window: MainWindow, mnist) -> None:
    dialog = window.dialogs.open_evaluation(limit=500)
    qtbot.waitUntil(lambda: dialog.evaluation is not None, timeout=30_000)
    assert dialog.evaluation.images == 500
    assert 0.0 <= dialog.evaluation.accuracy <= 1.0
    assert "%" in dialog.resultLabel.text()
    qtbot.waitUntil(lambda: not dialog.is_running())


def test_reset_with_the_bundled_weights_in_use_says_so(qtbot, window: MainWindow) -> None:
    qtbot.waitUntil(lambda: window.model_state is not None, timeout=60_000)
    assert window.model_state.weights.source == "bundled"
    window.model.confirm_reset_weights()
    assert window.statusBar().currentMessage() == "Already using the bundled weights"
