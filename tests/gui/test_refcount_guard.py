"""The guard against PySide6 builds that leak references to None (they crash CPython < 3.12 after a while)."""

from __future__ import annotations

import sys

import pytest

import lenet_gui.gui as gui
from lenet_gui.gui.refcount_guard import pyside_leaks_none

pytestmark = pytest.mark.gui


def test_leaking_builds_are_guarded() -> None:
    if sys.version_info >= (3, 12) or not pyside_leaks_none():
        pytest.skip("this PySide6 build does not leak references to None on this Python")
    assert gui.PYSIDE_REFCOUNT_GUARD
    for singleton in (None, True, False):
        assert sys.getrefcount(singleton) > 2**59
