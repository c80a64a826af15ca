"""Trainer behaviour on small slices: it learns, it stops when asked, it refuses to go on diverging."""

from __future__ import annotations

import threading

import pytest
import torch
import torch.nn.functional as F

from lenet_gui.core import devices, trainer
from lenet_gui.core.data import MNIST_TRAIN_SIZE
from lenet_gui.core.evaluation import evaluate, predict_split
from lenet_gui.core.models import create_model
from lenet_gui.core.pen_digits import load_pen_digits
from lenet_gui.core.preprocess import normalize
from lenet_gui.core.trainer import Progress, TrainConfig, train
from lenet_gui.errors import TrainingCancelled, TrainingError

pytestmark = pytest.mark.mnist


def small(**overrides) -> TrainConfig:
    """A run of a few hundred images that takes well under a second."""
    base = {
        "train_limit": 512,
        "test_limit": 200,
        "epochs": 1,
        "batch_size": 32,
        "lr": 1e-2,
        "augment": False,
        "threads": 1,
        "device": "cpu",
    }
    return TrainConfig(**{**base, **overrides})


def training_loss(state: dict[str, torch.Tensor], variant: str, split) -> float:
    model = create_model(variant)
    model.load_state_dict(state)
    model.eval()
    with torch.no_grad():
        return F.nll_loss(model(normalize(split.images.unsqueeze(1).float() / 255)), split.labels).item()


@pytest.mark.parametrize("variant", ["conv", "linear"])
def test_loss_falls_in_one_short_epoch(mnist, variant):
    config = small(variant=variant)
    torch.manual_seed(config.seed)  # the trainer seeds the same way before creating its model
    initial = create_model(variant).state_dict()
    reports: list[Progress] = []
    result = train(config, mnist, on_progress=reports.append)
    seen = mnist.train.head(config.train_limit)
    before, after = training_loss(initial, variant, seen), training_loss(result.state_dict, variant, seen)
    assert after < 0.6 * before
    assert len(result.history) == 1 and result.meta.variant == variant
    assert reports[-1].test_accuracy is not None and reports[-1].fraction == 1.0


def test_cancel_stops_within_one_batch(mnist):
    cancel = threading.Event()
    reports: list[Progress] = []

    def on_progress(p: Progress) -> None:
        reports.append(p)
        if p.batch == 3:
            cancel.set()

    with pytest.raises(TrainingCancelled, match="previous weights are unchanged"):
        train(small(), mnist, on_progress=on_progress, cancel=cancel, report_every=1)
    assert [p.batch for p in reports] == [1, 2, 3]


def test_cancel_during_evaluation_stops_after_the_current_batch(mnist):
    cancel = threading.Event()
    done: list[int] = []

    def on_batch(n: int, total: int) -> None:
        done.append(n)
        cancel.set()

    with pytest.raises(TrainingCancelled):
        predict_split(create_model("conv"), mnist.test.head(1000), cancel=cancel, batch_size=100, on_batch=on_batch)
    assert done == [100]
    with pytest.raises(TrainingCancelled):
        evaluate(create_model("conv"), mnist.test.head(100), cancel=cancel)


@pytest.mark.parametrize("optimizer", ["adamw", "sgd"])
def test_absurd_learning_rate_stops_with_a_training_error(mnist, optimizer):
    reports: list[Progress] = []
    with pytest.raises(TrainingError, match=r"diverged.*lower learning rate.*Nothing was saved"):
        train(small(lr=1e30, optimizer=optimizer), mnist, on_progress=reports.append)
    assert all(p.test_accuracy is None for p in reports)  # stopped before finishing the epoch


def test_cuda_asked_but_missing_falls_back_to_cpu_with_a_message(mnist, monkeypatch):
    monkeypatch.setattr(devices, "cuda_available", lambda: False)
    reports: list[Progress] = []
    result = train(small(device="cuda", train_limit=64), mnist, on_progress=reports.append)
    assert "CUDA is not available" in reports[0].message
    assert all(not p.message for p in reports[1:])
    assert all(t.device.type == "cpu" for t in result.state_dict.values())


def test_out_of_memory_is_reported_as_a_training_error(mnist, monkeypatch):
    def out_of_memory(x):
        raise torch.OutOfMemoryError("CUDA out of memory. Tried to allocate 20.00 GiB")

    monkeypatch.setattr(trainer, "normalize", out_of_memory)
    with pytest.raises(TrainingError, match=r"out of memory.*smaller batch size"):
        train(small(), mnist)


@pytest.mark.parametrize(
    "bad", [{"epochs": 0}, {"batch_size": 0}, {"lr": 0.0}, {"lr": float("nan")}, {"optimizer": "rmsprop"}]
)
def test_impossible_settings_are_refused_before_training(mnist, bad):
    with pytest.raises(TrainingError):
        train(small(**bad), mnist)


