"""Writing MNIST-format (IDX) files for tests."""

from __future__ import annotations

from pathlib import Path

import numpy as np


def write_idx(folder: Path, images: np.ndarray, labels: np.ndarray, prefix: str) -> None:
    """Write images (Nx28x28 uint8) and labels as IDX files, MNIST's format."""
    folder.mkdir(parents=True, exist_ok=True)
    n = len(labels)
    header = np.array([0x0803, n, 28, 28], dtype=">i4").tobytes()
    (folder / f"{prefix}-images-idx3-ubyte").write_bytes(header + images.astype(np.uint8).tobytes())
    (folder / f"{prefix}-labels-idx1-ubyte").write_bytes(
        np.array([0x0801, n], dtype=">i4").tobytes() + labels.astype(np.uint8).tobytes()
    )
