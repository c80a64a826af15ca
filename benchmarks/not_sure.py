"""How often the app says "not sure": on digits (as rarely as it can) and on what is not a digit (as often as it can).

Each variant's bundled weights (or --weights) with their calibration judge, as the app judges a drawing's 28x28
network input: the second half of the MNIST test set (the false rejections; the first half fitted the checks), the
held-out writers' pen digits (benchmarks/drawn_accuracy.py's writers, without the label noise, drawn with pens of
4-16% of their height), and things that are not digits: random polylines (the tests' kind of scribble), random
curvy walks, dashes, capital letters that do not look like digits in Pillow's font with thin to bold strokes, the
same letters drawn as pen strokes, and symbols drawn as pen strokes (+ = < > # ...). Every figure is given with all
checks, without the crossings check and without the aspect check, side by side.
Last line: ``key=value`` per variant and set (percent judged "not sure").
"""

from __future__ import annotations

import argparse
import dataclasses
import time
from collections.abc import Sequence

import numpy as np
import torch
from PIL import Image, ImageDraw, ImageFilter, ImageFont

from lenet_gui.core.calibration import calibration_for
from lenet_gui.core.data import load_mnist
from lenet_gui.core.models import create_model
from lenet_gui.core.paths import data_dir
from lenet_gui.core.pen_digits import load_pen_digits, lone_straight_stroke, network_inputs, split_by_writer
from lenet_gui.core.preprocess import preprocess
from lenet_gui.core.variants import VARIANTS
from lenet_gui.core.weights import bundled_path, load_for_variant

SHEET = 280
LETTERS = "AEFHKMNRVWXY"  # capitals unlike any digit (no O, I, S, Z, B, G...)
# The same letters as pen strokes, in a unit square (x right, y down).
STROKE_LETTERS = {
    "A": [[(0, 1), (0.5, 0), (1, 1)], [(0.25, 0.55), (0.75, 0.55)]],
    "E": [[(1, 0), (0, 0), (0, 1), (1, 1)], [(0, 0.5), (0.8, 0.5)]],
    "F": [[(1, 0), (0, 0), (0, 1)], [(0, 0.5), (0.8, 0.5)]],
    "H": [[(0, 0), (0, 1)], [(1, 0), (1, 1)], [(0, 0.5), (1, 0.5)]],
    "K": [[(0, 0), (0, 1)], [(1, 0), (0, 0.55), (1, 1)]],
    "M": [[(0, 1), (0, 0), (0.5, 0.6), (1, 0), (1, 1)]],
    "N": [[(0, 1), (0, 0), (1, 1), (1, 0)]],
    "R": [[(0, 1), (0, 0), (0.8, 0), (1, 0.2), (0.8, 0.45), (0, 0.45)], [(0.4, 0.45), (1, 1)]],
    "V": [[(0, 0), (0.5, 1), (1, 0)]],
    "W": [[(0, 0), (0.25, 1), (0.5, 0.4), (0.75, 1), (1, 0)]],
    "X": [[(0, 0), (1, 1)], [(1, 0), (0, 1)]],
    "Y": [[(0, 0), (0.5, 0.5), (1, 0)], [(0.5, 0.5), (0.5, 1)]],
}

# Symbols a user may draw on a digit pad, the same way (a slash is left out: it is a slanted 1; "x" is the letter X).
STROKE_SYMBOLS = {
    "+": [[(0.5, 0), (0.5, 1)], [(0, 0.5), (1, 0.5)]],
    "=": [[(0, 0.3), (1, 0.3)], [(0, 0.7), (1, 0.7)]],
    "check": [[(0, 0.6), (0.35, 1), (1, 0)]],
    "<": [[(1, 0), (0, 0.5), (1, 1)]],
    ">": [[(0, 0), (1, 0.5), (0, 1)]],
    "#": [[(0.35, 0), (0.3, 1)], [(0.7, 0), (0.65, 1)], [(0, 0.35), (1, 0.35)], [(0, 0.65), (1, 0.65)]],
    "divide": [[(0, 0.5), (1, 0.5)], [(0.5, 0.15), (0.5, 0.2)], [(0.5, 0.8), (0.5, 0.85)]],
    "^": [[(0, 1), (0.5, 0), (1, 1)]],
    "arrow": [[(0, 0.5), (1, 0.5)], [(0.7, 0.2), (1, 0.5), (0.7, 0.8)]],
    "*": [[(0.5, 0), (0.5, 1)], [(0, 0.25), (1, 0.75)], [(0, 0.75), (1, 0.25)]],
}


def scribble(rng: np.random.Generator) -> Image.Image:
    """A polyline through 6-14 random points, 10-19 px wide on a 280 px sheet."""
    img = Image.new("L", (SHEET, SHEET), 255)
    points = [tuple(rng.uniform(40, 240, 2)) for _ in range(rng.integers(6, 15))]
    ImageDraw.Draw(img).line(points, fill=0, width=int(rng.integers(10, 20)), joint="curve")
    return img


def curvy_scribble(rng: np.random.Generator) -> Image.Image:
    """A random walk of 20-59 steps that turns smoothly, 5-15 px wide."""
    img = Image.new("L", (SHEET, SHEET), 255)
    at, heading = rng.uniform(80, 200, 2), rng.uniform(0, 2 * np.pi)
    points = [tuple(at)]
    for _ in range(int(rng.integers(20, 60))):
        heading += rng.normal(0, 0.6)
        at = np.clip(at + 12 * np.array([np.cos(heading), np.sin(heading)]), 30, 250)
        points.append(tuple(at))
    ImageDraw.Draw(img).line(points, fill=0, width=int(rng.integers(5, 16)), joint="curve")
    return img


