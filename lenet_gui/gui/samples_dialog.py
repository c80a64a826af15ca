"""Model > My Samples: the user's stored drawings as thumbnails, grouped by digit, with counts and delete.

The samples and their thumbnails are read, and the samples deleted, in threads (see gui/jobs/samples.py);
the dialog says it is reading until the samples arrive.
"""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QCoreApplication, Qt, QUrl, Signal, Slot
from PySide6.QtGui import QDesktopServices, QIcon, QImage, QKeySequence, QPixmap, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

from lenet_gui.core.finetune import MIN_SAMPLES
from lenet_gui.core.samples import Sample, SampleStore
from lenet_gui.gui.jobs.samples import (
    DeleteRunner,
    SampleListing,
    SamplesRunner,
    delete_samples_job,
    read_samples_job,
)
from lenet_gui.gui.messages import show_message
from lenet_gui.gui.task_dialog import TaskDialog
from lenet_gui.gui.task_runner import failure_message
from lenet_gui.gui.thumbnail_grid import THUMBNAIL, thumbnail_grid

ALL = -1  # the digit list's first row: every digit
ID_ROLE = Qt.ItemDataRole.UserRole


def missing_samples_text(count: int) -> str:
    """How many more personal samples fine-tuning needs when there are ``count`` (fewer than MIN_SAMPLES)."""
    more = MIN_SAMPLES - count
    if more == 1:
        return QCoreApplication.translate("Samples", "Fine-tuning needs 1 more sample.")
    return QCoreApplication.translate("Samples", "Fine-tuning needs {m} more samples (at least {min}).").format(
        m=more, min=MIN_SAMPLES
    )


def thumbnail(network_input: np.ndarray) -> QPixmap:
    """A sample's network input (white ink on black), dark ink on white like the canvas, at THUMBNAIL pixels."""
    pixels = np.ascontiguousarray(255 - network_input)
    height, width = pixels.shape
    image = QImage(pixels.data, width, height, width, QImage.Format.Format_Grayscale8).copy()
    return QPixmap.fromImage(image).scaled(
        THUMBNAIL, THUMBNAIL, Qt.AspectRatioMode.KeepAspectRatio, Qt.TransformationMode.SmoothTransformation
    )


