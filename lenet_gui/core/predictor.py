"""Prediction: a loaded model on a device, from images or tensors to probabilities."""

from __future__ import annotations

import copy
import os
import time
from dataclasses import dataclass

import numpy as np
import torch
from PIL import Image

from lenet_gui.core.devices import resolve_device
from lenet_gui.core.models import LeNet5, create_model
from lenet_gui.core.preprocess import Preprocessed, preprocess
from lenet_gui.core.weights import LoadedWeights, load_for_variant


@dataclass(frozen=True)
class Prediction:
    """The network's answer for one drawing; ``digit`` is None when there is no ink."""

    digit: int | None
    confidence: float
    probabilities: np.ndarray  # 10 floats, zeros when there is no digit
    preprocessed: Preprocessed | None
    elapsed_ms: float
    activations: dict[str, np.ndarray] | None = None  # per layer, for the first image


class Predictor:
    """A LeNet-5 of one variant with its weights, on one device."""

    def __init__(self, weights: LoadedWeights, device: str = "auto") -> None:
        self.weights = weights
        self.model: LeNet5 = create_model(weights.meta.variant)
        self.model.load_state_dict(weights.state_dict)
        self.model.eval()
        self.device = torch.device("cpu")
        self.device_notice: str | None = None
        self.to(device)

    @classmethod
    def load(cls, variant: str | None, path: str | os.PathLike[str] | None = None, device: str = "auto") -> Predictor:
        """A predictor with the weights :func:`load_for_variant` picks (``variant`` None: the file's)."""
        return cls(load_for_variant(variant, path), device)

    @property
    def variant(self) -> str:
        return self.weights.meta.variant

    def to(self, device: str) -> None:
        """Move the model to ``device`` (cpu, cuda, auto); falls back to the CPU with a notice."""
        self.device, self.device_notice = resolve_device(device)
        self.model.to(self.device)
        # One 28x28 image is too small for oneDNN's float32 CPU convolutions to pay
        # for their set-up (about 70 us each); torch's float64 kernels do without
        # oneDNN and run the whole forward in about half the time (and more precisely).
        self._single = copy.deepcopy(self.model).double() if self.device.type == "cpu" else self.model
        self._single_dtype = next(self._single.parameters()).dtype

    @torch.inference_mode()
    def probabilities(self, batch: torch.Tensor) -> np.ndarray:
        """Probabilities (Bx10) for a normalised Bx1x28x28 batch."""
        return self.model(batch.to(self.device)).exp().cpu().numpy()

    @torch.inference_mode()
    def predict(self, image: np.ndarray | Image.Image, with_activations: bool = False) -> Prediction:
        """Preprocess one image and predict its digit."""
        start = time.perf_counter()
        pre = preprocess(image)
        if pre is None:
            return Prediction(None, 0.0, np.zeros(10, dtype=np.float32), None, _ms_since(start))
        acts = None
        if with_activations:
            acts = self.activations(pre)
            probs = np.exp(acts["OUTPUT"])
        else:
            probs = self._single(pre.tensor.to(self.device, self._single_dtype))[0].exp().float().cpu().numpy()
        digit = int(probs.argmax())
        return Prediction(digit, float(probs[digit]), probs, pre, _ms_since(start), acts)

    @torch.inference_mode()
    def activations(self, pre: Preprocessed) -> dict[str, np.ndarray]:
        """Every layer's output (C1 ... OUTPUT, log-probabilities last) for one preprocessed image."""
        layers = self._single.activations(pre.tensor.to(self.device, self._single_dtype))
        return {k: v[0].float().cpu().numpy() for k, v in layers.items()}


def _ms_since(start: float) -> float:
    return (time.perf_counter() - start) * 1000.0
