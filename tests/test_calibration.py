"""Not a digit: temperature scaling, thresholds with a bounded false-rejection rate, non-digits rejected."""

import dataclasses
import json

import numpy as np
import pytest
import torch
import torch.nn.functional as F
from PIL import Image, ImageDraw, ImageFont

from lenet_gui.core.calibration import (
    MIN_ASPECT,
    Calibration,
    bundled_calibration_path,
    calibration_for,
    fit_for_weights,
    fit_temperature,
    ink_aspects,
    loop_counts,
    per_digit_quantiles,
    row_crossings,
    solid_fraction,
    user_calibration_path,
)
from lenet_gui.core.data import Split
from lenet_gui.core.models import create_model
from lenet_gui.core.preprocess import normalize, preprocess
from lenet_gui.core.verdicts import REASON_CROSSINGS, REASON_FLAT, REASON_LOOPS
from lenet_gui.core.weights import LoadedWeights, WeightsMeta, bundled_path, load_for_variant

# The documented bound on false rejections of MNIST test digits.
MAX_FALSE_REJECTION = 0.02


@pytest.fixture(scope="module")
def weights():
    if not bundled_path("conv").exists():
        pytest.skip("bundled weights not trained yet")
    return load_for_variant("conv", bundled_path("conv"))


@pytest.fixture(scope="module")
def fitted(weights, mnist):
    return fit_for_weights(weights, mnist.test)


def model_of(weights):
    model = create_model(weights.meta.variant)
    model.load_state_dict(weights.state_dict)
    return model.eval()


def second_half(split):
    half = len(split) // 2
    return Split(split.images[half:], split.labels[half:])


def test_temperature_scaling_lowers_nll_on_held_out_digits_of_an_overconfident_network(weights, mnist):
    model = model_of(weights)
    with torch.no_grad():  # three times sharper logits: overconfident, the case temperature scaling corrects
        model.output.weight.mul_(3)
        model.output.bias.mul_(3)
    half = len(mnist.test) // 2
    cal = Calibration.fit(model, mnist.test.head(half), second_half(mnist.test), weights.meta.date)
    assert 2.0 < cal.temperature < 4.5
    held_out = second_half(mnist.test)
    logits = Calibration.logits(model, preprocess_batch(held_out.images))
    raw = F.cross_entropy(logits, held_out.labels).item()
    calibrated = F.nll_loss(torch.log(torch.from_numpy(cal.calibrated_probabilities(logits))), held_out.labels).item()
    assert calibrated < 0.8 * raw


def test_calibration_of_the_bundled_weights_is_no_worse_on_held_out_digits(weights, mnist, fitted):
    held_out = second_half(mnist.test)
    logits = Calibration.logits(model_of(weights), preprocess_batch(held_out.images))
    raw = F.cross_entropy(logits, held_out.labels).item()
    calibrated = F.cross_entropy(logits / fitted.temperature, held_out.labels).item()
    assert calibrated <= raw + 1e-3


def test_false_rejections_on_mnist_test_stay_within_the_documented_bound(weights, mnist, fitted):
    held_out = second_half(mnist.test)  # not used for fitting
    verdicts = fitted.judge_images(model_of(weights), held_out.images)
    rate = sum(not v.sure for v in verdicts) / len(verdicts)
    assert rate == pytest.approx(fitted.false_rejection_rate)
    assert 0.002 < rate <= MAX_FALSE_REJECTION  # above 0: the thresholds do reject something


def scribble(rng):
    img = Image.new("L", (280, 280), 255)
    points = [tuple(rng.uniform(40, 240, 2)) for _ in range(rng.integers(6, 15))]
    ImageDraw.Draw(img).line(points, fill=0, width=int(rng.integers(10, 20)), joint="curve")
    return img


def blob(rng):
    img = Image.new("L", (280, 280), 255)
    cx, cy = rng.uniform(100, 180, 2)
    rx, ry = rng.uniform(30, 100, 2)
    ImageDraw.Draw(img).ellipse([cx - rx, cy - ry, cx + rx, cy + ry], fill=0)
    return img