def test_run_that_blows_up_without_nan_loss_is_refused(mnist):
    config = TrainConfig(epochs=1, lr=1e30, train_limit=320, test_limit=100, augment=False)
    with pytest.raises(TrainingError, match="diverged"):
        train(config, mnist)


@pytest.mark.parametrize("field", ["threads", "train_limit", "test_limit"])
def test_limits_below_one_are_refused(field):
    with pytest.raises(TrainingError, match="at least 1"):
        TrainConfig(**{field: 0}).validate()


def test_thread_count_is_restored_after_training(mnist):
    before = torch.get_num_threads()
    train(TrainConfig(epochs=1, threads=1, train_limit=64, test_limit=64), mnist)
    assert torch.get_num_threads() == before


@pytest.mark.parametrize(
    "bad",
    [
        {"precision": "fp8"},
        {"ema_decay": 1.0},
        {"ema_decay": 0.0},
        {"quick_epochs": -1},
        {"augment_fade": 1.5},
        {"augment_final": -0.1},
        {"augment_final": float("nan")},
        {"pen_copies": -1},
        {"scan_share": 1.5},
        {"scan_share": -0.1},
    ],
)
def test_unknown_precision_and_bad_schedule_settings_are_refused(bad):
    with pytest.raises(TrainingError):
        TrainConfig(**bad).validate()


@pytest.mark.parametrize("precision", ["bf16", "fp32"])
def test_both_precisions_learn_and_save_float32_weights(mnist, precision):
    result = train(small(precision=precision, epochs=2), mnist)
    assert result.test_accuracy > 0.5  # far above chance after ~1,000 images
    assert all(t.dtype == torch.float32 for t in result.state_dict.values())
    assert result.meta.recipe["precision"] == precision


def test_saved_weights_are_the_ones_whose_accuracy_is_reported(mnist):
    """With the weight average on, the average is evaluated and saved, not the last raw weights."""
    config = small(epochs=2, ema_decay=0.9)
    result = train(config, mnist)
    model = create_model(config.variant)
    model.load_state_dict(result.state_dict)
    assert evaluate(model, mnist.test.head(config.test_limit)) == pytest.approx(result.test_accuracy, abs=1e-9)
    raw = train(small(epochs=2, ema_decay=None), mnist)
    differs = [not torch.equal(result.state_dict[k], raw.state_dict[k]) for k in raw.state_dict]
    assert all(differs)


def test_weight_average_warms_up_so_a_short_run_is_not_its_random_start():
    model = torch.nn.Linear(3, 1)
    averaged = torch.optim.swa_utils.AveragedModel(model, multi_avg_fn=trainer.ema_with_warmup(0.999))
    with torch.no_grad():
        model.weight.fill_(1.0)
    for _ in range(20):
        averaged.update_parameters(model)
    # A plain 0.999 average would still be 98% the start; the warmed-up one is mostly the new weights.
    assert averaged.module.weight.min().item() > 0.6


def test_auto_precision_uses_bf16_only_where_the_hardware_has_it(mnist, monkeypatch):
    used: list[bool] = []
    real_autocast = torch.autocast

    def spy(device_type, dtype=None, enabled=True, **kwargs):
        used.append(enabled)
        return real_autocast(device_type, dtype=dtype, enabled=enabled, **kwargs)

    monkeypatch.setattr(trainer.torch, "autocast", spy)
    for native in (True, False):
        monkeypatch.setattr(trainer, "bf16_is_native", lambda device, native=native: native)
        used.clear()
        train(small(precision="auto", train_limit=64), mnist)
        assert used and all(u is native for u in used)


def test_metadata_records_the_precision_that_ran_not_auto(mnist, monkeypatch):
    monkeypatch.setattr(trainer, "bf16_is_native", lambda device: False)
    assert train(small(precision="auto", train_limit=64), mnist).meta.recipe["precision"] == "fp32"


def test_a_torch_without_the_cpu_probes_gets_float32(monkeypatch):
    for name in ("_is_avx512_bf16_supported", "_is_amx_tile_supported"):
        monkeypatch.delattr(torch.cpu, name, raising=False)
    assert devices.bf16_is_native(torch.device("cpu")) is False


def test_pen_digits_join_the_training_images_and_the_weights_say_so(mnist):
    with_pen = train(small(pen_copies=2, epochs=1), mnist)
    added = round(len(load_pen_digits()) * 2 * 512 / MNIST_TRAIN_SIZE)
    assert with_pen.meta.note == f"trained on 512 MNIST images and {added} drawings of pen digits"
    assert with_pen.meta.recipe["pen_copies"] == 2
    assert train(small(pen_copies=0), mnist).meta.note == "trained on 512 MNIST images and 0 drawings of pen digits"
