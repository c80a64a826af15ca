"""Model > Train...: settings, MNIST location, live progress and plots, and the choice to keep the result.

Two modes: training from scratch, and fine-tuning the current weights on the
user's own samples (mixed with MNIST), which reports the accuracy before and
after on MNIST test and on held-out personal samples.
"""

from __future__ import annotations

import dataclasses
import os
from pathlib import Path

import pyqtgraph as pg
from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from lenet_gui.core.data import MNIST_TRAIN_SIZE, mnist_present
from lenet_gui.core.devices import cuda_available
from lenet_gui.core.finetune import MIN_SAMPLES, FinetuneConfig, FinetuneResult
from lenet_gui.core.paths import data_dir
from lenet_gui.core.samples import SampleStore
from lenet_gui.core.trainer import Progress, TrainConfig, TrainResult
from lenet_gui.core.variants import VARIANTS
from lenet_gui.core.weights import load_for_variant, save_weights, user_path
from lenet_gui.errors import LenetError
from lenet_gui.gui.device_combo import make_device_combo, select_device
from lenet_gui.gui.formatting import format_accuracy, format_duration
from lenet_gui.gui.i18n import variant_description
from lenet_gui.gui.jobs.mnist import DownloadRunner, download_job
from lenet_gui.gui.jobs.training import FinetuneRunner, TrainingRunner, finetune_job, training_job
from lenet_gui.gui.messages import show_message
from lenet_gui.gui.samples_dialog import missing_samples_text
from lenet_gui.gui.task_dialog import TaskDialog
from lenet_gui.gui.task_runner import failure_message

TRAIN, FINETUNE = "train", "finetune"
# Loss curves with this many points or fewer are drawn with markers.
FEW_POINTS = 3


def gui_training_threads() -> int:
    """CPU threads for training in the app: all cores but one, so drawing stays smooth."""
    return max(1, (os.cpu_count() or 2) - 1)


