"""View > Compare Variants: the drawing through conv C5 and linear C5 side by side, and how far they differ."""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import Qt, Slot
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QGridLayout, QGroupBox, QLabel, QVBoxLayout, QWidget

from lenet_gui.core.variants import VARIANTS
from lenet_gui.gui.formatting import DASH
from lenet_gui.gui.i18n import variant_description
from lenet_gui.gui.jobs.comparison import Comparison, ComparisonWorker
from lenet_gui.gui.probability_view import ProbabilityView


class CompareDialog(QDialog):
    """Compares the variants on a drawing, off the GUI thread; :meth:`compare` again whenever the drawing changes.

    The newest drawing wins (see newest_wins.py): one asked for while a comparison runs waits, replacing any
    older one that waits. Every answer newer than what is on screen is shown.
    """

    def __init__(self, device: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("compareDialog")
        self.setWindowTitle(self.tr("Compare conv C5 and linear C5"))
        self._worker = ComparisonWorker(device)
        self._worker.compared.connect(self._on_compared)
        self._worker.failed.connect(self._on_failed)
        self._worker.start()
        self._asked = self._shown = 0  # sequence numbers of the newest drawing asked for and shown
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

        self._show(None)

    def is_settled(self) -> bool:
        """True when the newest drawing asked for has been compared and shown."""
        return self._shown == self._asked

    def is_running(self) -> bool:
        """Whether a comparison is waiting or running."""
        return self._worker.busy

    def stop(self) -> None:
        """End the worker thread (after the comparison it is running); closing the dialog only hides it."""
        self._worker.stop()

    def reset_models(self) -> None:
        """Read the weights again at the next comparison (after new weights were saved)."""
        self._worker.reset_models()  # a comparison still running keeps the old ones

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
        self._asked += 1
        if image is None:
            self._shown = self._asked
            self._show(None)
            return
        self.differenceLabel.setText(self.tr("Running both networks…"))
        self._worker.request(self._asked, image)

    @Slot(int, Comparison)
    def _on_compared(self, seq: int, comparison: Comparison) -> None:
        if seq > self._shown:  # newer than what is on screen, even when a newer drawing waits
            self._shown = seq
            self._show(comparison)

    @Slot(int, str)
    def _on_failed(self, seq: int, message: str) -> None:
        if seq > self._shown:
            self._shown = seq
            self.differenceLabel.setText(self.tr("Comparison failed: {m}").format(m=message))

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
