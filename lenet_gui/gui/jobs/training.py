"""Jobs that train LeNet-5: from scratch on MNIST, or fine-tuned on the user's samples mixed with MNIST."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QCoreApplication, Signal

from lenet_gui.core.data import load_mnist
from lenet_gui.core.finetune import FinetuneConfig, FinetuneResult, finetune
from lenet_gui.core.samples import SampleStore
from lenet_gui.core.trainer import Progress, TrainConfig, TrainResult, train
from lenet_gui.core.weights import load_for_variant
from lenet_gui.errors import LenetError
from lenet_gui.gui.task_runner import Job, TaskRunner, TaskState


@dataclass(frozen=True)
class StoredAccuracy:
    """The MNIST test accuracy stored with the weights ``variant`` uses now; None when unknown or unreadable."""

    variant: str
    accuracy: float | None


class TrainingRunner(TaskRunner):
    partial = Signal(Progress)
    succeeded = Signal(TrainResult)


class FinetuneRunner(TaskRunner):
    partial = Signal(Progress)
    succeeded = Signal(FinetuneResult)


class AccuracyRunner(TaskRunner):
    succeeded = Signal(StoredAccuracy)


def training_job(config: TrainConfig, root: Path) -> Job:
    """A job that reads MNIST from ``root`` (never downloading) and trains; trainer Progress as partial results."""

    def job(state: TaskState) -> TrainResult:
        state.set_status(QCoreApplication.translate("Jobs", "Reading MNIST…"))
        mnist = load_mnist(root, download=False)
        return train(config, mnist, on_progress=state.report_partial, cancel=state.cancel)

    return job


def finetune_job(config: FinetuneConfig, variant: str, root: Path, samples: Path) -> Job:
    """A job that fine-tunes the current ``variant`` weights on the samples in ``samples`` mixed with MNIST."""

    def job(state: TaskState) -> FinetuneResult:
        state.set_status(QCoreApplication.translate("Jobs", "Reading your samples and MNIST…"))
        personal = SampleStore(samples).load_split()
        weights = load_for_variant(variant)
        mnist = load_mnist(root, download=False)
        return finetune(weights, personal, mnist, config, on_progress=state.report_partial, cancel=state.cancel)

    return job


def stored_accuracy_job(variant: str) -> Job:
    """A job that reads the test accuracy stored with the weights a run for ``variant`` would replace."""

    def job(state: TaskState) -> StoredAccuracy:
        try:
            return StoredAccuracy(variant, load_for_variant(variant).meta.test_accuracy)
        except LenetError:
            return StoredAccuracy(variant, None)

    return job
