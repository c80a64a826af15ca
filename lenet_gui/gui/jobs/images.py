"""Jobs behind File > Open Image and File > Save Drawing: image files read and written off the GUI thread."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np
from PySide6.QtCore import QCoreApplication, QSaveFile, Signal
from PySide6.QtGui import QImage

from lenet_gui.core.images import load_image
from lenet_gui.errors import ImageError
from lenet_gui.gui.task_runner import Job, TaskRunner, TaskState


@dataclass(frozen=True)
class OpenedImage:
    """An image file read for the canvas."""

    path: Path
    pixels: np.ndarray  # HxW or HxWx4 uint8, as core.images.load_image reads it


class ImageRunner(TaskRunner):
    succeeded = Signal(OpenedImage)


def read_image_job(path: Path) -> Job:
    """A job that reads the image file at ``path`` (the first frame of an animation)."""

    def job(state: TaskState) -> OpenedImage:
        return OpenedImage(path, load_image(path))

    return job


def write_drawing_job(image: QImage, path: Path) -> Job:
    """A job that writes ``image`` to ``path`` in the format its suffix names, atomically (a temporary file, then a
    rename: an existing file stays as it was when writing fails)."""

    def job(state: TaskState) -> Path:
        target = QSaveFile(str(path))
        fmt = path.suffix.lstrip(".").upper()
        if target.open(QSaveFile.OpenModeFlag.WriteOnly) and image.save(target, fmt) and target.commit():
            return path
        reason = target.errorString() or QCoreApplication.translate("Jobs", "unsupported image format")
        target.cancelWriting()
        raise ImageError(f"{path}: {reason}")

    return job
