"""Learn my handwriting: the correction bar's samples, written and forgotten in a thread of their own.

:class:`SampleWorker` does the disk work (three fsync'd writes a sample) in a QThread, one typed signal per
result; :class:`SampleKeeper` is the correction flow on the GUI thread: what to keep, and what the bar says.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np
from PySide6.QtCore import QObject, QThread, Signal, Slot
from PySide6.QtWidgets import QMessageBox

from lenet_gui.core.samples import Sample, SampleStore
from lenet_gui.errors import LenetError

if TYPE_CHECKING:
    from lenet_gui.core.preprocess import Preprocessed
    from lenet_gui.gui.main_window import MainWindow


@dataclass(frozen=True)
class SampleRequest:
    """A drawing to keep as a sample of ``label``; ``preprocessed`` is what the network saw, when known."""

    drawing: np.ndarray
    label: int
    preprocessed: Preprocessed | None


@dataclass(frozen=True)
class StoredSample:
    """A sample just kept, and how many samples of each digit there are now."""

    sample: Sample
    counts: dict[int, int]


class SampleWorker(QObject):
    """Writes and deletes personal samples in its own thread; requests are served in order."""

    stored = Signal(StoredSample)
    storeFailed = Signal(str)
    deleted = Signal(Sample)
    deleteFailed = Signal(str)
    _store = Signal(SampleRequest)
    _delete = Signal(Sample)

    def __init__(self) -> None:
        super().__init__()
        self._thread = QThread()
        self._thread.setObjectName("samples")
        self.moveToThread(self._thread)
        self._store.connect(self._on_store)
        self._delete.connect(self._on_delete)
        self._thread.start()

    def store(self, request: SampleRequest) -> None:
        """Keep a sample; the answer comes in ``stored`` or ``storeFailed``."""
        self._store.emit(request)

    def delete(self, sample: Sample) -> None:
        """Forget a sample; the answer comes in ``deleted`` or ``deleteFailed``."""
        self._delete.emit(sample)

    def stop(self) -> None:
        """Finish the writes asked for and end the thread."""
        self._thread.quit()
        self._thread.wait()

    @Slot(SampleRequest)
    def _on_store(self, request: SampleRequest) -> None:
        store = SampleStore()
        try:
            sample = store.add(request.drawing, request.label, request.preprocessed)
            self.stored.emit(StoredSample(sample, store.counts()))
        except LenetError as exc:
            self.storeFailed.emit(str(exc))

    @Slot(Sample)
    def _on_delete(self, sample: Sample) -> None:
        try:
            SampleStore().delete(sample.id)
        except LenetError as exc:
            self.deleteFailed.emit(str(exc))
            return
        self.deleted.emit(sample)


class SampleKeeper(QObject):
    """The correction bar's flow: keep the drawing (or the selected digit of a number) as a sample, or forget it.

    ``samplesChanged`` tells when the stored samples changed.
    """

    samplesChanged = Signal()

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self._window = window
        self._kept: tuple[int, int, Sample] | None = None  # the last sample kept: request, digit index, sample
        self._waiting: tuple[int, int] | None = None  # the request and digit index of a sample being written
        self._pending = 0  # writes and deletions asked for and not answered yet
        self.worker = SampleWorker()
        self.worker.stored.connect(self._on_stored)
        self.worker.storeFailed.connect(self._on_store_failed)
        self.worker.deleted.connect(self._on_deleted)
        self.worker.deleteFailed.connect(self._on_delete_failed)

    @property
    def busy(self) -> bool:
        """Whether a sample is being written or deleted."""
        return self._pending > 0

    def update_bar(self) -> None:
        """Point the correction bar at the digit shown: kept already, being kept, or waiting for a label."""
        w = self._window
        bar, panel, digit = w.correctionBar, w.predictionPanel, w.selected_digit
        where = (w.shown_sequence, panel.selected)
        if w.canvas.is_empty() or digit is None:
            bar.set_drawing(None, self.tr("Draw a digit first"))
        elif self._kept is not None and self._kept[:2] == where:
            bar.set_kept(self._kept[2].label, panel.selected_label())
        elif self._waiting == where:
            bar.set_drawing(None, self.tr("Keeping the sample…"))
        else:
            bar.set_drawing(digit.digit if digit.sure else None, None)

    @Slot(int)
    def store(self, label: int) -> bool:
        """Keep the digit shown as a sample of ``label`` (written in the worker); False when there is nothing."""
        w = self._window
        digit, reading = w.selected_digit, w.reading
        if w.canvas.is_empty() or digit is None or reading is None:
            return False
        drawing = w.canvas.to_array()
        if len(reading.digits) > 1:
            from lenet_gui.core.segment import digit_drawing  # torch is loaded once there is a reading

            drawing = digit_drawing(drawing, digit)
        current = w.shown_sequence == w.sent_sequence
        # What the network saw when it is for this very drawing, else the store preprocesses the drawing.
        self._waiting = (w.shown_sequence, w.predictionPanel.selected)
        self._pending += 1
        self.worker.store(SampleRequest(drawing, label, digit.preprocessed if current else None))
        self.update_bar()
        return True

    @Slot()
    def undo(self) -> bool:
        """Forget the sample just kept (the correction bar's Undo); False when there is none."""
        if self._kept is None:
            return False
        self._pending += 1
        self.worker.delete(self._kept[2])
        return True

    @Slot(StoredSample)
    def _on_stored(self, stored: StoredSample) -> None:
        self._pending -= 1
        if self._waiting is not None:
            self._kept, self._waiting = (*self._waiting, stored.sample), None
        self.update_bar()
        label, counts = stored.sample.label, stored.counts
        self._window.statusBar().showMessage(
            self.tr("Kept as a sample of {d} ({n} of {d}, {total} in all); Model ▸ Fine-tune learns from them").format(
                d=label, n=counts[label], total=sum(counts.values())
            ),
            8000,
        )
        self.samplesChanged.emit()

    @Slot(str)
    def _on_store_failed(self, message: str) -> None:
        self._pending -= 1
        self._waiting = None
        self.update_bar()
        self._window.show_message(QMessageBox.Icon.Warning, self.tr("Cannot keep the sample"), message)

    @Slot(Sample)
    def _on_deleted(self, sample: Sample) -> None:
        self._pending -= 1
        if self._kept is not None and self._kept[2].id == sample.id:
            self._kept = None
        self.update_bar()
        self._window.statusBar().showMessage(self.tr("Forgot the sample of {d}").format(d=sample.label), 5000)
        self.samplesChanged.emit()

    @Slot(str)
    def _on_delete_failed(self, message: str) -> None:
        self._pending -= 1
        self._window.show_message(QMessageBox.Icon.Warning, self.tr("Cannot forget the sample"), message)
