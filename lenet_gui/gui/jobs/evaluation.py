"""The job behind Model > Evaluate on MNIST: the active weights measured on the test set."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import Signal

from lenet_gui.core.data import Split, load_mnist
from lenet_gui.core.evaluation import EvaluationReport, evaluate_split
from lenet_gui.core.predictor import Predictor
from lenet_gui.gui.i18n import weights_description
from lenet_gui.gui.task_runner import Job, TaskRunner, TaskState


@dataclass(frozen=True)
class Evaluation:
    """The outcome of one evaluation."""

    accuracy: float
    images: int
    weights: str  # how the weights are described to the user
    report: EvaluationReport
    split: Split  # the test images that were evaluated


class EvaluationRunner(TaskRunner):
    succeeded = Signal(Evaluation)


def evaluation_job(variant: str, device: str, root: Path, limit: int | None = None) -> Job:
    """A job that loads the active weights of ``variant`` and measures them on the (first ``limit``) test images."""

    def job(state: TaskState) -> Evaluation:
        test = load_mnist(root, download=False).test.head(limit)
        predictor = Predictor.load(variant, device=device)
        result = evaluate_split(predictor.model, test, predictor.device, state.cancel, on_batch=state.set_progress)
        return Evaluation(result.accuracy, len(test), weights_description(predictor.weights), result, test)

    return job
