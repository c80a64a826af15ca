"""Preprocessing on hand-made arrays: centring, aspect, polarity, empty input."""

import numpy as np
import pytest
import torch
from hypothesis import given, settings
from hypothesis import strategies as st
from PIL import Image

from lenet_gui.core.preprocess import MNIST_MEAN, MNIST_STD, _max_over_window, preprocess, to_ink


def canvas(h=280, w=280, fill=255):
    return np.full((h, w), fill, dtype=np.uint8)


def centre_of_mass(img):
    w = img.astype(float)
    ys, xs = np.indices(img.shape)
    return (ys * w).sum() / w.sum(), (xs * w).sum() / w.sum()


def test_empty_canvas_is_no_digit():
    assert preprocess(canvas()) is None
    assert preprocess(canvas(fill=0)) is None


def test_faint_noise_is_no_digit():
    rng = np.random.default_rng(0)
    img = (255 - rng.integers(0, 20, (200, 200))).astype(np.uint8)
    assert preprocess(img) is None


def test_off_centre_block_is_moved_to_the_centre_by_its_centre_of_mass():
    img = canvas()
    img[10:70, 200:230] = 0  # dark ink in the top right corner
    out = preprocess(img)
    assert out is not None
    cy, cx = centre_of_mass(out.image)
    assert abs(cy - 14.0) <= 0.5 and abs(cx - 14.0) <= 0.5
    assert out.bbox == (200, 10, 230, 70)


def test_aspect_ratio_is_kept_and_longer_side_is_20():
    img = canvas()
    img[40:240, 100:150] = 0  # 200 tall, 50 wide
    out = preprocess(img)
    rows = np.flatnonzero(out.image.max(axis=1) > 0)
    cols = np.flatnonzero(out.image.max(axis=0) > 0)
    assert len(rows) == 20
    assert len(cols) == 5


def test_polarity_is_detected():
    dark_on_light = canvas()
    dark_on_light[50:200, 120:160] = 0
    light_on_dark = 255 - dark_on_light
    a, b = preprocess(dark_on_light), preprocess(light_on_dark)
    assert np.array_equal(a.image, b.image)
    assert a.image.max() == 255  # ink is white in what the network sees, as in MNIST
    assert a.image[0, 0] == 0


def test_rgb_and_rgba_inputs_match_grayscale():
    gray = canvas()
    gray[60:220, 100:180] = 0
    rgb = np.stack([gray] * 3, axis=-1)
    rgba = np.dstack([rgb, np.full_like(gray, 255)])
    expected = preprocess(gray).image
    assert np.array_equal(preprocess(rgb).image, expected)
    assert np.array_equal(preprocess(rgba).image, expected)
    assert np.array_equal(preprocess(Image.fromarray(gray)).image, expected)


def test_transparent_background_uses_alpha_as_ink():
    rgba = np.zeros((100, 100, 4), dtype=np.uint8)
    rgba[20:80, 40:60] = (255, 255, 255, 255)  # white ink on a transparent canvas
    out = preprocess(rgba)
    assert out is not None and out.image.max() == 255


def test_tensor_is_normalised_like_mnist():
    img = canvas()
    img[60:220, 100:180] = 0
    out = preprocess(img)
    assert out.tensor.shape == (1, 1, 28, 28) and out.tensor.dtype == torch.float32
    expected = (torch.from_numpy(out.image).float() / 255 - MNIST_MEAN) / MNIST_STD
    assert torch.allclose(out.tensor[0, 0], expected)
    assert out.tensor.min().item() == pytest.approx(-MNIST_MEAN / MNIST_STD)


def test_deterministic():
    rng = np.random.default_rng(3)
    img = canvas()
    img[rng.integers(0, 280, 500), rng.integers(0, 280, 500)] = 0
    a, b = preprocess(img), preprocess(img.copy())
    assert np.array_equal(a.image, b.image) and torch.equal(a.tensor, b.tensor)


def test_single_dot_on_a_large_canvas_is_no_digit():
    img = canvas()
    img[140:143, 140:143] = 0
    assert preprocess(img) is None


def disk(img: np.ndarray, cx: float, cy: float, r: float, ring: float = 0.0) -> np.ndarray:
    ys, xs = np.indices(img.shape)
    d = np.hypot(xs - cx, ys - cy)
    img[(d <= r) & (d >= ring)] = 0
    return img


