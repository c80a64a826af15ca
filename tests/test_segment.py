"""Several digits at once: labelling, merging strokes of one digit, reading numbers."""

import math
from collections import deque

import numpy as np
import pytest
from PIL import Image, ImageDraw

from lenet_gui.core import segment as segment_module
from lenet_gui.core.calibration import calibration_for
from lenet_gui.core.components import label_components
from lenet_gui.core.pen_digits import PenDigit, load_pen_digits, render
from lenet_gui.core.predictor import Predictor
from lenet_gui.core.preprocess import preprocess
from lenet_gui.core.reading import NO_INK, TOO_SMALL, Reading
from lenet_gui.core.segment import digit_drawing, read_drawing, read_whole, segment
from lenet_gui.core.weights import bundled_path

# Strokes on a 160-pixel-high canvas, x from 0; each digit about 60 wide.
FIVE_WITH_SEPARATE_BAR = [[(12, 30), (55, 30)], [(12, 42), (10, 80), (40, 70), (58, 95), (40, 128), (8, 118)]]
FOUR_IN_TWO_STROKES = [[(25, 30), (5, 95), (60, 95)], [(45, 60), (45, 140)]]  # the strokes cross
SEVEN_WITH_CROSSBAR = [[(5, 30), (55, 30), (22, 130)], [(12, 80), (28, 80)]]  # the bar stops short of the stem
# Geometry alone splits these two (little or no x-overlap between the strokes); the network reads them as one.
FOUR_AS_L_AND_STEM = [[(22, 30), (5, 95), (42, 95)], [(55, 40), (55, 140)]]  # a gap between the "L" and the stem
FIVE_WITH_BAR_TO_THE_RIGHT = [[(12, 42), (10, 80), (40, 70), (58, 95), (40, 128), (8, 118)], [(50, 34), (92, 28)]]
# An "L" nearly as tall as the slanted stem, reaching under it without touching it: each could be a digit ("11").
FOUR_AS_TALL_L_UNDER_ITS_STEM = [[(22, 30), (6, 112), (48, 112)], [(50, 36), (62, 140)]]
ONE = [[(30, 30), (30, 130)]]
ZERO = [[(30, 30), (52, 50), (55, 100), (30, 130), (8, 100), (8, 50), (30, 30)]]


def draw_number(*digits, gap=30, width=10):
    """Dark strokes on white, digits left to right."""
    img = Image.new("L", (len(digits) * (60 + gap) + gap, 160), 255)
    draw = ImageDraw.Draw(img)
    for i, strokes in enumerate(digits):
        x0 = gap + i * (60 + gap)
        for stroke in strokes:
            draw.line([(x + x0, y) for x, y in stroke], fill=0, width=width, joint="curve")
    return np.asarray(img)


def flood_fill_labels(mask):
    """Reference 8-connected labelling by breadth-first search."""
    labels = np.zeros(mask.shape, dtype=int)
    n = 0
    for start in zip(*np.nonzero(mask), strict=True):
        if labels[start]:
            continue
        n += 1
        labels[start] = n
        queue = deque([start])
        while queue:
            y, x = queue.popleft()
            for dy in (-1, 0, 1):
                for dx in (-1, 0, 1):
                    q = (y + dy, x + dx)
                    if 0 <= q[0] < mask.shape[0] and 0 <= q[1] < mask.shape[1] and mask[q] and not labels[q]:
                        labels[q] = n
                        queue.append(q)
    return labels, n


@pytest.mark.parametrize("seed", range(6))
def test_labelling_matches_a_flood_fill(seed):
    rng = np.random.default_rng(seed)
    mask = rng.random((30, 40)) < [0.2, 0.4, 0.55][seed % 3]
    labels, n = label_components(mask)
    ref, ref_n = flood_fill_labels(mask)
    assert n == ref_n
    assert np.array_equal(labels > 0, mask)
    pairs = set(zip(labels[mask].tolist(), ref[mask].tolist(), strict=True))
    assert len(pairs) == n  # the same partition: a one-to-one map between the two labellings


def test_empty_and_faint_drawings_have_no_segments():
    assert segment(np.full((100, 100), 255, dtype=np.uint8)) == []
    assert label_components(np.zeros((5, 5), dtype=bool))[1] == 0


