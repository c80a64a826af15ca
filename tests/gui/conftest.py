"""Fixtures for the GUI tests: ready main windows, shut down afterwards; every test here is marked ``gui``."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from pathlib import Path

import pytest

from lenet_gui.gui.main_window import MainWindow


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark every test in this folder ``gui`` (a ``pytestmark`` in a conftest would mark nothing)."""
    here = Path(__file__).parent
    for item in items:
        if here in item.path.parents:
            item.add_marker(pytest.mark.gui)


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
