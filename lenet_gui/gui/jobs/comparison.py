"""View > Compare Variants' work: a drawing through both variants, in a worker where the newest drawing wins."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from PySide6.QtCore import QMutexLocker, Signal

from lenet_gui.core.predictor import Prediction, Predictor
from lenet_gui.core.variants import VARIANTS
from lenet_gui.gui.i18n import weights_description
from lenet_gui.gui.newest_wins import NewestRequestWorker
from lenet_gui.gui.task_runner import failure_message


@dataclass(frozen=True)
class Comparison:
    """Both variants' answers for one drawing."""

    predictions: dict[str, Prediction]  # variant -> its prediction
    weights: dict[str, str]  # variant -> how its weights are described

    @property
    def max_difference(self) -> float:
        """The largest absolute difference between the two probability sets."""
        first, second = (p.probabilities for p in self.predictions.values())
        return float(np.abs(first.astype(np.float64) - second.astype(np.float64)).max())


def compare_variants(image: np.ndarray, predictors: dict[str, Predictor]) -> Comparison:
    """``image`` through every variant's predictor."""
    return Comparison(
        {v: p.predict(image) for v, p in predictors.items()},
        {v: weights_description(p.weights) for v, p in predictors.items()},
    )


class ComparisonWorker(NewestRequestWorker[np.ndarray]):
    """Compares the variants on the newest drawing; loads each variant's active weights once, until reset."""

    compared = Signal(int, Comparison)  # sequence number, the comparison
    failed = Signal(int, str)

    def __init__(self, device: str) -> None:
        super().__init__("compare")
        self._device = device
        self._predictors: dict[str, Predictor] = {}  # only touched in the worker thread
        self._reset = False

    def reset_models(self) -> None:
        """Read the weights again for the next drawing (after new weights were saved)."""
        with QMutexLocker(self._mutex):
            self._reset = True

    def serve(self, seq: int, request: np.ndarray) -> None:
        with QMutexLocker(self._mutex):
            reset, self._reset = self._reset, False
        if reset:
            self._predictors = {}
        try:
            for variant in VARIANTS:
                if variant not in self._predictors:
                    self._predictors[variant] = Predictor.load(variant, device=self._device)
            comparison = compare_variants(request, self._predictors)
        except Exception as exc:  # said in the dialog; the worker goes on with the next drawing
            self.failed.emit(seq, failure_message(exc))
            return
        self.compared.emit(seq, comparison)
