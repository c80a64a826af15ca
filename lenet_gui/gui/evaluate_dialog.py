"""Model > Evaluate on MNIST...: the current weights' accuracy on the MNIST test set, computed in a worker."""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import Qt, Slot
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QProgressBar, QVBoxLayout, QWidget

from lenet_gui.core.data import load_mnist
from lenet_gui.core.predictor import Predictor
from lenet_gui.core.trainer import predict_split
from lenet_gui.gui.formatting import format_accuracy
from lenet_gui.gui.task_runner import Job, TaskRunner


@dataclass(frozen=True)
class Evaluation:
    """The outcome of one evaluation."""

    accuracy: float
    images: int
    weights: str  # LoadedWeights.description


def evaluation_job(variant: str, device: str, root: Path, limit: int | None = None) -> Job:
    """A job that loads the active weights of ``variant`` and measures them on the (first ``limit``) test images."""

    def job(report: Callable[[object], None], cancel: threading.Event) -> Evaluation:
        report("Reading MNIST…")
        test = load_mnist(root, download=False).test.head(limit)
        predictor = Predictor.load(variant, device=device)
        log_probs = predict_split(
            predictor.model, test, predictor.device, cancel, batch_size=1000, on_batch=lambda d, n: report((d, n))
        )
        accuracy = log_probs.argmax(1).eq(test.labels).float().mean().item()
        return Evaluation(accuracy, len(test), predictor.weights.description)

    return job


class EvaluateDialog(QDialog):
    """Starts the evaluation when shown; Cancel or closing stops it."""

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
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.statusLabel)
        layout.addWidget(self.progressBar)
        layout.addWidget(self.resultLabel)
        layout.addWidget(buttons)
        self.setMinimumWidth(420)
        self._runner = TaskRunner("evaluation", self)
        self._runner.progress.connect(self._on_progress)
        self._runner.succeeded.connect(self._on_succeeded)
        self._runner.failed.connect(self._on_failed)
        self._runner.cancelled.connect(lambda: self.statusLabel.setText(self.tr("Cancelled.")))
        self._runner.start(evaluation_job(variant, device, root, limit))

    def is_running(self) -> bool:
        return self._runner.is_running()

    def stop(self) -> bool:
        """Cancel and wait for the worker thread; True when it has ended."""
        return self._runner.stop()

    @Slot(object)
    def _on_progress(self, report: object) -> None:
        if isinstance(report, tuple):
            done, total = report
            self.progressBar.setRange(0, total)
            self.progressBar.setValue(done)

    @Slot(object)
    def _on_succeeded(self, evaluation: object) -> None:
        if not isinstance(evaluation, Evaluation):
            return
        self.evaluation = evaluation
        self.statusLabel.setText(
            self.tr("{v} C5 with the {w} weights, on {n:,} test images:").format(
                v=self._variant, w=evaluation.weights, n=evaluation.images
            )
        )
        self.resultLabel.setText(
            self.tr("<span style='font-size:20pt; font-weight:600'>{a}</span> correct").format(
                a=format_accuracy(evaluation.accuracy)
            )
        )

    @Slot(str)
    def _on_failed(self, message: str) -> None:
        self.progressBar.setRange(0, 1)
        self.statusLabel.setText(self.tr("Evaluation failed: {m}").format(m=message))

    def closeEvent(self, event: QCloseEvent) -> None:
        self.stop()
        super().closeEvent(event)

    def reject(self) -> None:
        self.stop()
        super().reject()
