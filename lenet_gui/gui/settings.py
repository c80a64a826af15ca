"""Persistent app settings (QSettings in the user data folder), validated on every read."""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QSettings

from lenet_gui.core.devices import DEVICES
from lenet_gui.core.paths import user_dir
from lenet_gui.core.variants import VARIANTS

DEFAULT_VARIANT = "conv"
DEFAULT_DEVICE = "cpu"  # one 28x28 image at a time runs fastest on the CPU
DEFAULT_BRUSH = 24
BRUSH_RANGE = (4, 60)


class AppSettings:
    """Variant, device, brush size and window geometry; unknown or corrupt values read as defaults."""

    def __init__(self, settings: QSettings | None = None) -> None:
        self._qs = settings or QSettings(str(user_dir() / "settings.ini"), QSettings.Format.IniFormat)

    @property
    def variant(self) -> str:
        value = self._qs.value("model/variant", DEFAULT_VARIANT)
        return value if isinstance(value, str) and value in VARIANTS else DEFAULT_VARIANT

    @variant.setter
    def variant(self, value: str) -> None:
        self._qs.setValue("model/variant", value)

    @property
    def device(self) -> str:
        """The device chosen, cpu or cuda. Whether CUDA is there is only known once torch is loaded, so the
        inference worker checks it and falls back to the CPU, with a notice, when it is missing."""
        value = self._qs.value("model/device", DEFAULT_DEVICE)
        return value if value in DEVICES else DEFAULT_DEVICE

    @device.setter
    def device(self, value: str) -> None:
        self._qs.setValue("model/device", value)

    @property
    def brush_size(self) -> int:
        try:
            value = int(self._qs.value("canvas/brush_size", DEFAULT_BRUSH))
        except (TypeError, ValueError):
            return DEFAULT_BRUSH
        low, high = BRUSH_RANGE
        return value if low <= value <= high else DEFAULT_BRUSH

    @brush_size.setter
    def brush_size(self, value: int) -> None:
        self._qs.setValue("canvas/brush_size", int(value))

    @property
    def geometry(self) -> QByteArray | None:
        value = self._qs.value("window/geometry")
        return value if isinstance(value, QByteArray) and not value.isEmpty() else None

    @geometry.setter
    def geometry(self, value: QByteArray) -> None:
        self._qs.setValue("window/geometry", value)

    @property
    def language(self) -> str | None:
        """The interface language chosen in the menu (a code like "zh_CN"), or None to follow the system."""
        value = self._qs.value("interface/language")
        return value if isinstance(value, str) and value else None

    @language.setter
    def language(self, value: str) -> None:
        self._qs.setValue("interface/language", value)

    def sync(self) -> None:
        """Write pending changes to disk."""
        self._qs.sync()

    @property
    def path(self) -> str:
        return self._qs.fileName()
