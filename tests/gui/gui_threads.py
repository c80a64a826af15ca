"""Which thread does a piece of work: calls recorded in GUI tests."""

from __future__ import annotations

import threading
from types import ModuleType

import pytest


def calls_on_gui_thread(monkeypatch: pytest.MonkeyPatch, name: str, home: ModuleType, *users: ModuleType) -> list[bool]:
    """Record, for each call of ``home.name``, whether it ran on the GUI thread. The modules in ``users`` get the
    recording function under the same name too (for code that imported the name itself)."""
    original = getattr(home, name)
    on_gui_thread: list[bool] = []

    def recording(*args, **kwargs):
        on_gui_thread.append(threading.current_thread() is threading.main_thread())
        return original(*args, **kwargs)

    for module in (home, *users):
        monkeypatch.setattr(module, name, recording, raising=False)
    return on_gui_thread
