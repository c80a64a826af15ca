"""MNIST data: missing, offline, corrupt or unwritable folders give a DataError that says what to do."""

from __future__ import annotations

import errno
from pathlib import Path

import numpy as np
import pytest
from mnist_files import write_idx

from lenet_gui.core.data import RAW_FILES, load_mnist, mnist_present
from lenet_gui.errors import DataError


def test_missing_without_download_says_where_to_put_the_files(tmp_path, offline):
    with pytest.raises(DataError) as info:
        load_mnist(tmp_path / "nothing", download=False)
    message = str(info.value)
    assert str(tmp_path / "nothing" / "MNIST" / "raw") in message
    assert all(name in message for name in RAW_FILES)
    assert "LENET_DATA_DIR" in message and "--data-dir" in message
    assert offline == []


def test_missing_and_offline_says_the_download_failed_and_where_to_put_the_files(tmp_path, offline):
    with pytest.raises(DataError) as info:
        load_mnist(tmp_path / "empty")
    message = str(info.value)
    assert offline, "a download should have been tried (and failed, simulated offline)"
    assert "could not download MNIST" in message and "network is unreachable" in message
    assert str(tmp_path / "empty" / "MNIST" / "raw") in message


def test_unwritable_data_folder_is_reported(tmp_path, offline, monkeypatch):
    def refuse(self, *args, **kwargs):
        raise PermissionError(errno.EACCES, "Permission denied", str(self))

    monkeypatch.setattr(Path, "touch", refuse)
    with pytest.raises(DataError, match=r"cannot write MNIST into .*Permission denied.*--data-dir"):
        load_mnist(tmp_path / "locked")
    assert offline == []


def test_data_folder_that_is_a_file_is_reported(tmp_path, offline):
    path = tmp_path / "a-file"
    path.write_text("not a folder")
    with pytest.raises(DataError, match="cannot write MNIST into"):
        load_mnist(path)


def test_real_files_copied_load(fake_mnist_root):
    mnist = load_mnist(fake_mnist_root, download=False)
    assert mnist.train.images.shape == (60000, 28, 28) and len(mnist.test) == 10000
    assert mnist.train.labels.dtype.is_floating_point is False


@pytest.mark.parametrize("name", RAW_FILES)
def test_truncated_idx_file_is_a_data_error(fake_mnist_root, offline, name):
    path = fake_mnist_root / "MNIST" / "raw" / name
    path.write_bytes(path.read_bytes()[: path.stat().st_size // 2])
    with pytest.raises(DataError, match="corrupt or truncated"):
        load_mnist(fake_mnist_root)
    assert offline == []


def _tiny_root(tmp_path: Path, n: int = 50) -> Path:
    rng = np.random.default_rng(0)
    raw = tmp_path / "data" / "MNIST" / "raw"
    for prefix in ("train", "t10k"):
        write_idx(raw, rng.integers(0, 255, (n, 28, 28)), rng.integers(0, 10, n), prefix)
    return tmp_path / "data"


def test_idx_files_with_the_wrong_number_of_images_are_a_data_error(tmp_path, offline):
    root = _tiny_root(tmp_path)
    assert mnist_present(root)
    with pytest.raises(DataError, match="expected 60000"):
        load_mnist(root)


@pytest.mark.parametrize(
    "damage",
    [
        lambda b: b"\0\0\x99\x03" + b[4:],  # unknown type code
        lambda b: b[:4] + (10**9).to_bytes(4, "big") + b[8:],  # claims a billion images
        lambda b: b[:6],  # header cut short
        lambda b: b"",
        lambda b: bytes(range(256)) * 40,
    ],
    ids=["bad-type", "absurd-count", "short-header", "empty", "garbage"],
)
def test_damaged_idx_headers_are_a_data_error(tmp_path, offline, damage):
    root = _tiny_root(tmp_path)
    path = root / "MNIST" / "raw" / "train-images-idx3-ubyte"
    path.write_bytes(damage(path.read_bytes()))
    with pytest.raises(DataError):
        load_mnist(root)
    assert offline == []


def test_a_missing_file_among_four_counts_as_missing(tmp_path, offline):
    root = _tiny_root(tmp_path)
    (root / "MNIST" / "raw" / RAW_FILES[3]).unlink()
    assert not mnist_present(root)
    with pytest.raises(DataError, match="MNIST not found"):
        load_mnist(root, download=False)
