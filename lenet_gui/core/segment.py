"""A number written left to right -> one crop per digit, each read by the network.

Geometry first (:func:`segment`): the ink is split into 8-connected components;
components that overlap a lot along the x-axis are strokes of one digit that do
not touch (the bar of a 5, the crossbar of a 7) and are merged; tiny specks are
dropped. Each such group is one digit when nothing else is plausible.

Then recognition (:func:`read_drawing`) settles what geometry cannot: a digit of
two strokes side by side (a 4 drawn as an "L" and a separate stem) and digits
that touch. Neighbouring groups with a small gap may be one digit; a group of
several strokes (when the canvas' stroke map tells them) is split into the
strokes that may be one digit, so that digits that touch come apart where one
digit's strokes end; a group too wide for one digit whose strokes are not
known (an image file) is cut along paths from its top to its bottom that cross
little ink. Every plausible digit (one to MAX_PIECES consecutive pieces) is read
in one forward pass, and a dynamic programme picks the segmentation whose
digits score best: the network's confidence per unit of width, less costs for
shapes that are unlike one digit (see LOGIT_WEIGHT and below). A drawing with
nothing to choose (no small gap, no wide group) is read as geometry has it.
Each digit's ink goes through the same :func:`preprocess` as a single drawing.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np
import torch
from PIL import Image

from lenet_gui.core.calibration import Calibration, row_crossings
from lenet_gui.core.components import label_components
from lenet_gui.core.preprocess import (
    Preprocessed,
    bounding_box,
    find_ink,
    preprocess,
    stray_mark,
    stroke_width,
)
from lenet_gui.core.reading import NO_INK, TOO_SMALL, Box, DigitReading, Reading

if TYPE_CHECKING:
    from lenet_gui.core.models import LeNet5
    from lenet_gui.core.predictor import Predictor
    from lenet_gui.core.verdicts import Verdict

# Two ink groups are one digit when their x-ranges overlap by at least this
# fraction of the narrower one's width.
MERGE_OVERLAP = 0.5
# Strokes of one group are one digit when their x-ranges overlap by at least this fraction of the narrower one's width
# (the bar of a 5, the stem of a 4); other strokes may still be read together (see _stroke_parts). Chosen on 12 of
# the training writers with weights trained without them: 0.5-0.9 read their touching numbers with the right count
# 91-94.5% (ink alone: 58%), single digits and numbers with gaps as ink alone reads them up to 0.65, one digit less
# from 0.8, more of them lost when every stroke is a part of its own. Clusters are never cut: with cuts through
# clusters of several strokes the tuning writers' zeros stretched 1.3-1.8 times as wide as high were kept whole and
# right 97.1% (99.0% without), and no more touching numbers were read right.
STROKE_OVERLAP = 0.65
# A component whose larger side is below this fraction of the tallest component's height is a speck.
SPECK_FRACTION = 0.15
# Background margin around each digit's crop, so preprocess sees the background on the border.
PAD = 2

# Candidate digits beyond geometry (read_drawing).
# Neighbouring groups whose x-ranges overlap may be one digit (on 12 of the training writers, read with weights
# trained without them, this changed nothing; on the held-out writers it kept three 4s whole whose "L" is as tall as
# the stem). So may neighbours when the gap between their boxes is below this fraction of the taller one's height (an
# "L" and the stem of a 4, a 5 whose bar sits to the right); digits written apart have wider gaps ...
JOIN_GAP = 0.25
# ... and when the shorter one is below this fraction of the taller one's height: a part of a digit, not a digit.
JOIN_HEIGHT = 0.8
# A group wider than this times its height may be several touching digits: it gets candidate cuts. (Nine groups of
# two touching digits in ten are wider; so is one single digit in five, which the scores below keep whole.)
SPLIT_ASPECT = 1.0
# A cut leaves at least this fraction of the group's height on each side.
MIN_PIECE = 0.2
# Cuts start at least this fraction of the group's height apart and never come closer than half of it; at most
# CUTS_PER_HEIGHT of them per height of the group's width.
CUT_SPACING = 0.25
CUTS_PER_HEIGHT = 3.0
# Cuts are found on the group's mask shrunk to about this many rows ...
SEAM_ROWS = 64
# ... each within this fraction of the height of a column, paying this (in crossed ink pixels) per step sideways.
SEAM_BAND = 0.12
SIDE_STEP = 0.05
# Paths are tried around every CENTRE_STEP-th column (of the shrunk mask); the bands overlap, every column is reached.
CENTRE_STEP = 2
# A cut crosses ink on at most this fraction of its rows: touching digits touch at a stroke or two, a filled blob
# is one shape.
MAX_CUT_INK = 0.5
# A digit is at most this many consecutive pieces (parts of groups between cuts, or whole groups).
MAX_PIECES = 3
# Candidate digits are read from their ink shrunk by an integer factor to about this height (the network sees
# 20 px): as accurate, and several times cheaper to preprocess than the full-size ink.
READ_HEIGHT = 64

# The score of a candidate digit, summed over the digits of a reading (fitted on the training writers' pen digits,
# benchmarks/drawn_accuracy.py --writers training): the network's evidence, per unit of its largest logit and of
# the log of its top probability, times the digit's width (relative to the tallest group's height), so that
# cutting a digit in two does not double its evidence: two confident halves no longer outscore one confident
# whole just by being two. Chosen on 12 of the training writers with weights trained without them, against the
# former sum of evidence less 0.4 per digit: touching numbers 53% -> 56% with the right count, single digits and
# numbers with gaps as before ...
LOGIT_WEIGHT = 0.1
PROB_WEIGHT = 0.3
# ... less a cost per unit of width (relative to the tallest group's height) beyond WIDE, and more beyond VERY_WIDE:
# a single digit is rarely wider than the line is high ...
WIDE, WIDE_COST = 0.7, 1.0
VERY_WIDE, VERY_WIDE_COST = 1.0, 2.0
# ... a cost per unit of height below SHORT of the tallest group's height: a digit spans the line ...
SHORT, SHORT_COST = 0.85, 6.0
# ... and a cost per stroke width of ink its cuts cross: touching digits touch at one stroke.
CUT_COST = 0.6
# ... and a cost when a row of its network input crosses more than CROSSED strokes, which a row of 99.5% of MNIST's
# digits does not (the calibration's crossings check): two touching digits read as one ("88" as a 0). Chosen on the
# 12 tuning writers, read as image files with weights trained without them (costs 1, 2, 4): touching numbers with the
# right count 57.5% -> 64.5% (every digit right 44.5% -> 47.5%), zeros stretched 1.3-1.8 times as wide as high
# 95.1% -> 93.2%, single digits and numbers with gaps unchanged, and nothing changed read with the stroke map.
CROSSED, CROSSED_COST = 3, 2.0
# A group is split into its strokes only when the stroke map names the stroke of all but this share of its ink.
UNMAPPED_INK = 0.02
# The score of a candidate digit that preprocessing finds no digit in.
UNREADABLE = -1e9


@dataclass(frozen=True)
class Segment:
    """The ink of one digit: its box in the image and its crop (uint8 ink on black, padded)."""

    box: Box
    ink: np.ndarray

    @property
    def mask(self) -> np.ndarray:
        """Which pixels of the box are this digit's ink."""
        return self.ink[PAD:-PAD, PAD:-PAD] > 0


