"""Reading image files safely: size limits before decoding, every mode to an array."""

from __future__ import annotations

import os
import warnings
from pathlib import Path

import numpy as np
from PIL import Image, UnidentifiedImageError

from lenet_gui.errors import ImageError

# A drawing never needs more; larger files are refused before they are decoded,
# which also stops decompression bombs.
MAX_PIXELS = 40_000_000
# Larger images are scaled down to this longest side after decoding: a digit needs
# far fewer pixels, and preprocessing a 40-megapixel array takes seconds.
MAX_SIDE = 2048


def load_image(path: str | os.PathLike[str]) -> np.ndarray:
    """An image file as HxW (gray) or HxWx4 (RGBA) uint8; the first frame of animations."""
    source = Path(path)
    try:
        with warnings.catch_warnings():
            # Pillow's complaints about odd files (corrupt EXIF...) would clutter the command line's stderr.
            warnings.simplefilter("ignore")
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(source) as img:
                width, height = img.size
                if width * height > MAX_PIXELS:
                    raise ImageError(
                        f"{source} is {width}x{height} pixels, more than the {MAX_PIXELS:,} this app reads"
                    )
                img.seek(0)
                return _limit_size(image_to_array(img))
    except ImageError:
        raise
    except FileNotFoundError as exc:
        raise ImageError(f"image not found: {source}") from exc
    except IsADirectoryError as exc:
        raise ImageError(f"{source} is a folder, not an image") from exc
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
        raise ImageError(
            f"{source} is refused: it declares more than the {MAX_PIXELS:,} pixels this app reads"
        ) from exc
    except UnidentifiedImageError as exc:
        raise ImageError(f"{source} is not an image this app can read") from exc
    except (OSError, ValueError, SyntaxError, EOFError) as exc:
        raise ImageError(f"{source} could not be decoded ({exc})") from exc


def image_to_array(img: Image.Image) -> np.ndarray:
    """Any PIL image as HxW uint8 (gray) or HxWx4 uint8 (RGBA)."""
    if img.mode in ("I;16", "I;16B", "I;16L", "I", "F"):
        arr = np.nan_to_num(np.asarray(img, dtype=np.float64), nan=0.0, posinf=0.0, neginf=0.0)
        top = arr.max(initial=0.0)
        scale = 255.0 / top if top > 255 else 1.0
        return np.clip(arr * scale, 0, 255).astype(np.uint8)
    if img.mode in ("L", "1"):
        return np.asarray(img.convert("L"), dtype=np.uint8)
    return np.asarray(img.convert("RGBA"), dtype=np.uint8)


def _limit_size(arr: np.ndarray) -> np.ndarray:
    h, w = arr.shape[:2]
    if max(h, w) <= MAX_SIDE:
        return arr
    scale = MAX_SIDE / max(h, w)
    size = (max(1, round(w * scale)), max(1, round(h * scale)))
    return np.asarray(Image.fromarray(arr).resize(size, Image.Resampling.BOX), dtype=np.uint8)
