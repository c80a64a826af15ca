"""A dialog that runs background jobs: it stops them when closed and shows their (done, total) progress.

Besides the jobs the user starts, such a dialog may read what it shows (the samples, a stored accuracy) in a
*reader*: a runner stopped with the dialog too, but whose short read is no job that is "running".
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from PySide6.QtCore import Slot
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import QDialog, QProgressBar, QWidget

from lenet_gui.gui.task_runner import TaskRunner

Runner = TypeVar("Runner", bound=TaskRunner)


class TaskDialog(QDialog):
    """Base of the dialogs that run jobs (train, evaluate, convert, my samples); subclasses add their runners."""

    progressBar: QProgressBar | None = None  # set by subclasses that show progress

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._runners: list[TaskRunner] = []
        self._readers: list[TaskRunner] = []

    def add_runner(self, runner: Runner) -> Runner:
        """Own ``runner``: its progress goes to :attr:`progressBar`, and it is stopped with the dialog."""
        self._runners.append(runner)
        runner.progress.connect(self._on_progress)
        return runner

    def add_reader(
        self, runner: Runner, on_read: Callable[[Any], None], on_failed: Callable[[Exception], None]
    ) -> Runner:
        """Own ``runner``, which reads what the dialog shows (the answer goes to ``on_read``, an error to
        ``on_failed``): it is stopped with the dialog."""
        self._readers.append(runner)
        runner.succeeded.connect(on_read)
        runner.failed.connect(on_failed)
        return runner

    def is_running(self) -> bool:
        """Whether a job the user started is running (readers do not count)."""
        return any(runner.is_running() for runner in self._runners)

    def is_reading(self) -> bool:
        """Whether a reader is still reading."""
        return any(reader.is_running() for reader in self._readers)

    def stop(self) -> bool:
        """Cancel and wait for every job and reader; True when all have ended."""
        return all([runner.stop() for runner in [*self._runners, *self._readers]])

    def confirm_stop(self) -> bool:
        """Whether closing may stop the running jobs; dialogs whose work would be lost ask first."""
        return True

    @Slot(int, int)
    def _on_progress(self, done: int, total: int) -> None:
        if self.progressBar is not None:
            self.progressBar.setRange(0, total)
            self.progressBar.setValue(done)

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.confirm_stop():
            self.stop()
            super().closeEvent(event)
        else:
            event.ignore()

    def reject(self) -> None:
        if self.confirm_stop():
            self.stop()
            super().reject()
