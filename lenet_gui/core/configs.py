"""The settings of training and fine-tuning runs: plain dataclasses without torch, so that the command
line's --help and the GUI read their defaults without loading it."""

from __future__ import annotations

import math
from dataclasses import dataclass, field, replace

from lenet_gui.core.variants import check_variant
from lenet_gui.errors import TrainingError


@dataclass(frozen=True)
class AugmentConfig:
    """Ranges of the random distortions."""

    rotation_deg: float = 12.0
    scale: tuple[float, float] = (0.85, 1.1)
    shear_deg: float = 10.0
    translate_px: float = 2.5
    thicken_p: float = 0.15
    thin_p: float = 0.1
    elastic_px: float = 2.0  # largest elastic displacement, pixels (0: none)
    elastic_grid: int = 4  # the displacement field is random on this coarse grid, smoothly upsampled
    # Shares of the 0s, 1s and 7s that get a slash, a long up-stroke or a crossbar (see styles.py);
    # writing styles, not distortions, so the fade leaves them as they are.
    slashed_zero_p: float = 0.2
    continental_one_p: float = 0.2
    crossed_seven_p: float = 0.2

    def scaled(self, strength: float) -> AugmentConfig:
        """These ranges and probabilities times ``strength`` (0: no change to the images, 1: these)."""
        lo, hi = self.scale
        return replace(
            self,
            rotation_deg=self.rotation_deg * strength,
            scale=(1 - (1 - lo) * strength, 1 + (hi - 1) * strength),
            shear_deg=self.shear_deg * strength,
            translate_px=self.translate_px * strength,
            thicken_p=self.thicken_p * strength,
            thin_p=self.thin_p * strength,
            elastic_px=self.elastic_px * strength,
        )


PRECISIONS = ("auto", "bf16", "fp32")


@dataclass
class TrainConfig:
    """Every hyperparameter of a training run."""

    variant: str = "conv"
    epochs: int = 40
    batch_size: int = 512
    lr: float = 6e-3  # peak of the schedule
    weight_decay: float = 5e-4
    optimizer: str = "adamw"  # "adamw" or "sgd" (Nesterov); beta1 or the momentum follows the schedule
    precision: str = "auto"  # "auto": bfloat16 where the hardware computes it natively, else "fp32"
    quick_epochs: int = 4  # a short first cycle, for a usable model early (see schedule.py); 0: none
    # The weights are averaged with this decay per step (None: off): the average is
    # what is evaluated and saved, steadier than the raw weights while the rate is high.
    ema_decay: float | None = 0.99
    # Each bundled pen digit (41 UNIPEN writers, resources/drawn/) is drawn this many times with random
    # pens and added to MNIST's training images, so the network knows how people write (0: MNIST only).
    pen_copies: int = 3
    # This share of those drawings is shown as a paper form's scan: stretched to fill a 12-20 px square, black and
    # white, scaled up and blurred (pen_digits.as_scan), so that scanned digits read as well (0: none).
    scan_share: float = 0.1
    augment: bool = True
    augment_fade: float = 0.25  # over this last share of the steps the distortions shrink ...
    augment_final: float = 0.3  # ... to this share of their ranges (see schedule.augment_strength)
    seed: int = 0
    device: str = "auto"
    threads: int | None = None  # None: all cores
    train_limit: int | None = None  # use only the first N training images
    test_limit: int | None = None
    augmentation: AugmentConfig = field(default_factory=AugmentConfig)

    def validate(self) -> None:
        """Raise a clear error for values that cannot work."""
        check_variant(self.variant)
        if self.epochs < 1:
            raise TrainingError(f"epochs must be at least 1, got {self.epochs}")
        if self.batch_size < 1:
            raise TrainingError(f"batch size must be at least 1, got {self.batch_size}")
        if not (self.lr > 0 and math.isfinite(self.lr)):
            raise TrainingError(f"learning rate must be a positive number, got {self.lr}")
        if self.optimizer not in ("adamw", "sgd"):
            raise TrainingError(f"unknown optimizer {self.optimizer!r} (adamw or sgd)")
        if self.precision not in PRECISIONS:
            raise TrainingError(f"unknown precision {self.precision!r} ({', '.join(PRECISIONS)})")
        if self.quick_epochs < 0:
            raise TrainingError(f"quick epochs must not be negative, got {self.quick_epochs}")
        for name in ("augment_fade", "augment_final", "scan_share"):
            if not 0 <= getattr(self, name) <= 1:
                raise TrainingError(f"{name.replace('_', ' ')} must be between 0 and 1, got {getattr(self, name)}")
        if self.ema_decay is not None and not 0 < self.ema_decay < 1:
            raise TrainingError(f"the weight-average decay must be between 0 and 1, got {self.ema_decay}")
        if self.pen_copies < 0:
            raise TrainingError(f"pen copies must not be negative, got {self.pen_copies}")
        for name in ("threads", "train_limit", "test_limit"):
            value = getattr(self, name)
            if value is not None and value < 1:
                raise TrainingError(f"{name.replace('_', ' ')} must be at least 1, got {value}")


@dataclass
class FinetuneConfig:
    """Settings of a fine-tuning run; the defaults take seconds on a CPU."""

    epochs: int = 3
    lr: float = 5e-4  # peak of the one-cycle schedule, an eighth of training from scratch
    mnist_images: int = 12000  # random MNIST training images mixed in, so MNIST is not forgotten
    personal_share: float = 0.1  # fraction of the mixed set made of (repeated) personal samples
    held_out: float = 0.2  # fraction of each digit's samples kept aside to measure on
    seed: int = 0
    device: str = "auto"
    threads: int | None = None
    test_limit: int | None = None  # MNIST test images for before/after (None: all 10,000)
