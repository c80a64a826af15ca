"""The benchmarks run end to end on tiny settings and end with their key=value line (no timing asserts)."""

from __future__ import annotations

import importlib
import re
from pathlib import Path
from types import ModuleType

import numpy as np
import pytest

from lenet_gui.core.paths import data_dir
from lenet_gui.core.pen_digits import load_pen_digits
from lenet_gui.core.preprocess import preprocess
from lenet_gui.core.trainer import TrainConfig

BENCHMARKS = Path(__file__).resolve().parents[1] / "benchmarks"
DRAWN = data_dir() / "drawn-digits" / "unipen-dev.jsonl.gz"
TINY = ["--limit", "256", "--test-limit", "200", "--threads", "1"]  # one thread: fast on a busy machine


@pytest.fixture
def load(monkeypatch: pytest.MonkeyPatch):
    """Import a benchmark script by name, the way it imports its helpers when run."""
    monkeypatch.syspath_prepend(str(BENCHMARKS))
    return importlib.import_module


def last_line(capsys: pytest.CaptureFixture[str]) -> dict[str, str]:
    line = capsys.readouterr().out.strip().splitlines()[-1]
    return dict(pair.split("=", 1) for pair in line.split())


def assert_line_matches(line: dict[str, str], figures: dict[str, float]) -> None:
    for key, value in figures.items():
        assert float(line[key]) == pytest.approx(value, rel=1e-3, abs=1e-3)


@pytest.mark.mnist
def test_train_speed(load, mnist, capsys):
    figures = load("train_speed").main(["--variant", "linear", *TINY, "--rounds", "1"])
    line = last_line(capsys)
    assert set(figures) == {"ratio", "seed_img_s", "app_img_s"} and line["variant"] == "linear"
    assert_line_matches(line, figures)
    assert figures["seed_img_s"] > 0 and figures["app_img_s"] > 0
    assert figures["ratio"] == pytest.approx(figures["app_img_s"] / figures["seed_img_s"])


@pytest.mark.mnist
def test_time_to_accuracy_reached(load, mnist, capsys):
    figures = load("time_to_accuracy").main([*TINY, "--target", "0.0"])
    assert_line_matches(last_line(capsys), figures)
    assert figures["seed_reached"] == figures["app_reached"] == 1
    assert figures["seed_epochs"] == figures["app_epochs"] == 1
    assert figures["ratio"] == pytest.approx(figures["seed_s"] / figures["app_s"])


@pytest.mark.mnist
def test_time_to_accuracy_not_reached_is_reported(load, mnist, capsys):
    args = ["--limit", "64", "--test-limit", "64", "--threads", "1", "--target", "1.01", "--seed-max-epochs", "1"]
    figures = load("time_to_accuracy").main(args)
    out = capsys.readouterr().out
    assert "lower bounds" in out and "did not reach" in out
    assert figures["seed_reached"] == figures["app_reached"] == 0 and figures["seed_epochs"] == 1
    assert figures["app_epochs"] == TrainConfig().epochs  # the default recipe ran to its end


@pytest.mark.mnist
def test_final_accuracy_both_variants(load, mnist, capsys):
    figures = load("final_accuracy").main([*TINY, "--epochs", "1"])
    assert list(figures) == ["conv_acc", "linear_acc", "conv_s", "linear_s"]
    assert_line_matches(last_line(capsys), figures)
    assert all(0.0 <= figures[k] <= 1.0 for k in ("conv_acc", "linear_acc"))


@pytest.mark.mnist
@pytest.mark.skipif(not DRAWN.is_file(), reason=f"the drawn-digits development set is not at {DRAWN}")
def test_drawn_accuracy(load, capsys):
    figures = load("drawn_accuracy").main(["--limit", "60", "--multi", "6", "--styles", "--scanned"])
    assert_line_matches(last_line(capsys), figures)
    for variant in ("conv", "linear"):
        assert 50 <= figures[f"{variant}_acc"] <= 100  # real drawings, read by real weights
        assert 50 <= figures[f"{variant}_scanned_acc"] <= 100
        assert {f"{variant}_acc_{c}" for c in range(10)} <= set(figures)
        assert {f"{variant}_styles_acc_{c}" for c in (0, 1, 7)} <= set(figures)
        assert {f"{variant}_{k}_{w}" for k in ("gaps", "touching") for w in ("count", "whole")} <= set(figures)


