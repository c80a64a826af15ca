"""Not a digit: a calibrated confidence and an out-of-distribution check, so the app can say "not sure".

Six tests, five with a threshold fitted on MNIST images the network never
trained on (the first half of the MNIST test set; the bundled weights trained
on all 60,000 training images, whose confidences would be optimistic):

* calibrated confidence: the largest softmax probability after temperature
  scaling (logits / T, T fitted by minimising the negative log-likelihood);
  below the level that ``CONFIDENCE_REJECT`` of held-out digits fall under, the
  network is unsure between digits;
* max logit: the raw score of the winning digit; far below what digits read as
  that digit get (``MAX_LOGIT_REJECT`` quantile, one threshold per digit), the
  input is unlike every digit it learned (scribbles), even where softmax is
  confident;
* solid ink: the fraction of ink pixels whose 3x3 neighbourhood is all ink in
  the 28x28 input; handwritten strokes are thin, filled blobs are not;
* loops: how many regions of paper the ink of the 28x28 input closes; a digit
  has at most two (an 8), a scribble that crosses itself often has more;
* crossings: the most strokes a row of the 28x28 input crosses; a row crosses
  a digit's ink at most three times, a scribble's or an "M"'s more often;
* aspect: how high the ink of the 28x28 input is for its width; a dash or a
  line lying down is flatter than any digit (a fixed limit, ``MIN_ASPECT``).

The false-rejection rate is then measured on the other half of the test set.
Fitted values are stored per variant with the date of the weights they belong
to: ``resources/calibration/{variant}.json`` for the bundled weights, and
``user_dir()/calibration/{variant}.json`` for retrained or fine-tuned ones
(:func:`calibration_for` fits and stores those on first use when MNIST is there).
"""

from __future__ import annotations

import contextlib
import json
import os
from dataclasses import asdict, dataclass
from pathlib import Path

import numpy as np
import torch
import torch.nn.functional as F

from lenet_gui.core.atomic import write_atomic
from lenet_gui.core.components import count_loops
from lenet_gui.core.data import Split, load_mnist, mnist_present
from lenet_gui.core.models import LeNet5, create_model
from lenet_gui.core.paths import data_dir, resource_path, user_dir
from lenet_gui.core.preprocess import normalize
from lenet_gui.core.variants import VARIANTS
from lenet_gui.core.verdicts import (
    REASON_CROSSINGS,
    REASON_FLAT,
    REASON_LOOPS,
    REASON_SOLID,
    REASON_UNLIKE,
    REASON_UNSURE,
    Verdict,
)
from lenet_gui.core.weights import LoadedWeights, bundled_path, load_for_variant

FORMAT = "lenet-gui-calibration/2"
# Fractions of held-out MNIST digits each test may reject; together they reject 1.2-1.5% (1.5% is the most allowed).
CONFIDENCE_REJECT = 0.015
# Per winning digit: one threshold for all took the pen-trained conv weights' scribbles to 40% "not sure",
# ten thresholds (at the 1% quantile) to 52%, false rejections on MNIST 1.18% -> 1.48%.
MAX_LOGIT_REJECT = 0.01
# A digit the network reads fewer times than this in the fitting split gets the threshold of all digits.
MIN_PER_DIGIT = 50
SOLID_REJECT = 0.001
# Above the 99.9% quantile of held-out digits' loop counts (2, an 8's): 6 of 10,000 MNIST test digits have more, and
# 16 of 60 scribbles; with the scan-trained weights it took the scribbles judged "not sure" from 53% to 72% (conv).
LOOPS_REJECT = 0.001
# Above the 99.5% quantile of held-out digits' crossings (3: 0.4% of MNIST's test digits are crossed four times along
# a row or more). With the bundled conv weights (benchmarks/not_sure.py) it took the scribbles judged "not sure" from
# 67.2% to 76.0% and the letters drawn as strokes from 33.3% to 47.2%, for false rejections on MNIST 1.22% -> 1.42%
# and on the held-out writers' pen digits 3.94% -> 4.44% (zeros drawn twice round or slashed near the vertical).
CROSSINGS_REJECT = 0.005
# Not fitted, since no MNIST digit comes near it: the ink of every one of MNIST's 70,000 digits is at least 0.4 times as
# high as it is wide in the 28x28 input, the held-out writers' drawings 0.45; a dash drawn on the canvas is 0.1-0.25
# (and read as a sure 1 by the bundled weights, which learned it from dashes that the source labels 1).
MIN_ASPECT = 0.3
INK_LEVEL = 128  # a pixel of the 28x28 input (0..255) is ink from here on


