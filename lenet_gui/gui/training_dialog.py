"""Model > Train...: settings, MNIST location, live progress and plots, and the choice to keep the result.

Two modes: training from scratch, and fine-tuning the current weights on the
user's own samples (mixed with MNIST), which reports the accuracy before and
after on MNIST test and on held-out personal samples.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtWidgets import (
    QDialogButtonBox,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from lenet_gui.core.finetune import MIN_SAMPLES, FinetuneConfig, FinetuneResult
from lenet_gui.core.paths import data_dir
from lenet_gui.core.samples import SampleStore
from lenet_gui.core.trainer import TrainConfig, TrainResult
from lenet_gui.core.weights import user_path
from lenet_gui.errors import LenetError
from lenet_gui.gui.formatting import format_accuracy
from lenet_gui.gui.jobs.mnist import DownloadRunner, PresenceRunner, download_job, presence_job
from lenet_gui.gui.jobs.model_files import WriteRunner, save_weights_job
from lenet_gui.gui.jobs.samples import SampleListing, SamplesRunner, read_samples_job
from lenet_gui.gui.jobs.training import (
    AccuracyRunner,
    FinetuneRunner,
    StoredAccuracy,
    TrainingRunner,
    finetune_job,
    stored_accuracy_job,
    training_job,
)
from lenet_gui.gui.messages import show_message
from lenet_gui.gui.samples_dialog import missing_samples_text
from lenet_gui.gui.task_dialog import TaskDialog
from lenet_gui.gui.task_runner import failure_message
from lenet_gui.gui.training_progress import TrainingProgress
from lenet_gui.gui.training_settings import FINETUNE, TrainingSettings


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
        self._current_accuracy: StoredAccuracy | None = None  # of the weights a run would replace; None while read
        self._sample_count: int | None = None  # personal samples, counted in FINETUNE mode; None while counted
        self._have_data: bool | None = None  # whether MNIST is there; None while looked for
        self._build(device)
        self._samples_reader = self.add_reader(
            SamplesRunner("count samples", self), self._show_sample_count, self._on_samples_unreadable
        )
        self._data_reader = self.add_reader(
            PresenceRunner("look for MNIST", self), self._show_data_status, self._on_data_unreadable
        )
        self._accuracy_reader = self.add_reader(
            AccuracyRunner("read accuracy", self), self._on_stored_accuracy, self._on_accuracy_unreadable
        )
        self._downloader = self.add_runner(DownloadRunner("download MNIST", self))
        self._downloader.succeeded.connect(self._on_downloaded)
        self._trainer = self.add_runner(TrainingRunner("training", self))
        self._trainer.succeeded.connect(self._on_trained)
        self._finetuner = self.add_runner(FinetuneRunner("fine-tuning", self))
        self._finetuner.succeeded.connect(self._show_finetune_result)
        for runner in (self._trainer, self._finetuner):
            runner.partial.connect(self.progress.show_progress)
            runner.cancelled.connect(self._on_cancelled)
        for runner in (self._downloader, self._trainer, self._finetuner):
            runner.status.connect(self.progress.set_status)
            runner.failed.connect(self._on_failed)
            runner.finished.connect(self._update_buttons)
        self._saver = self.add_runner(WriteRunner("save weights", self))
        self._saver.succeeded.connect(self._on_weights_saved)
        self._saver.failed.connect(self._on_save_failed)
        self._saver.finished.connect(self._update_buttons)
        self._on_mode_changed(self.mode())
        self._refresh_data_status()
        self._update_buttons()

    # -- layout ------------------------------------------------------------------------------------------------

    def _build(self, device: str) -> None:
        self.settings = TrainingSettings(self._defaults, self._finetune_defaults, device)
        self.settings.modeChanged.connect(self._on_mode_changed)

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
        left.addWidget(self.settings)
        left.addWidget(self._samples_box)
        left.addWidget(data_box)
        left.addStretch(1)

        self.progress = TrainingProgress()

        body = QHBoxLayout()
        body.addLayout(left, 0)
        body.addWidget(self.progress, 1)

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

    # -- public API (also used by the main window and tests) ---------------------------------------------------

    def config(self) -> TrainConfig:
        """The training settings as chosen in the dialog; the rest comes from the defaults."""
        return self.settings.config()

    def finetune_config(self) -> FinetuneConfig:
        """The fine-tuning settings as chosen in the dialog; the rest comes from the fine-tuning defaults."""
        return self.settings.finetune_config()

    def mode(self) -> str:
        """TRAIN (from scratch) or FINETUNE (on the user's samples)."""
        return self.settings.mode()

    def set_mode(self, mode: str) -> None:
        """Switch between TRAIN and FINETUNE (not while a run is going)."""
        if not self.is_running():
            self.settings.set_mode(mode)

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
            count = self._sample_count
            if count is None:
                return  # still counted (Start is disabled until then)
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
        self.progress.clear()
        if self.mode() == FINETUNE:
            self._finetuner.start(finetune_job(self.finetune_config(), config.variant, data_dir(), SampleStore().root))
        else:
            self._current_accuracy = None  # read in a thread while the run goes, for the result line
            self._accuracy_reader.start(stored_accuracy_job(config.variant))
            self._trainer.start(training_job(config, data_dir()))
        self._update_buttons()

    @Slot()
    def cancel(self) -> None:
        """Stop the run at the next batch; nothing is saved."""
        if self._training():
            self._trainer.cancel()
            self._finetuner.cancel()
            self.progress.set_status(self.tr("Stopping…"))

    @Slot()
    def download(self) -> None:
        """Download MNIST into the data folder, in the worker thread."""
        if self.is_running():
            return
        self.progress.set_busy(True)  # torchvision reports no progress
        self._downloader.start(download_job(data_dir()))
        self._update_buttons()

    @Slot()
    def use_weights(self) -> None:
        """Save the new weights as the user's weights for their variant (atomically, in a thread); once saved, the
        app uses them."""
        if self._result is None or self.is_running():
            return
        path = user_path(self._run_config.variant)
        self.progress.set_status(self.tr("Saving to {path}…").format(path=path))
        self._saver.start(save_weights_job(path, self._result.state_dict, self._result.meta))
        self._update_buttons()

    @Slot(Path)
    def _on_weights_saved(self, path: Path) -> None:
        self._result = None
        self.progress.set_status(self.tr("Saved to {path}; the app uses them now.").format(path=path))
        self._update_buttons()
        self.weightsSaved.emit(self._run_config.variant)

    @Slot(Exception)
    def _on_save_failed(self, error: Exception) -> None:
        message = failure_message(error)
        self.progress.set_status(self.tr("Not saved: {message}").format(message=message))
        show_message(self, QMessageBox.Icon.Critical, self.tr("Could not save the weights"), message)

    @Slot()
    def discard(self) -> None:
        """Forget the new weights; the previous ones stay in use."""
        self._result = None
        self.progress.set_status(self.tr("Discarded; the previous weights stay in use."))
        self._update_buttons()

    # -- worker signals ----------------------------------------------------------------------------------------

    @Slot(Path)
    def _on_downloaded(self, root: Path) -> None:
        self.progress.set_busy(False)
        self.progress.set_status(self.tr("MNIST is ready."))
        self._refresh_data_status()

    @Slot(TrainResult)
    def _on_trained(self, result: TrainResult) -> None:
        self._result = result
        self.progress.set_status(self.tr("Training finished."))
        self._show_train_result()

    @Slot(StoredAccuracy)
    def _on_stored_accuracy(self, stored: StoredAccuracy) -> None:
        self._current_accuracy = stored
        self._show_train_result()

    @Slot(Exception)
    def _on_accuracy_unreadable(self, error: Exception) -> None:
        self._on_stored_accuracy(StoredAccuracy(self._run_config.variant, None))

    def _show_train_result(self) -> None:
        """The new accuracy next to the current weights' (once both are known: "reading…" until then)."""
        result = self._result
        if not isinstance(result, TrainResult):
            return
        stored = self._current_accuracy
        old = self.tr("reading…") if stored is None else format_accuracy(stored.accuracy)
        self.progress.show_train_result(result, self._run_config.test_limit, old)

    @Slot(Exception)
    def _on_failed(self, error: Exception) -> None:
        message = failure_message(error)
        self.progress.stopped(self.tr("Failed: {message}").format(message=message))
        self._refresh_data_status()
        show_message(self, QMessageBox.Icon.Critical, self.tr("Training"), message)

    @Slot()
    def _on_cancelled(self) -> None:
        self.progress.stopped(self.tr("Cancelled; the previous weights are unchanged."))

    # -- helpers -----------------------------------------------------------------------------------------------

    @Slot(FinetuneResult)
    def _show_finetune_result(self, result: FinetuneResult) -> None:
        self._result = result
        self.progress.show_finetune_result(result)

    @Slot(str)
    def _on_mode_changed(self, mode: str) -> None:
        finetune = mode == FINETUNE
        self.startButton.setText(self.tr("Fine-tune") if finetune else self.tr("Start"))
        self._samples_box.setVisible(finetune)
        if finetune:
            self._count_samples()
        else:
            self._update_buttons()

    def _count_samples(self) -> None:
        """Count the personal samples in a thread; "counting…" until the answer comes."""
        root = SampleStore().root
        self._sample_count = None
        self.samplesLabel.setText(self.tr("Counting your samples in {root}…").format(root=root))
        self._samples_reader.start(read_samples_job(root))
        self._update_buttons()

    @Slot(SampleListing)
    def _show_sample_count(self, listing: SampleListing) -> None:
        counts = listing.counts()
        total = sum(counts.values())
        digits = sum(1 for n in counts.values() if n)
        if total == 0:
            text = self.tr("None yet in {root}.").format(root=listing.root)
        else:
            samples = self.tr("1 sample") if total == 1 else self.tr("{n} samples").format(n=total)
            of = self.tr("one digit") if digits == 1 else self.tr("{d} different digits").format(d=digits)
            text = self.tr("{samples} of {digits} in {root}; {p} % of each digit's are kept aside to measure on.")
            text = text.format(
                samples=samples, digits=of, root=listing.root, p=round(100 * self._finetune_defaults.held_out)
            )
        if total < MIN_SAMPLES:
            text += " " + missing_samples_text(total)
        self.samplesLabel.setText(text)
        self._sample_count = total
        self._update_buttons()

    @Slot(Exception)
    def _on_samples_unreadable(self, error: Exception) -> None:
        self.samplesLabel.setText(failure_message(error))
        self._sample_count = 0
        self._update_buttons()

    def refresh_samples(self) -> None:
        """Count the personal samples again, in a thread (after one was kept or deleted elsewhere)."""
        if self.mode() == FINETUNE:
            self._count_samples()

    def _refresh_data_status(self) -> None:
        """Look for MNIST in a thread; "looking…" until the answer comes."""
        root = data_dir()
        self._have_data = None
        self.dataLabel.setText(self.tr("Looking in {where}…").format(where=root / "MNIST" / "raw"))
        self._data_reader.start(presence_job(root))
        self._update_buttons()

    @Slot(bool)
    def _show_data_status(self, present: bool) -> None:
        where = data_dir() / "MNIST" / "raw"
        if present:
            self.dataLabel.setText(self.tr("Found in {where}").format(where=where))
        else:
            self.dataLabel.setText(
                self.tr("Not found in {where}. Download it (about 12 MB) or put the four IDX files there.").format(
                    where=where
                )
            )
        self._have_data = present
        self.downloadButton.setVisible(not present)
        self._update_buttons()

    @Slot(Exception)
    def _on_data_unreadable(self, error: Exception) -> None:
        self.dataLabel.setText(failure_message(error))
        self._have_data = False
        self.downloadButton.setVisible(True)
        self._update_buttons()

    @Slot()
    def _update_buttons(self) -> None:
        running = self.is_running()
        have_data = bool(self._have_data)
        self.settings.setEnabled(not running)
        count = self._sample_count
        counting = self.mode() == FINETUNE and count is None
        too_few = self.mode() == FINETUNE and count is not None and count < MIN_SAMPLES
        self.startButton.setEnabled(not running and have_data and not too_few and not counting)
        self.startButton.setToolTip(
            missing_samples_text(count)
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
