"""The ``lenet-gui`` command: every subcommand works, and every failure is one line on stderr with exit 1."""

from __future__ import annotations

import errno
import json
import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
import torch
from PIL import Image

from lenet_gui.cli import main
from lenet_gui.core.predictor import Predictor
from lenet_gui.core.weights import WeightsMeta, load_for_variant, load_weights, save_weights, user_path

REPO = Path(__file__).resolve().parents[1]


def run(capsys: pytest.CaptureFixture[str], *args: str | os.PathLike[str]) -> tuple[int, str, str]:
    """Run the command in this process; returns (exit status, stdout, stderr)."""
    code = main([str(a) for a in args])
    out, err = capsys.readouterr()
    return code, out, err


def assert_one_error_line(err: str, *fragments: str) -> None:
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith("lenet-gui: error: ")
    assert "Traceback" not in err
    for fragment in fragments:
        assert fragment in lines[0]


def bad_weights(tmp_path: Path, kind: str, weights_files: dict[str, Path]) -> Path:
    path = tmp_path / f"{kind}.safetensors"
    if kind == "empty":
        path.write_bytes(b"")
    elif kind == "random":
        path.write_bytes(np.random.default_rng(1).bytes(3000))
    elif kind == "truncated":
        path.write_bytes(weights_files["conv"].read_bytes()[:5000])
    elif kind == "pickle":
        torch.save({"weights": torch.zeros(3)}, path)
    return path  # "missing": never written


def digit_png(path: Path, mnist_image: np.ndarray) -> Path:
    """An MNIST digit as a user would draw it: dark ink on white, larger."""
    img = Image.fromarray(255 - mnist_image).resize((112, 112), Image.Resampling.BILINEAR)
    img.save(path)
    return path


BAD_WEIGHTS = ["missing", "empty", "random", "truncated", "pickle"]


@pytest.mark.parametrize("kind", BAD_WEIGHTS)
@pytest.mark.parametrize("command", ["evaluate", "predict", "convert"])
def test_bad_weights_give_one_error_line(capsys, tmp_path, weights_files, offline, kind, command):
    path = bad_weights(tmp_path, kind, weights_files)
    image = tmp_path / "blank.png"
    Image.new("L", (28, 28), 255).save(image)
    args = {
        "evaluate": ["evaluate", "--weights", path, "--data-dir", tmp_path / "no-data"],
        "predict": ["predict", "--weights", path, image],
        "convert": ["convert", path, "--out", tmp_path / "out.safetensors"],
    }[command]
    code, out, err = run(capsys, *args)
    assert code == 1 and out == ""
    assert_one_error_line(err, str(path))
    assert not (tmp_path / "out.safetensors").exists()
    assert offline == []  # the weights are checked before any data is looked for


def test_weights_of_the_other_variant_name_the_fix(capsys, weights_files):
    code, _, err = run(capsys, "evaluate", "--variant", "conv", "--weights", weights_files["linear"])
    assert code == 1
    assert_one_error_line(err, "'linear' variant", "lenet-gui convert")


@pytest.mark.parametrize("command", ["train", "evaluate"])
def test_missing_mnist_offline_gives_one_line_saying_where_to_put_it(capsys, tmp_path, weights_files, offline, command):
    empty = tmp_path / "empty"
    empty.mkdir()
    extra = ["--weights", weights_files["conv"]] if command == "evaluate" else ["--out", tmp_path / "w.safetensors"]
    code, _, err = run(capsys, command, "--data-dir", empty, *extra)
    assert code == 1
    assert offline, "a download should have been tried"
    # torchvision's own message spans several lines; the command still prints one.
    assert_one_error_line(err, "could not download MNIST", str(empty / "MNIST" / "raw"), "--data-dir")
    assert not (tmp_path / "w.safetensors").exists()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["train", "--epochs", "0"], "must be at least 1"),
        (["train", "--train-limit", "0"], "must be at least 1"),
        (["train", "--threads", "-1"], "must be at least 1"),
        (["train", "--batch-size", "many"], "expected a whole number"),
        (["train", "--variant", "lenet7"], "invalid choice"),
        (["convert", "in.safetensors"], "--out"),
    ],
)
def test_bad_arguments_are_refused_before_anything_runs(capsys, offline, args, message):
    with pytest.raises(SystemExit) as info:
        main(args)
    _, err = capsys.readouterr()
    assert info.value.code == 2
    assert message in err and "Traceback" not in err
    assert offline == []