@pytest.mark.parametrize(
    ("strokes", "pieces"), [(FIVE_WITH_SEPARATE_BAR, 2), (SEVEN_WITH_CROSSBAR, 2), (FOUR_IN_TWO_STROKES, 1)]
)
def test_a_digit_of_several_strokes_is_one_segment(strokes, pieces):
    image = draw_number(strokes)
    assert label_components(image < 128)[1] == pieces  # 2: the strokes do not touch
    (only,) = segment(image)
    rows, cols = np.nonzero(image < 128)
    assert only.box == (cols.min(), rows.min(), cols.max() + 1, rows.max() + 1)


def test_digits_are_ordered_left_to_right_and_specks_dropped():
    image = draw_number(SEVEN_WITH_CROSSBAR, ONE, FIVE_WITH_SEPARATE_BAR, FOUR_IN_TWO_STROKES).copy()
    image[5:8, 100:103] = 0  # a speck above the gap
    segments = segment(image)
    assert len(segments) == 4
    lefts = [s.box[0] for s in segments]
    assert lefts == sorted(lefts)
    assert all(s.box[1] >= 20 for s in segments)  # the speck joined no digit


@pytest.fixture(scope="module")
def predictor():
    if not bundled_path("conv").exists():
        pytest.skip("bundled weights not trained yet")
    return Predictor.load("conv", device="cpu")


def test_stroke_numbers_read_back(predictor):
    image = draw_number(SEVEN_WITH_CROSSBAR, ONE, FIVE_WITH_SEPARATE_BAR, FOUR_IN_TWO_STROKES, ZERO)
    assert read_drawing(predictor, image).text == "71540"


def test_a_single_digit_reads_as_before(predictor, mnist):
    tile = np.kron(mnist.test.images[0].numpy(), np.ones((4, 4), dtype=np.uint8))
    canvas = np.zeros((160, 160), dtype=np.uint8)
    canvas[20:132, 30:142] = tile
    reading = read_drawing(predictor, canvas)
    single = predictor.predict(canvas)
    (digit,) = reading.digits
    assert digit.digit == single.digit
    assert np.array_equal(digit.preprocessed.image, single.preprocessed.image)


def test_read_whole_reads_any_drawing_as_one_digit_as_read_drawing_reads_each(predictor):
    calibration = calibration_for(predictor.weights)
    one = draw_number(ZERO)
    whole, each = read_whole(predictor, one, calibration), read_drawing(predictor, one, calibration)
    assert [d.box for d in whole.digits] == [d.box for d in each.digits]
    assert np.allclose(whole.digits[0].probabilities, each.digits[0].probabilities)
    assert whole.digits[0].verdict == each.digits[0].verdict
    number = draw_number(ONE, ZERO)
    assert read_drawing(predictor, number).text == "10" and len(read_whole(predictor, number).digits) == 1
    assert read_whole(predictor, np.full((50, 50), 255, dtype=np.uint8)).digits == ()


def test_numbers_assembled_from_mnist_digits_read_back(predictor, mnist):
    """30 numbers of 4 random MNIST test digits, side by side on a canvas scaled up 3 times.

    The network reads single MNIST test digits about 99% right, so about 96% of
    4-digit numbers should be fully right; 27 of 30 (90%) leaves room for a
    segmentation mistake on a digit with broken strokes.
    """
    rng = np.random.default_rng(0)
    correct = 0
    for _ in range(30):
        idx = rng.choice(len(mnist.test), 4, replace=False)
        canvas = np.zeros((28, 4 * 28 + 3 * 4), dtype=np.uint8)
        for i, k in enumerate(idx):
            canvas[:, i * 32 : i * 32 + 28] = np.maximum(canvas[:, i * 32 : i * 32 + 28], mnist.test.images[k].numpy())
        canvas = 255 - np.kron(canvas, np.ones((3, 3), dtype=np.uint8))  # dark ink on white, like the app's canvas
        expected = "".join(str(int(mnist.test.labels[k])) for k in idx)
        correct += read_drawing(predictor, canvas).text == expected
    assert correct >= 27


@pytest.mark.parametrize(
    ("strokes", "digit"),
    [(FOUR_AS_L_AND_STEM, "4"), (FIVE_WITH_BAR_TO_THE_RIGHT, "5"), (FOUR_AS_TALL_L_UNDER_ITS_STEM, "4")],
)
def test_a_digit_of_two_strokes_side_by_side_reads_as_one(predictor, strokes, digit):
    image = draw_number(strokes, gap=50)
    assert len(segment(image)) == 2  # geometry alone sees two digits
    reading = read_drawing(predictor, image)
    assert reading.text == digit
    rows, cols = np.nonzero(image < 128)
    assert reading.digits[0].box == (cols.min(), rows.min(), cols.max() + 1, rows.max() + 1)


