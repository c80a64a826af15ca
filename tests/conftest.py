"""Shared fixtures: headless Qt, a private user folder, real and tiny MNIST."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from mnist_files import write_idx

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
REPO = Path(__file__).resolve().parents[1]
os.environ.setdefault("LENET_DATA_DIR", str(REPO.parent / "shared" / "data"))


@pytest.fixture(autouse=True)
def private_user_dir(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Every test gets its own user data folder, so none touches the real one."""
    folder = tmp_path_factory.mktemp("user")
    monkeypatch.setenv("LENET_USER_DIR", str(folder))
    return folder


@pytest.fixture(scope="session")
def mnist():
    """The real MNIST from $LENET_DATA_DIR (never downloaded in tests)."""
    from lenet_gui.core.data import load_mnist, mnist_present
    from lenet_gui.core.paths import data_dir

    if not mnist_present(data_dir()):
        pytest.skip(f"real MNIST not found under {data_dir()} (set LENET_DATA_DIR)")
    return load_mnist(download=False)


@pytest.fixture
def fake_mnist_root(tmp_path: Path, mnist) -> Path:
    """A data folder whose MNIST/raw holds the real files (copied), for tests that damage them."""
    raw = tmp_path / "data" / "MNIST" / "raw"
    write_idx(raw, mnist.train.images.numpy(), mnist.train.labels.numpy(), "train")
    write_idx(raw, mnist.test.images.numpy(), mnist.test.labels.numpy(), "t10k")
    return tmp_path / "data"


@pytest.fixture
def weights_files(tmp_path: Path) -> dict[str, Path]:
    """Untrained but valid weights files of both variants (no dependence on the bundled ones)."""
    import torch

    from lenet_gui.core.models import create_model
    from lenet_gui.core.variants import VARIANTS
    from lenet_gui.core.weights import WeightsMeta, save_weights

    torch.manual_seed(0)
    folder = tmp_path / "weights"
    return {
        v: save_weights(folder / f"{v}.safetensors", create_model(v).state_dict(), WeightsMeta(v)) for v in VARIANTS
    }


@pytest.fixture
def offline(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """No network: every MNIST download attempt fails as it would offline; returns the URLs tried."""
    from urllib.error import URLError

    import torchvision.datasets.mnist

    tried: list[str] = []

    def fail(url: str, *args: object, **kwargs: object) -> None:
        tried.append(url)
        raise URLError("network is unreachable (simulated)")

    monkeypatch.setattr(torchvision.datasets.mnist, "download_and_extract_archive", fail)
    return tried
