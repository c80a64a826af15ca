"""Where things live: the user's data folder, the bundled resources, MNIST."""

from __future__ import annotations

import os
from importlib import resources
from pathlib import Path

import platformdirs

from lenet_gui.core.variants import check_variant

APP_NAME = "lenet-gui"
DATA_DIR_ENV = "LENET_DATA_DIR"
USER_DIR_ENV = "LENET_USER_DIR"
WEIGHTS_SUFFIX = ".safetensors"


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


def bundled_path(variant: str) -> Path:
    """The weights shipped with the app for ``variant`` (never overwritten by it)."""
    return resource_path("weights", f"lenet5_{check_variant(variant)}{WEIGHTS_SUFFIX}")


def user_path(variant: str) -> Path:
    """Where the user's retrained weights for ``variant`` are kept."""
    return user_dir() / "weights" / f"lenet5_{check_variant(variant)}{WEIGHTS_SUFFIX}"
