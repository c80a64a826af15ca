"""The “Wrong? It is a …” bar: ten digit buttons (Alt+0..9) and a ✓ that keep the drawing as a personal sample;
once kept, it says so with an Undo."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QLabel, QPushButton, QSizePolicy, QVBoxLayout, QWidget

from lenet_gui.gui.i18n import Retranslating

DIGITS = 10
CONFIRM_SHORTCUT = "Alt+Return"


class CorrectionBar(Retranslating, QWidget):
    """Emits ``labelChosen(digit)`` when the user says what the drawing is (or confirms the answer shown), and
    ``undoRequested`` when the user takes a kept sample back."""

    labelChosen = Signal(int)
    undoRequested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("correctionBar")
        self._predicted: int | None = None
        self.question = QLabel(objectName="correctionQuestion")
        self.confirmButton = QPushButton(objectName="confirmButton")
        self._confirmShortcut = QShortcut(QKeySequence(CONFIRM_SHORTCUT), self, self.confirmButton.click)
        self.confirmButton.setAutoDefault(False)
        self.confirmButton.clicked.connect(self._confirm)
        self.undoButton = QPushButton(objectName="undoSampleButton")
        self.undoButton.setAutoDefault(False)
        self.undoButton.clicked.connect(self.undoRequested)
        self.undoButton.hide()
        head = QHBoxLayout()
        head.setContentsMargins(0, 0, 0, 0)
        head.addWidget(self.question, 1)
        head.addWidget(self.confirmButton)
        head.addWidget(self.undoButton)

        self.digitButtons: list[QPushButton] = []
        self._digitShortcuts: list[QShortcut] = []
        grid = QGridLayout()
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(3)
        for digit in range(DIGITS):
            button = QPushButton(str(digit), objectName=f"labelButton_{digit}")
            # A shortcut of its own, not the button's: that one clicks only after a 100 ms animation.
            self._digitShortcuts.append(QShortcut(QKeySequence(f"Alt+{digit}"), self, button.click))
            button.setAutoDefault(False)
            button.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
            button.setMinimumWidth(24)
            button.clicked.connect(lambda _=False, d=digit: self.labelChosen.emit(d))
            grid.addWidget(button, 0, digit)
            self.digitButtons.append(button)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addLayout(head)
        layout.addLayout(grid)
        self.retranslate()
        self.set_drawing(None, None)

    def retranslate(self) -> None:
        """Set the fixed texts in the interface language (the owner sets the rest again, see :meth:`set_drawing`)."""
        self.confirmButton.setText(self.tr("✓ Right"))
        self._confirmShortcut.setWhatsThis(self.tr("✓ Right: keep the drawing as a sample of the answer"))
        self.undoButton.setText(self.tr("Undo"))
        self.undoButton.setToolTip(self.tr("Forget this sample again"))
        for digit, (button, shortcut) in enumerate(zip(self.digitButtons, self._digitShortcuts, strict=True)):
            shortcut.setWhatsThis(self.tr("It is a {d}: keep the drawing as a sample of {d}").format(d=digit))
            button.setToolTip(self.tr("It is a {d}: keep this drawing as a sample of {d} (Alt+{d})").format(d=digit))

    def set_drawing(self, predicted: int | None, why_not: str | None) -> None:
        """The answer now shown (None when there is no sure one); ``why_not`` disables the bar and says why."""
        self._predicted = predicted if why_not is None else None
        self.question.setText(self.tr("Wrong? It is a …"))
        self.undoButton.hide()
        self.confirmButton.show()
        enabled = why_not is None
        for button in self.digitButtons:
            button.setEnabled(enabled)
            button.setDefault(False)
        self.question.setEnabled(enabled)
        self.setToolTip(why_not or "")
        self.confirmButton.setEnabled(self._predicted is not None)
        if self._predicted is None:
            self.confirmButton.setToolTip(self.tr("Nothing to confirm"))
        else:
            self.confirmButton.setToolTip(
                self.tr("It is a {d}: keep this drawing as a sample of {d} ({key})").format(
                    d=self._predicted, key=CONFIRM_SHORTCUT
                )
            )
        for digit, button in enumerate(self.digitButtons):
            font = button.font()
            font.setBold(digit == self._predicted)
            button.setFont(font)

    def set_kept(self, label: int, where: str = "") -> None:
        """Say that the drawing (or the digit ``where``, e.g. "digit 2 of 3") is kept as a sample of ``label``."""
        self._predicted = None
        for button in self.digitButtons:
            button.setEnabled(False)
        text = (
            self.tr("✓ You said {d}: kept as a sample").format(d=label)
            if not where
            else self.tr("✓ {where} kept as a sample of {d}").format(where=where, d=label)
        )
        self.question.setText(text)
        self.question.setEnabled(True)
        self.setToolTip(self.tr("Draw the next digit, or Undo to forget this one"))
        self.confirmButton.hide()
        self.undoButton.show()

    def is_kept(self) -> bool:
        """Whether the bar says a sample was kept (and offers Undo)."""
        return self.undoButton.isVisibleTo(self)

    @property
    def predicted(self) -> int | None:
        """The digit ✓ would store, or None when ✓ is disabled."""
        return self._predicted

    def _confirm(self) -> None:
        if self._predicted is not None:
            self.labelChosen.emit(self._predicted)
