"""Settings: stored values come back, corrupt or stale ones read as defaults."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSettings

from lenet_gui.core.devices import cuda_available
from lenet_gui.core.paths import user_dir
from lenet_gui.gui.settings import DEFAULT_BRUSH, AppSettings


def test_values_persist(qapp) -> None:
    settings = AppSettings()
    settings.variant = "linear"
    settings.brush_size = 30
    settings.sync()
    again = AppSettings()
    assert again.variant == "linear"
    assert again.brush_size == 30
    assert again.path.startswith(str(user_dir()))


def test_stale_values_fall_back_to_defaults(qapp) -> None:
    path = user_dir() / "settings.ini"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("[model]\nvariant=resnet50\ndevice=tpu\n[canvas]\nbrush_size=enormous\n[window]\ngeometry=12\n")
    settings = AppSettings(QSettings(str(path), QSettings.Format.IniFormat))
    assert settings.variant == "conv"
    assert settings.device == "cpu"
    assert settings.brush_size == DEFAULT_BRUSH
    assert settings.geometry is None


def test_corrupt_file_falls_back_to_defaults(qapp) -> None:
    path = user_dir() / "settings.ini"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"\x00\xff\xfe garbage [[[ = = \n\x89PNG")
    settings = AppSettings()
    assert (settings.variant, settings.device, settings.brush_size) == ("conv", "cpu", DEFAULT_BRUSH)


@pytest.mark.skipif(cuda_available(), reason="needs a machine without CUDA")
def test_a_cuda_setting_without_cuda_starts_on_the_cpu_and_says_so(make_window) -> None:
    # Only torch can tell whether CUDA is there, so the worker checks it, after the window is up.
    settings = AppSettings()
    settings.device = "cuda"
    settings.sync()
    window = make_window()
    assert window.model_state.device == "cpu" and not window.model_state.cuda_available
    assert window.device == "cpu" and AppSettings().device == "cpu"
    assert "CUDA" in window.statusBar().currentMessage()


def test_brush_out_of_range_reads_as_default(qapp) -> None:
    settings = AppSettings()
    settings.brush_size = 5000
    assert settings.brush_size == DEFAULT_BRUSH


def test_window_starts_with_defaults_from_a_stale_file(make_window) -> None:
    path = user_dir() / "settings.ini"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("[model]\nvariant=alexnet\ndevice=quantum\n")
    window = make_window()
    assert window.variant == "conv" and window.device == "cpu"
    assert window.model_state.weights.meta.variant == "conv"
