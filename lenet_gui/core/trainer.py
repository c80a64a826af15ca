"""The trainer: MNIST in memory, batches sliced from a randperm, batched augmentation.

A plain function that reports through a callback and checks a cancel flag, so
the GUI (in a worker thread), the command line and the tests drive the same code.
"""

from __future__ import annotations

import math
import os
import threading
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, replace

import torch
import torch.nn.functional as F
from torch.optim.swa_utils import AveragedModel

from lenet_gui.core.augment import augment_batch
from lenet_gui.core.configs import TrainConfig
from lenet_gui.core.data import Mnist
from lenet_gui.core.devices import bf16_is_native, resolve_device
from lenet_gui.core.evaluation import check_cancel, evaluate
from lenet_gui.core.models import LeNet5, create_model
from lenet_gui.core.pen_digits import with_pen_digits
from lenet_gui.core.preprocess import normalize
from lenet_gui.core.schedule import Schedule, augment_strength
from lenet_gui.core.weights import WeightsMeta
from lenet_gui.errors import TrainingError


@dataclass(frozen=True)
class Progress:
    """One report from a running training: during an epoch or at its end."""

    epoch: int  # 1-based
    epochs: int
    batch: int  # batches done in this epoch
    batches: int
    loss: float  # mean training loss of this epoch so far
    images_per_s: float
    elapsed_s: float
    test_accuracy: float | None = None  # set at the end of an epoch
    message: str = ""  # a notice for the user, e.g. a device fallback

    @property
    def fraction(self) -> float:
        """How much of the whole run is done, 0..1."""
        return ((self.epoch - 1) + self.batch / max(self.batches, 1)) / self.epochs


@dataclass(frozen=True)
class EpochStats:
    """Summary of one finished epoch."""

    epoch: int
    train_loss: float
    test_accuracy: float
    seconds: float  # wall time since the start of training
    images_per_s: float


@dataclass
class TrainResult:
    """Trained weights with their metadata and per-epoch history."""

    state_dict: dict[str, torch.Tensor]
    meta: WeightsMeta
    history: list[EpochStats]

    @property
    def test_accuracy(self) -> float:
        return self.history[-1].test_accuracy


ProgressCallback = Callable[[Progress], None]


def train(
    config: TrainConfig,
    mnist: Mnist,
    on_progress: ProgressCallback | None = None,
    cancel: threading.Event | None = None,
    init_state: dict[str, torch.Tensor] | None = None,
    report_every: int = 10,
) -> TrainResult:
    """Train LeNet-5 on MNIST; raises TrainingCancelled when ``cancel`` is set (checked every batch)."""
    config.validate()
    device, notice = resolve_device(config.device)
    threads = torch.get_num_threads()
    torch.set_num_threads(config.threads or os.cpu_count() or 1)
    torch.manual_seed(config.seed)
    gen = torch.Generator(device=device).manual_seed(config.seed)
    model = create_model(config.variant)
    if init_state is not None:
        model.load_state_dict(init_state)
    try:
        return _run(config, mnist, model, device, gen, on_progress, cancel, report_every, notice)
    except torch.OutOfMemoryError as exc:
        raise TrainingError(f"out of memory on {device}; try a smaller batch size or the CPU") from exc
    finally:
        # The thread count is process-wide: give the app's predictor back what it had.
        torch.set_num_threads(threads)


