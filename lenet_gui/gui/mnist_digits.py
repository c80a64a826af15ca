"""MNIST digits as pictures: thumbnails (dark ink on white) and enlarged for the canvas."""

from __future__ import annotations

import numpy as np
from PIL import Image
from PySide6.QtGui import QImage

# An MNIST digit is enlarged this many times before it goes on the canvas, so it looks drawn, not pixelated.
CANVAS_UPSCALE = 10


def upscaled(image: np.ndarray) -> np.ndarray:
    """A 28x28 MNIST digit (white on black) enlarged smoothly, as a picture for :meth:`Canvas.set_picture`."""
    pixels = np.asarray(image, dtype=np.uint8)
    height, width = pixels.shape
    size = (width * CANVAS_UPSCALE, height * CANVAS_UPSCALE)
    return np.asarray(Image.fromarray(pixels).resize(size, Image.Resampling.BICUBIC))


def digit_qimage(image: np.ndarray) -> QImage:
    """A 28x28 MNIST digit as dark ink on white, the way the canvas shows digits."""
    pixels = np.ascontiguousarray(255 - np.asarray(image, dtype=np.uint8))
    height, width = pixels.shape
    return QImage(pixels.data, width, height, width, QImage.Format.Format_Grayscale8).copy()
