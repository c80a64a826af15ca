"""What the app reads in a drawing: its digits, left to right, each with its box, probabilities and verdict.

One :class:`Reading` per drawing, made by :func:`lenet_gui.core.segment.read_drawing` from one preprocessing
and one forward pass per digit. It imports no torch, so the GUI can carry it in a typed signal before torch is
loaded.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    from lenet_gui.core.preprocess import Preprocessed
    from lenet_gui.core.verdicts import Verdict

Box = tuple[int, int, int, int]  # (left, top, right, bottom) in image pixels, right/bottom exclusive

# Why a reading has no digit.
NO_INK = "no ink"
TOO_SMALL = "too small or too faint"


@dataclass(frozen=True)
class DigitReading:
    """One digit of a drawing: where it is, what the network saw (``preprocessed``) and what it reads."""

    box: Box
    digit: int
    confidence: float  # the network's probability of ``digit`` (calibrated when a calibration was given)
    probabilities: np.ndarray  # 10 floats, as the network gives them (uncalibrated)
    preprocessed: Preprocessed
    verdict: Verdict | None = None  # set when read with a calibration
    calibrated: np.ndarray | None = None  # 10 temperature-scaled probabilities, set when read with a calibration
    activations: dict[str, np.ndarray] | None = None  # every layer's output (C1 ... OUTPUT), when asked for
    # Which pixels of ``box`` are this digit's ink (bool, box-sized), where other digits may reach into the box (digits
    # that touch); None when the whole box is the digit's.
    mask: np.ndarray | None = None

    @property
    def sure(self) -> bool:
        """Whether the digit is read for sure (always, without a calibration to judge it)."""
        return self.verdict is None or self.verdict.sure

    @property
    def shown_probabilities(self) -> np.ndarray:
        """The probabilities to show: the calibrated ones when there are, so that the top one is ``confidence``."""
        return self.probabilities if self.calibrated is None else self.calibrated


@dataclass(frozen=True)
class Reading:
    """A drawing read: its digits left to right, or none and ``reason`` (NO_INK, TOO_SMALL) why."""

    digits: tuple[DigitReading, ...]
    reason: str = ""
    elapsed_ms: float = 0.0  # how long the reading took, set by whoever timed it

    @property
    def text(self) -> str:
        """The number read, with "?" for digits judged not sure; empty when there is no digit."""
        return "".join(str(d.digit) if d.sure else "?" for d in self.digits)