class TrainingDialog(TaskDialog):
    """Trains or fine-tunes LeNet-5 in a worker thread; emits ``weightsSaved(variant)`` after "Use these weights"."""

    weightsSaved = Signal(str)

    def __init__(
        self,
        defaults: TrainConfig | None = None,
        device: str = "cpu",
        parent: QWidget | None = None,
        finetune_defaults: FinetuneConfig | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("trainingDialog")
        self.setWindowTitle(self.tr("Train LeNet-5"))
        self._defaults = defaults or TrainConfig()
        self._finetune_defaults = finetune_defaults or FinetuneConfig()
        self._result: TrainResult | FinetuneResult | None = None
        self._run_config = self._defaults
        self._current_accuracy: float | None = None  # of the weights a finished run would replace
        self._sample_count = 0  # personal samples, counted when the dialog is in FINETUNE mode
        self._build(device)
        self._downloader = self.add_runner(DownloadRunner("download MNIST", self))
        self._downloader.succeeded.connect(self._on_downloaded)
        self._trainer = self.add_runner(TrainingRunner("training", self))
        self._trainer.succeeded.connect(self._on_trained)
        self._finetuner = self.add_runner(FinetuneRunner("fine-tuning", self))
        self._finetuner.succeeded.connect(self._show_finetune_result)
        for runner in (self._trainer, self._finetuner):
            runner.partial.connect(self._on_training_progress)
            runner.cancelled.connect(self._on_cancelled)
        for runner in (self._downloader, self._trainer, self._finetuner):
            runner.status.connect(self.statusLabel.setText)
            runner.failed.connect(self._on_failed)
            runner.finished.connect(self._update_buttons)
        self._apply_mode()
        self._refresh_data_status()
        self._update_buttons()

    # -- layout ------------------------------------------------------------------------------------------------

    def _build(self, device: str) -> None:
        d = self._defaults
        self.modeCombo = QComboBox(objectName="trainModeCombo")
        self.modeCombo.addItem(self.tr("Train from scratch"), TRAIN)
        self.modeCombo.addItem(self.tr("Fine-tune on my samples"), FINETUNE)
        self.modeCombo.setItemData(
            1,
            self.tr("Start from the current weights and train on MNIST mixed with your own samples"),
            Qt.ItemDataRole.ToolTipRole,
        )
        self.modeCombo.currentIndexChanged.connect(lambda _: self._apply_mode())
        self.variantCombo = QComboBox()
        self.variantCombo.setObjectName("trainVariantCombo")
        for name in VARIANTS:
            self.variantCombo.addItem(f"{name} C5", name)
            self.variantCombo.setItemData(
                self.variantCombo.count() - 1, variant_description(name), Qt.ItemDataRole.ToolTipRole
            )
        self.variantCombo.setCurrentIndex(self.variantCombo.findData(d.variant))
        self.epochsSpin = QSpinBox(minimum=1, maximum=500, value=d.epochs)
        self.batchSpin = QSpinBox(minimum=1, maximum=65_536, value=d.batch_size, singleStep=32)
        self.lrSpin = QDoubleSpinBox(decimals=5, minimum=0.00001, maximum=10.0, singleStep=0.0005, value=d.lr)
        self.augmentCheck = QCheckBox(self.tr("Random shifts, rotations and scaling"), checked=d.augment)
        self.deviceCombo = make_device_combo(cuda_available())
        self.deviceCombo.setObjectName("trainDeviceCombo")
        select_device(self.deviceCombo, device)
        self.limitSpin = QSpinBox(minimum=0, maximum=MNIST_TRAIN_SIZE, singleStep=1000, value=d.train_limit or 0)
        self.limitSpin.setSpecialValueText(self.tr("all {n:,}").format(n=MNIST_TRAIN_SIZE))
        self.limitSpin.setToolTip(self.tr("Train on only the first N images, for a quick try"))

        form = QFormLayout()
        form.addRow(self.tr("Mode:"), self.modeCombo)
        form.addRow(self.tr("Variant:"), self.variantCombo)
        form.addRow(self.tr("Epochs:"), self.epochsSpin)
        form.addRow(self.tr("Batch size:"), self.batchSpin)
        form.addRow(self.tr("Learning rate:"), self.lrSpin)
        form.addRow(self.tr("Augmentation:"), self.augmentCheck)
        form.addRow(self.tr("Device:"), self.deviceCombo)
        self.limitLabel = QLabel(self.tr("Training images:"))
        form.addRow(self.limitLabel, self.limitSpin)
        self._settings_box = QGroupBox(self.tr("Settings"))
        self._settings_box.setLayout(form)

        self.samplesLabel = QLabel(objectName="samplesLabel", wordWrap=True)
        samples_layout = QVBoxLayout()
        samples_layout.addWidget(self.samplesLabel)
        self._samples_box = QGroupBox(self.tr("Your samples"))
        self._samples_box.setLayout(samples_layout)

        self.dataLabel = QLabel(objectName="dataLabel", wordWrap=True)
        self.dataLabel.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.downloadButton = QPushButton(self.tr("Download MNIST"), objectName="downloadButton")
        self.downloadButton.clicked.connect(self.download)
        data_layout = QVBoxLayout()
        data_layout.addWidget(self.dataLabel)
        data_layout.addWidget(self.downloadButton, 0, Qt.AlignmentFlag.AlignLeft)
        data_box = QGroupBox(self.tr("MNIST"))
        data_box.setLayout(data_layout)

        left = QVBoxLayout()
        left.addWidget(self._settings_box)
        left.addWidget(self._samples_box)
        left.addWidget(data_box)
        left.addStretch(1)

        self.epochBar = QProgressBar(objectName="epochBar", format=self.tr("Epoch %p %"))
        self.totalBar = QProgressBar(objectName="totalBar", format=self.tr("Run %p %"))
        self.statusLabel = QLabel(self.tr("Ready."), objectName="statusLabel", wordWrap=True)
        self.statsLabel = QLabel(" ", objectName="statsLabel")
        self.resultLabel = QLabel(objectName="resultLabel", wordWrap=True, textFormat=Qt.TextFormat.RichText)
        # Room for the result from the start: a label that grows when training ends re-lays out and
        # repaints the whole dialog, plots included, in one go (a visible hitch in the drawing).
        self.resultLabel.setMinimumHeight(2 * self.resultLabel.fontMetrics().lineSpacing())
        self.lossPlot = self._make_plot(self.tr("Training loss"), self.tr("loss"))
        self.accuracyPlot = self._make_plot(self.tr("Test accuracy"), "%")
        self._loss_curve = self.lossPlot.plot([], [], pen=pg.mkPen((31, 119, 180), width=2))
        self._accuracy_curve = self.accuracyPlot.plot(
            [], [], pen=pg.mkPen((44, 160, 44), width=2), symbol="o", symbolSize=7, symbolBrush=(44, 160, 44)
        )
        self._loss_points: tuple[list[float], list[float]] = ([], [])
        self._accuracy_points: tuple[list[float], list[float]] = ([], [])
        plots = QGridLayout()
        plots.addWidget(self.lossPlot, 0, 0)
        plots.addWidget(self.accuracyPlot, 0, 1)

        right = QVBoxLayout()
        right.addLayout(plots, 1)
        right.addWidget(self.epochBar)
        right.addWidget(self.totalBar)
        right.addWidget(self.statusLabel)
        right.addWidget(self.statsLabel)
        right.addWidget(self.resultLabel)

        body = QHBoxLayout()
        body.addLayout(left, 0)
        body.addLayout(right, 1)

        self.buttons = QDialogButtonBox()
        self.startButton = self.buttons.addButton(self.tr("Start"), QDialogButtonBox.ButtonRole.ActionRole)
        self.cancelButton = self.buttons.addButton(self.tr("Cancel training"), QDialogButtonBox.ButtonRole.ActionRole)
        self.useButton = self.buttons.addButton(self.tr("Use these weights"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.discardButton = self.buttons.addButton(self.tr("Discard"), QDialogButtonBox.ButtonRole.DestructiveRole)
        self.closeButton = self.buttons.addButton(QDialogButtonBox.StandardButton.Close)
        for name, button in (
            ("startButton", self.startButton),
            ("cancelButton", self.cancelButton),
            ("useButton", self.useButton),
            ("discardButton", self.discardButton),
            ("closeButton", self.closeButton),
        ):
            button.setObjectName(name)
            button.setAutoDefault(False)
        self.startButton.setDefault(True)
        self.startButton.clicked.connect(self.start)
        self.cancelButton.clicked.connect(self.cancel)
        self.useButton.clicked.connect(self.use_weights)
        self.discardButton.clicked.connect(self.discard)
        self.closeButton.clicked.connect(self.close)

        layout = QVBoxLayout(self)
        layout.addLayout(body, 1)
        layout.addWidget(self.buttons)
        self.resize(980, 560)

    def _make_plot(self, title: str, unit: str) -> pg.PlotWidget:
        plot = pg.PlotWidget(background="w")
        plot.setTitle(title, color="#333", size="10pt")
        plot.setLabel("bottom", self.tr("epoch"), color="#555")
        plot.setLabel("left", unit, color="#555")
        for side in ("bottom", "left"):  # no "(x0.001)" prefix on fractional epochs
            plot.getAxis(side).enableAutoSIPrefix(False)
        plot.showGrid(x=True, y=True, alpha=0.25)
        plot.setMinimumSize(260, 200)
        plot.setMouseEnabled(x=False, y=False)
        plot.hideButtons()
        return plot

    # -- public API (also used by the main window and tests) ---------------------------------------------------

    def config(self) -> TrainConfig:
        """The training settings as chosen in the dialog; the rest comes from the defaults."""
        return dataclasses.replace(
            self._defaults,
            variant=self.variantCombo.currentData(),
            epochs=self.epochsSpin.value(),
            batch_size=self.batchSpin.value(),
            lr=self.lrSpin.value(),
            augment=self.augmentCheck.isChecked(),
            device=self.deviceCombo.currentData(),
            train_limit=self.limitSpin.value() or None,
            threads=self._defaults.threads or gui_training_threads(),
        )

    def finetune_config(self) -> FinetuneConfig:
        """The fine-tuning settings as chosen in the dialog; the rest comes from the fine-tuning defaults."""
        return dataclasses.replace(
            self._finetune_defaults,
            epochs=self.epochsSpin.value(),
            lr=self.lrSpin.value(),
            mnist_images=self.limitSpin.value() or MNIST_TRAIN_SIZE,
            device=self.deviceCombo.currentData(),
            threads=self._finetune_defaults.threads or gui_training_threads(),
        )

    def mode(self) -> str:
        """TRAIN (from scratch) or FINETUNE (on the user's samples)."""
        return self.modeCombo.currentData()

    def set_mode(self, mode: str) -> None:
        """Switch between TRAIN and FINETUNE (not while a run is going)."""
        if not self.is_running():
            self.modeCombo.setCurrentIndex(self.modeCombo.findData(mode))

    def trained(self) -> TrainResult | FinetuneResult | None:
        """The finished run's result until it is used or discarded."""
        return self._result

    @Slot()
    def start(self) -> None:
        """Start training (or fine-tuning) with the chosen settings."""
        if self.is_running():
            return
        config = self.config()
        try:
            config.validate()
        except LenetError as exc:
            show_message(self, QMessageBox.Icon.Warning, self.tr("Cannot train"), str(exc))
            return
        if self.mode() == FINETUNE:
            count = self._refresh_samples_status()
            if count < MIN_SAMPLES:
                show_message(
                    self,
                    QMessageBox.Icon.Information,
                    self.tr("Too few samples"),
                    self.tr(
                        "Fine-tuning needs at least {min} of your samples; you have {n}. Draw digits in the main "
                        "window and press the digit each one really is under “Wrong? It is a …” (or ✓ when the "
                        "answer is right), then come back."
                    ).format(min=MIN_SAMPLES, n=count),
                )
                return
        self._result, self._run_config = None, config
        # Read now, not when the run ends: loading the weights file then stalled the GUI ~12 ms.
        self._current_accuracy = self._old_accuracy()
        self._loss_points, self._accuracy_points = ([], []), ([], [])
        self._loss_curve.setData([], [])
        self._accuracy_curve.setData([], [])
        for plot in (self.lossPlot, self.accuracyPlot):  # forget the previous run's ranges
            plot.enableAutoRange()
        self.epochBar.setValue(0)
        self.totalBar.setValue(0)
        self.resultLabel.clear()
        self.statsLabel.setText(" ")
        if self.mode() == FINETUNE:
            self._finetuner.start(finetune_job(self.finetune_config(), config.variant, data_dir(), SampleStore().root))
        else:
            self._trainer.start(training_job(config, data_dir()))
        self._update_buttons()

    @Slot()
    def cancel(self) -> None:
        """Stop the run at the next batch; nothing is saved."""
        if self._training():
            self._trainer.cancel()
            self._finetuner.cancel()
            self.statusLabel.setText(self.tr("Stopping…"))

    @Slot()
    def download(self) -> None:
        """Download MNIST into the data folder, in the worker thread."""
        if self.is_running():
            return
        self.epochBar.setRange(0, 0)  # busy indicator: torchvision reports no progress
        self._downloader.start(download_job(data_dir()))
        self._update_buttons()

    @Slot()
    def use_weights(self) -> None:
        """Save the new weights as the user's weights for their variant (atomically) and announce them."""
        if self._result is None:
            return
        try:
            path = save_weights(user_path(self._run_config.variant), self._result.state_dict, self._result.meta)
        except LenetError as exc:
            show_message(self, QMessageBox.Icon.Critical, self.tr("Could not save the weights"), str(exc))
            return
        self._result = None
        self.statusLabel.setText(self.tr("Saved to {path}; the app uses them now.").format(path=path))
        self._update_buttons()
        self.weightsSaved.emit(self._run_config.variant)

    @Slot()
    def discard(self) -> None:
        """Forget the new weights; the previous ones stay in use."""
        self._result = None
        self.statusLabel.setText(self.tr("Discarded; the previous weights stay in use."))
        self._update_buttons()

    # -- worker signals ----------------------------------------------------------------------------------------

    @Slot(Progress)
    def _on_training_progress(self, p: Progress) -> None:
        if p.message:
            self.statusLabel.setText(p.message)
        else:
            self.statusLabel.setText(self.tr("Training epoch {e} of {n}…").format(e=p.epoch, n=p.epochs))
        self.epochBar.setValue(round(100 * p.batch / max(p.batches, 1)))
        self.totalBar.setValue(round(100 * p.fraction))
        left = p.elapsed_s * (1 - p.fraction) / p.fraction if p.fraction > 0 else 0.0
        self.statsLabel.setText(
            self.tr("loss {loss:.4f}  ·  {ips:,.0f} images/s  ·  {left} left").format(
                loss=p.loss, ips=p.images_per_s, left=format_duration(left)
            )
        )
        xs, ys = self._loss_points
        xs.append(p.epoch - 1 + p.batch / max(p.batches, 1))
        ys.append(p.loss)
        # A run of a batch or two has one or two loss points, which draw no visible line: mark them.
        self._loss_curve.setData(xs, ys, symbol="o" if len(xs) <= FEW_POINTS else None, symbolSize=6)
        if p.test_accuracy is not None:
            ax, ay = self._accuracy_points
            ax.append(p.epoch)
            ay.append(100 * p.test_accuracy)
            self._accuracy_curve.setData(ax, ay)

    @Slot(Path)
    def _on_downloaded(self, root: Path) -> None:
        self.epochBar.setRange(0, 100)
        self.statusLabel.setText(self.tr("MNIST is ready."))
        self._refresh_data_status()

    @Slot(TrainResult)
    def _on_trained(self, result: TrainResult) -> None:
        self._result = result
        config = self._run_config
        tested = (
            "" if config.test_limit is None else self.tr(" on the first {n:,} test images").format(n=config.test_limit)
        )
        self.statusLabel.setText(self.tr("Training finished."))
        self.resultLabel.setText(
            self.tr("New test accuracy: <b>{new}</b>{tested} &nbsp;·&nbsp; current weights: {old}").format(
                new=format_accuracy(result.test_accuracy), tested=tested, old=format_accuracy(self._current_accuracy)
            )
        )

    @Slot(Exception)
    def _on_failed(self, error: Exception) -> None:
        message = failure_message(error)
        self.epochBar.setRange(0, 100)
        self.statsLabel.setText(" ")
        self.statusLabel.setText(self.tr("Failed: {message}").format(message=message))
        self._refresh_data_status()
        show_message(self, QMessageBox.Icon.Critical, self.tr("Training"), message)

    @Slot()
    def _on_cancelled(self) -> None:
        self.statsLabel.setText(" ")  # no "time left" for a run that stopped
        self.statusLabel.setText(self.tr("Cancelled; the previous weights are unchanged."))

    # -- helpers -----------------------------------------------------------------------------------------------

    @Slot(FinetuneResult)
    def _show_finetune_result(self, result: FinetuneResult) -> None:
        self._result = result
        self.statusLabel.setText(self.tr("Fine-tuning finished. Keep the new weights or discard them."))
        lines = [
            self.tr("MNIST test: <b>{after}</b> after, {before} before").format(
                after=format_accuracy(result.mnist_after), before=format_accuracy(result.mnist_before)
            )
        ]
        if result.personal_before is None:
            lines.append(self.tr("No held-out samples to measure on: add at least 3 samples of a digit."))
        else:
            lines.append(
                self.tr("Your {n} held-out samples: <b>{after}</b> after, {before} before").format(
                    n=result.held_out,
                    after=format_accuracy(result.personal_after),
                    before=format_accuracy(result.personal_before),
                )
            )
        lines.append(self.tr("Trained on {n} of your samples mixed with MNIST.").format(n=result.trained_on))
        self.resultLabel.setText("<br>".join(lines))

    @Slot()
    def _apply_mode(self) -> None:
        """Show the settings of the chosen mode with that mode's defaults."""
        finetune = self.mode() == FINETUNE
        if finetune:
            f = self._finetune_defaults
            self.epochsSpin.setValue(f.epochs)
            self.lrSpin.setValue(f.lr)
            self.limitSpin.setValue(0 if f.mnist_images >= MNIST_TRAIN_SIZE else f.mnist_images)
            self.limitLabel.setText(self.tr("MNIST images mixed in:"))
            self.startButton.setText(self.tr("Fine-tune"))
        else:
            d = self._defaults
            self.epochsSpin.setValue(d.epochs)
            self.lrSpin.setValue(d.lr)
            self.limitSpin.setValue(d.train_limit or 0)
            self.limitLabel.setText(self.tr("Training images:"))
            self.startButton.setText(self.tr("Start"))
        self.batchSpin.setEnabled(not finetune)
        self.augmentCheck.setEnabled(not finetune)
        self._samples_box.setVisible(finetune)
        self._refresh_samples_status()

    def _refresh_samples_status(self) -> int:
        """Show how many personal samples there are; that number."""
        store = SampleStore()
        try:
            counts = store.counts()
        except LenetError as exc:
            self.samplesLabel.setText(str(exc))
            return 0
        total = sum(counts.values())
        digits = sum(1 for n in counts.values() if n)
        if total == 0:
            text = self.tr("None yet in {root}.").format(root=store.root)
        else:
            samples = self.tr("1 sample") if total == 1 else self.tr("{n} samples").format(n=total)
            of = self.tr("one digit") if digits == 1 else self.tr("{d} different digits").format(d=digits)
            text = self.tr("{samples} of {digits} in {root}; {p} % of each digit's are kept aside to measure on.")
            text = text.format(
                samples=samples, digits=of, root=store.root, p=round(100 * self._finetune_defaults.held_out)
            )
        if total < MIN_SAMPLES:
            text += " " + missing_samples_text(total)
        self.samplesLabel.setText(text)
        self._sample_count = total
        self._update_buttons()
        return total

    def refresh_samples(self) -> None:
        """Count the personal samples again (after one was kept or deleted elsewhere)."""
        if self.mode() == FINETUNE:
            self._refresh_samples_status()

    def _old_accuracy(self) -> float | None:
        try:
            return load_for_variant(self._run_config.variant).meta.test_accuracy
        except LenetError:
            return None

    def _refresh_data_status(self) -> None:
        root = data_dir()
        present = mnist_present(root)
        where = root / "MNIST" / "raw"
        if present:
            self.dataLabel.setText(self.tr("Found in {where}").format(where=where))
        else:
            self.dataLabel.setText(
                self.tr("Not found in {where}. Download it (about 12 MB) or put the four IDX files there.").format(
                    where=where
                )
            )
        self.downloadButton.setVisible(not present)
        self._update_buttons()

    @Slot()
    def _update_buttons(self) -> None:
        running = self.is_running()
        have_data = mnist_present(data_dir())
        self._settings_box.setEnabled(not running)
        too_few = self.mode() == FINETUNE and self._sample_count < MIN_SAMPLES
        self.startButton.setEnabled(not running and have_data and not too_few)
        self.startButton.setToolTip(
            missing_samples_text(self._sample_count)
            + " "
            + self.tr("Press the digit each drawing really is under “Wrong? It is a …” in the main window.")
            if too_few
            else ""
        )
        self.downloadButton.setEnabled(not running)
        self.cancelButton.setEnabled(self._training())
        self.useButton.setEnabled(not running and self._result is not None)
        self.discardButton.setEnabled(not running and self._result is not None)

    def _training(self) -> bool:
        """Whether a training or fine-tuning run is going (not a download)."""
        return self._trainer.is_running() or self._finetuner.is_running()

    def confirm_stop(self) -> bool:
        """When a run is going, ask whether to stop it and, if so, stop it; False when the user says no."""
        if not self.is_running():
            return True
        answer = QMessageBox.question(
            self,
            self.tr("Stop training?"),
            self.tr("Training is still running. Stop it? The previous weights stay unchanged."),
        )
        if answer != QMessageBox.StandardButton.Yes:
            return False
        self.stop()
        return True
