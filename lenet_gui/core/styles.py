"""Writing styles that MNIST lacks, drawn on batches of its digits: a slashed zero, a continental one, a crossed 7.

Pad users write these and an MNIST-only network misreads them (a slashed zero as 8, a one
with a long up-stroke as 7). Each style adds one straight pen stroke to a random share of
the digits of its class, placed from the digit's own ink (its bounding box, its top, its
stem), so that the network learns which cue tells a 1 from a 7 and that a slash does not
make an 8. All of it is batched tensor work.
"""

from __future__ import annotations

import math

import torch

INK = 0.3  # a pixel (0..1) is ink from here on, for finding a digit's box
PEN = (1.6, 2.6)  # width of the added stroke, pixels of the 28x28 image


def add_styles(
    images: torch.Tensor,
    labels: torch.Tensor,
    shares: tuple[float, float, float],
    generator: torch.Generator | None = None,
) -> torch.Tensor:
    """Bx1xHxW images (0..1) with a slashed zero, a continental one and a crossed seven drawn on
    ``shares`` (in that order) of the 0s, 1s and 7s."""
    b, _, h, w = images.shape
    opts = {"device": images.device, "dtype": images.dtype}
    draw = torch.rand(b, 6, generator=generator, **opts)  # who, then five shape parameters
    chosen = torch.zeros(b, dtype=torch.bool, device=images.device)
    for digit, share in zip((0, 1, 7), shares, strict=True):
        chosen |= (labels == digit) & (draw[:, 0] < share)
    idx = torch.nonzero(chosen).squeeze(1)
    if idx.numel() == 0:
        return images
    sub, kind, u = images[idx], labels[idx], draw[idx, 1:]
    left, top, right, bottom = _boxes(sub)
    height = (bottom - top).clamp(min=4)
    mid_x = (left + right) / 2
    # A slash from beyond the bottom-left corner to beyond the top-right one (a quarter the other way).
    reach = 1 + 2 * u[:, 0]
    flip = u[:, 1] < 0.25
    slash = (
        left - reach,
        torch.where(flip, top - reach, bottom + reach),
        right + reach,
        torch.where(flip, bottom + reach, top - reach),
    )
    # A one's up-stroke: from the top of the stem down to the left, 30-55% of the height long, 25-50 degrees.
    top_x = _ink_x_at(sub, top.long().clamp(0, h - 1), mid_x)
    length = height * (0.3 + 0.25 * u[:, 0])
    angle = (25 + 25 * u[:, 1]) * math.pi / 180
    flag = (top_x, top, top_x - length * torch.cos(angle), top + length * torch.sin(angle))
    # A seven's bar: across the stem at 45-60% of the height, 35-60% of the height wide, a little tilted.
    bar_y = top + height * (0.45 + 0.15 * u[:, 0])
    bar_x = _ink_x_at(sub, bar_y.long().clamp(0, h - 1), mid_x)
    half = height * (0.18 + 0.12 * u[:, 1])
    tilt = (u[:, 2] - 0.5) * 0.2 * half
    bar = (bar_x - half, bar_y + tilt, bar_x + half, bar_y - tilt)
    ends = [torch.where(kind == 0, s, torch.where(kind == 1, f, c)) for s, f, c in zip(slash, flag, bar, strict=True)]
    pen = PEN[0] + (PEN[1] - PEN[0]) * u[:, 3]
    out = images.clone()
    out[idx] = torch.maximum(sub, _segments(h, w, *ends, pen))
    return out


def _boxes(images: torch.Tensor) -> tuple[torch.Tensor, ...]:
    """(left, top, right, bottom) of each image's ink, float pixel coordinates (right/bottom inclusive)."""
    ink = images[:, 0] > INK
    rows, cols = ink.any(dim=2), ink.any(dim=1)
    h, w = rows.shape[1], cols.shape[1]
    top = rows.float().argmax(dim=1)
    bottom = h - 1 - rows.flip(1).float().argmax(dim=1)
    left = cols.float().argmax(dim=1)
    right = w - 1 - cols.flip(1).float().argmax(dim=1)
    return left.float(), top.float(), right.float(), bottom.float()


def _ink_x_at(images: torch.Tensor, rows: torch.Tensor, fallback: torch.Tensor) -> torch.Tensor:
    """The mean x of the ink in the given row of each image (``fallback`` where the row has none)."""
    line = images[torch.arange(len(rows), device=images.device), 0, rows]  # BxW
    weight = (line > INK).float()
    xs = torch.arange(line.shape[1], device=line.device, dtype=line.dtype)
    total = weight.sum(dim=1)
    return torch.where(total > 0, (weight * xs).sum(dim=1) / total.clamp(min=1), fallback)


def _segments(
    h: int, w: int, x0: torch.Tensor, y0: torch.Tensor, x1: torch.Tensor, y1: torch.Tensor, pen: torch.Tensor
) -> torch.Tensor:
    """Bx1xHxW anti-aliased strokes from (x0, y0) to (x1, y1) with round ends, ``pen`` pixels wide."""
    ys = torch.arange(h, device=x0.device, dtype=x0.dtype).view(1, h, 1)
    xs = torch.arange(w, device=x0.device, dtype=x0.dtype).view(1, 1, w)
    x0, y0, x1, y1, pen = (t.view(-1, 1, 1) for t in (x0, y0, x1, y1, pen))
    dx, dy = x1 - x0, y1 - y0
    t = (((xs - x0) * dx + (ys - y0) * dy) / (dx * dx + dy * dy).clamp(min=1e-6)).clamp(0, 1)
    distance = torch.hypot(xs - (x0 + t * dx), ys - (y0 + t * dy))
    return (pen / 2 + 0.5 - distance).clamp(0, 1).unsqueeze(1)
