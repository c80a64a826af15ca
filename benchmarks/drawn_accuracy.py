"""Accuracy on digits people drew: pen strokes of real writers, replayed on the app's canvas and read by the app.

Each digit of the drawn-digits set (UNIPEN, ``$LENET_DATA_DIR/drawn-digits/unipen-dev.jsonl.gz``) is
drawn on the app's own :class:`Canvas` with its own stroke painter, as a mouse would: a random height
of 30-80% of the sheet, a random place on it, and a brush from the app's range (4-60 px, at most a sixth
of the digit's height). The app then reads the sheet as it reads any drawing (:func:`read_drawing`:
segmentation, preprocessing, the network, the calibration). A digit counts as read right when the
app finds exactly one digit and it is the right one ("not sure" answers count by their best guess and
are also reported). The source has some label noise: segments that hold only one straight stroke of
a 4 or a 0, whose other strokes went elsewhere, and dots or dashes labelled 1; no reader can read those,
so the accuracy without them is printed too (``conv_acc_readable``;
:func:`lenet_gui.core.pen_digits.lone_straight_stroke`, which training leaves out too).

By default only the held-out writers are read (``pen_digits.held_out_writers``: 30% of the digits,
never used for training or tuning); ``--writers all`` reads everyone.

``--styles`` also reads the held-out writers' 0s, 1s and 7s with one pen stroke added the way
continental writers add it: a slash through the zero, a long up-stroke on the one, a bar across the
seven (``styles_acc_0``...), without the label noise (a slash beside a lone stroke is no zero).

``--scanned`` also reads the held-out digits as scans of paper forms are made (as in the Semeion set): each
digit written with a pen, stretched to fill a 16x16 box, thresholded to black and white, then scaled up on the
sheet and blurred (``scanned_acc``).

``--multi`` composes numbers of 2-4 digits, each from a different writer, written left to right on
the sheet, once with gaps between the digits and once with the digits touching, and reports how
often the app finds the right number of digits and reads every digit right.

Last line: ``conv_acc=... linear_acc=... conv_acc_0=...`` (percentages).
"""

from __future__ import annotations

import argparse
import collections
import os
import time
from collections.abc import Sequence
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import numpy as np
from PIL import Image
from PySide6.QtCore import QPointF
from PySide6.QtWidgets import QApplication

from lenet_gui.core.calibration import calibration_for
from lenet_gui.core.paths import data_dir
from lenet_gui.core.pen_digits import (
    SPAN,
    PenDigit,
    as_scan,
    load_pen_digits,
    lone_straight_stroke,
    render,
    split_by_writer,
)
from lenet_gui.core.predictor import Predictor
from lenet_gui.core.reading import Reading
from lenet_gui.core.segment import read_drawing
from lenet_gui.core.variants import VARIANTS
from lenet_gui.core.weights import load_for_variant
from lenet_gui.gui.canvas import SHEET, Canvas
from lenet_gui.gui.settings import BRUSH_RANGE


def draw(canvas: Canvas, digits: list[PenDigit], height: float, brush: float, left: float, top: float, gap: float):
    """Draw ``digits`` left to right on a cleared canvas, ``gap`` pixels apart (negative: overlapping)."""
    canvas.clear()
    canvas.set_brush_size(brush)
    x = left
    for digit in digits:
        width = digit.size()[0]
        scale = digit.scale_for(height)
        for stroke in digit.strokes:
            canvas.begin_stroke(QPointF(x + stroke[0][0] * scale, top + stroke[0][1] * scale))
            for px, py in stroke[1:]:
                canvas.extend_stroke(QPointF(x + px * scale, top + py * scale))
            canvas.end_stroke()
        x += width * scale + gap


def single_layout(digit: PenDigit, rng: np.random.Generator) -> tuple[float, float, float, float]:
    """(height, brush, left, top) as a person draws one digit on the pad."""
    height = SHEET * rng.uniform(0.3, 0.8)
    width = digit.size()[0] * digit.scale_for(height)
    brush = rng.uniform(BRUSH_RANGE[0], min(BRUSH_RANGE[1], height / 6))
    left = rng.uniform(brush, max(brush, SHEET - width - brush))
    top = rng.uniform(brush, max(brush, SHEET - height - brush))
    return height, brush, left, top