@dataclass(frozen=True)
class Calibration:
    """Temperature and thresholds fitted for one set of weights."""

    variant: str
    weights_date: str
    temperature: float
    min_confidence: float
    min_max_logit: list[float]  # per winning digit
    max_solid: float
    false_rejection_rate: float  # measured on images not used for fitting
    fitted_on: str = ""
    max_loops: int | None = None  # None in files fitted before the loops test: no such test
    max_crossings: int | None = None  # likewise for the crossings test
    min_aspect: float | None = MIN_ASPECT  # fixed, not fitted: files from before the test get it too; None: no test

    @staticmethod
    @torch.inference_mode()
    def logits(model: LeNet5, batch: torch.Tensor) -> torch.Tensor:
        """Raw scores (Bx10, on the CPU) of a normalised Bx1x28x28 batch."""
        device = next(model.parameters()).device
        return model.logits(batch.to(device)).float().cpu()

    def calibrated_probabilities(self, logits: torch.Tensor) -> np.ndarray:
        """Temperature-scaled softmax probabilities (Bx10)."""
        return torch.softmax(logits / self.temperature, dim=1).numpy()

    def judge(self, logits: torch.Tensor, images: torch.Tensor | np.ndarray) -> list[Verdict]:
        """A verdict per input from its logits and its 28x28 uint8 network input (Bx28x28)."""
        probs = self.calibrated_probabilities(logits)
        max_logit = logits.max(dim=1).values.numpy()
        solid = solid_fraction(torch.as_tensor(np.asarray(images))).numpy()
        # Files fitted before the loops test have no limit: no input has too many loops for them.
        too_loopy = loop_counts(images) > self.max_loops if self.max_loops is not None else np.zeros(len(solid), bool)
        too_crossed = (
            row_crossings(images) > self.max_crossings if self.max_crossings is not None else np.zeros(len(solid), bool)
        )
        too_flat = ink_aspects(images) < self.min_aspect if self.min_aspect is not None else np.zeros(len(solid), bool)
        verdicts = []
        for p, ml, s, loopy, crossed, flat in zip(
            probs, max_logit, solid, too_loopy, too_crossed, too_flat, strict=True
        ):
            digit, conf = int(p.argmax()), float(p.max())
            if flat:
                reason = REASON_FLAT
            elif s > self.max_solid:
                reason = REASON_SOLID
            elif loopy:
                reason = REASON_LOOPS
            elif crossed:
                reason = REASON_CROSSINGS
            elif ml < self.min_max_logit[digit]:
                reason = REASON_UNLIKE
            elif conf < self.min_confidence:
                reason = REASON_UNSURE
            else:
                reason = ""
            verdicts.append(Verdict(digit, conf, not reason, reason))
        return verdicts

    def judge_images(self, model: LeNet5, images: torch.Tensor) -> list[Verdict]:
        """Verdicts for uint8 Bx28x28 network inputs (MNIST-style images)."""
        return self.judge(self.logits(model, _to_batch(images)), images)

    @classmethod
    def fit(
        cls, model: LeNet5, fit_split: Split, report_split: Split, weights_date: str, fitted_on: str = ""
    ) -> Calibration:
        """Fit the temperature and thresholds on ``fit_split``; measure false rejections on ``report_split``."""
        logits = cls.logits(model, _to_batch(fit_split.images))
        temperature = fit_temperature(logits, fit_split.labels)
        confidence = torch.softmax(logits / temperature, dim=1).max(dim=1).values
        partial = cls(
            variant=model.variant,
            weights_date=weights_date,
            temperature=temperature,
            min_confidence=float(torch.quantile(confidence, CONFIDENCE_REJECT)),
            min_max_logit=per_digit_quantiles(logits, MAX_LOGIT_REJECT),
            max_solid=float(torch.quantile(solid_fraction(fit_split.images), 1 - SOLID_REJECT)),
            false_rejection_rate=float("nan"),
            fitted_on=fitted_on,
            max_loops=int(np.quantile(loop_counts(fit_split.images), 1 - LOOPS_REJECT, method="higher")),
            max_crossings=int(np.quantile(row_crossings(fit_split.images), 1 - CROSSINGS_REJECT, method="higher")),
        )
        verdicts = partial.judge_images(model, report_split.images)
        frr = sum(not v.sure for v in verdicts) / max(len(verdicts), 1)
        return cls(**{**asdict(partial), "false_rejection_rate": frr})

    def save(self, path: str | os.PathLike[str]) -> Path:
        """Write as JSON, atomically."""
        target = Path(path)
        write_atomic(target, json.dumps({"format": FORMAT, **asdict(self)}, indent=1).encode("utf-8"))
        return target

    @classmethod
    def load(cls, path: str | os.PathLike[str]) -> Calibration | None:
        """Read a saved calibration; None when the file is missing or unreadable."""
        try:
            data = json.loads(Path(path).read_text(encoding="utf-8"))
            if data.pop("format", None) != FORMAT:
                return None
            return cls(**data)
        except (OSError, ValueError, TypeError):
            return None


def per_digit_quantiles(logits: torch.Tensor, q: float) -> list[float]:
    """The ``q`` quantile of the winning score among the inputs the network reads as each digit (10 floats);
    the quantile over all inputs for a digit read fewer than MIN_PER_DIGIT times."""
    top, winner = logits.max(dim=1)
    overall = float(torch.quantile(top, q))
    return [
        float(torch.quantile(top[winner == d], q)) if int((winner == d).sum()) >= MIN_PER_DIGIT else overall
        for d in range(logits.shape[1])
    ]


