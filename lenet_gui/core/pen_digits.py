"""Digits written with a pen, as strokes: reading them, splitting them by writer, drawing them as a user would.

The strokes come from UNIPEN's isolated digits (one JSON object a line, see
``resources/drawn/README.md``): each digit's points span 0..1000 along its
longer side. :func:`render` draws them with a round pen on a white sheet, the
way the canvas paints a mouse stroke, and :func:`network_inputs` turns many of
them into MNIST-like 28x28 images through the app's own preprocessing.
"""

from __future__ import annotations

import functools
import gzip
import json
import os
import random
import threading
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import torch
from PIL import Image, ImageDraw, ImageFilter

from lenet_gui.core.data import MNIST_TRAIN_SIZE, Split
from lenet_gui.core.paths import resource_path
from lenet_gui.core.preprocess import preprocess
from lenet_gui.errors import DataError, TrainingCancelled

Stroke = list[tuple[int, int]]
# Side of the strokes' coordinate space (the longer side of each digit spans 0..SPAN).
SPAN = 1000
# The widest a digit is drawn, as a multiple of its height.
MAX_ASPECT = 1.5
# The writers kept aside for measuring (never trained or tuned on): this share of the digits, by writer.
HELD_OUT_SHARE = 0.3
SPLIT_SEED = 12


@dataclass(frozen=True)
class PenDigit:
    """One digit as written: its label, who wrote it, and its pen-down strokes in writing order."""

    label: int
    writer: str
    strokes: list[Stroke]

    def size(self) -> tuple[int, int]:
        """(width, height) of the strokes' bounding box, in stroke units."""
        xs = [x for stroke in self.strokes for x, _ in stroke]
        ys = [y for stroke in self.strokes for _, y in stroke]
        return max(xs) + 1, max(ys) + 1

    def scale_for(self, height: float) -> float:
        """Pixels per stroke unit to draw the digit ``height`` pixels tall, and no wider than 1.5 times that.

        A few digits of the source are flat marks (label noise); the cap keeps them on the sheet.
        """
        width, tall = self.size()
        return height / max(tall, width / MAX_ASPECT)


def bundled_pen_digits_path() -> Path:
    """The pen digits shipped with the app (the training writers only)."""
    return resource_path("drawn", "unipen-train.jsonl.gz")


