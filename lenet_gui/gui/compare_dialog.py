"""View > Compare Variants: the drawing through conv C5 and linear C5 side by side, and how far they differ."""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
from PySide6.QtCore import Qt, Slot
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QDialogButtonBox, QGridLayout, QGroupBox, QLabel, QVBoxLayout, QWidget

from lenet_gui.core.predictor import Prediction, Predictor
from lenet_gui.core.variants import VARIANTS
from lenet_gui.gui.formatting import DASH
from lenet_gui.gui.i18n import variant_description, weights_description
from lenet_gui.gui.probability_view import ProbabilityView
from lenet_gui.gui.task_dialog import TaskDialog
from lenet_gui.gui.task_runner import Job


@dataclass(frozen=True)
class Comparison:
    """Both variants' answers for one drawing."""

    predictions: dict[str, Prediction]  # variant -> its prediction
    weights: dict[str, str]  # variant -> how its weights are described

    @property
    def max_difference(self) -> float:
        """The largest absolute difference between the two probability sets."""
        first, second = (p.probabilities for p in self.predictions.values())
        return float(np.abs(first.astype(np.float64) - second.astype(np.float64)).max())


def comparison_job(image: np.ndarray, device: str, predictors: dict[str, Predictor]) -> Job:
    """A job that runs ``image`` through every variant; loads each variant's active weights once into ``predictors``."""

    def job(report: Callable[[object], None], cancel: threading.Event) -> Comparison:
        for variant in VARIANTS:
            if variant not in predictors:
                predictors[variant] = Predictor.load(variant, device=device)
        return Comparison(
            {v: p.predict(image) for v, p in predictors.items()},
            {v: weights_description(p.weights) for v, p in predictors.items()},
        )

    return job


class CompareDialog(TaskDialog):
    """Compares the variants on a drawing, off the GUI thread; :meth:`compare` again whenever the drawing changes.

    The newest drawing wins: one asked for while a comparison runs waits, replacing any older one that waits.
    """

    def __init__(self, device: str, parent: QWidget | None = None) -> None:
        super().__init__("compare", parent)
        self.setObjectName("compareDialog")
        self.setWindowTitle(self.tr("Compare conv C5 and linear C5"))
        self._device = device
        self._predictors: dict[str, Predictor] = {}
        self._waiting: np.ndarray | None = None
        self._has_waiting = False
        self.comparison: Comparison | None = None

        intro = QLabel(
            self.tr(
                "The same drawing through both forms of LeNet-5, each with its own weights. With weights converted "
                "from one form to the other, the two answers agree to the last few decimals. The bars are the "
                "networks' raw output (softmax probabilities), not the calibrated confidence of the main window."
            ),
            wordWrap=True,
        )
        self.partLabel = QLabel(objectName="partLabel", wordWrap=True)
        self.partLabel.hide()
        columns = QGridLayout()
        self.digitLabels: dict[str, QLabel] = {}
        self.views: dict[str, ProbabilityView] = {}
        self._titles: dict[str, QGroupBox] = {}
        big = QFont(self.font())
        big.setPointSizeF(big.pointSizeF() * 3)
        big.setBold(True)
        for col, variant in enumerate(VARIANTS):
            digit = QLabel(DASH, objectName=f"{variant}Digit", alignment=Qt.AlignmentFlag.AlignCenter)
            digit.setFont(big)
            view = ProbabilityView()
            view.setObjectName(f"{variant}Probabilities")
            box = QGroupBox(self.tr("{v} C5").format(v=variant))
            box.setToolTip(variant_description(variant))
            inner = QVBoxLayout(box)
            inner.addWidget(digit)
            inner.addWidget(view, 1)
            columns.addWidget(box, 0, col)
            self.digitLabels[variant], self.views[variant], self._titles[variant] = digit, view, box
        self.differenceLabel = QLabel(objectName="differenceLabel", textFormat=Qt.TextFormat.RichText, wordWrap=True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.close)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.partLabel)
        layout.addLayout(columns, 1)
        layout.addWidget(self.differenceLabel)
        layout.addWidget(buttons)
        self.resize(680, 460)

        self._runner.succeeded.connect(self._on_succeeded)
        self._runner.failed.connect(self._on_failed)
        self._runner.finished.connect(self._start_waiting)
        self._show(None)

    def is_settled(self) -> bool:
        """True when the newest drawing asked for has been compared and shown."""
        return not self._runner.is_running() and not self._has_waiting

    def stop(self) -> bool:
        """Drop the drawing that waits, then cancel and wait for the comparison that runs."""
        self._waiting, self._has_waiting = None, False
        return super().stop()

    def reset_models(self) -> None:
        """Read the weights again at the next comparison (after new weights were saved)."""
        self._predictors = {}  # a comparison still running keeps the old ones

    def compare(self, image: np.ndarray | None, part: str = "") -> None:
        """Compare both variants on ``image`` (the canvas as an array), or clear the view for None.

        ``part`` says which part of the drawing the image is, e.g. "Digit 2 of 3"; empty for the whole drawing.
        """
        self.partLabel.setText(
            self.tr("{part} of the number on the canvas (choose another in the main window)").format(part=part)
            if part
            else ""
        )
        self.partLabel.setVisible(bool(part))
        self._waiting, self._has_waiting = image, True
        if not self._runner.is_running():
            self._start_waiting()

    @Slot()
    def _start_waiting(self) -> None:
        if not self._has_waiting or self._runner.is_running():
            return
        image, self._waiting, self._has_waiting = self._waiting, None, False
        if image is None:
            self._show(None)
            return
        self.differenceLabel.setText(self.tr("Running both networks…"))
        self._runner.start(comparison_job(image, self._device, self._predictors))

    @Slot(object)
    def _on_succeeded(self, comparison: object) -> None:
        if isinstance(comparison, Comparison):
            self._show(comparison)  # even when a newer drawing waits: it is newer than what is on screen
        self._start_waiting()

    @Slot(str)
    def _on_failed(self, message: str) -> None:
        self.differenceLabel.setText(self.tr("Comparison failed: {m}").format(m=message))
        self._start_waiting()

    def _show(self, comparison: Comparison | None) -> None:
        self.comparison = comparison
        for variant in VARIANTS:
            prediction = comparison.predictions[variant] if comparison else None
            found = prediction is not None and prediction.digit is not None
            self.digitLabels[variant].setText(str(prediction.digit) if found else DASH)
            self.views[variant].set_values(prediction.probabilities if found else None)
            if comparison is not None:
                self._titles[variant].setTitle(
                    self.tr("{v} C5 · {w} weights").format(v=variant, w=comparison.weights[variant])
                )
        if comparison is None:
            self.differenceLabel.setText(self.tr("Draw a digit to compare."))
            return
        if all(p.digit is None for p in comparison.predictions.values()):
            self.differenceLabel.setText(self.tr("No digit found."))
            return
        digits = {p.digit for p in comparison.predictions.values()}
        verdict = self.tr("Both say {d}.").format(d=digits.pop()) if len(digits) == 1 else self.tr("They disagree.")
        self.differenceLabel.setText(
            self.tr("Largest difference between the two sets of probabilities: <b>{d}</b>. {verdict}").format(
                d=f"{comparison.max_difference:.2e}", verdict=verdict
            )
        )
