"""The inference worker: runs the network in its own thread, newest request wins.

Like Qt's Mandelbrot example, requests are not queued: the GUI thread stores
the latest drawing (and the latest model choice) under a mutex and wakes the
worker; a request that arrives while the worker is busy replaces the one that
waits, so the worker always moves on to the newest drawing and never falls
behind. Every request carries a sequence number so the GUI can ignore answers
older than what it already shows.

Each request gives one :class:`Reading` in one signal, ``read``: every digit of
the drawing, left to right, each judged sure or not sure with the calibration of
the weights in use (:func:`read_drawing`: one preprocessing and one forward pass
per digit). While the inside view is open every digit also carries its layers'
activations from that same pass.

The window shows itself before torch is loaded: this module imports no torch, the
worker's thread imports it as its first task, and every module that needs it is
imported there, where it is used. Requests made meanwhile wait and are served
the moment the model is ready.
"""

from __future__ import annotations

import dataclasses
import time
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np
from PySide6.QtCore import QMutexLocker, Signal, Slot

from lenet_gui.core.reading import Reading
from lenet_gui.core.variants import VARIANTS
from lenet_gui.errors import LenetError
from lenet_gui.gui.newest_wins import NewestWinsWorker

if TYPE_CHECKING:
    from lenet_gui.core.calibration import Calibration
    from lenet_gui.core.predictor import Predictor
    from lenet_gui.core.weights import LoadedWeights


@dataclass(frozen=True)
class ModelRequest:
    """Which model the worker should hold; ``reload`` re-reads the weights even for the same variant."""

    variant: str
    device: str
    reload: bool = False


@dataclass(frozen=True)
class ModelState:
    """The model the worker holds now."""

    weights: LoadedWeights
    device: str  # the torch device actually used, e.g. "cpu"
    notice: str | None  # a device fallback the user should hear about
    cuda_available: bool  # whether a CUDA device could be chosen


@dataclass(frozen=True)
class VariantSummary:
    """What the variant menu says about one variant: its size and the accuracy stored with its weights."""

    variant: str
    parameters: int
    test_accuracy: float | None
    has_weights: bool  # False when neither the user's nor the bundled weights could be read
    imported: bool = False  # the user's weights came from File > Open Model or `lenet-gui import`


