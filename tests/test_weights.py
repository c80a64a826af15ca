"""Weights files: bad files are refused with a clear WeightsError, nothing in them runs, saving is atomic."""

from __future__ import annotations

import errno
import json
import os
import tempfile
from pathlib import Path

import pytest
import torch
from safetensors.torch import save_file

from lenet_gui.core import weights as weights_module
from lenet_gui.core.models import create_model
from lenet_gui.core.variants import VARIANTS
from lenet_gui.core.weights import (
    FORMAT,
    MAX_FILE_BYTES,
    WeightsMeta,
    bundled_path,
    load_for_variant,
    load_weights,
    save_weights,
    user_path,
)
from lenet_gui.errors import WeightsError


class CreatesMarker:
    """Unpickling this object would create a file: the proof that code ran."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self):
        return (Path.touch, (self.marker,))


def test_saved_weights_load_back_with_their_metadata(tmp_path):
    state = create_model("linear").state_dict()
    meta = WeightsMeta("linear", test_accuracy=0.5, epochs=3, note="hello")
    path = save_weights(tmp_path / "sub" / "w.safetensors", state, meta)
    loaded, loaded_meta = load_weights(path, "linear")
    assert loaded_meta == meta
    assert all(torch.equal(loaded[k], v) for k, v in state.items())


def test_trained_weights_keep_the_metadata_fields_earlier_versions_read(tmp_path):
    """Only imported weights carry the "imported" field: earlier versions refuse fields they do not know."""
    path = save_weights(tmp_path / "w.safetensors", create_model("conv").state_dict(), WeightsMeta("conv"))
    header_len = int.from_bytes(path.read_bytes()[:8], "little")
    meta = json.loads(json.loads(path.read_bytes()[8 : 8 + header_len])["__metadata__"]["meta"])
    assert "imported" not in meta
    assert load_weights(path, "conv")[1] == WeightsMeta("conv")


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda p: None, "not found"),
        (lambda p: p.write_bytes(b""), "empty"),
        (lambda p: p.write_bytes(os.urandom(4096)), "not a lenet-gui weights file"),
        (lambda p: p.write_bytes(b"\xff" * 8 + b"{}"), "not a lenet-gui weights file"),
        (lambda p: p.mkdir(), "folder"),
    ],
    ids=["missing", "empty", "random-bytes", "absurd-header-length", "folder"],
)
def test_unreadable_files_are_refused(tmp_path, make, message):
    path = tmp_path / "bad.safetensors"
    make(path)
    with pytest.raises(WeightsError, match=message):
        load_weights(path, "conv")


@pytest.mark.parametrize("keep", [8, 100, 1000, 200_000])
def test_truncated_file_is_refused(weights_files, tmp_path, keep):
    path = tmp_path / "cut.safetensors"
    path.write_bytes(weights_files["conv"].read_bytes()[:keep])
    with pytest.raises(WeightsError, match="corrupt, truncated"):
        load_weights(path, "conv")


def test_oversized_file_is_refused_without_reading_it(tmp_path):
    path = tmp_path / "huge.safetensors"
    with path.open("wb") as fh:
        fh.truncate(MAX_FILE_BYTES + 1)  # sparse: costs no disk
    with pytest.raises(WeightsError, match="too large"):
        load_weights(path)


@pytest.mark.parametrize("variant", list(VARIANTS))
def test_weights_of_the_other_variant_are_refused_with_a_hint(weights_files, variant):
    other = next(v for v in VARIANTS if v != variant)
    with pytest.raises(WeightsError, match=f"{other!r} variant.*lenet-gui convert"):
        load_weights(weights_files[other], variant)


def test_safetensors_of_an_unrelated_model_is_refused(tmp_path):
    path = tmp_path / "other.safetensors"
    save_file({"encoder.weight": torch.zeros(4, 4)}, str(path))
    with pytest.raises(WeightsError, match="not lenet-gui weights"):
        load_weights(path)


def _with_meta(path: Path, tensors: dict[str, torch.Tensor], meta: object) -> Path:
    save_file(tensors, str(path), metadata={"format": FORMAT, "meta": json.dumps(meta)})
    return path


def test_lenet_metadata_with_foreign_tensors_is_refused(tmp_path):
    path = _with_meta(tmp_path / "w.safetensors", create_model("linear").state_dict(), {"variant": "conv"})
    with pytest.raises(WeightsError, match="does not hold the tensors"):
        load_weights(path, "conv")


@pytest.mark.parametrize(
    ("meta", "message"),
    [
        ("not a dict", "unreadable"),
        ({"variant": "conv", "unknown_field": 1}, "unreadable"),
        ({"variant": "lenet7"}, "unknown variant"),
        ({"variant": ["conv"]}, "wrong type"),
        ({"variant": "conv", "date": 20240101}, "wrong type"),
        ({"variant": "conv", "test_accuracy": "99%"}, "wrong type"),
    ],
)
def test_bad_metadata_is_refused(tmp_path, meta, message):
    path = _with_meta(tmp_path / "w.safetensors", create_model("conv").state_dict(), meta)
    with pytest.raises(WeightsError, match=message):
        load_weights(path)


def test_nan_weights_are_refused(tmp_path):
    state = create_model("conv").state_dict()
    state["f6.weight"][0, 0] = float("nan")
    path = _with_meta(tmp_path / "w.safetensors", state, {"variant": "conv"})
    with pytest.raises(WeightsError, match="NaN"):
        load_weights(path)


@pytest.mark.parametrize("payload", ["object", "state_dict"])
def test_a_pickle_is_refused_and_never_executed(tmp_path, payload):
    marker = tmp_path / "code-ran"
    path = tmp_path / "evil.safetensors"
    obj = CreatesMarker(marker)
    if payload == "state_dict":  # what a .pt checkpoint looks like, with a trap inside
        obj = {**create_model("conv").state_dict(), "trap": CreatesMarker(marker)}
    torch.save(obj, path)
    with pytest.raises(WeightsError, match="not a lenet-gui weights file"):
        load_weights(path, "conv")
    with pytest.raises(WeightsError):
        load_for_variant("conv", path)
    assert not marker.exists()


def _fail_with(error: OSError):
    def fail(*args, **kwargs):
        raise error

    return fail


@pytest.mark.parametrize(
    ("target", "error"),
    [
        ("fsync", OSError(errno.ENOSPC, "No space left on device")),
        ("replace", PermissionError(errno.EACCES, "Permission denied")),
    ],
)
def test_failed_save_keeps_the_previous_file_and_leaves_no_temp_file(
    weights_files, monkeypatch, tmp_path, target, error
):
    path = tmp_path / "keep" / "w.safetensors"
    save_weights(path, create_model("conv").state_dict(), WeightsMeta("conv", note="previous"))
    before = path.read_bytes()
    monkeypatch.setattr(os, target, _fail_with(error))
    with pytest.raises(WeightsError, match=f"could not save weights to .*{error.strerror}"):
        save_weights(path, create_model("conv").state_dict(), WeightsMeta("conv", note="new"))
    monkeypatch.undo()
    assert path.read_bytes() == before
    assert [p.name for p in path.parent.iterdir()] == ["w.safetensors"]
    assert load_weights(path)[1].note == "previous"


def test_nan_weights_are_not_saved_over_good_ones(tmp_path):
    path = save_weights(tmp_path / "w.safetensors", create_model("conv").state_dict(), WeightsMeta("conv"))
    before = path.read_bytes()
    state = create_model("conv").state_dict()
    state["conv1.bias"][0] = float("inf")
    with pytest.raises(WeightsError, match="refusing to save NaN or infinite weights"):
        save_weights(path, state, WeightsMeta("conv"))
    assert path.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["w.safetensors"]


def test_save_into_an_unwritable_folder_raises(monkeypatch, tmp_path):
    monkeypatch.setattr(tempfile, "mkstemp", _fail_with(PermissionError(errno.EACCES, "Read-only")))
    with pytest.raises(WeightsError, match="Read-only"):
        save_weights(tmp_path / "w.safetensors", create_model("conv").state_dict(), WeightsMeta("conv"))
    assert list(tmp_path.iterdir()) == []


def test_save_replaces_the_previous_file(tmp_path):
    path = tmp_path / "w.safetensors"
    for note in ("first", "second"):
        save_weights(path, create_model("conv").state_dict(), WeightsMeta("conv", note=note))
    assert load_weights(path)[1].note == "second"
    assert [p.name for p in tmp_path.iterdir()] == ["w.safetensors"]


def test_broken_user_weights_fall_back_to_the_bundled_ones_with_a_warning(weights_files, monkeypatch):
    monkeypatch.setattr(weights_module, "bundled_path", lambda variant: weights_files[variant])
    user = user_path("conv")
    user.parent.mkdir(parents=True)
    user.write_bytes(b"garbage")
    loaded = load_for_variant("conv")
    assert loaded.source == "bundled"
    assert loaded.path == weights_files["conv"]
    assert "using the bundled weights instead" in loaded.warning
    assert str(user) in loaded.warning


def test_user_weights_win_over_the_bundled_ones(weights_files, monkeypatch):
    monkeypatch.setattr(weights_module, "bundled_path", lambda variant: weights_files[variant])
    save_weights(user_path("linear"), create_model("linear").state_dict(), WeightsMeta("linear", epochs=2))
    loaded = load_for_variant("linear")
    assert (loaded.source, loaded.warning, loaded.meta.epochs) == ("user", None, 2)


def test_an_explicit_bad_file_raises_instead_of_falling_back(tmp_path):
    path = tmp_path / "bad.safetensors"
    path.write_bytes(b"garbage")
    with pytest.raises(WeightsError):
        load_for_variant("conv", path)


@pytest.mark.parametrize("variant", list(VARIANTS))
def test_bundled_weights_are_valid(variant):
    path = bundled_path(variant)
    if not path.exists():
        pytest.skip(f"no bundled weights yet at {path}")
    _, meta = load_weights(path, variant)
    assert meta.variant == variant


def test_saved_files_are_readable_by_others_like_a_plain_write(tmp_path):
    from lenet_gui.core.atomic import write_atomic

    target = tmp_path / "new.bin"
    write_atomic(target, b"data")
    assert target.stat().st_mode & 0o777 == 0o644
    target.chmod(0o600)
    write_atomic(target, b"again")
    assert target.stat().st_mode & 0o777 == 0o600
