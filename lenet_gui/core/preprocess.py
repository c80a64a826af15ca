"""Canvas image -> network input, the way MNIST was made.

Find the ink (either polarity), crop to its bounding box, thicken strokes that
would end up thinner than a pen's in MNIST, fit it into 20x20 keeping the
aspect ratio with anti-aliasing, place it in 28x28 so that its centre of mass
sits at the centre, and normalise with MNIST's mean and std.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np
from PIL import Image

if TYPE_CHECKING:
    import torch

# Bump when the pipeline changes in a way that affects what the network sees;
# it is stored with trained weights.
PREPROCESSING_VERSION = 2

MNIST_MEAN = 0.1307
MNIST_STD = 0.3081
SIZE = 28
BOX = 20
# Where MNIST's digits have their centre of mass (measured on the test set: 13.99, 14.01).
CENTRE = 14.0

# Ink weaker than this (0..255, after removing the background level) is noise.
MIN_CONTRAST = 40.0
# Fraction of the peak ink below which a pixel does not count for the bounding box.
INK_THRESHOLD = 0.15
# A drawing whose larger side is below this fraction of the image's larger side
# (or below MIN_INK_PIXELS pixels) is treated as a stray mark, not a digit.
MIN_EXTENT_FRACTION = 0.04
MIN_INK_PIXELS = 2
# So is a dot (a click, a decimal point): a mark below this fraction of the image's larger side that is about as
# wide as its strokes are thick, its extent at most DOT_ROUNDNESS times its stroke width (a filled disk's is 2,
# a short dash's 4, a fat 0's 3 or more).
DOT_FRACTION = 0.12
DOT_ROUNDNESS = 2.5
# Strokes thinner than this many pixels of the 20x20 box are thickened before scaling: a thin brush on a
# large drawing would otherwise fade to faint grey lines, unlike MNIST's pen strokes (about 2 px).
# On pen digits drawn with a brush of 1% of their height this took held-out writers from 93.4% to 96.2%.
MIN_STROKE = 1.5
# A crop whose longer side exceeds this is first reduced by maxima over blocks (which, unlike averaging,
# keeps thin strokes whole), so that thickening a photo's or scan's strokes stays cheap. The canvas'
# drawings are never reduced: on pen digits 300 px tall, reducing them to 160 px cost 0.3-0.5 points.
WORK_SIZE = 1024


@dataclass(frozen=True)
class Preprocessed:
    """What the network sees for one drawing."""

    image: np.ndarray  # 28x28 uint8, white ink on black, as in MNIST
    bbox: tuple[int, int, int, int]  # (left, top, right, bottom) of the ink in the input

    @property
    def tensor(self) -> torch.Tensor:
        """The network input: 1x1x28x28 float32, normalised (torch is imported here, where it is needed)."""
        import torch

        return torch.from_numpy(_NORMALIZED[self.image]).view(1, 1, SIZE, SIZE)


def to_ink(image: np.ndarray) -> np.ndarray:
    """Ink intensity in 0..255 (float32, 0 = background) from any image array.

    Accepts HxW gray, HxWx3 RGB or HxWx4 RGBA of uint8, uint16, bool or float
    (floats up to 1.0 are taken as 0..1). The background polarity is detected
    from the border. Where alpha carries the drawing (a transparent
    background), alpha is the ink.
    """
    arr = np.asarray(image)
    if arr.ndim == 3 and arr.shape[2] == 1:
        arr = arr[:, :, 0]
    if arr.ndim not in (2, 3) or (arr.ndim == 3 and arr.shape[2] not in (3, 4)):
        raise ValueError(f"expected an HxW, HxWx3 or HxWx4 image, got shape {arr.shape}")
    if arr.size == 0:
        return np.zeros(arr.shape[:2], dtype=np.float32)
    values = _to_255(arr)
    if values.ndim == 3:
        if values.shape[2] == 4:
            alpha = values[:, :, 3]
            if alpha.min() < 127.5 <= alpha.max():
                return alpha
        values = values[:, :, :3] @ np.array([0.299, 0.587, 0.114], dtype=np.float32)
    border = np.concatenate([values[0], values[-1], values[:, 0], values[:, -1]])
    background = float(np.median(border))
    if background < 127.5:
        values -= background
    else:
        np.subtract(background, values, out=values)
    return np.clip(values, 0.0, None, out=values)


def _to_255(arr: np.ndarray) -> np.ndarray:
    """A fresh float32 copy of ``arr`` scaled to 0..255."""
    if arr.dtype == np.uint8:
        return arr.astype(np.float32)  # the canvas' case: one conversion, nothing to clip
    if arr.dtype == np.bool_:
        return arr.astype(np.float32) * 255.0
    if np.issubdtype(arr.dtype, np.integer):
        top = 65535.0 if arr.dtype.itemsize > 1 and arr.max(initial=0) > 255 else 255.0
        return np.clip(arr.astype(np.float32) * (255.0 / top), 0.0, 255.0)
    values = np.nan_to_num(arr.astype(np.float32), nan=0.0, posinf=0.0, neginf=0.0)
    if values.max(initial=0.0) <= 1.0:
        values *= 255.0
    return np.clip(values, 0.0, 255.0, out=values)


def preprocess(image: np.ndarray | Image.Image) -> Preprocessed | None:
    """Network input for a drawing, or ``None`` when there is no digit (no ink)."""
    found = find_ink(image)
    if found is None:
        return None
    ink, mask, peak = found
    left, top, right, bottom = bounding_box(mask)
    if stray_mark(mask[top:bottom, left:right], max(ink.shape)):
        return None
    # Only the cropped region is converted to float.
    crop = ink[top:bottom, left:right].astype(np.float32) * np.float32(255.0 / peak)
    crop_mask = mask[top:bottom, left:right]
    crop[~crop_mask] = 0.0
    block = math.ceil(max(crop.shape) / WORK_SIZE)
    if block > 1:
        crop, crop_mask = _block_max(crop, block), _block_max(crop_mask, block)
    digit = _fit_box(_thicken_thin_strokes(crop, crop_mask))
    placed = _place_by_centre_of_mass(digit)
    return Preprocessed(placed, (left, top, right, bottom))


def find_ink(image: np.ndarray | Image.Image) -> tuple[np.ndarray, np.ndarray, float] | None:
    """The ink of any image (uint8 for the canvas' gray images, float32 otherwise), where it is
    (``ink >= peak * INK_THRESHOLD``) and its peak; ``None`` when there is too little contrast."""
    arr = np.asarray(image.convert("RGBA") if isinstance(image, Image.Image) else image)
    ink = gray_u8_ink(arr)
    if ink is None:
        ink = to_ink(arr)
    if ink.size == 0:
        return None
    peak = float(ink.max())
    if peak < MIN_CONTRAST:
        return None
    threshold = peak * INK_THRESHOLD
    if ink.dtype == np.uint8:
        threshold = math.ceil(threshold)  # the same pixels, compared without a float copy of the ink
    return ink, ink >= threshold, peak


def bounding_box(mask: np.ndarray) -> tuple[int, int, int, int]:
    """(left, top, right, bottom) of the True pixels of a mask that has some; right and bottom exclusive."""
    rows = np.flatnonzero(mask.any(axis=1))
    cols = np.flatnonzero(mask.any(axis=0))
    return int(cols[0]), int(rows[0]), int(cols[-1]) + 1, int(rows[-1]) + 1


# The normalised network input for each uint8 pixel value.
_NORMALIZED = (np.arange(256, dtype=np.float32) / 255.0 - MNIST_MEAN) / MNIST_STD


def gray_u8_ink(arr: np.ndarray) -> np.ndarray | None:
    """:func:`to_ink` of a gray uint8 image (the canvas) as uint8, or ``None`` for any other image.

    Integer arithmetic on the whole image instead of a float copy of it; also
    ``None`` when the border's median falls between two levels, which only the
    float path represents exactly.
    """
    if arr.dtype != np.uint8 or arr.ndim != 2 or arr.size == 0:
        return None
    border = np.concatenate([arr[0], arr[-1], arr[:, 0], arr[:, -1]])
    background = float(np.median(border))
    if not background.is_integer():
        return None
    level = np.uint8(background)
    if background < 127.5:
        return np.maximum(arr, level) - level
    return level - np.minimum(arr, level)


def _block_max(values: np.ndarray, block: int) -> np.ndarray:
    """Maxima over ``block`` x ``block`` tiles (the edges padded with zeros)."""
    h, w = values.shape
    padded = np.pad(values, ((0, -h % block), (0, -w % block)))
    return padded.reshape(padded.shape[0] // block, block, padded.shape[1] // block, block).max(axis=(1, 3))


def stray_mark(mask: np.ndarray, side: int) -> bool:
    """Whether the ink of ``mask`` (cropped to its box) is a stray mark, not a digit: too small for one, or a dot
    (see DOT_FRACTION); ``side``: the larger side of the whole image."""
    extent = max(mask.shape)
    if extent < MIN_EXTENT_FRACTION * side or np.count_nonzero(mask) < MIN_INK_PIXELS:
        return True
    return extent < DOT_FRACTION * side and extent <= DOT_ROUNDNESS * stroke_width(mask)


def stroke_width(mask: np.ndarray) -> float:
    """The mean width of the strokes in a mask, in pixels: twice the area over the boundary's length."""
    inner = np.zeros_like(mask)
    inner[1:-1, 1:-1] = mask[1:-1, 1:-1] & mask[:-2, 1:-1] & mask[2:, 1:-1] & mask[1:-1, :-2] & mask[1:-1, 2:]
    area = np.count_nonzero(mask)
    return 2.0 * area / max(area - np.count_nonzero(inner), 1)


def _thicken_thin_strokes(crop: np.ndarray, mask: np.ndarray) -> np.ndarray:
    """The crop with its strokes grown (grey dilation, padded) to MIN_STROKE pixels of the 20x20 box."""
    wanted = MIN_STROKE * max(crop.shape) / BOX
    grow = round((wanted - stroke_width(mask)) / 2)
    if grow < 1:
        return crop
    out = np.pad(crop, grow)
    for axis in (0, 1):
        out = _max_over_window(out, grow, axis)
    return out


def _max_over_window(values: np.ndarray, radius: int, axis: int) -> np.ndarray:
    """Maximum over a window of 2*radius+1 along ``axis`` (edges padded with zeros), in O(log radius) passes."""
    out = values.copy()
    covered = 0  # ``out`` holds the maximum over [-covered, covered]
    while covered < radius:
        shift = min(covered + 1, radius - covered)
        ahead, behind = np.zeros_like(out), np.zeros_like(out)
        if axis == 0:
            ahead[:-shift], behind[shift:] = out[shift:], out[:-shift]
        else:
            ahead[:, :-shift], behind[:, shift:] = out[:, shift:], out[:, :-shift]
        out = np.maximum(out, np.maximum(ahead, behind))
        covered += shift
    return out


def _fit_box(crop: np.ndarray) -> np.ndarray:
    """Scale so the longer side is BOX pixels, with area-averaging anti-aliasing."""
    h, w = crop.shape
    scale = BOX / max(h, w)
    size = (max(1, round(w * scale)), max(1, round(h * scale)))
    img = Image.fromarray(np.clip(crop, 0, 255).astype(np.uint8), mode="L")
    resample = Image.Resampling.BOX if scale < 1 else Image.Resampling.BILINEAR
    return np.asarray(img.resize(size, resample), dtype=np.uint8)


def _place_by_centre_of_mass(digit: np.ndarray) -> np.ndarray:
    """Paste into 28x28 so that the centre of mass lands on the centre, staying inside."""
    h, w = digit.shape
    weights = digit.astype(np.float64)
    total = weights.sum()
    if total > 0:
        cy = (weights.sum(axis=1) @ np.arange(h)) / total
        cx = (weights.sum(axis=0) @ np.arange(w)) / total
    else:
        cy, cx = (h - 1) / 2, (w - 1) / 2
    top = int(np.clip(round(CENTRE - cy), 0, SIZE - h))
    left = int(np.clip(round(CENTRE - cx), 0, SIZE - w))
    out = np.zeros((SIZE, SIZE), dtype=np.uint8)
    out[top : top + h, left : left + w] = digit
    return out


def normalize(images: torch.Tensor) -> torch.Tensor:
    """MNIST normalisation of images in 0..1."""
    return (images - MNIST_MEAN) / MNIST_STD
