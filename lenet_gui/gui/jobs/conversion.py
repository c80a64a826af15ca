"""The job behind Model > Convert Weights: the active weights converted, and checked, by core.convert."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np
from PySide6.QtCore import Signal

from lenet_gui.core.convert import Conversion, convert_weights
from lenet_gui.core.data import load_mnist
from lenet_gui.core.devices import resolve_device
from lenet_gui.core.paths import user_path
from lenet_gui.core.preprocess import preprocess
from lenet_gui.core.weights import load_for_variant
from lenet_gui.errors import DataError
from lenet_gui.gui.i18n import weights_description
from lenet_gui.gui.task_runner import Job, TaskRunner, TaskState


@dataclass(frozen=True)
class ConversionCheck:
    """A conversion of the active weights, with what the dialog says about them."""

    conversion: Conversion
    weights: str  # how the source weights are described
    data_problem: str | None = None  # why the test set was not checked
    replaces: bool = False  # whether saving it would replace the user's weights of the target variant


class ConversionRunner(TaskRunner):
    succeeded = Signal(ConversionCheck)


def conversion_job(variant: str, device: str, root: Path, image: np.ndarray | None, limit: int | None = None) -> Job:
    """A job that converts ``variant``'s active weights and compares both models on ``image`` and the test set."""

    def job(state: TaskState) -> ConversionCheck:
        loaded = load_for_variant(variant)
        torch_device, _ = resolve_device(device)
        pre = preprocess(image) if image is not None else None
        try:
            test, problem = load_mnist(root, download=False).test.head(limit), None
        except DataError as exc:
            test, problem = None, str(exc)
        conversion = convert_weights(
            loaded.state_dict,
            loaded.meta,
            torch_device,
            drawing=pre.tensor if pre is not None else None,
            test=test,
            cancel=state.cancel,
            on_batch=state.set_progress,
        )
        replaces = user_path(conversion.target).exists()
        return ConversionCheck(conversion, weights_description(loaded), problem, replaces)

    return job
