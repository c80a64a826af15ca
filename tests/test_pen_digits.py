"""Pen digits: the bundled training writers, the split by writer, drawing them, adding them to MNIST."""

from __future__ import annotations

import gzip
import json
import threading
from pathlib import Path

import numpy as np
import pytest
import torch

from lenet_gui.core.data import MNIST_TRAIN_SIZE, Split
from lenet_gui.core.paths import data_dir
from lenet_gui.core.pen_digits import (
    PenDigit,
    as_scan,
    load_pen_digits,
    lone_straight_stroke,
    network_inputs,
    render,
    split_by_writer,
    with_pen_digits,
)
from lenet_gui.errors import DataError, TrainingCancelled

DEV_SET = data_dir() / "drawn-digits" / "unipen-dev.jsonl.gz"


def centre_of_mass(img: np.ndarray) -> tuple[float, float]:
    w = img.astype(float)
    ys, xs = np.indices(img.shape)
    return (ys * w).sum() / w.sum(), (xs * w).sum() / w.sum()


def write_lines(path: Path, lines: list[str]) -> Path:
    with gzip.open(path, "wt", encoding="utf-8") as f:
        f.write("\n".join(lines) + "\n")
    return path


def test_the_bundled_digits_are_the_training_writers_of_every_digit() -> None:
    digits = load_pen_digits()
    writers = {d.writer for d in digits}
    assert len(digits) > 5000 and len(writers) > 30
    assert {d.label for d in digits} == set(range(10))
    assert all(d.strokes and all(stroke for stroke in d.strokes) for d in digits)


@pytest.mark.skipif(not DEV_SET.is_file(), reason=f"the drawn-digits development set is not at {DEV_SET}")
def test_no_held_out_writer_is_bundled_and_the_split_is_by_writer() -> None:
    everyone = load_pen_digits(DEV_SET)
    training, held_out = split_by_writer(everyone)
    assert {d.writer for d in training}.isdisjoint({d.writer for d in held_out})
    assert 0.2 < len(held_out) / len(everyone) < 0.4
    assert split_by_writer(everyone) == (training, held_out)  # a fixed choice
    bundled = load_pen_digits()
    assert {d.writer for d in bundled} == {d.writer for d in training}
    assert len(bundled) == len(training)


def test_render_draws_the_digit_at_the_asked_height_with_a_round_pen() -> None:
    stem = PenDigit(1, "w", [[(500, 0), (500, 1000)]])
    image = render(stem, height=100, pen=10)
    rows, cols = np.nonzero(image < 128)
    assert 100 <= rows.max() - rows.min() + 1 <= 112  # the stroke plus its round caps
    assert 9 <= cols.max() - cols.min() + 1 <= 12
    assert image.dtype == np.uint8 and image.max() == 255


def test_a_flat_mark_is_drawn_no_wider_than_one_and_a_half_heights() -> None:
    flat = PenDigit(1, "w", [[(0, 0), (1000, 3)]])
    assert render(flat, height=100, pen=4).shape[1] < 170


def test_network_inputs_look_like_mnist() -> None:
    digits = load_pen_digits()[:40]
    inputs = network_inputs(digits, seed=1)
    assert inputs.images.shape == (40, 28, 28) and inputs.images.dtype == torch.uint8
    assert inputs.labels.tolist() == [d.label for d in digits]
    for image in inputs.images.numpy():
        cy, cx = centre_of_mass(image)
        assert abs(cy - 14) < 1.5 and abs(cx - 14) < 1.5
        assert image.max() > 200 and (image[:4].max() == 0 or image[-4:].max() == 0)
    assert torch.equal(network_inputs(digits, seed=1).images, inputs.images)
    assert not torch.equal(network_inputs(digits, seed=2).images, inputs.images)


def test_a_scan_stretches_the_ink_to_a_square_of_black_and_white_pixels() -> None:
    one = PenDigit(1, "w", [[(100, 0), (0, 1000)]])  # a tall, thin stroke
    drawing = render(one, height=200, pen=12)
    assert drawing.shape[0] > 2 * drawing.shape[1]
    scan = as_scan(drawing, side=16, size=160, blur=0.0)
    assert set(np.unique(scan)) == {0, 255}  # thresholded, not blurred
    rows, cols = np.nonzero(scan < 128)
    assert rows.max() - rows.min() + 1 == 160 and cols.max() - cols.min() + 1 == 160  # stretched to fill the box
    assert scan[0].min() == 255 and scan[:, -1].min() == 255  # white paper around it
    blurred = as_scan(drawing, side=16, size=160, blur=0.3)
    assert len(np.unique(blurred)) > 2