@pytest.mark.mnist
def test_train_evaluate_predict_convert(capsys, tmp_path, mnist):
    weights = tmp_path / "w.safetensors"
    code, out, _ = run(
        capsys,
        *("train", "--train-limit", "512", "--epochs", "1", "--batch-size", "32", "--lr", "0.01"),
        *("--threads", "1", "--no-augment", "--device", "cpu", "--out", weights),
    )
    assert code == 0 and f"weights saved to {weights}" in out
    _, meta = load_weights(weights, "conv")
    assert meta.recipe["train_limit"] == 512 and meta.epochs == 1

    code, out, _ = run(capsys, "evaluate", "--weights", weights, "--json", "--device", "cpu")
    report = json.loads(out)
    assert code == 0 and set(report) == {"variant", "accuracy", "n"}
    assert report["variant"] == "conv" and report["n"] == 10000
    assert report["accuracy"] == pytest.approx(meta.test_accuracy, abs=2e-3)
    assert report["accuracy"] > 0.5  # 512 images are enough to be far above chance

    code, out, _ = run(capsys, "evaluate", "--weights", weights)
    assert code == 0 and f"test accuracy {report['accuracy']:.2%}" in out

    converted, back = tmp_path / "linear.safetensors", tmp_path / "conv-again.safetensors"
    code, out, _ = run(capsys, "convert", weights, "--out", converted)
    assert code == 0 and "conv -> linear" in out
    code, out, _ = run(capsys, "convert", converted, "--from", "linear", "--out", back)
    assert code == 0 and "linear -> conv" in out
    batch = (mnist.test.images[:200].unsqueeze(1).float() / 255 - 0.1307) / 0.3081
    probs = [Predictor(load_for_variant(v, p), "cpu").probabilities(batch) for v, p in
             [("conv", weights), ("linear", converted), ("conv", back)]]  # fmt: skip
    np.testing.assert_allclose(probs[1], probs[0], atol=1e-5)
    np.testing.assert_allclose(probs[2], probs[0], atol=1e-5)

    images = [digit_png(tmp_path / f"digit{i}.png", mnist.test.images[i].numpy()) for i in range(3)]
    blank = tmp_path / "blank.png"
    Image.new("RGB", (200, 100), "white").save(blank)
    code, out, err = run(capsys, "predict", "--weights", weights, *images, blank)
    assert code == 0 and err == ""
    lines = out.strip().splitlines()
    assert lines[-1] == f"{blank}: no digit"
    assert all(line.startswith(f"{img}: ") and "%" in line for line, img in zip(lines, images, strict=False))

    code, out, _ = run(capsys, "predict", "--variant", "linear", "--weights", converted, "--json", images[0], blank)
    results = json.loads(out)
    assert code == 0 and [r["path"] for r in results] == [str(images[0]), str(blank)]
    assert results[0]["digit"] in range(10) and len(results[0]["probabilities"]) == 10
    assert sum(results[0]["probabilities"]) == pytest.approx(1.0, abs=1e-4)
    assert results[1]["digit"] is None and results[1]["confidence"] == 0.0


@pytest.mark.mnist
def test_train_without_out_saves_the_users_weights(capsys, mnist):
    code, _, _ = run(capsys, "train", "--variant", "linear", "--train-limit", "64", "--epochs", "1", "--threads", "1")
    assert code == 0
    assert load_weights(user_path("linear"), "linear")[1].recipe["train_limit"] == 64


