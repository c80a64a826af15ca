"""Jobs that read and write model files: File > Open Model, File > Export Model, and saving weights."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Signal

from lenet_gui.gui.task_runner import Job, TaskRunner, TaskState

if TYPE_CHECKING:
    import torch

    from lenet_gui.core.weights import WeightsMeta


@dataclass(frozen=True)
class OpenedModel:
    """A model file that is now the user's weights of its variant."""

    variant: str
    source: Path  # the file that was opened
    saved: Path  # the user's weights file it was saved as


class OpenRunner(TaskRunner):
    succeeded = Signal(OpenedModel)


class WriteRunner(TaskRunner):
    succeeded = Signal(Path)  # the file written


def open_model_job(path: Path, data_root: Path) -> Job:
    """A job that reads ``path`` (the tutorial's .pth or the app's weights), measures it on the MNIST test set
    when MNIST is there, and saves it as the user's weights of its variant (the previous ones kept as .bak)."""

    def job(state: TaskState) -> OpenedModel:
        from lenet_gui.core.data import load_mnist, mnist_present
        from lenet_gui.core.interop import import_weights, install_as_user_weights

        test = load_mnist(data_root, download=False).test if mnist_present(data_root) else None
        weights, meta = import_weights(path, None, test)
        return OpenedModel(meta.variant, path, install_as_user_weights(weights, meta))

    return job


def export_model_job(variant: str, fmt: str, path: Path) -> Job:
    """A job that writes ``variant``'s active weights to ``path`` as ``fmt`` (onnx or tutorial)."""

    def job(state: TaskState) -> Path:
        from lenet_gui.core.interop import export_weights
        from lenet_gui.core.weights import load_for_variant

        return export_weights(load_for_variant(variant), fmt, path)

    return job


def save_weights_job(path: Path, state_dict: dict[str, torch.Tensor], meta: WeightsMeta) -> Job:
    """A job that writes weights to ``path`` atomically (:func:`lenet_gui.core.weights.save_weights`)."""

    def job(state: TaskState) -> Path:
        from lenet_gui.core.weights import save_weights

        return save_weights(path, state_dict, meta)

    return job


def set_aside_job(path: Path) -> Job:
    """A job that renames the weights file ``path`` to ``path.bak`` (replacing an older one), so that the bundled
    weights are used again; the file written is the .bak."""

    def job(state: TaskState) -> Path:
        from lenet_gui.errors import WeightsError

        backup = path.with_name(path.name + ".bak")
        try:
            path.replace(backup)
        except OSError as exc:
            raise WeightsError(f"{path}: {exc.strerror}") from exc
        return backup

    return job