def dash(rng: np.random.Generator) -> Image.Image:
    """A straight line 80-220 px long, 5-20 px wide, within 20 degrees of the horizontal: a dash, a minus sign."""
    img = Image.new("L", (SHEET, SHEET), 255)
    length, angle = rng.uniform(80, 220), np.radians(rng.uniform(-20, 20))
    dx, dy, c = length / 2 * np.cos(angle), length / 2 * np.sin(angle), SHEET / 2
    ImageDraw.Draw(img).line([(c - dx, c - dy), (c + dx, c + dy)], fill=0, width=int(rng.integers(5, 21)))
    return img


def font_letters() -> list[Image.Image]:
    """LETTERS in Pillow's own font, 180 px tall, as they are and thickened twice."""
    font = ImageFont.load_default(size=180)
    images = []
    for thicken in (1, 5, 9):
        for ch in LETTERS:
            img = Image.new("L", (SHEET, SHEET), 255)
            ImageDraw.Draw(img).text((60, 20), ch, fill=0, font=font)
            images.append(img.filter(ImageFilter.MinFilter(thicken)))
    return images


def drawn_strokes(shapes: dict[str, list[list[tuple[float, float]]]]) -> list[Image.Image]:
    """Shapes given as strokes in a unit square (STROKE_LETTERS, STROKE_SYMBOLS), 160 px tall with pens of 8, 16 and
    28 px."""
    images = []
    for width in (8, 16, 28):
        for strokes in shapes.values():
            img = Image.new("L", (SHEET, SHEET), 255)
            draw = ImageDraw.Draw(img)
            for stroke in strokes:
                draw.line([(60 + 160 * x, 60 + 160 * y) for x, y in stroke], fill=0, width=width, joint="curve")
            images.append(img)
    return images


def network_inputs_of(images: list[Image.Image]) -> torch.Tensor:
    """The 28x28 network inputs (uint8) of drawings, as the app preprocesses them; drawings without ink dropped."""
    found = [preprocess(np.asarray(img)) for img in images]
    return torch.from_numpy(np.stack([p.image for p in found if p is not None]))


def main(argv: Sequence[str] | None = None) -> dict[str, float]:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--variants", nargs="+", choices=list(VARIANTS), default=list(VARIANTS))
    p.add_argument("--weights", nargs="+", default=[], metavar="VARIANT=FILE", help="weights to judge with")
    p.add_argument("--scribbles", type=int, default=600, metavar="N", help="scribbles of each kind (default 600)")
    p.add_argument("--pen-digits", type=int, metavar="N", help="judge only the first N held-out pen digits")
    p.add_argument("--data-dir", metavar="D", help="MNIST and drawn-digits root (default: $LENET_DATA_DIR)")
    args = p.parse_args(argv)
    start = time.perf_counter()
    root = data_dir(args.data_dir)
    test = load_mnist(root, download=False).test
    half = len(test) // 2
    held_out = split_by_writer(load_pen_digits(root / "drawn-digits" / "unipen-dev.jsonl.gz"))[1]
    held_out = [d for d in held_out if not lone_straight_stroke(d)][: args.pen_digits]
    rng = np.random.default_rng(2026)
    sets = {
        "mnist": test.images[half:],
        "pen": network_inputs(held_out, seed=3).images,
        "scribbles": network_inputs_of([scribble(rng) for _ in range(args.scribbles)]),
        "curvy": network_inputs_of([curvy_scribble(rng) for _ in range(args.scribbles)]),
        "dashes": network_inputs_of([dash(rng) for _ in range(args.scribbles // 3)]),
        "letters": network_inputs_of(font_letters()),
        "stroke_letters": network_inputs_of(drawn_strokes(STROKE_LETTERS)),
        "stroke_symbols": network_inputs_of(drawn_strokes(STROKE_SYMBOLS)),
    }
    print(", ".join(f"{name} {len(images)}" for name, images in sets.items()))
    files = dict(w.split("=", 1) for w in args.weights)
    figures: dict[str, float] = {}
    for variant in args.variants:
        weights = load_for_variant(variant, files.get(variant, bundled_path(variant)))
        calibration = calibration_for(weights, root)
        if calibration is None:
            raise SystemExit(f"no calibration for the {variant} weights (needs MNIST to fit one)")
        model = create_model(variant)
        model.load_state_dict(weights.state_dict)
        model.eval()
        checks = (
            calibration,
            dataclasses.replace(calibration, max_crossings=None),
            dataclasses.replace(calibration, min_aspect=None),
        )
        print(f"{variant} ({weights.path.name}): judged not sure, with all checks / without crossings / without aspect")
        for name, images in sets.items():
            rates = [100.0 * np.mean([not v.sure for v in c.judge_images(model, images)]) for c in checks]
            print(f"  {name:15s} {rates[0]:6.2f}% / {rates[1]:6.2f}% / {rates[2]:6.2f}%")
            figures[f"{variant}_{name}"] = rates[0]
    print(f"({time.perf_counter() - start:.0f} s)")
    print(" ".join(f"{k}={v:.2f}" for k, v in figures.items()))
    return figures


if __name__ == "__main__":
    main()
