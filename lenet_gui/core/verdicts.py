"""Whether a prediction can be trusted: the verdict of the calibration, and its reasons (no torch needed)."""

from __future__ import annotations

from dataclasses import dataclass

REASON_UNSURE = "unsure between digits"
REASON_UNLIKE = "unlike any digit"
REASON_SOLID = "a filled shape, not a stroke"
REASON_LOOPS = "more loops than a digit has"
REASON_CROSSINGS = "more strokes side by side than a digit has"
REASON_FLAT = "flatter than a digit, like a dash"


@dataclass(frozen=True)
class Verdict:
    """Whether a prediction can be trusted: ``sure`` is False for "not sure", with a reason."""

    digit: int
    confidence: float  # calibrated probability of ``digit``
    sure: bool
    reason: str = ""
