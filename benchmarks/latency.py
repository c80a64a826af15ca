"""Inference latency: 280x280 canvas -> 10 probabilities, one image on the CPU, app pipeline beside a naive one.

App: ``Predictor.predict(canvas)`` (the app's preprocessing of the cropped ink,
then the forward pass). Naive: the whole canvas inverted and resized to 28x28
with PIL, torchvision ``ToTensor`` + ``Normalize``, then the forward pass. Both
start from the same gray canvas array (dark strokes on white, as the app's
canvas) and run on the same model, interleaved call by call (alternating which
goes first). Torch's thread count is left as the app leaves it unless
--threads is given.

    .venv/bin/python benchmarks/latency.py
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from pathlib import Path

import _bench_common as bench
import numpy as np
import torch
from PIL import Image, ImageDraw, ImageOps
from torchvision import transforms

from lenet_gui.core.models import LeNet5, create_model
from lenet_gui.core.predictor import Predictor
from lenet_gui.core.preprocess import MNIST_MEAN, MNIST_STD
from lenet_gui.core.weights import LoadedWeights, WeightsMeta, load_for_variant
from lenet_gui.errors import WeightsError

CANVAS = 280
PEN = 18
# Strokes of a few digits in unit coordinates: lists of polylines.
DIGITS: dict[int, list[list[tuple[float, float]]]] = {
    1: [[(0.42, 0.3), (0.52, 0.2), (0.52, 0.8)]],
    2: [[(0.3, 0.32), (0.45, 0.2), (0.65, 0.25), (0.66, 0.42), (0.3, 0.78), (0.72, 0.78)]],
    4: [[(0.6, 0.8), (0.6, 0.2), (0.28, 0.6), (0.74, 0.6)]],
    7: [[(0.3, 0.24), (0.7, 0.24), (0.46, 0.8)]],
    0: [[(0.5, 0.2), (0.68, 0.35), (0.68, 0.65), (0.5, 0.8), (0.32, 0.65), (0.32, 0.35), (0.5, 0.2)]],
}
NAIVE_TRANSFORM = transforms.Compose([transforms.ToTensor(), transforms.Normalize((MNIST_MEAN,), (MNIST_STD,))])


def synthetic_canvases(count: int, seed: int = 0) -> list[np.ndarray]:
    """``count`` gray 280x280 canvases, each a digit drawn with round-capped strokes, randomly placed and sized."""
    rng = np.random.default_rng(seed)
    out = []
    for i in range(count):
        img = Image.new("L", (CANVAS, CANVAS), 255)
        draw = ImageDraw.Draw(img)
        scale = rng.uniform(0.6, 1.1) * CANVAS
        dx, dy = rng.uniform(-0.15, 0.15, size=2) * CANVAS
        for line in DIGITS[list(DIGITS)[i % len(DIGITS)]]:
            pts = [(x * scale + dx + (CANVAS - scale) / 2, y * scale + dy + (CANVAS - scale) / 2) for x, y in line]
            draw.line(pts, fill=0, width=PEN, joint="curve")
            for x, y in pts:
                draw.ellipse((x - PEN / 2, y - PEN / 2, x + PEN / 2, y + PEN / 2), fill=0)
        out.append(np.asarray(img))
    return out


@torch.inference_mode()
def naive_probabilities(model: LeNet5, canvas: np.ndarray) -> np.ndarray:
    """The naive pipeline: resize the whole (inverted) canvas, torchvision transforms, forward."""
    small = ImageOps.invert(Image.fromarray(canvas)).resize((28, 28))
    return model(NAIVE_TRANSFORM(small).unsqueeze(0))[0].exp().numpy()


def load_predictor(variant: str) -> Predictor:
    """A CPU predictor with the app's weights, or freshly initialised ones when there are none (same speed)."""
    try:
        weights = load_for_variant(variant)
    except WeightsError:
        model = create_model(variant)
        weights = LoadedWeights(model.state_dict(), WeightsMeta(variant), Path("<random init>"), "file")
    return Predictor(weights, device="cpu")


def _time_ms(fn: Callable[[], object]) -> float:
    start = time.perf_counter()
    fn()
    return (time.perf_counter() - start) * 1000.0


def main(argv: Sequence[str] | None = None) -> dict[str, float]:
    p = bench.parser(__doc__.splitlines()[0], data=False)
    p.add_argument("--calls", type=int, default=2000, help="timed calls per pipeline (default 2000)")
    p.add_argument("--warmup", type=int, default=100, help="untimed calls per pipeline first (default 100)")
    p.add_argument("--threads", type=int, help="torch.set_num_threads first (default: leave as the app does)")
    args = p.parse_args(argv)
    if args.threads:
        torch.set_num_threads(args.threads)
    predictor = load_predictor(args.variant)
    print(bench.machine_summary())
    print(f"variant {args.variant}, weights {predictor.weights.path.name}, {args.calls} calls each after warm-up")
    canvases = synthetic_canvases(16)
    app_ms, naive_ms = [], []
    for i in range(args.warmup + args.calls):
        canvas = canvases[i % len(canvases)]
        pair = [
            lambda c=canvas: predictor.predict(c).probabilities,
            lambda c=canvas: naive_probabilities(predictor.model, c),
        ]
        order = (0, 1) if i % 2 == 0 else (1, 0)
        times = {k: _time_ms(pair[k]) for k in order}
        if i >= args.warmup:
            app_ms.append(times[0])
            naive_ms.append(times[1])
    app, naive = np.asarray(app_ms), np.asarray(naive_ms)
    figures = {
        "p50_ms": float(np.percentile(app, 50)),
        "p99_ms": float(np.percentile(app, 99)),
        "naive_p50_ms": float(np.percentile(naive, 50)),
        "naive_p99_ms": float(np.percentile(naive, 99)),
    }
    print(bench.result_line(**figures, threads=torch.get_num_threads()))
    return figures


if __name__ == "__main__":
    main()
