"""Where things live: the user's data folder, the bundled resources, MNIST."""

from __future__ import annotations

import os
from importlib import resources
from pathlib import Path

import platformdirs

APP_NAME = "lenet-gui"
DATA_DIR_ENV = "LENET_DATA_DIR"
USER_DIR_ENV = "LENET_USER_DIR"


def user_dir() -> Path:
    """Per-user folder for retrained weights and personal data (``LENET_USER_DIR`` overrides)."""
    override = os.environ.get(USER_DIR_ENV)
    return Path(override) if override else Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def data_dir(explicit: str | os.PathLike[str] | None = None) -> Path:
    """MNIST root folder: ``explicit`` > ``$LENET_DATA_DIR`` > the user's cache folder."""
    if explicit:
        return Path(explicit)
    override = os.environ.get(DATA_DIR_ENV)
    if override:
        return Path(override)
    return Path(platformdirs.user_cache_dir(APP_NAME, appauthor=False))


def resource_path(*parts: str) -> Path:
    """A file shipped in ``resources/`` (installed as the ``lenet_gui.resources`` package)."""
    try:
        root = Path(str(resources.files("lenet_gui.resources")))
    except ModuleNotFoundError:  # running from a source checkout that is not installed
        root = Path(__file__).resolve().parents[2] / "resources"
    return root.joinpath(*parts)
