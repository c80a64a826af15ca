"""Weights in and out of the app: importing PyTorch files, exporting to ONNX and to the tutorial's layout."""

from __future__ import annotations

import dataclasses
import hashlib
import io
import os
import shutil
from pathlib import Path

import torch

from lenet_gui.core.atomic import write_atomic
from lenet_gui.core.data import Split
from lenet_gui.core.evaluation import evaluate
from lenet_gui.core.model_formats import EXPORT_FORMATS
from lenet_gui.core.models import create_model
from lenet_gui.core.preprocess import MNIST_MEAN, MNIST_STD
from lenet_gui.core.tutorial import to_tutorial
from lenet_gui.core.weights import LoadedWeights, WeightsMeta, load_weights, save_weights, user_path
from lenet_gui.errors import LenetError, WeightsError

ONNX_INPUT = "image"
ONNX_OUTPUT = "log_probabilities"
ONNX_EXTRA_HINT = "pip install 'lenet-gui[onnx]'"


def import_weights(
    path: str | os.PathLike[str], variant: str | None = None, test: Split | None = None
) -> tuple[dict[str, torch.Tensor], WeightsMeta]:
    """Weights from a tutorial ``.pth`` (or any file the app reads) with metadata saying where they came from.

    With ``test`` the metadata also gets the accuracy on it (the variant menu shows it).
    """
    source = Path(path)
    state, meta = load_weights(source, variant)
    if not meta.imported:  # one of the app's own files: record it the same way
        digest = hashlib.sha256(source.read_bytes()).hexdigest()
        meta = dataclasses.replace(meta, imported={"file": source.name, "sha256": digest, "layout": "lenet-gui"})
    if test is not None:
        model = create_model(meta.variant)
        model.load_state_dict(state)
        meta = dataclasses.replace(meta, test_accuracy=evaluate(model, test))
    return state, meta


def install_as_user_weights(state: dict[str, torch.Tensor], meta: WeightsMeta) -> Path:
    """Save as the user's weights of ``meta.variant``; the ones there before are kept as ``.bak``."""
    target = user_path(meta.variant)
    if target.exists():
        backup = target.with_name(target.name + ".bak")
        try:
            shutil.copy2(target, backup)
        except OSError as exc:
            raise WeightsError(f"could not keep your current weights as {backup}: {exc.strerror or exc}") from exc
    return save_weights(target, state, meta)


def export_weights(weights: LoadedWeights, fmt: str, out: str | os.PathLike[str]) -> Path:
    """Write ``weights`` to ``out`` as ONNX or as the tutorial's state dict (atomically); returns the path."""
    target = Path(out)
    if fmt == "tutorial":
        buffer = io.BytesIO()
        torch.save(to_tutorial(weights.state_dict, weights.meta.variant), buffer)
        data = buffer.getvalue()
    elif fmt == "onnx":
        data = onnx_model(weights)
    else:
        raise LenetError(f"unknown export format {fmt!r} (known: {', '.join(EXPORT_FORMATS)})")
    try:
        write_atomic(target, data)
    except OSError as exc:
        raise LenetError(f"could not write {target}: {exc.strerror or exc}") from exc
    return target


def onnx_model(weights: LoadedWeights) -> bytes:
    """The network as a serialised ONNX model: input ``image`` Nx1x28x28, output the ten log-probabilities."""
    try:
        import onnx
        import onnxscript  # noqa: F401  (torch's ONNX exporter needs it)
    except ImportError as exc:
        raise LenetError(f"exporting to ONNX needs the onnx packages ({exc}): {ONNX_EXTRA_HINT}") from exc
    model = create_model(weights.meta.variant)
    model.load_state_dict(weights.state_dict)
    model.eval()
    example = torch.zeros(2, 1, 28, 28)
    program = torch.onnx.export(
        model,
        (example,),
        input_names=[ONNX_INPUT],
        output_names=[ONNX_OUTPUT],
        dynamic_shapes={"x": {0: torch.export.Dim("batch")}},
        dynamo=True,
        verbose=False,
    )
    proto = program.model_proto
    proto.doc_string = (
        f"LeNet-5, C5 as {weights.meta.variant} ({weights.meta.note or weights.description}). "
        f"Input {ONNX_INPUT}: float32 Nx1x28x28, a white digit on black centred as in MNIST, "
        f"pixels in 0..1 normalised as (x - {MNIST_MEAN}) / {MNIST_STD}. "
        f"Output {ONNX_OUTPUT}: Nx10, log-probabilities of the digits 0-9."
    )
    onnx.helper.set_model_props(
        proto,
        {
            "variant": weights.meta.variant,
            "weights_date": weights.meta.date,
            "normalisation_mean": str(MNIST_MEAN),
            "normalisation_std": str(MNIST_STD),
        },
    )
    return proto.SerializeToString()
