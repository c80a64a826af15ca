"""Running one long job (training, evaluation, a download) in a QThread, with progress and cancel."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QThread, Signal, Slot

from lenet_gui.errors import LenetError, TrainingCancelled

# A job gets a progress callback (any object, delivered to the GUI thread) and a cancel flag.
Job = Callable[[Callable[[object], None], threading.Event], Any]


class _JobObject(QObject):
    """Lives in the worker thread and calls the job there."""

    progress = Signal(object)
    succeeded = Signal(object)
    failed = Signal(str)
    cancelled = Signal()

    def __init__(self, job: Job, cancel: threading.Event) -> None:
        super().__init__()
        self._job = job
        self._cancel = cancel

    @Slot()
    def run(self) -> None:
        try:
            result = self._job(self.progress.emit, self._cancel)
        except TrainingCancelled:
            self.cancelled.emit()
        except LenetError as exc:
            self.failed.emit(str(exc))
        except Exception as exc:  # a bug or an unexpected library error must not kill the app silently
            self.failed.emit(f"{type(exc).__name__}: {exc}")
        else:
            if self._cancel.is_set():
                self.cancelled.emit()
            else:
                self.succeeded.emit(result)
        finally:
            self.thread().quit()


class TaskRunner(QObject):
    """Runs one job at a time in a fresh QThread; the signals arrive in the GUI thread."""

    progress = Signal(object)
    succeeded = Signal(object)
    failed = Signal(str)
    cancelled = Signal()
    finished = Signal()  # after any of the three outcomes, once the thread has ended

    def __init__(self, name: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._name = name
        self._thread: QThread | None = None
        self._job: _JobObject | None = None
        self._cancel = threading.Event()

    def is_running(self) -> bool:
        """True from :meth:`start` until :attr:`finished` is emitted (after the outcome) or :meth:`stop` returned."""
        return self._thread is not None

    def start(self, job: Job) -> None:
        """Run ``job(report, cancel)`` in a new thread; only one job runs at a time."""
        if self.is_running():
            raise RuntimeError(f"{self._name} is already running")
        self._cancel = threading.Event()
        thread = QThread()
        thread.setObjectName(self._name)
        worker = _JobObject(job, self._cancel)
        worker.moveToThread(thread)
        worker.progress.connect(self.progress)
        worker.succeeded.connect(self.succeeded)
        worker.failed.connect(self.failed)
        worker.cancelled.connect(self.cancelled)
        thread.started.connect(worker.run)
        thread.finished.connect(self._on_finished)
        self._thread, self._job = thread, worker
        thread.start()

    def cancel(self) -> None:
        """Ask the job to stop at its next check (within a second for training)."""
        self._cancel.set()

    def stop(self, timeout_ms: int = 10_000) -> bool:
        """Cancel and wait for the thread to end; True when it has ended."""
        if self._thread is None:
            return True
        self._cancel.set()
        self._thread.quit()
        ended = self._thread.wait(timeout_ms)
        if ended:
            self._thread = self._job = None
        return ended

    @Slot()
    def _on_finished(self) -> None:
        ended = self.sender()
        if isinstance(ended, QThread):
            ended.wait()  # finished() is emitted just before the thread really ends
        if ended is self._thread:
            self._thread = self._job = None
        self.finished.emit()