def load_pen_digits(path: str | os.PathLike[str] | None = None) -> list[PenDigit]:
    """Read a ``.jsonl.gz`` file of pen digits (default: the bundled ones); a clear error when it is unusable."""
    source = Path(path) if path is not None else bundled_pen_digits_path()
    digits = []
    try:
        with gzip.open(source, "rt", encoding="utf-8") as lines:
            for number, line in enumerate(lines, 1):
                if line.strip():
                    digits.append(_parse(json.loads(line), source, number))
    except FileNotFoundError as exc:
        raise DataError(f"no pen digits at {source}") from exc
    except (OSError, EOFError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise DataError(f"cannot read the pen digits in {source}: {exc}") from exc
    if not digits:
        raise DataError(f"no pen digits in {source}")
    return digits


def _parse(row: object, source: Path, number: int) -> PenDigit:
    try:
        label, writer = int(row["label"]), str(row["writer"])
        strokes = [[(int(x), int(y)) for x, y in stroke] for stroke in row["strokes"]]
    except (TypeError, KeyError, ValueError) as exc:
        raise DataError(f"{source}, line {number}: not a pen digit ({exc})") from exc
    strokes = [s for s in strokes if s]
    if not 0 <= label <= 9 or not strokes:
        raise DataError(f"{source}, line {number}: not a pen digit (label {label}, {len(strokes)} strokes)")
    return PenDigit(label, writer, strokes)


def held_out_writers(writers: Iterable[str], share: float = HELD_OUT_SHARE, seed: int = SPLIT_SEED) -> set[str]:
    """The writers kept aside for measuring: a fixed random choice of about ``share`` of them, by name."""
    names = sorted(set(writers))
    random.Random(seed).shuffle(names)
    return set(names[: round(share * len(names))])


def split_by_writer(digits: Sequence[PenDigit], share: float = HELD_OUT_SHARE) -> tuple[list[PenDigit], list[PenDigit]]:
    """(training writers' digits, held-out writers' digits): no writer is on both sides."""
    held = held_out_writers((d.writer for d in digits), share)
    return [d for d in digits if d.writer not in held], [d for d in digits if d.writer in held]


def lone_straight_stroke(digit: PenDigit) -> bool:
    """A single straight stroke that no reader can read as its label: label noise of the source. Labelled
    anything but 1, it is a segment that kept one stroke of a 4 or a 0 whose other strokes went elsewhere;
    labelled 1, it is a dot or a dash lying nearer the horizontal than the vertical (the source's straight 1s
    lie within 40 degrees of the vertical, but for 17 dashes of 14 writers beyond 50 degrees). It is left out
    of training and reported apart by the benchmark. Straight: no point further than 12% of its length from
    the line between its start and the point furthest from it (a dot counts as straight)."""
    if len(digit.strokes) > 1:
        return False
    points = np.array(digit.strokes[0], dtype=float)
    reach = np.linalg.norm(points - points[0], axis=1)
    length = float(reach.max())
    if length < 1:
        return True
    far = points[int(reach.argmax())]
    dx, dy = far - points[0]
    if digit.label == 1 and abs(dx) <= abs(dy):
        return False
    normal = np.array([-dy, dx]) / length
    return float(np.abs((points - points[0]) @ normal).max()) < 0.12 * length


def render(digit: PenDigit, height: float, pen: float) -> np.ndarray:
    """The digit drawn ``height`` pixels tall with a round pen ``pen`` pixels wide, dark on white paper just
    around it (uint8, 255 = paper)."""
    width, tall = digit.size()
    scale = digit.scale_for(height)
    margin = pen / 2 + 2
    at = (margin, margin)
    image = Image.new("L", (int(width * scale + 2 * margin) + 1, int(tall * scale + 2 * margin) + 1), 255)
    draw = ImageDraw.Draw(image)
    radius = pen / 2
    for stroke in digit.strokes:
        points = [(at[0] + x * scale, at[1] + y * scale) for x, y in stroke]
        if len(points) > 1:
            draw.line(points, fill=0, width=max(1, round(pen)), joint="curve")
        for x, y in (points[0], points[-1]):  # round caps
            draw.ellipse((x - radius, y - radius, x + radius, y + radius), fill=0)
    return np.asarray(image)


def as_scan(drawing: np.ndarray, side: int, size: int, blur: float) -> np.ndarray:
    """A drawing (uint8, dark on white) as a scanned form holds a digit, as the Semeion set's were made: its ink
    stretched to fill a ``side`` x ``side`` box and thresholded to black and white; shown ``size`` pixels wide,
    blurred by ``blur`` of a scan pixel, on white paper just around it."""
    rows, cols = np.nonzero(drawing < 128)
    if len(rows) == 0:
        return drawing
    box = Image.fromarray(drawing[rows.min() : rows.max() + 1, cols.min() : cols.max() + 1])
    stretched = np.asarray(box.resize((side, side), Image.Resampling.BILINEAR))
    scan = Image.fromarray(np.where(stretched < 128, 0, 255).astype(np.uint8))
    shown = scan.resize((size, size), Image.Resampling.NEAREST).filter(ImageFilter.GaussianBlur(blur * size / side))
    margin = size // 8 + 2
    paper = Image.new("L", (size + 2 * margin, size + 2 * margin), 255)
    paper.paste(shown, (margin, margin))
    return np.asarray(paper)


def network_inputs(
    digits: Sequence[PenDigit],
    seed: int = 0,
    pen_share: tuple[float, float] = (0.04, 0.16),
    scan_share: float = 0.0,
    cancel: threading.Event | None = None,
) -> Split:
    """The digits drawn with random pens and sizes, as the network sees them (Nx28x28 uint8, MNIST's form).

    The pen's width is a random share ``pen_share`` of the digit's height, as a mouse brush
    relates to a digit drawn on the pad; ``scan_share`` of them are then shown as 12-20 px
    black-and-white scans (:func:`as_scan`). The app's own preprocessing makes the 28x28 images.
    Raises TrainingCancelled when ``cancel`` is set (checked every few hundred digits).
    """
    rng = np.random.default_rng(seed)
    images, labels = [], []
    for i, digit in enumerate(digits):
        if cancel is not None and i % 256 == 0 and cancel.is_set():
            raise TrainingCancelled("training cancelled")
        height = float(rng.uniform(70, 140))
        drawing = render(digit, height, height * float(rng.uniform(*pen_share)))
        if rng.random() < scan_share:
            side = int(rng.integers(12, 21))
            drawing = as_scan(drawing, side, 10 * side, float(rng.uniform(0.1, 0.7)))
        pre = preprocess(drawing)
        if pre is not None:
            images.append(pre.image)
            labels.append(digit.label)
    if not images:
        return Split(torch.zeros((0, 28, 28), dtype=torch.uint8), torch.zeros(0, dtype=torch.int64))
    return Split(torch.from_numpy(np.stack(images)), torch.tensor(labels, dtype=torch.int64))


def with_pen_digits(
    split: Split, copies: int, seed: int = 0, scan_share: float = 0.0, cancel: threading.Event | None = None
) -> tuple[Split, int]:
    """MNIST's training ``split`` plus the bundled pen digits, each drawn ``copies`` times (``scan_share`` of the
    drawings shown as scans, see :func:`network_inputs`); and how many were added.

    A run on part of MNIST gets the same share of the pen digits, so quick runs stay quick.
    """
    if copies == 0 or len(split) == 0:
        return split, 0
    digits = _bundled_pen_digits()
    count = round(len(digits) * copies * min(1.0, len(split) / MNIST_TRAIN_SIZE))
    order = np.random.default_rng(seed).permutation(len(digits) * copies)[:count] % len(digits)
    pen = network_inputs([digits[i] for i in order], seed, scan_share=scan_share, cancel=cancel)
    images = torch.cat([split.images, pen.images.to(split.images.device)])
    return Split(images, torch.cat([split.labels, pen.labels.to(split.labels.device)])), len(pen)


@functools.cache
def _bundled_pen_digits() -> list[PenDigit]:
    """The bundled pen digits that training uses: all but the label noise (:func:`lone_straight_stroke`)."""
    return [d for d in load_pen_digits() if not lone_straight_stroke(d)]
