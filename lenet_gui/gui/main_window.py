"""The main window: canvas, live prediction panel, model choice, menus, status bar."""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QT_TRANSLATE_NOOP, QSaveFile, QSize, Qt, Signal, Slot
from PySide6.QtGui import QAction, QActionGroup, QCloseEvent, QDragEnterEvent, QDropEvent, QIcon, QKeySequence
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QFormLayout,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QMessageBox,
    QScrollArea,
    QSlider,
    QStyle,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

# Nothing imported here may import torch (tests/test_startup_imports.py): the window shows itself while the
# inference worker loads it. The dialogs that use torch are imported when they are opened.
from lenet_gui import __version__
from lenet_gui.core.configs import FinetuneConfig, TrainConfig
from lenet_gui.core.images import load_image
from lenet_gui.core.paths import data_dir, user_path
from lenet_gui.core.samples import Sample, SampleStore
from lenet_gui.core.variants import VARIANTS
from lenet_gui.errors import LenetError
from lenet_gui.gui.canvas import Canvas
from lenet_gui.gui.device_combo import make_device_combo, select_device, set_cuda_available
from lenet_gui.gui.digit_boxes import DigitBoxes, is_sure
from lenet_gui.gui.formatting import DASH, format_accuracy
from lenet_gui.gui.help_dialogs import HowToDialog, ShortcutsDialog
from lenet_gui.gui.i18n import (
    LANGUAGES,
    current_language,
    translate_into,
    variant_description,
    weights_description,
)
from lenet_gui.gui.inference_worker import InferenceWorker, ModelRequest, ModelState, VariantSummary
from lenet_gui.gui.inside_panel import InsidePanel
from lenet_gui.gui.jobs.model_files import OpenedModel
from lenet_gui.gui.messages import show_message
from lenet_gui.gui.mnist_digits import upscaled
from lenet_gui.gui.model_files import ModelFiles, export_format, is_model_file
from lenet_gui.gui.prediction_panel import PredictionPanel
from lenet_gui.gui.random_digits import RandomDigits
from lenet_gui.gui.settings import BRUSH_RANGE, AppSettings

if TYPE_CHECKING:
    from lenet_gui.core.predictor import Prediction
    from lenet_gui.core.segment import DigitReading, NumberReading
    from lenet_gui.gui.compare_dialog import CompareDialog
    from lenet_gui.gui.convert_dialog import ConvertDialog
    from lenet_gui.gui.evaluate_dialog import EvaluateDialog
    from lenet_gui.gui.samples_dialog import SamplesDialog
    from lenet_gui.gui.training_dialog import TrainingDialog

LANGUAGE_TITLE = QT_TRANSLATE_NOOP("MainWindow", "Language")
LANGUAGE_NOTICE = QT_TRANSLATE_NOOP(
    "MainWindow", "The interface will be in {name} the next time you start LeNet-5 Digit Pad."
)
# The side panel's width, and the least height it gets before it scrolls.
SIDE_WIDTH = 370
SIDE_MIN_HEIGHT = 300
IMAGE_FILTER = "Images (*.png *.jpg *.jpeg *.bmp *.gif *.tif *.tiff *.webp *.pgm *.ppm);;All files (*)"
MODEL_FILTER = "Models (*.pth *.pt *.safetensors);;All files (*)"
ONNX_FILTER = "ONNX model (*.onnx)"
TUTORIAL_FILTER = "PyTorch state dict in the tutorial's layout (*.pth)"


Shortcut = QKeySequence | QKeySequence.StandardKey


def unique_shortcuts(shortcuts: list[Shortcut]) -> list[QKeySequence]:
    """The key sequences, each standard key expanded to all of this platform's bindings, each sequence once.

    A sequence listed twice on one action makes Qt call it ambiguous and ignore it (Redo's bindings on X11
    already hold Ctrl+Shift+Z), so duplicates are dropped, compared as portable text.
    """
    result: list[QKeySequence] = []
    seen: set[str] = set()
    for shortcut in shortcuts:
        expanded = (
            QKeySequence.keyBindings(shortcut) if isinstance(shortcut, QKeySequence.StandardKey) else [shortcut]
        )
        for sequence in expanded:
            text = sequence.toString(QKeySequence.SequenceFormat.PortableText)
            if text and text not in seen:
                seen.add(text)
                result.append(sequence)
    return result