@dataclass(frozen=True)
class _Groups:
    """The geometric stage: the ink's bounding box, its labelled components and their groups, left to right."""

    ink: np.ndarray  # the ink within its bounding box
    labels: np.ndarray  # component labels, same frame
    origin: tuple[int, int]  # (x, y) of the bounding box in the image
    groups: list[tuple[list[int], Box]]  # (component labels, box in the bounding box's frame)

    @property
    def line(self) -> int:
        """The height of the tallest group: how high the digits are written."""
        return max(b[3] - b[1] for _, b in self.groups)

    def mask(self, index: int) -> np.ndarray:
        """The ink of one group within its box (boolean)."""
        members, (left, top, right, bottom) = self.groups[index]
        region = self.labels[top:bottom, left:right]
        mask = region == members[0]
        for k in members[1:]:
            mask |= region == k
        return mask

    def segment(self, box: Box, mask: np.ndarray) -> Segment:
        """The digit whose ink is ``mask`` within ``box`` (bounding box frame)."""
        left, top, right, bottom = box
        crop = self.ink[top:bottom, left:right] * mask
        x0, y0 = self.origin
        ink = np.pad(np.clip(crop, 0, 255).astype(np.uint8), PAD)
        return Segment((left + x0, top + y0, right + x0, bottom + y0), ink)


