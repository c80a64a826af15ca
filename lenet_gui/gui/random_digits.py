"""Random MNIST test digits for the canvas: the test set is read once, off the GUI thread."""

from __future__ import annotations

from pathlib import Path

import numpy as np
from PySide6.QtCore import QObject, Signal, Slot

from lenet_gui.core.data import Split
from lenet_gui.gui.jobs.mnist import TestSplitRunner, read_test_split_job
from lenet_gui.gui.task_runner import failure_message


class RandomDigits(QObject):
    """Hands out random MNIST test digits; the first request reads MNIST in a worker thread."""

    digitReady = Signal(int, np.ndarray, int)  # index in the test set, 28x28 uint8 image, label
    failed = Signal(str)

    def __init__(self, root: Path, parent: QObject | None = None, seed: int | None = None) -> None:
        super().__init__(parent)
        self._root = root
        self._split: Split | None = None
        self._rng = np.random.default_rng(seed)
        self._runner = TestSplitRunner("mnist-test-set", self)
        self._runner.succeeded.connect(self._on_loaded)
        self._runner.failed.connect(lambda error: self.failed.emit(failure_message(error)))

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

    @Slot(Split)
    def _on_loaded(self, split: Split) -> None:
        self._split = split
        self._emit_random()

    def _emit_random(self) -> None:
        split = self._split
        index = int(self._rng.integers(len(split)))
        self.digitReady.emit(index, split.images[index].numpy(), int(split.labels[index]))
