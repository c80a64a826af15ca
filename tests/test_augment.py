from dataclasses import replace

import torch
import torch.nn.functional as F

from lenet_gui.core.augment import (
    AugmentConfig,
    _dilate,
    _elastic_offsets,
    augment_batch,
    random_affine,
    random_thickness,
)

NONE = AugmentConfig(rotation_deg=0, scale=(1.0, 1.0), shear_deg=0, translate_px=0, thicken_p=0, thin_p=0, elastic_px=0)


def digits(n=16):
    x = torch.zeros(n, 1, 28, 28)
    x[:, :, 6:22, 12:16] = 1.0
    return x


def test_identity_settings_leave_images_unchanged():
    x = digits()
    assert torch.allclose(augment_batch(x, NONE), x, atol=1e-5)


def test_each_sample_gets_its_own_transform_and_the_seed_repeats_it():
    x = digits()
    cfg = AugmentConfig(thicken_p=0, thin_p=0)
    a = random_affine(x, cfg, torch.Generator().manual_seed(0))
    b = random_affine(x, cfg, torch.Generator().manual_seed(0))
    assert torch.equal(a, b)
    assert len({tuple(img.flatten().round(decimals=3).tolist()) for img in a}) == len(x)


def test_translation_moves_ink_by_at_most_the_configured_pixels():
    x = digits(64)
    cfg = replace(NONE, translate_px=3)
    out = random_affine(x, cfg, torch.Generator().manual_seed(1))
    cols = torch.arange(28.0)

    def centre(imgs):
        return (imgs.sum(2).squeeze(1) * cols).sum(1) / imgs.sum((1, 2, 3))

    shift = (centre(out) - centre(x)).abs()
    assert shift.max() <= 3.01
    assert shift.max() > 1.0


def test_thickness_changes_ink_mass_in_both_directions():
    x = digits(200)
    out = random_thickness(x, AugmentConfig(thicken_p=0.5, thin_p=0.5), torch.Generator().manual_seed(2))
    mass = out.sum((1, 2, 3))
    assert (mass > x[0].sum()).any() and (mass < x[0].sum()).any()


def test_dilate_matches_max_pool():
    x = torch.rand(3, 1, 28, 28)
    assert torch.equal(_dilate(x), F.max_pool2d(x, 3, stride=1, padding=1))


def test_elastic_displacements_are_bounded_smooth_and_differ_per_sample():
    x = digits(64)
    cfg = replace(NONE, elastic_px=2.0)
    offsets_px = _elastic_offsets(x, cfg, torch.Generator().manual_seed(0)) * (28 / 2)  # grid units -> pixels
    assert offsets_px.shape == (64, 28, 28, 2)
    assert offsets_px.abs().max() <= 2.0 + 1e-5
    assert offsets_px.abs().max() > 1.0
    # A wobble, not noise: neighbouring pixels move almost alike.
    assert (offsets_px[:, 1:] - offsets_px[:, :-1]).abs().max() < 0.6
    assert (offsets_px[:, :, 1:] - offsets_px[:, :, :-1]).abs().max() < 0.6
    assert not torch.allclose(offsets_px[0], offsets_px[1])


def test_elastic_warp_moves_ink_without_losing_it():
    x = digits(32)
    out = random_affine(x, replace(NONE, elastic_px=2.0), torch.Generator().manual_seed(2))
    assert not torch.allclose(out, x, atol=1e-3)
    # A smooth warp stretches or squeezes strokes locally (a bar 4 px wide gains or loses up to a third
    # of its ink), but never drops or doubles them.
    mass_ratio = out.sum((1, 2, 3)) / x.sum((1, 2, 3))
    assert ((mass_ratio > 0.6) & (mass_ratio < 1.5)).all()