@dataclass(frozen=True)
class _Part:
    """A group, or the strokes of it that may be one digit: its box (bounding box frame) and its ink there."""

    group: int
    box: Box
    mask: np.ndarray
    strokes_known: bool = False  # its strokes told by the canvas' stroke map: never cut (see _stroke_parts)


@dataclass(frozen=True)
class _Piece:
    """A group, or the part of it between two cuts: its tight box (bounding box frame) and its ink there."""

    group: int
    box: Box
    mask: np.ndarray
    left_cost: float  # the ink crossed by the cut on its left, in stroke widths (0 at the group's side)
    right_cost: float  # the same on its right


def segment(image: np.ndarray | Image.Image) -> list[Segment]:
    """The digits of a drawing by geometry alone, left to right (empty when there is no ink)."""
    found = _find_groups(image)
    if found is None:
        return []
    return [found.segment(box, found.mask(i)) for i, (_, box) in enumerate(found.groups)]


def _find_groups(image: np.ndarray | Image.Image) -> _Groups | None:
    found = find_ink(image)
    if found is None:
        return None
    ink, mask, _ = found
    # Everything below works on the ink's bounding box, a small part of a large canvas.
    x0, y0, x1, y1 = bounding_box(mask)
    labels, n = label_components(mask[y0:y1, x0:x1])
    boxes = [bounding_box(labels == k) for k in range(1, n + 1)]
    tallest = max(b[3] - b[1] for b in boxes)
    keep = [
        k
        for k, (left, top, right, bottom) in enumerate(boxes, 1)
        if max(right - left, bottom - top) >= SPECK_FRACTION * tallest
        and not stray_mark(labels[top:bottom, left:right] == k, max(ink.shape))
    ]
    groups = _merge_by_x_overlap([([k], boxes[k - 1]) for k in keep])
    groups.sort(key=lambda g: (g[1][0] + g[1][2]) / 2)
    return _Groups(ink[y0:y1, x0:x1], labels, (x0, y0), groups)


def _merge_by_x_overlap(
    groups: list[tuple[list[int], Box]], fraction: float = MERGE_OVERLAP
) -> list[tuple[list[int], Box]]:
    """Join groups whose x-ranges overlap by ``fraction`` of the narrower width, until none do."""
    merged = True
    while merged:
        merged = False
        for i in range(len(groups)):
            for j in range(i + 1, len(groups)):
                (ma, a), (mb, b) = groups[i], groups[j]
                overlap = min(a[2], b[2]) - max(a[0], b[0])
                if overlap >= fraction * min(a[2] - a[0], b[2] - b[0]):
                    groups[i] = (ma + mb, _union(a, b))
                    del groups[j]
                    merged = True
                    break
            if merged:
                break
    return groups


def _union(a: Box, b: Box) -> Box:
    return min(a[0], b[0]), min(a[1], b[1]), max(a[2], b[2]), max(a[3], b[3])


