"""See inside: every layer's activations for the current drawing, and the filter weights of a hovered map."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np
from PySide6.QtCore import Qt, Slot
from PySide6.QtWidgets import QDockWidget, QFrame, QGridLayout, QLabel, QScrollArea, QVBoxLayout, QWidget

from lenet_gui.core.variants import layer_shape
from lenet_gui.gui.i18n import Retranslating
from lenet_gui.gui.map_grid import MapGrid

if TYPE_CHECKING:
    import torch


@dataclass(frozen=True)
class LayerLayout:
    """How one layer's output is laid out: ``count`` maps of ``size``, in ``columns``, enlarged ``scale`` times."""

    name: str
    count: int
    size: tuple[int, int]
    columns: int
    scale: int


LAYERS = (
    LayerLayout("C1", 6, (28, 28), 6, 2),
    LayerLayout("S2", 6, (14, 14), 6, 4),
    LayerLayout("C3", 16, (10, 10), 8, 4),
    LayerLayout("S4", 16, (5, 5), 8, 8),
    LayerLayout("C5", 120, (1, 1), 20, 14),
    LayerLayout("F6", 84, (1, 1), 21, 13),
    LayerLayout("OUTPUT", 10, (1, 1), 10, 32),
)
# The layers whose maps come from filters worth showing, with the state_dict key of those filters.
FILTER_KEYS = {"C1": "conv1.weight", "C3": "conv2.weight"}


