"""A dialog that owns one TaskRunner: it stops the job when closed and shows (done, total) progress."""

from __future__ import annotations

from PySide6.QtCore import Slot
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import QDialog, QProgressBar, QWidget

from lenet_gui.gui.task_runner import TaskRunner


class TaskDialog(QDialog):
    """Base of the dialogs that run a worker job (evaluate, convert, compare)."""

    progressBar: QProgressBar | None = None  # set by subclasses that show progress

    def __init__(self, task_name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._runner = TaskRunner(task_name, self)
        self._runner.progress.connect(self._on_progress)

    def is_running(self) -> bool:
        return self._runner.is_running()

    def stop(self) -> bool:
        """Cancel and wait for the worker thread; True when it has ended."""
        return self._runner.stop()

    @Slot(object)
    def _on_progress(self, report: object) -> None:
        if isinstance(report, tuple) and self.progressBar is not None:
            done, total = report
            self.progressBar.setRange(0, total)
            self.progressBar.setValue(done)

    def closeEvent(self, event: QCloseEvent) -> None:
        self.stop()
        super().closeEvent(event)

    def reject(self) -> None:
        self.stop()
        super().reject()
