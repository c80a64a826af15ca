"""Start-up milestones, printed for ``benchmarks/startup.py`` when ``LENET_STARTUP_PROBE`` is set.

``LENET_STARTUP_PROBE=window``: print ``window_shown=<time.time()>`` when the main window is first exposed,
then close it. ``LENET_STARTUP_PROBE=prediction``: at that moment also draw a digit (the model is usually
still loading: the strokes must wait, not be lost), print ``first_prediction=<time.time()>`` when its
prediction is on screen, then close the window. ``LENET_STARTUP_PROBE=shown``: the same as "prediction",
but the app keeps running (for tests that then send it a signal). The times are the wall clock, so the
benchmark can measure from the moment it started the process.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QTimer, Slot
from PySide6.QtGui import QWindow

from lenet_gui.gui.main_window import MainWindow

PROBE_ENV = "LENET_STARTUP_PROBE"
MODES = ("window", "prediction", "shown")


def probe_mode() -> str | None:
    """The probe asked for in the environment, or None."""
    mode = os.environ.get(PROBE_ENV)
    return mode if mode in MODES else None


class StartupProbe(QObject):
    """Watches ``window`` from before it is shown; install it before :meth:`MainWindow.show`."""

    def __init__(self, window: MainWindow, mode: str, draw: Callable[[MainWindow], None]) -> None:
        super().__init__(window)
        self._window, self._mode, self._draw = window, mode, draw
        self._shown = False
        window.winId()  # creates the native window now, so that its first expose is seen
        window.windowHandle().installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            not self._shown
            and event.type() == QEvent.Type.Expose
            and isinstance(watched, QWindow)
            and watched.isExposed()
        ):
            self._shown = True
            print(f"window_shown={time.time():.6f}", flush=True)
            if self._mode == "window":
                QTimer.singleShot(0, self._window.close)
            else:
                self._window.predictionShown.connect(self._on_prediction_shown)
                QTimer.singleShot(0, lambda: self._draw(self._window))
        return False

    @Slot(int)
    def _on_prediction_shown(self, seq: int) -> None:
        window = self._window
        if seq == window.sent_sequence and window.reading is not None:
            print(f"first_prediction={time.time():.6f}", flush=True)
            window.predictionShown.disconnect(self._on_prediction_shown)
            if self._mode == "prediction":
                QTimer.singleShot(0, window.close)