@pytest.mark.mnist
def test_diverging_training_saves_nothing_and_keeps_the_previous_file(capsys, tmp_path, weights_files, mnist):
    previous = weights_files["conv"].read_bytes()
    code, _, err = run(
        capsys,
        *("train", "--train-limit", "320", "--batch-size", "32", "--epochs", "1", "--lr", "1e30"),
        *("--threads", "1", "--no-augment", "--out", weights_files["conv"]),
    )
    assert code == 1 and "Traceback" not in err
    assert err.strip().splitlines()[-1].startswith("lenet-gui: error: training diverged")
    assert weights_files["conv"].read_bytes() == previous


def test_predict_reports_each_bad_image_and_goes_on(capsys, tmp_path, weights_files):
    good = tmp_path / "black.png"
    Image.new("L", (50, 50), 0).save(good)
    empty, text = tmp_path / "empty.png", tmp_path / "notes.jpg"
    empty.write_bytes(b"")
    text.write_text("not an image")
    code, out, err = run(capsys, "predict", "--weights", weights_files["conv"], "--json", empty, good, text, "nope.png")
    assert code == 1
    assert [r["digit"] for r in json.loads(out)] == [None]
    lines = err.strip().splitlines()
    assert len(lines) == 3 and all(line.startswith("lenet-gui: error: ") for line in lines)
    assert [str(empty) in lines[0], str(text) in lines[1], "nope.png" in lines[2]] == [True] * 3


@pytest.mark.parametrize(
    "mode", ["I;16", "P", "CMYK", "RGBA", "LA", "1"], ids=["16-bit", "palette", "cmyk", "rgba", "la", "bilevel"]
)
def test_predict_reads_every_common_mode(capsys, tmp_path, weights_files, mode):
    base = np.full((60, 60), 255, dtype=np.uint8)
    base[10:50, 26:34] = 0
    img = Image.fromarray(base.astype(np.uint16) * 257) if mode == "I;16" else Image.fromarray(base).convert(mode)
    path = tmp_path / ("x.jpg" if mode == "CMYK" else "x.png")
    img.save(path)
    code, out, err = run(capsys, "predict", "--weights", weights_files["conv"], "--json", path)
    assert code == 0 and err == ""
    assert json.loads(out)[0]["digit"] in range(10)


def test_predict_refuses_a_decompression_bomb(capsys, tmp_path, weights_files):
    from test_images import png_declaring

    bomb = png_declaring(tmp_path / "bomb.png", 60_000, 60_000)
    code, _, err = run(capsys, "predict", "--weights", weights_files["conv"], bomb)
    assert code == 1
    assert_one_error_line(err, str(bomb), "pixels")


def test_predict_reads_the_first_frame_of_an_animated_gif(capsys, tmp_path, weights_files):
    blank = Image.new("L", (40, 40), 255)
    ink = blank.copy()
    ink.paste(0, (16, 5, 24, 35))
    gif = tmp_path / "anim.gif"
    blank.save(gif, save_all=True, append_images=[ink], duration=100)
    code, out, _ = run(capsys, "predict", "--weights", weights_files["conv"], "--json", gif)
    assert code == 0 and json.loads(out)[0]["digit"] is None  # the first frame is blank