def letter(ch):
    """A capital letter in PIL's default font, scaled up ten times."""
    img = Image.new("L", (20, 20), 255)
    ImageDraw.Draw(img).text((5, 3), ch, fill=0, font=ImageFont.load_default())
    return img.resize((200, 200), Image.Resampling.BILINEAR)


# Letters that do not look like a digit (no O, I, S, Z, B, G...).
LETTERS = "AEFHKMNRVWXY"


def rejected(fitted, model, images):
    pres = [preprocess(np.asarray(img)) for img in images]
    batch = torch.cat([p.tensor for p in pres])
    verdicts = fitted.judge(Calibration.logits(model, batch), np.stack([p.image for p in pres]))
    return sum(not v.sure for v in verdicts) / len(verdicts)


def test_non_digits_are_mostly_not_sure(weights, fitted):
    """Measured with the bundled conv weights: scribbles 83%, blobs 100%, letters 58% (linear: 83%, 100%, 67%);
    the bounds leave a margin."""
    model = model_of(weights)
    rng = np.random.default_rng(0)
    scribbles = rejected(fitted, model, [scribble(rng) for _ in range(60)])
    blobs = rejected(fitted, model, [blob(rng) for _ in range(30)])
    letters = rejected(fitted, model, [letter(ch) for ch in LETTERS])
    print(f"rejected: scribbles {scribbles:.0%}, blobs {blobs:.0%}, letters {letters:.0%}")
    assert blobs >= 0.95
    assert scribbles >= 0.7  # 83% with the crossings test, 72% without (75%: the MNIST-only weights), see the README
    assert letters >= 0.25
    assert (60 * scribbles + 30 * blobs + len(LETTERS) * letters) / (90 + len(LETTERS)) >= 0.6


def test_solid_fraction_tells_blobs_from_strokes():
    square = torch.zeros(1, 28, 28, dtype=torch.uint8)
    square[0, 4:24, 4:24] = 255
    line = torch.zeros(1, 28, 28, dtype=torch.uint8)
    line[0, 4:24, 13:15] = 255
    assert solid_fraction(square).item() == pytest.approx(18 * 18 / 400)
    assert solid_fraction(line).item() == 0.0


def test_fit_temperature_recovers_a_known_temperature():
    gen = torch.Generator().manual_seed(0)
    logits = torch.randn(20000, 10, generator=gen) * 4
    labels = torch.multinomial(torch.softmax(logits / 2.5, dim=1), 1, generator=gen).flatten()
    assert fit_temperature(logits, labels) == pytest.approx(2.5, rel=0.05)


def test_calibration_is_found_by_weights_date_and_fitted_once_for_new_weights(weights, mnist, fitted):
    retrained = LoadedWeights(weights.state_dict, WeightsMeta("conv", date="2030-01-01T00:00:00+00:00"), None, "user")
    first = calibration_for(retrained)
    assert first is not None and first.weights_date == "2030-01-01T00:00:00+00:00"
    assert Calibration.load(user_calibration_path("conv")) == first
    assert calibration_for(retrained, fit_if_missing=False) == first  # read back, not fitted again
    other = LoadedWeights(weights.state_dict, WeightsMeta("conv", date="2031-01-01T00:00:00+00:00"), None, "user")
    assert calibration_for(other, fit_if_missing=False) is None


def test_a_users_calibration_fitted_before_the_newest_check_is_fitted_again(weights, mnist, fitted):
    retrained = LoadedWeights(weights.state_dict, WeightsMeta("conv", date="2030-02-01T00:00:00+00:00"), None, "user")
    old = dataclasses.replace(fitted, weights_date=retrained.meta.date, max_crossings=None)
    old.save(user_calibration_path("conv"))
    assert calibration_for(retrained, fit_if_missing=False) == old  # without MNIST: as it is
    refitted = calibration_for(retrained)
    assert refitted.max_crossings == 3 and refitted.weights_date == retrained.meta.date
    assert Calibration.load(user_calibration_path("conv")) == refitted


