"""The names of the two LeNet-5 variants and of their layers: no torch, so the GUI and the CLI start fast."""

from __future__ import annotations

from lenet_gui.errors import LenetError

# C5 as a 5x5 convolution ("conv") or as a fully connected layer ("linear"); see models.py.
VARIANTS: tuple[str, ...] = ("conv", "linear")

LAYER_SHAPES: dict[str, str] = {
    "C1": "1@28x28 -> 6@28x28",
    "S2": "6@28x28 -> 6@14x14",
    "C3": "6@14x14 -> 16@10x10",
    "S4": "16@10x10 -> 16@5x5",
    "C5": "16@5x5 -> 120@1x1",
    "F6": "120 -> 84",
    "OUTPUT": "84 -> 10",
}
# Linear C5 reads the 16@5x5 S4 maps as one vector of 400.
LINEAR_C5_SHAPE = "400 -> 120"


def layer_shape(layer: str, variant: str) -> str:
    """What ``layer`` maps from and to in ``variant``, e.g. "16@5x5 -> 120@1x1" for conv C5."""
    if layer == "C5" and variant == "linear":
        return LINEAR_C5_SHAPE
    return LAYER_SHAPES[layer]


def check_variant(name: str) -> str:
    """Return ``name`` if it is a known variant, else raise a clear error."""
    if name not in VARIANTS:
        known = ", ".join(VARIANTS)
        raise LenetError(f"unknown model variant {name!r} (known: {known})")
    return name