class InferenceWorker(NewestWinsWorker):
    """Owns the :class:`Predictor`; lives in a QThread started by :meth:`start`."""

    read = Signal(int, Reading)  # sequence number, the drawing's reading
    predictionFailed = Signal(int, str)
    modelChanged = Signal(ModelState)
    modelFailed = Signal(str)
    variantsRead = Signal(list)  # list[VariantSummary], one per variant, after request_variant_summaries()

    def __init__(self) -> None:
        super().__init__("inference")
        self._pending_model: ModelRequest | None = None
        self._pending_image: tuple[int, np.ndarray, np.ndarray | None] | None = None
        self._pending_summaries = False
        self._with_activations = False
        self._predictor: Predictor | None = None
        self._calibration: Calibration | None = None
        self._thread.started.connect(self._load_torch)

    def stop(self) -> None:
        """Finish the current request and end the thread (blocks briefly)."""
        with QMutexLocker(self._mutex):
            self._pending_model = self._pending_image = None
            self._pending_summaries = False
        super().stop()

    def set_with_activations(self, on: bool) -> None:
        """Whether the next readings carry every layer's activations (from the same forward pass)."""
        with QMutexLocker(self._mutex):
            self._with_activations = on

    def request_model(self, request: ModelRequest) -> None:
        """Ask for another variant/device (or fresh weights); applied before the next prediction."""
        with QMutexLocker(self._mutex):
            self._pending_model = request
            self._schedule()

    def request_prediction(self, seq: int, image: np.ndarray, strokes: np.ndarray | None = None) -> None:
        """Ask for a reading of ``image`` (in ``read``), with the canvas' stroke map when there is one (see
        :func:`read_drawing`); replaces any request still waiting."""
        with QMutexLocker(self._mutex):
            self._pending_image = (seq, image, strokes)
            self._schedule()

    def request_variant_summaries(self) -> None:
        """Ask for a :class:`VariantSummary` of every variant (read from the weights' metadata), in ``variantsRead``."""
        with QMutexLocker(self._mutex):
            self._pending_summaries = True
            self._schedule()

    @Slot()
    def _load_torch(self) -> None:
        # The thread's first task, before any request: the window is on screen while this runs.
        import torch

        # One image is far too small to share between threads: with more, each prediction waits for
        # every core, which stalls badly on a busy machine (p99 ~100 ms against ~3 ms measured with 1).
        # The setting is per thread, so a training run elsewhere keeps its own.
        torch.set_num_threads(1)

    @Slot()
    def _work(self) -> None:
        while True:
            with QMutexLocker(self._mutex):
                model, image, summaries = self._pending_model, self._pending_image, self._pending_summaries
                self._pending_model = self._pending_image = None
                self._pending_summaries = False
                if model is None and image is None and not summaries:
                    self._scheduled = False
                    return
            if model is not None:
                self._apply_model(model)
            if image is not None:
                self._predict(*image)
            if summaries:  # after the drawing: the first prediction does not wait for the other variant's file
                self.variantsRead.emit(_variant_summaries())

    def _apply_model(self, request: ModelRequest) -> None:
        from lenet_gui.core.devices import cuda_available
        from lenet_gui.core.predictor import Predictor
        from lenet_gui.core.weights import load_for_variant

        current = self._predictor
        try:
            if current is None or request.reload or current.variant != request.variant:
                self._predictor = Predictor(load_for_variant(request.variant), request.device)
                self._calibration = _calibration_or_none(self._predictor.weights)
            else:
                current.to(request.device)
        except LenetError as exc:
            self.modelFailed.emit(str(exc))
            return
        except (RuntimeError, OSError) as exc:  # a device that fails while moving the model
            self.modelFailed.emit(f"could not load the {request.variant} model on {request.device}: {exc}")
            return
        predictor = self._predictor
        state = ModelState(predictor.weights, str(predictor.device), predictor.device_notice, cuda_available())
        self.modelChanged.emit(state)

    def _predict(self, seq: int, image: np.ndarray, strokes: np.ndarray | None) -> None:
        from lenet_gui.core.segment import read_drawing

        if self._predictor is None:
            self.predictionFailed.emit(seq, "no model is loaded")
            return
        with QMutexLocker(self._mutex):
            with_activations = self._with_activations
        start = time.perf_counter()
        try:
            reading = read_drawing(self._predictor, image, self._calibration, with_activations, strokes)
        except (LenetError, RuntimeError, ValueError) as exc:
            self.predictionFailed.emit(seq, str(exc))
            return
        self.read.emit(seq, dataclasses.replace(reading, elapsed_ms=(time.perf_counter() - start) * 1000))


def _calibration_or_none(weights: LoadedWeights) -> Calibration | None:
    """The calibration of ``weights`` (fitted on first use when MNIST is there); None when there is none."""
    from lenet_gui.core.calibration import calibration_for

    try:
        return calibration_for(weights)
    except LenetError:  # unreadable MNIST: predictions still work, only without "not sure"
        return None


def _variant_summaries() -> list[VariantSummary]:
    """A summary of every variant, from the weights the app would load for it."""
    from lenet_gui.core.models import create_model, parameter_count
    from lenet_gui.core.weights import load_for_variant

    summaries = []
    for name in VARIANTS:
        parameters = parameter_count(create_model(name))
        try:
            weights = load_for_variant(name)
        except LenetError:
            summaries.append(VariantSummary(name, parameters, None, False))
            continue
        imported = weights.source == "user" and bool(weights.meta.imported)
        summaries.append(VariantSummary(name, parameters, weights.meta.test_accuracy, True, imported))
    return summaries
