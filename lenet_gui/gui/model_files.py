"""File > Open Model and File > Export Model: reading, converting and writing model files in worker threads."""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QObject, Signal, Slot

from lenet_gui.core.model_formats import EXPORT_FORMATS, MODEL_SUFFIXES, format_for
from lenet_gui.errors import LenetError
from lenet_gui.gui.task_runner import Job, TaskRunner


@dataclass(frozen=True)
class OpenedModel:
    """A model file that is now the user's weights of its variant."""

    variant: str
    source: Path  # the file that was opened
    saved: Path  # the user's weights file it was saved as


def is_model_file(path: str | Path) -> bool:
    """Whether ``path`` names a file the app opens as a model (by its extension)."""
    return Path(path).suffix.lower() in MODEL_SUFFIXES


def export_format(path: str | Path, chosen: str) -> str:
    """The format to export ``path`` in: its extension's (.onnx, .pth, .pt) if it has one, else ``chosen``."""
    try:
        return format_for(path)
    except LenetError:
        return chosen


def open_model_job(path: Path, data_root: Path) -> Job:
    """A job that reads ``path`` (the tutorial's .pth or the app's weights), measures it on the MNIST test set
    when MNIST is there, and saves it as the user's weights of its variant (the previous ones kept as .bak)."""

    def job(report: Callable[[object], None], cancel: threading.Event) -> OpenedModel:
        from lenet_gui.core.data import load_mnist, mnist_present
        from lenet_gui.core.interop import import_weights, install_as_user_weights

        test = load_mnist(data_root, download=False).test if mnist_present(data_root) else None
        state, meta = import_weights(path, None, test)
        return OpenedModel(meta.variant, path, install_as_user_weights(state, meta))

    return job


def export_model_job(variant: str, fmt: str, path: Path) -> Job:
    """A job that writes ``variant``'s active weights to ``path`` as ``fmt`` (onnx or tutorial)."""

    def job(report: Callable[[object], None], cancel: threading.Event) -> str:
        from lenet_gui.core.interop import export_weights
        from lenet_gui.core.weights import load_for_variant

        return str(export_weights(load_for_variant(variant), fmt, path))

    return job


class ModelFiles(QObject):
    """Opens and exports models off the GUI thread, one of each at a time; the outcomes arrive as signals."""

    opened = Signal(object)  # OpenedModel
    openFailed = Signal(str)  # the same message the command line prints
    exported = Signal(str)  # the path written
    exportFailed = Signal(str)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._opener = TaskRunner("open model", self)
        self._opener.succeeded.connect(self._on_opened)
        self._opener.failed.connect(self.openFailed)
        self._exporter = TaskRunner("export model", self)
        self._exporter.succeeded.connect(self._on_exported)
        self._exporter.failed.connect(self.exportFailed)

    def open(self, path: Path, data_root: Path) -> bool:
        """Start opening ``path``; False when another model is still being opened."""
        if self._opener.is_running():
            return False
        self._opener.start(open_model_job(path, data_root))
        return True

    def export(self, variant: str, fmt: str, path: Path) -> bool:
        """Start exporting (a name without an extension gets the format's); False when an export is still running."""
        if self._exporter.is_running():
            return False
        target = path if path.suffix else path.with_suffix(EXPORT_FORMATS[fmt])
        self._exporter.start(export_model_job(variant, fmt, target))
        return True

    def is_running(self) -> bool:
        return self._opener.is_running() or self._exporter.is_running()

    def stop(self) -> None:
        """Wait for both workers to end (neither can be interrupted midway; each takes seconds at most)."""
        self._opener.stop()
        self._exporter.stop()

    @Slot(object)
    def _on_opened(self, result: object) -> None:
        if isinstance(result, OpenedModel):
            self.opened.emit(result)

    @Slot(object)
    def _on_exported(self, result: object) -> None:
        if isinstance(result, str):
            self.exported.emit(result)
