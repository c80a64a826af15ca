"""The learning-rate and momentum schedule: its shape, and that it reaches the optimizer."""

from __future__ import annotations

from itertools import pairwise

import pytest
import torch
from hypothesis import given
from hypothesis import strategies as st

from lenet_gui.core.schedule import DIV_FACTOR, MOMENTUM, Schedule, augment_strength, one_cycle

PEAK = 6e-3
BATCHES = 10


@given(st.floats(0, 1), st.floats(0.01, 0.99), st.floats(0, 1))
def test_a_cycle_stays_in_bounds_and_momentum_moves_against_the_rate(t, pct, later):
    u = t + (1 - t) * later  # u >= t
    (rate_t, momentum_t), (rate_u, momentum_u) = one_cycle(t, pct), one_cycle(u, pct)
    assert 0 < rate_t <= 1 and MOMENTUM[0] <= momentum_t <= MOMENTUM[1]
    if u <= pct:  # rising: the momentum falls
        assert rate_u >= rate_t and momentum_u <= momentum_t
    elif t >= pct:  # annealing: the momentum rises
        assert rate_u <= rate_t and momentum_u >= momentum_t


def test_a_cycle_starts_low_peaks_at_pct_start_and_ends_near_zero():
    assert one_cycle(0.0, 0.25)[0] == pytest.approx(1 / DIV_FACTOR)
    assert one_cycle(0.25, 0.25) == (pytest.approx(1.0), pytest.approx(MOMENTUM[0]))
    assert one_cycle(1.0, 0.25)[0] < 1e-5


def test_long_run_has_a_quick_cycle_that_anneals_before_the_main_one():
    schedule = Schedule(PEAK, epochs=30, batches=BATCHES, quick_epochs=4)
    rates = [schedule.at(step)[0] for step in range(30 * BATCHES)]
    quick_end = 4 * BATCHES
    assert max(rates[:quick_end]) == pytest.approx(PEAK)
    assert rates[quick_end - 1] < 0.01 * PEAK  # annealed: a usable model after the quick cycle
    assert max(rates[quick_end:]) == pytest.approx(PEAK, rel=1e-3)
    peak_step = quick_end + rates[quick_end:].index(max(rates[quick_end:]))
    assert peak_step == pytest.approx(quick_end + 0.25 * 26 * BATCHES, abs=1)
    assert rates[-1] < 1e-4 * PEAK


@pytest.mark.parametrize(("epochs", "quick_epochs"), [(5, 4), (7, 4), (30, 0), (1, 4)])
def test_short_runs_and_quick_epochs_zero_are_one_plain_cycle(epochs, quick_epochs):
    schedule = Schedule(PEAK, epochs=epochs, batches=BATCHES, quick_epochs=quick_epochs)
    rates = [schedule.at(step)[0] for step in range(epochs * BATCHES)]
    top = rates.index(max(rates))
    assert max(rates) == pytest.approx(PEAK, rel=0.02)
    assert all(a <= b for a, b in pairwise(rates[: top + 1]))  # one rise
    assert all(a >= b for a, b in pairwise(rates[top:]))  # then one fall


@pytest.mark.parametrize("optimizer", ["adamw", "sgd"])
def test_apply_sets_the_rate_and_the_momentum_of_every_group(optimizer):
    params = [torch.nn.Parameter(torch.zeros(2)), torch.nn.Parameter(torch.zeros(3))]
    groups = [{"params": [p]} for p in params]
    opt = torch.optim.AdamW(groups, lr=1.0) if optimizer == "adamw" else torch.optim.SGD(groups, lr=1.0, momentum=0.5)
    schedule = Schedule(PEAK, epochs=30, batches=BATCHES, quick_epochs=4)
    schedule.apply(opt, 123)
    lr, momentum = schedule.at(123)
    for group in opt.param_groups:
        assert group["lr"] == lr
        assert (group["betas"][0] if optimizer == "adamw" else group["momentum"]) == momentum
    if optimizer == "adamw":
        assert all(group["betas"][1] == 0.999 for group in opt.param_groups)


@given(
    total=st.integers(1, 5000),
    fade=st.floats(0, 1),
    final=st.floats(0, 1),
)
def test_augment_strength_is_full_then_falls_steadily_to_its_final_share(total, fade, final):
    strengths = [augment_strength(step, total, fade, final) for step in range(total)]
    assert all(b <= a + 1e-12 for a, b in pairwise(strengths))
    assert all(min(final, 1.0) - 1e-12 <= s <= 1.0 for s in strengths)
    unfaded = int(total * (1 - fade))  # steps before the fade starts keep everything
    assert all(s == 1.0 for s in strengths[: max(unfaded - 1, 0)])
    if fade > 0:
        assert strengths[-1] == pytest.approx(final)


def test_augment_strength_default_shape():
    total = 30 * 118
    assert augment_strength(0, total, 0.25, 0.3) == 1.0
    assert augment_strength(int(total * 0.75) - 1, total, 0.25, 0.3) == 1.0
    assert augment_strength(int(total * 0.875), total, 0.25, 0.3) == pytest.approx(0.65, abs=0.01)
    assert augment_strength(total - 1, total, 0.25, 0.3) == pytest.approx(0.3)
    assert augment_strength(total - 1, total, 0.0, 0.3) == 1.0