def only_digit(reading: Reading) -> int | None:
    """The digit read when the app found exactly one, else None."""
    return reading.digits[0].digit if len(reading.digits) == 1 else None


def as_codes(answers: list[int | None]) -> np.ndarray:
    """Answers as an array, -1 for "not one digit"."""
    return np.array([-1 if a is None else a for a in answers])


def stroke_map(canvas: Canvas, image_only: bool) -> np.ndarray | None:
    """The canvas' stroke map as the app reads its drawings, or None to read the sheet as an image file is read."""
    return None if image_only else canvas.stroke_map()


def read_singles(
    canvas: Canvas, digits: list[PenDigit], readers: dict, seed: int, image_only: bool = False
) -> dict[str, dict]:
    """Per variant: the answers (best guess or None when not one digit), and how many were judged not sure."""
    answers = {v: [] for v in readers}
    unsure = dict.fromkeys(readers, 0)
    for i, digit in enumerate(digits):
        rng = np.random.default_rng([seed, i])
        draw(canvas, [digit], *single_layout(digit, rng), gap=0)
        sheet, strokes = canvas.to_array(), stroke_map(canvas, image_only)
        for variant, (predictor, calibration) in readers.items():
            reading = read_drawing(predictor, sheet, calibration, strokes=strokes)
            answers[variant].append(only_digit(reading))
            unsure[variant] += any(d.verdict is not None and not d.verdict.sure for d in reading.digits)
    return {v: {"answers": answers[v], "unsure": unsure[v]} for v in readers}


def report_singles(variant: str, digits: list[PenDigit], answers: list[int | None], unsure: int) -> dict[str, float]:
    labels = np.array([d.label for d in digits])
    got = as_codes(answers)
    right = got == labels
    readable = np.array([not lone_straight_stroke(d) for d in digits])
    figures = {f"{variant}_acc": 100.0 * right.mean(), f"{variant}_acc_readable": 100.0 * right[readable].mean()}
    print(f"\n{variant}: {right.sum()}/{len(labels)} right = {figures[f'{variant}_acc']:.2f}%")
    print(
        f"  without the {(~readable).sum()} lone straight strokes (a part of a 4 or a 0, a dash labelled 1: "
        "label noise): "
        f"{right[readable].sum()}/{readable.sum()} = {figures[f'{variant}_acc_readable']:.2f}%"
    )
    print(f"  not one digit found: {(got < 0).sum()}, judged not sure: {unsure} ({100.0 * unsure / len(labels):.2f}%)")
    per_class = []
    for c in range(10):
        figures[f"{variant}_acc_{c}"] = 100.0 * right[labels == c].mean()
        per_class.append(f"{c}: {figures[f'{variant}_acc_{c}']:.1f}%")
    print("  per class: " + ", ".join(per_class))
    confusions = collections.Counter((int(a), int(b)) for a, b in zip(labels[~right], got[~right], strict=True))
    top = ", ".join(f"{a}->{'none' if b < 0 else b} x{n}" for (a, b), n in confusions.most_common(10))
    print(f"  most frequent confusions (label->read): {top}")
    return figures


def styled(digit: PenDigit, rng: np.random.Generator) -> PenDigit:
    """The digit with a slash (0), a long up-stroke (1) or a crossbar (7) added as its last stroke."""
    width, height = digit.size()
    points = [p for stroke in digit.strokes for p in stroke]
    if digit.label == 0:
        reach = SPAN * rng.uniform(0.02, 0.08)
        extra = [(-reach, height + reach), (width + reach, -reach)]
    elif digit.label == 1:
        top = min(points, key=lambda p: p[1])
        length, angle = height * rng.uniform(0.3, 0.5), np.radians(rng.uniform(25, 50))
        extra = [(top[0] - length * np.cos(angle), top[1] + length * np.sin(angle)), top]
    else:
        y = height * rng.uniform(0.45, 0.6)
        near = sorted(points, key=lambda p: abs(p[1] - y))[:3]
        x, half = float(np.mean([p[0] for p in near])), height * rng.uniform(0.18, 0.3)
        extra = [(x - half, y), (x + half, y)]
    strokes = [*digit.strokes, [(round(x), round(y)) for x, y in extra]]
    # Back into the strokes' convention: top-left of the box at (0, 0), the longer side spanning 0..SPAN.
    xs, ys = [x for s in strokes for x, _ in s], [y for s in strokes for _, y in s]
    scale = SPAN / max(max(xs) - min(xs), max(ys) - min(ys), 1)
    moved = [[(round((x - min(xs)) * scale), round((y - min(ys)) * scale)) for x, y in s] for s in strokes]
    return PenDigit(digit.label, digit.writer, moved)