def test_convert_that_cannot_save_keeps_the_previous_output(capsys, tmp_path, weights_files, monkeypatch):
    out = tmp_path / "linear.safetensors"
    save_weights(out, load_weights(weights_files["linear"])[0], WeightsMeta("linear", note="keep me"))

    def disk_full(fd: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", disk_full)
    code, _, err = run(capsys, "convert", weights_files["conv"], "--out", out)
    monkeypatch.undo()
    assert code == 1
    assert_one_error_line(err, "could not save weights", "No space left on device")
    assert load_weights(out)[1].note == "keep me"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["linear.safetensors", "weights"]


def test_help_lists_every_command(capsys):
    with pytest.raises(SystemExit) as info:
        main(["--help"])
    assert info.value.code == 0
    out = capsys.readouterr().out
    assert all(command in out for command in ("train", "evaluate", "predict", "convert"))


def test_entry_point_runs_as_a_module(tmp_path):
    bad = tmp_path / "bad.safetensors"
    bad.write_bytes(b"\0" * 100)
    failed = subprocess.run(
        [sys.executable, "-m", "lenet_gui", "predict", "--weights", str(bad), "x.png"],
        capture_output=True,
        text=True,
        env={**os.environ, "LENET_USER_DIR": str(tmp_path / "user")},
        cwd=REPO,
    )
    assert failed.returncode == 1 and failed.stdout == ""
    assert_one_error_line(failed.stderr, str(bad))


def test_output_whose_reader_went_away_stops_quietly_with_status_141(tmp_path, mnist):
    """`lenet-gui predict --json *.png | head`: the pipe closes before the answer is written."""
    image = digit_png(tmp_path / "digit.png", mnist.test.images[0].numpy())
    proc = subprocess.Popen(
        [sys.executable, "-m", "lenet_gui", "predict", "--json", str(image)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env={**os.environ, "LENET_USER_DIR": str(tmp_path / "user")},
        cwd=REPO,
    )
    proc.stdout.close()  # nobody reads: the answer's write finds a broken pipe
    err = proc.stderr.read().decode()
    assert proc.wait(timeout=120) == 141
    assert err == ""


def test_ctrl_c_is_a_short_message_and_status_130(capsys, tmp_path, weights_files, monkeypatch):
    from lenet_gui.core import images

    def interrupted(path):
        raise KeyboardInterrupt

    monkeypatch.setattr(images, "load_image", interrupted)
    code, _, err = run(capsys, "predict", "--weights", weights_files["conv"], tmp_path / "x.png")
    assert code == 130 and err == "lenet-gui: interrupted\n"


@pytest.mark.parametrize("command", ["predict", "evaluate"])
def test_unreadable_user_weights_fall_back_to_the_bundled_ones_with_one_warning(capsys, tmp_path, command, mnist):
    user = user_path("conv")
    user.parent.mkdir(parents=True, exist_ok=True)
    user.write_bytes(b"half a weights file")
    image = digit_png(tmp_path / "digit.png", mnist.test.images[0].numpy())
    args = ["predict", "--json", image] if command == "predict" else ["evaluate", "--json"]
    code, out, err = run(capsys, *args)
    assert code == 0
    lines = err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("lenet-gui: warning: ")
    assert str(user) in lines[0] and "using the bundled weights instead" in lines[0]
    if command == "predict":
        bundled = Predictor(load_for_variant("conv"), "cpu").predict(Image.open(image))
        assert json.loads(out)[0]["digit"] == bundled.digit


def test_predict_says_when_it_is_not_sure_as_the_app_does(capsys, tmp_path):
    """One image is judged with the bundled weights' calibration, as the window judges a drawing."""
    one, blob = tmp_path / "one.png", tmp_path / "blob.png"
    sheet = np.full((280, 280), 255, dtype=np.uint8)
    sheet[40:240, 130:148] = 0
    Image.fromarray(sheet).save(one)
    sheet[60:220, 60:220] = 0
    Image.fromarray(sheet).save(blob)
    code, out, err = run(capsys, "predict", one, blob)
    assert code == 0 and err == ""
    lines = out.strip().splitlines()
    assert lines[0].startswith(f"{one}: 1 (") and "not sure" not in lines[0]
    assert lines[1].startswith(f"{blob}: ") and lines[1].endswith(", not sure: a filled shape, not a stroke)")
    code, out, _ = run(capsys, "predict", "--json", one, blob)
    results = json.loads(out)
    assert [(r["sure"], r["reason"]) for r in results] == [(True, ""), (False, "a filled shape, not a stroke")]
    assert 0 < results[1]["confidence"] <= 1
