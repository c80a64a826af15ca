"""MNIST as tensors in memory, read through torchvision.

torchvision is imported only where MNIST is read or downloaded: its import costs seconds
(it pulls in torch._dynamo), and :class:`Split` alone is needed far more often.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from lenet_gui.core.paths import data_dir
from lenet_gui.errors import DataError

if TYPE_CHECKING:
    import torch

MNIST_TRAIN_SIZE = 60_000  # images in MNIST's training set
RAW_FILES = (
    "train-images-idx3-ubyte",
    "train-labels-idx1-ubyte",
    "t10k-images-idx3-ubyte",
    "t10k-labels-idx1-ubyte",
)


@dataclass(frozen=True)
class Split:
    """Images as uint8 Nx28x28 and labels as int64 N."""

    images: torch.Tensor
    labels: torch.Tensor

    def __len__(self) -> int:
        return len(self.labels)

    def head(self, n: int | None) -> Split:
        """The first ``n`` samples (all when ``n`` is None)."""
        return self if n is None else Split(self.images[:n], self.labels[:n])


@dataclass(frozen=True)
class Mnist:
    """The MNIST training and test sets held in memory."""

    train: Split
    test: Split
    root: Path


def mnist_present(root: Path) -> bool:
    """Whether all four raw IDX files are in ``root/MNIST/raw``."""
    raw = root / "MNIST" / "raw"
    return all((raw / name).is_file() for name in RAW_FILES)


def load_mnist(root: str | os.PathLike[str] | None = None, download: bool = True) -> Mnist:
    """Read MNIST from ``root`` (see :func:`paths.data_dir`), downloading it if missing and allowed."""
    folder = data_dir(root)
    if not mnist_present(folder):
        if not download:
            raise DataError(_missing_message(folder))
        _download(folder)
    return Mnist(_read_split(folder, train=True), _read_split(folder, train=False), folder)


def _read_split(folder: Path, train: bool) -> Split:
    from torchvision.datasets import MNIST

    try:
        ds = MNIST(str(folder), train=train, download=False)
        images, labels = ds.data, ds.targets.long()
    except Exception as exc:  # torchvision raises assorted errors on bad IDX files
        raise DataError(
            f"the MNIST files in {folder / 'MNIST' / 'raw'} are corrupt or truncated ({exc}); "
            "delete them to download them again"
        ) from exc
    expected = 60000 if train else 10000
    if images.shape != (expected, 28, 28) or labels.shape != (expected,):
        raise DataError(
            f"the MNIST {'training' if train else 'test'} files in {folder / 'MNIST' / 'raw'} "
            f"hold {tuple(images.shape)} images and {tuple(labels.shape)} labels, "
            f"expected {expected}; delete them to download them again"
        )
    return Split(images.contiguous(), labels.contiguous())


def _download(folder: Path) -> None:
    from torchvision.datasets import MNIST

    try:
        folder.mkdir(parents=True, exist_ok=True)
        probe = folder / ".write-test"
        probe.touch()
        probe.unlink()
    except OSError as exc:
        raise DataError(
            f"cannot write MNIST into {folder}: {exc.strerror or exc}; "
            "choose another folder with --data-dir or LENET_DATA_DIR"
        ) from exc
    try:
        MNIST(str(folder), train=True, download=True)
        MNIST(str(folder), train=False, download=True)
    except Exception as exc:
        raise DataError(f"could not download MNIST ({exc}). " + _missing_message(folder)) from exc


def _missing_message(folder: Path) -> str:
    return (
        f"MNIST not found in {folder / 'MNIST' / 'raw'}: put the four files "
        f"({', '.join(RAW_FILES)}) there, or run `lenet-gui train` while online to download them, "
        "or point --data-dir / LENET_DATA_DIR at a folder that has MNIST/raw"
    )
