"""The prediction panel: the answer, what the network sees, how sure it is of each digit, and the correction bar.

It shows one :class:`Reading` at a time, fed by the main window: the drawing's digits, with one of them selected
(the last one unless the user picks another), or why there is none. Every percentage it shows is the same calibrated
confidence the answer states, so the big label and the bar of the same digit always agree.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QGroupBox, QHBoxLayout, QLabel, QSizePolicy, QToolButton, QVBoxLayout, QWidget

from lenet_gui.core.reading import NO_INK, Reading
from lenet_gui.core.verdicts import (
    REASON_CROSSINGS,
    REASON_FLAT,
    REASON_LOOPS,
    REASON_SOLID,
    REASON_UNLIKE,
    REASON_UNSURE,
)
from lenet_gui.gui.correction_bar import CorrectionBar
from lenet_gui.gui.digit_boxes import digit_tag
from lenet_gui.gui.formatting import DASH, format_percent
from lenet_gui.gui.i18n import Retranslating
from lenet_gui.gui.preview import PreviewWidget
from lenet_gui.gui.probability_view import ProbabilityView

if TYPE_CHECKING:
    from lenet_gui.core.reading import DigitReading

PREVIEW_SIZE = 4 * 28  # 4 px per pixel: the preview draws its grid
# The most a bar row grows to in a tall window: the bars stay together.
MAX_ROW = 24
# The big answer's size, in multiples of the interface font; numbers longer than BIG_DIGITS get smaller.
BIG_SCALE = 4.5
BIG_DIGITS = 3
# What the panel says when it shows no reading.
DRAW = QT_TRANSLATE_NOOP("PredictionPanel", "Draw a digit")
LOADING = QT_TRANSLATE_NOOP("PredictionPanel", "Loading the model…")
NO_MODEL = QT_TRANSLATE_NOOP("PredictionPanel", "No model could be loaded")


class PredictionPanel(Retranslating, QGroupBox):
    """The group box "Prediction". Of a number it shows one digit, the selected one; ``selectionChanged(index)``
    tells when the user chose another (with the arrows here, or through :meth:`select`)."""

    selectionChanged = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("predictionPanel")
        self._reading: Reading | None = None  # shown when it has digits
        self._empty = DRAW  # what the panel says without a reading (untranslated)
        self._selected = -1  # the digit of ``_reading`` shown
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
        self.captionLabel = QLabel(objectName="previewCaption", alignment=Qt.AlignmentFlag.AlignCenter)
        self.captionLabel.setEnabled(False)  # drawn in the muted text colour
        self.previousButton = QToolButton(objectName="previousDigitButton", text="\u25c0", autoRaise=True)
        self.previousButton.clicked.connect(lambda: self.select(self._selected - 1))
        self.nextButton = QToolButton(objectName="nextDigitButton", text="\u25b6", autoRaise=True)
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
        self.retranslate()

    def retranslate(self) -> None:
        """Set every text in the interface language (at start and when the language changes)."""
        self.setTitle(self.tr("Prediction"))
        self.captionLabel.setToolTip(self.tr("In a number, click a digit's box on the canvas to show that digit here"))
        self.previousButton.setToolTip(self.tr("Show the digit to the left"))
        self.nextButton.setToolTip(self.tr("Show the digit to the right"))
        self.barsTitle.setToolTip(
            self.tr(
                "Calibrated confidence: the network's probabilities tempered (temperature scaling fitted on held-out "
                "MNIST digits) so that, on MNIST, answers given with 90 % are right about 9 times in 10. The raw "
                "output of the network is in View ▸ See Inside the Network. In a number, click a digit's box on the "
                "canvas to show that digit here."
            )
        )
        if self._reading is None:
            self.show_empty(self._empty)
        else:
            self._show(self._reading, self._selected)

    # -- what to show ------------------------------------------------------------------------------------------

    @property
    def selected(self) -> int:
        """The index of the digit shown (0 = leftmost), -1 when no digit is shown."""
        return self._selected

    @property
    def reading(self) -> Reading | None:
        """The reading shown, None when the panel shows no digit."""
        return self._reading

    def selected_digit(self) -> DigitReading | None:
        """The digit shown, None when no digit is shown."""
        return self._reading.digits[self._selected] if self._reading is not None else None

    def selected_label(self) -> str:
        """Which digit of a number is shown, e.g. "Digit 2 of 3"; empty for a single digit or none."""
        if self._reading is None or len(self._reading.digits) < 2:
            return ""
        return self.tr("Digit {i} of {n}").format(i=self._selected + 1, n=len(self._reading.digits))

    def select(self, index: int) -> None:
        """Show digit ``index`` of the reading and emit ``selectionChanged``; other indexes are ignored."""
        reading = self._reading
        if reading is None or not 0 <= index < len(reading.digits) or index == self._selected:
            return
        self._show(reading, index)
        self.selectionChanged.emit(index)

    def show_empty(self, message: str) -> None:
        """No answer: a dash, ``message`` (DRAW, LOADING, NO_MODEL; translated here) under it, empty bars."""
        self._reading, self._selected, self._empty = None, -1, message
        self._set_answer(DASH)
        self.confidenceLabel.setText(self.tr(message))
        self.confidenceLabel.setToolTip("")
        self.probabilityView.set_values(None)
        self.preview.set_pixels(None)
        self._set_selection(None, 0)

    def show_reading(self, reading: Reading) -> None:
        """A drawing's reading: its digits, or no digit and why. Of a number the bars and the preview show the digit
        written last, or the one the user chose while the number keeps its count of digits."""
        if not reading.digits:
            self.show_empty(
                QT_TRANSLATE_NOOP("PredictionPanel", "No digit found: there is no ink in the picture")
                if reading.reason == NO_INK
                else QT_TRANSLATE_NOOP("PredictionPanel", "No digit found: the mark is too small or too faint to read")
            )
            return
        shown = self._reading
        keep = shown is not None and len(shown.digits) == len(reading.digits) and self._selected >= 0
        self._show(reading, self._selected if keep else len(reading.digits) - 1)

    # -- internals ---------------------------------------------------------------------------------------------

    def _show(self, number: Reading, selected: int) -> None:
        self._reading, self._selected = number, selected
        digit = number.digits[selected]
        if len(number.digits) == 1:
            self._set_answer(str(digit.digit) if digit.sure else "?")
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
        if digit.sure:
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
            REASON_LOOPS: self.tr("more closed loops than a digit has"),
            REASON_CROSSINGS: self.tr("more strokes side by side than a digit has"),
            REASON_FLAT: self.tr("flatter than a digit, like a dash"),
        }.get(reason, reason)

    def _set_selection(self, number: Reading | None, selected: int) -> None:
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