def scanned(digit: PenDigit, rng: np.random.Generator, side: int = 16) -> np.ndarray:
    """The digit as a scanned form holds it (:func:`as_scan`): written with a pen, stretched to fill a ``side`` x
    ``side`` box, black and white; shown at 30-70% of the sheet's height, blurred, at a random place on it."""
    written = render(digit, 120.0, 120.0 * rng.uniform(0.06, 0.14))
    scan = as_scan(written, side, int(SHEET * rng.uniform(0.3, 0.7)), rng.uniform(0.1, 0.4))
    sheet = Image.new("L", (SHEET, SHEET), 255)
    sheet.paste(Image.fromarray(scan), tuple(int(v) for v in rng.uniform(0, SHEET - scan.shape[0], 2)))
    return np.asarray(sheet)


def read_scans(digits: list[PenDigit], readers: dict, seed: int) -> dict[str, list[int | None]]:
    """Per variant: the answer for each digit scanned (see :func:`scanned`), None when not one digit."""
    answers = {v: [] for v in readers}
    for i, digit in enumerate(digits):
        sheet = scanned(digit, np.random.default_rng([seed, 2_000_000 + i]))
        for variant, (predictor, calibration) in readers.items():
            reading = read_drawing(predictor, sheet, calibration)
            answers[variant].append(only_digit(reading))
    return answers


def read_drawings(
    canvas: Canvas,
    digits: list[PenDigit],
    readers: dict,
    count: int,
    seed: int,
    touching: bool,
    image_only: bool = False,
):
    """Numbers of 2-4 digits from different writers; per variant (right count, all digits right) lists."""
    by_writer: dict[str, list[PenDigit]] = collections.defaultdict(list)
    for d in digits:
        by_writer[d.writer].append(d)
    writers = sorted(by_writer)
    results = {v: ([], []) for v in readers}
    for i in range(count):
        rng = np.random.default_rng([seed, 1_000_000 + i])
        length = int(rng.integers(2, 5))
        chosen = rng.choice(len(writers), size=min(length, len(writers)), replace=False)
        number = [by_writer[writers[w]][int(rng.integers(len(by_writer[writers[w]])))] for w in chosen]
        widths = [d.size()[0] * d.scale_for(1.0) for d in number]
        height = min(SHEET * rng.uniform(0.2, 0.35), 0.8 * SHEET / (sum(widths) + 0.3 * length))
        brush = rng.uniform(BRUSH_RANGE[0], min(24, height / 6))
        gap = -brush * 0.6 if touching else height * rng.uniform(0.12, 0.3)
        total = sum(widths) * height + gap * (length - 1)
        left = rng.uniform(brush, SHEET - total - brush)
        top = rng.uniform(brush, SHEET - height - brush)
        draw(canvas, number, height, brush, left, top, gap)
        sheet, strokes = canvas.to_array(), stroke_map(canvas, image_only)
        for variant, (predictor, calibration) in readers.items():
            reading: Reading = read_drawing(predictor, sheet, calibration, strokes=strokes)
            count_right = len(reading.digits) == length
            all_right = count_right and [d.digit for d in reading.digits] == [d.label for d in number]
            results[variant][0].append(count_right)
            results[variant][1].append(all_right)
    return results


def report(start: float, figures: dict[str, float]) -> dict[str, float]:
    """Print the time since ``start`` and then the result line (percentages, two decimals); the figures."""
    print(f"({time.perf_counter() - start:.0f} s)")
    print(" ".join(f"{k}={v:.2f}" for k, v in figures.items()))
    return figures


