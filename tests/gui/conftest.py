"""Fixtures for the GUI tests: weights to predict with, a ready main window, drawing with real mouse events."""

from __future__ import annotations

import dataclasses
import gc
from collections.abc import Iterator
from pathlib import Path

import pytest

from lenet_gui.core import weights as weights_module
from lenet_gui.core.convert import convert_state_dict
from lenet_gui.core.models import VARIANTS, check_variant
from lenet_gui.core.trainer import TrainConfig, train
from lenet_gui.core.weights import bundled_path, save_weights
from lenet_gui.gui.main_window import MainWindow

pytestmark = pytest.mark.gui


@pytest.fixture(scope="session")
def provisional_weights(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Path | None:
    """A folder with quickly trained weights when the bundled ones are not there yet, else None."""
    if all(bundled_path(v).is_file() for v in VARIANTS):
        return None
    mnist = request.getfixturevalue("mnist")
    folder = tmp_path_factory.mktemp("provisional-weights")
    result = train(TrainConfig(epochs=1, train_limit=3000, test_limit=500, augment=False, threads=2), mnist)
    save_weights(folder / "lenet5_conv.safetensors", result.state_dict, result.meta)
    linear_meta = dataclasses.replace(result.meta, variant="linear")
    save_weights(folder / "lenet5_linear.safetensors", convert_state_dict(result.state_dict, "conv"), linear_meta)
    return folder


@pytest.fixture(autouse=True)
def bundled_weights(provisional_weights: Path | None, monkeypatch: pytest.MonkeyPatch) -> None:
    """Point the app's bundled weights at the provisional ones when the real ones are missing."""
    if provisional_weights is not None:
        monkeypatch.setattr(
            weights_module,
            "bundled_path",
            lambda variant: provisional_weights / f"lenet5_{check_variant(variant)}.safetensors",
        )


@pytest.fixture
def make_window(qtbot, qtlog) -> Iterator:
    """Build main windows that have loaded their model; every one is shut down after the test.

    Afterwards no Qt warning about a thread destroyed while running may have appeared.
    """
    windows: list[MainWindow] = []

    def make(**kwargs) -> MainWindow:
        window = MainWindow(persist_geometry=False, **kwargs)
        qtbot.addWidget(window)
        windows.append(window)
        window.resize(900, 640)
        window.show()
        qtbot.waitUntil(lambda: window.model_state is not None, timeout=15_000)
        return window

    yield make
    for window in windows:
        window.shutdown()
        assert not window.worker.is_running()
    windows.clear()
    gc.collect()
    assert not [r.message for r in qtlog.records if "QThread" in r.message]


@pytest.fixture
def window(make_window) -> MainWindow:
    return make_window()
