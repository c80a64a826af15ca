"""The main window: it lays out the canvas and the side panel and wires the parts together.

Its parts: :class:`WindowCommands` (actions, menus, toolbar), :class:`ModelChoice` (variant and device),
:class:`WindowFiles` (images, drawings, model files), :class:`SampleKeeper` (the correction bar's samples),
:class:`WindowDialogs` (the dialogs), and the inference worker, whose one :class:`Reading` per drawing the
prediction panel, the digit boxes, the inside view and Compare show.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt, Signal, Slot
from PySide6.QtGui import QCloseEvent, QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QMessageBox,
    QScrollArea,
    QStyle,
    QVBoxLayout,
    QWidget,
)

# Nothing imported here may import torch (tests/test_startup_imports.py): the window shows itself while the
# inference worker loads it. The dialogs that use torch are imported when they are opened.
from lenet_gui.core.paths import data_dir
from lenet_gui.core.reading import Reading
from lenet_gui.gui.canvas import Canvas
from lenet_gui.gui.digit_boxes import DigitBoxes
from lenet_gui.gui.formatting import DASH
from lenet_gui.gui.i18n import LANGUAGES, Retranslating, install_translators
from lenet_gui.gui.inference_worker import InferenceWorker, ModelRequest, ModelState
from lenet_gui.gui.inside_panel import InsidePanel
from lenet_gui.gui.messages import show_message
from lenet_gui.gui.mnist_digits import upscaled
from lenet_gui.gui.model_choice import ModelChoice
from lenet_gui.gui.prediction_panel import DRAW, LOADING, NO_MODEL, PredictionPanel
from lenet_gui.gui.random_digits import RandomDigits
from lenet_gui.gui.sample_keeper import SampleKeeper
from lenet_gui.gui.settings import AppSettings
from lenet_gui.gui.window_commands import WindowCommands
from lenet_gui.gui.window_dialogs import WindowDialogs
from lenet_gui.gui.window_files import WindowFiles

if TYPE_CHECKING:
    from lenet_gui.core.reading import DigitReading

# The side panel's width, and the least height it gets before it scrolls.
SIDE_WIDTH = 370
SIDE_MIN_HEIGHT = 300


class MainWindow(Retranslating, QMainWindow):
    """The app's window; constructing it starts the inference thread, not an event loop."""

    predictionShown = Signal(int)  # the sequence number of the reading now on screen
    modelReady = Signal(ModelState)

    def __init__(
        self, settings: AppSettings | None = None, persist_geometry: bool = True, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("mainWindow")
        self.settings = settings or AppSettings()
        self.model_state: ModelState | None = None
        self.message_box: QMessageBox | None = None
        self._reading: Reading | None = None  # the reading on screen
        self._elapsed_ms: float | None = None  # how long it took
        self._seq = 0  # last request sent
        self._shown_seq = 0  # newest request whose answer (or empty state) is on screen
        self._closed = False
        self._persist_geometry = persist_geometry

        self.setAcceptDrops(True)  # model files dropped anywhere on the window; images go to the canvas
        self.model = ModelChoice(self)
        self.model.requested.connect(self._on_model_requested)
        self.model.weightsSetAside.connect(lambda _: self.reload_weights())
        self.files = WindowFiles(self)
        self.dialogs = WindowDialogs(self)
        self.samples = SampleKeeper(self)
        self.samples.samplesChanged.connect(self.dialogs.samples_changed)
        self._build_widgets()
        self.insidePanel = InsidePanel(self)
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.insidePanel)
        self.insidePanel.hide()
        self.random_digits = RandomDigits(data_dir(), self)
        self.random_digits.digitReady.connect(self.show_mnist_digit)
        self.random_digits.failed.connect(
            lambda message: self.show_message(QMessageBox.Icon.Warning, self.tr("No MNIST digits"), message)
        )
        self.commands = WindowCommands(self, self.model.deviceCombo)
        self.model.attach(self.commands)
        self.timeStatus = QLabel(objectName="timeStatus")
        for label in [*self.model.status_labels(), self.timeStatus]:
            label.setContentsMargins(6, 0, 6, 0)
            self.statusBar().addPermanentWidget(label)
        self.retranslate()
        self._show_reading(None)
        self.statusBar().showMessage(self.tr("Loading the model…"))

        # The worker loads torch and the weights in its own thread; the canvas takes strokes meanwhile.
        self.worker = InferenceWorker()
        self.worker.read.connect(self._on_read)
        self.worker.predictionFailed.connect(self._on_prediction_failed)
        self.worker.modelChanged.connect(self._on_model_changed)
        self.worker.modelFailed.connect(self._on_model_failed)
        self.worker.variantsRead.connect(self.model.show_summaries)
        self.worker.start()
        self.worker.request_model(ModelRequest(self.model.variant, self.model.device))
        self.worker.request_variant_summaries()
        self.insidePanel.visibilityChanged.connect(self._on_inside_visibility)
        self.modelReady.connect(
            lambda state: self.insidePanel.set_weights(state.weights.state_dict, state.weights.meta.variant)
        )
        self.predictionShown.connect(self._update_inside)

        geometry = self.settings.geometry if persist_geometry else None
        if geometry is None or not self.restoreGeometry(geometry):
            self.resize(1040, 700)

    def _build_widgets(self) -> None:
        self.canvas = Canvas()
        self.canvas.set_brush_size(self.settings.brush_size)
        self.canvas.changed.connect(self.request_prediction)
        self.canvas.fileDropped.connect(self.files.open_file)
        self.digitBoxes = DigitBoxes(self.canvas)

        self.predictionPanel = PredictionPanel()
        self.predictionPanel.selectionChanged.connect(self._on_digit_selected)
        # The panel's parts, named as tests and other code know them.
        self.predictionLabel = self.predictionPanel.predictionLabel
        self.confidenceLabel = self.predictionPanel.confidenceLabel
        self.probabilityView = self.predictionPanel.probabilityView
        self.preview = self.predictionPanel.preview
        self.correctionBar = self.predictionPanel.correctionBar
        self.correctionBar.labelChosen.connect(self.samples.store)
        self.correctionBar.undoRequested.connect(self.samples.undo)
        self.digitBoxes.digitClicked.connect(self.predictionPanel.select)

        side = QVBoxLayout()
        side.setContentsMargins(0, 0, 0, 0)
        side.setSpacing(8)
        side.addWidget(self.model.box)
        side.addWidget(self.predictionPanel, 1)
        side_content = QWidget()
        side_content.setLayout(side)
        side_content.setMinimumWidth(SIDE_WIDTH)
        # In a window too low for the whole panel (a small screen) the panel scrolls instead of squeezing its rows.
        side_panel = QScrollArea(objectName="sidePanel", widgetResizable=True, frameShape=QFrame.Shape.NoFrame)
        side_panel.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        side_panel.setWidget(side_content)
        bar_width = self.style().pixelMetric(QStyle.PixelMetric.PM_ScrollBarExtent)
        side_panel.setFixedWidth(SIDE_WIDTH + bar_width + 2)
        side_panel.setMinimumHeight(SIDE_MIN_HEIGHT)
        self.sidePanel = side_panel

        separator = QFrame(frameShape=QFrame.Shape.VLine, frameShadow=QFrame.Shadow.Sunken)
        central = QWidget()
        layout = QHBoxLayout(central)
        layout.setContentsMargins(12, 10, 12, 10)
        layout.setSpacing(12)
        layout.addWidget(self.canvas, 1)
        layout.addWidget(separator)
        layout.addWidget(side_panel)
        self.setCentralWidget(central)

    # -- language ----------------------------------------------------------------------------------------------

    def retranslate(self) -> None:
        """Set the window's own texts, its commands' and its model controls' in the interface language."""
        self.setWindowTitle(self.tr("LeNet-5 Digit Pad"))
        # The dock's new title renames its toggle action; the commands then give it its text with its accelerator.
        self.insidePanel.retranslate()
        self.commands.retranslate()
        self.model.retranslate()
        self._show_time()
        self.samples.update_bar()
        self._update_inside()

    @Slot(str)
    def set_language(self, language: str) -> None:
        """Switch the interface to ``language`` at once (every window retranslates itself) and remember it."""
        self.settings.language = language
        self.commands.check_language(language)
        install_translators(QCoreApplication.instance(), language)  # Qt sends LanguageChange to every widget
        self.dialogs.forget_hidden()
        self.show_message(
            QMessageBox.Icon.Information,
            self.tr("Language"),
            self.tr("The interface is now in {name}.").format(name=LANGUAGES[language]),
        )

    # -- reading the drawing -----------------------------------------------------------------------------------

    @Slot()
    def request_prediction(self) -> None:
        """Send the current drawing to the worker (the newest request replaces any that waits)."""
        self._seq += 1
        if self.canvas.is_empty():
            self._shown_seq = self._seq  # an empty canvas needs no network and beats every older answer
            self._show_reading(None)
            self.predictionShown.emit(self._seq)
            return
        self.worker.request_prediction(self._seq, self.canvas.to_array(), self.canvas.stroke_map())

    @property
    def shown_sequence(self) -> int:
        """Sequence number of what the prediction panel shows."""
        return self._shown_seq

    @property
    def sent_sequence(self) -> int:
        """Sequence number of the newest request."""
        return self._seq

    @property
    def reading(self) -> Reading | None:
        """The reading of the drawing on screen; None while the canvas is empty or the model loads."""
        return self._reading

    @property
    def selected_digit(self) -> DigitReading | None:
        """The digit of the reading that the panel, the inside view, Compare and the correction are about."""
        return self.predictionPanel.selected_digit()

    @Slot(int, Reading)
    def _on_read(self, seq: int, reading: Reading) -> None:
        if seq <= self._shown_seq:
            return  # an answer to an older drawing than the one on screen
        self._shown_seq = seq
        self._elapsed_ms = reading.elapsed_ms
        self._show_reading(reading)
        self._show_time()
        self.predictionShown.emit(seq)

    @Slot(int, str)
    def _on_prediction_failed(self, seq: int, message: str) -> None:
        if seq > self._shown_seq:
            self.statusBar().showMessage(self.tr("Prediction failed: {m}").format(m=message), 8000)

    def _show_time(self) -> None:
        if self._elapsed_ms is None:
            self.timeStatus.setText(self.tr("{dash} ms").format(dash=DASH))
        else:
            self.timeStatus.setText(self.tr("{ms:.1f} ms").format(ms=self._elapsed_ms))

    def _show_reading(self, reading: Reading | None) -> None:
        self._reading = reading
        if reading is not None:
            self.predictionPanel.show_reading(reading)
        else:
            self.predictionPanel.show_empty(LOADING if self.model_state is None else DRAW)
        self._show_selection()

    def _show_selection(self) -> None:
        """Frame the digits of a number, the selected one highlighted, and point the correction bar at it."""
        reading = self._reading
        several = reading is not None and len(reading.digits) > 1
        self.digitBoxes.set_digits(list(reading.digits) if several else [], self.predictionPanel.selected)
        self.samples.update_bar()

    @Slot(int)
    def _on_digit_selected(self, index: int) -> None:
        self._show_selection()
        self._update_inside()
        self.dialogs.compare_drawing()

    @Slot(bool)
    def _on_inside_visibility(self, visible: bool) -> None:
        self.worker.set_with_activations(visible)
        digit = self.selected_digit
        if visible and digit is not None and digit.activations is None:
            self.request_prediction()  # the reading on screen came without activations

    @Slot()
    def _update_inside(self) -> None:
        digit = self.selected_digit
        activations = digit.activations if digit is not None else None
        self.insidePanel.set_activations(activations, self.predictionPanel.selected_label())

    @Slot(int, object, int)
    def show_mnist_digit(self, index: int, image: object, label: int) -> None:
        """Put a 28x28 MNIST test digit on the canvas, enlarged (undoable)."""
        self.canvas.set_picture(upscaled(image))
        self.statusBar().showMessage(self.tr("MNIST test image #{i}, labelled {d}").format(i=index, d=label), 8000)

    # -- the model ---------------------------------------------------------------------------------------------

    @property
    def variant(self) -> str:
        return self.model.variant

    @property
    def device(self) -> str:
        return self.model.device

    def set_variant(self, variant: str) -> None:
        """Switch to ``variant``: the worker loads its weights, then re-reads the drawing."""
        self.model.set_variant(variant)

    def set_device(self, device: str) -> None:
        """Move the model to ``device`` ("cpu"/"cuda") and re-read the drawing."""
        self.model.set_device(device)

    @Slot(ModelRequest)
    def _on_model_requested(self, request: ModelRequest) -> None:
        self.worker.request_model(request)
        self.request_prediction()

    def reload_weights(self) -> None:
        """Re-read the active weights (after training or a reset) and re-read the drawing."""
        self.worker.request_model(ModelRequest(self.variant, self.device, reload=True))
        self.worker.request_variant_summaries()
        self.dialogs.reset_compare_models()
        self.request_prediction()

    def use_saved_weights(self, variant: str) -> None:
        """Weights of ``variant`` were just saved as the user's (trained, fine-tuned, opened): use them."""
        self.model.adopt(variant)
        self.reload_weights()

    def reset_weights(self) -> None:
        """Set the user's weights of this variant aside (as .bak, in a worker), then go back to the bundled ones."""
        self.model.reset_weights()

    @Slot(ModelState)
    def _on_model_changed(self, state: ModelState) -> None:
        first = self.model_state is None
        self.model_state = state
        if first:
            self.statusBar().clearMessage()  # "Loading the model…"
            if self.canvas.is_empty():
                self._show_reading(None)  # "Draw a digit"; a drawing gets its reading next
        if not self.model.show_state(state):
            return  # an older switch; the newer one is on its way
        if state.notice:
            self.statusBar().showMessage(state.notice, 10_000)
        if state.weights.warning:
            self.statusBar().showMessage(self.tr("Your weights could not be used; using the bundled ones"), 15_000)
            self.show_message(QMessageBox.Icon.Warning, self.tr("Weights replaced"), state.weights.warning)
        self.modelReady.emit(state)

    @Slot(str)
    def _on_model_failed(self, message: str) -> None:
        if self.model_state is None:  # nothing to predict with: the panel no longer says "Loading the model…"
            self.predictionPanel.show_empty(NO_MODEL)
        self.statusBar().showMessage(message, 15_000)
        self.show_message(QMessageBox.Icon.Critical, self.tr("Cannot load the model"), message)

    # -- messages, drops, closing ------------------------------------------------------------------------------

    def show_message(self, icon: QMessageBox.Icon, title: str, text: str) -> QMessageBox:
        """A window-modal message that does not block the caller (tests find it in ``message_box``)."""
        self.message_box = show_message(self, icon, title, text)
        return self.message_box

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if self.files.dropped_model(event) is not None:
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        path = self.files.dropped_model(event)
        if path is not None:
            event.acceptProposedAction()
            self.files.open_model(path)

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self.dialogs.may_close():
            event.ignore()
            return
        self.shutdown()
        super().closeEvent(event)

    def shutdown(self) -> None:
        """Stop every worker thread and save the settings; safe to call twice."""
        if self._closed:
            return
        self._closed = True
        self.dialogs.stop()
        self.files.stop()
        self.model.stop()
        self.random_digits.stop()
        self.samples.worker.stop()
        if self._persist_geometry:
            self.settings.geometry = self.saveGeometry()
        self.settings.sync()
        self.worker.stop()
