"""Fine-tune on the user's own samples: MNIST mixed with the personal samples, oversampled.

Starts from the current weights, keeps part of the personal samples aside to
measure on, and reports accuracy before and after on MNIST test and on those
held-out samples; saving the result is the caller's decision.
"""

from __future__ import annotations

import math
import threading
from dataclasses import dataclass

import torch

from lenet_gui.core.configs import FinetuneConfig
from lenet_gui.core.data import Mnist, Split
from lenet_gui.core.evaluation import evaluate
from lenet_gui.core.models import create_model
from lenet_gui.core.trainer import ProgressCallback, TrainConfig, train
from lenet_gui.core.weights import LoadedWeights, WeightsMeta
from lenet_gui.errors import TrainingError

# Fewer samples than this teach the network nothing it can keep, and leave nothing to measure on.
MIN_SAMPLES = 10


@dataclass
class FinetuneResult:
    """The fine-tuned weights with accuracies before and after (held-out ones None without held-out samples)."""

    state_dict: dict[str, torch.Tensor]
    meta: WeightsMeta
    mnist_before: float
    mnist_after: float
    personal_before: float | None
    personal_after: float | None
    trained_on: int  # personal samples used for training
    held_out: int  # personal samples kept aside


def split_held_out(samples: Split, fraction: float, seed: int = 0) -> tuple[Split, Split]:
    """(train, held-out): ``fraction`` of each digit's samples, chosen at random, at least one left to train on."""
    gen = torch.Generator().manual_seed(seed)
    train_idx, held_idx = [], []
    for digit in samples.labels.unique().tolist():
        idx = torch.nonzero(samples.labels == digit).flatten()
        idx = idx[torch.randperm(len(idx), generator=gen)]
        k = min(round(len(idx) * fraction), len(idx) - 1)
        held_idx.append(idx[:k])
        train_idx.append(idx[k:])
    return _subset(samples, train_idx), _subset(samples, held_idx)


def _subset(split: Split, parts: list[torch.Tensor]) -> Split:
    idx = torch.cat(parts).sort().values if parts else torch.empty(0, dtype=torch.int64)
    return Split(split.images[idx], split.labels[idx])


def mixed_training_set(mnist_train: Split, personal: Split, config: FinetuneConfig) -> Split:
    """Random MNIST images plus the personal samples repeated to make up ``personal_share`` of the set."""
    gen = torch.Generator().manual_seed(config.seed)
    pick = torch.randperm(len(mnist_train), generator=gen)[: config.mnist_images]
    base = len(pick)
    repeats = max(1, math.ceil(config.personal_share * base / ((1 - config.personal_share) * len(personal))))
    images = torch.cat([mnist_train.images[pick], personal.images.repeat(repeats, 1, 1)])
    labels = torch.cat([mnist_train.labels[pick], personal.labels.repeat(repeats)])
    return Split(images, labels)


def finetune(
    weights: LoadedWeights,
    samples: Split,
    mnist: Mnist,
    config: FinetuneConfig | None = None,
    on_progress: ProgressCallback | None = None,
    cancel: threading.Event | None = None,
) -> FinetuneResult:
    """Fine-tune ``weights`` on ``samples`` mixed with MNIST; nothing is saved."""
    config = config or FinetuneConfig()
    if len(samples) == 0:
        raise TrainingError("there are no personal samples to fine-tune on; add some first")
    if not 0 <= config.personal_share < 1:
        raise TrainingError(f"the personal share must be in [0, 1), got {config.personal_share}")
    variant = weights.meta.variant
    personal, held = split_held_out(samples, config.held_out, config.seed)
    test = mnist.test.head(config.test_limit)
    before = create_model(variant)
    before.load_state_dict(weights.state_dict)
    train_config = TrainConfig(
        variant=variant,
        epochs=config.epochs,
        batch_size=128,
        lr=config.lr,
        seed=config.seed,
        device=config.device,
        threads=config.threads,
        test_limit=config.test_limit,
    )
    mixed = Mnist(mixed_training_set(mnist.train, personal, config), test, mnist.root)
    result = train(train_config, mixed, on_progress, cancel, init_state=weights.state_dict)
    after = create_model(variant)
    after.load_state_dict(result.state_dict)
    mnist_after = evaluate(after, test)
    meta = WeightsMeta(
        variant=variant,
        test_accuracy=mnist_after,
        epochs=config.epochs,
        recipe=result.meta.recipe,
        note=f"fine-tuned on {len(personal)} personal samples from weights of {weights.meta.date}",
    )
    return FinetuneResult(
        state_dict=result.state_dict,
        meta=meta,
        mnist_before=evaluate(before, test),
        mnist_after=mnist_after,
        personal_before=evaluate(before, held) if len(held) else None,
        personal_after=evaluate(after, held) if len(held) else None,
        trained_on=len(personal),
        held_out=len(held),
    )
