"""The prediction panel: the answer, what the network sees, how sure it is of each digit, and the correction bar.

It shows one reading at a time, fed by the main window: the drawing read as a number, with one of its digits
selected (the last one unless the user picks another). Every percentage it shows is the same calibrated
confidence the answer states, so the big label and the bar of the same digit always agree.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QGroupBox, QHBoxLayout, QLabel, QSizePolicy, QToolButton, QVBoxLayout, QWidget

from lenet_gui.core.verdicts import REASON_SOLID, REASON_UNLIKE, REASON_UNSURE
from lenet_gui.gui.correction_bar import CorrectionBar
from lenet_gui.gui.digit_boxes import digit_tag, is_sure
from lenet_gui.gui.formatting import DASH, format_percent
from lenet_gui.gui.preview import PreviewWidget
from lenet_gui.gui.probability_view import ProbabilityView

if TYPE_CHECKING:
    from lenet_gui.core.predictor import Prediction
    from lenet_gui.core.segment import DigitReading, NumberReading

PREVIEW_SIZE = 4 * 28  # 4 px per pixel: the preview draws its grid
# The most a bar row grows to in a tall window: the bars stay together.
MAX_ROW = 24
# The big answer's size, in multiples of the interface font; numbers longer than BIG_DIGITS get smaller.
BIG_SCALE = 4.5
BIG_DIGITS = 3


class PredictionPanel(QGroupBox):
    """The group box "Prediction". Of a number it shows one digit, the selected one; ``selectionChanged(index)``
    tells when the user chose another (with the arrows here, or through :meth:`select`)."""

    selectionChanged = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Prediction"), parent)
        self.setObjectName("predictionPanel")
        self._number: NumberReading | None = None
        self._selected = -1  # the digit of ``_number`` shown
        self.predictionLabel = QLabel(objectName="prediction", alignment=Qt.AlignmentFlag.AlignCenter)
        big = QFont(self.font())
        big.setPointSizeF(big.pointSizeF() * BIG_SCALE)
        big.setBold(True)
        self.predictionLabel.setFont(big)
        self.predictionLabel.setMinimumHeight(self.predictionLabel.fontMetrics().height())
        self.confidenceLabel = QLabel(objectName="confidence", alignment=Qt.AlignmentFlag.AlignCenter)
        medium = QFont(self.font())
        medium.setPointSizeF(medium.pointSizeF() * 1.1)
        self.confidenceLabel.setFont(medium)
        self.confidenceLabel.setWordWrap(True)
        self.confidenceLabel.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)

        self.preview = PreviewWidget()
        self.preview.setFixedSize(PREVIEW_SIZE, PREVIEW_SIZE)
        self.captionLabel = QLabel(
            self.tr("What the network sees"), objectName="previewCaption", alignment=Qt.AlignmentFlag.AlignCenter
        )
        self.captionLabel.setEnabled(False)  # drawn in the muted text colour
        self.captionLabel.setToolTip(self.tr("In a number, click a digit's box on the canvas to show that digit here"))
        self.previousButton = QToolButton(objectName="previousDigitButton", text="\u25c0", autoRaise=True)
        self.previousButton.setToolTip(self.tr("Show the digit to the left"))
        self.previousButton.clicked.connect(lambda: self.select(self._selected - 1))
        self.nextButton = QToolButton(objectName="nextDigitButton", text="\u25b6", autoRaise=True)
        self.nextButton.setToolTip(self.tr("Show the digit to the right"))
        self.nextButton.clicked.connect(lambda: self.select(self._selected + 1))
        for button in (self.previousButton, self.nextButton):
            button.setFixedSize(18, 18)
            policy = button.sizePolicy()
            policy.setRetainSizeWhenHidden(True)  # the caption stays centred under the preview
            button.setSizePolicy(policy)
        caption_row = QHBoxLayout()
        caption_row.setSpacing(0)
        caption_row.addWidget(self.previousButton)
        caption_row.addWidget(self.captionLabel, 1)
        caption_row.addWidget(self.nextButton)

        digit_column = QVBoxLayout()
        digit_column.setSpacing(2)
        digit_column.addStretch(1)
        digit_column.addWidget(self.predictionLabel)
        digit_column.addWidget(self.confidenceLabel)
        digit_column.addStretch(1)
        preview_column = QVBoxLayout()
        preview_column.setSpacing(2)
        preview_column.addWidget(self.preview, 0, Qt.AlignmentFlag.AlignHCenter)
        preview_column.addLayout(caption_row)
        top = QHBoxLayout()
        top.setSpacing(8)
        top.addLayout(digit_column, 1)
        top.addLayout(preview_column)

        self.barsTitle = QLabel(objectName="barsTitle")
        self.barsTitle.setToolTip(
            self.tr(
                "Calibrated confidence: the network's probabilities tempered (temperature scaling fitted on held-out "
                "MNIST digits) so that, on MNIST, answers given with 90 % are right about 9 times in 10. The raw "
                "output of the network is in View ▸ See Inside the Network. In a number, click a digit's box on the "
                "canvas to show that digit here."
            )
        )
        self.probabilityView = ProbabilityView()
        self.probabilityView.setMaximumHeight(10 * MAX_ROW)
        self.legendLabel = QLabel(objectName="legend", wordWrap=True)
        self.legendLabel.setEnabled(False)
        self.correctionBar = CorrectionBar()

        layout = QVBoxLayout(self)
        layout.setSpacing(4)
        layout.addLayout(top)
        layout.addWidget(self.barsTitle)
        layout.addWidget(self.probabilityView)
        layout.addWidget(self.legendLabel)
        layout.addSpacing(4)
        layout.addWidget(self.correctionBar)
        layout.addStretch(1)
        self.show_empty(self.tr("Draw a digit"))

    # -- what to show ------------------------------------------------------------------------------------------

    @property
    def selected(self) -> int:
        """The index of the digit shown (0 = leftmost), -1 when no number is shown."""
        return self._selected

    def selected_digit(self) -> DigitReading | None:
        """The digit shown, None when no number is shown."""
        return self._number.digits[self._selected] if self._number is not None else None

    def selected_label(self) -> str:
        """Which digit of a number is shown, e.g. "Digit 2 of 3"; empty for a single digit or none."""
        if self._number is None or len(self._number.digits) < 2:
            return ""
        return self.tr("Digit {i} of {n}").format(i=self._selected + 1, n=len(self._number.digits))

    def select(self, index: int) -> None:
        """Show digit ``index`` of the number and emit ``selectionChanged``; other indexes are ignored."""
        number = self._number
        if number is None or not 0 <= index < len(number.digits) or index == self._selected:
            return
        self._show(number, index)
        self.selectionChanged.emit(index)

    def show_empty(self, message: str) -> None:
        """No answer: a dash, ``message`` under it, empty bars and preview."""
        self._number, self._selected = None, -1
        self._set_answer(DASH)
        self.confidenceLabel.setText(message)
        self.confidenceLabel.setToolTip("")
        self.probabilityView.set_values(None)
        self.preview.set_pixels(None)
        self._set_selection(None, 0)

    def show_prediction(self, prediction: Prediction) -> None:
        """A drawing read as one digit without the number reading (raw probabilities, no calibration)."""
        self._number, self._selected = None, -1
        self._set_answer(str(prediction.digit))
        self.confidenceLabel.setText(self.tr("{p} sure").format(p=format_percent(prediction.confidence)))
        self.confidenceLabel.setToolTip("")
        self.probabilityView.set_values(prediction.probabilities)
        self.preview.set_pixels(prediction.preprocessed.image if prediction.preprocessed else None)
        self._set_selection(None, 1)

    def show_number(self, number: NumberReading) -> None:
        """The drawing's digits (at least one); the bars and the preview show the one written last, or the one the
        user chose while the number keeps its count of digits."""
        keep = self._number is not None and len(self._number.digits) == len(number.digits) and self._selected >= 0
        self._show(number, self._selected if keep else len(number.digits) - 1)

    # -- internals ---------------------------------------------------------------------------------------------

    def _show(self, number: NumberReading, selected: int) -> None:
        self._number, self._selected = number, selected
        digit = number.digits[selected]
        if len(number.digits) == 1:
            self._set_answer(str(digit.digit) if is_sure(digit) else "?")
            self.confidenceLabel.setText(self._confidence_text(digit))
        else:
            self._set_answer(number.text)
            # No line break inside a digit's "7 · 98.2 %".
            self.confidenceLabel.setText("   ".join(digit_tag(d).replace(" ", "\u00a0") for d in number.digits))
        self.confidenceLabel.setToolTip(self.barsTitle.toolTip() if digit.verdict is not None else "")
        self.probabilityView.set_values(digit.shown_probabilities)
        self.preview.set_pixels(digit.preprocessed.image)
        self._set_selection(number, selected)

    def _confidence_text(self, digit: DigitReading) -> str:
        if is_sure(digit):
            return self.tr("{p} sure").format(p=format_percent(digit.confidence))
        return self.tr("Not sure: {reason} (best guess {d}, {p})").format(
            reason=self._reason_text(digit.verdict.reason),
            d=digit.digit,
            p=format_percent(digit.confidence).replace(" ", "\u00a0"),
        )

    def _reason_text(self, reason: str) -> str:
        return {
            REASON_UNSURE: self.tr("unsure between digits"),
            REASON_UNLIKE: self.tr("unlike any digit"),
            REASON_SOLID: self.tr("a filled shape, too small or too thick for a digit"),
        }.get(reason, reason)

    def _set_selection(self, number: NumberReading | None, selected: int) -> None:
        """Say which digit the bars and the preview show; arrows only for a number of several digits."""
        several = number is not None and len(number.digits) > 1
        calibrated = number is not None and number.digits[selected].calibrated is not None
        if several:
            where = self.selected_label()
            self.captionLabel.setText(where)
            self.barsTitle.setText(self.tr("{where}: how sure of each digit").format(where=where))
            self.legendLabel.setText(self.tr("“?”: not sure; its % is for its best guess"))
        else:
            self.captionLabel.setText(self.tr("What the network sees"))
            self.barsTitle.setText(self.tr("How sure of each digit"))
            self.legendLabel.setText(
                self.tr("Calibrated confidence, the same as the answer's") if calibrated else self.tr("Network output")
            )
        self.previousButton.setVisible(several)
        self.nextButton.setVisible(several)
        self.previousButton.setEnabled(several and selected > 0)
        self.nextButton.setEnabled(several and selected < len(number.digits) - 1)

    def _set_answer(self, text: str) -> None:
        """The big answer; long numbers get a smaller font so they fit the panel."""
        font = self.predictionLabel.font()
        font.setPointSizeF(self.font().pointSizeF() * BIG_SCALE * min(1.0, BIG_DIGITS / max(len(text), 1)))
        self.predictionLabel.setFont(font)
        self.predictionLabel.setText(text)
