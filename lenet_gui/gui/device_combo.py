"""The CPU/CUDA choice shared by the main window and the dialogs."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication
from PySide6.QtWidgets import QComboBox, QWidget

from lenet_gui.core.devices import DEVICES

# The names shown for core.devices.DEVICES, translated when shown.
DEVICE_LABELS = {"cpu": QT_TRANSLATE_NOOP("DeviceCombo", "CPU"), "cuda": QT_TRANSLATE_NOOP("DeviceCombo", "CUDA (GPU)")}
CUDA_ROW = DEVICES.index("cuda")


def make_device_combo(cuda: bool | None, parent: QWidget | None = None) -> QComboBox:
    """A combo box with CPU and CUDA; see :func:`set_cuda_available` for ``cuda``."""
    combo = QComboBox(parent)
    for device in DEVICES:
        combo.addItem(QCoreApplication.translate("DeviceCombo", DEVICE_LABELS[device]), device)
    set_cuda_available(combo, cuda)
    return combo


def set_cuda_available(combo: QComboBox, cuda: bool | None) -> None:
    """Enable CUDA in ``combo`` when ``cuda`` is True; else list it disabled, with a tooltip saying why.

    None means not known yet: only torch can tell, and the main window shows itself before torch is loaded.
    """
    item = combo.model().item(CUDA_ROW)  # a QComboBox's own model is a QStandardItemModel
    item.setEnabled(bool(cuda))
    if cuda is None:
        tip = QCoreApplication.translate("DeviceCombo", "Looking for a CUDA GPU while the model loads")
    elif not cuda:
        tip = QCoreApplication.translate("DeviceCombo", "No CUDA GPU is available on this machine")
    else:
        tip = ""
    item.setToolTip(tip)


def select_device(combo: QComboBox, device: str) -> None:
    """Show ``device`` ("cpu"/"cuda") in ``combo``; nothing happens when it is shown already."""
    index = combo.findData(device)
    if index >= 0 and index != combo.currentIndex():
        combo.setCurrentIndex(index)
