"""Model > Convert Weights: the current variant's weights rewritten for the other one, and proof that they agree."""

from __future__ import annotations

from pathlib import Path

import numpy as np
from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtWidgets import QDialogButtonBox, QLabel, QMessageBox, QProgressBar, QVBoxLayout, QWidget

from lenet_gui.core.convert import other_variant
from lenet_gui.core.paths import user_path
from lenet_gui.gui.jobs.conversion import ConversionCheck, ConversionRunner, conversion_job
from lenet_gui.gui.jobs.model_files import WriteRunner, save_weights_job
from lenet_gui.gui.messages import show_message
from lenet_gui.gui.task_dialog import TaskDialog
from lenet_gui.gui.task_runner import failure_message


class ConvertDialog(TaskDialog):
    """Runs the conversion check in a worker; "Save" asks before it writes the user's weights of the other variant.

    Emits ``weightsSaved(variant)`` after saving.
    """

    weightsSaved = Signal(str)

    def __init__(
        self,
        variant: str,
        device: str,
        root: Path,
        image: np.ndarray | None,
        limit: int | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("convertDialog")
        self.setWindowTitle(self.tr("Convert Weights"))
        self.check: ConversionCheck | None = None
        target = other_variant(variant)
        self.statusLabel = QLabel(
            self.tr(
                "Converting the {v} C5 weights into {t} C5: C5's weight of 120\u00d716\u00d75\u00d75 holds the same "
                "numbers as a 120\u00d7400 matrix, so only its shape changes. Checking that both give the same outputs…"
            ).format(v=variant, t=target),
            objectName="statusLabel",
            wordWrap=True,
        )
        self.progressBar = QProgressBar(objectName="progressBar")
        self.resultLabel = QLabel(objectName="resultLabel", wordWrap=True, textFormat=Qt.TextFormat.RichText)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.saveButton = self.buttons.addButton(
            self.tr("Save as My {t} C5 Weights…").format(t=target), QDialogButtonBox.ButtonRole.ActionRole
        )
        self.saveButton.setObjectName("saveButton")
        self.saveButton.setEnabled(False)
        self.saveButton.clicked.connect(self.confirm_save)
        self.buttons.rejected.connect(self.close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.statusLabel)
        layout.addWidget(self.progressBar)
        layout.addWidget(self.resultLabel, 1)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(560)
        runner = self.add_runner(ConversionRunner("convert", self))
        runner.succeeded.connect(self._on_succeeded)
        runner.failed.connect(self._on_failed)
        self._saver = self.add_runner(WriteRunner("save converted weights", self))
        self._saver.succeeded.connect(self._on_saved)
        self._saver.failed.connect(self._on_save_failed)
        runner.start(conversion_job(variant, device, root, image, limit))

    @Slot()
    def confirm_save(self) -> None:
        """Ask, then save the converted weights as the user's weights of the other variant."""
        if self.check is None:
            return
        target = self.check.conversion.target
        path = user_path(target)
        question = self.tr(
            "Save the converted weights as your {t} C5 weights? The app uses them whenever {t} C5 is chosen."
        )
        if self.check.replaces:
            question += " " + self.tr("This replaces your current {t} C5 weights in {path}.")
        answer = QMessageBox.question(self, self.tr("Save converted weights"), question.format(t=target, path=path))
        if answer == QMessageBox.StandardButton.Yes:
            self.save()

    def save(self) -> None:
        """Save the converted weights (atomically, in a thread) as the user's weights of the other variant."""
        if self.check is None or self._saver.is_running():
            return
        conversion = self.check.conversion
        self.saveButton.setEnabled(False)
        self._saver.start(save_weights_job(user_path(conversion.target), conversion.state_dict, conversion.meta))

    @Slot(Path)
    def _on_saved(self, path: Path) -> None:
        target = self.check.conversion.target
        self.statusLabel.setText(self.tr("Saved as your {t} C5 weights in {path}.").format(t=target, path=path))
        self.weightsSaved.emit(target)

    @Slot(Exception)
    def _on_save_failed(self, error: Exception) -> None:
        self.saveButton.setEnabled(True)
        show_message(self, QMessageBox.Icon.Critical, self.tr("Could not save the weights"), failure_message(error))

    @Slot(ConversionCheck)
    def _on_succeeded(self, check: ConversionCheck) -> None:
        self.check = check
        conversion = check.conversion
        self.progressBar.hide()
        self.statusLabel.setText(
            self.tr("{s} C5 ({w} weights) converted into {t} C5.").format(
                s=conversion.source, w=check.weights, t=conversion.target
            )
        )
        lines = [self.tr("Largest difference between the two models' probabilities:")]
        if conversion.drawing_difference is None:
            lines.append(self.tr("on your drawing: no digit on the canvas"))
        else:
            lines.append(self.tr("on your drawing: <b>{d}</b>").format(d=f"{conversion.drawing_difference:.2e}"))
        if conversion.test_difference is None:
            lines.append(self.tr("on the MNIST test set: not checked ({m})").format(m=check.data_problem))
        else:
            lines.append(
                self.tr("on the {n:,} MNIST test images: <b>{d}</b>").format(
                    n=conversion.test_images, d=f"{conversion.test_difference:.2e}"
                )
            )
            lines.append(
                self.tr("{k:,} of {n:,} test images predicted differently").format(
                    k=conversion.test_disagreements, n=conversion.test_images
                )
            )
        lines.append(self.tr("Differences this small are float rounding: the two models compute the same function."))
        self.resultLabel.setText("<br>".join(lines))
        self.saveButton.setEnabled(True)

    @Slot(Exception)
    def _on_failed(self, error: Exception) -> None:
        self.progressBar.hide()
        self.statusLabel.setText(self.tr("Conversion failed: {m}").format(m=failure_message(error)))
