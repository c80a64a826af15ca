"""Start-up: the window takes strokes while the model loads, torch is loaded off the GUI thread, the variant
labels come from the worker, SIGTERM and Ctrl+C close the app like Quit, unusable weights are reported."""

from __future__ import annotations

import os
import selectors
import signal
import subprocess
import sys
import textwrap
import threading
import time
from pathlib import Path

import pytest
from gui_drawing import draw_digit_with_mouse
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QComboBox

from lenet_gui.core import weights as weights_module
from lenet_gui.core.predictor import Predictor
from lenet_gui.core.weights import load_for_variant, user_path
from lenet_gui.gui.app import create_application
from lenet_gui.gui.formatting import DASH
from lenet_gui.gui.main_window import MainWindow


def test_the_window_takes_strokes_while_the_model_loads(qtbot, monkeypatch) -> None:
    gate = threading.Event()
    real_load = weights_module.load_for_variant

    def slow_load(*args, **kwargs):
        gate.wait(30)  # the weights take as long as the test wants
        return real_load(*args, **kwargs)

    monkeypatch.setattr(weights_module, "load_for_variant", slow_load)
    window = MainWindow(persist_geometry=False)
    qtbot.addWidget(window)
    try:
        window.show()
        qtbot.waitExposed(window)
        assert window.model_state is None
        assert window.confidenceLabel.text() == "Loading the model…"
        assert window.statusBar().currentMessage() == "Loading the model…"
        draw_digit_with_mouse(window.canvas, 3)
        qtbot.wait(200)
        assert not window.canvas.is_empty()  # the strokes are on the canvas, waiting for the model
        assert window.predictionLabel.text() == DASH and window.confidenceLabel.text() == "Loading the model…"
        newest = window.sent_sequence
        with qtbot.waitSignal(window.predictionShown, timeout=30_000, check_params_cb=lambda seq: seq == newest):
            gate.set()
        expected = Predictor(real_load("conv"), "cpu").predict(window.canvas.to_array())
        assert window.model_state is not None and window.reading.digits[-1].digit == expected.digit
        assert window.statusBar().currentMessage() != "Loading the model…"
    finally:
        gate.set()
        window.shutdown()


def test_without_any_usable_weights_the_panel_stops_saying_loading(qtbot, monkeypatch, tmp_path) -> None:
    monkeypatch.setattr(weights_module, "bundled_path", lambda variant: tmp_path / "gone.safetensors")
    window = MainWindow(persist_geometry=False)
    qtbot.addWidget(window)
    try:
        window.show()
        qtbot.waitUntil(lambda: window.message_box is not None, timeout=30_000)
        assert window.model_state is None
        assert window.confidenceLabel.text() == "No model could be loaded"
        assert "gone.safetensors" in window.message_box.text()
        window.message_box.close()
    finally:
        window.shutdown()


def test_the_app_has_its_icon(qapp) -> None:
    icon = create_application().windowIcon()
    assert not icon.isNull() and not icon.pixmap(64, 64).isNull()


def test_the_variant_labels_come_from_the_worker(qtbot, window: MainWindow) -> None:
    combo = window.findChild(QComboBox, "variantCombo")
    qtbot.waitUntil(lambda: all("params" in combo.itemText(i) for i in range(combo.count())), timeout=10_000)
    for i in range(combo.count()):
        accuracy = load_for_variant(combo.itemData(i)).meta.test_accuracy
        assert combo.itemText(i).startswith(f"{combo.itemData(i)} C5 · 61,706 params · ")
        assert f"{accuracy:.2%}".replace("%", "") in combo.itemText(i).replace(" ", "")


def test_unusable_user_weights_are_replaced_and_the_status_bar_says_so(qtbot, make_window) -> None:
    path = user_path("conv")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"not weights at all")
    window = make_window()
    assert window.model_state.weights.source == "bundled" and window.model_state.weights.warning
    assert "bundled" in window.statusBar().currentMessage()
    assert window.message_box is not None and str(path) in window.message_box.text()
    window.message_box.close()


def test_torch_is_loaded_by_the_worker_thread_not_the_gui_thread(tmp_path: Path) -> None:
    # A fresh interpreter records which thread first imports torch and torchvision (if anything does).
    code = textwrap.dedent(
        """
        import sys, threading
        importers = {}

        class Recorder:
            def find_spec(self, name, path=None, target=None):
                if name in ("torch", "torchvision"):
                    importers.setdefault(name, threading.current_thread().name)
                return None

        sys.meta_path.insert(0, Recorder())
        from PySide6.QtCore import QTimer
        from PySide6.QtWidgets import QApplication
        from lenet_gui.gui.app import draw_digit
        from lenet_gui.gui.main_window import MainWindow

        app = QApplication([])
        window = MainWindow(persist_geometry=False)
        window.show()
        def on_shown(seq):
            if seq == window.sent_sequence and window.reading is not None:
                app.quit()
        window.predictionShown.connect(on_shown)
        QTimer.singleShot(0, lambda: draw_digit(window, 4))
        QTimer.singleShot(60_000, lambda: app.exit(1))
        status = app.exec()
        window.shutdown()
        print(status, window.reading.digits[-1].digit, importers)
        """
    )
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "LENET_USER_DIR": str(tmp_path)}
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=120)
    assert done.returncode == 0, done.stderr
    status, digit, importers = done.stdout.strip().splitlines()[-1].split(" ", 2)
    assert (status, digit) == ("0", "4")
    assert "'torch': 'MainThread'" not in importers and "'torch': " in importers
    assert "torchvision" not in importers  # nothing reads MNIST: the calibration of the bundled weights is stored


def read_line(proc: subprocess.Popen[str], timeout: float) -> str:
    """The next line the process prints, or "" when none comes within ``timeout`` seconds."""
    with selectors.DefaultSelector() as selector:
        selector.register(proc.stdout, selectors.EVENT_READ)
        return proc.stdout.readline() if selector.select(timeout) else ""


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT], ids=["SIGTERM", "SIGINT"])
@pytest.mark.parametrize("when", ["window_shown", "first_prediction"])
def test_a_quit_signal_closes_the_app_like_quit(tmp_path: Path, signum: int, when: str) -> None:
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "LENET_USER_DIR": str(tmp_path),
        # "shown" prints when the window is up and the first prediction is on screen, and keeps running.
        "LENET_STARTUP_PROBE": "shown",
    }
    proc = subprocess.Popen(
        [sys.executable, "-m", "lenet_gui"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env
    )
    try:
        deadline = time.monotonic() + 90
        while not (line := read_line(proc, deadline - time.monotonic())).startswith(when):
            assert line and time.monotonic() < deadline, f"no {when} line: {proc.stderr.read()[-2000:]}"
        proc.send_signal(signum)
        _, err = proc.communicate(timeout=60)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode == 0, err[-2000:]
    assert "QThread" not in err and "Traceback" not in err
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    assert settings.contains("window/geometry")  # written by the shutdown, as when Quit is chosen
