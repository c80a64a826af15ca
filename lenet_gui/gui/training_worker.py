"""The jobs the training dialog runs in its worker thread: download MNIST, train, fine-tune."""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path

from lenet_gui.core.data import load_mnist
from lenet_gui.core.finetune import FinetuneConfig, FinetuneResult, finetune
from lenet_gui.core.samples import SampleStore
from lenet_gui.core.trainer import TrainConfig, TrainResult, train
from lenet_gui.core.weights import load_for_variant
from lenet_gui.gui.task_runner import Job


def download_job(root: Path) -> Job:
    """A job that downloads MNIST into ``root`` (torchvision's downloader; no partial progress)."""

    def job(report: Callable[[object], None], cancel: threading.Event) -> Path:
        report(f"Downloading MNIST into {root}…")
        return load_mnist(root, download=True).root

    return job


def training_job(config: TrainConfig, root: Path) -> Job:
    """A job that reads MNIST from ``root`` (never downloading) and trains; reports text, then trainer Progress."""

    def job(report: Callable[[object], None], cancel: threading.Event) -> TrainResult:
        report("Reading MNIST…")
        mnist = load_mnist(root, download=False)
        return train(config, mnist, on_progress=report, cancel=cancel)

    return job


def finetune_job(config: FinetuneConfig, variant: str, root: Path, samples: Path) -> Job:
    """A job that fine-tunes the current ``variant`` weights on the samples in ``samples`` mixed with MNIST."""

    def job(report: Callable[[object], None], cancel: threading.Event) -> FinetuneResult:
        report("Reading your samples and MNIST…")
        personal = SampleStore(samples).load_split()
        weights = load_for_variant(variant)
        mnist = load_mnist(root, download=False)
        return finetune(weights, personal, mnist, config, on_progress=report, cancel=cancel)

    return job