def _seams(mask: np.ndarray) -> list[tuple[np.ndarray, float]]:
    """Where a group too wide for one digit may be cut: paths from its top to its bottom that cross little ink.

    On the mask shrunk to at most SEAM_ROWS rows, around every CENTRE_STEP-th column at least MIN_PIECE of the
    height from the sides: the path from top to bottom, one column sideways per row at most and within SEAM_BAND
    of that column, that crosses the fewest ink pixels (a dynamic programme over the rows, for all columns at
    once). The cheapest of them (up to MAX_CUT_INK, spaced by CUT_SPACING) are the cuts: for each, the first
    column of the right side on every row of the mask, and the ink it crosses in stroke widths; left to right.
    """
    h, w = mask.shape
    if w <= SPLIT_ASPECT * h:
        return []
    f = -(-h // SEAM_ROWS)  # at most SEAM_ROWS rows
    small = np.asarray(Image.fromarray(mask.astype(np.uint8)).reduce(f)) > 0
    small[:, 1:] |= small[:, :-1]  # strokes at least two pixels wide: no path slips diagonally through one
    hs, ws = small.shape
    band = max(1, round(SEAM_BAND * hs))
    centres = np.arange(max(band, round(MIN_PIECE * hs)), ws - max(band, round(MIN_PIECE * hs)), CENTRE_STEP)
    if len(centres) == 0:
        return []
    # Every centre's band of columns side by side on one line, with an infinitely costly wall after each band.
    span = 2 * band + 2
    cols = (centres[:, None] + np.arange(-band - 1, band + 1)[None, :]).ravel()
    cost = np.where(np.arange(len(cols)) % span == 0, np.inf, small[:, np.clip(cols, 0, ws - 1)])
    cost = np.concatenate([cost, np.full((hs, 1), np.inf)], axis=1).astype(np.float32)
    # acc[y, i]: the least ink from the top row to row y, column cols[i], within its band.
    acc = np.empty_like(cost)
    acc[0] = cost[0]
    for y in range(1, hs):
        prev = acc[y - 1]
        np.minimum(np.minimum(prev[:-2], prev[2:]) + SIDE_STEP, prev[1:-1], out=acc[y, 1:-1])
        acc[y, 1:-1] += cost[y, 1:-1]
        acc[y, 0] = acc[y, -1] = np.inf
    last = acc[-1, :-1].reshape(len(centres), span)
    ends = last.argmin(axis=1)
    totals = last[np.arange(len(centres)), ends]
    stroke = max(1.0, stroke_width(small))
    seams: list[tuple[int, np.ndarray, float]] = []  # (centre, path on the shrunk mask, ink crossed)
    for k in np.argsort(totals, kind="stable"):
        if len(seams) == int(CUTS_PER_HEIGHT * w / h) or totals[k] > MAX_CUT_INK * hs:
            break
        if any(abs(centres[k] - c) < CUT_SPACING * hs for c, _, _ in seams):
            continue
        path = np.empty(hs, dtype=np.int64)
        j = k * span + int(ends[k])
        for y in range(hs - 1, 0, -1):
            path[y] = cols[j]
            left, straight, right = acc[y - 1, j - 1 : j + 2].tolist()
            if min(left, right) + SIDE_STEP < straight:
                j += -1 if left <= right else 1
        path[0] = cols[j]
        if all(np.abs(path - other).min() >= CUT_SPACING * hs / 2 for _, other, _ in seams):
            seams.append((int(centres[k]), path, float(totals[k]) / stroke))
    cuts = []
    for _, path, crossed in sorted(seams, key=lambda seam: seam[0]):
        boundary = np.minimum(np.repeat(path * f + f // 2, f)[:h], w)
        cuts.append((np.concatenate([boundary, np.full(h - len(boundary), boundary[-1])]), crossed))
    return cuts


def _pieces(found: _Groups, parts: list[_Part], cuts: list[list[tuple[np.ndarray, float]]]) -> list[_Piece]:
    """Every part left to right, each cut along its cuts (see :func:`_seams`) into pieces."""
    pieces = []
    for part, seams in zip(parts, cuts, strict=True):
        left, top = part.box[:2]
        mask = part.mask
        h, w = mask.shape
        bounds = [(np.zeros(h, dtype=np.int64), 0.0), *seams, (np.full(h, w), 0.0)]
        for (lo, lo_cost), (hi, hi_cost) in itertools.pairwise(bounds):
            c0, c1 = int(lo.min()), int(hi.max())
            columns = np.arange(c0, c1)[None, :]
            piece = mask[:, c0:c1] & (columns >= lo[:, None]) & (columns < hi[:, None])
            rows = np.flatnonzero(piece.any(axis=1))
            if len(rows) == 0:
                continue
            cs = np.flatnonzero(piece.any(axis=0))
            box = (left + c0 + int(cs[0]), top + int(rows[0]), left + c0 + int(cs[-1]) + 1, top + int(rows[-1]) + 1)
            pieces.append(_Piece(part.group, box, piece[rows[0] : rows[-1] + 1, cs[0] : cs[-1] + 1], lo_cost, hi_cost))
    return pieces


def _parts(found: _Groups, masks: list[np.ndarray], strokes: np.ndarray | None) -> list[_Part]:
    """Every group left to right, split into the strokes that drew it where a stroke map tells them (see
    :func:`_stroke_parts`), else whole."""
    parts = []
    for g, ((_, box), mask) in enumerate(zip(found.groups, masks, strict=True)):
        if strokes is not None and mask.shape[0] >= JOIN_HEIGHT * found.line:
            parts += _stroke_parts(found, g, box, mask, strokes)
        else:
            parts.append(_Part(g, box, mask))
    return parts


def _stroke_parts(found: _Groups, g: int, box: Box, mask: np.ndarray, strokes: np.ndarray) -> list[_Part]:
    """The strokes of group ``g`` in clusters, left to right: strokes whose x-ranges overlap by STROKE_OVERLAP of
    the narrower one are one cluster (the bar of a 5, the stem of a 4). No cluster is cut: digits part where one
    digit's strokes end and the next one's begin, and a cut through a cluster's strokes split more wide or slashed
    zeros than it parted digits (see STROKE_OVERLAP). The group whole and read as ink alone when too much of its
    ink was painted by no stroke (an opened picture). Where strokes cross, the pixels belong to the one drawn
    last."""
    left, top, right, bottom = box
    x0, y0 = found.origin
    ids = np.where(mask, strokes[y0 + top : y0 + bottom, x0 + left : x0 + right], 0)
    numbers, counts = np.unique(ids[mask], return_counts=True)
    if numbers[0] == 0 and counts[0] > UNMAPPED_INK * mask.sum():
        return [_Part(g, box, mask)]
    numbers = numbers[numbers > 0]
    clusters = _merge_by_x_overlap([([int(n)], bounding_box(ids == n)) for n in numbers], STROKE_OVERLAP)
    if len(clusters) == 1:
        return [_Part(g, box, mask, strokes_known=True)]
    parts = []
    for members, (x_0, y_0, x_1, y_1) in sorted(clusters, key=lambda c: c[1][0] + c[1][2]):
        part = np.isin(ids[y_0:y_1, x_0:x_1], members)
        parts.append(_Part(g, (left + x_0, top + y_0, left + x_1, top + y_1), part, strokes_known=True))
    return parts


def _candidates(pieces: list[_Piece], joins: list[bool]) -> list[tuple[int, int]]:
    """The runs of consecutive pieces [i, j) that may be one digit: every group whole, and up to MAX_PIECES pieces
    of one group or of groups that may join (``joins[g]``: group g and the next)."""
    runs = set()
    for i in range(len(pieces)):
        runs.add((i, i + 1))
        for j in range(i + 1, min(i + MAX_PIECES, len(pieces))):
            if pieces[j].group != pieces[j - 1].group and not joins[pieces[j - 1].group]:
                break
            runs.add((i, j + 1))
    groups = [p.group for p in pieces]
    for g in range(len(joins) + 1):
        runs.add((groups.index(g), len(groups) - groups[::-1].index(g)))
    return sorted(runs)


def _may_join(a: Box, b: Box) -> bool:
    """Whether neighbouring groups may be one digit: their x-ranges overlap, though too little to merge them (the
    "L" of a 4 reaching under its stem), or a small gap and one of them too short to be a digit."""
    short, tall = sorted((a[3] - a[1], b[3] - b[1]))
    gap = b[0] - a[2]
    return gap <= 0 or (gap < JOIN_GAP * tall and short < JOIN_HEIGHT * tall)


def _run_segment(found: _Groups, pieces: list[_Piece]) -> Segment:
    """The digit made of consecutive pieces."""
    box = pieces[0].box
    for p in pieces[1:]:
        box = _union(box, p.box)
    mask = np.zeros((box[3] - box[1], box[2] - box[0]), dtype=bool)
    for p in pieces:
        left, top, right, bottom = p.box
        mask[top - box[1] : bottom - box[1], left - box[0] : right - box[0]] |= p.mask
    return found.segment(box, mask)


def _reduced(ink: np.ndarray, factor: int) -> np.ndarray:
    """The ink shrunk by an integer factor (area averaging); as it is when the factor is 1."""
    if factor == 1:
        return ink
    return np.asarray(Image.fromarray(ink).reduce(factor))


def _best_path(n: int, runs: list[tuple[int, int]], scores: np.ndarray) -> list[int]:
    """The runs (indices) that cover pieces 0..n-1 left to right with the highest total score."""
    best = np.full(n + 1, -np.inf)
    best[0] = 0.0
    back = [-1] * (n + 1)
    for k in sorted(range(len(runs)), key=lambda k: runs[k][1]):
        i, j = runs[k]
        if best[i] + scores[k] > best[j]:
            best[j] = best[i] + scores[k]
            back[j] = k
    path = []
    j = n
    while j > 0:
        path.append(back[j])
        j = runs[back[j]][0]
    return path[::-1]


def read_drawing(
    predictor: Predictor,
    image: np.ndarray | Image.Image,
    calibration: Calibration | None = None,
    with_activations: bool = False,
    strokes: np.ndarray | None = None,
) -> Reading:
    """Read a drawing: segment it and read every digit in one forward pass (the one reading the app shows).

    With a ``calibration`` each digit also gets a verdict (sure / not sure) and its confidence is the calibrated
    one; ``with_activations`` keeps every layer's output of each digit, from the same forward pass. ``strokes``,
    the canvas' stroke map (the number of the stroke that painted each pixel of ``image``, 0 for none), lets
    digits that touch be split where their strokes meet instead of only along cuts through the ink.
    """
    if strokes is not None and strokes.shape != (shape := np.asarray(image).shape[:2]):
        raise ValueError(f"the stroke map is {strokes.shape}, the drawing {shape}")
    found = _find_groups(image)
    if found is None:
        return Reading((), NO_INK)
    masks = [found.mask(i) for i in range(len(found.groups))]
    parts = _parts(found, masks, strokes)
    # A short part is a part of a digit, never cut, nor is a part whose strokes the canvas told (digits part between
    # strokes: a pen is lifted between digits); neighbours may be one digit.
    cuts = [[] if p.strokes_known or p.mask.shape[0] < JOIN_HEIGHT * found.line else _seams(p.mask) for p in parts]
    joins = [_may_join(a, b) for (_, a), (_, b) in itertools.pairwise(found.groups)]
    if not any(cuts) and not any(joins) and len(parts) == len(masks):
        # Nothing to choose: every group is one digit, as geometry has it.
        segments = [found.segment(box, m) for (_, box), m in zip(found.groups, masks, strict=True)]
        read = [(s.box, s.mask, pre) for s in segments if (pre := preprocess(s.ink)) is not None]
        if not read:
            return Reading((), TOO_SMALL)
        logits, layers = _forward(predictor.model, torch.cat([pre.tensor for *_, pre in read]), with_activations)
        return _reading(read, logits, layers, calibration)
    pieces = _pieces(found, parts, cuts)
    runs = _candidates(pieces, joins)
    segments = [_run_segment(found, pieces[i:j]) for i, j in runs]
    factor = max(1, found.line // READ_HEIGHT)
    pres = [preprocess(_reduced(s.ink, factor)) for s in segments]
    readable = [k for k, pre in enumerate(pres) if pre is not None]
    if not readable:
        return Reading((), TOO_SMALL)
    logits, layers = _forward(predictor.model, torch.cat([pres[k].tensor for k in readable]), with_activations)
    scores = np.full(len(runs), UNREADABLE)
    scores[readable] = _scores(
        [runs[k] for k in readable],
        pieces,
        [segments[k] for k in readable],
        logits,
        found.line,
        np.stack([pres[k].image for k in readable]),
    )
    row = {k: r for r, k in enumerate(readable)}
    chosen = [row[k] for k in _best_path(len(pieces), runs, scores) if k in row]
    read = [(segments[readable[r]].box, segments[readable[r]].mask, pres[readable[r]]) for r in chosen]
    chosen_layers = None if layers is None else {name: values[chosen] for name, values in layers.items()}
    return _reading(read, logits[chosen], chosen_layers, calibration)


def read_whole(
    predictor: Predictor, image: np.ndarray | Image.Image, calibration: Calibration | None = None
) -> Reading:
    """Read a whole image as one digit, whatever its shape (``lenet-gui predict`` without ``--multi``): the same
    forward pass, confidence and verdict as each digit of :func:`read_drawing`."""
    pre = preprocess(image)
    if pre is None:
        return Reading((), NO_INK)
    logits, _ = _forward(predictor.model, pre.tensor, with_activations=False)
    return _reading([(pre.bbox, None, pre)], logits, None, calibration)


@torch.inference_mode()
def _forward(
    model: LeNet5, batch: torch.Tensor, with_activations: bool
) -> tuple[torch.Tensor, dict[str, np.ndarray] | None]:
    """Raw scores (Bx10, on the CPU) of a batch, and every layer's output when asked for, from one pass."""
    if not with_activations:
        return Calibration.logits(model, batch), None
    layers = model.activations(batch.to(next(model.parameters()).device))
    logits = model.output(layers["F6"]).float().cpu()
    return logits, {name: values.float().cpu().numpy() for name, values in layers.items()}


def digit_drawing(image: np.ndarray, digit: DigitReading, paper: int = 255) -> np.ndarray:
    """A copy of a drawing (uint8, one channel) with everything but one digit's ink turned to ``paper``: the digit
    alone, without the ink of neighbours that reach into its box."""
    left, top, right, bottom = digit.box
    out = np.full_like(image, paper)
    region = image[top:bottom, left:right]
    out[top:bottom, left:right] = region if digit.mask is None else np.where(digit.mask, region, paper)
    return out


def _scores(
    runs: list[tuple[int, int]],
    pieces: list[_Piece],
    segments: list[Segment],
    logits: torch.Tensor,
    line: int,
    images: np.ndarray,
) -> np.ndarray:
    """How much each candidate digit looks like one digit (see LOGIT_WEIGHT and below); ``line``: the tallest
    group's height."""
    boxes = np.array([s.box for s in segments], dtype=np.float64)
    width = (boxes[:, 2] - boxes[:, 0]) / line
    height = (boxes[:, 3] - boxes[:, 1]) / line
    cut = np.array([pieces[i].left_cost + pieces[j - 1].right_cost for i, j in runs])
    top = logits.max(dim=1).values.double().numpy()
    log_p = torch.log_softmax(logits.double(), dim=1).max(dim=1).values.numpy()
    return (
        width * (LOGIT_WEIGHT * top + PROB_WEIGHT * log_p)
        - WIDE_COST * np.maximum(0.0, width - WIDE)
        - VERY_WIDE_COST * np.maximum(0.0, width - VERY_WIDE)
        - SHORT_COST * np.maximum(0.0, SHORT - height)
        - CUT_COST * cut
        - CROSSED_COST * (row_crossings(images) > CROSSED)
    )


def _reading(
    read: list[tuple[Box, np.ndarray | None, Preprocessed]],
    logits: torch.Tensor,
    layers: dict[str, np.ndarray] | None,
    calibration: Calibration | None,
) -> Reading:
    """The digits read (box, the digit's ink in it or None for all of it, network input), with a verdict each when
    there is a calibration."""
    probs = torch.softmax(logits, dim=1).numpy()
    if calibration is None:
        verdicts: list[Verdict | None] = [None] * len(read)
        confidences = probs.max(axis=1)
        calibrated: list[np.ndarray | None] = [None] * len(read)
    else:
        verdicts = calibration.judge(logits, np.stack([pre.image for *_, pre in read]))
        confidences = np.array([v.confidence for v in verdicts])
        calibrated = list(calibration.calibrated_probabilities(logits))
    activations = [None if layers is None else {k: v[i] for k, v in layers.items()} for i in range(len(read))]
    digits = tuple(
        DigitReading(box, int(p.argmax()), float(c), p, pre, v, cp, a, mask)
        for (box, mask, pre), p, c, v, cp, a in zip(
            read, probs, confidences, verdicts, calibrated, activations, strict=True
        )
    )
    return Reading(digits)
