"""Running one long job (training, evaluation, a download, a file) in a QThread, with typed signals.

As Orange3's TaskState and superqt's workers do it: a job is a function of a :class:`TaskState`, through
which it reports status text, (done, total) progress and partial results and sees whether it was cancelled;
its return value is its result. A :class:`TaskRunner` runs one job at a time: starting another cancels the
one running and replaces it, whose late reports and outcome are then dropped. Each signal carries one type:
the result and the partial results come in the typed ``succeeded`` and ``partial`` signals that a runner
class for that kind of job declares (see gui/jobs/), failures as the exception itself.
"""

from __future__ import annotations

import queue
import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QThread, Signal, SignalInstance, Slot

from lenet_gui.errors import LenetError, TrainingCancelled

Job = Callable[["TaskState"], Any]


def failure_message(error: Exception) -> str:
    """What to tell the user about a failed job: the message of an error meant for them, else its type too."""
    return str(error) if isinstance(error, LenetError) else f"{type(error).__name__}: {error}"


class TaskState(QObject):
    """What a running job sees; its methods may be called from the worker thread."""

    status = Signal(str)
    progress = Signal(int, int)  # done, total
    partialReady = Signal()  # a partial result waits in the queue

    def __init__(self) -> None:
        super().__init__()
        self.cancel = threading.Event()  # what core functions that take a cancel flag are given
        self._partials: queue.SimpleQueue[Any] = queue.SimpleQueue()

    def set_status(self, text: str) -> None:
        """Say what the job is doing now."""
        self.status.emit(text)

    def set_progress(self, done: int, total: int) -> None:
        """Report ``done`` of ``total`` steps."""
        self.progress.emit(done, total)

    def report_partial(self, value: Any) -> None:
        """Hand on a partial result (e.g. training progress); it arrives in the runner's ``partial`` signal."""
        self._partials.put(value)
        self.partialReady.emit()

    def take_partials(self) -> list[Any]:
        """The partial results reported since the last call, oldest first."""
        taken = []
        while not self._partials.empty():
            taken.append(self._partials.get())
        return taken

    def is_cancelled(self) -> bool:
        return self.cancel.is_set()


class _Worker(QObject):
    """Lives in the worker thread, calls the job there and keeps its outcome for the runner."""

    done = Signal()

    def __init__(self, job: Job, state: TaskState) -> None:
        super().__init__()
        self._job = job
        self.state = state
        self.result: Any = None
        self.error: Exception | None = None
        self.cancelled = False

    @Slot()
    def run(self) -> None:
        try:
            self.result = self._job(self.state)
        except TrainingCancelled:
            self.cancelled = True
        except Exception as exc:  # a bug or an unexpected library error must not kill the app silently
            self.error = exc
        else:
            self.cancelled = self.state.is_cancelled()
        finally:
            self.done.emit()  # queued to the runner, which reads the outcome in the GUI thread
            self.thread().quit()


class TaskRunner(QObject):
    """Runs one job at a time in a fresh QThread; the signals arrive in the GUI thread.

    Subclasses declare ``succeeded = Signal(ResultType)`` for their kind of job, and ``partial =
    Signal(PartialType)`` when the job reports partial results.
    """

    status = Signal(str)
    progress = Signal(int, int)  # done, total
    failed = Signal(Exception)  # see failure_message()
    cancelled = Signal()
    finished = Signal()  # after any of the outcomes, once the thread has ended

    succeeded: SignalInstance
    partial: SignalInstance

    def __init__(self, name: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._name = name
        self._thread: QThread | None = None
        self._worker: _Worker | None = None
        # Cancelled jobs still running, kept until their threads have ended.
        self._replaced: dict[QThread, _Worker] = {}

    def is_running(self) -> bool:
        """True from :meth:`start` until :attr:`finished` is emitted or :meth:`stop` returned."""
        return self._thread is not None

    def start(self, job: Job) -> None:
        """Run ``job(state)`` in a new thread; a job still running is cancelled and its outcome dropped."""
        if self._thread is not None:
            self._worker.state.cancel.set()
            self._replaced[self._thread] = self._worker
        state = TaskState()
        state.status.connect(self._on_status)
        state.progress.connect(self._on_progress)
        state.partialReady.connect(self._on_partial)
        thread = QThread()
        thread.setObjectName(self._name)
        worker = _Worker(job, state)
        worker.moveToThread(thread)
        worker.done.connect(self._on_done)
        thread.started.connect(worker.run)
        thread.finished.connect(self._on_thread_finished)
        self._thread, self._worker = thread, worker
        thread.start()

    def cancel(self) -> None:
        """Ask the job to stop at its next check (within a second for training)."""
        if self._worker is not None:
            self._worker.state.cancel.set()

    def stop(self, timeout_ms: int = 10_000) -> bool:
        """Cancel and wait for the threads to end; True when they have."""
        self.cancel()
        ended = True
        for thread in [*self._replaced, *([self._thread] if self._thread else [])]:
            thread.quit()
            ended = thread.wait(timeout_ms) and ended
        if ended:
            self._thread = self._worker = None
            self._replaced.clear()
        return ended

    def _current(self, state: QObject | None) -> bool:
        return self._worker is not None and state is self._worker.state

    @Slot(str)
    def _on_status(self, text: str) -> None:
        if self._current(self.sender()):
            self.status.emit(text)

    @Slot(int, int)
    def _on_progress(self, done: int, total: int) -> None:
        if self._current(self.sender()):
            self.progress.emit(done, total)

    @Slot()
    def _on_partial(self) -> None:
        state = self.sender()
        if self._current(state):
            for value in state.take_partials():
                self.partial.emit(value)

    @Slot()
    def _on_done(self) -> None:
        worker = self.sender()
        if worker is None or worker is not self._worker:
            return  # a replaced or stopped job
        if worker.error is not None:
            self.failed.emit(worker.error)
        elif worker.cancelled:
            self.cancelled.emit()
        else:
            self.succeeded.emit(worker.result)

    @Slot()
    def _on_thread_finished(self) -> None:
        ended = self.sender()
        if isinstance(ended, QThread):
            ended.wait()  # finished() is emitted just before the thread really ends
        self._replaced.pop(ended, None)
        if ended is self._thread:
            self._thread = self._worker = None
            self.finished.emit()
