"""Property tests: preprocessing never fails on any image, and ``predict`` never fails badly on any file."""

from __future__ import annotations

import contextlib
import io
import tempfile
import warnings
from pathlib import Path

import numpy as np
import pytest
import torch
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lenet_gui.cli import main
from lenet_gui.core.preprocess import SIZE, normalize, preprocess

FAST = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


@st.composite
def drawings(draw: st.DrawFn) -> tuple[np.ndarray, str, bool]:
    """A random image: size, dtype, channels, polarity and content all vary; returns (image, content, clean)."""
    h, w = draw(st.integers(1, 300)), draw(st.integers(1, 300))
    dtype = draw(st.sampled_from(["uint8", "uint16", "uint16-low", "float32", "float32-255", "bool"]))
    channels = draw(st.sampled_from(["gray", "gray1", "rgb", "rgba", "rgba-alpha-ink"]))
    dark_ink = draw(st.booleans())
    content = draw(st.sampled_from(["blank", "noise", "stroke", "specks"]))
    specials = dtype.startswith("float") and draw(st.booleans())
    rng = np.random.default_rng(draw(st.integers(0, 2**32 - 1)))

    ink = np.zeros((h, w))
    if content == "noise":
        ink = rng.random((h, w))
    elif content == "specks":
        ink[rng.integers(0, h, 3), rng.integers(0, w, 3)] = 1.0
    elif content == "stroke" and h >= 8 and w >= 8:
        # A block off the border, at least a tenth of the image each way and along the image's longer side at least
        # 15% of it: a smaller compact blob is a click or a decimal point by design (preprocess.stray_mark).
        long = max(h, w)
        min_h = max(2, h // 10, 3 * long // 20 if h >= w else 0)
        min_w = max(2, w // 10, 3 * long // 20 if w > h else 0)
        top, left = rng.integers(1, h // 2), rng.integers(1, w // 2)
        ink[top : rng.integers(top + min_h, h), left : rng.integers(left + min_w, w)] = 1.0
    else:
        content = "blank"
    gray = 1.0 - ink if dark_ink else ink
    if channels.startswith("rgba"):
        alpha = ink if channels == "rgba-alpha-ink" else np.ones_like(ink)
        values = np.dstack([gray, gray, gray, alpha])
    elif channels == "rgb":
        values = np.dstack([gray] * 3)
    else:
        values = gray[:, :, None] if channels == "gray1" else gray

    scale = {"uint8": 255, "uint16": 65535, "uint16-low": 255, "float32": 1, "float32-255": 255, "bool": 1}[dtype]
    image = values > 0.5 if dtype == "bool" else (values * scale).astype(dtype.split("-")[0])
    if specials:
        flat = image.reshape(-1)
        flat[rng.integers(0, flat.size, max(1, flat.size // 50))] = rng.choice([np.nan, np.inf, -np.inf])
    return image, content, not specials


@FAST
@given(drawings())
def test_preprocess_gives_a_finite_network_input_or_no_digit(case):
    image, content, clean = case
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        out = preprocess(image)
    assert caught == []
    if content == "blank" and clean:
        assert out is None
    if content == "stroke" and clean:
        assert out is not None
    if out is None:
        return
    assert out.tensor.shape == (1, 1, SIZE, SIZE) and out.tensor.dtype == torch.float32
    assert torch.isfinite(out.tensor).all()
    assert out.image.shape == (SIZE, SIZE) and out.image.dtype == np.uint8
    torch.testing.assert_close(out.tensor[0, 0], normalize(torch.from_numpy(out.image).float() / 255))
    left, top, right, bottom = out.bbox
    assert 0 <= left < right <= image.shape[1] and 0 <= top < bottom <= image.shape[0]


@pytest.mark.parametrize("shape", [(0, 0), (0, 9), (9, 0), (0, 5, 3), (4, 0, 4)])
def test_preprocess_of_an_empty_array_is_no_digit(shape):
    assert preprocess(np.zeros(shape, dtype=np.uint8)) is None


MAGIC = [b"", b"\x89PNG\r\n\x1a\n", b"GIF89a", b"BM", b"\xff\xd8\xff\xe0", b"II*\x00", b"P5\n", b"RIFF"]


@FAST
@given(st.sampled_from(MAGIC), st.binary(max_size=2048))
def test_predict_on_random_bytes_fails_cleanly(weights_files, magic, noise):
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "upload.png"
        path.write_bytes(magic + noise)
        out, err = io.StringIO(), io.StringIO()
        with (
            contextlib.redirect_stdout(out),
            contextlib.redirect_stderr(err),
            warnings.catch_warnings(record=True) as caught,
        ):
            warnings.simplefilter("always")  # a warning would be an extra line on stderr
            code = main(["predict", "--weights", str(weights_files["conv"]), "--device", "cpu", str(path)])
    assert [str(w.message) for w in caught] == []
    lines = err.getvalue().splitlines()
    if code == 0:  # the bytes happened to form a readable image
        assert lines == [] and out.getvalue().startswith(f"{path}: ")
    else:
        assert code == 1 and out.getvalue() == ""
        assert len(lines) == 1 and lines[0].startswith(f"lenet-gui: error: {path}")


@FAST
@given(drawings())
def test_gray_uint8_fast_path_matches_the_general_path_exactly(case):
    """The canvas' uint8 images skip the float copy; the same values as uint16 take the general path."""
    image, _, _ = case
    if image.dtype != np.uint8:
        values = np.nan_to_num(image.astype(np.float64), nan=0.0, posinf=0.0, neginf=0.0)
        top = values.max(initial=0.0)
        image = (values * (255 / top) if top > 0 else values).astype(np.uint8)
    if image.ndim == 3:
        image = image[:, :, 0]
    fast, general = preprocess(image), preprocess(image.astype(np.uint16))
    assert (fast is None) == (general is None)
    if fast is not None:
        assert torch.equal(fast.tensor, general.tensor)
        assert np.array_equal(fast.image, general.image) and fast.bbox == general.bbox
