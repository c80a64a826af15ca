"""Choosing the torch device: cpu, cuda, or auto."""

from __future__ import annotations

import torch

DEVICE_CHOICES = ("auto", "cpu", "cuda")


def cuda_available() -> bool:
    """Whether a usable CUDA device is present."""
    return torch.cuda.is_available()


def resolve_device(name: str) -> tuple[torch.device, str | None]:
    """The device for ``name`` and, when CUDA was asked for but is missing, a warning saying so."""
    if name not in DEVICE_CHOICES:
        return torch.device("cpu"), f"unknown device {name!r}; using the CPU"
    if name == "cpu":
        return torch.device("cpu"), None
    if cuda_available():
        return torch.device("cuda"), None
    if name == "cuda":
        return torch.device("cpu"), "CUDA is not available on this machine; using the CPU"
    return torch.device("cpu"), None