NARROW_SEVEN = [[(0, 30), (45, 30), (15, 130)]]


@pytest.mark.parametrize("text", ["11", "17", "71", "14", "111"])
@pytest.mark.parametrize("gap", [15, 25, 40])
def test_narrow_numbers_with_gaps_keep_their_digits(predictor, text, gap):
    """Numbers of 1s and narrow digits, narrower than high as a whole, with gaps of 15-40% of their height: each
    digit is its own (a rule that read such drawings whole, for a 4 written as an "L" beside its stem, read "11" as
    1 and "17" as 0 and was dropped)."""
    shapes = {"1": [[(0, 30), (0, 130)]], "7": NARROW_SEVEN, "4": FOUR_IN_TWO_STROKES}
    img = Image.new("L", (400, 160), 255)
    draw = ImageDraw.Draw(img)
    x = 60
    for char in text:
        strokes = shapes[char]
        left = min(px for stroke in strokes for px, _ in stroke)
        for stroke in strokes:
            draw.line([(px - left + x, py) for px, py in stroke], fill=0, width=10, joint="curve")
        x += max(px for stroke in strokes for px, _ in stroke) - left + gap
    assert read_drawing(predictor, np.asarray(img)).text == text


def test_a_decimal_point_is_no_digit(predictor):
    image = Image.fromarray(draw_number(ONE, ZERO, gap=80))
    # Far from both digits, so it cannot be part of one, and larger than a speck beside 100 px digits.
    ImageDraw.Draw(image).ellipse((152, 106, 182, 136), fill=0)
    assert read_drawing(predictor, np.asarray(image)).text == "10"


def test_digits_of_several_strokes_stay_whole_in_a_number(predictor):
    image = draw_number(
        SEVEN_WITH_CROSSBAR,
        FOUR_AS_L_AND_STEM,
        ONE,
        FIVE_WITH_SEPARATE_BAR,
        FOUR_IN_TWO_STROKES,
        ZERO,
        FIVE_WITH_BAR_TO_THE_RIGHT,
    )
    assert read_drawing(predictor, image).text == "7415405"


def test_a_number_with_gaps_is_read_as_geometry_has_it(predictor):
    """Digits written apart: each segment is read exactly as a drawing of it alone would be."""
    image = draw_number(SEVEN_WITH_CROSSBAR, ONE, FIVE_WITH_SEPARATE_BAR, FOUR_IN_TWO_STROKES, ZERO)
    reading = read_drawing(predictor, image)
    segments = segment(image)
    assert [d.box for d in reading.digits] == [s.box for s in segments]
    for digit, seg in zip(reading.digits, segments, strict=True):
        alone = preprocess(seg.ink)
        assert np.array_equal(digit.preprocessed.image, alone.image)
        assert np.allclose(digit.probabilities, predictor.probabilities(alone.tensor)[0])


def touching_pairs(mnist, count: int) -> list[tuple[np.ndarray, str]]:
    """``count`` pairs of random MNIST test digits whose ink overlaps by 2 pixels (one connected shape), scaled up
    3 times as dark ink on white, with their labels."""
    rng = np.random.default_rng(0)
    pairs = []
    while len(pairs) < count:
        i, j = (int(k) for k in rng.choice(len(mnist.test), 2, replace=False))
        left, right = mnist.test.images[i].numpy(), mnist.test.images[j].numpy()
        shift = np.flatnonzero(left.any(axis=0))[-1] + 1 - np.flatnonzero(right.any(axis=0))[0] - 2
        canvas = np.zeros((28, shift + 28), dtype=np.uint8)
        canvas[:, :28] = left
        canvas[:, shift:] = np.maximum(canvas[:, shift:], right)
        if label_components(canvas > 127)[1] == 1:
            labels = f"{int(mnist.test.labels[i])}{int(mnist.test.labels[j])}"
            pairs.append((255 - np.kron(canvas, np.ones((3, 3), dtype=np.uint8)), labels))
    return pairs


def test_touching_digits_are_split(predictor, mnist):
    """Geometry alone reads each pair as one digit. Cut and read with the bundled conv weights, 15 of these 20 pairs
    are found as two digits and 13 read right (a touching 1 is the usual miss: the pair is hardly wider than one
    digit); the bounds leave one pair of margin."""
    pairs = touching_pairs(mnist, 20)
    assert all(len(segment(image)) == 1 for image, _ in pairs)
    texts = [read_drawing(predictor, image).text for image, _ in pairs]
    assert sum(len(t) == 2 for t in texts) >= 14
    assert sum(t == labels for t, (_, labels) in zip(texts, pairs, strict=True)) >= 12


