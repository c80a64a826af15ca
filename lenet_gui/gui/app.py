"""Starting the desktop app: the QApplication, the main window, and the offscreen screenshot mode."""

from __future__ import annotations

import os
import sys

from PySide6.QtCore import QCoreApplication, QEventLoop, QPointF, QRectF, QTimer
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication

from lenet_gui import __version__
from lenet_gui.core.paths import resource_path
from lenet_gui.gui.canvas import SHEET
from lenet_gui.gui.i18n import choose_language, install_translators, normalize_language
from lenet_gui.gui.main_window import MainWindow
from lenet_gui.gui.quit_signals import QuitSignals
from lenet_gui.gui.sample_digits import digit_strokes
from lenet_gui.gui.settings import AppSettings
from lenet_gui.gui.startup_probe import StartupProbe, probe_mode

APP_NAME = "lenet-gui"
# How long the screenshot mode waits for the model and the prediction.
SCREENSHOT_TIMEOUT_MS = 20_000


def create_application(lang: str | None = None) -> QApplication:
    """The QApplication (reused when one exists), named for QSettings and window managers, in its language.

    The language is ``lang`` (--lang), else the one chosen in the menu, else the system's (Chinese or English).
    """
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName(APP_NAME)
    app.setApplicationDisplayName("LeNet-5 Digit Pad")
    app.setApplicationVersion(__version__)
    app.setOrganizationName(APP_NAME)
    app.setDesktopFileName(APP_NAME)
    if lang and normalize_language(lang) is None:
        print(f"{APP_NAME}: warning: no {lang!r} interface; known: en, zh_CN", file=sys.stderr)
    install_translators(app, choose_language(lang, AppSettings().language))
    app.setWindowIcon(QIcon(str(resource_path("icons", "lenet-gui.svg"))))
    return app


def draw_digit(window: MainWindow, digit: int) -> None:
    """Draw a sample ``digit`` on the window's canvas, stroke by stroke, as the pen would."""
    canvas = window.canvas
    margin = 0.12 * SHEET
    area = QRectF(margin, margin, SHEET - 2 * margin, SHEET - 2 * margin)
    for stroke in digit_strokes(digit, area):
        canvas.begin_stroke(stroke[0])
        for point in stroke[1:]:
            canvas.extend_stroke(QPointF(point))
        canvas.end_stroke()


def _wait_for(signal, timeout_ms: int) -> bool:
    loop = QEventLoop()
    timer = QTimer(singleShot=True, interval=timeout_ms)
    timer.timeout.connect(lambda: loop.exit(1))
    signal.connect(lambda *_: loop.exit(0))
    timer.start()
    return loop.exec() == 0


def take_screenshot(window: MainWindow, path: str, digit: int | None) -> int:
    """Render ``window`` into ``path`` (after drawing ``digit``); the exit status."""
    window.show()
    QCoreApplication.processEvents()
    if window.model_state is None and not _wait_for(window.modelReady, SCREENSHOT_TIMEOUT_MS):
        print(f"{APP_NAME}: error: the model did not load in time", file=sys.stderr)
        return 1
    if digit is not None:
        draw_digit(window, digit)
        # Answers for the partly drawn digit may arrive first: wait for the one of the whole drawing.
        while window.shown_sequence < window.sent_sequence:
            if not _wait_for(window.predictionShown, SCREENSHOT_TIMEOUT_MS):
                print(f"{APP_NAME}: error: no prediction arrived in time", file=sys.stderr)
                return 1
    QCoreApplication.processEvents()
    if not window.grab().save(path):
        print(f"{APP_NAME}: error: cannot write the screenshot to {path}", file=sys.stderr)
        return 1
    print(f"screenshot saved to {path}")
    return 0


def run_app(screenshot: str | None = None, draw: int | None = None, lang: str | None = None) -> int:
    """Start the app and return its exit status; with ``screenshot``, render offscreen into that PNG and exit."""
    if screenshot and not QApplication.instance():
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    app = create_application(lang)
    window = MainWindow(persist_geometry=not screenshot)
    if screenshot:
        try:
            return take_screenshot(window, screenshot, draw)
        finally:
            window.shutdown()
    quit_signals = QuitSignals(app)
    quit_signals.received.connect(lambda _: quit_app(window))
    try:
        mode = probe_mode()
        if mode is not None:
            StartupProbe(window, mode, lambda w: draw_digit(w, 7))
        window.show()
        if draw is not None:
            QTimer.singleShot(300, lambda: draw_digit(window, draw))
        return app.exec()
    finally:
        window.shutdown()
        quit_signals.uninstall()


def quit_app(window: MainWindow) -> None:
    """Close the app as Quit does (settings saved, threads stopped), without asking: for SIGTERM and Ctrl+C."""
    window.shutdown()
    QCoreApplication.quit()
