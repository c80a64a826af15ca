"""Batched augmentation on tensors, so the network also reads mouse-drawn digits.

Every sample of a batch gets its own random affine transform (rotation, scale,
shear, translation) and, for some samples, thicker or thinner strokes. All of it
is a handful of tensor operations per batch: no Python work per sample.
"""

from __future__ import annotations

import math

import torch
import torch.nn.functional as F

from lenet_gui.core.configs import AugmentConfig
from lenet_gui.core.styles import add_styles


def random_affine(images: torch.Tensor, cfg: AugmentConfig, generator: torch.Generator | None = None) -> torch.Tensor:
    """Apply a per-sample random affine transform and elastic wobble to Bx1xHxW images in 0..1."""
    grid = random_grid(images, cfg, generator)
    return F.grid_sample(images, grid, mode="bilinear", padding_mode="zeros", align_corners=False)


def random_grid(images: torch.Tensor, cfg: AugmentConfig, generator: torch.Generator | None = None) -> torch.Tensor:
    """Random sampling grids for Bx1xHxW ``images`` (BxHxWx2, for ``grid_sample``): affine plus elastic wobble.

    Both are set on a coarse grid of control points and upsampled linearly:
    the affine part is linear in the coordinates, so upsampling reproduces it
    exactly, and it costs far less than ``F.affine_grid`` plus a full-size sum.
    """
    b, _, h, w = images.shape
    opts = {"device": images.device, "dtype": images.dtype}
    n = max(cfg.elastic_grid, 2)
    points = affine_points(random_theta(images, cfg, generator), n, h, w)
    if cfg.elastic_px > 0:  # smooth random displacements, like handwriting's wobble (Simard et al. 2003)
        wobble = torch.rand(b, n, n, 2, generator=generator, **opts) * 2 - 1
        points = points + wobble * wobble.new_tensor([2 * cfg.elastic_px / w, 2 * cfg.elastic_px / h])
    return upsample_points(points, h, w)


def random_theta(images: torch.Tensor, cfg: AugmentConfig, generator: torch.Generator | None = None) -> torch.Tensor:
    """Random affine matrices (Bx2x3) for Bx1xHxW ``images``, in ``F.affine_grid``'s convention."""
    b, _, h, w = images.shape
    opts = {"device": images.device, "dtype": images.dtype}
    rot, shear = cfg.rotation_deg * math.pi / 180, cfg.shear_deg * math.pi / 180
    shift_x, shift_y = 2 * cfg.translate_px / w, 2 * cfg.translate_px / h  # pixels -> grid units (-1..1)
    lo = torch.tensor([-rot, -shear, cfg.scale[0], -shift_x, -shift_y], **opts)
    hi = torch.tensor([rot, shear, cfg.scale[1], shift_x, shift_y], **opts)
    angle, shear, scale, tx, ty = torch.lerp(lo, hi, torch.rand(b, 5, generator=generator, **opts)).unbind(1)
    cos, sin, tan = torch.cos(angle), torch.sin(angle), torch.tan(shear)
    # grid_sample maps output coordinates to input ones, so this is the inverse
    # transform; dividing by scale enlarges the digit when scale > 1.
    row_x = [cos / scale, (cos * tan - sin) / scale, tx]
    row_y = [sin / scale, (sin * tan + cos) / scale, ty]
    return torch.stack(row_x + row_y, dim=1).view(b, 2, 3)


def affine_points(theta: torch.Tensor, n: int, h: int, w: int) -> torch.Tensor:
    """Where ``theta`` (Bx2x3) sends an n x n grid of control points spanning the pixel centres (Bxnxnx2)."""
    opts = {"device": theta.device, "dtype": theta.dtype}
    ys = torch.linspace(-1 + 1 / h, 1 - 1 / h, n, **opts)  # centres of the first and last pixels (align_corners=False)
    xs = torch.linspace(-1 + 1 / w, 1 - 1 / w, n, **opts)
    gy, gx = torch.meshgrid(ys, xs, indexing="ij")
    return torch.einsum("ijk,bck->bijc", torch.stack([gx, gy, torch.ones_like(gx)], dim=-1), theta)


def upsample_points(points: torch.Tensor, h: int, w: int) -> torch.Tensor:
    """Linear interpolation of Bxnxnx2 control points to a BxHxWx2 grid, corners aligned."""
    b, n, _, c = points.shape
    opts = {"device": points.device, "dtype": points.dtype}
    # One matrix product with the Kronecker product of the two 1-D interpolations:
    # F.interpolate on the batch is several times slower.
    weights = torch.kron(_linear_upsampling(n, h, **opts), _linear_upsampling(n, w, **opts))  # HW x nn
    flat = points.reshape(b, n * n, c).transpose(1, 2).reshape(b * c, n * n)
    return (flat @ weights.T).view(b, c, h, w).permute(0, 2, 3, 1)


def _linear_upsampling(n: int, size: int, device: torch.device, dtype: torch.dtype) -> torch.Tensor:
    """The size x n matrix of linear interpolation from n points to ``size`` (corners aligned)."""
    eye = torch.eye(n, device=device, dtype=dtype).unsqueeze(0)
    return F.interpolate(eye, size=size, mode="linear", align_corners=True)[0].T


def random_thickness(
    images: torch.Tensor, cfg: AugmentConfig, generator: torch.Generator | None = None
) -> torch.Tensor:
    """Thicken (grey dilation) or thin (grey erosion) the strokes of a random part of the batch."""
    draw = torch.rand(images.shape[0], generator=generator, device=images.device)
    out = images.clone()
    thick = torch.nonzero(draw < cfg.thicken_p).squeeze(1)
    thin = torch.nonzero((draw >= cfg.thicken_p) & (draw < cfg.thicken_p + cfg.thin_p)).squeeze(1)
    out[thick] = _dilate(images[thick])
    out[thin] = -_dilate(-images[thin])
    return out


def _dilate(images: torch.Tensor) -> torch.Tensor:
    """3x3 grey dilation as two separable 3-wide maxima (much faster than max_pool2d on CPU)."""
    padded = F.pad(images, (1, 1, 1, 1), value=float(images.min()) if images.numel() else 0.0)
    rows = torch.maximum(torch.maximum(padded[..., :-2], padded[..., 1:-1]), padded[..., 2:])
    return torch.maximum(torch.maximum(rows[..., :-2, :], rows[..., 1:-1, :]), rows[..., 2:, :])


def augment_batch(
    images: torch.Tensor,
    cfg: AugmentConfig,
    generator: torch.Generator | None = None,
    labels: torch.Tensor | None = None,
) -> torch.Tensor:
    """Writing styles (when the ``labels`` are given), random thickness, then a random affine transform,
    of Bx1xHxW images in 0..1."""
    if labels is not None:
        shares = (cfg.slashed_zero_p, cfg.continental_one_p, cfg.crossed_seven_p)
        images = add_styles(images, labels, shares, generator)
    return random_affine(random_thickness(images, cfg, generator), cfg, generator)
