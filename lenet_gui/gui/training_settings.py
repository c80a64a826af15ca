"""The training dialog's settings: the mode (from scratch or fine-tuning), the variant and the run's parameters."""

from __future__ import annotations

import dataclasses
import os

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QSpinBox,
    QWidget,
)

from lenet_gui.core.configs import FinetuneConfig, TrainConfig
from lenet_gui.core.data import MNIST_TRAIN_SIZE
from lenet_gui.core.devices import cuda_available
from lenet_gui.core.variants import VARIANTS
from lenet_gui.gui.device_combo import make_device_combo, select_device
from lenet_gui.gui.i18n import variant_description

TRAIN, FINETUNE = "train", "finetune"


def gui_training_threads() -> int:
    """CPU threads for training in the app: all cores but one, so drawing stays smooth."""
    return max(1, (os.cpu_count() or 2) - 1)


class TrainingSettings(QGroupBox):
    """The settings form; switching the mode shows that mode's defaults and emits ``modeChanged(mode)``."""

    modeChanged = Signal(str)

    def __init__(
        self, defaults: TrainConfig, finetune_defaults: FinetuneConfig, device: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("Settings"))
        self._defaults = defaults
        self._finetune_defaults = finetune_defaults
        d = defaults
        self.modeCombo = QComboBox(objectName="trainModeCombo")
        self.modeCombo.addItem(self.tr("Train from scratch"), TRAIN)
        self.modeCombo.addItem(self.tr("Fine-tune on my samples"), FINETUNE)
        self.modeCombo.setItemData(
            1,
            self.tr("Start from the current weights and train on MNIST mixed with your own samples"),
            Qt.ItemDataRole.ToolTipRole,
        )
        self.variantCombo = QComboBox()
        self.variantCombo.setObjectName("trainVariantCombo")
        for name in VARIANTS:
            self.variantCombo.addItem(f"{name} C5", name)
            self.variantCombo.setItemData(
                self.variantCombo.count() - 1, variant_description(name), Qt.ItemDataRole.ToolTipRole
            )
        self.variantCombo.setCurrentIndex(self.variantCombo.findData(d.variant))
        self.epochsSpin = QSpinBox(minimum=1, maximum=500, value=d.epochs)
        self.batchSpin = QSpinBox(minimum=1, maximum=65_536, value=d.batch_size, singleStep=32)
        self.lrSpin = QDoubleSpinBox(decimals=5, minimum=0.00001, maximum=10.0, singleStep=0.0005, value=d.lr)
        self.augmentCheck = QCheckBox(self.tr("Random shifts, rotations and scaling"), checked=d.augment)
        self.deviceCombo = make_device_combo(cuda_available())
        self.deviceCombo.setObjectName("trainDeviceCombo")
        select_device(self.deviceCombo, device)
        self.limitSpin = QSpinBox(minimum=0, maximum=MNIST_TRAIN_SIZE, singleStep=1000, value=d.train_limit or 0)
        self.limitSpin.setSpecialValueText(self.tr("all {n:,}").format(n=MNIST_TRAIN_SIZE))
        self.limitSpin.setToolTip(self.tr("Train on only the first N images, for a quick try"))

        form = QFormLayout(self)
        form.addRow(self.tr("Mode:"), self.modeCombo)
        form.addRow(self.tr("Variant:"), self.variantCombo)
        form.addRow(self.tr("Epochs:"), self.epochsSpin)
        form.addRow(self.tr("Batch size:"), self.batchSpin)
        form.addRow(self.tr("Learning rate:"), self.lrSpin)
        form.addRow(self.tr("Augmentation:"), self.augmentCheck)
        form.addRow(self.tr("Device:"), self.deviceCombo)
        self.limitLabel = QLabel(self.tr("Training images:"))
        form.addRow(self.limitLabel, self.limitSpin)
        self.modeCombo.currentIndexChanged.connect(self._apply_mode)
        self._apply_mode()

    def mode(self) -> str:
        """TRAIN (from scratch) or FINETUNE (on the user's samples)."""
        return self.modeCombo.currentData()

    def set_mode(self, mode: str) -> None:
        """Switch between TRAIN and FINETUNE."""
        self.modeCombo.setCurrentIndex(self.modeCombo.findData(mode))

    def config(self) -> TrainConfig:
        """The training settings as chosen; the rest comes from the defaults."""
        return dataclasses.replace(
            self._defaults,
            variant=self.variantCombo.currentData(),
            epochs=self.epochsSpin.value(),
            batch_size=self.batchSpin.value(),
            lr=self.lrSpin.value(),
            augment=self.augmentCheck.isChecked(),
            device=self.deviceCombo.currentData(),
            train_limit=self.limitSpin.value() or None,
            threads=self._defaults.threads or gui_training_threads(),
        )

    def finetune_config(self) -> FinetuneConfig:
        """The fine-tuning settings as chosen; the rest comes from the fine-tuning defaults."""
        return dataclasses.replace(
            self._finetune_defaults,
            epochs=self.epochsSpin.value(),
            lr=self.lrSpin.value(),
            mnist_images=self.limitSpin.value() or MNIST_TRAIN_SIZE,
            device=self.deviceCombo.currentData(),
            threads=self._finetune_defaults.threads or gui_training_threads(),
        )

    @Slot()
    def _apply_mode(self) -> None:
        """Show the settings of the chosen mode with that mode's defaults."""
        finetune = self.mode() == FINETUNE
        if finetune:
            f = self._finetune_defaults
            self.epochsSpin.setValue(f.epochs)
            self.lrSpin.setValue(f.lr)
            self.limitSpin.setValue(0 if f.mnist_images >= MNIST_TRAIN_SIZE else f.mnist_images)
            self.limitLabel.setText(self.tr("MNIST images mixed in:"))
        else:
            d = self._defaults
            self.epochsSpin.setValue(d.epochs)
            self.lrSpin.setValue(d.lr)
            self.limitSpin.setValue(d.train_limit or 0)
            self.limitLabel.setText(self.tr("Training images:"))
        self.batchSpin.setEnabled(not finetune)
        self.augmentCheck.setEnabled(not finetune)
        self.modeChanged.emit(self.mode())