def pen_digit(writer: str, label: int, occurrence: int) -> PenDigit:
    """The ``occurrence``-th ``label`` that ``writer`` wrote among the bundled pen digits."""
    return [d for d in load_pen_digits() if d.writer == writer and d.label == label][occurrence]


def touching(a: PenDigit, b: PenDigit, height: int = 120, pen: float = 10.0) -> np.ndarray:
    """Two pen digits side by side in one image, their ink overlapping by 0.6 of the pen's width."""
    left, right = render(a, height, pen), render(b, height, pen)
    margin = int(pen / 2 + 2)  # render's paper around the ink
    at = left.shape[1] - 2 * margin - int(0.6 * pen)
    sheet = np.full((max(left.shape[0], right.shape[0]) + 20, at + right.shape[1] + 20), 255, np.uint8)
    sheet[10 : 10 + left.shape[0], 10 : 10 + left.shape[1]] = left
    region = sheet[10 : 10 + right.shape[0], 10 + at : 10 + at + right.shape[1]]
    np.minimum(region, right, out=region)
    return sheet


def test_two_touching_digits_that_read_as_one_are_split_in_an_image_file(predictor):
    """Two training writers' 8s, touching: the network reads their merged ink as one confident 0, but a row of it
    crosses four strokes, which no digit's does (segment.CROSSED_COST)."""
    image = touching(pen_digit("syn/syn1/bek-dig2", 8, 27), pen_digit("syn/syn1/jab-dig9", 8, 35))
    assert len(segment(image)) == 1
    assert read_drawing(predictor, image).text == "88"


def test_wide_single_digits_stay_whole(predictor, mnist):
    """MNIST digits other than 1 stretched to 5/3 of their width (most wider than high) are read as one digit."""
    rng = np.random.default_rng(1)
    picked = [int(k) for k in rng.choice(len(mnist.test), 40, replace=False) if int(mnist.test.labels[k]) != 1][:20]
    whole = 0
    for k in picked:
        image = 255 - np.kron(mnist.test.images[k].numpy(), np.ones((3, 5), dtype=np.uint8))
        whole += len(read_drawing(predictor, image).digits) == 1
    assert whole >= 18


def test_calibrated_digits_carry_the_probabilities_their_confidence_comes_from(predictor, mnist):
    calibration = calibration_for(predictor.weights)
    image = draw_number(SEVEN_WITH_CROSSBAR, ONE, ZERO)
    for digit in read_drawing(predictor, image, calibration).digits:
        shown = digit.shown_probabilities
        assert shown is digit.calibrated and shown.sum() == pytest.approx(1.0, abs=1e-5)
        assert int(shown.argmax()) == digit.digit and float(shown.max()) == pytest.approx(digit.confidence)
        assert not np.allclose(shown, digit.probabilities)  # tempered: not the raw softmax
    for digit in read_drawing(predictor, image).digits:  # without a calibration: the network's own
        assert digit.calibrated is None and digit.shown_probabilities is digit.probabilities


def test_digit_drawing_keeps_one_digits_ink(predictor):
    image = draw_number(ONE, ZERO)
    reading = read_drawing(predictor, image)
    alone = digit_drawing(image, reading.digits[1])
    assert read_drawing(predictor, alone).text == "0"
    left, top, right, bottom = reading.digits[1].box
    ink = image[top:bottom, left:right] < 128
    assert np.array_equal(alone[top:bottom, left:right][ink], image[top:bottom, left:right][ink])
    assert (alone[:, :left] == 255).all()


def test_digit_drawing_of_touching_digits_leaves_out_the_neighbours_ink(predictor):
    image, strokes = draw_with_stroke_map(ZERO, ZERO, ZERO)
    reading = read_drawing(predictor, image, strokes=strokes)
    assert reading.text == "000"
    for digit in reading.digits:
        alone = digit_drawing(image, digit)
        # Read alone, it is the very input the network read it from (slivers of the neighbours' ink in its box, left
        # in, changed that for each of these three).
        (only,) = read_drawing(predictor, alone).digits
        assert np.array_equal(only.preprocessed.image, digit.preprocessed.image)


