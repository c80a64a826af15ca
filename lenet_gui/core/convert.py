"""Exact conversion between the conv-C5 and linear-C5 forms of LeNet-5.

C5's conv weight 120x16x5x5 and the linear weight 120x400 hold the same numbers:
flattening S4 (16@5x5) in C-order matches the order of a 5x5 kernel's inputs.
"""

from __future__ import annotations

import torch

from lenet_gui.core.models import VARIANTS, check_variant

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
