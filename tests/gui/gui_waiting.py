"""Waiting in GUI tests for the window's answer to the newest drawing."""

from __future__ import annotations

from lenet_gui.gui.main_window import MainWindow


def wait_settled(qtbot, window: MainWindow, timeout: int = 15_000) -> None:
    """Until the answer to the newest request is on screen."""
    qtbot.waitUntil(lambda: window.shown_sequence == window.sent_sequence, timeout=timeout)