@pytest.mark.parametrize(
    "image",
    [draw_number(SEVEN_WITH_CROSSBAR, ONE, ZERO), draw_number(ONE, ONE, gap=2), draw_number(ZERO)],
    ids=["apart", "touching", "single"],
)
def test_one_reading_carries_each_digits_input_and_activations_from_its_forward_pass(predictor, image):
    plain = read_drawing(predictor, image)
    inside = read_drawing(predictor, image, with_activations=True)
    assert plain.text == inside.text and len(inside.digits) >= 1
    for without, digit in zip(plain.digits, inside.digits, strict=True):
        assert without.activations is None and digit.box == without.box
        layers = digit.activations
        assert {k: v.shape for k, v in layers.items()}["C1"] == (6, 28, 28) and layers["OUTPUT"].shape == (10,)
        # The layers are those of the pass the probabilities come from, and of the 28x28 input the digit carries.
        np.testing.assert_allclose(np.exp(layers["OUTPUT"]), digit.probabilities, rtol=1e-4, atol=1e-6)
        np.testing.assert_allclose(digit.probabilities, without.probabilities, rtol=1e-4, atol=1e-6)
        expected = predictor.activations(digit.preprocessed)
        np.testing.assert_allclose(layers["C3"], expected["C3"], rtol=1e-3, atol=1e-4)


def test_a_reading_without_digits_says_why(predictor):
    blank = np.full((100, 100), 255, dtype=np.uint8)
    assert read_drawing(predictor, blank) == Reading((), NO_INK)
    speck = blank.copy()
    speck[50:52, 50:52] = 0
    speck[0, 0] = 0  # the ink's extent makes the speck tiny next to the picture
    empty = read_drawing(predictor, np.pad(speck, 400, constant_values=255))
    assert empty.digits == () and empty.reason == TOO_SMALL and empty.text == ""
    dot = np.full((560, 560), 255, dtype=np.uint8)
    ys, xs = np.indices(dot.shape)
    dot[np.hypot(xs - 280, ys - 280) <= 15] = 0  # a click with the canvas's default brush
    assert read_drawing(predictor, dot) == Reading((), TOO_SMALL)


def draw_with_stroke_map(*digits, overlap=4, width=10):
    """Digits written left to right, each one ``overlap`` pixels into the one before (so that their ink touches),
    dark on white, and the stroke map a canvas keeps of them (each stroke's number, from 1, in the order drawn)."""
    spans = [
        max(px for stroke in strokes for px, _ in stroke) - min(px for stroke in strokes for px, _ in stroke)
        for strokes in digits
    ]
    img = Image.new("L", (sum(spans) + len(digits) * width + 60, 160), 255)
    strokes_map = Image.new("I", img.size, 0)
    ink, numbers = ImageDraw.Draw(img), ImageDraw.Draw(strokes_map)
    x, number = 30, 0
    for strokes in digits:
        left = min(px for stroke in strokes for px, _ in stroke)
        for stroke in strokes:
            number += 1
            points = [(px - left + x, py) for px, py in stroke]
            ink.line(points, fill=0, width=width, joint="curve")
            numbers.line(points, fill=number, width=width + 2, joint="curve")
        x += max(px for stroke in strokes for px, _ in stroke) - left + width - overlap
    return np.asarray(img), np.asarray(strokes_map, dtype=np.int32)


TOUCHING = {
    "01": (ZERO, ONE),
    "00": (ZERO, ZERO),
    "40": (FOUR_IN_TWO_STROKES, ZERO),
    "04": (ZERO, FOUR_IN_TWO_STROKES),
    "50": (FIVE_WITH_SEPARATE_BAR, ZERO),
    "71": (NARROW_SEVEN, ONE),
    "17": (ONE, NARROW_SEVEN),
    "0000": (ZERO, ZERO, ZERO, ZERO),
}


def test_digits_that_touch_are_split_where_their_strokes_meet(predictor):
    """Touching digits are one shape of ink; with the canvas' stroke map each is read whole from its own strokes,
    while cuts through the ink alone miss all but one of these (a 1 pressed into a 0's side is still read as the 0's
    thick side: the network's scores decide, and a thick 0 is as plausible)."""
    from_ink = []
    for text, digits in TOUCHING.items():
        image, strokes = draw_with_stroke_map(*digits)
        assert len(segment(image)) == 1  # the ink is one shape
        assert read_drawing(predictor, image, strokes=strokes).text == text
        from_ink.append(read_drawing(predictor, image).text == text)
    assert sum(from_ink) <= len(TOUCHING) - 3