@pytest.mark.parametrize("radius", [12, 20, 30])
def test_a_round_dot_is_no_digit_even_with_a_broad_brush(radius):
    # A click with the brush of the canvas (560 px; brushes up to 60 px) leaves a dot, not a digit.
    assert preprocess(disk(canvas(560, 560), 280, 280, radius)) is None


def test_small_marks_that_are_strokes_still_are_digits():
    short_one = canvas(560, 560)
    short_one[240:300, 270:286] = 0  # a short, thick bar: 60 px long, 16 px wide
    assert preprocess(short_one) is not None
    fat_zero = disk(canvas(560, 560), 280, 280, 30, ring=10)  # a small 0 of a thick pen
    assert preprocess(fat_zero) is not None
    blob = disk(canvas(), 140, 140, 60)  # a large filled blob is for the "not sure" checks to judge
    assert preprocess(blob) is not None


def test_stroke_along_the_border_is_kept_inside():
    img = canvas()
    img[:, 0:12] = 0  # a vertical bar on the very left edge, the full height
    img[0, :] = 255  # keep most of the border as background
    out = preprocess(img)
    assert out is not None and out.image.sum() > 0


def test_to_ink_handles_float_and_16_bit():
    f = np.zeros((50, 50), dtype=np.float32)
    f[10:40, 20:30] = 1.0
    u16 = (f * 65535).astype(np.uint16)
    assert to_ink(f).max() == pytest.approx(255.0)
    assert to_ink(u16).max() == pytest.approx(255.0)


def test_wrong_shape_is_a_value_error():
    with pytest.raises(ValueError):
        preprocess(np.zeros((4, 4, 7), dtype=np.uint8))


def test_border_half_dark_half_light_takes_the_exact_path():
    """A border median between two grey levels (127.5 here) is not an integer; the result is the same as uint16's."""
    image = np.zeros((60, 60), dtype=np.uint8)
    image[:30] = 255
    image[35:50, 20:40] = 200
    a, b = preprocess(image), preprocess(image.astype(np.uint16))
    assert (a is None) == (b is None)
    if a is not None:
        assert torch.equal(a.tensor, b.tensor)


@pytest.mark.parametrize("pen", [1, 2, 4])
def test_a_thin_stroke_on_a_large_drawing_reaches_the_network_as_a_pen_stroke(pen):
    """A thin brush on a big digit would fade to faint grey in 20x20; it is thickened first."""
    img = canvas(500, 500)
    img[40:460, 250 : 250 + pen] = 0  # a tall, very thin "1"
    img[40 : 40 + pen, 150:250] = 0
    out = preprocess(img)
    assert out is not None
    assert out.image.max() >= 200
    strong = out.image >= 128
    assert strong[:, 10:18].sum(axis=1).max() >= 1
    widths = strong.sum(axis=1)[6:22]
    assert np.median(widths[widths > 0]) >= 1


def test_thick_strokes_are_not_thickened_further():
    img = canvas(280, 280)
    img[40:240, 130:150] = 0  # 20 px wide on a 200 px tall digit: 2 px of the 20x20 box
    out = preprocess(img)
    widths = (out.image >= 128).sum(axis=1)[6:22]
    assert widths.max() <= 3


@given(st.integers(1, 40), st.integers(1, 30), st.integers(1, 30), st.integers(0, 1), st.integers(0, 2**32 - 1))
@settings(max_examples=60, deadline=None)
def test_window_maximum_matches_a_direct_computation(radius, h, w, axis, seed):
    values = np.random.default_rng(seed).random((h, w)).astype(np.float32)
    pad = [(0, 0), (0, 0)]
    pad[axis] = (radius, radius)
    padded = np.pad(values, pad)
    windows = [np.take(padded, range(i, i + values.shape[axis]), axis=axis) for i in range(2 * radius + 1)]
    assert np.array_equal(_max_over_window(values, radius, axis), np.max(windows, axis=0))


def test_a_huge_scan_is_reduced_before_thickening():
    img = canvas(3000, 3000)
    img[200:2800, 1500:1503] = 0
    out = preprocess(img)
    assert out is not None and out.image.max() >= 200
