"""Models from the reference tutorial in, ONNX and the tutorial's layout out; refused files run no code."""

from __future__ import annotations

import hashlib
import io
import json
import pickle
import threading
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pytest
import torch
from test_cli import assert_one_error_line, run
from tutorial_nets import NETS, ConvNet, LinearNet, train_tutorial_net, tutorial_accuracy

from lenet_gui.core.interop import import_weights
from lenet_gui.core.model_formats import format_for
from lenet_gui.core.models import create_model
from lenet_gui.core.predictor import Predictor
from lenet_gui.core.tutorial import read_torch_state, to_tutorial
from lenet_gui.core.weights import load_for_variant, load_weights, save_weights, user_path
from lenet_gui.errors import LenetError, WeightsError

TRAIN_STEPS = 300


@dataclass(frozen=True)
class Trained:
    model: torch.nn.Module
    accuracy: float  # on the MNIST test set, measured by the tutorial's own code


@pytest.fixture(scope="module")
def tutorial_models(mnist) -> dict[str, Trained]:
    """Both forms of the tutorial's Net, trained with the tutorial's own code for a few hundred steps."""
    models = {variant: train_tutorial_net(variant, mnist.root, TRAIN_STEPS) for variant in NETS}
    return {variant: Trained(model, tutorial_accuracy(model, mnist.root)) for variant, model in models.items()}


def untrained(variant: str, seed: int = 0) -> torch.nn.Module:
    torch.manual_seed(seed)
    return NETS[variant]().eval()


def probe() -> torch.Tensor:
    return torch.randn(64, 1, 28, 28, generator=torch.Generator().manual_seed(1))