def test_the_bundled_weights_ship_with_their_calibration(weights):
    """Run `python -m lenet_gui.core.calibration` after retraining the bundled weights."""
    shipped = Calibration.load(bundled_calibration_path("conv"))
    assert shipped is not None, "resources/calibration/conv.json is missing"
    assert shipped.weights_date == weights.meta.date
    assert shipped.false_rejection_rate <= MAX_FALSE_REJECTION
    assert calibration_for(weights, fit_if_missing=False) == shipped


def preprocess_batch(images):
    return normalize(images.unsqueeze(1).float() / 255)


def test_score_thresholds_are_per_winning_digit_with_the_overall_one_for_rare_digits():
    winners = torch.tensor([3] * 200 + [7] * 200 + [1] * 5)
    scores = torch.cat([torch.linspace(10, 20, 200), torch.linspace(2, 4, 200), torch.full((5,), 0.0)])
    logits = torch.full((len(winners), 10), -50.0)
    logits[torch.arange(len(winners)), winners] = scores
    thresholds = per_digit_quantiles(logits, 0.1)
    assert len(thresholds) == 10
    assert thresholds[3] == pytest.approx(float(torch.quantile(scores[:200], 0.1)))
    assert thresholds[7] == pytest.approx(float(torch.quantile(scores[200:400], 0.1)))
    overall = float(torch.quantile(scores, 0.1))
    assert thresholds[1] == pytest.approx(overall) and thresholds[0] == pytest.approx(overall)
    assert thresholds[3] > thresholds[7]  # a score ordinary for a 7 is low for a 3


def rings(count: int) -> Image.Image:
    """``count`` rings in a row, each touching the next: a scribble of loops, drawn dark on white."""
    img = Image.new("L", (120 + 80 * count, 200), 255)
    draw = ImageDraw.Draw(img)
    for k in range(count):
        draw.ellipse((60 + 80 * k, 60, 150 + 80 * k, 150), outline=0, width=12)
    return img


def test_more_loops_than_a_digit_has_is_not_sure(weights, mnist, fitted):
    """Fitted at the 99.9% quantile of MNIST digits, the most loops allowed is an 8's two."""
    assert fitted.max_loops == 2
    assert int((loop_counts(mnist.test.images) > 2).sum()) < 20
    model = model_of(weights)
    pres = [preprocess(np.asarray(rings(n))) for n in (1, 2, 3, 4)]
    assert [int(loop_counts(p.image[None])[0]) for p in pres] == [1, 2, 3, 4]
    verdicts = fitted.judge(
        Calibration.logits(model, torch.cat([p.tensor for p in pres])), np.stack([p.image for p in pres])
    )
    assert [v.reason == REASON_LOOPS for v in verdicts] == [False, False, True, True]
    assert not verdicts[2].sure and not verdicts[3].sure


def comb(teeth: int) -> Image.Image:
    """``teeth`` vertical strokes side by side, joined at the top: a row crosses ``teeth`` strokes."""
    img = Image.new("L", (60 + 50 * teeth, 240), 255)
    draw = ImageDraw.Draw(img)
    draw.line([(40, 40), (40 + 50 * (teeth - 1), 40)], fill=0, width=12)
    for k in range(teeth):
        draw.line([(40 + 50 * k, 40), (40 + 50 * k, 200)], fill=0, width=12)
    return img


def test_row_crossings_count_the_strokes_a_row_crosses():
    images = np.stack([preprocess(np.asarray(comb(n))).image for n in (1, 2, 3, 4, 5)])
    assert row_crossings(images).tolist() == [1, 2, 3, 4, 5]
    assert row_crossings(np.zeros((1, 28, 28), np.uint8)).tolist() == [0]


