"""A model over a whole split: log-probabilities, accuracy, confusion matrix, most confidently wrong digits."""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass

import torch

from lenet_gui.core.data import Split
from lenet_gui.core.models import LeNet5
from lenet_gui.core.preprocess import normalize
from lenet_gui.errors import TrainingCancelled


@dataclass(frozen=True)
class EvaluationReport:
    """Per-image predictions on a split, with the summaries the app shows."""

    labels: torch.Tensor  # N int64
    predicted: torch.Tensor  # N int64
    confidence: torch.Tensor  # N float, probability of the predicted digit

    @property
    def accuracy(self) -> float:
        return self.predicted.eq(self.labels).float().mean().item() if len(self.labels) else 0.0

    @property
    def confusion(self) -> torch.Tensor:
        """10x10 counts; row = true digit, column = predicted digit."""
        return torch.bincount(self.labels * 10 + self.predicted, minlength=100).view(10, 10)

    def cell(self, true: int, predicted: int) -> torch.Tensor:
        """Indices of the images with this true and predicted digit, most confident first."""
        idx = torch.nonzero(self.labels.eq(true) & self.predicted.eq(predicted)).squeeze(1)
        return idx[self.confidence[idx].argsort(descending=True)]

    def confidently_wrong(self, k: int = 20) -> torch.Tensor:
        """Indices of the ``k`` misclassified images with the highest confidence."""
        wrong = torch.nonzero(self.predicted.ne(self.labels)).squeeze(1)
        return wrong[self.confidence[wrong].argsort(descending=True)][:k]


def evaluate_split(
    model: LeNet5,
    split: Split,
    device: torch.device | str = "cpu",
    cancel: threading.Event | None = None,
    on_batch: Callable[[int, int], None] | None = None,
) -> EvaluationReport:
    """Run ``model`` over ``split`` and collect an :class:`EvaluationReport`."""
    log_probs = predict_split(model, split, device, cancel, batch_size=1000, on_batch=on_batch)
    confidence, predicted = log_probs.exp().max(1)
    return EvaluationReport(split.labels, predicted, confidence)


def check_cancel(cancel: threading.Event | None) -> None:
    """Raise :class:`TrainingCancelled` once ``cancel`` is set (checked between batches)."""
    if cancel is not None and cancel.is_set():
        raise TrainingCancelled("training cancelled; the previous weights are unchanged")


def evaluate(
    model: LeNet5,
    split: Split,
    device: torch.device | str = "cpu",
    cancel: threading.Event | None = None,
) -> float:
    """Accuracy of ``model`` on ``split`` (0..1)."""
    return predict_split(model, split, device, cancel).argmax(1).eq(split.labels).float().mean().item()


@torch.inference_mode()
def predict_split(
    model: LeNet5,
    split: Split,
    device: torch.device | str = "cpu",
    cancel: threading.Event | None = None,
    batch_size: int = 2000,
    on_batch: Callable[[int, int], None] | None = None,
) -> torch.Tensor:
    """Log-probabilities (Nx10, on the CPU) of ``model`` for every image of ``split``."""
    was_training = model.training
    model.eval()
    out = []
    n = len(split)
    for start in range(0, n, batch_size):
        check_cancel(cancel)
        x = split.images[start : start + batch_size].to(device).unsqueeze(1).float().div_(255)
        out.append(model(normalize(x)).cpu())
        if on_batch:
            on_batch(min(start + batch_size, n), n)
    model.train(was_training)
    return torch.cat(out) if out else torch.empty(0, 10)