class SamplesDialog(TaskDialog):
    """Lists the samples of a :class:`SampleStore`; emits ``samplesChanged`` after deleting and
    ``finetuneRequested`` when the user asks to fine-tune on them."""

    samplesChanged = Signal()
    finetuneRequested = Signal()

    def __init__(self, store: SampleStore | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("samplesDialog")
        self.setWindowTitle(self.tr("My Samples"))
        self.store = store or SampleStore()
        self._samples: list[Sample] = []
        self._inputs: dict[str, np.ndarray] = {}  # each sample's network input, by id
        self._reader = self.add_reader(SamplesRunner("read samples", self), self._show_listing, self._on_unreadable)
        self._deleter = self.add_runner(DeleteRunner("delete samples", self))
        self._deleter.succeeded.connect(self._on_deleted)
        self._deleter.failed.connect(self._on_delete_failed)
        self._deleter.finished.connect(self._update_buttons)

        self.summaryLabel = QLabel(objectName="summaryLabel", wordWrap=True)
        self.summaryLabel.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.digitList = QListWidget(objectName="digitList")
        self.digitList.setFixedWidth(150)
        self.digitList.setSpacing(3)
        self.digitList.currentRowChanged.connect(lambda _: self._fill_samples())
        self.sampleList = thumbnail_grid("sampleList", 18, 26)
        self.sampleList.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.sampleList.itemSelectionChanged.connect(self._update_buttons)
        self.emptyLabel = QLabel(objectName="emptyLabel", wordWrap=True, alignment=Qt.AlignmentFlag.AlignCenter)
        self.emptyLabel.setText(
            self.tr(
                "No samples yet. Draw a digit in the main window and press the digit it really is under "
                "“Wrong? It is a …” (or ✓ when the answer is right): the drawing is kept here."
            )
        )

        lists = QHBoxLayout()
        lists.addWidget(self.digitList)
        right = QVBoxLayout()
        right.addWidget(self.sampleList, 1)
        right.addWidget(self.emptyLabel)
        lists.addLayout(right, 1)

        self.buttons = QDialogButtonBox()
        self.deleteButton = self.buttons.addButton(self.tr("Delete"), QDialogButtonBox.ButtonRole.ActionRole)
        self.folderButton = self.buttons.addButton(self.tr("Open Folder"), QDialogButtonBox.ButtonRole.ActionRole)
        self.finetuneButton = self.buttons.addButton(
            self.tr("Fine-tune on My Samples…"), QDialogButtonBox.ButtonRole.ActionRole
        )
        self.closeButton = self.buttons.addButton(QDialogButtonBox.StandardButton.Close)
        for name, button in (
            ("deleteButton", self.deleteButton),
            ("folderButton", self.folderButton),
            ("finetuneButton", self.finetuneButton),
            ("closeButton", self.closeButton),
        ):
            button.setObjectName(name)
            button.setAutoDefault(False)
        self.deleteButton.setIcon(QIcon.fromTheme("edit-delete"))
        self.deleteButton.setToolTip(self.tr("Delete the selected samples (Del)"))
        self.deleteButton.clicked.connect(self.ask_delete_selected)
        QShortcut(QKeySequence(Qt.Key.Key_Delete), self.sampleList, self.ask_delete_selected)
        self.folderButton.clicked.connect(lambda: QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.store.root))))
        self.finetuneButton.clicked.connect(self.finetuneRequested)
        self.closeButton.clicked.connect(self.close)

        layout = QVBoxLayout(self)
        layout.addWidget(self.summaryLabel)
        layout.addLayout(lists, 1)
        layout.addWidget(self.buttons)
        self.resize(720, 480)
        self.refresh()

    # -- public API (also used by the main window and tests) ---------------------------------------------------

    def shown_ids(self) -> list[str]:
        """The ids of the samples in the thumbnail list, in order."""
        return [self.sampleList.item(i).data(ID_ROLE) for i in range(self.sampleList.count())]

    def show_digit(self, digit: int | None) -> None:
        """Show the samples of ``digit`` only, or of every digit for None."""
        self.digitList.setCurrentRow(0 if digit is None else digit + 1)

    @Slot()
    def refresh(self) -> None:
        """Read the samples again, in a thread (after one was added or deleted elsewhere)."""
        self.summaryLabel.setText(self.tr("Reading your samples in {root}…").format(root=self.store.root))
        self._reader.start(read_samples_job(self.store.root, with_inputs=True))

    @Slot(SampleListing)
    def _show_listing(self, listing: SampleListing) -> None:
        self._samples, self._inputs = listing.samples, listing.inputs
        if listing.rebuilt:
            show_message(self, QMessageBox.Icon.Information, self.tr("Samples index rebuilt"), listing.rebuilt)
        self._show_samples()

    @Slot(Exception)
    def _on_unreadable(self, error: Exception) -> None:
        self._samples, self._inputs = [], {}
        show_message(self, QMessageBox.Icon.Warning, self.tr("Cannot read your samples"), failure_message(error))
        self._show_samples()

    def _show_samples(self) -> None:
        counts = dict.fromkeys(range(10), 0)
        for s in self._samples:
            counts[s.label] += 1
        row = max(self.digitList.currentRow(), 0)
        self.digitList.blockSignals(True)
        self.digitList.clear()
        self.digitList.addItem(self.tr("All digits · {n}").format(n=len(self._samples)))
        for digit, n in counts.items():
            item = QListWidgetItem(self.tr("{d} · {n}").format(d=digit, n=n))
            tip = self.tr("1 sample of {d}") if n == 1 else self.tr("{n} samples of {d}")
            item.setToolTip(tip.format(n=n, d=digit))
            if n == 0:
                item.setForeground(self.palette().placeholderText())
            self.digitList.addItem(item)
        self.digitList.setCurrentRow(row)
        self.digitList.blockSignals(False)
        n, root = len(self._samples), self.store.root
        if n == 0:
            summary = self.tr("No samples in {root}").format(root=root)
        elif n == 1:
            summary = self.tr("1 sample in {root}").format(root=root)
        else:
            summary = self.tr("{n} samples in {root}").format(n=n, root=root)
        self.summaryLabel.setText(summary)
        self._fill_samples()

    @Slot()
    def ask_delete_selected(self) -> QMessageBox | None:
        """Ask whether to delete the selected samples (a window-modal box that returns at once); None if none."""
        ids = [item.data(ID_ROLE) for item in self.sampleList.selectedItems()]
        if not ids:
            return None
        box = QMessageBox(
            QMessageBox.Icon.Question,
            self.tr("Delete samples"),
            self.tr("Delete this sample for good?")
            if len(ids) == 1
            else self.tr("Delete these {n} samples for good?").format(n=len(ids)),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            self,
        )
        box.setObjectName("confirmDeleteBox")
        box.setInformativeText(self.tr("Fine-tuning learns only from the samples that are kept."))
        box.button(QMessageBox.StandardButton.Yes).setText(self.tr("Delete"))
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.accepted.connect(lambda: self.delete(ids))
        box.open()
        return box

    def delete(self, ids: list[str]) -> int:
        """Delete these samples from disk, in a thread; the number asked to delete (0 while others are deleted)."""
        if not ids or self._deleter.is_running():
            return 0
        self.summaryLabel.setText(self.tr("Deleting…"))
        self._deleter.start(delete_samples_job(self.store.root, ids))
        self._update_buttons()
        return len(ids)

    @Slot(int)
    def _on_deleted(self, count: int) -> None:
        self.refresh()
        self.samplesChanged.emit()

    @Slot(Exception)
    def _on_delete_failed(self, error: Exception) -> None:
        show_message(self, QMessageBox.Icon.Warning, self.tr("Cannot delete the samples"), failure_message(error))
        self.refresh()  # some may be gone
        self.samplesChanged.emit()

    # -- internals ---------------------------------------------------------------------------------------------

    def _fill_samples(self) -> None:
        digit = self.digitList.currentRow() - 1
        shown = sorted((s for s in self._samples if digit in (ALL, s.label)), key=lambda s: (s.label, s.created, s.id))
        self.sampleList.clear()
        for sample in shown:
            item = QListWidgetItem(QIcon(thumbnail(self._inputs[sample.id])), str(sample.label))
            item.setData(ID_ROLE, sample.id)
            item.setToolTip(self.tr("{d}, stored {when}").format(d=sample.label, when=sample.created))
            self.sampleList.addItem(item)
        self.sampleList.setVisible(bool(self._samples))
        self.emptyLabel.setVisible(not self._samples)
        self._update_buttons()

    @Slot()
    def _update_buttons(self) -> None:
        self.deleteButton.setEnabled(bool(self.sampleList.selectedItems()) and not self._deleter.is_running())
        enough = len(self._samples) >= MIN_SAMPLES
        self.finetuneButton.setEnabled(enough)
        self.finetuneButton.setToolTip(
            self.tr("Teach the network your handwriting with these samples")
            if enough
            else missing_samples_text(len(self._samples))
        )
