from dataclasses import replace

import torch
import torch.nn.functional as F

from lenet_gui.core.augment import (
    AugmentConfig,
    _dilate,
    affine_points,
    augment_batch,
    random_affine,
    random_grid,
    random_theta,
    random_thickness,
    upsample_points,
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


def test_control_points_upsample_to_exactly_the_affine_grid():
    theta = random_theta(digits(64), AugmentConfig(), torch.Generator().manual_seed(3))
    theta[:8] = torch.randn(8, 2, 3)  # and arbitrary matrices
    for h, w, n in ((28, 28, 4), (20, 36, 2), (28, 28, 7)):
        expected = F.affine_grid(theta, [64, 1, h, w], align_corners=False)
        assert torch.allclose(upsample_points(affine_points(theta, n, h, w), h, w), expected, atol=1e-5)


def test_random_theta_stays_within_the_configured_ranges():
    cfg = replace(NONE, scale=(0.5, 2.0), translate_px=3)
    theta = random_theta(digits(500), cfg, torch.Generator().manual_seed(4))
    assert torch.allclose(theta[:, :, :2], torch.eye(2) * theta[:, :1, :1])  # scale only: diagonal 1/scale
    scale = 1 / theta[:, 0, 0]
    assert scale.min() >= 0.5 and scale.max() <= 2.0 and scale.max() - scale.min() > 1.0
    shift_px = theta[:, :, 2] * 28 / 2
    assert shift_px.abs().max() <= 3 + 1e-5 and shift_px.abs().max() > 2.5


def test_elastic_displacements_are_bounded_smooth_and_differ_per_sample():
    x = digits(64)
    cfg = replace(NONE, elastic_px=2.0)
    grid = random_grid(x, cfg, torch.Generator().manual_seed(0))
    identity = F.affine_grid(torch.eye(2, 3).expand(len(x), 2, 3), list(x.shape), align_corners=False)
    offsets_px = (grid - identity) * (28 / 2)  # grid units -> pixels
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


def test_scaled_strength_runs_from_no_change_to_the_full_ranges():
    cfg = AugmentConfig()
    assert cfg.scaled(1.0) == cfg
    x = digits()
    assert torch.allclose(augment_batch(x, cfg.scaled(0.0), torch.Generator().manual_seed(5)), x, atol=1e-5)
    half = cfg.scaled(0.5)
    assert half.rotation_deg == cfg.rotation_deg / 2 and half.elastic_px == cfg.elastic_px / 2
    assert half.scale == (1 - (1 - cfg.scale[0]) / 2, 1 + (cfg.scale[1] - 1) / 2)
    assert half.thicken_p == cfg.thicken_p / 2 and half.thin_p == cfg.thin_p / 2
