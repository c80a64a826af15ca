"""Writing styles drawn on MNIST digits: a slash through 0s, an up-stroke on 1s, a bar across 7s, nothing else."""

from __future__ import annotations

import pytest
import torch

from lenet_gui.core.augment import AugmentConfig, augment_batch
from lenet_gui.core.styles import add_styles

pytestmark = pytest.mark.mnist


def batch(mnist, digit: int, n: int = 32) -> tuple[torch.Tensor, torch.Tensor]:
    idx = torch.nonzero(mnist.test.labels == digit).squeeze(1)[:n]
    return mnist.test.images[idx].unsqueeze(1).float() / 255, mnist.test.labels[idx]


def added(before: torch.Tensor, after: torch.Tensor) -> torch.Tensor:
    return (after - before).clamp(min=0)[:, 0]


def test_every_chosen_zero_gets_a_slash_from_corner_to_corner(mnist) -> None:
    x, y = batch(mnist, 0)
    out = add_styles(x, y, (1.0, 0.0, 0.0), torch.Generator().manual_seed(0))
    ink = added(x, out)
    assert bool((ink.sum(dim=(1, 2)) > 3).all())  # each zero got new ink
    # The slash crosses the middle of the zero, where a plain zero has its hole.
    assert bool((out[:, 0, 12:17, 11:18].amax(dim=(1, 2)) > 0.5).all())
    assert out.min() >= 0 and out.max() <= 1


def test_a_one_gets_an_up_stroke_to_the_left_of_its_top(mnist) -> None:
    x, y = batch(mnist, 1)
    ink = added(x, add_styles(x, y, (0.0, 1.0, 0.0), torch.Generator().manual_seed(1)))
    rows, cols = torch.nonzero(ink > 0.5, as_tuple=True)[1:]
    assert len(rows) > 0
    top_half = ink[:, :14].sum() / ink.sum()
    assert top_half > 0.7  # the flag hangs from the top
    stems = (x[:, 0] > 0.5).float()
    stem_x = (stems * torch.arange(28.0)).sum() / stems.sum()
    assert cols.float().mean() < stem_x  # and points left


def test_a_seven_gets_a_bar_across_the_middle(mnist) -> None:
    x, y = batch(mnist, 7)
    ink = added(x, add_styles(x, y, (0.0, 0.0, 1.0), torch.Generator().manual_seed(2)))
    per_row = ink.sum(dim=(0, 2))
    assert 9 <= int(per_row.argmax()) <= 19


def test_other_digits_and_zero_shares_are_left_alone(mnist) -> None:
    x, y = batch(mnist, 3)
    assert torch.equal(add_styles(x, y, (1.0, 1.0, 1.0)), x)
    x0, y0 = batch(mnist, 0)
    assert torch.equal(add_styles(x0, y0, (0.0, 1.0, 1.0)), x0)


def test_the_share_is_the_share_of_digits_styled(mnist) -> None:
    x, y = batch(mnist, 0, n=400)
    out = add_styles(x, y, (0.25, 0.0, 0.0), torch.Generator().manual_seed(3))
    styled = ((out - x).abs().sum(dim=(1, 2, 3)) > 0).float().mean()
    assert 0.17 < float(styled) < 0.33


def test_augment_batch_draws_styles_only_when_given_the_labels(mnist) -> None:
    x, y = batch(mnist, 0)
    plain = AugmentConfig(
        rotation_deg=0, scale=(1, 1), shear_deg=0, translate_px=0, thicken_p=0, thin_p=0, elastic_px=0
    )
    assert torch.allclose(augment_batch(x, plain), x, atol=1e-5)
    slashed = AugmentConfig(**{**plain.__dict__, "slashed_zero_p": 1.0})
    assert not torch.allclose(augment_batch(x, slashed, torch.Generator().manual_seed(0), y), x, atol=1e-2)
    assert slashed.scaled(0.0).slashed_zero_p == 1.0  # a style, not a distortion: the fade keeps it