def test_more_strokes_side_by_side_than_a_digit_has_is_not_sure(weights, mnist, fitted):
    """Fitted at the 99.5% quantile of MNIST digits: a row crosses a digit at most three times."""
    assert fitted.max_crossings == 3
    assert (row_crossings(mnist.test.images) > 3).mean() < 0.01
    pres = [preprocess(np.asarray(comb(n))) for n in (3, 4, 5)]
    verdicts = fitted.judge(
        Calibration.logits(model_of(weights), torch.cat([p.tensor for p in pres])), np.stack([p.image for p in pres])
    )
    assert verdicts[0].reason != REASON_CROSSINGS
    assert [v.reason for v in verdicts[1:]] == [REASON_CROSSINGS] * 2 and not any(v.sure for v in verdicts[1:])


def dash(length: int, width: int, rise: int = 0) -> Image.Image:
    """A straight line ``length`` px long and ``width`` px wide, rising ``rise`` px: a dash or a minus sign."""
    img = Image.new("L", (length + 200, 300), 255)
    ImageDraw.Draw(img).line([(100, 150), (100 + length, 150 - rise)], fill=0, width=width)
    return img


def test_ink_aspects_measure_how_high_the_ink_is_for_its_width():
    flat, upright = (preprocess(np.asarray(img)).image for img in (dash(200, 10), rings(1).rotate(90, expand=True)))
    assert ink_aspects(np.stack([flat]))[0] < 0.25
    assert ink_aspects(np.stack([upright]))[0] == pytest.approx(1.0, abs=0.1)
    square = np.zeros((1, 28, 28), np.uint8)
    square[0, 4:24, 10:15] = 255  # 20 rows high, 5 columns wide
    assert ink_aspects(square).tolist() == [4.0]
    assert ink_aspects(np.zeros((1, 28, 28), np.uint8)).tolist() == [0.0]


def test_a_dash_is_not_sure_and_no_mnist_digit_is_that_flat(weights, mnist, fitted):
    """A dash was read as a sure 1 by the pen-trained weights; no MNIST digit is as flat as the limit."""
    assert fitted.min_aspect == MIN_ASPECT
    assert (ink_aspects(mnist.train.images) >= MIN_ASPECT).all() and (
        ink_aspects(mnist.test.images) >= MIN_ASPECT
    ).all()
    drawings = [dash(200, 12), dash(150, 20, rise=10), dash(250, 8, rise=20), dash(160, 30)]
    pres = [preprocess(np.asarray(d)) for d in drawings]
    verdicts = fitted.judge(
        Calibration.logits(model_of(weights), torch.cat([p.tensor for p in pres])), np.stack([p.image for p in pres])
    )
    assert [(v.sure, v.reason) for v in verdicts] == [(False, REASON_FLAT)] * len(drawings)
    # Without the test most of the same dashes pass as sure digits: the test is what says "not sure".
    unchecked = dataclasses.replace(fitted, min_aspect=None).judge_images(
        model_of(weights), torch.as_tensor(np.stack([p.image for p in pres]))
    )
    assert sum(v.sure for v in unchecked) >= 3


def test_a_calibration_saved_before_the_aspect_test_gets_it(tmp_path, fitted):
    path = fitted.save(tmp_path / "old.json")
    data = json.loads(path.read_text())
    del data["min_aspect"]
    path.write_text(json.dumps(data))
    old = Calibration.load(path)
    assert old is not None and old.min_aspect == MIN_ASPECT


@pytest.mark.parametrize(
    ("field", "drawing", "reason"),
    [("max_loops", rings(4), REASON_LOOPS), ("max_crossings", comb(5), REASON_CROSSINGS)],
)
def test_a_calibration_saved_before_a_test_was_added_still_loads_and_skips_it(
    tmp_path, weights, fitted, field, drawing, reason
):
    path = fitted.save(tmp_path / "old.json")
    data = json.loads(path.read_text())
    del data[field]
    path.write_text(json.dumps(data))
    old = Calibration.load(path)
    assert old is not None and getattr(old, field) is None
    images = torch.as_tensor(np.stack([preprocess(np.asarray(drawing)).image]))
    assert old.judge_images(model_of(weights), images)[0].reason != reason
