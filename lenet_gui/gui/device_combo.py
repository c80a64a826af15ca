"""The CPU/CUDA choice shared by the main window and the dialogs."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QComboBox, QWidget

from lenet_gui.core.devices import cuda_available


def make_device_combo(parent: QWidget | None = None) -> QComboBox:
    """A combo box with CPU and CUDA; CUDA is listed but disabled, with a tooltip, when not available."""
    combo = QComboBox(parent)
    combo.addItem(QCoreApplication.translate("DeviceCombo", "CPU"), "cpu")
    combo.addItem(QCoreApplication.translate("DeviceCombo", "CUDA (GPU)"), "cuda")
    if not cuda_available():
        item = combo.model().item(1)  # a QComboBox's own model is a QStandardItemModel
        item.setEnabled(False)
        item.setToolTip(QCoreApplication.translate("DeviceCombo", "No CUDA GPU is available on this machine"))
    return combo


def select_device(combo: QComboBox, device: str) -> None:
    """Show ``device`` ("cpu"/"cuda") in ``combo``; nothing happens when it is shown already."""
    index = combo.findData(device)
    if index >= 0 and index != combo.currentIndex():
        combo.setCurrentIndex(index)
