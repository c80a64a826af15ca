"""Which variant and device the app uses: the Model box, the Model menu's ticks, the status bar and the settings
always say the same."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, Signal, Slot
from PySide6.QtWidgets import QComboBox, QFormLayout, QGroupBox, QLabel, QMessageBox

from lenet_gui.core.paths import user_path
from lenet_gui.core.variants import VARIANTS
from lenet_gui.gui.device_combo import make_device_combo, select_device, set_cuda_available
from lenet_gui.gui.formatting import format_accuracy
from lenet_gui.gui.i18n import variant_description, weights_description
from lenet_gui.gui.inference_worker import ModelRequest, ModelState, VariantSummary
from lenet_gui.gui.jobs.model_files import WriteRunner, set_aside_job
from lenet_gui.gui.task_runner import failure_message

if TYPE_CHECKING:
    from lenet_gui.gui.main_window import MainWindow
    from lenet_gui.gui.window_commands import WindowCommands


class ModelChoice(QObject):
    """The variant/device controls of ``window`` and its status labels; ``requested`` asks for another model."""

    requested = Signal(ModelRequest)
    weightsSetAside = Signal(Path)  # the .bak file the user's weights of the current variant became

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self._window = window
        self._resetter = WriteRunner("set weights aside", self)
        self._resetter.succeeded.connect(self.weightsSetAside)
        self._resetter.failed.connect(
            lambda error: window.show_message(
                QMessageBox.Icon.Warning, self.tr("Cannot reset the weights"), failure_message(error)
            )
        )
        self._commands: WindowCommands | None = None
        self.variant = window.settings.variant
        self.device = window.settings.device
        self._summaries: list[VariantSummary] = []
        self._state: ModelState | None = None
        self.variantCombo = QComboBox(objectName="variantCombo")
        for name in VARIANTS:
            self.variantCombo.addItem("", name)
        self.variantCombo.currentIndexChanged.connect(lambda _: self.set_variant(self.variantCombo.currentData()))
        self.deviceCombo = make_device_combo(None)  # whether CUDA is there is known once torch is loaded
        self.deviceCombo.setObjectName("deviceCombo")
        self.deviceCombo.currentIndexChanged.connect(lambda _: self.set_device(self.deviceCombo.currentData()))
        self._variantLabel, self._deviceLabel = QLabel(), QLabel()
        form = QFormLayout()
        form.addRow(self._variantLabel, self.variantCombo)
        form.addRow(self._deviceLabel, self.deviceCombo)
        self.box = QGroupBox()
        self.box.setLayout(form)
        self.variantStatus = QLabel(objectName="variantStatus")
        self.deviceStatus = QLabel(objectName="deviceStatus")
        self.weightsStatus = QLabel(objectName="weightsStatus")

    def attach(self, commands: WindowCommands) -> None:
        """Keep the Model menu's ticks in step too (its actions are made after these controls)."""
        self._commands = commands
        self.retranslate()

    def status_labels(self) -> list[QLabel]:
        return [self.variantStatus, self.deviceStatus, self.weightsStatus]

    def retranslate(self) -> None:
        """Set every text in the interface language (at start and when the language changes)."""
        self.box.setTitle(self.tr("Model"))
        self._variantLabel.setText(self.tr("Variant:"))
        self._deviceLabel.setText(self.tr("Device:"))
        for i, name in enumerate(VARIANTS):
            self.variantCombo.setItemText(i, self.tr("{v} C5").format(v=name))
            self.variantCombo.setItemData(i, variant_description(name), Qt.ItemDataRole.ToolTipRole)
        self._show_summaries()
        self._show_state()
        self.sync()

    @Slot(str)
    def set_variant(self, variant: str) -> None:
        """Switch to ``variant``: ``requested`` asks for its model."""
        if variant not in VARIANTS or variant == self.variant:
            return
        self.adopt(variant)
        self.requested.emit(ModelRequest(variant, self.device))

    @Slot(str)
    def set_device(self, device: str) -> None:
        """Move the model to ``device`` ("cpu"/"cuda"): ``requested`` asks for it."""
        if device == self.device or self.deviceCombo.findData(device) < 0:
            return
        self.device = device
        self._window.settings.device = device
        self.sync()
        self.requested.emit(ModelRequest(self.variant, device))

    def adopt(self, variant: str) -> None:
        """Make ``variant`` the one shown and remembered (weights of it were just saved or opened)."""
        self.variant = variant
        self._window.settings.variant = variant
        self.sync()

    def sync(self) -> None:
        """Show the variant and device in the combos, the menu and the status bar."""
        for widget in (self.variantCombo, self.deviceCombo):
            widget.blockSignals(True)
        self.variantCombo.setCurrentIndex(self.variantCombo.findData(self.variant))
        select_device(self.deviceCombo, self.device)
        for widget in (self.variantCombo, self.deviceCombo):
            widget.blockSignals(False)
        if self._commands is not None:
            self._commands.check_model(self.variant, self.device)
        self.variantStatus.setText(self.tr("{v} C5").format(v=self.variant))

    @Slot(list)
    def show_summaries(self, summaries: list[VariantSummary]) -> None:
        """Each variant's size and stored accuracy in the variant combo."""
        self._summaries = summaries
        self._show_summaries()

    def _show_summaries(self) -> None:
        for summary in self._summaries:
            i = self.variantCombo.findData(summary.variant)
            accuracy = format_accuracy(summary.test_accuracy) if summary.has_weights else self.tr("no weights")
            text = self.tr("{v} C5 · {p:,} params · {a}").format(v=summary.variant, p=summary.parameters, a=accuracy)
            if summary.imported:
                text = self.tr("{text} · imported").format(text=text)
            self.variantCombo.setItemText(i, text)

    def show_state(self, state: ModelState) -> bool:
        """Show the model the worker holds; False when it is of an older switch (a newer one is on its way)."""
        set_cuda_available(self.deviceCombo, state.cuda_available)
        if self._commands is not None:
            self._commands.sync_device_actions()
        if state.weights.meta.variant != self.variant:
            return False
        self._state = state
        self._show_state()
        if state.notice and state.device == "cpu" and self.device != "cpu":
            self.device = "cpu"
            self._window.settings.device = "cpu"
            self.sync()
        return True

    def _show_state(self) -> None:
        state = self._state
        if state is None:
            return
        self.deviceStatus.setText(state.device.upper() if state.device == "cpu" else state.device)
        self.weightsStatus.setText(self.tr("weights: {w}").format(w=weights_description(state.weights)))
        self.weightsStatus.setToolTip(str(state.weights.path))

    @Slot()
    def confirm_reset_weights(self) -> None:
        """Model > Reset to Bundled Weights: ask, then set the user's weights of this variant aside."""
        path = user_path(self.variant)
        window = self._window
        state = window.model_state
        # The user's weights are in use, or were there but unusable (the bundled ones stand in, with a warning).
        if state is None or (state.weights.source != "user" and state.weights.warning is None):
            window.statusBar().showMessage(self.tr("Already using the bundled weights"), 5000)
            return
        if state.weights.source == "user" and state.weights.meta.imported:
            question = self.tr("Stop using your imported {v} C5 model? It is kept as {name}.bak.")
        else:
            question = self.tr("Stop using your retrained {v} C5 weights? They are kept as {name}.bak.")
        answer = QMessageBox.question(
            window, self.tr("Reset to bundled weights"), question.format(v=self.variant, name=path.name)
        )
        if answer == QMessageBox.StandardButton.Yes:
            window.reset_weights()

    def reset_weights(self) -> None:
        """Set the user's weights of this variant aside (as .bak) in a worker: ``weightsSetAside`` once done, or a
        dialog that says why not."""
        self._resetter.start(set_aside_job(user_path(self.variant)))

    def stop(self) -> None:
        """Wait for a reset in progress to end (a rename: a moment)."""
        self._resetter.stop()
