"""Loops closed by ink: what the calibration's loops test counts."""

import numpy as np
import pytest
from PIL import Image, ImageDraw

from lenet_gui.core.components import count_loops


def ink(*shapes: tuple[str, tuple[int, int, int, int]], width: int = 2, size: int = 28) -> np.ndarray:
    """A boolean size x size mask with ellipses ("o") and lines ("-") drawn ``width`` pixels wide."""
    img = Image.new("L", (size, size), 0)
    draw = ImageDraw.Draw(img)
    for kind, box in shapes:
        if kind == "o":
            draw.ellipse(box, outline=255, width=width)
        else:
            draw.line(box, fill=255, width=width)
    return np.asarray(img) > 127


@pytest.mark.parametrize(
    ("shapes", "loops"),
    [
        ([("-", (14, 3, 14, 24))], 0),  # a 1
        ([("o", (6, 4, 21, 24))], 1),  # a 0
        ([("o", (8, 2, 19, 13)), ("o", (7, 13, 20, 25))], 2),  # an 8
        ([("o", (1, 9, 10, 18)), ("o", (9, 9, 18, 18)), ("o", (17, 9, 26, 18))], 3),  # a chain of three rings
        ([("-", (3, 9, 24, 9)), ("-", (3, 18, 24, 18)), ("-", (9, 3, 9, 24)), ("-", (18, 3, 18, 24))], 1),  # a "#"
    ],
)
def test_loops_are_regions_of_paper_the_ink_closes(shapes, loops):
    assert count_loops(ink(*shapes)) == loops


def test_a_speck_of_paper_inside_a_thick_stroke_is_no_loop():
    mask = np.zeros((28, 28), dtype=bool)
    mask[5:20, 5:20] = True
    mask[12, 12] = False  # one pixel of paper
    assert count_loops(mask) == 0
    mask[12, 13] = False  # two
    assert count_loops(mask) == 1


def test_paper_joined_to_the_border_through_a_diagonal_gap_is_open():
    mask = np.zeros((10, 10), dtype=bool)
    mask[2, 2:8] = mask[7, 2:8] = mask[2:8, 2] = mask[2:8, 7] = True
    assert count_loops(mask) == 1
    mask[2, 7] = False  # the corner opened: the inside touches the outside diagonally
    assert count_loops(mask) == 0
    assert count_loops(np.zeros((5, 5), dtype=bool)) == 0 and count_loops(np.ones((5, 5), dtype=bool)) == 0