class MainWindow(QMainWindow):
    """The app's window; constructing it starts the inference thread, not an event loop."""

    predictionShown = Signal(int)  # the sequence number of the prediction now on screen
    modelReady = Signal(object)  # ModelState

    def __init__(
        self, settings: AppSettings | None = None, persist_geometry: bool = True, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("mainWindow")
        self.setWindowTitle(self.tr("LeNet-5 Digit Pad"))
        self.settings = settings or AppSettings()
        self.train_defaults = TrainConfig()
        self.model_state: ModelState | None = None
        self.last_prediction: Prediction | None = None
        self.message_box: QMessageBox | None = None
        self.training_dialog: TrainingDialog | None = None
        self.evaluate_dialog: EvaluateDialog | None = None
        self.samples_dialog: SamplesDialog | None = None
        self.finetune_defaults = FinetuneConfig()
        self.last_number: NumberReading | None = None  # the drawing read as a number, with the prediction shown
        self._number: tuple[int, NumberReading] | None = None  # the worker's latest reading and its request
        self._kept: tuple[int, int, Sample] | None = None  # the last sample kept: request, digit index, sample
        self._compare_waits = False  # Compare waits for the reading of the drawing to know which digit to compare
        self.compare_dialog: CompareDialog | None = None
        self.convert_dialog: ConvertDialog | None = None
        self._variant = self.settings.variant
        self._device = self.settings.device
        self._seq = 0  # last request sent
        self._shown_seq = 0  # newest request whose answer (or empty state) is on screen
        self._closed = False
        self._persist_geometry = persist_geometry

        self.modelFiles = ModelFiles(self)
        self.modelFiles.opened.connect(self._on_model_opened)
        self.modelFiles.openFailed.connect(
            lambda message: self.show_message(QMessageBox.Icon.Critical, self.tr("Cannot open the model"), message)
        )
        self.modelFiles.exported.connect(
            lambda path: self.statusBar().showMessage(self.tr("Exported the model to {path}").format(path=path), 8000)
        )
        self.modelFiles.exportFailed.connect(
            lambda message: self.show_message(QMessageBox.Icon.Critical, self.tr("Cannot export the model"), message)
        )
        self.setAcceptDrops(True)  # model files dropped anywhere on the window; images go to the canvas
        self._build_widgets()
        self._build_explore_parts()
        self._build_actions()
        self._build_menus_and_toolbar()
        self._build_status_bar()
        self._sync_model_controls()
        self._show_prediction(None)
        self.statusBar().showMessage(self.tr("Loading the model…"))

        # The worker loads torch and the weights in its own thread; the canvas takes strokes meanwhile.
        self.worker = InferenceWorker()
        self.worker.predicted.connect(self._on_predicted)
        self.worker.numberRead.connect(self._on_number_read)
        self.worker.predictionFailed.connect(self._on_prediction_failed)
        self.worker.modelChanged.connect(self._on_model_changed)
        self.worker.modelFailed.connect(self._on_model_failed)
        self.worker.variantsRead.connect(self._on_variants_read)
        self.worker.start()
        self.worker.request_model(ModelRequest(self._variant, self._device))
        self.worker.request_variant_summaries()
        self.insidePanel.visibilityChanged.connect(self._on_inside_visibility)
        self.modelReady.connect(
            lambda state: self.insidePanel.set_weights(state.weights.state_dict, state.weights.meta.variant)
        )
        self.predictionShown.connect(self._update_inside)

        geometry = self.settings.geometry if persist_geometry else None
        if geometry is None or not self.restoreGeometry(geometry):
            self.resize(1040, 700)

    # -- construction ------------------------------------------------------------------------------------------

    def _build_widgets(self) -> None:
        self.canvas = Canvas()
        self.canvas.set_brush_size(self.settings.brush_size)
        self.canvas.changed.connect(self.request_prediction)
        self.canvas.historyChanged.connect(self._update_edit_actions)
        self.canvas.fileDropped.connect(self.open_file)
        self.digitBoxes = DigitBoxes(self.canvas)

        self.variantCombo = QComboBox(objectName="variantCombo")
        for name in VARIANTS:
            self.variantCombo.addItem(self.tr("{v} C5").format(v=name), name)
            self.variantCombo.setItemData(
                self.variantCombo.count() - 1, variant_description(name), Qt.ItemDataRole.ToolTipRole
            )
        self.variantCombo.currentIndexChanged.connect(lambda _: self.set_variant(self.variantCombo.currentData()))
        self.deviceCombo = make_device_combo(None)  # whether CUDA is there is known once torch is loaded
        self.deviceCombo.setObjectName("deviceCombo")
        self.deviceCombo.currentIndexChanged.connect(lambda _: self.set_device(self.deviceCombo.currentData()))
        model_form = QFormLayout()
        model_form.addRow(self.tr("Variant:"), self.variantCombo)
        model_form.addRow(self.tr("Device:"), self.deviceCombo)
        model_box = QGroupBox(self.tr("Model"))
        model_box.setLayout(model_form)

        self.predictionPanel = PredictionPanel()
        self.predictionPanel.selectionChanged.connect(self._on_digit_selected)
        # The panel's parts, named as tests and other code know them.
        self.predictionLabel = self.predictionPanel.predictionLabel
        self.confidenceLabel = self.predictionPanel.confidenceLabel
        self.probabilityView = self.predictionPanel.probabilityView
        self.preview = self.predictionPanel.preview
        self.correctionBar = self.predictionPanel.correctionBar
        self.correctionBar.labelChosen.connect(self.store_sample)
        self.correctionBar.undoRequested.connect(self.undo_sample)
        self.digitBoxes.digitClicked.connect(self.predictionPanel.select)

        side = QVBoxLayout()
        side.setContentsMargins(0, 0, 0, 0)
        side.setSpacing(8)
        side.addWidget(model_box)
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

    def _build_explore_parts(self) -> None:
        self.insidePanel = InsidePanel(self)
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.insidePanel)
        self.insidePanel.hide()
        self.random_digits = RandomDigits(data_dir(), self)
        self.random_digits.digitReady.connect(self.show_mnist_digit)
        self.random_digits.failed.connect(
            lambda message: self.show_message(QMessageBox.Icon.Warning, self.tr("No MNIST digits"), message)
        )

    def _action(
        self, name: str, text: str, slot, shortcuts: list[Shortcut] | None = None, icon: QIcon | None = None
    ) -> QAction:
        action = QAction(text, self)
        action.setObjectName(name)
        if shortcuts:
            action.setShortcuts(unique_shortcuts(shortcuts))
        if icon is not None:
            action.setIcon(icon)
        action.triggered.connect(slot)
        return action

    def _build_actions(self) -> None:
        style = self.style()
        key = QKeySequence
        sp = QStyle.StandardPixmap
        self.actionOpenImage = self._action(
            "actionOpenImage",
            self.tr("&Open Image…"),
            self._choose_image,
            [key.StandardKey.Open],
            QIcon.fromTheme("document-open", style.standardIcon(sp.SP_DialogOpenButton)),
        )
        self.actionSaveDrawing = self._action(
            "actionSaveDrawing",
            self.tr("&Save Drawing…"),
            self._choose_save_path,
            [key.StandardKey.Save],
            QIcon.fromTheme("document-save", style.standardIcon(sp.SP_DialogSaveButton)),
        )
        self.actionOpenModel = self._action(
            "actionOpenModel", self.tr("Open &Model…"), self._choose_model_file, [key("Ctrl+Shift+O")]
        )
        self.actionOpenModel.setToolTip(
            self.tr("Use a model trained with the PyTorch tutorial (.pth, .pt) or lenet-gui weights (.safetensors)")
        )
        self.actionExportModel = self._action("actionExportModel", self.tr("E&xport Model…"), self._choose_export_path)
        self.actionQuit = self._action(
            "actionQuit", self.tr("&Quit"), self.close, [key.StandardKey.Quit, key("Ctrl+Q")]
        )
        self.actionUndo = self._action(
            "actionUndo",
            self.tr("&Undo"),
            self.canvas.undo,
            [key.StandardKey.Undo],
            QIcon.fromTheme("edit-undo", style.standardIcon(sp.SP_ArrowBack)),
        )
        self.actionRedo = self._action(
            "actionRedo",
            self.tr("&Redo"),
            self.canvas.redo,
            [key.StandardKey.Redo, key("Ctrl+Shift+Z")],
            QIcon.fromTheme("edit-redo", style.standardIcon(sp.SP_ArrowForward)),
        )
        self.actionClear = self._action(
            "actionClear",
            self.tr("C&lear"),
            self.canvas.clear,
            [key(Qt.Key.Key_Delete), key("Ctrl+N")],
            QIcon.fromTheme("edit-clear", style.standardIcon(sp.SP_DialogResetButton)),
        )
        self.actionEraser = self._action("actionEraser", self.tr("&Eraser"), self.canvas.set_eraser, [key("E")])
        self.actionEraser.setCheckable(True)
        self.actionBiggerBrush = self._action(
            "actionBiggerBrush", self.tr("&Bigger Brush"), lambda: self._step_brush(2), [key("]")]
        )
        self.actionSmallerBrush = self._action(
            "actionSmallerBrush", self.tr("&Smaller Brush"), lambda: self._step_brush(-2), [key("[")]
        )
        self.actionTrain = self._action("actionTrain", self.tr("&Train…"), self.open_training, [key("Ctrl+T")])
        self.actionEvaluate = self._action(
            "actionEvaluate", self.tr("&Evaluate on MNIST…"), lambda: self.open_evaluation(), [key("Ctrl+E")]
        )
        self.actionResetWeights = self._action(
            "actionResetWeights", self.tr("&Reset to Bundled Weights"), self._confirm_reset_weights
        )
        self.actionConvert = self._action(
            "actionConvert", self.tr("&Convert Weights to the Other Variant…"), lambda: self.open_convert()
        )
        self.actionCompare = self._action(
            "actionCompare", self.tr("&Compare Variants…"), self.open_compare, [key("Ctrl+K")]
        )
        self.actionRandomDigit = self._action(
            "actionRandomDigit",
            self.tr("Random &MNIST Digit"),
            self.random_digits.request,
            [key("Ctrl+R")],
            QIcon.fromTheme("media-playlist-shuffle", style.standardIcon(sp.SP_BrowserReload)),
        )
        self.actionRandomDigit.setToolTip(self.tr("Put a random digit of the MNIST test set on the canvas (Ctrl+R)"))
        self.actionInside = self.insidePanel.toggleViewAction()
        self.actionInside.setObjectName("actionInside")
        self.actionInside.setText(self.tr("See &Inside the Network"))
        self.actionInside.setShortcut(key("Ctrl+I"))
        self.languageActions = QActionGroup(self)
        for code, name in LANGUAGES.items():
            action = self._action(f"actionLanguage_{code}", name, lambda _=False, c=code: self.set_language(c))
            action.setCheckable(True)
            action.setChecked(code == current_language())
            self.languageActions.addAction(action)
        self.actionSamples = self._action("actionSamples", self.tr("My &Samples…"), self.open_samples)
        self.actionFinetune = self._action(
            "actionFinetune", self.tr("&Fine-tune on My Samples…"), self.open_finetune, [key("Ctrl+Shift+T")]
        )
        self.actionAbout = self._action("actionAbout", self.tr("&About LeNet-5 Digit Pad"), self._about)
        self.actionHowTo = self._action(
            "actionHowTo", self.tr("&How to Use"), self.open_how_to, [key.StandardKey.HelpContents]
        )
        self.actionShortcuts = self._action(
            "actionShortcuts", self.tr("&Keyboard Shortcuts"), self.open_shortcuts, [key("Ctrl+/")]
        )
        self.variantActions = QActionGroup(self)
        for i, name in enumerate(VARIANTS, start=1):
            action = self._action(
                f"actionVariant_{name}",
                self.tr("{v} C5").format(v=name),
                lambda _=False, v=name: self.set_variant(v),
                [key(f"Ctrl+{i}")],
            )
            action.setCheckable(True)
            action.setToolTip(variant_description(name))
            self.variantActions.addAction(action)
        self.deviceActions = QActionGroup(self)
        for i in range(self.deviceCombo.count()):
            device = self.deviceCombo.itemData(i)
            action = self._action(
                f"actionDevice_{device}", self.deviceCombo.itemText(i), lambda _=False, d=device: self.set_device(d)
            )
            action.setCheckable(True)
            self.deviceActions.addAction(action)
        self._sync_device_actions()
        self._update_edit_actions()

    def _build_menus_and_toolbar(self) -> None:
        menu = self.menuBar().addMenu(self.tr("&File"))
        menu.addActions([self.actionOpenImage, self.actionSaveDrawing])
        menu.addSeparator()
        menu.addActions([self.actionOpenModel, self.actionExportModel])
        menu.addSeparator()
        menu.addAction(self.actionQuit)
        menu = self.menuBar().addMenu(self.tr("&Edit"))
        menu.addActions([self.actionUndo, self.actionRedo, self.actionClear])
        menu.addSeparator()
        menu.addAction(self.actionRandomDigit)
        menu.addSeparator()
        menu.addActions([self.actionEraser, self.actionBiggerBrush, self.actionSmallerBrush])
        menu = self.menuBar().addMenu(self.tr("&Model"))
        menu.addMenu(self.tr("&Variant")).addActions(self.variantActions.actions())
        menu.addMenu(self.tr("&Device")).addActions(self.deviceActions.actions())
        menu.addSeparator()
        menu.addActions([self.actionTrain, self.actionEvaluate, self.actionConvert])
        menu.addSeparator()
        menu.addActions([self.actionSamples, self.actionFinetune])
        menu.addSeparator()
        menu.addAction(self.actionResetWeights)
        menu = self.menuBar().addMenu(self.tr("&View"))
        menu.addActions([self.actionInside, self.actionCompare])
        menu.addSeparator()
        language = menu.addMenu(self.tr("&Language"))
        language.menuAction().setObjectName("actionLanguage")
        language.addActions(self.languageActions.actions())
        menu = self.menuBar().addMenu(self.tr("&Help"))
        menu.addActions([self.actionHowTo, self.actionShortcuts])
        menu.addSeparator()
        menu.addAction(self.actionAbout)

        bar = QToolBar(self.tr("Drawing"), objectName="drawingToolBar", movable=False)
        bar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        bar.setIconSize(QSize(18, 18))
        bar.addActions([self.actionOpenImage, self.actionSaveDrawing])
        bar.addSeparator()
        bar.addActions([self.actionUndo, self.actionRedo, self.actionClear])
        bar.addSeparator()
        bar.addAction(self.actionRandomDigit)
        bar.addSeparator()
        bar.addAction(self.actionEraser)
        bar.addWidget(QLabel(self.tr("  Brush ")))
        self.brushSlider = QSlider(Qt.Orientation.Horizontal, objectName="brushSlider")
        self.brushSlider.setRange(*BRUSH_RANGE)
        self.brushSlider.setValue(round(self.canvas.brush_size))
        self.brushSlider.setFixedWidth(130)
        self.brushSlider.setToolTip(self.tr("Brush size ([ and ] change it)"))
        self.brushSlider.valueChanged.connect(self._set_brush)
        bar.addWidget(self.brushSlider)
        self.brushLabel = QLabel(f" {round(self.canvas.brush_size)} px ")
        self.brushLabel.setMinimumWidth(48)
        bar.addWidget(self.brushLabel)
        bar.addSeparator()
        bar.addAction(self.actionTrain)
        self.addToolBar(bar)

    def _build_status_bar(self) -> None:
        status = self.statusBar()
        self.variantStatus = QLabel(objectName="variantStatus")
        self.deviceStatus = QLabel(objectName="deviceStatus")
        self.weightsStatus = QLabel(objectName="weightsStatus")
        self.timeStatus = QLabel(objectName="timeStatus")
        for label in (self.variantStatus, self.deviceStatus, self.weightsStatus, self.timeStatus):
            label.setContentsMargins(6, 0, 6, 0)
            status.addPermanentWidget(label)
        self.timeStatus.setText(self.tr("{dash} ms").format(dash=DASH))

    # -- prediction --------------------------------------------------------------------------------------------

    @Slot()
    def request_prediction(self) -> None:
        """Send the current drawing to the worker (the newest request replaces any that waits)."""
        self._seq += 1
        if self.canvas.is_empty():
            self._shown_seq = self._seq  # an empty canvas needs no network and beats every older answer
            self._show_prediction(None)
            self.predictionShown.emit(self._seq)
            return
        self.worker.request_prediction(self._seq, self.canvas.to_array())

    @property
    def shown_sequence(self) -> int:
        """Sequence number of what the prediction panel shows."""
        return self._shown_seq

    @property
    def sent_sequence(self) -> int:
        """Sequence number of the newest request."""
        return self._seq

    @Slot(int, object)
    def _on_predicted(self, seq: int, prediction: Prediction) -> None:
        if seq <= self._shown_seq:
            return  # an answer to an older drawing than the one on screen
        self._shown_seq = seq
        self._show_prediction(prediction)
        self.timeStatus.setText(self.tr("{ms:.1f} ms").format(ms=prediction.elapsed_ms))
        self.predictionShown.emit(seq)

    @Slot(int, str)
    def _on_prediction_failed(self, seq: int, message: str) -> None:
        if seq > self._shown_seq:
            self.statusBar().showMessage(self.tr("Prediction failed: {m}").format(m=message), 8000)

    def _show_prediction(self, prediction: Prediction | None) -> None:
        self.last_prediction = prediction
        reading = self._number if prediction is not None and prediction.digit is not None else None
        number = reading[1] if reading is not None and reading[0] == self._shown_seq else None
        self.last_number = number if number is not None and number.digits else None
        if self.last_number is not None:
            self.predictionPanel.show_number(self.last_number)
        elif prediction is None and self.model_state is None:
            self.predictionPanel.show_empty(self.tr("Loading the model…"))
        elif prediction is None:
            self.predictionPanel.show_empty(self.tr("Draw a digit"))
        elif prediction.digit is None:
            self.predictionPanel.show_empty(self.tr("No digit found: the mark is too small or too faint to read"))
        else:
            self.predictionPanel.show_prediction(prediction)
        self._show_selection()

    def _show_selection(self) -> None:
        """Frame the digits of a number, the selected one highlighted, and point the correction bar at it."""
        number = self.last_number
        several = number is not None and len(number.digits) > 1
        self.digitBoxes.set_digits(number.digits if several else [], self.predictionPanel.selected)
        self._update_correction_bar()

    @property
    def selected_digit(self) -> DigitReading | None:
        """The digit of the reading that the panel, the inside view, Compare and the correction are about."""
        return self.predictionPanel.selected_digit()

    @Slot(int)
    def _on_digit_selected(self, index: int) -> None:
        self._show_selection()
        self._update_inside()
        self._compare_drawing()

    @Slot(int, object)
    def _on_number_read(self, seq: int, number: NumberReading) -> None:
        self._number = (seq, number)

    # -- personal samples --------------------------------------------------------------------------------------

    def _update_correction_bar(self) -> None:
        digit = self.selected_digit
        if self.canvas.is_empty() or digit is None:
            self.correctionBar.set_drawing(None, self.tr("Draw a digit first"))
        elif self._kept is not None and self._kept[:2] == (self._shown_seq, self.predictionPanel.selected):
            self.correctionBar.set_kept(self._kept[2].label, self.predictionPanel.selected_label())
        else:
            self.correctionBar.set_drawing(digit.digit if is_sure(digit) else None, None)

    @Slot(int)
    def store_sample(self, label: int) -> Sample | None:
        """Keep the drawing (or the selected digit of a number) as a personal sample of ``label`` for fine-tuning.

        None when there is nothing to keep.
        """
        digit = self.selected_digit
        if self.canvas.is_empty() or digit is None:
            return None
        number = self.last_number
        drawing = self.canvas.to_array()
        if len(number.digits) > 1:
            from lenet_gui.core.segment import digit_drawing  # torch is loaded once there is a reading

            drawing = digit_drawing(drawing, digit.box)
        current = self._shown_seq == self._seq
        store = SampleStore()
        try:
            # What the network saw when it is for this very drawing, else the store preprocesses the drawing.
            sample = store.add(drawing, label, digit.preprocessed if current else None)
            counts = store.counts()
        except LenetError as exc:
            self.show_message(QMessageBox.Icon.Warning, self.tr("Cannot keep the sample"), str(exc))
            return None
        self._kept = (self._shown_seq, self.predictionPanel.selected, sample)
        self._update_correction_bar()
        self.statusBar().showMessage(
            self.tr("Kept as a sample of {d} ({n} of {d}, {total} in all); Model ▸ Fine-tune learns from them").format(
                d=label, n=counts[label], total=sum(counts.values())
            ),
            8000,
        )
        self._samples_changed()
        return sample

    @Slot()
    def undo_sample(self) -> bool:
        """Forget the sample just kept (the correction bar's Undo); True when it was deleted."""
        if self._kept is None:
            return False
        sample = self._kept[2]
        try:
            SampleStore().delete(sample.id)
        except LenetError as exc:
            self.show_message(QMessageBox.Icon.Warning, self.tr("Cannot forget the sample"), str(exc))
            return False
        self._kept = None
        self._update_correction_bar()
        self.statusBar().showMessage(self.tr("Forgot the sample of {d}").format(d=sample.label), 5000)
        self._samples_changed()
        return True

    def _samples_changed(self) -> None:
        if self.samples_dialog is not None:
            self.samples_dialog.refresh()
        self._refresh_training_samples()

    @Slot()
    def _refresh_training_samples(self) -> None:
        if self.training_dialog is not None:
            self.training_dialog.refresh_samples()

    @Slot()
    def open_samples(self) -> SamplesDialog:
        """Show the personal samples (one dialog at a time)."""
        from lenet_gui.gui.samples_dialog import SamplesDialog

        if self.samples_dialog is None:
            self.samples_dialog = SamplesDialog(parent=self)
            self.samples_dialog.finetuneRequested.connect(self.open_finetune)
            self.samples_dialog.samplesChanged.connect(self._refresh_training_samples)
        else:
            self.samples_dialog.refresh()
        self.samples_dialog.show()
        self.samples_dialog.raise_()
        return self.samples_dialog

    @Slot()
    def open_finetune(self) -> TrainingDialog:
        """The training dialog in its "Fine-tune on my samples" mode."""
        from lenet_gui.gui.training_dialog import FINETUNE

        dialog = self.open_training()
        dialog.set_mode(FINETUNE)
        dialog.refresh_samples()
        return dialog

    # -- model choice ------------------------------------------------------------------------------------------

    @property
    def variant(self) -> str:
        return self._variant

    @property
    def device(self) -> str:
        return self._device

    @Slot(str)
    def set_variant(self, variant: str) -> None:
        """Switch to ``variant``: the worker loads its weights, then re-predicts the drawing."""
        if variant not in VARIANTS or variant == self._variant:
            return
        self._variant = variant
        self.settings.variant = variant
        self._sync_model_controls()
        self.worker.request_model(ModelRequest(variant, self._device))
        self.request_prediction()

    @Slot(str)
    def set_device(self, device: str) -> None:
        """Move the model to ``device`` ("cpu"/"cuda") and re-predict."""
        if device == self._device or self.deviceCombo.findData(device) < 0:
            return
        self._device = device
        self.settings.device = device
        self._sync_model_controls()
        self.worker.request_model(ModelRequest(self._variant, device))
        self.request_prediction()

    def reload_weights(self) -> None:
        """Re-read the active weights (after training or a reset) and re-predict."""
        self.worker.request_model(ModelRequest(self._variant, self._device, reload=True))
        self.worker.request_variant_summaries()
        self._reset_compare_models()
        self.request_prediction()

    def _sync_model_controls(self) -> None:
        for widget in (self.variantCombo, self.deviceCombo):
            widget.blockSignals(True)
        self.variantCombo.setCurrentIndex(self.variantCombo.findData(self._variant))
        select_device(self.deviceCombo, self._device)
        for widget in (self.variantCombo, self.deviceCombo):
            widget.blockSignals(False)
        for action in self.variantActions.actions():
            action.setChecked(action.objectName() == f"actionVariant_{self._variant}")
        for action in self.deviceActions.actions():
            action.setChecked(action.objectName() == f"actionDevice_{self._device}")
        self.variantStatus.setText(self.tr("{v} C5").format(v=self._variant))

    def _sync_device_actions(self) -> None:
        for i, action in enumerate(self.deviceActions.actions()):  # made from the combo's rows, in order
            action.setEnabled(self.deviceCombo.model().item(i).isEnabled())

    @Slot(list)
    def _on_variants_read(self, summaries: list[VariantSummary]) -> None:
        for summary in summaries:
            i = self.variantCombo.findData(summary.variant)
            accuracy = format_accuracy(summary.test_accuracy) if summary.has_weights else self.tr("no weights")
            text = self.tr("{v} C5 · {p:,} params · {a}").format(v=summary.variant, p=summary.parameters, a=accuracy)
            if summary.imported:
                text = self.tr("{text} · imported").format(text=text)
            self.variantCombo.setItemText(i, text)

    @Slot(object)
    def _on_model_changed(self, state: ModelState) -> None:
        first = self.model_state is None
        self.model_state = state
        set_cuda_available(self.deviceCombo, state.cuda_available)
        self._sync_device_actions()
        if first:
            self.statusBar().clearMessage()  # "Loading the model…"
            if self.canvas.is_empty():
                self._show_prediction(None)  # "Draw a digit"; a drawing gets its prediction next
        if state.weights.meta.variant != self._variant:
            return  # an older switch; the newer one is on its way
        self.deviceStatus.setText(state.device.upper() if state.device == "cpu" else state.device)
        self.weightsStatus.setText(self.tr("weights: {w}").format(w=weights_description(state.weights)))
        self.weightsStatus.setToolTip(str(state.weights.path))
        if state.notice:
            self.statusBar().showMessage(state.notice, 10_000)
            if state.device == "cpu" and self._device != "cpu":
                self._device = "cpu"
                self.settings.device = "cpu"
                self._sync_model_controls()
        if state.weights.warning:
            self.statusBar().showMessage(self.tr("Your weights could not be used; using the bundled ones"), 15_000)
            self.show_message(QMessageBox.Icon.Warning, self.tr("Weights replaced"), state.weights.warning)
        self.modelReady.emit(state)

    @Slot(str)
    def _on_model_failed(self, message: str) -> None:
        if self.model_state is None:  # nothing to predict with: the panel no longer says "Loading the model…"
            self.predictionPanel.show_empty(self.tr("No model could be loaded"))
        self.statusBar().showMessage(message, 15_000)
        self.show_message(QMessageBox.Icon.Critical, self.tr("Cannot load the model"), message)

    # -- files -------------------------------------------------------------------------------------------------

    @Slot()
    def _choose_image(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Open Image"), "", self.tr(IMAGE_FILTER))
        if path:
            self.open_image(path)

    @Slot(str)
    def open_image(self, path: str) -> bool:
        """Put the image at ``path`` on the canvas (undoable); errors go to a dialog."""
        try:
            self.canvas.set_picture(load_image(path))
        except (LenetError, ValueError) as exc:
            self.show_message(QMessageBox.Icon.Warning, self.tr("Cannot open the image"), str(exc))
            return False
        self.statusBar().showMessage(self.tr("Opened {name}").format(name=Path(path).name), 5000)
        return True

    @Slot(str)
    def open_file(self, path: str) -> bool:
        """Open a dropped file: a model file (.pth, .pt, .safetensors) as the model, anything else as an image."""
        return self.open_model(path) if is_model_file(path) else self.open_image(path)

    @Slot()
    def _choose_model_file(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Open Model"), "", self.tr(MODEL_FILTER))
        if path:
            self.open_model(path)

    def open_model(self, path: str) -> bool:
        """Read a model file in a worker and make it the user's weights of its variant; errors go to a dialog."""
        started = self.modelFiles.open(Path(path), data_dir())
        if started:
            self.statusBar().showMessage(self.tr("Opening {name}…").format(name=Path(path).name))
        else:
            self.statusBar().showMessage(self.tr("Still opening the previous model"), 5000)
        return started

    @Slot(object)
    def _on_model_opened(self, opened: OpenedModel) -> None:
        if opened.variant != self._variant:
            self._variant = opened.variant
            self.settings.variant = opened.variant
            self._sync_model_controls()
        self.reload_weights()
        message = self.tr("Now using your imported model {name} as {v} C5; Model ▸ Reset returns to the bundled one")
        self.statusBar().showMessage(message.format(name=opened.source.name, v=opened.variant), 10_000)

    @Slot()
    def _choose_export_path(self) -> None:
        filters = f"{self.tr(ONNX_FILTER)};;{self.tr(TUTORIAL_FILTER)}"
        path, chosen = QFileDialog.getSaveFileName(
            self, self.tr("Export Model"), f"lenet5_{self._variant}.onnx", filters
        )
        if path:
            self.export_model(path, export_format(path, "onnx" if chosen == self.tr(ONNX_FILTER) else "tutorial"))

    def export_model(self, path: str, fmt: str) -> bool:
        """Write the active weights in a worker as ONNX or as the tutorial's state dict ("onnx", "tutorial").

        A name without an extension gets the format's (.onnx, .pth).
        """
        started = self.modelFiles.export(self._variant, fmt, Path(path))
        if not started:
            self.statusBar().showMessage(self.tr("Still exporting the previous model"), 5000)
        return started

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if self._dropped_model(event) is not None:
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        path = self._dropped_model(event)
        if path is not None:
            event.acceptProposedAction()
            self.open_model(path)

    @staticmethod
    def _dropped_model(event: QDragEnterEvent | QDropEvent) -> str | None:
        urls = event.mimeData().urls() if event.mimeData().hasUrls() else []
        path = urls[0].toLocalFile() if urls and urls[0].isLocalFile() else ""
        return path if is_model_file(path) else None

    @Slot()
    def _choose_save_path(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Save Drawing"), "digit.png", self.tr("PNG image (*.png)"))
        if path:
            self.save_drawing(path)

    def save_drawing(self, path: str) -> bool:
        """Save the drawing as an image (atomically: written to a temporary file, then renamed).

        A name without an extension gets ".png", so that Open Image lists the file.
        """
        if not Path(path).suffix:
            path += ".png"
        target = QSaveFile(path)
        fmt = Path(path).suffix.lstrip(".").upper()
        ok = target.open(QSaveFile.OpenModeFlag.WriteOnly) and self.canvas.image().save(target, fmt)
        ok = ok and target.commit()
        if not ok:
            target.cancelWriting()
            reason = target.errorString() or self.tr("unsupported image format")
            self.show_message(QMessageBox.Icon.Warning, self.tr("Cannot save the drawing"), f"{path}: {reason}")
            return False
        self.statusBar().showMessage(self.tr("Saved {path}").format(path=path), 5000)
        return True

    # -- dialogs -----------------------------------------------------------------------------------------------

    def show_message(self, icon: QMessageBox.Icon, title: str, text: str) -> QMessageBox:
        """A window-modal message that does not block the caller (tests find it in ``message_box``)."""
        self.message_box = show_message(self, icon, title, text)
        return self.message_box

    @Slot()
    def open_training(self) -> TrainingDialog:
        """Show the training dialog (one at a time); the main window stays usable."""
        from lenet_gui.gui.training_dialog import TrainingDialog

        if self.training_dialog is None:
            defaults = dataclasses.replace(self.train_defaults, variant=self._variant)
            self.training_dialog = TrainingDialog(defaults, self._device, self, self.finetune_defaults)
            self.training_dialog.weightsSaved.connect(self._on_weights_saved)
        self.training_dialog.show()
        self.training_dialog.raise_()
        self.training_dialog.activateWindow()
        return self.training_dialog

    @Slot(str)
    def _on_weights_saved(self, variant: str) -> None:
        if variant != self._variant:
            self._variant = variant
            self.settings.variant = variant
            self._sync_model_controls()
        self.reload_weights()
        self.statusBar().showMessage(self.tr("Now using your retrained {v} C5 weights").format(v=variant), 8000)

    @Slot()
    def open_evaluation(self, limit: int | None = None) -> EvaluateDialog:
        """Evaluate the current variant's weights on the MNIST test set in a dialog."""
        from lenet_gui.gui.evaluate_dialog import EvaluateDialog

        if self.evaluate_dialog is not None:
            self.evaluate_dialog.close()
        self.evaluate_dialog = EvaluateDialog(self._variant, self._device, data_dir(), limit, self)
        self.evaluate_dialog.digitChosen.connect(self.show_mnist_digit)
        self.evaluate_dialog.show()
        return self.evaluate_dialog

    @Slot()
    def _confirm_reset_weights(self) -> None:
        path = user_path(self._variant)
        if not path.exists():
            self.statusBar().showMessage(self.tr("Already using the bundled weights"), 5000)
            return
        state = self.model_state
        if state is not None and state.weights.source == "user" and state.weights.meta.imported:
            question = self.tr("Stop using your imported {v} C5 model? It is kept as {name}.bak.")
        else:
            question = self.tr("Stop using your retrained {v} C5 weights? They are kept as {name}.bak.")
        answer = QMessageBox.question(
            self, self.tr("Reset to bundled weights"), question.format(v=self._variant, name=path.name)
        )
        if answer == QMessageBox.StandardButton.Yes:
            self.reset_weights()

    def reset_weights(self) -> bool:
        """Set the user's weights of this variant aside (as .bak) and go back to the bundled ones."""
        path = user_path(self._variant)
        try:
            path.replace(path.with_name(path.name + ".bak"))
        except OSError as exc:
            self.show_message(QMessageBox.Icon.Warning, self.tr("Cannot reset the weights"), f"{path}: {exc.strerror}")
            return False
        self.reload_weights()
        return True

    @Slot()
    def _about(self) -> None:
        QMessageBox.about(
            self,
            self.tr("About LeNet-5 Digit Pad"),
            self.tr(
                "<h3>LeNet-5 Digit Pad {version}</h3>"
                "<p>Draw a digit; LeNet-5 (LeCun et al., 1998) reads it as you draw. Your drawing is centred "
                "and scaled to 28\u00d728 pixels the way MNIST was made, then the network runs in a worker thread.</p>"
                "<p><b>conv C5</b>: layer C5 is a 5\u00d75 convolution with 120 maps over the 16@5\u00d75 S4 maps.<br>"
                "<b>linear C5</b>: layer C5 is a fully connected layer 400 \u2192 120 over the flattened S4 maps.</p>"
                "<p>Both have 61,706 parameters and compute exactly the same function; the weights of one "
                "convert into the other. Retrain either from Model ▸ Train.</p>"
            ).format(version=__version__),
        )

    @Slot()
    def open_shortcuts(self) -> ShortcutsDialog:
        """Help > Keyboard Shortcuts: read from the actions as they are now."""
        dialog = ShortcutsDialog(self, self.menuBar())
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.show()
        return dialog

    @Slot()
    def open_how_to(self) -> HowToDialog:
        """Help > How to Use."""
        dialog = HowToDialog(self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.show()
        return dialog

    # -- looking inside, comparing, converting, MNIST digits -------------------------------------------------------

    @Slot(bool)
    def _on_inside_visibility(self, visible: bool) -> None:
        self.worker.set_with_activations(visible)
        if visible and self.last_prediction is not None and self.last_prediction.activations is None:
            self.request_prediction()  # the prediction on screen came without activations

    @Slot()
    def _update_inside(self) -> None:
        digit, prediction = self.selected_digit, self.last_prediction
        if digit is not None:
            activations = digit.activations
        else:
            activations = prediction.activations if prediction is not None else None
        self.insidePanel.set_activations(activations, self.predictionPanel.selected_label())

    @Slot()
    def open_compare(self) -> CompareDialog:
        """Show both variants' answers for the drawing side by side; they follow the drawing while open."""
        from lenet_gui.gui.compare_dialog import CompareDialog

        if self.compare_dialog is None:
            self.compare_dialog = CompareDialog(self._device, self)
            self.canvas.changed.connect(self._compare_drawing)
            self.predictionShown.connect(self._compare_after_reading)
        self.compare_dialog.show()
        self.compare_dialog.raise_()
        self._compare_drawing()
        return self.compare_dialog

    @Slot()
    def _compare_drawing(self) -> None:
        """Compare the drawing at once; the selected digit alone once the drawing is read as several."""
        if self.compare_dialog is None or not self.compare_dialog.isVisible():
            return
        if self.canvas.is_empty():
            self.compare_dialog.compare(None)
            return
        digit, label = self.selected_digit, self.predictionPanel.selected_label()
        self._compare_waits = bool(label) and self._shown_seq != self._seq
        if self._compare_waits:
            return  # the reading of the new drawing, on its way, says which digit to compare
        if label:
            from lenet_gui.core.segment import digit_drawing  # torch is loaded once there is a reading

            self.compare_dialog.compare(digit_drawing(self.canvas.to_array(), digit.box), label)
        else:
            self.compare_dialog.compare(self.canvas.to_array())

    @Slot()
    def _compare_after_reading(self) -> None:
        if self._compare_waits or self.predictionPanel.selected_label():  # a number: the digit to compare is known
            self._compare_drawing()

    def _reset_compare_models(self) -> None:
        if self.compare_dialog is not None:
            self.compare_dialog.reset_models()
            self._compare_drawing()

    @Slot()
    def open_convert(self, limit: int | None = None) -> ConvertDialog:
        """Convert the current variant's weights into the other variant and show that both agree."""
        from lenet_gui.gui.convert_dialog import ConvertDialog

        if self.convert_dialog is not None:
            self.convert_dialog.close()
        image = None if self.canvas.is_empty() else self.canvas.to_array()
        self.convert_dialog = ConvertDialog(self._variant, self._device, data_dir(), image, limit, self)
        self.convert_dialog.weightsSaved.connect(self._on_converted_weights_saved)
        self.convert_dialog.show()
        return self.convert_dialog

    @Slot(str)
    def _on_converted_weights_saved(self, variant: str) -> None:
        self.worker.request_variant_summaries()
        self._reset_compare_models()
        message = self.tr("Saved the converted weights as your {v} C5 weights").format(v=variant)
        self.statusBar().showMessage(message, 8000)

    @Slot(int, object, int)
    def show_mnist_digit(self, index: int, image: object, label: int) -> None:
        """Put a 28x28 MNIST test digit on the canvas, enlarged (undoable)."""
        self.canvas.set_picture(upscaled(image))
        self.statusBar().showMessage(self.tr("MNIST test image #{i}, labelled {d}").format(i=index, d=label), 8000)

    @Slot(str)
    def set_language(self, language: str) -> None:
        """Remember ``language`` for the next start; the interface changes when the app is restarted."""
        self.settings.language = language
        for action in self.languageActions.actions():
            action.setChecked(action.objectName() == f"actionLanguage_{language}")
        if language != current_language():
            # Said in both languages: the one the user reads now, and the one just chosen.
            def both(text: str, separator: str) -> str:
                versions = (self.tr(text), translate_into(language, "MainWindow", text))
                return separator.join(dict.fromkeys(v.format(name=LANGUAGES[language]) for v in versions))

            self.show_message(
                QMessageBox.Icon.Information, both(LANGUAGE_TITLE, " / "), both(LANGUAGE_NOTICE, "\n\n")
            )

    # -- brush -------------------------------------------------------------------------------------------------

    @Slot(int)
    def _set_brush(self, size: int) -> None:
        self.canvas.set_brush_size(size)
        self.brushLabel.setText(f" {size} px ")
        self.settings.brush_size = size

    def _step_brush(self, delta: int) -> None:
        self.brushSlider.setValue(self.brushSlider.value() + delta)

    @Slot()
    def _update_edit_actions(self) -> None:
        self.actionUndo.setEnabled(self.canvas.can_undo())
        self.actionRedo.setEnabled(self.canvas.can_redo())
        self.actionClear.setEnabled(not self.canvas.is_empty())

    # -- closing -----------------------------------------------------------------------------------------------

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.training_dialog is not None and not self.training_dialog.confirm_stop():
            event.ignore()
            return
        self.shutdown()
        super().closeEvent(event)

    def shutdown(self) -> None:
        """Stop every worker thread and save the settings; safe to call twice."""
        if self._closed:
            return
        self._closed = True
        for dialog in (self.training_dialog, self.evaluate_dialog, self.compare_dialog, self.convert_dialog):
            if dialog is not None:
                dialog.stop()
                dialog.close()
        self.modelFiles.stop()
        self.random_digits.stop()
        if self._persist_geometry:
            self.settings.geometry = self.saveGeometry()
        self.settings.sync()
        self.worker.stop()
