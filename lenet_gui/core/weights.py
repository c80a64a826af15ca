"""Weights files: safetensors (no pickle, so no code runs on load) with metadata, saved atomically.

Files of another name may also be PyTorch state dicts, in the reference tutorial's layout or the
app's; they are read by :mod:`lenet_gui.core.tutorial` (again without running code from them).
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import asdict, dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import torch
from safetensors import SafetensorError
from safetensors.torch import load as st_load
from safetensors.torch import save as st_save

from lenet_gui.core.atomic import write_atomic
from lenet_gui.core.models import create_model
from lenet_gui.core.paths import WEIGHTS_SUFFIX, bundled_path, user_path
from lenet_gui.core.preprocess import PREPROCESSING_VERSION
from lenet_gui.core.tutorial import describe_layout, read_torch_state
from lenet_gui.core.variants import VARIANTS, check_variant
from lenet_gui.errors import WeightsError

FORMAT = "lenet-gui/1"
DEFAULT_VARIANT = "conv"  # what the command line uses when neither --variant nor a weights file says
# Far above the ~250 KB of a LeNet-5 file; refuses absurd files before reading them.
MAX_FILE_BYTES = 64 * 1024 * 1024


@dataclass
class WeightsMeta:
    """What is known about a set of weights, stored inside the file."""

    variant: str
    test_accuracy: float | None = None
    epochs: int = 0
    date: str = field(default_factory=lambda: datetime.now(timezone.utc).isoformat(timespec="seconds"))
    preprocessing_version: int = PREPROCESSING_VERSION
    recipe: dict[str, Any] = field(default_factory=dict)
    note: str = ""
    imported: dict[str, str] = field(default_factory=dict)  # file, sha256, layout: where imported weights came from


def save_weights(path: str | os.PathLike[str], state_dict: dict[str, torch.Tensor], meta: WeightsMeta) -> Path:
    """Write weights and metadata atomically: a temporary file in the same folder, then a rename.

    On any failure the previous file at ``path`` is left as it was and a
    :class:`WeightsError` says why.
    """
    target = Path(path)
    tensors = {k: v.detach().to("cpu").contiguous() for k, v in state_dict.items()}
    if not _all_finite(tensors):
        # Such a file could never be loaded again; keep the previous one instead.
        raise WeightsError(f"refusing to save NaN or infinite weights to {target}")
    # "imported" only when set, so that files the app trains stay readable by versions without that field.
    fields = {k: v for k, v in asdict(meta).items() if k != "imported" or v}
    payload = st_save(tensors, metadata={"format": FORMAT, "meta": json.dumps(fields)})
    try:
        write_atomic(target, payload)
    except OSError as exc:
        raise WeightsError(f"could not save weights to {target}: {exc.strerror or exc}") from exc
    return target


def load_weights(
    path: str | os.PathLike[str], variant: str | None = None
) -> tuple[dict[str, torch.Tensor], WeightsMeta]:
    """Read and validate a weights file; with ``variant`` it must be of that variant.

    A ``.safetensors`` file must be the app's own; any other may also be a PyTorch state dict
    (the tutorial's or the app's layer names), whose metadata then says where it was imported from.
    """
    source = Path(path)
    data = _read_file(source)
    if source.suffix.lower() != WEIGHTS_SUFFIX and not _looks_like_safetensors(data):
        return _load_torch_file(source, data, variant)
    return _load_app_file(source, data, variant)


def _read_file(source: Path) -> bytes:
    try:
        size = source.stat().st_size
        if size > MAX_FILE_BYTES:
            raise WeightsError(f"{source} is {size} bytes, far too large for LeNet-5 weights")
        data = source.read_bytes()
    except FileNotFoundError as exc:
        raise WeightsError(f"weights file not found: {source}") from exc
    except IsADirectoryError as exc:
        raise WeightsError(f"{source} is a folder, not a weights file") from exc
    except OSError as exc:
        raise WeightsError(f"cannot read weights file {source}: {exc.strerror or exc}") from exc
    if not data:
        raise WeightsError(f"weights file {source} is empty")
    return data


def _looks_like_safetensors(data: bytes) -> bool:
    """Whether ``data`` starts like a safetensors file: an 8-byte header length, then the JSON header."""
    return data[8:9] == b"{"


def _load_torch_file(source: Path, data: bytes, variant: str | None) -> tuple[dict[str, torch.Tensor], WeightsMeta]:
    state, layout = read_torch_state(data, source, variant)
    sha256 = hashlib.sha256(data).hexdigest()
    meta = WeightsMeta(
        variant=layout.variant,
        note=f"imported from {source.name}: {describe_layout(layout)}",
        imported={"file": source.name, "sha256": sha256, "layout": layout.name},
    )
    _check_tensors(source, state, layout.variant)
    return state, meta


def _load_app_file(source: Path, data: bytes, variant: str | None) -> tuple[dict[str, torch.Tensor], WeightsMeta]:
    try:
        tensors = st_load(data)
        header = _read_metadata(data)
    except (SafetensorError, ValueError, RuntimeError) as exc:
        raise WeightsError(f"{source} is not a lenet-gui weights file (corrupt, truncated or another format)") from exc
    meta = _parse_meta(source, header)
    if variant is not None and meta.variant != check_variant(variant):
        raise WeightsError(
            f"{source} holds weights of the {meta.variant!r} variant, not {variant!r} "
            f"(convert them with `lenet-gui convert --from {meta.variant}`)"
        )
    _check_tensors(source, tensors, meta.variant)
    return tensors, meta


def _read_metadata(data: bytes) -> dict[str, str]:
    header_len = int.from_bytes(data[:8], "little")
    header = json.loads(data[8 : 8 + header_len])
    return header.get("__metadata__") or {}


# The type of each metadata field; a file may come from anywhere, and the app formats these values.
_META_TYPES: dict[str, type | tuple[type, ...]] = {
    "variant": str,
    "test_accuracy": (int, float, type(None)),
    "epochs": int,
    "date": str,
    "preprocessing_version": int,
    "recipe": dict,
    "note": str,
    "imported": dict,
}


def _parse_meta(source: Path, header: dict[str, str]) -> WeightsMeta:
    if header.get("format") != FORMAT:
        raise WeightsError(f"{source} is a safetensors file but not lenet-gui weights (no lenet-gui metadata)")
    try:
        fields = json.loads(header["meta"])
        meta = WeightsMeta(**fields)
    except (KeyError, TypeError, ValueError) as exc:
        raise WeightsError(f"{source} has unreadable lenet-gui metadata") from exc
    wrong = [name for name, kind in _META_TYPES.items() if not isinstance(getattr(meta, name), kind)]
    if wrong:
        raise WeightsError(f"{source} has lenet-gui metadata of the wrong type ({', '.join(wrong)})")
    if meta.variant not in VARIANTS:
        raise WeightsError(f"{source} is for an unknown variant {meta.variant!r}")
    return meta


def _check_tensors(source: Path, tensors: dict[str, torch.Tensor], variant: str) -> None:
    expected = {k: tuple(v.shape) for k, v in create_model(variant).state_dict().items()}
    got = {k: tuple(v.shape) for k, v in tensors.items()}
    if got != expected:
        raise WeightsError(
            f"{source} does not hold the tensors of LeNet-5 {variant!r} (different layer names or shapes)"
        )
    if not _all_finite(tensors):
        raise WeightsError(f"{source} holds NaN or infinite weights")


def _all_finite(tensors: dict[str, torch.Tensor]) -> bool:
    return all(bool(torch.isfinite(t).all()) for t in tensors.values())


@dataclass(frozen=True)
class LoadedWeights:
    """Weights ready for a model, with where they came from."""

    state_dict: dict[str, torch.Tensor]
    meta: WeightsMeta
    path: Path
    source: str  # "bundled", "user" or "file"
    warning: str | None = None  # set when the user's weights were unusable and the bundled ones stand in

    @property
    def description(self) -> str:
        """How the status bar names these weights."""
        if self.source == "bundled":
            return "bundled"
        if self.source == "user":
            if self.meta.imported:
                return f"imported from {self.meta.imported.get('file', '?')}"
            return f"retrained on {self.meta.date[:10]}"
        return self.path.name


def load_for_variant(variant: str | None, path: str | os.PathLike[str] | None = None) -> LoadedWeights:
    """Weights for ``variant``: from ``path`` if given, else the user's, falling back to the bundled ones.

    An explicit ``path`` that fails raises; broken user weights fall back to the
    bundled ones with a warning, so the app always starts. ``variant`` None takes
    the variant of the file at ``path``, or conv when there is none.
    """
    if path is not None:
        state, meta = load_weights(path, variant)
        return LoadedWeights(state, meta, Path(path), "file")
    variant = variant or DEFAULT_VARIANT
    warning = None
    user = user_path(variant)
    if user.exists():
        try:
            state, meta = load_weights(user, variant)
            return LoadedWeights(state, meta, user, "user")
        except WeightsError as exc:
            warning = f"{exc}; using the bundled weights instead"
    bundled = bundled_path(variant)
    state, meta = load_weights(bundled, variant)
    return LoadedWeights(state, meta, bundled, "bundled", warning)
