"""Exact conversion between the conv-C5 and linear-C5 forms of LeNet-5.

C5's conv weight 120x16x5x5 and the linear weight 120x400 hold the same numbers:
flattening S4 (16@5x5) in C-order matches the order of a 5x5 kernel's inputs. The command line and the
Convert Weights dialog both go through :func:`convert_weights`, which also checks that the two agree.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass

import torch

from lenet_gui.core.data import Split
from lenet_gui.core.evaluation import predict_split
from lenet_gui.core.models import LeNet5, create_model
from lenet_gui.core.variants import VARIANTS, check_variant
from lenet_gui.core.weights import WeightsMeta

C5_CONV_SHAPE = (120, 16, 5, 5)
C5_LINEAR_SHAPE = (120, 400)


def other_variant(variant: str) -> str:
    """The variant that ``variant`` converts into."""
    check_variant(variant)
    return next(v for v in VARIANTS if v != variant)


def convert_state_dict(state: dict[str, torch.Tensor], source: str) -> dict[str, torch.Tensor]:
    """The weights of ``source`` rewritten for the other variant; only C5's weight changes shape."""
    target_shape = C5_LINEAR_SHAPE if check_variant(source) == "conv" else C5_CONV_SHAPE
    out = dict(state)
    out["c5.weight"] = state["c5.weight"].reshape(target_shape).clone()
    return out


# Random inputs every conversion is checked on, so that the command line, which has no drawing and no
# MNIST, still proves that the two models agree.
PROBE_INPUTS = 256


@dataclass(frozen=True)
class Conversion:
    """Weights converted into the other variant, and how closely the two models' probabilities agree."""

    source: str
    target: str
    state_dict: dict[str, torch.Tensor]  # for ``target``
    meta: WeightsMeta
    probe_difference: float  # largest difference on PROBE_INPUTS random inputs
    drawing_difference: float | None  # on the drawing; None when none was given
    test_difference: float | None  # on the test split; None when none was given
    test_images: int
    test_disagreements: int  # test images on which the two predict different digits


def converted_meta(meta: WeightsMeta) -> WeightsMeta:
    """The metadata of weights converted from ``meta``'s: the same accuracy, epochs and recipe, a date of now.

    A new date, because the calibration is matched on variant and date: a calibration stored for other
    weights of the target variant with the source's date must never be taken for these. Where the weights
    came from is kept in the note; "imported" is not carried over (this file is not the imported one).
    """
    return WeightsMeta(
        variant=other_variant(meta.variant),
        test_accuracy=meta.test_accuracy,
        epochs=meta.epochs,
        preprocessing_version=meta.preprocessing_version,
        recipe=meta.recipe,
        note=f"converted from {meta.variant} C5 weights of {meta.date}",
    )


def convert_weights(
    state: dict[str, torch.Tensor],
    meta: WeightsMeta,
    device: torch.device | str = "cpu",
    drawing: torch.Tensor | None = None,
    test: Split | None = None,
    cancel: threading.Event | None = None,
    on_batch: Callable[[int, int], None] | None = None,
) -> Conversion:
    """Convert ``state`` (weights of ``meta.variant``) into the other variant and check that both agree.

    Both models run on random inputs, on ``drawing`` (a preprocessed 1x1x28x28 tensor) and on ``test``;
    ``on_batch(done, total)`` counts the test images of both passes.
    """
    target = other_variant(meta.variant)
    converted = convert_state_dict(state, meta.variant)
    source_model, target_model = _model(meta.variant, state, device), _model(target, converted, device)

    def difference(x: torch.Tensor) -> float:
        with torch.inference_mode():
            x = x.to(device)
            return (source_model(x).exp() - target_model(x).exp()).abs().max().item()

    probe = difference(torch.randn(PROBE_INPUTS, 1, 28, 28, generator=torch.Generator().manual_seed(0)))
    drawn = difference(drawing) if drawing is not None else None
    test_difference, disagreements, n = None, 0, 0
    if test is not None:
        n = len(test)

        def probabilities(model: LeNet5, before: int) -> torch.Tensor:
            report = (lambda done, _: on_batch(before + done, 2 * n)) if on_batch else None
            return predict_split(model, test, device, cancel, batch_size=1000, on_batch=report).exp()

        source_probs, target_probs = probabilities(source_model, 0), probabilities(target_model, n)
        test_difference = (source_probs - target_probs).abs().max().item()
        disagreements = int(source_probs.argmax(1).ne(target_probs.argmax(1)).sum())
    return Conversion(
        meta.variant, target, converted, converted_meta(meta), probe, drawn, test_difference, n, disagreements
    )


def _model(variant: str, state: dict[str, torch.Tensor], device: torch.device | str) -> LeNet5:
    model = create_model(variant)
    model.load_state_dict(state)
    return model.eval().to(device)