def fit_temperature(logits: torch.Tensor, labels: torch.Tensor) -> float:
    """The temperature that minimises the negative log-likelihood (searched on a log grid, 0.05..20)."""
    temperatures = torch.logspace(-1.3, 1.3, 261)
    nll = torch.stack([F.cross_entropy(logits / t, labels) for t in temperatures])
    return float(temperatures[nll.argmin()])


def solid_fraction(images: torch.Tensor) -> torch.Tensor:
    """Per image (uint8 Bx28x28): the fraction of ink pixels whose 3x3 neighbourhood is all ink."""
    ink = (images >= INK_LEVEL).float().unsqueeze(1)
    interior = -F.max_pool2d(-ink, 3, stride=1, padding=1)
    return (interior.sum(dim=(1, 2, 3)) / ink.sum(dim=(1, 2, 3)).clamp(min=1)).flatten()


def loop_counts(images: torch.Tensor | np.ndarray) -> np.ndarray:
    """Per image (uint8 Bx28x28): how many loops its ink closes (:func:`count_loops`)."""
    return np.array([count_loops(image >= INK_LEVEL) for image in np.asarray(images)], dtype=np.int64)


def row_crossings(images: torch.Tensor | np.ndarray) -> np.ndarray:
    """Per image (uint8 Bx28x28): the most runs of ink along one row, i.e. how many strokes a row crosses."""
    ink = np.asarray(images) >= INK_LEVEL
    starts = ink.copy()
    starts[:, :, 1:] &= ~ink[:, :, :-1]
    return starts.sum(axis=2).max(axis=1).astype(np.int64)


def ink_aspects(images: torch.Tensor | np.ndarray) -> np.ndarray:
    """Per image (uint8 Bx28x28): the height of its ink over its width (0 without ink)."""
    ink = np.asarray(images) >= INK_LEVEL
    return _extent(ink.any(axis=2)) / np.maximum(_extent(ink.any(axis=1)), 1)


def _extent(occupied: np.ndarray) -> np.ndarray:
    """Per row of a BxN boolean array: from the first True to the last, inclusive (0 when none)."""
    n = occupied.shape[1]
    first = occupied.argmax(axis=1)
    last = n - 1 - occupied[:, ::-1].argmax(axis=1)
    return np.where(occupied.any(axis=1), last - first + 1, 0).astype(np.float64)


def _to_batch(images: torch.Tensor) -> torch.Tensor:
    return normalize(torch.as_tensor(images).unsqueeze(1).float() / 255)


def bundled_calibration_path(variant: str) -> Path:
    return resource_path("calibration", f"{variant}.json")


def user_calibration_path(variant: str) -> Path:
    return user_dir() / "calibration" / f"{variant}.json"


def fit_for_weights(weights: LoadedWeights, test: Split) -> Calibration:
    """Fit on the first half of the MNIST test set, measure on the second half."""
    model = create_model(weights.meta.variant)
    model.load_state_dict(weights.state_dict)
    model.eval()
    half = len(test) // 2
    fit_split, report_split = test.head(half), Split(test.images[half:], test.labels[half:])
    note = f"fitted on MNIST test[:{half}], false rejections measured on test[{half}:]"
    return Calibration.fit(model, fit_split, report_split, weights.meta.date, note)


def calibration_for(
    weights: LoadedWeights, data_root: str | os.PathLike[str] | None = None, fit_if_missing: bool = True
) -> Calibration | None:
    """The calibration of these weights (matched by variant and date).

    Looks in the bundled resources, then the user folder; otherwise fits one
    (about a second) when ``fit_if_missing`` and MNIST is present, and stores it
    in the user folder. A file fitted before a check was added is fitted again the
    same way, and used as it is when it cannot be. None when there is none and none
    can be made.
    """
    variant, date = weights.meta.variant, weights.meta.date
    stale = None
    for path in (bundled_calibration_path(variant), user_calibration_path(variant)):
        found = Calibration.load(path)
        if found is not None and found.variant == variant and found.weights_date == date:
            if found.max_loops is not None and found.max_crossings is not None:
                return found
            stale = stale or found
    if not fit_if_missing or not mnist_present(data_dir(data_root)):
        return stale
    fitted = fit_for_weights(weights, load_mnist(data_root, download=False).test)
    with contextlib.suppress(OSError):  # a read-only user folder only means fitting again next time
        fitted.save(user_calibration_path(variant))
    return fitted


def write_bundled(variants: list[str], data_root: str | os.PathLike[str] | None = None) -> list[Calibration]:
    """Fit the bundled weights' calibrations into ``resources/calibration`` (run after retraining them)."""
    test = load_mnist(data_root, download=False).test
    fitted = [fit_for_weights(load_for_variant(v, bundled_path(v)), test) for v in variants]
    for c in fitted:
        c.save(bundled_calibration_path(c.variant))
    return fitted


if __name__ == "__main__":  # python -m lenet_gui.core.calibration [VARIANT ...]
    import sys

    for c in write_bundled(sys.argv[1:] or list(VARIANTS)):
        print(f"{c.variant}: T={c.temperature:.3f}, false rejections {c.false_rejection_rate:.2%} ({c.fitted_on})")
