"""Which files are models and which export format a file name asks for: no torch, so the window can tell at once."""

from __future__ import annotations

import os
from pathlib import Path

from lenet_gui.errors import LenetError

EXPORT_FORMATS = {"onnx": ".onnx", "tutorial": ".pth"}  # format -> the suffix its files get
MODEL_SUFFIXES = (".pth", ".pt", ".safetensors")  # files the app opens as models


def format_for(path: str | os.PathLike[str]) -> str:
    """The export format a file name asks for: ``.onnx`` is ONNX, ``.pth``/``.pt`` the tutorial's layout."""
    suffix = Path(path).suffix.lower()
    if suffix == ".onnx":
        return "onnx"
    if suffix in (".pth", ".pt"):
        return "tutorial"
    raise LenetError(f"cannot tell the format from the name {Path(path).name!r}: use --format onnx or tutorial")
