"""Choosing the torch device: cpu, cuda, or auto.

The names are the app's one list of devices; this module loads torch only when asked about the machine, so
the command line and the window read the list without it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import torch

DEVICES = ("cpu", "cuda")  # what the window, its settings and the dialogs offer
DEVICE_CHOICES = ("auto", *DEVICES)  # what the command line and the core take; "auto": CUDA when present


def cuda_available() -> bool:
    """Whether a usable CUDA device is present."""
    import torch

    return torch.cuda.is_available()


def resolve_device(name: str) -> tuple[torch.device, str | None]:
    """The device for ``name`` and, when CUDA was asked for but is missing, a warning saying so."""
    import torch

    if name not in DEVICE_CHOICES:
        return torch.device("cpu"), f"unknown device {name!r}; using the CPU"
    if name == "cpu":
        return torch.device("cpu"), None
    if cuda_available():
        return torch.device("cuda"), None
    if name == "cuda":
        return torch.device("cpu"), "CUDA is not available on this machine; using the CPU"
    return torch.device("cpu"), None


def bf16_is_native(device: torch.device) -> bool:
    """Whether ``device`` computes bfloat16 in hardware (CUDA Ampere+; CPUs with AVX512-BF16 or AMX).

    Elsewhere bfloat16 is emulated and slower than float32.
    """
    import torch

    if device.type == "cuda":
        try:
            return torch.cuda.is_bf16_supported(including_emulation=False)
        except TypeError:  # a torch before the argument: it checked for Ampere or newer
            return torch.cuda.is_bf16_supported()
    # Private probes (torch has no public one); a torch without them gets float32.
    probes = ("_is_avx512_bf16_supported", "_is_amx_tile_supported")
    return any(getattr(torch.cpu, name, lambda: False)() for name in probes)
