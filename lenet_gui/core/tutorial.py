"""The reference tutorial's PyTorch files: reading its state dicts safely and mapping its layer names.

The tutorial's ``Net`` has the same layers as :class:`~lenet_gui.core.models.LeNet5` under other
names: C5 is ``conv3`` in its conv form (then F6 and the output are ``fc1``, ``fc2``) and ``fc1``
over the 400 flattened S4 values in its linear form (then ``fc2``, ``fc3``). Files are read with
``torch.load(weights_only=True)``, which rebuilds tensors and plain containers only and refuses
anything else, so no code from a file ever runs.
"""

from __future__ import annotations

import io
import pickle
import re
import warnings
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import torch

from lenet_gui.core.models import create_model
from lenet_gui.core.variants import VARIANTS, check_variant
from lenet_gui.errors import WeightsError

# The tutorial's layer name -> the app's, per variant.
TUTORIAL_LAYERS: dict[str, dict[str, str]] = {
    "conv": {"conv1": "conv1", "conv2": "conv2", "conv3": "c5", "fc1": "f6", "fc2": "output"},
    "linear": {"conv1": "conv1", "conv2": "conv2", "fc1": "c5", "fc2": "f6", "fc3": "output"},
}
# Where checkpoints that hold more than the model (epoch, optimizer, ...) keep its state dict.
CHECKPOINT_KEYS = ("model_state_dict", "state_dict", "model", "net")
# Added to every key by DataParallel / DistributedDataParallel, and by torch.compile.
WRAPPER_PREFIXES = ("module.", "_orig_mod.")
SAVE_HINT = "save the weights with torch.save(model.state_dict(), PATH) instead"


@dataclass(frozen=True)
class Layout:
    """One way of naming LeNet-5's tensors: ``names`` maps the file's layer names to the app's."""

    variant: str
    name: str  # "tutorial" or "lenet-gui"
    names: dict[str, str]

    def expected(self) -> dict[str, tuple[int, ...]]:
        """The file's keys in the network's order, with their shapes."""
        to_file = {app: file for file, app in self.names.items()}
        shapes = create_model(self.variant).state_dict()
        return {_rename(key, to_file): tuple(t.shape) for key, t in shapes.items()}


LAYOUTS = [Layout(v, "tutorial", TUTORIAL_LAYERS[v]) for v in VARIANTS] + [
    Layout(v, "lenet-gui", {layer: layer for layer in TUTORIAL_LAYERS[v].values()}) for v in VARIANTS
]


def describe_layout(layout: Layout) -> str:
    """How messages name a layout, e.g. "the tutorial's Net with C5 as conv3"."""
    if layout.name == "lenet-gui":
        return f"lenet-gui's {layout.variant} LeNet-5"
    c5 = next(file for file, app in layout.names.items() if app == "c5")
    return f"the tutorial's Net with C5 as {c5} ({layout.variant} variant)"


def read_torch_state(data: bytes, source: Path, variant: str | None = None) -> tuple[dict[str, torch.Tensor], Layout]:
    """The app's state dict from the bytes of a PyTorch file, and the layout the file used.

    Accepts a bare state dict or a checkpoint dict holding one (see :data:`CHECKPOINT_KEYS`),
    keys with a ``module.`` prefix and tensors saved from any device. With ``variant`` the file
    must be of that variant. Raises :class:`WeightsError` with a one-line reason otherwise.
    """
    loaded = _torch_load(data, source)
    state = _unwrap(loaded, source)
    layout = _match_layout(state, source, variant)
    renamed = {_rename(key, layout.names): tensor.float() for key, tensor in state.items()}
    return renamed, layout


def to_tutorial(state: Mapping[str, torch.Tensor], variant: str) -> dict[str, torch.Tensor]:
    """The app's state dict of ``variant`` renamed for the tutorial's ``Net`` (load_state_dict(strict=True))."""
    to_file = {app: file for file, app in TUTORIAL_LAYERS[check_variant(variant)].items()}
    order = create_model(variant).state_dict()  # the order torch.save(model.state_dict()) writes, layer by layer
    return {_rename(key, to_file): state[key].detach().cpu().contiguous() for key in order}


