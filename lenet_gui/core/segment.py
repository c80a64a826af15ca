"""A number written left to right -> one crop per digit, each read by the network.

The ink is split into 8-connected components; components that overlap a lot
along the x-axis are strokes of one digit that do not touch (the bar of a 5, the
crossbar of a 7) and are merged; tiny specks are dropped. Each digit's ink then
goes through the same :func:`preprocess` as a single drawing, and all digits are
predicted in one batch.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np
import torch
from PIL import Image

from lenet_gui.core.preprocess import MIN_EXTENT_FRACTION, Preprocessed, bounding_box, find_ink, preprocess

if TYPE_CHECKING:
    from lenet_gui.core.calibration import Calibration, Verdict
    from lenet_gui.core.predictor import Predictor

Box = tuple[int, int, int, int]  # (left, top, right, bottom) in image pixels, right/bottom exclusive

# Two ink groups are one digit when their x-ranges overlap by at least this
# fraction of the narrower one's width.
MERGE_OVERLAP = 0.5
# A component whose larger side is below this fraction of the tallest component's height is a speck.
SPECK_FRACTION = 0.15
# Background margin around each digit's crop, so preprocess sees the background on the border.
PAD = 2


@dataclass(frozen=True)
class Segment:
    """The ink of one digit: its box in the image and its crop (uint8 ink on black, padded)."""

    box: Box
    ink: np.ndarray


@dataclass(frozen=True)
class DigitReading:
    """One digit of a number: where it is and what the network reads."""

    box: Box
    digit: int
    confidence: float  # the network's probability of ``digit`` (calibrated when a calibration was given)
    probabilities: np.ndarray  # 10 floats, as the network gives them (uncalibrated)
    preprocessed: Preprocessed
    verdict: Verdict | None = None  # set when read with a calibration


@dataclass(frozen=True)
class NumberReading:
    """The digits of a drawing, left to right; ``text`` has "?" for digits judged not sure."""

    digits: list[DigitReading]

    @property
    def text(self) -> str:
        return "".join("?" if d.verdict is not None and not d.verdict.sure else str(d.digit) for d in self.digits)


def label_components(mask: np.ndarray) -> tuple[np.ndarray, int]:
    """8-connected components of a boolean HxW mask: labels (0 = background, 1..n) and n.

    Works on horizontal runs of ink, all in numpy (a drawing has a few thousand
    runs): runs in neighbouring rows that touch (diagonals included) are edges,
    and each run takes the smallest run index of its component by repeated
    min-propagation along the edges with pointer jumping.
    """
    h, w = mask.shape
    padded = np.zeros((h, w + 2), dtype=np.int8)
    padded[:, 1:-1] = mask
    edges = np.diff(padded, axis=1)
    rows, starts = np.nonzero(edges == 1)
    ends = np.nonzero(edges == -1)[1]  # exclusive; same row-major order as the starts
    labels = np.zeros((h, w), dtype=np.int32)
    if len(starts) == 0:
        return labels, 0
    # Runs of the row above that touch run i: those from the first ending at or after its start to the last
    # starting at or before its end. Keys put every run on one line, row after row, so one search finds both.
    stride = w + 2
    above = (rows - 1) * stride
    first = np.searchsorted(rows * stride + ends, above + starts, side="left")
    last = np.searchsorted(rows * stride + starts, above + ends, side="right")
    count = np.clip(last - first, 0, None)
    a = np.repeat(np.arange(len(starts)), count)
    b = np.repeat(first, count) + np.arange(count.sum()) - np.repeat(np.cumsum(count) - count, count)
    root = np.arange(len(starts))
    while True:
        low = np.minimum(root[a], root[b])
        new_root = root.copy()
        np.minimum.at(new_root, a, low)
        np.minimum.at(new_root, b, low)
        new_root = new_root[new_root]
        if np.array_equal(new_root, root):
            break
        root = new_root
    ids = np.unique(root, return_inverse=True)[1].astype(np.int32) + 1
    lengths = ends - starts
    flat = np.repeat(rows * w + starts - np.cumsum(lengths) + lengths, lengths) + np.arange(lengths.sum())
    labels.ravel()[flat] = np.repeat(ids, lengths)
    return labels, int(ids.max())


def segment(image: np.ndarray | Image.Image) -> list[Segment]:
    """The digits of a drawing, left to right (empty when there is no ink)."""
    found = find_ink(image)
    if found is None:
        return []
    ink, mask, _ = found
    # Everything below works on the ink's bounding box, a small part of a large canvas.
    x0, y0, x1, y1 = bounding_box(mask)
    labels, n = label_components(mask[y0:y1, x0:x1])
    boxes = _component_boxes(labels, n)
    tallest = max(b[3] - b[1] for b in boxes)
    min_extent = max(SPECK_FRACTION * tallest, MIN_EXTENT_FRACTION * max(ink.shape))
    ink = ink[y0:y1, x0:x1]
    keep = [k for k, b in enumerate(boxes, 1) if max(b[2] - b[0], b[3] - b[1]) >= min_extent]
    groups = _merge_by_x_overlap([([k], boxes[k - 1]) for k in keep])
    out = []
    for members, (left, top, right, bottom) in sorted(groups, key=lambda g: (g[1][0] + g[1][2]) / 2):
        region = (slice(top, bottom), slice(left, right))
        crop = np.where(np.isin(labels[region], members), ink[region], 0)
        box = (left + x0, top + y0, right + x0, bottom + y0)
        out.append(Segment(box, np.pad(np.clip(crop, 0, 255).astype(np.uint8), PAD)))
    return out


def _component_boxes(labels: np.ndarray, n: int) -> list[Box]:
    boxes = []
    for k in range(1, n + 1):
        rows = np.flatnonzero((labels == k).any(axis=1))
        cols = np.flatnonzero((labels == k).any(axis=0))
        boxes.append((int(cols[0]), int(rows[0]), int(cols[-1]) + 1, int(rows[-1]) + 1))
    return boxes


def _merge_by_x_overlap(groups: list[tuple[list[int], Box]]) -> list[tuple[list[int], Box]]:
    """Join groups whose x-ranges overlap by MERGE_OVERLAP of the narrower width, until none do."""
    merged = True
    while merged:
        merged = False
        for i in range(len(groups)):
            for j in range(i + 1, len(groups)):
                (ma, a), (mb, b) = groups[i], groups[j]
                overlap = min(a[2], b[2]) - max(a[0], b[0])
                if overlap >= MERGE_OVERLAP * min(a[2] - a[0], b[2] - b[0]):
                    box = (min(a[0], b[0]), min(a[1], b[1]), max(a[2], b[2]), max(a[3], b[3]))
                    groups[i] = (ma + mb, box)
                    del groups[j]
                    merged = True
                    break
            if merged:
                break
    return groups


def read_number(
    predictor: Predictor, image: np.ndarray | Image.Image, calibration: Calibration | None = None
) -> NumberReading:
    """Segment a drawing and read every digit in one forward pass.

    With a ``calibration`` each digit also gets a verdict (sure / not sure) and
    its confidence is the calibrated one.
    """
    crops = [(s, preprocess(s.ink)) for s in segment(image)]
    crops = [(s, pre) for s, pre in crops if pre is not None]
    if not crops:
        return NumberReading([])
    batch = torch.cat([pre.tensor for _, pre in crops])
    if calibration is None:
        probs = predictor.probabilities(batch)
        verdicts: list[Verdict | None] = [None] * len(crops)
        confidences = probs.max(axis=1)
    else:
        logits = calibration.logits(predictor.model, batch)
        probs = torch.softmax(logits, dim=1).numpy()
        verdicts = calibration.judge(logits, np.stack([pre.image for _, pre in crops]))
        confidences = np.array([v.confidence for v in verdicts])
    digits = [
        DigitReading(s.box, int(p.argmax()), float(c), p, pre, v)
        for (s, pre), p, c, v in zip(crops, probs, confidences, verdicts, strict=True)
    ]
    return NumberReading(digits)
