"""What the benchmarks share: command-line options, the machine summary, the result line, app training runs."""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass, field, replace

import torch
from _seed_recipe import DEFAULT_THREADS, SeedRecipe

from lenet_gui.core.data import Mnist, load_mnist
from lenet_gui.core.paths import data_dir
from lenet_gui.core.trainer import Progress, TrainConfig, train
from lenet_gui.core.variants import VARIANTS
from lenet_gui.errors import TrainingCancelled


def parser(description: str, variant: bool = True, data: bool = True) -> argparse.ArgumentParser:
    """An argument parser with the options every benchmark shares."""
    p = argparse.ArgumentParser(description=description)
    if variant:
        p.add_argument("--variant", choices=list(VARIANTS), default="conv", help="LeNet-5 variant (default conv)")
    if data:
        p.add_argument("--data-dir", metavar="D", help="MNIST root folder (default: $LENET_DATA_DIR)")
        p.add_argument("--limit", type=int, metavar="N", help="use only the first N training images (for trying out)")
        p.add_argument("--test-limit", type=int, metavar="N", help="use only the first N test images")
        p.add_argument(
            "--threads",
            type=int,
            metavar="N",
            help="torch threads for every side (default: torch's default for the seed, all cores for the app)",
        )
    return p


def root_of(args: argparse.Namespace):
    """The MNIST root folder the options name."""
    return data_dir(args.data_dir)


def load_data(args: argparse.Namespace) -> Mnist:
    """MNIST in memory for the app side (never downloads)."""
    return load_mnist(root_of(args), download=False)


def app_config(args: argparse.Namespace, variant: str | None = None, **overrides: int) -> TrainConfig:
    """The app's default TrainConfig for ``variant`` (default: --variant), with the options' limits and threads."""
    config = TrainConfig(
        variant=variant or args.variant, train_limit=args.limit, test_limit=args.test_limit, threads=args.threads
    )
    return replace(config, **overrides)


def seed_recipe(args: argparse.Namespace) -> SeedRecipe:
    """A fresh seed-recipe run with the options' variant, limits and threads."""
    return SeedRecipe(root_of(args), args.variant, args.limit, args.test_limit, threads=args.threads)


def machine_summary() -> str:
    """CPU count, CPU model, torch version and its thread count, for the output."""
    return (
        f"machine: {os.cpu_count()} CPUs ({platform.machine()} {platform.processor() or ''}".rstrip()
        + f"), python {platform.python_version()}, torch {torch.__version__}, "
        f"torch threads now {torch.get_num_threads()}"
    )


def threads_summary(args: argparse.Namespace) -> str:
    """The torch thread count each side trains with (the app's trainer uses all cores unless told)."""
    return f"torch threads: seed {args.threads or DEFAULT_THREADS}, app {args.threads or os.cpu_count()}"


def result_line(**figures: float | int | str) -> str:
    """The stable last line: ``key=value`` pairs separated by spaces."""
    return " ".join(f"{key}={_format(value)}" for key, value in figures.items())


def _format(value: float | int | str) -> str:
    if isinstance(value, float):
        return f"{value:.4g}" if abs(value) < 1000 else f"{value:.0f}"
    return str(value)


def median(values: Sequence[float]) -> float:
    return statistics.median(values)


@dataclass
class AppRun:
    """What one run of the app's trainer showed."""

    epoch_ends: list[Progress] = field(default_factory=list)  # one end-of-epoch report each, with test accuracy
    first_epoch_train_img_s: float = 0.0  # training only, before the first test evaluation
    wall_s: float = 0.0  # the whole train() call
    reached: Progress | None = None  # the first epoch end at or above the target accuracy
    accuracy: float = 0.0  # of the last finished epoch


def run_app(config: TrainConfig, mnist: Mnist, target: float | None = None) -> AppRun:
    """Train with the app's trainer; with ``target``, stop after the first epoch whose test accuracy reaches it."""
    run = AppRun()
    cancel = threading.Event()

    def on_progress(p: Progress) -> None:
        if p.test_accuracy is None:
            if p.epoch == 1 and p.batch == p.batches:
                run.first_epoch_train_img_s = p.images_per_s
            return
        run.epoch_ends.append(p)
        run.accuracy = p.test_accuracy
        if target is not None and run.reached is None and p.test_accuracy >= target:
            run.reached = p
            cancel.set()

    start = time.perf_counter()
    try:
        train(config, mnist, on_progress=on_progress, cancel=cancel)
    except TrainingCancelled:
        if run.reached is None:
            raise
    run.wall_s = time.perf_counter() - start
    return run