def _torch_load(data: bytes, source: Path) -> object:
    try:
        with warnings.catch_warnings():
            # Files written with pickle protocol 4 or 5 load fine; torch only warns that it did not expect them.
            warnings.filterwarnings("ignore", message="Detected pickle protocol")
            return torch.load(io.BytesIO(data), weights_only=True, map_location="cpu")
    except Exception as exc:  # torch.load raises many kinds of errors on damaged or foreign files
        refused = re.search(r"GLOBAL ([\w.]+)", str(exc)) if isinstance(exc, pickle.UnpicklingError) else None
        if refused or _is_plain_pickle(data):
            what = f" ({refused.group(1)})" if refused else ""
            raise WeightsError(
                f"{source} holds pickled Python objects{what}, such as a whole model saved with "
                f"torch.save(model, PATH), not a state dict; it was not loaded, because loading it could run "
                f"code from the file: {SAVE_HINT}"
            ) from None
        raise WeightsError(f"{source} is not a PyTorch state dict file (corrupt, truncated or another format)") from exc


# How files of torch's old (non-zip) format start: its magic number, pickled.
_LEGACY_TORCH_START = pickle.dumps(torch.serialization.MAGIC_NUMBER, protocol=2)[:-1]


def _is_plain_pickle(data: bytes) -> bool:
    """Whether ``data`` is a pickle (protocol 2 or newer) written by :mod:`pickle` rather than torch.save."""
    protocol = data[1] if len(data) > 1 and data[0] == 0x80 else 0
    return 2 <= protocol <= pickle.HIGHEST_PROTOCOL and not data.startswith(_LEGACY_TORCH_START)


def _unwrap(loaded: object, source: Path) -> dict[str, torch.Tensor]:
    """The state dict inside what ``torch.load`` returned, without wrapper prefixes."""
    if not isinstance(loaded, Mapping):
        raise WeightsError(f"{source} holds a {type(loaded).__name__}, not a state dict: {SAVE_HINT}")
    for key in CHECKPOINT_KEYS:
        inner = loaded.get(key)
        if isinstance(inner, Mapping):
            loaded = inner
            break
    state: dict[str, torch.Tensor] = {}
    for key, value in loaded.items():
        if not isinstance(key, str) or not isinstance(value, torch.Tensor):
            found = ", ".join(repr(k) for k in list(loaded)[:5])
            raise WeightsError(f"{source} holds a dict that is not a state dict (keys {found}): {SAVE_HINT}")
        state[key] = value
    for prefix in WRAPPER_PREFIXES:
        if state and all(key.startswith(prefix) for key in state):
            state = {key.removeprefix(prefix): value for key, value in state.items()}
    return state


def _match_layout(state: dict[str, torch.Tensor], source: Path, variant: str | None) -> Layout:
    """The layout whose keys and shapes ``state`` has; a clear error naming the first difference otherwise."""
    got = {key: tuple(t.shape) for key, t in state.items()}
    fitting = [layout for layout in LAYOUTS if layout.expected() == got]
    if fitting:
        layout = fitting[0]
        if variant is not None and layout.variant != check_variant(variant):
            raise WeightsError(
                f"{source} holds {describe_layout(layout)}, not the {variant!r} variant "
                f"(leave out --variant, or convert them with `lenet-gui convert`)"
            )
        return layout
    candidates = [layout for layout in LAYOUTS if variant is None or layout.variant == check_variant(variant)]
    # The layout that shares the most keys is what the file was meant to be; tell how it differs.
    closest = max(candidates, key=lambda layout: len(layout.expected().keys() & got.keys()))
    raise WeightsError(f"{source} does not match {describe_layout(closest)}: {_first_difference(closest, got)}")


def _first_difference(layout: Layout, got: dict[str, tuple[int, ...]]) -> str:
    expected = layout.expected()
    for key, shape in expected.items():
        if key not in got:
            return f"{key} is missing (expected shape {_shape(shape)})"
        if got[key] != shape:
            return f"{key} has shape {_shape(got[key])}, expected {_shape(shape)}"
    extra = next(key for key in got if key not in expected)
    return f"unexpected tensor {extra} (shape {_shape(got[extra])})"


def _shape(shape: tuple[int, ...]) -> str:
    return "x".join(map(str, shape)) or "scalar"


def _rename(key: str, names: Mapping[str, str]) -> str:
    layer, _, param = key.partition(".")
    return f"{names.get(layer, layer)}.{param}"
