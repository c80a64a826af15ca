"""`lenet-gui --screenshot FILE --draw DIGIT`: the picture shows the answer for the whole drawing."""

from __future__ import annotations

import pytest
from PIL import Image
from PySide6.QtWidgets import QLabel

from lenet_gui.gui.app import take_screenshot
from lenet_gui.gui.main_window import MainWindow


@pytest.mark.parametrize("digit", [3, 7])
def test_screenshot_waits_for_the_answer_to_the_finished_drawing(window: MainWindow, tmp_path, digit: int) -> None:
    path = tmp_path / "shot.png"
    assert take_screenshot(window, str(path), digit) == 0
    assert window.shown_sequence == window.sent_sequence
    assert window.findChild(QLabel, "prediction").text() == str(digit)
    with Image.open(path) as shot:
        assert shot.size[0] >= window.width() and shot.size[1] >= window.height()


def test_screenshot_into_a_missing_folder_fails_cleanly(window: MainWindow, tmp_path, capsys) -> None:
    assert take_screenshot(window, str(tmp_path / "missing" / "shot.png"), None) == 1
    assert "cannot write the screenshot" in capsys.readouterr().err
