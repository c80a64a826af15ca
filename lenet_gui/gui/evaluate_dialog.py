"""Model > Evaluate on MNIST...: accuracy, a clickable confusion matrix and the digits behind each cell."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import torch
from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtGui import QIcon, QPixmap
from PySide6.QtWidgets import (
    QDialogButtonBox,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QListWidgetItem,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from lenet_gui.gui.confusion_view import ConfusionView
from lenet_gui.gui.formatting import format_accuracy, format_percent
from lenet_gui.gui.jobs.evaluation import Evaluation, EvaluationRunner, evaluation_job
from lenet_gui.gui.mnist_digits import digit_qimage
from lenet_gui.gui.task_dialog import TaskDialog
from lenet_gui.gui.task_runner import failure_message
from lenet_gui.gui.thumbnail_grid import THUMBNAIL, thumbnail_grid

# The browser shows at most this many digits of one cell (a diagonal cell holds about a thousand).
MAX_THUMBNAILS = 300
CONFIDENTLY_WRONG = 40


class EvaluateDialog(TaskDialog):
    """Starts the evaluation when shown; Cancel or closing stops it.

    Emits ``digitChosen(index, image, label)`` when "Load onto canvas" is pressed on a test digit.
    """

    digitChosen = Signal(int, np.ndarray, int)  # index in the test set, 28x28 uint8 image, label

    def __init__(
        self, variant: str, device: str, root: Path, limit: int | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("evaluateDialog")
        self.setWindowTitle(self.tr("Evaluate on MNIST"))
        self._variant = variant
        self.evaluation: Evaluation | None = None
        self.statusLabel = QLabel(self.tr("Evaluating {v} C5 on the MNIST test set…").format(v=variant))
        self.statusLabel.setObjectName("statusLabel")
        self.statusLabel.setWordWrap(True)
        self.progressBar = QProgressBar(objectName="progressBar")
        self.resultLabel = QLabel(objectName="resultLabel", textFormat=Qt.TextFormat.RichText)

        self.confusionView = ConfusionView()
        self.confusionView.cellClicked.connect(self.show_cell)
        hint = QLabel(self.tr("Rows: the true digit. Columns: what the network said. Click a cell to see its digits."))
        hint.setWordWrap(True)
        hint.setEnabled(False)
        matrix_layout = QVBoxLayout()
        matrix_layout.addWidget(self.confusionView, 1)
        matrix_layout.addWidget(hint)
        matrix_box = QGroupBox(self.tr("Confusion matrix"))
        matrix_box.setLayout(matrix_layout)

        self.browserTitle = QLabel(objectName="browserTitle", wordWrap=True)
        self.digitList = thumbnail_grid("digitList", 62, 40)
        self.digitList.setMinimumWidth(4 * (THUMBNAIL + 62) + 24)
        self.digitList.currentItemChanged.connect(lambda *_: self._update_buttons())
        self.digitList.itemDoubleClicked.connect(lambda _: self.load_selected())
        self.wrongButton = QPushButton(self.tr("Most confidently wrong"), objectName="wrongButton")
        self.wrongButton.clicked.connect(self.show_confidently_wrong)
        self.loadButton = QPushButton(self.tr("Load onto Canvas"), objectName="loadButton")
        self.loadButton.setToolTip(self.tr("Put the chosen test digit on the canvas to see how the network reads it"))
        self.loadButton.clicked.connect(self.load_selected)
        browser_buttons = QHBoxLayout()
        browser_buttons.addWidget(self.wrongButton)
        browser_buttons.addStretch(1)
        browser_buttons.addWidget(self.loadButton)
        browser_layout = QVBoxLayout()
        browser_layout.addWidget(self.browserTitle)
        browser_layout.addWidget(self.digitList, 1)
        browser_layout.addLayout(browser_buttons)
        browser_box = QGroupBox(self.tr("Test digits"))
        browser_box.setLayout(browser_layout)

        self.results = QWidget(objectName="results")
        results_layout = QHBoxLayout(self.results)
        results_layout.setContentsMargins(0, 0, 0, 0)
        results_layout.addWidget(matrix_box, 1)
        results_layout.addWidget(browser_box, 1)
        self.results.hide()

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.statusLabel)
        layout.addWidget(self.progressBar)
        layout.addWidget(self.resultLabel)
        layout.addWidget(self.results, 1)
        layout.addWidget(buttons)
        self.setMinimumWidth(420)
        self._shown: torch.Tensor = torch.zeros(0, dtype=torch.long)  # test-set indices in the browser
        self._update_buttons()
        runner = self.add_runner(EvaluationRunner("evaluation", self))
        runner.succeeded.connect(self._on_succeeded)
        runner.failed.connect(self._on_failed)
        runner.cancelled.connect(lambda: self.statusLabel.setText(self.tr("Cancelled.")))
        runner.start(evaluation_job(variant, device, root, limit))

    # -- browsing ----------------------------------------------------------------------------------------------

    def shown_indices(self) -> list[int]:
        """Test-set indices of the digits in the browser, in order."""
        return self._shown.tolist()

    @Slot(int, int)
    def show_cell(self, true: int, predicted: int) -> None:
        """Browse the test digits that are ``true`` and were read as ``predicted``, most confident first."""
        if self.evaluation is None:
            return
        indices = self.evaluation.report.cell(true, predicted)
        self.confusionView.set_selected((true, predicted))
        if len(indices) > MAX_THUMBNAILS:
            title = self.tr("True {t}, predicted {p}: the {m} most confident of {n:,} images")
        else:
            title = self.tr("True {t}, predicted {p}: {n:,} images")
        self.browserTitle.setText(title.format(t=true, p=predicted, n=len(indices), m=MAX_THUMBNAILS))
        self._fill(indices[:MAX_THUMBNAILS])

    @Slot()
    def show_confidently_wrong(self) -> None:
        """Browse the mistakes the network was surest about."""
        if self.evaluation is None:
            return
        indices = self.evaluation.report.confidently_wrong(CONFIDENTLY_WRONG)
        self.confusionView.set_selected(None)
        self.browserTitle.setText(
            self.tr("The {n} mistakes the network was most sure about").format(n=len(indices))
            if len(indices)
            else self.tr("No mistakes at all.")
        )
        self._fill(indices)

    def _fill(self, indices: torch.Tensor) -> None:
        evaluation = self.evaluation
        report, split = evaluation.report, evaluation.split
        self.digitList.clear()
        self._shown = indices
        for index in indices.tolist():
            true, predicted = int(report.labels[index]), int(report.predicted[index])
            image = digit_qimage(split.images[index].numpy()).scaled(THUMBNAIL, THUMBNAIL)  # nearest neighbour
            icon = QIcon(QPixmap.fromImage(image))
            item = QListWidgetItem(icon, self.tr("said {p}\ntrue {t}").format(p=predicted, t=true))
            item.setData(Qt.ItemDataRole.UserRole, index)
            confidence = format_percent(float(report.confidence[index]))
            item.setToolTip(self.tr("Test image #{i}: said {p} ({c} sure)").format(i=index, p=predicted, c=confidence))
            if true != predicted:
                item.setForeground(Qt.GlobalColor.darkRed)
            self.digitList.addItem(item)
        if self.digitList.count():
            self.digitList.setCurrentRow(0)
        self._update_buttons()

    @Slot()
    def load_selected(self) -> None:
        """Send the chosen digit to the canvas (``digitChosen``)."""
        item = self.digitList.currentItem()
        if item is None or self.evaluation is None:
            return
        index = int(item.data(Qt.ItemDataRole.UserRole))
        split = self.evaluation.split
        self.digitChosen.emit(index, split.images[index].numpy(), int(split.labels[index]))

    def _update_buttons(self) -> None:
        self.loadButton.setEnabled(self.digitList.currentItem() is not None)
        self.wrongButton.setEnabled(self.evaluation is not None)

    # -- worker signals ----------------------------------------------------------------------------------------

    @Slot(Evaluation)
    def _on_succeeded(self, evaluation: Evaluation) -> None:
        self.evaluation = evaluation
        self.statusLabel.setText(
            self.tr("{v} C5 with the {w} weights, on {n:,} test images:").format(
                v=self._variant, w=evaluation.weights, n=evaluation.images
            )
        )
        wrong = int(evaluation.report.predicted.ne(evaluation.report.labels).sum())
        self.resultLabel.setText(
            self.tr("<span style='font-size:20pt; font-weight:600'>{a}</span> correct, {w:,} wrong").format(
                a=format_accuracy(evaluation.accuracy), w=wrong
            )
        )
        self.progressBar.hide()
        self.confusionView.set_counts(evaluation.report.confusion.numpy())
        self.results.show()
        self.show_confidently_wrong()
        self.resize(max(self.width(), 980), max(self.height(), 640))

    @Slot(Exception)
    def _on_failed(self, error: Exception) -> None:
        self.progressBar.setRange(0, 1)
        self.statusLabel.setText(self.tr("Evaluation failed: {m}").format(m=failure_message(error)))
