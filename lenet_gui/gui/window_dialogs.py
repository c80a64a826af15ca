"""The main window's dialogs and how long each lives: training (one, kept), samples (one, kept), evaluation and
conversion (one at a time, a new one each time), Compare (one, kept, following the drawing), and the Help pages."""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, Slot
from PySide6.QtWidgets import QMessageBox

from lenet_gui import __version__
from lenet_gui.core.configs import FinetuneConfig, TrainConfig
from lenet_gui.core.paths import data_dir
from lenet_gui.gui.help_dialogs import HowToDialog, ShortcutsDialog

if TYPE_CHECKING:
    from lenet_gui.gui.compare_dialog import CompareDialog
    from lenet_gui.gui.convert_dialog import ConvertDialog
    from lenet_gui.gui.evaluate_dialog import EvaluateDialog
    from lenet_gui.gui.main_window import MainWindow
    from lenet_gui.gui.samples_dialog import SamplesDialog
    from lenet_gui.gui.training_dialog import TrainingDialog


class WindowDialogs(QObject):
    """Opens the dialogs of ``window`` (the ones that use torch are imported when they are opened)."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self._window = window
        self.train_defaults = TrainConfig()
        self.finetune_defaults = FinetuneConfig()
        self.training: TrainingDialog | None = None
        self.evaluation: EvaluateDialog | None = None
        self.samples: SamplesDialog | None = None
        self.compare: CompareDialog | None = None
        self.convert: ConvertDialog | None = None
        self._compare_waits = False  # Compare waits for the reading of the drawing to know which digit to compare
        self._following = False  # Compare follows the drawing (connected once)

    @Slot()
    def open_training(self) -> TrainingDialog:
        """Show the training dialog (one at a time); the main window stays usable."""
        from lenet_gui.gui.training_dialog import TrainingDialog

        w = self._window
        if self.training is None:
            defaults = dataclasses.replace(self.train_defaults, variant=w.variant)
            self.training = TrainingDialog(defaults, w.device, w, self.finetune_defaults)
            self.training.weightsSaved.connect(self._on_weights_saved)
        self.training.show()
        self.training.raise_()
        self.training.activateWindow()
        return self.training

    @Slot(str)
    def _on_weights_saved(self, variant: str) -> None:
        self._window.use_saved_weights(variant)
        message = self.tr("Now using your retrained {v} C5 weights").format(v=variant)
        self._window.statusBar().showMessage(message, 8000)

    @Slot()
    def open_finetune(self) -> TrainingDialog:
        """The training dialog in its "Fine-tune on my samples" mode."""
        from lenet_gui.gui.training_dialog import FINETUNE

        dialog = self.open_training()
        dialog.set_mode(FINETUNE)
        dialog.refresh_samples()
        return dialog

    @Slot()
    def open_evaluation(self, limit: int | None = None) -> EvaluateDialog:
        """Evaluate the current variant's weights on the MNIST test set in a dialog."""
        from lenet_gui.gui.evaluate_dialog import EvaluateDialog

        w = self._window
        if self.evaluation is not None:
            self.evaluation.close()
        self.evaluation = EvaluateDialog(w.variant, w.device, data_dir(), limit, w)
        self.evaluation.digitChosen.connect(w.show_mnist_digit)
        self.evaluation.show()
        return self.evaluation

    @Slot()
    def open_samples(self) -> SamplesDialog:
        """Show the personal samples (one dialog at a time)."""
        from lenet_gui.gui.samples_dialog import SamplesDialog

        if self.samples is None:
            self.samples = SamplesDialog(parent=self._window)
            self.samples.finetuneRequested.connect(self.open_finetune)
            self.samples.samplesChanged.connect(self._refresh_training_samples)
        else:
            self.samples.refresh()
        self.samples.show()
        self.samples.raise_()
        return self.samples

    @Slot()
    def samples_changed(self) -> None:
        """A sample was kept or forgotten in the main window: the dialogs that count them count again."""
        if self.samples is not None:
            self.samples.refresh()
        self._refresh_training_samples()

    @Slot()
    def _refresh_training_samples(self) -> None:
        if self.training is not None:
            self.training.refresh_samples()

    @Slot()
    def open_compare(self) -> CompareDialog:
        """Show both variants' answers for the drawing side by side; they follow the drawing while open."""
        from lenet_gui.gui.compare_dialog import CompareDialog

        w = self._window
        if self.compare is None:
            self.compare = CompareDialog(w.device, w)
        if not self._following:
            self._following = True
            w.canvas.changed.connect(self.compare_drawing)
            w.predictionShown.connect(self._compare_after_reading)
        self.compare.show()
        self.compare.raise_()
        self.compare_drawing()
        return self.compare

    @Slot()
    def compare_drawing(self) -> None:
        """Compare the drawing at once; the selected digit alone once the drawing is read as several."""
        w = self._window
        if self.compare is None or not self.compare.isVisible():
            return
        if w.canvas.is_empty():
            self.compare.compare(None)
            return
        digit, label = w.selected_digit, w.predictionPanel.selected_label()
        self._compare_waits = bool(label) and w.shown_sequence != w.sent_sequence
        if self._compare_waits:
            return  # the reading of the new drawing, on its way, says which digit to compare
        if label:
            from lenet_gui.core.segment import digit_drawing  # torch is loaded once there is a reading

            self.compare.compare(digit_drawing(w.canvas.to_array(), digit), label)
        else:
            self.compare.compare(w.canvas.to_array())

    @Slot()
    def _compare_after_reading(self) -> None:
        if self._compare_waits or self._window.predictionPanel.selected_label():  # a number: the digit is known
            self.compare_drawing()

    def reset_compare_models(self) -> None:
        """The weights changed: Compare reloads both variants and compares again."""
        if self.compare is not None:
            self.compare.reset_models()
            self.compare_drawing()

    @Slot()
    def open_convert(self, limit: int | None = None) -> ConvertDialog:
        """Convert the current variant's weights into the other variant and show that both agree."""
        from lenet_gui.gui.convert_dialog import ConvertDialog

        w = self._window
        if self.convert is not None:
            self.convert.close()
        image = None if w.canvas.is_empty() else w.canvas.to_array()
        self.convert = ConvertDialog(w.variant, w.device, data_dir(), image, limit, w)
        self.convert.weightsSaved.connect(self._on_converted_weights_saved)
        self.convert.show()
        return self.convert

    @Slot(str)
    def _on_converted_weights_saved(self, variant: str) -> None:
        self._window.worker.request_variant_summaries()
        self.reset_compare_models()
        message = self.tr("Saved the converted weights as your {v} C5 weights").format(v=variant)
        self._window.statusBar().showMessage(message, 8000)

    @Slot()
    def about(self) -> None:
        QMessageBox.about(
            self._window,
            self.tr("About LeNet-5 Digit Pad"),
            self.tr(
                "<h3>LeNet-5 Digit Pad {version}</h3>"
                "<p>Draw a digit; LeNet-5 (LeCun et al., 1998) reads it as you draw. Your drawing is centred "
                "and scaled to 28\u00d728 pixels the way MNIST was made, then the network runs in a worker thread.</p>"
                "<p><b>conv C5</b>: layer C5 is a 5\u00d75 convolution with 120 maps over the 16@5\u00d75 S4 maps.<br>"
                "<b>linear C5</b>: layer C5 is a fully connected layer 400 \u2192 120 over the flattened S4 maps.</p>"
                "<p>Both have 61,706 parameters and compute exactly the same function; the weights of one "
                "convert into the other. Retrain either from Model ▸ Train.</p>"
            ).format(version=__version__),
        )

    @Slot()
    def open_shortcuts(self) -> ShortcutsDialog:
        """Help > Keyboard Shortcuts: read from the actions as they are now."""
        dialog = ShortcutsDialog(self._window, self._window.menuBar())
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.show()
        return dialog

    @Slot()
    def open_how_to(self) -> HowToDialog:
        """Help > How to Use."""
        dialog = HowToDialog(self._window)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.show()
        return dialog

    def forget_hidden(self) -> None:
        """The language changed: the kept dialogs that are closed are made anew, in the new language, when they open
        next (those open keep their language until then)."""
        if self.training is not None and not self.training.isVisible() and not self.training.is_running():
            self.training.stop()  # a count of the samples may still be read
            self.training.deleteLater()
            self.training = None
        for name in ("samples", "compare"):
            dialog = getattr(self, name)
            if dialog is not None and not dialog.isVisible():
                dialog.stop()
                dialog.deleteLater()
                setattr(self, name, None)

    def may_close(self) -> bool:
        """False when a training run is going on and the user wants to keep it."""
        return self.training is None or self.training.confirm_stop()

    def stop(self) -> None:
        """Stop the dialogs' workers and close them."""
        for dialog in (self.training, self.evaluation, self.samples, self.compare, self.convert):
            if dialog is not None:
                dialog.stop()
                dialog.close()