class InsidePanel(Retranslating, QDockWidget):
    """A dock with the activations of C1 ... OUTPUT from the prediction's own forward pass."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("insidePanel")
        self.setAllowedAreas(Qt.DockWidgetArea.LeftDockWidgetArea | Qt.DockWidgetArea.RightDockWidgetArea)
        self._filters: dict[str, np.ndarray] = {}
        self.grids: dict[str, MapGrid] = {}
        self._grown = 0  # pixels the main window was widened by to make room for this panel
        self._shapes: dict[str, QLabel] = {}

        self._legend = legend = QLabel(wordWrap=True)
        legend.setEnabled(False)  # muted text colour
        layers = QGridLayout()
        layers.setHorizontalSpacing(10)
        layers.setVerticalSpacing(4)
        for row, layer in enumerate(LAYERS):
            grid = MapGrid(layer.count, layer.size, layer.columns, layer.scale)
            grid.setObjectName(f"layer{layer.name}")
            self.grids[layer.name] = grid
            title = QLabel(f"<b>{layer.name}</b>")
            if layer.name == "OUTPUT":
                self._outputTitle = title
            shape = QLabel(objectName=f"shape{layer.name}")
            shape.setEnabled(False)
            self._shapes[layer.name] = shape
            header = QVBoxLayout()
            header.setSpacing(0)
            header.addWidget(title)
            header.addWidget(shape)
            header.addStretch(1)
            layers.addLayout(header, 2 * row, 0, 1, 2)
            layers.addWidget(grid, 2 * row + 1, 0, 1, 2)
            if layer.name in FILTER_KEYS:
                grid.hovered.connect(lambda index, name=layer.name: self.show_filter(name, index))
        self.grids["OUTPUT"].set_labels([str(d) for d in range(10)])
        self.set_variant("conv")
        self.partLabel = QLabel(objectName="insidePart", wordWrap=True)
        self.partLabel.hide()

        self.filterTitle = QLabel(objectName="filterTitle", wordWrap=True)
        self.filterView = MapGrid(6, (5, 5), 6, 10)
        self.filterView.setObjectName("filterView")
        self.filterView.hide()
        self.show_filter("", -1)

        body = QWidget()
        layout = QVBoxLayout(body)
        layout.setContentsMargins(8, 6, 8, 8)
        layout.addWidget(legend)
        layout.addWidget(self.partLabel)
        layout.addLayout(layers)
        layout.addStretch(1)
        scroll = QScrollArea(widgetResizable=True, frameShape=QScrollArea.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setWidget(body)
        scroll.setMinimumWidth(400)
        # The filters stay in view below the scrolling layers, so hovering C3 shows them at once.
        filters = QFrame(frameShape=QFrame.Shape.StyledPanel)
        filters.setMinimumHeight(110)
        filter_layout = QVBoxLayout(filters)
        filter_layout.setContentsMargins(8, 6, 8, 6)
        filter_layout.addWidget(self.filterTitle)
        filter_layout.addWidget(self.filterView)
        filter_layout.addStretch(1)
        content = QWidget()
        content_layout = QVBoxLayout(content)
        content_layout.setContentsMargins(0, 0, 0, 0)
        content_layout.setSpacing(4)
        content_layout.addWidget(scroll, 1)
        content_layout.addWidget(filters)
        self.setWidget(content)
        self.visibilityChanged.connect(self._make_room)
        self.retranslate()

    def retranslate(self) -> None:
        """Set the texts in the interface language (at start and when the language changes; the window sets the
        digit this shows again then)."""
        self.setWindowTitle(self.tr("See Inside the Network"))
        self._legend.setText(
            self.tr(
                "Every layer's output for your drawing. Red is positive, blue negative, white zero; "
                "each layer is scaled to its largest value. Hover over a C1 or C3 map to see its filter."
            )
        )
        self._outputTitle.setText(f"<b>{self.tr('Output')}</b>")
        self.show_filter("", -1)

    @Slot(bool)
    def _make_room(self, visible: bool) -> None:
        """Widen the main window by this docked panel while the screen has room, so the canvas keeps its size;
        narrow it again by as much when the panel closes."""
        window = self.parentWidget()
        if window is None or not window.isVisible() or window.isMaximized() or window.isFullScreen():
            return
        if not visible:
            if self._grown:
                window.resize(window.width() - self._grown, window.height())
            self._grown = 0
            return
        if self._grown or self.isFloating():
            return
        screen = window.screen().availableGeometry()
        frame = window.frameGeometry()
        grow = max(0, min(self.width(), screen.width() - frame.width()))
        if grow == 0:
            return
        overflow = frame.right() + grow - screen.right()
        if overflow > 0:  # keep the window on the screen: move it left as far as needed
            window.move(max(screen.left(), frame.left() - overflow), frame.top())
        window.resize(window.width() + grow, window.height())
        self._grown = grow

    # -- content -----------------------------------------------------------------------------------------------

    def set_variant(self, variant: str) -> None:
        """Label every layer with its shape in ``variant`` (linear C5 maps 400 -> 120)."""
        for name, label in self._shapes.items():
            label.setText(layer_shape(name, variant).replace("->", "\u2192"))

    def set_weights(self, state_dict: dict[str, torch.Tensor], variant: str) -> None:
        """Take the filters of C1 and C3 from the weights now in use, of ``variant``."""
        self._filters = {name: state_dict[key].detach().cpu().numpy() for name, key in FILTER_KEYS.items()}
        self.set_variant(variant)
        self.show_filter("", -1)

    def set_activations(self, activations: dict[str, np.ndarray] | None, part: str = "") -> None:
        """Show one digit's activations (per layer, from :func:`read_drawing`'s forward pass), or empty maps for None.

        ``part`` says which digit of a number they belong to, e.g. "Digit 2 of 3"; empty for a single digit.
        """
        self.partLabel.setText(self.tr("<b>{part}</b> of the number on the canvas").format(part=part))
        self.partLabel.setVisible(bool(part))
        for name, grid in self.grids.items():
            if activations is None:
                grid.set_maps(None)
            elif name == "OUTPUT":
                grid.set_maps(np.exp(activations[name]), scale=1.0)  # probabilities, not log-probabilities
            else:
                grid.set_maps(activations[name])

    @Slot(str, int)
    def show_filter(self, layer: str, index: int) -> None:
        """Show the filter weights behind map ``index`` of ``layer`` (C1 or C3) enlarged; -1 hides them."""
        for grid in self.grids.values():
            grid.set_highlight(-1)
        filters = self._filters.get(layer)
        if filters is None or index < 0:
            self.filterTitle.setText(self.tr("Hover over a C1 or C3 map to see the filter weights that made it."))
            self.filterView.hide()
            return
        self.grids[layer].set_highlight(index)
        kernels = filters[index]  # in_channels x 5 x 5
        if layer == "C1":
            text = self.tr("<b>C1 map {n}</b>: its 5\u00d75 filter over the image").format(n=index + 1)
        else:
            text = self.tr("<b>C3 map {n}</b>: its six 5\u00d75 filters, one per S2 map").format(n=index + 1)
        self.filterTitle.setText(text)
        self.filterView.set_maps(kernels)
        self.filterView.show()
