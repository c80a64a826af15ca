"""Connected pieces of a boolean image: the strokes of a drawing, and the loops they close.

Plain numpy, no torch: segmentation splits a drawing into its pieces of ink, and the
calibration counts the loops of a network input ("more loops than a digit has").
"""

from __future__ import annotations

import numpy as np

# A region of paper enclosed by ink counts as a loop from this many pixels on (in a 28x28 input: a speck of paper
# inside a thick stroke is not a loop).
MIN_LOOP_PIXELS = 2


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


def count_loops(ink: np.ndarray) -> int:
    """How many loops the ink (a boolean HxW mask) closes: regions of paper that do not reach the border, of at least
    MIN_LOOP_PIXELS pixels (a 0 has one, an 8 two; paper joined through a diagonal gap in the ink is not closed)."""
    paper, n = label_components(~ink)
    if n == 0:
        return 0
    sizes = np.bincount(paper.ravel(), minlength=n + 1)
    open_ = np.unique(np.concatenate([paper[0], paper[-1], paper[:, 0], paper[:, -1]]))
    sizes[open_] = 0
    sizes[0] = 0
    return int((sizes >= MIN_LOOP_PIXELS).sum())
