"""The learning-rate and momentum schedule: a short one-cycle first, then the main one-cycle.

Each cycle has the shape of torch's ``OneCycleLR``: the rate rises on a cosine
from peak/25 to the peak while the momentum falls from 0.95 to 0.85, then the
rate anneals to nearly zero while the momentum rises back. The short first
cycle (``quick_epochs``) ends with an annealed, usable model after a few
epochs; the main cycle over the rest of the run then gives the final accuracy.
"""

from __future__ import annotations

import math

import torch

DIV_FACTOR = 25.0  # a cycle starts at peak / 25
FINAL_DIV_FACTOR = 1e4  # and ends at its start / 1e4
MOMENTUM = (0.85, 0.95)  # at the peak rate, at the lowest rate
MAIN_PCT_START = 0.25  # share of the main cycle spent rising
QUICK_RISE_EPOCHS = 0.5  # the short cycle rises for half an epoch


def one_cycle(t: float, pct_start: float) -> tuple[float, float]:
    """(rate as a fraction of the peak, momentum) at ``t`` in [0, 1] of one cycle."""
    low = 1 / DIV_FACTOR
    if t < pct_start:
        a = t / pct_start
        return _cosine(low, 1.0, a), _cosine(MOMENTUM[1], MOMENTUM[0], a)
    a = min((t - pct_start) / (1 - pct_start), 1.0)
    return _cosine(1.0, low / FINAL_DIV_FACTOR, a), _cosine(MOMENTUM[0], MOMENTUM[1], a)


def _cosine(start: float, end: float, a: float) -> float:
    return end + (start - end) * (1 + math.cos(math.pi * a)) / 2


class Schedule:
    """Sets an optimizer's rate and momentum (AdamW's beta1, SGD's momentum) before each step."""

    def __init__(self, peak_lr: float, epochs: int, batches: int, quick_epochs: int) -> None:
        self.peak_lr = peak_lr
        self.total = epochs * batches
        # A short cycle only pays off when the main cycle still has room after it.
        self.quick = quick_epochs * batches if 0 < 2 * quick_epochs <= epochs else 0
        self.quick_pct = QUICK_RISE_EPOCHS / quick_epochs if self.quick else 0.0

    def at(self, step: int) -> tuple[float, float]:
        """(learning rate, momentum) for ``step`` (0-based, over the whole run)."""
        if step < self.quick:
            factor, momentum = one_cycle(step / self.quick, self.quick_pct)
        else:
            main = max(self.total - self.quick, 1)
            factor, momentum = one_cycle((step - self.quick) / main, MAIN_PCT_START)
        return self.peak_lr * factor, momentum

    def apply(self, optimizer: torch.optim.Optimizer, step: int) -> None:
        """Set the rate and momentum of every parameter group for ``step``."""
        lr, momentum = self.at(step)
        for group in optimizer.param_groups:
            group["lr"] = lr
            if "betas" in group:
                group["betas"] = (momentum, group["betas"][1])
            else:
                group["momentum"] = momentum


def augment_strength(step: int, total_steps: int, fade: float, final: float) -> float:
    """The augmentation strength at ``step``: 1, then over the last ``fade`` of the steps linearly down to ``final``.

    MNIST's test digits are undistorted; easing the distortions at the end, while
    the rate anneals, fits the clean digits better and keeps some robustness.
    """
    if fade <= 0:
        return 1.0
    progress = (step + 1) / total_steps  # the last step ends the fade
    faded = min(max(1 + (progress - 1) / fade, 0.0), 1.0)  # share of the fade done
    return 1 - (1 - final) * faded
