"""The inference worker: runs the network in its own thread, newest request wins.

Like Qt's Mandelbrot example, requests are not queued: the GUI thread stores
the latest drawing (and the latest model choice) under a mutex and wakes the
worker; a request that arrives while the worker is busy replaces the one that
waits, so the worker always moves on to the newest drawing and never falls
behind. Every request carries a sequence number so the GUI can ignore answers
older than what it already shows.

Each drawing is also read as a number (every digit, left to right, each judged
sure or not sure with the calibration of the weights in use); that reading is
sent with ``numberRead`` just before ``predicted`` for the same request. While
the inside view is open every digit carries its own layers' activations.
"""

from __future__ import annotations

import dataclasses
import time
from dataclasses import dataclass

import numpy as np
import torch
from PySide6.QtCore import QMutex, QMutexLocker, QObject, Qt, QThread, Signal, Slot

from lenet_gui.core.calibration import Calibration, calibration_for
from lenet_gui.core.predictor import Prediction, Predictor
from lenet_gui.core.segment import NumberReading, read_number
from lenet_gui.core.weights import LoadedWeights, load_for_variant
from lenet_gui.errors import LenetError


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


class InferenceWorker(QObject):
    """Owns the :class:`Predictor`; lives in a QThread started by :meth:`start`."""

    predicted = Signal(int, object)  # sequence number, Prediction
    numberRead = Signal(int, object)  # sequence number, NumberReading; arrives just before ``predicted``
    predictionFailed = Signal(int, str)
    modelChanged = Signal(object)  # ModelState
    modelFailed = Signal(str)
    idle = Signal()  # nothing left to do
    _wake = Signal()

    def __init__(self) -> None:
        super().__init__()
        self._mutex = QMutex()
        self._pending_model: ModelRequest | None = None
        self._pending_image: tuple[int, np.ndarray] | None = None
        self._scheduled = False
        self._with_activations = False
        self._predictor: Predictor | None = None
        self._calibration: Calibration | None = None
        self._thread = QThread()
        self._thread.setObjectName("inference")
        self.moveToThread(self._thread)
        self._thread.started.connect(self._use_one_thread)
        self._wake.connect(self._work, Qt.ConnectionType.QueuedConnection)

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        """Finish the current request and end the thread (blocks briefly)."""
        with QMutexLocker(self._mutex):
            self._pending_model = self._pending_image = None
        self._thread.quit()
        self._thread.wait()

    def is_running(self) -> bool:
        return self._thread.isRunning()

    @property
    def busy(self) -> bool:
        """Whether a request is waiting or being worked on."""
        with QMutexLocker(self._mutex):
            return self._scheduled

    def set_with_activations(self, on: bool) -> None:
        """Whether the next predictions carry every layer's activations (from the same forward pass)."""
        with QMutexLocker(self._mutex):
            self._with_activations = on

    def request_model(self, request: ModelRequest) -> None:
        """Ask for another variant/device (or fresh weights); applied before the next prediction."""
        with QMutexLocker(self._mutex):
            self._pending_model = request
            self._schedule()

    def request_prediction(self, seq: int, image: np.ndarray) -> None:
        """Ask for a prediction of ``image``; replaces any request still waiting."""
        with QMutexLocker(self._mutex):
            self._pending_image = (seq, image)
            self._schedule()

    def _schedule(self) -> None:
        if not self._scheduled:
            self._scheduled = True
            self._wake.emit()

    @Slot()
    def _use_one_thread(self) -> None:
        # One image is far too small to share between threads: with more, each prediction waits for
        # every core, which stalls badly on a busy machine (p99 ~100 ms against ~3 ms measured with 1).
        # The setting is per thread, so a training run elsewhere keeps its own.
        torch.set_num_threads(1)

    @Slot()
    def _work(self) -> None:
        while True:
            with QMutexLocker(self._mutex):
                model, image = self._pending_model, self._pending_image
                self._pending_model = self._pending_image = None
                if model is None and image is None:
                    self._scheduled = False
                    break
            if model is not None:
                self._apply_model(model)
            if image is not None:
                self._predict(*image)
        self.idle.emit()

    def _apply_model(self, request: ModelRequest) -> None:
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
        self.modelChanged.emit(ModelState(predictor.weights, str(predictor.device), predictor.device_notice))

    def _predict(self, seq: int, image: np.ndarray) -> None:
        if self._predictor is None:
            self.predictionFailed.emit(seq, "no model is loaded")
            return
        with QMutexLocker(self._mutex):
            with_activations = self._with_activations
        predictor, start = self._predictor, time.perf_counter()
        try:
            number = read_number(predictor, image, self._calibration)
            if with_activations:  # each digit's own forward pass, so the inside view can show any of them
                number = NumberReading(
                    [dataclasses.replace(d, activations=predictor.activations(d.preprocessed)) for d in number.digits]
                )
            if not number.digits:
                prediction: Prediction = predictor.predict(image, with_activations=with_activations)
            else:  # the network has already seen the digits: the last one written stands for the drawing
                last = number.digits[-1]
                prediction = Prediction(
                    last.digit,
                    float(last.probabilities[last.digit]),
                    last.probabilities,
                    last.preprocessed,
                    0.0,
                    last.activations,
                )
        except (LenetError, RuntimeError, ValueError) as exc:
            self.predictionFailed.emit(seq, str(exc))
            return
        self.numberRead.emit(seq, number)
        self.predicted.emit(seq, dataclasses.replace(prediction, elapsed_ms=(time.perf_counter() - start) * 1000))


def _calibration_or_none(weights: LoadedWeights) -> Calibration | None:
    """The calibration of ``weights`` (fitted on first use when MNIST is there); None when there is none."""
    try:
        return calibration_for(weights)
    except LenetError:  # unreadable MNIST: predictions still work, only without "not sure"
        return None
