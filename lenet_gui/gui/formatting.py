"""How numbers read in the interface: durations, accuracies, percentages."""

from __future__ import annotations

DASH = "\u2013"  # shown where there is no value


def format_duration(seconds: float) -> str:
    """A short human duration: 45 s, 3 min 5 s, 1 h 2 min."""
    seconds = max(0, round(seconds))
    if seconds < 60:
        return f"{seconds} s"
    if seconds < 3600:
        return f"{seconds // 60} min {seconds % 60} s"
    return f"{seconds // 3600} h {seconds % 3600 // 60} min"


def format_percent(value: float, decimals: int = 1) -> str:
    """0.9731 -> '97.3 %'."""
    return f"{100 * value:.{decimals}f} %"


def format_accuracy(accuracy: float | None) -> str:
    """An accuracy as a percentage with two decimals, or a dash when unknown."""
    return DASH if accuracy is None else format_percent(accuracy, 2)