def main(argv: Sequence[str] | None = None) -> dict[str, float]:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--data", type=Path, help="pen digits (default: $LENET_DATA_DIR/drawn-digits/unipen-dev.jsonl.gz)")
    p.add_argument("--writers", choices=["held-out", "all", "training"], default="held-out")
    p.add_argument("--variants", nargs="+", choices=list(VARIANTS), default=list(VARIANTS))
    p.add_argument("--weights", nargs="+", default=[], metavar="VARIANT=FILE", help="weights to read with")
    p.add_argument("--limit", type=int, help="read only N digits, spread over the writers")
    p.add_argument("--multi", type=int, nargs="?", const=300, default=0, metavar="N", help="also N numbers each way")
    p.add_argument("--styles", action="store_true", help="also read slashed 0s, continental 1s and crossed 7s")
    p.add_argument("--scanned", action="store_true", help="also read the digits as 16x16 black-and-white scans")
    p.add_argument(
        "--image-only",
        action="store_true",
        help="read each sheet as an image file is read (predict --multi), without the canvas' stroke map",
    )
    p.add_argument("--seed", type=int, default=0)
    args = p.parse_args(argv)
    path = args.data or data_dir() / "drawn-digits" / "unipen-dev.jsonl.gz"
    digits = load_pen_digits(path)
    training, held_out = split_by_writer(digits)
    chosen = {"held-out": held_out, "all": digits, "training": training}[args.writers]
    if args.limit:
        chosen = chosen[:: max(1, len(chosen) // args.limit)][: args.limit]
    overrides = dict(item.split("=", 1) for item in args.weights)
    app = QApplication.instance() or QApplication([])
    canvas = Canvas()
    readers = {}
    for variant in args.variants:
        weights = load_for_variant(variant, overrides.get(variant))
        readers[variant] = (Predictor(weights, "cpu"), calibration_for(weights))
        print(f"{variant}: weights {weights.path} ({weights.source})")
    writers = len({d.writer for d in chosen})
    print(f"{len(chosen)} digits by {writers} writers ({args.writers}) from {path}; sheet {SHEET}x{SHEET} px")
    start = time.perf_counter()
    figures: dict[str, float] = {}
    for variant, result in read_singles(canvas, chosen, readers, args.seed, args.image_only).items():
        figures |= report_singles(variant, chosen, result["answers"], result["unsure"])
    if args.styles:
        rng = np.random.default_rng(args.seed)
        styled_digits = [styled(d, rng) for d in chosen if d.label in (0, 1, 7) and not lone_straight_stroke(d)]
        for variant, result in read_singles(canvas, styled_digits, readers, args.seed + 1, args.image_only).items():
            labels = np.array([d.label for d in styled_digits])
            got = as_codes(result["answers"])
            for c in (0, 1, 7):
                figures[f"{variant}_styles_acc_{c}"] = 100.0 * (got[labels == c] == c).mean()
            print(
                f"{variant}, styled (slashed 0, continental 1, crossed 7): "
                + ", ".join(f"{c}: {figures[f'{variant}_styles_acc_{c}']:.1f}%" for c in (0, 1, 7))
                + f"; read as: {collections.Counter(got[got != labels].tolist()).most_common(5)}"
            )
    if args.scanned:
        readable = [d for d in chosen if not lone_straight_stroke(d)]
        labels = np.array([d.label for d in readable])
        for variant, answers in read_scans(readable, readers, args.seed).items():
            got = as_codes(answers)
            figures[f"{variant}_scanned_acc"] = 100.0 * (got == labels).mean()
            wrong = got != labels
            top = collections.Counter(zip(labels[wrong].tolist(), got[wrong].tolist(), strict=True)).most_common(5)
            print(
                f"{variant}, {len(readable)} digits scanned (16x16 black and white, without the label noise): "
                f"{figures[f'{variant}_scanned_acc']:.2f}%; most frequent confusions {top}"
            )
    if args.multi:
        for touching in (False, True):
            kind = "touching" if touching else "gaps"
            for variant, (counts, wholes) in read_drawings(
                canvas, chosen, readers, args.multi, args.seed, touching, args.image_only
            ).items():
                figures[f"{variant}_{kind}_count"] = 100.0 * np.mean(counts)
                figures[f"{variant}_{kind}_whole"] = 100.0 * np.mean(wholes)
                count, whole = figures[f"{variant}_{kind}_count"], figures[f"{variant}_{kind}_whole"]
                print(
                    f"{variant}, {args.multi} numbers of 2-4 digits with {kind}: right number of digits "
                    f"{count:.1f}%, every digit right {whole:.1f}%"
                )
    del app
    return report(start, figures)


if __name__ == "__main__":
    main()