def _run(
    config: TrainConfig,
    mnist: Mnist,
    model: LeNet5,
    device: torch.device,
    gen: torch.Generator,
    on_progress: ProgressCallback | None,
    cancel: threading.Event | None,
    report_every: int,
    notice: str | None,
) -> TrainResult:
    mnist_part = mnist.train.head(config.train_limit)
    train_split, pen_count = with_pen_digits(mnist_part, config.pen_copies, config.seed, config.scan_share, cancel)
    test_split = mnist.test.head(config.test_limit)
    images = train_split.images.to(device).unsqueeze(1).float().div_(255)
    labels = train_split.labels.to(device)
    n = len(labels)
    batches = math.ceil(n / config.batch_size)
    model = model.to(device=device, memory_format=torch.channels_last)
    optimizer = _make_optimizer(config, model)
    schedule = Schedule(config.lr, config.epochs, batches, config.quick_epochs)
    bf16 = config.precision == "bf16" or (config.precision == "auto" and bf16_is_native(device))
    averaged = AveragedModel(model, multi_avg_fn=ema_with_warmup(config.ema_decay)) if config.ema_decay else None
    result = averaged.module if averaged else model
    history: list[EpochStats] = []
    start = time.perf_counter()
    seen = 0
    for epoch in range(1, config.epochs + 1):
        model.train()
        perm = torch.randperm(n, device=device, generator=gen)
        loss_sum = torch.zeros((), device=device)
        for b in range(batches):
            check_cancel(cancel)
            idx = perm[b * config.batch_size : (b + 1) * config.batch_size]
            x = images[idx]
            step = (epoch - 1) * batches + b
            if config.augment:
                strength = augment_strength(step, config.epochs * batches, config.augment_fade, config.augment_final)
                x = augment_batch(x, config.augmentation.scaled(strength), gen, labels[idx])
            x = normalize(x).contiguous(memory_format=torch.channels_last)
            with torch.autocast(device.type, dtype=torch.bfloat16, enabled=bf16):
                log_probs = model(x)
            loss = F.nll_loss(log_probs.float(), labels[idx])
            optimizer.zero_grad(set_to_none=True)
            loss.backward()
            schedule.apply(optimizer, step)
            optimizer.step()
            if averaged:
                averaged.update_parameters(model)
            loss_sum += loss.detach()
            seen += len(idx)
            if on_progress and ((b + 1) % report_every == 0 or b + 1 == batches):
                mean_loss = _finite_loss(loss_sum, b + 1, epoch, config)
                elapsed = time.perf_counter() - start
                on_progress(
                    Progress(
                        epoch, config.epochs, b + 1, batches, mean_loss, seen / elapsed, elapsed, message=notice or ""
                    )
                )
                notice = None
        mean_loss = _finite_loss(loss_sum, batches, epoch, config)
        _check_weights(model, epoch, config)
        accuracy = evaluate(result, test_split, device, cancel)
        elapsed = time.perf_counter() - start
        history.append(EpochStats(epoch, mean_loss, accuracy, elapsed, seen / elapsed))
        if on_progress:
            on_progress(Progress(epoch, config.epochs, batches, batches, mean_loss, seen / elapsed, elapsed, accuracy))
    state = {k: v.detach().cpu().contiguous() for k, v in result.state_dict().items()}
    recipe = asdict(replace(config, precision="bf16" if bf16 else "fp32"))  # what ran, not "auto"
    note = f"trained on {len(mnist_part)} MNIST images and {pen_count} drawings of pen digits"
    meta = WeightsMeta(
        variant=config.variant, test_accuracy=history[-1].test_accuracy, epochs=config.epochs, recipe=recipe, note=note
    )
    return TrainResult(state, meta, history)


def ema_with_warmup(decay: float) -> Callable[[list[torch.Tensor], list[torch.Tensor], torch.Tensor], None]:
    """An exponential weight average for ``AveragedModel`` whose decay grows as (1+n)/(10+n) up to ``decay``.

    The warm-up keeps a short run's average from being mostly its random start.
    """

    @torch.no_grad()
    def update(averaged: list[torch.Tensor], current: list[torch.Tensor], n: torch.Tensor) -> None:
        steps = int(n)
        weight = 1 - min(decay, (1 + steps) / (10 + steps))
        for a, c in zip(averaged, current, strict=True):
            a.lerp_(c, weight)

    return update


def _make_optimizer(config: TrainConfig, model: LeNet5) -> torch.optim.Optimizer:
    if config.optimizer == "sgd":
        return torch.optim.SGD(
            # The momentum given here is only a start: the schedule sets it every step.
            model.parameters(),
            lr=config.lr,
            momentum=0.9,
            nesterov=True,
            weight_decay=config.weight_decay,
        )
    return torch.optim.AdamW(model.parameters(), lr=config.lr, weight_decay=config.weight_decay, fused=True)


def _finite_loss(loss_sum: torch.Tensor, count: int, epoch: int, config: TrainConfig) -> float:
    value = loss_sum.item() / count
    if not math.isfinite(value):
        raise TrainingError(
            f"training diverged in epoch {epoch}: the loss became {value}; "
            f"try a lower learning rate than {config.lr:g}. Nothing was saved."
        )
    return value


# A trained LeNet-5's weights stay well below 10; this far above means the run blew up
# even if the loss happens to be finite.
MAX_ABS_WEIGHT = 1e4


def _check_weights(model: LeNet5, epoch: int, config: TrainConfig) -> None:
    largest = max(p.detach().abs().max().item() for p in model.parameters())
    if not math.isfinite(largest) or largest > MAX_ABS_WEIGHT:
        raise TrainingError(
            f"training diverged in epoch {epoch}: weights reached {largest:.3g}; "
            f"try a lower learning rate than {config.lr:g}. Nothing was saved."
        )
