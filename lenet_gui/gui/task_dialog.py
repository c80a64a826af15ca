"""A dialog that runs background jobs: it stops them when closed and shows their (done, total) progress."""

from __future__ import annotations

from typing import TypeVar

from PySide6.QtCore import Slot
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import QDialog, QProgressBar, QWidget

from lenet_gui.gui.task_runner import TaskRunner

Runner = TypeVar("Runner", bound=TaskRunner)


class TaskDialog(QDialog):
    """Base of the dialogs that run jobs (train, evaluate, convert); subclasses add their runners."""

    progressBar: QProgressBar | None = None  # set by subclasses that show progress

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._runners: list[TaskRunner] = []

    def add_runner(self, runner: Runner) -> Runner:
        """Own ``runner``: its progress goes to :attr:`progressBar`, and it is stopped with the dialog."""
        self._runners.append(runner)
        runner.progress.connect(self._on_progress)
        return runner

    def is_running(self) -> bool:
        return any(runner.is_running() for runner in self._runners)

    def stop(self) -> bool:
        """Cancel and wait for every job; True when all have ended."""
        return all([runner.stop() for runner in self._runners])

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