class CreatesMarker:
    """Unpickling this creates a file: proof that code from a weights file ran."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self):
        return (Path.touch, (self.marker,))


# -- reading the tutorial's files ----------------------------------------------------------------------------------


@pytest.mark.mnist
@pytest.mark.parametrize("variant", list(NETS))
def test_the_app_measures_the_same_accuracy_as_the_tutorial(capsys, tmp_path, mnist, tutorial_models, variant):
    model, expected = tutorial_models[variant].model, tutorial_models[variant].accuracy
    assert expected > 0.9  # a few hundred steps train it well: a wrong layer mapping could not pass unnoticed
    path = tmp_path / "lenet.pth"
    torch.save(model.state_dict(), path)
    code, out, err = run(capsys, "evaluate", "--weights", path, "--json", "--device", "cpu")
    assert code == 0, err
    report = json.loads(out)
    assert report["variant"] == variant  # recognised from the file, no --variant
    assert report["n"] == 10_000
    assert abs(report["accuracy"] - expected) <= 1e-4  # at most one image apart (float rounding at a tie)


HALF = 2e-3  # float16 keeps about three decimal digits


@pytest.mark.parametrize(
    ("wrap", "atol"),
    [
        (lambda s: s, 1e-6),
        (
            lambda s: {"epoch": 3, "model_state_dict": s, "optimizer_state_dict": {"state": {}, "param_groups": []}},
            1e-6,
        ),
        (lambda s: {"state_dict": s, "best_accuracy": 0.99}, 1e-6),
        (lambda s: {"model": s}, 1e-6),
        (lambda s: {"net": s}, 1e-6),
        (lambda s: {f"module.{k}": v for k, v in s.items()}, 1e-6),
        (lambda s: {"state_dict": {f"module.{k}": v.half() for k, v in s.items()}}, HALF),
    ],
    ids=["state-dict", "model_state_dict", "state_dict", "model", "net", "data-parallel", "half-in-checkpoint"],
)
@pytest.mark.parametrize("variant", list(NETS))
def test_what_people_save_is_read(tmp_path, variant, wrap, atol):
    net = untrained(variant)
    path = tmp_path / "saved.pt"
    torch.save(wrap(net.state_dict()), path)
    loaded = load_for_variant(None, path)
    assert loaded.meta.variant == variant and loaded.source == "file"
    assert loaded.meta.imported == {
        "file": "saved.pt",
        "sha256": hashlib.sha256(path.read_bytes()).hexdigest(),
        "layout": "tutorial",
    }
    x = probe()
    app = Predictor(loaded, "cpu").probabilities(x)
    np.testing.assert_allclose(app, net(x).exp().detach().numpy(), rtol=0, atol=atol)


def test_the_old_serialization_format_and_the_apps_own_layer_names_are_read(tmp_path):
    net = untrained("linear")
    legacy = tmp_path / "legacy.pth"
    torch.save(net.state_dict(), legacy, _use_new_zipfile_serialization=False)
    state, meta = load_weights(legacy)
    assert meta.variant == "linear"
    assert torch.equal(state["c5.weight"], net.fc1.weight.detach())
    app_model = create_model("conv")
    own = tmp_path / "own.pth"
    torch.save(app_model.state_dict(), own)
    state, meta = load_weights(own)
    assert meta.variant == "conv" and meta.imported["layout"] == "lenet-gui"
    assert all(torch.equal(state[k], v) for k, v in app_model.state_dict().items())


_SAVING_AS_CUDA = threading.Event()
# While the event is set, torch.save records every CPU storage as cuda:0, as it does for tensors on a GPU.
torch.serialization.register_package(
    0, lambda s: "cuda:0" if _SAVING_AS_CUDA.is_set() and s.device.type == "cpu" else None, lambda s, location: None
)


def test_tensors_saved_on_a_gpu_are_read_on_the_cpu(tmp_path):
    path = tmp_path / "cuda.pth"
    _SAVING_AS_CUDA.set()
    try:
        torch.save({"model_state_dict": untrained("conv").state_dict()}, path)
    finally:
        _SAVING_AS_CUDA.clear()
    if not torch.cuda.is_available():  # the file really needs map_location here
        with pytest.raises(RuntimeError, match="CUDA"):
            torch.load(path, weights_only=True)
    state, meta = load_weights(path)
    assert meta.variant == "conv"
    assert torch.equal(state["c5.weight"], untrained("conv").conv3.weight.detach())
    assert state["c5.weight"].device.type == "cpu"


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda s: s.pop("conv3.bias"), "conv3.bias is missing (expected shape 120)"),
        (
            lambda s: s.update({"conv3.weight": torch.zeros(120, 16, 3, 3)}),
            "conv3.weight has shape 120x16x3x3, expected",
        ),
        (lambda s: s.update({"fc3.weight": torch.zeros(10, 10)}), "unexpected tensor fc3.weight (shape 10x10)"),
        (lambda s: s.update({"conv1.weight": torch.zeros(20, 1, 5, 5)}), "conv1.weight has shape 20x1x5x5"),
    ],
    ids=["missing", "shape", "extra", "first-layer"],
)
def test_a_state_dict_of_another_network_names_the_first_mismatch(capsys, tmp_path, change, message):
    state = untrained("conv").state_dict()
    change(state)
    path = tmp_path / "other.pth"
    torch.save(state, path)
    code, out, err = run(capsys, "evaluate", "--weights", path, "--data-dir", tmp_path)
    assert code == 1 and out == ""
    assert_one_error_line(err, str(path), "the tutorial's Net with C5 as conv3", message)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (torch.zeros(3), "holds a Tensor, not a state dict"),
        ([1, 2], "holds a list, not a state dict"),
        ({"lr": 0.1, "epochs": 3}, "not a state dict (keys 'lr', 'epochs')"),
    ],
)
def test_other_safe_contents_are_refused(tmp_path, content, message):
    path = tmp_path / "thing.pth"
    torch.save(content, path)
    with pytest.raises(WeightsError, match=message.replace("(", r"\(").replace(")", r"\)")):
        load_weights(path)


@pytest.mark.parametrize("kind", ["zeros", "not-a-zip", "cut-zip", "cut-legacy"])
def test_damaged_files_are_refused(tmp_path, kind):
    whole = io.BytesIO()
    torch.save(untrained("conv").state_dict(), whole, _use_new_zipfile_serialization=kind != "cut-legacy")
    data = {"zeros": b"\x00" * 100, "not-a-zip": b"PK\x03\x04 not really a zip"}.get(kind, whole.getvalue()[:5000])
    path = tmp_path / "damaged.pth"
    path.write_bytes(data)
    with pytest.raises(WeightsError, match="is not a PyTorch state dict file"):
        load_weights(path)


@pytest.mark.parametrize("command", ["evaluate", "predict", "export"])
def test_a_variant_that_contradicts_the_file_is_an_error(capsys, tmp_path, command):
    path = tmp_path / "linear.pth"
    torch.save(untrained("linear").state_dict(), path)
    extra = {"evaluate": [], "predict": [tmp_path / "none.png"], "export": ["--out", tmp_path / "x.onnx"]}[command]
    code, out, err = run(capsys, command, "--variant", "conv", "--weights", path, *extra)
    assert code == 1 and out == ""
    assert_one_error_line(err, str(path), "C5 as fc1 (linear variant), not the 'conv' variant")
    assert not (tmp_path / "x.onnx").exists()


# -- refusing pickled objects ----------------------------------------------------------------------------------


def _whole_model(path: Path, marker: Path) -> None:
    torch.save(ConvNet(), path)


def _trap_in_a_state_dict(path: Path, marker: Path) -> None:
    torch.save({**ConvNet().state_dict(), "trap": CreatesMarker(marker)}, path)


def _trap_in_a_checkpoint(path: Path, marker: Path) -> None:
    torch.save({"model_state_dict": ConvNet().state_dict(), "hook": CreatesMarker(marker)}, path)


def _plain_pickle(path: Path, marker: Path) -> None:
    path.write_bytes(pickle.dumps(CreatesMarker(marker)))


@pytest.mark.parametrize("make", [_whole_model, _trap_in_a_state_dict, _trap_in_a_checkpoint, _plain_pickle])
@pytest.mark.parametrize("command", ["evaluate", "predict", "import", "export"])
def test_a_pickled_object_is_refused_and_no_code_runs(capsys, tmp_path, make, command):
    marker = tmp_path / "code-ran"
    path = tmp_path / "lenet.pth"
    make(path, marker)
    args = {
        "evaluate": ["evaluate", "--weights", path],
        "predict": ["predict", "--weights", path, tmp_path / "digit.png"],
        "import": ["import", path, "--out", tmp_path / "w.safetensors"],
        "export": ["export", "--weights", path, "--out", tmp_path / "w.onnx"],
    }[command]
    code, out, err = run(capsys, *args)
    assert code == 1 and out == ""
    assert_one_error_line(err, str(path), "pickled Python objects", "torch.save(model.state_dict(), PATH)")
    if make is _whole_model:
        assert "tutorial_nets.ConvNet" in err  # says what the file holds
    assert not marker.exists()
    assert not (tmp_path / "w.safetensors").exists() and not (tmp_path / "w.onnx").exists()
    assert not user_path("conv").exists()


# -- import and export -----------------------------------------------------------------------------------------


@pytest.mark.parametrize("variant", list(NETS))
def test_tutorial_to_app_to_tutorial_gives_back_the_same_tensors(capsys, tmp_path, variant):
    net = untrained(variant, seed=3)
    original = tmp_path / "tutorial.pth"
    torch.save(net.state_dict(), original)
    imported = tmp_path / "imported.safetensors"
    code, out, err = run(capsys, "import", original, "--out", imported, "--data-dir", tmp_path / "no-mnist")
    assert code == 0, err
    assert f"saved as {variant} C5 weights to {imported}" in out
    _, meta = load_weights(imported, variant)
    assert meta.imported == {
        "file": "tutorial.pth",
        "sha256": hashlib.sha256(original.read_bytes()).hexdigest(),
        "layout": "tutorial",
    }
    assert meta.note.startswith("imported from tutorial.pth") and meta.test_accuracy is None

    back = tmp_path / "back.pth"
    code, out, err = run(capsys, "export", "--weights", imported, "--format", "tutorial", "--out", back)
    assert code == 0, err
    again = NETS[variant]()
    again.load_state_dict(torch.load(back, weights_only=True), strict=True)
    original_state = net.state_dict()
    assert list(torch.load(back, weights_only=True)) == list(original_state)  # the tutorial's order, too
    assert all(torch.equal(again.state_dict()[k], v) for k, v in original_state.items())


def test_import_without_out_becomes_the_users_weights_and_keeps_the_previous_ones(capsys, tmp_path, weights_files):
    previous = user_path("linear")
    previous.parent.mkdir(parents=True)
    previous.write_bytes(weights_files["linear"].read_bytes())
    original = tmp_path / "mine.pth"
    torch.save(untrained("linear").state_dict(), original)
    code, out, err = run(capsys, "import", original, "--data-dir", tmp_path / "no-mnist")
    assert code == 0, err
    loaded = load_for_variant("linear")
    assert loaded.source == "user" and loaded.description == "imported from mine.pth"
    assert previous.with_name(previous.name + ".bak").read_bytes() == weights_files["linear"].read_bytes()
    assert str(previous) in out


@pytest.mark.mnist
def test_import_measures_the_accuracy_when_mnist_is_there(tutorial_models, tmp_path, mnist):
    path = tmp_path / "t.pth"
    torch.save(tutorial_models["linear"].model.state_dict(), path)
    _, meta = import_weights(path, test=mnist.test)
    assert meta.test_accuracy == pytest.approx(tutorial_models["linear"].accuracy, abs=1e-4)


def test_the_export_format_follows_the_file_name():
    assert format_for("model.onnx") == "onnx" and format_for("lenet.PTH") == "tutorial" and format_for("a.pt")
    with pytest.raises(LenetError, match="--format"):
        format_for("model.bin")


def test_to_tutorial_renames_every_layer():
    state = create_model("linear").state_dict()
    renamed = to_tutorial(state, "linear")
    LinearNet().load_state_dict(renamed, strict=True)
    assert read_torch_state(_saved(renamed), Path("x.pth"))[0].keys() == state.keys()


def _saved(state: dict[str, torch.Tensor]) -> bytes:
    buffer = io.BytesIO()
    torch.save(state, buffer)
    return buffer.getvalue()


@pytest.mark.mnist
@pytest.mark.parametrize("variant", list(NETS))
def test_onnx_export_agrees_with_the_app_on_the_mnist_test_set(capsys, tmp_path, mnist, tutorial_models, variant):
    ort = pytest.importorskip("onnxruntime")  # in the test extra: CI runs this
    weights = tmp_path / "w.safetensors"
    state, meta = import_weights(_write(tmp_path / "t.pth", tutorial_models[variant].model.state_dict()))
    save_weights(weights, state, meta)
    out = tmp_path / "lenet.onnx"
    code, text, err = run(capsys, "export", "--weights", weights, "--out", out)
    assert code == 0, err
    assert f"as onnx to {out}" in text
    session = ort.InferenceSession(str(out), providers=["CPUExecutionProvider"])
    (inp,), (output,) = session.get_inputs(), session.get_outputs()
    assert inp.name == "image" and inp.shape[1:] == [1, 28, 28] and isinstance(inp.shape[0], str)  # dynamic batch
    assert output.shape[1:] == [10]
    images = (mnist.test.images.unsqueeze(1).float() / 255 - 0.1307) / 0.3081
    app = Predictor(load_for_variant(variant, weights), "cpu").probabilities(images)
    onnx_probs = np.concatenate(
        [np.exp(session.run(None, {"image": images[i : i + 2500].numpy()})[0]) for i in range(0, len(images), 2500)]
    )
    np.testing.assert_allclose(onnx_probs, app, rtol=0, atol=1e-5)
    assert (onnx_probs.argmax(1) == mnist.test.labels.numpy()).mean() > 0.9
    single = session.run(None, {"image": images[:1].numpy()})[0]
    np.testing.assert_allclose(np.exp(single), app[:1], rtol=0, atol=1e-5)


def _write(path: Path, state: dict[str, torch.Tensor]) -> Path:
    torch.save(state, path)
    return path
