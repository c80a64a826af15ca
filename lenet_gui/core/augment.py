"""Batched augmentation on tensors, so the network also reads mouse-drawn digits.

Every sample of a batch gets its own random affine transform (rotation, scale,
shear, translation) and, for some samples, thicker or thinner strokes. All of it
is a handful of tensor operations per batch: no Python work per sample.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import torch
import torch.nn.functional as F


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


def random_affine(images: torch.Tensor, cfg: AugmentConfig, generator: torch.Generator | None = None) -> torch.Tensor:
    """Apply a per-sample random affine transform to Bx1xHxW images in 0..1."""
    b, _, h, _ = images.shape
    opts = {"device": images.device, "dtype": images.dtype}

    def uniform(lo: float, hi: float) -> torch.Tensor:
        return torch.rand(b, generator=generator, **opts) * (hi - lo) + lo

    angle = uniform(-cfg.rotation_deg, cfg.rotation_deg) * (math.pi / 180)
    shear = uniform(-cfg.shear_deg, cfg.shear_deg) * (math.pi / 180)
    scale = uniform(*cfg.scale)
    shift = 2 * cfg.translate_px / h
    tx, ty = uniform(-shift, shift), uniform(-shift, shift)
    cos, sin, tan = torch.cos(angle), torch.sin(angle), torch.tan(shear)
    # grid_sample maps output coordinates to input ones, so this is the inverse
    # transform; dividing by scale enlarges the digit when scale > 1.
    theta = torch.stack(
        [
            torch.stack([cos / scale, (cos * tan - sin) / scale, tx], dim=1),
            torch.stack([sin / scale, (sin * tan + cos) / scale, ty], dim=1),
        ],
        dim=1,
    )
    grid = F.affine_grid(theta, list(images.shape), align_corners=False)
    if cfg.elastic_px > 0:
        grid = grid + _elastic_offsets(images, cfg, generator)
    return F.grid_sample(images, grid, mode="bilinear", padding_mode="zeros", align_corners=False)


def _elastic_offsets(images: torch.Tensor, cfg: AugmentConfig, generator: torch.Generator | None) -> torch.Tensor:
    """Smooth random displacements (BxHxWx2, grid units), like handwriting's wobble (Simard et al. 2003)."""
    b, _, h, w = images.shape
    n = cfg.elastic_grid
    opts = {"device": images.device, "dtype": images.dtype}
    coarse = torch.rand(b, n, n, 2, generator=generator, **opts) * 2 - 1
    # Bilinear upsampling as two small matrix products (F.interpolate on the batch is several times slower).
    rows, cols = _linear_upsampling(n, h, **opts), _linear_upsampling(n, w, **opts)
    field = torch.einsum("yi,bijc,xj->byxc", rows, coarse, cols)
    return field * field.new_tensor([2 * cfg.elastic_px / w, 2 * cfg.elastic_px / h])  # grid's last dim is (x, y)


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


def augment_batch(images: torch.Tensor, cfg: AugmentConfig, generator: torch.Generator | None = None) -> torch.Tensor:
    """Random thickness, then a random affine transform, of Bx1xHxW images in 0..1."""
    return random_affine(random_thickness(images, cfg, generator), cfg, generator)
