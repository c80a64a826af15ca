"""A worker object in its own QThread that serves only the newest request, as in Qt's Mandelbrot example.

Requests are not queued: the GUI thread stores the latest one under a mutex and wakes the worker; one that
arrives while the worker is busy replaces the one that waits, so the worker always moves on to the newest
and never falls behind. Each request carries a sequence number, and so does each answer, which subclasses
emit in typed signals of their own; the GUI can thus tell when it has the answer to its newest request.
Live prediction (inference_worker.py) and View > Compare Variants (jobs/comparison.py) are two of these.
"""

from __future__ import annotations

from typing import Generic, TypeVar

from PySide6.QtCore import QMutex, QMutexLocker, QObject, Qt, QThread, Signal, Slot

Request = TypeVar("Request")


class NewestWinsWorker(QObject):
    """The thread, the mutex and the waking of a newest-wins worker; subclasses keep their requests.

    A subclass stores a request under ``_mutex``, calls :meth:`_schedule` while holding it, and implements
    :meth:`_work` to take the waiting requests (under the mutex) and serve them until none is left.
    """

    _wake = Signal()

    def __init__(self, name: str) -> None:
        super().__init__()
        self._mutex = QMutex()
        self._scheduled = False
        self._thread = QThread()
        self._thread.setObjectName(name)
        self.moveToThread(self._thread)
        self._wake.connect(self._work, Qt.ConnectionType.QueuedConnection)

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        """Finish the current request and end the thread (blocks briefly); subclasses drop what waits first."""
        self._thread.quit()
        self._thread.wait()

    def is_running(self) -> bool:
        return self._thread.isRunning()

    @property
    def busy(self) -> bool:
        """Whether a request is waiting or being served."""
        with QMutexLocker(self._mutex):
            return self._scheduled

    def _schedule(self) -> None:
        """Wake the worker unless it is awake already; call with ``_mutex`` held."""
        if not self._scheduled:
            self._scheduled = True
            self._wake.emit()

    @Slot()
    def _work(self) -> None:
        raise NotImplementedError


class NewestRequestWorker(NewestWinsWorker, Generic[Request]):
    """A newest-wins worker with one kind of request, answered by :meth:`serve`."""

    def __init__(self, name: str) -> None:
        super().__init__(name)
        self._pending: tuple[int, Request] | None = None

    def request(self, seq: int, request: Request) -> None:
        """Ask for ``request`` to be served; it replaces any request still waiting."""
        with QMutexLocker(self._mutex):
            self._pending = (seq, request)
            self._schedule()

    def serve(self, seq: int, request: Request) -> None:
        """Answer ``request`` (in the worker thread) by emitting the subclass's signals with ``seq``."""
        raise NotImplementedError

    def stop(self) -> None:
        """Drop the waiting request, finish the current one and end the thread."""
        with QMutexLocker(self._mutex):
            self._pending = None
        super().stop()

    @Slot()
    def _work(self) -> None:
        while True:
            with QMutexLocker(self._mutex):
                pending, self._pending = self._pending, None
                if pending is None:
                    self._scheduled = False
                    return
            self.serve(*pending)
