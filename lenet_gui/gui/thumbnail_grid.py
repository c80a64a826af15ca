"""A list widget showing digit thumbnails in a grid (evaluation browser, My Samples)."""

from __future__ import annotations

from PySide6.QtCore import QSize
from PySide6.QtWidgets import QListView, QListWidget

THUMBNAIL = 56  # pixels: a 28x28 digit at twice its size


def thumbnail_grid(object_name: str, extra_width: int, extra_height: int) -> QListWidget:
    """An icon-mode list with cells of a thumbnail plus room for its caption."""
    grid = QListWidget(objectName=object_name)
    grid.setViewMode(QListView.ViewMode.IconMode)
    grid.setIconSize(QSize(THUMBNAIL, THUMBNAIL))
    grid.setGridSize(QSize(THUMBNAIL + extra_width, THUMBNAIL + extra_height))
    grid.setResizeMode(QListView.ResizeMode.Adjust)
    grid.setMovement(QListView.Movement.Static)
    grid.setUniformItemSizes(True)
    return grid
