"""MNIST test digits in the app: loaded once off the GUI thread, shown as thumbnails, put on the canvas."""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path

import numpy as np
from PIL import Image
from PySide6.QtCore import QObject, Signal, Slot
from PySide6.QtGui import QImage

from lenet_gui.core.data import Split, load_mnist
from lenet_gui.gui.task_runner import TaskRunner

# An MNIST digit is enlarged this many times before it goes on the canvas, so it looks drawn, not pixelated.
CANVAS_UPSCALE = 10


def upscaled(image: np.ndarray) -> np.ndarray:
    """A 28x28 MNIST digit (white on black) enlarged smoothly, as a picture for :meth:`Canvas.set_picture`."""
    pixels = np.asarray(image, dtype=np.uint8)
    height, width = pixels.shape
    size = (width * CANVAS_UPSCALE, height * CANVAS_UPSCALE)
    return np.asarray(Image.fromarray(pixels).resize(size, Image.Resampling.BICUBIC))


def digit_qimage(image: np.ndarray) -> QImage:
    """A 28x28 MNIST digit as dark ink on white, the way the canvas shows digits."""
    pixels = np.ascontiguousarray(255 - np.asarray(image, dtype=np.uint8))
    height, width = pixels.shape
    return QImage(pixels.data, width, height, width, QImage.Format.Format_Grayscale8).copy()


def read_test_split_job(root: Path) -> Callable[[Callable[[object], None], threading.Event], Split]:
    """A job that reads the MNIST test set from ``root`` (never downloading)."""

    def job(report: Callable[[object], None], cancel: threading.Event) -> Split:
        return load_mnist(root, download=False).test

    return job


class RandomDigits(QObject):
    """Hands out random MNIST test digits; the first request reads MNIST in a worker thread."""

    digitReady = Signal(int, object, int)  # index in the test set, 28x28 uint8 image, label
    failed = Signal(str)

    def __init__(self, root: Path, parent: QObject | None = None, seed: int | None = None) -> None:
        super().__init__(parent)
        self._root = root
        self._split: Split | None = None
        self._rng = np.random.default_rng(seed)
        self._runner = TaskRunner("mnist-test-set", self)
        self._runner.succeeded.connect(self._on_loaded)
        self._runner.failed.connect(self.failed)

    @Slot()
    def request(self) -> None:
        """Emit ``digitReady`` with a random test digit (at once when MNIST is in memory), or ``failed``."""
        if self._split is not None:
            self._emit_random()
        elif not self._runner.is_running():
            self._runner.start(read_test_split_job(self._root))

    def stop(self) -> None:
        """Wait for a read in progress to end."""
        self._runner.stop()

    @Slot(object)
    def _on_loaded(self, split: object) -> None:
        if isinstance(split, Split):
            self._split = split
            self._emit_random()

    def _emit_random(self) -> None:
        split = self._split
        index = int(self._rng.integers(len(split)))
        self.digitReady.emit(index, split.images[index].numpy(), int(split.labels[index]))
