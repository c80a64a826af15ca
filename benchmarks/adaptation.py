"""How the app learns one person's handwriting: a few corrections, a fine-tune, and that writer's other digits.

For every held-out writer of the drawn-digits set who wrote all ten digits (never trained or tuned on, see
``drawn_accuracy.py``): ``--per-digit`` digits of each class, chosen at random, are that writer's corrections. Each
is drawn on the app's canvas as in ``drawn_accuracy.py`` and kept as the app keeps a sample (the 28x28 network input
of the drawing). With ``--misread N`` the first N of the writer's other digits that the app misreads are corrected
too, as a user corrects the mistakes the app makes. The bundled weights are fine-tuned on them exactly as Model >
Fine-tune on My Samples does (:func:`lenet_gui.core.finetune.finetune`, default settings, nothing held out), and the
writer's other digits are read by the app before and after, with the calibration the app fits for the new weights.
Digits that are label noise of the source are left out of both.

Prints, per writer, the errors on the other digits before -> after, then the totals and the MNIST test accuracy
before and after (median over the writers). Last line: ``conv_before=... conv_after=... conv_mnist_after=...``.
"""

from __future__ import annotations

import argparse
import os
import statistics
import time
from collections.abc import Sequence

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import numpy as np
import torch
from drawn_accuracy import draw, read_singles, report, single_layout
from PySide6.QtWidgets import QApplication

from lenet_gui.core.calibration import Calibration, calibration_for, fit_for_weights
from lenet_gui.core.configs import FinetuneConfig
from lenet_gui.core.data import Split, load_mnist
from lenet_gui.core.finetune import finetune
from lenet_gui.core.paths import data_dir
from lenet_gui.core.pen_digits import PenDigit, load_pen_digits, lone_straight_stroke, split_by_writer
from lenet_gui.core.predictor import Predictor
from lenet_gui.core.preprocess import preprocess
from lenet_gui.core.variants import VARIANTS
from lenet_gui.core.weights import LoadedWeights, load_for_variant
from lenet_gui.gui.canvas import Canvas


def corrections(digits: list[PenDigit], per_digit: int, rng: np.random.Generator) -> tuple[list[int], list[int]]:
    """(indices of the corrections, indices of the others): ``per_digit`` random digits of each class, at most all
    but one of a class."""
    chosen: list[int] = []
    for label in range(10):
        idx = [i for i, d in enumerate(digits) if d.label == label]
        chosen += rng.permutation(idx)[: min(per_digit, len(idx) - 1)].tolist()
    others = sorted(set(range(len(digits))) - set(chosen))
    return sorted(chosen), others


def samples_of(canvas: Canvas, digits: list[PenDigit], seed: int) -> Split:
    """The digits drawn on the canvas and kept as the app keeps a sample: the drawing's 28x28 network input."""
    images, labels = [], []
    for i, digit in enumerate(digits):
        draw(canvas, [digit], *single_layout(digit, np.random.default_rng([seed, 1, i])), gap=0)
        pre = preprocess(canvas.to_array())
        if pre is not None:
            images.append(pre.image)
            labels.append(digit.label)
    return Split(torch.from_numpy(np.stack(images)), torch.tensor(labels, dtype=torch.int64))


def misread(
    canvas: Canvas, digits: list[PenDigit], weights: LoadedWeights, calibration: Calibration | None, seed: int
) -> list[int]:
    """The indices of the ``digits`` that the app reads wrong (not exactly one digit, or the wrong one)."""
    readers = {"v": (Predictor(weights, "cpu"), calibration)}
    answers = read_singles(canvas, digits, readers, seed)["v"]["answers"]
    return [i for i, (a, d) in enumerate(zip(answers, digits, strict=True)) if a != d.label]