def test_a_share_of_the_drawings_become_scans() -> None:
    digits = [d for d in load_pen_digits() if d.label == 1][:30]
    plain = network_inputs(digits, seed=3, scan_share=0.0).images
    scanned = network_inputs(digits, seed=3, scan_share=1.0).images
    assert plain.shape == scanned.shape

    def widths(images: torch.Tensor) -> list[int]:
        columns = [np.flatnonzero(img.max(axis=0) > 60) for img in images.numpy()]
        return [int(c[-1] - c[0]) + 1 for c in columns]

    # Ones as written are narrow; stretched to a square, each fills the 20x20 box both ways.
    assert np.median(widths(plain)) < 12 and np.median(widths(scanned)) >= 18


def test_pen_digits_join_mnist_in_proportion_to_the_part_used() -> None:
    part = Split(torch.zeros(600, 28, 28, dtype=torch.uint8), torch.zeros(600, dtype=torch.int64))
    joined, added = with_pen_digits(part, copies=2, seed=0)
    clean = [d for d in load_pen_digits() if not lone_straight_stroke(d)]
    expected = round(len(clean) * 2 * 600 / MNIST_TRAIN_SIZE)
    assert added == expected and len(joined) == 600 + added
    assert torch.equal(joined.images[:600], part.images)
    assert joined.images[600:].float().mean() > 10  # drawn ink, not padding
    assert with_pen_digits(part, copies=0) == (part, 0)


@pytest.mark.parametrize(
    ("label", "strokes", "noise"),
    [
        (4, [[(0, 0), (10, 500), (20, 1000)]], True),  # one straight stroke labelled 4: a part of a 4
        (0, [[(0, 0), (0, 0)]], True),  # a dot
        (1, [[(0, 0), (10, 500), (20, 1000)]], False),  # a 1 is one straight stroke
        (1, [[(300, 0), (0, 1000)]], False),  # slanted as italics are
        (1, [[(0, 0), (500, 60), (1000, 120)]], True),  # a dash: no 1
        (1, [[(0, 0), (0, 0)]], True),  # a dot
        (4, [[(0, 0), (0, 600), (500, 600)], [(400, 0), (400, 1000)]], False),  # a whole 4
        (0, [[(500, 0), (0, 500), (500, 1000), (1000, 500), (500, 0)]], False),  # a closed 0
        (7, [[(0, 0), (1000, 0), (300, 1000)]], False),  # a bent stroke
    ],
)
def test_lone_straight_strokes_are_label_noise(label: int, strokes: list, noise: bool) -> None:
    assert lone_straight_stroke(PenDigit(label, "w", strokes)) is noise


def test_training_leaves_the_label_noise_out() -> None:
    """38 of the bundled digits are single straight strokes labelled 4, 0 or 6, or dashes labelled 1: drawing them
    as they are would teach the network that a straight stroke may be a 4 (and a letter's strokes a digit), or a
    dash a 1."""
    everything = load_pen_digits()
    noise = [d for d in everything if lone_straight_stroke(d)]
    assert 0 < len(noise) < 0.01 * len(everything) and {d.label for d in noise} <= {0, 1, 4, 6}
    n = MNIST_TRAIN_SIZE
    part = Split(torch.zeros(n, 28, 28, dtype=torch.uint8), torch.zeros(n, dtype=torch.int64))
    _, added = with_pen_digits(part, copies=1, seed=0)
    assert added == len(everything) - len(noise)


def test_a_cancel_stops_the_drawing() -> None:
    cancel = threading.Event()
    cancel.set()
    with pytest.raises(TrainingCancelled):
        network_inputs(load_pen_digits()[:300], cancel=cancel)


@pytest.mark.parametrize(
    "lines, words",
    [
        ([], "no pen digits"),
        (["{not json"], "cannot read"),
        ([json.dumps({"label": 12, "writer": "w", "strokes": [[[0, 0]]]})], "line 1: not a pen digit"),
        ([json.dumps({"label": 1, "writer": "w"})], "line 1: not a pen digit"),
        ([json.dumps({"label": 1, "writer": "w", "strokes": [[]]})], "line 1: not a pen digit"),
    ],
)
def test_bad_files_are_refused_with_a_clear_message(tmp_path: Path, lines: list[str], words: str) -> None:
    path = write_lines(tmp_path / "digits.jsonl.gz", lines)
    with pytest.raises(DataError, match=words):
        load_pen_digits(path)


def test_a_missing_or_non_gzip_file_is_refused(tmp_path: Path) -> None:
    with pytest.raises(DataError, match="no pen digits at"):
        load_pen_digits(tmp_path / "missing.jsonl.gz")
    plain = tmp_path / "plain.jsonl.gz"
    plain.write_text('{"label": 1}\n')
    with pytest.raises(DataError, match="cannot read"):
        load_pen_digits(plain)
