"""File > Open Model and File > Export Model: which files are models, and their jobs run one of each at a time."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, Signal

from lenet_gui.core.model_formats import EXPORT_FORMATS, MODEL_SUFFIXES, format_for
from lenet_gui.errors import LenetError
from lenet_gui.gui.jobs.model_files import OpenedModel, OpenRunner, WriteRunner, export_model_job, open_model_job
from lenet_gui.gui.task_runner import failure_message


def is_model_file(path: str | Path) -> bool:
    """Whether ``path`` names a file the app opens as a model (by its extension)."""
    return Path(path).suffix.lower() in MODEL_SUFFIXES


def export_format(path: str | Path, chosen: str) -> str:
    """The format to export ``path`` in: its extension's (.onnx, .pth, .pt) if it has one, else ``chosen``."""
    try:
        return format_for(path)
    except LenetError:
        return chosen


class ModelFiles(QObject):
    """Opens and exports models off the GUI thread, one of each at a time; the outcomes arrive as signals."""

    opened = Signal(OpenedModel)
    openFailed = Signal(str)  # the same message the command line prints
    exported = Signal(str)  # the path written
    exportFailed = Signal(str)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._opener = OpenRunner("open model", self)
        self._opener.succeeded.connect(self.opened)
        self._opener.failed.connect(lambda error: self.openFailed.emit(failure_message(error)))
        self._exporter = WriteRunner("export model", self)
        self._exporter.succeeded.connect(lambda path: self.exported.emit(str(path)))
        self._exporter.failed.connect(lambda error: self.exportFailed.emit(failure_message(error)))

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