def main(argv: Sequence[str] | None = None) -> dict[str, float]:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--variants", nargs="+", choices=list(VARIANTS), default=["conv"])
    p.add_argument("--per-digit", type=int, default=2, help="corrections per digit and writer (default 2)")
    p.add_argument(
        "--misread", type=int, default=0, help="also correct the first N other digits the app misreads (default 0)"
    )
    p.add_argument("--min-others", type=int, default=30, help="skip writers with fewer other digits (default 30)")
    p.add_argument("--writers", type=int, help="fine-tune for at most N writers (for trying out)")
    p.add_argument("--threads", type=int, default=None, help="torch threads for fine-tuning (default: all cores)")
    p.add_argument("--seed", type=int, default=0)
    args = p.parse_args(argv)
    if args.per_digit < 1:
        p.error("--per-digit must be at least 1")
    if args.misread < 0:
        p.error("--misread must not be negative")
    data = data_dir()
    _, held_out = split_by_writer(load_pen_digits(data / "drawn-digits" / "unipen-dev.jsonl.gz"))
    readable = [d for d in held_out if not lone_straight_stroke(d)]
    writers = sorted({d.writer for d in readable})
    mnist = load_mnist(data, download=False)
    app = QApplication.instance() or QApplication([])
    canvas = Canvas()
    figures: dict[str, float] = {}
    start = time.perf_counter()
    for variant in args.variants:
        bundled = load_for_variant(variant)
        bundled_calibration = calibration_for(bundled)
        total_before = total_after = total = 0
        mnist_after: list[float] = []
        for w, writer in enumerate(writers):
            if args.writers is not None and len(mnist_after) == args.writers:
                break
            digits = [d for d in readable if d.writer == writer]
            fixes, others = corrections(digits, args.per_digit, np.random.default_rng([args.seed, w]))
            written = len({d.label for d in digits})
            if written < 10 or len(others) < args.min_others:
                # Corrections of the only digit a writer wrote would just teach that digit.
                print(f"{variant} {writer}: {written} different digits written, {len(others)} others; skipped")
                continue
            if args.misread:
                wrong = misread(canvas, [digits[i] for i in others], bundled, bundled_calibration, args.seed)
                mistakes = [others[k] for k in wrong[: args.misread]]
                fixes, others = sorted(fixes + mistakes), [i for i in others if i not in mistakes]
            rest = [digits[i] for i in others]
            samples = samples_of(canvas, [digits[i] for i in fixes], args.seed + w)
            config = FinetuneConfig(held_out=0.0, seed=args.seed, threads=args.threads)
            result = finetune(bundled, samples, mnist, config)
            tuned = LoadedWeights(result.state_dict, result.meta, bundled.path, "file")
            before = len(misread(canvas, rest, bundled, bundled_calibration, args.seed))
            after = len(misread(canvas, rest, tuned, fit_for_weights(tuned, mnist.test), args.seed))
            total_before, total_after, total = total_before + before, total_after + after, total + len(rest)
            mnist_after.append(result.mnist_after)
            print(
                f"{variant} {writer}: {len(samples)} corrections; errors on {len(rest)} other digits "
                f"{before} -> {after}; MNIST {100 * result.mnist_before:.2f}% -> {100 * result.mnist_after:.2f}%",
                flush=True,
            )
        if not mnist_after:
            raise SystemExit(f"no writer has all ten digits and {args.min_others} others left: nothing to measure")
        figures[f"{variant}_before"] = 100.0 * (1 - total_before / total)
        figures[f"{variant}_after"] = 100.0 * (1 - total_after / total)
        figures[f"{variant}_mnist_after"] = 100.0 * statistics.median(mnist_after)
        print(
            f"{variant}: {len(mnist_after)} writers, {total} other digits read right "
            f"{figures[f'{variant}_before']:.2f}% -> {figures[f'{variant}_after']:.2f}% after {args.per_digit} "
            f"corrections per digit{f' plus the first {args.misread} misread digits' if args.misread else ''}; "
            f"MNIST after fine-tuning (median) {figures[f'{variant}_mnist_after']:.2f}%"
        )
    del app
    return report(start, figures)


if __name__ == "__main__":
    main()
