"""Model > Convert Weights: the current variant's weights rewritten for the other one, and proof that they agree."""

from __future__ import annotations

import dataclasses
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import torch
from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtWidgets import QDialogButtonBox, QLabel, QMessageBox, QProgressBar, QVBoxLayout, QWidget

from lenet_gui.core.convert import convert_state_dict, other_variant
from lenet_gui.core.data import load_mnist
from lenet_gui.core.devices import resolve_device
from lenet_gui.core.models import LeNet5, create_model
from lenet_gui.core.preprocess import preprocess
from lenet_gui.core.trainer import predict_split
from lenet_gui.core.weights import WeightsMeta, load_for_variant, save_weights, user_path
from lenet_gui.errors import DataError, LenetError
from lenet_gui.gui.i18n import weights_description
from lenet_gui.gui.messages import show_message
from lenet_gui.gui.task_dialog import TaskDialog
from lenet_gui.gui.task_runner import Job


@dataclass(frozen=True)
class ConversionCheck:
    """Converted weights and how closely the two models agree."""

    source: str
    target: str
    weights: str  # how the source weights are described
    state_dict: dict[str, torch.Tensor]  # for ``target``
    meta: WeightsMeta
    drawing_difference: float | None  # None when there is no digit on the canvas
    test_difference: float | None  # None when MNIST is missing
    test_images: int
    test_disagreements: int  # test images on which the two predict different digits
    data_problem: str | None = None


def _load(variant: str, state: dict[str, torch.Tensor], device: torch.device) -> LeNet5:
    model = create_model(variant)
    model.load_state_dict(state)
    return model.eval().to(device)


def conversion_job(variant: str, device: str, root: Path, image: np.ndarray | None, limit: int | None = None) -> Job:
    """A job that converts ``variant``'s active weights and compares both models on ``image`` and the test set."""

    def job(report: Callable[[object], None], cancel: threading.Event) -> ConversionCheck:
        loaded = load_for_variant(variant)
        target = other_variant(variant)
        converted = convert_state_dict(loaded.state_dict, variant)
        torch_device, _ = resolve_device(device)
        source_model = _load(variant, loaded.state_dict, torch_device)
        target_model = _load(target, converted, torch_device)
        drawing = None
        pre = preprocess(image) if image is not None else None
        if pre is not None:
            with torch.inference_mode():
                x = pre.tensor.to(torch_device)
                drawing = (source_model(x).exp() - target_model(x).exp()).abs().max().item()
        meta = dataclasses.replace(
            loaded.meta, variant=target, note=f"converted from {variant} C5 ({loaded.description})"
        )
        try:
            test = load_mnist(root, download=False).test.head(limit)
        except DataError as exc:
            described = weights_description(loaded)
            return ConversionCheck(variant, target, described, converted, meta, drawing, None, 0, 0, str(exc))
        n = len(test)
        source_probs = predict_split(
            source_model, test, torch_device, cancel, batch_size=1000, on_batch=lambda d, _: report((d, 2 * n))
        ).exp()
        target_probs = predict_split(
            target_model, test, torch_device, cancel, batch_size=1000, on_batch=lambda d, _: report((n + d, 2 * n))
        ).exp()
        difference = (source_probs - target_probs).abs().max().item()
        disagreements = int(source_probs.argmax(1).ne(target_probs.argmax(1)).sum())
        return ConversionCheck(
            variant, target, weights_description(loaded), converted, meta, drawing, difference, n, disagreements
        )

    return job


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
        super().__init__("convert", parent)
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
        self._runner.succeeded.connect(self._on_succeeded)
        self._runner.failed.connect(self._on_failed)
        self._runner.start(conversion_job(variant, device, root, image, limit))

    @Slot()
    def confirm_save(self) -> None:
        """Ask, then save the converted weights as the user's weights of the other variant."""
        check = self.check
        if check is None:
            return
        path = user_path(check.target)
        question = self.tr(
            "Save the converted weights as your {t} C5 weights? The app uses them whenever {t} C5 is chosen."
        )
        if path.exists():
            question += " " + self.tr("This replaces your current {t} C5 weights in {path}.")
        answer = QMessageBox.question(
            self, self.tr("Save converted weights"), question.format(t=check.target, path=path)
        )
        if answer == QMessageBox.StandardButton.Yes:
            self.save()

    def save(self) -> bool:
        """Save the converted weights (atomically) as the user's weights of the other variant."""
        check = self.check
        if check is None:
            return False
        try:
            path = save_weights(user_path(check.target), check.state_dict, check.meta)
        except LenetError as exc:
            show_message(self, QMessageBox.Icon.Critical, self.tr("Could not save the weights"), str(exc))
            return False
        self.statusLabel.setText(self.tr("Saved as your {t} C5 weights in {path}.").format(t=check.target, path=path))
        self.saveButton.setEnabled(False)
        self.weightsSaved.emit(check.target)
        return True

    @Slot(object)
    def _on_succeeded(self, check: object) -> None:
        if not isinstance(check, ConversionCheck):
            return
        self.check = check
        self.progressBar.hide()
        self.statusLabel.setText(
            self.tr("{s} C5 ({w} weights) converted into {t} C5.").format(
                s=check.source, w=check.weights, t=check.target
            )
        )
        lines = [self.tr("Largest difference between the two models' probabilities:")]
        if check.drawing_difference is None:
            lines.append(self.tr("on your drawing: no digit on the canvas"))
        else:
            lines.append(self.tr("on your drawing: <b>{d}</b>").format(d=f"{check.drawing_difference:.2e}"))
        if check.test_difference is None:
            lines.append(self.tr("on the MNIST test set: not checked ({m})").format(m=check.data_problem))
        else:
            lines.append(
                self.tr("on the {n:,} MNIST test images: <b>{d}</b>").format(
                    n=check.test_images, d=f"{check.test_difference:.2e}"
                )
            )
            lines.append(
                self.tr("{k:,} of {n:,} test images predicted differently").format(
                    k=check.test_disagreements, n=check.test_images
                )
            )
        lines.append(self.tr("Differences this small are float rounding: the two models compute the same function."))
        self.resultLabel.setText("<br>".join(lines))
        self.saveButton.setEnabled(True)

    @Slot(str)
    def _on_failed(self, message: str) -> None:
        self.progressBar.hide()
        self.statusLabel.setText(self.tr("Conversion failed: {m}").format(m=message))