@pytest.mark.parametrize("strokes", [FIVE_WITH_SEPARATE_BAR, FOUR_IN_TWO_STROKES, SEVEN_WITH_CROSSBAR])
def test_a_digit_of_several_touching_strokes_stays_one_digit_with_its_stroke_map(predictor, strokes):
    image, numbers = draw_with_stroke_map(strokes)
    assert len(np.unique(numbers)) == len(strokes) + 1  # paper and each stroke
    expected = read_drawing(predictor, image)
    reading = read_drawing(predictor, image, strokes=numbers)
    assert len(reading.digits) == 1 and reading.text == expected.text


def test_ink_no_stroke_painted_is_read_from_the_ink(predictor):
    """An opened picture has no strokes (its stroke map is 0): it is read as without a stroke map."""
    image, _ = draw_with_stroke_map(ONE, ZERO, ZERO)
    reading = read_drawing(predictor, image, strokes=np.zeros(image.shape, dtype=np.int32))
    expected = read_drawing(predictor, image)
    assert [(d.box, d.digit) for d in reading.digits] == [(d.box, d.digit) for d in expected.digits]


def test_a_stroke_map_of_another_size_is_refused(predictor):
    image, strokes = draw_with_stroke_map(ONE, ZERO)
    with pytest.raises(ValueError, match="stroke map"):
        read_drawing(predictor, image, strokes=strokes[:, 1:])


def wide_zero(stretch: float, gap: int) -> list[tuple[int, int]]:
    """An open zero ``stretch`` times as wide as a round one, its opening ``gap`` degrees each side of the top."""
    return [
        (round(stretch * (30 + 27 * math.sin(math.radians(a)))), round(80 - 50 * math.cos(math.radians(a))))
        for a in range(gap, 360 - gap + 1, 15)
    ]


@pytest.mark.parametrize(("stretch", "gap"), [(2.4, 40), (2.8, 20), (2.8, 40)])
def test_a_wide_zero_drawn_in_one_stroke_is_never_cut(predictor, stretch, gap):
    """An open zero more than twice as wide as high: cuts through the ink alone read it as two digits, but a single
    stroke is one digit (the pen is lifted between digits)."""
    image, strokes = draw_with_stroke_map([wide_zero(stretch, gap)])
    assert len(read_drawing(predictor, image).digits) == 2
    assert read_drawing(predictor, image, strokes=strokes).text == "0"


@pytest.mark.parametrize(("stretch", "gap", "reach"), [(2.4, 20, -10), (2.8, 40, -10), (3.2, 40, 6)])
def test_a_wide_slashed_zero_is_never_cut(predictor, stretch, gap, reach):
    """A wide zero with a slash through it (reaching ``reach`` pixels past its sides), two strokes whose x-ranges
    overlap: the strokes the canvas knows are the places where digits may part, so no cut goes through them (cuts
    through the ink read it as two digits)."""
    zero = wide_zero(stretch, gap)
    xs = [x for x, _ in zero]
    slash = [(min(xs) - reach, 130), (max(xs) + reach, 30)]
    image, strokes = draw_with_stroke_map([zero, slash])
    assert len(read_drawing(predictor, image).digits) == 2
    assert read_drawing(predictor, image, strokes=strokes).text == "0"


def test_cuts_stay_within_their_group_whatever_the_seam_band(monkeypatch):
    """A cut is found on the mask shrunk by an integer factor; mapped back to the mask, it never reaches past the
    group's side, even with a seam band as wide as the margin kept from the sides (random thick strokes: two of
    these masks had a cut one pixel past the side, which broke cutting the group into pieces)."""
    monkeypatch.setattr(segment_module, "SEAM_BAND", 0.3)
    rng = np.random.default_rng(0)
    for _ in range(120):
        h = int(rng.integers(65, 300))
        w = int(rng.integers(int(1.1 * h), 3 * h))
        mask = np.zeros((h, w), dtype=bool)
        for _ in range(int(rng.integers(2, 8))):
            x0, y0, x1, y1 = rng.integers(0, w), rng.integers(0, h), rng.integers(0, w), rng.integers(0, h)
            for s in np.linspace(0, 1, 200):
                x, y = int(x0 + (x1 - x0) * s), int(y0 + (y1 - y0) * s)
                mask[max(0, y - 4) : y + 4, max(0, x - 4) : x + 4] = True
        for boundary, _ in segment_module._seams(mask):
            assert len(boundary) == h and boundary.min() >= 0 and boundary.max() <= w
