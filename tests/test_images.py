"""Reading image files: every mode becomes an array, bad files and bombs become ImageError."""

from __future__ import annotations

import struct
import warnings
import zlib
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from lenet_gui.core.images import MAX_PIXELS, load_image
from lenet_gui.core.preprocess import preprocess
from lenet_gui.errors import ImageError


def png_declaring(path: Path, width: int, height: int) -> Path:
    """A tiny PNG whose header claims ``width`` x ``height`` pixels (a decompression bomb's shape)."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    data = (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(b"\0" * 64)) + chunk(b"IEND", b"")
    )
    path.write_bytes(data)
    return path


def digit_one(value_ink: int = 0, value_paper: int = 255, size: int = 64) -> np.ndarray:
    """A vertical bar on plain paper: something preprocessing must find."""
    img = np.full((size, size), value_paper, dtype=np.uint8)
    img[8:56, 28:36] = value_ink
    return img


@pytest.mark.parametrize(
    ("content", "message"),
    [(b"", "not an image"), (b"hello, this is text\n" * 50, "not an image"), (None, "not found")],
    ids=["empty", "text", "missing"],
)
def test_files_that_are_not_images_are_refused(tmp_path, content, message):
    path = tmp_path / "file.png"
    if content is not None:
        path.write_bytes(content)
    with pytest.raises(ImageError, match=message):
        load_image(path)


def test_a_folder_is_refused(tmp_path):
    with pytest.raises(ImageError, match="folder"):
        load_image(tmp_path)


def test_truncated_png_is_refused(tmp_path):
    path = tmp_path / "cut.png"
    Image.fromarray(np.random.default_rng(0).integers(0, 255, (200, 200), dtype=np.uint8)).save(path)
    path.write_bytes(path.read_bytes()[:2000])
    with pytest.raises(ImageError, match="could not be decoded"):
        load_image(path)


@pytest.mark.parametrize(
    "size",
    [(MAX_PIXELS // 1000 + 1, 1000), (50_000, 50_000), (2**31 - 1, 2**31 - 1)],
    ids=["just-over-limit", "beyond-pillow-limit", "absurd"],
)
def test_decompression_bomb_is_refused_by_its_declared_size(tmp_path, size):
    path = png_declaring(tmp_path / "bomb.png", *size)
    assert path.stat().st_size < 200
    with pytest.raises(ImageError, match=f"{MAX_PIXELS:,}"):
        load_image(path)


def test_size_just_under_the_limit_is_only_read_lazily(tmp_path):
    # The same tiny file declaring a small size is not refused by size: it fails to decode instead.
    path = png_declaring(tmp_path / "small.png", 100, 100)
    with pytest.raises(ImageError, match="could not be decoded"):
        load_image(path)


def _save(path: Path, img: Image.Image, **kwargs) -> Path:
    img.save(path, **kwargs)
    return path


def test_16_bit_gray_is_scaled_to_8_bit(tmp_path):
    arr = (digit_one(0, 255).astype(np.uint16) * 257).astype(np.uint16)  # full 16-bit range
    path = _save(tmp_path / "g16.png", Image.fromarray(arr))
    assert Image.open(path).mode.startswith("I")
    out = load_image(path)
    assert out.dtype == np.uint8 and out.shape == (64, 64)
    assert out.max() == 255 and out.min() == 0
    assert preprocess(out) is not None


def test_float_image_with_nan_gives_a_clean_array(tmp_path):
    arr = np.full((32, 32), np.nan, dtype=np.float32)
    arr[4:28, 14:18] = 1000.0
    path = _save(tmp_path / "f.tif", Image.fromarray(arr, mode="F"))
    out = load_image(path)
    assert out.dtype == np.uint8 and out[0, 0] == 0 and out[10, 15] == 255


@pytest.mark.parametrize("mode", ["P", "CMYK", "RGBA", "LA", "1", "RGB"])
def test_every_common_mode_reads_and_keeps_the_digit(tmp_path, mode):
    rgb = Image.fromarray(digit_one()).convert("RGB")
    img = rgb.convert(mode)
    path = _save(tmp_path / ("x.jpg" if mode == "CMYK" else "x.png"), img)
    out = load_image(path)
    assert out.dtype == np.uint8 and out.shape[:2] == (64, 64)
    pre = preprocess(out)
    assert pre is not None
    assert pre.bbox[0] in range(26, 30) and pre.bbox[2] in range(34, 38)


def test_transparent_background_with_opaque_ink(tmp_path):
    rgba = np.zeros((64, 64, 4), dtype=np.uint8)
    rgba[8:56, 28:36] = (0, 0, 0, 255)  # black ink on fully transparent (also black) pixels
    out = load_image(_save(tmp_path / "t.png", Image.fromarray(rgba, mode="RGBA")))
    assert preprocess(out) is not None


@pytest.mark.parametrize("value", [0, 255])
def test_blank_images_are_no_digit(tmp_path, value):
    path = _save(tmp_path / "blank.png", Image.new("L", (120, 80), value))
    assert preprocess(load_image(path)) is None


def test_animated_gif_gives_its_first_frame(tmp_path):
    first = Image.fromarray(digit_one())
    moved = Image.fromarray(np.roll(digit_one(), -20, axis=1))
    blank = Image.new("L", (64, 64), 255)
    path = _save(tmp_path / "anim.gif", first, save_all=True, append_images=[moved, blank], duration=100)
    assert Image.open(path).n_frames == 3
    pre = preprocess(load_image(path))
    assert pre is not None and pre.bbox[0] in range(26, 30)


def test_a_broken_file_gives_an_error_but_no_warnings(tmp_path):
    path = tmp_path / "scan.tif"
    path.write_bytes(b"II*\x00\x08\x00\x00\x00")  # a TIFF header pointing at a missing directory
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        with pytest.raises(ImageError, match="not an image"):
            load_image(path)
    assert [str(w.message) for w in caught] == []  # on the command line each would be extra stderr lines


def test_large_images_are_scaled_down_after_decoding(tmp_path):
    from lenet_gui.core.images import MAX_SIDE

    big = np.full((3000, 5000), 255, dtype=np.uint8)
    big[500:2500, 2000:2600] = 0
    path = tmp_path / "big.png"
    Image.fromarray(big).save(path)
    arr = load_image(path)
    assert max(arr.shape[:2]) == MAX_SIDE
    assert arr.shape[:2] == (round(3000 * MAX_SIDE / 5000), MAX_SIDE)