def test_latency(load, capsys):
    figures = load("latency").main(["--calls", "20", "--warmup", "2"])
    assert_line_matches(last_line(capsys), figures)
    assert 0 < figures["p50_ms"] <= figures["p99_ms"]
    assert 0 < figures["naive_p50_ms"] <= figures["naive_p99_ms"]


def test_synthetic_canvases_hold_digits_both_pipelines_read(load):
    latency: ModuleType = load("latency")
    predictor = latency.load_predictor("conv")
    for canvas in latency.synthetic_canvases(5):
        assert canvas.shape == (latency.CANVAS, latency.CANVAS) and canvas.dtype == np.uint8
        assert canvas[0, 0] == 255 and canvas.min() == 0  # dark strokes on white
        assert preprocess(canvas) is not None
        naive = latency.naive_probabilities(predictor.model, canvas)
        assert naive.shape == (10,) and naive.sum() == pytest.approx(1.0, abs=1e-4)


@pytest.mark.gui
def test_startup(load, capsys):
    figures = load("startup").main(["--runs", "1"])
    line = last_line(capsys)
    assert set(line) == set(figures) and {"window_s", "first_prediction_s", "help_s", "predict_s"} <= set(line)
    assert {"torch_import_s", "qt_import_s", "peak_rss_mb", "torch_rss_mb"} <= set(line)
    assert all(value > 0 for value in figures.values())
    assert figures["window_s"] < figures["first_prediction_s"]  # the window comes first, then the prediction
    assert_line_matches(line, {k: v for k, v in figures.items() if k.endswith("_s")})


@pytest.mark.skipif(not DRAWN.is_file(), reason=f"the drawn-digits development set is not at {DRAWN}")
def test_a_scanned_digit_is_stretched_to_a_square_and_blurred(load):
    bench = load("drawn_accuracy")
    one = next(d for d in load_pen_digits(DRAWN) if d.label == 1)  # much taller than wide as written
    width, height = one.size()
    assert width < height / 2
    sheet = bench.scanned(one, np.random.default_rng(0))
    assert sheet.shape == (bench.SHEET, bench.SHEET) and sheet.dtype == np.uint8
    rows, cols = np.nonzero(sheet < 128)
    ink_w, ink_h = cols.max() - cols.min() + 1, rows.max() - rows.min() + 1
    assert abs(ink_w - ink_h) <= 0.2 * ink_h  # stretched to fill the scan's square box
    assert len(np.unique(sheet)) > 2  # blurred: grey edges, not only black and white


@pytest.mark.mnist
@pytest.mark.skipif(not DRAWN.is_file(), reason=f"the drawn-digits development set is not at {DRAWN}")
def test_adaptation(load, capsys):
    figures = load("adaptation").main(["--writers", "1", "--per-digit", "1", "--misread", "1", "--threads", "1"])
    out = capsys.readouterr().out
    # One of each digit, and the first digit the app misreads when there is one.
    assert re.search(r": 1[01] corrections; errors on", out)
    assert "corrections per digit plus the first 1 misread digits" in out
    line = dict(pair.split("=", 1) for pair in out.strip().splitlines()[-1].split())
    assert_line_matches(line, figures)
    assert set(figures) == {"conv_before", "conv_after", "conv_mnist_after"}
    assert all(50 <= value <= 100 for value in figures.values())


@pytest.mark.mnist
@pytest.mark.skipif(not DRAWN.is_file(), reason=f"the drawn-digits development set is not at {DRAWN}")
def test_not_sure(load, capsys):
    figures = load("not_sure").main(["--scribbles", "30", "--pen-digits", "100"])
    out = capsys.readouterr().out
    assert (
        "mnist 5000, pen 100, scribbles 30, curvy 30, dashes 10, letters 36, stroke_letters 36, stroke_symbols 30"
        in out
    )
    assert_line_matches(dict(pair.split("=", 1) for pair in out.strip().splitlines()[-1].split()), figures)
    sets = ("mnist", "pen", "scribbles", "curvy", "dashes", "letters", "stroke_letters", "stroke_symbols")
    assert set(figures) == {f"{v}_{s}" for v in ("conv", "linear") for s in sets}
    for variant in ("conv", "linear"):
        assert 0 < figures[f"{variant}_mnist"] <= 2  # the documented bound on false rejections
        assert figures[f"{variant}_scribbles"] > 50 > figures[f"{variant}_pen"]
