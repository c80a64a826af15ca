"""LeNet-5 in its two forms: C5 as a 5x5 convolution or as a fully connected layer.

A 5x5 convolution with 120 maps over a 16@5x5 input yields 120@1x1, which is
exactly a fully connected 400->120 layer; both variants have 61,706 parameters.
"""

from __future__ import annotations

import torch
import torch.nn.functional as F
from torch import nn

from lenet_gui.core.pooling import max_pool_2x2
from lenet_gui.core.variants import check_variant

LOGITS = "LOGITS"  # the last of LeNet5._layers: the scores that OUTPUT is the log-softmax of


class LeNet5(nn.Module):
    """LeNet-5 as in the reference; subclasses decide what C5 is."""

    variant: str = ""

    def __init__(self) -> None:
        super().__init__()
        self.conv1 = nn.Conv2d(1, 6, kernel_size=5, padding=2)
        self.conv2 = nn.Conv2d(6, 16, kernel_size=5)
        self.c5 = self._make_c5()
        self.f6 = nn.Linear(120, 84)
        self.output = nn.Linear(84, 10)

    def _make_c5(self) -> nn.Module:
        raise NotImplementedError

    def _apply_c5(self, s4: torch.Tensor) -> torch.Tensor:
        raise NotImplementedError

    def _layers(self, x: torch.Tensor) -> dict[str, torch.Tensor]:
        """The one pass through the network: every layer's output by name, and the raw scores under LOGITS."""
        out: dict[str, torch.Tensor] = {}
        out["C1"] = self.conv1(x)
        out["S2"] = F.relu(max_pool_2x2(out["C1"]))  # C1 has only 6 channels: see pooling.py
        out["C3"] = self.conv2(out["S2"])
        out["S4"] = F.relu(F.max_pool2d(out["C3"], 2))
        out["C5"] = F.relu(self._apply_c5(out["S4"]))
        out["F6"] = F.relu(self.f6(out["C5"]))
        out[LOGITS] = self.output(out["F6"])
        return out

    def logits(self, x: torch.Tensor) -> torch.Tensor:
        """Raw scores of the ten digits (before softmax), shape Bx10."""
        return self._layers(x)[LOGITS]

    def activations(self, x: torch.Tensor) -> dict[str, torch.Tensor]:
        """Every layer's output for a batch ``x`` of shape Bx1x28x28, from one pass.

        Keys: C1, S2, C3, S4, C5, F6, OUTPUT (log-probabilities).
        """
        layers = self._layers(x)
        layers["OUTPUT"] = F.log_softmax(layers.pop(LOGITS), dim=1)
        return layers

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        """Log-probabilities of the ten digits, shape Bx10."""
        return F.log_softmax(self.logits(x), dim=1)


class LeNet5Conv(LeNet5):
    """C5 is a 5x5 convolution with 120 maps (16@5x5 -> 120@1x1)."""

    variant = "conv"

    def _make_c5(self) -> nn.Module:
        return nn.Conv2d(16, 120, kernel_size=5)

    def _apply_c5(self, s4: torch.Tensor) -> torch.Tensor:
        return self.c5(s4).flatten(1)


class LeNet5Linear(LeNet5):
    """C5 is a fully connected 400 -> 120 layer over the flattened S4 maps."""

    variant = "linear"

    def _make_c5(self) -> nn.Module:
        return nn.Linear(16 * 5 * 5, 120)

    def _apply_c5(self, s4: torch.Tensor) -> torch.Tensor:
        return self.c5(s4.flatten(1))


_CLASSES: dict[str, type[LeNet5]] = {"conv": LeNet5Conv, "linear": LeNet5Linear}


def create_model(variant: str) -> LeNet5:
    """A freshly initialised model of the named variant."""
    return _CLASSES[check_variant(variant)]()


def parameter_count(model: nn.Module) -> int:
    """Number of trainable parameters."""
    return sum(p.numel() for p in model.parameters() if p.requires_grad)
