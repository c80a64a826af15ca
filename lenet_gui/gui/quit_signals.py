"""SIGTERM (a desktop session logging out) and Ctrl+C (SIGINT) close the app the way its Quit does.

Python runs a signal handler only when the main thread executes Python code, and while the app waits for
input that thread sits in Qt's event loop, in C++. So the signal's number is also written to a socket
(:func:`signal.set_wakeup_fd`) that a :class:`QSocketNotifier` watches: the event loop wakes at once and
:attr:`QuitSignals.received` is emitted on the GUI thread, where closing the window is safe.
"""

from __future__ import annotations

import signal
import socket
from types import FrameType

from PySide6.QtCore import QObject, QSocketNotifier, Signal, Slot

QUIT_SIGNALS = (signal.SIGINT, signal.SIGTERM)


class QuitSignals(QObject):
    """Catches SIGINT and SIGTERM while it is installed and reports each in :attr:`received`."""

    received = Signal(int)  # the signal's number

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._reader, self._writer = socket.socketpair()
        self._reader.setblocking(False)
        self._writer.setblocking(False)
        self._previous_fd = signal.set_wakeup_fd(self._writer.fileno())
        # A Python handler must be installed for the wakeup byte to be written (and to keep SIGTERM from
        # killing the process); it has nothing to do, the notifier does the work.
        self._previous = {number: signal.signal(number, _ignore) for number in QUIT_SIGNALS}
        self._notifier = QSocketNotifier(self._reader.fileno(), QSocketNotifier.Type.Read, self)
        self._notifier.activated.connect(self._on_readable)

    @Slot()
    def _on_readable(self) -> None:
        try:
            numbers = self._reader.recv(64)
        except BlockingIOError:
            return
        for number in numbers:
            self.received.emit(number)

    def uninstall(self) -> None:
        """Give the signals back to the handlers that were there before."""
        self._notifier.setEnabled(False)
        for number, handler in self._previous.items():
            signal.signal(number, handler)
        signal.set_wakeup_fd(self._previous_fd)
        self._reader.close()
        self._writer.close()


def _ignore(number: int, frame: FrameType | None) -> None:
    """The Python-level handler; the socket carries the signal to the event loop."""
