"""The main window's commands: its actions, the menus and the drawing toolbar that hold them.

Every text is set in :meth:`WindowCommands.retranslate`, so a language switch renames them at once. The texts
keep the context "MainWindow" of the translation file.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QObject, QSize, Qt
from PySide6.QtGui import QAction, QActionGroup, QIcon, QKeySequence
from PySide6.QtWidgets import QComboBox, QLabel, QMenu, QSlider, QStyle, QToolBar

from lenet_gui.core.variants import VARIANTS
from lenet_gui.gui.i18n import LANGUAGES, current_language, variant_description
from lenet_gui.gui.settings import BRUSH_RANGE

if TYPE_CHECKING:
    from lenet_gui.gui.main_window import MainWindow

Shortcut = QKeySequence | QKeySequence.StandardKey
CONTEXT = "MainWindow"

# Action name -> its text, and the tooltips of those that have one.
TEXTS = {
    "actionOpenImage": QT_TRANSLATE_NOOP("MainWindow", "&Open Image…"),
    "actionSaveDrawing": QT_TRANSLATE_NOOP("MainWindow", "&Save Drawing…"),
    "actionOpenModel": QT_TRANSLATE_NOOP("MainWindow", "Open &Model…"),
    "actionExportModel": QT_TRANSLATE_NOOP("MainWindow", "E&xport Model…"),
    "actionQuit": QT_TRANSLATE_NOOP("MainWindow", "&Quit"),
    "actionUndo": QT_TRANSLATE_NOOP("MainWindow", "&Undo"),
    "actionRedo": QT_TRANSLATE_NOOP("MainWindow", "&Redo"),
    "actionClear": QT_TRANSLATE_NOOP("MainWindow", "C&lear"),
    "actionEraser": QT_TRANSLATE_NOOP("MainWindow", "&Eraser"),
    "actionBiggerBrush": QT_TRANSLATE_NOOP("MainWindow", "&Bigger Brush"),
    "actionSmallerBrush": QT_TRANSLATE_NOOP("MainWindow", "&Smaller Brush"),
    "actionTrain": QT_TRANSLATE_NOOP("MainWindow", "&Train…"),
    "actionEvaluate": QT_TRANSLATE_NOOP("MainWindow", "&Evaluate on MNIST…"),
    "actionResetWeights": QT_TRANSLATE_NOOP("MainWindow", "&Reset to Bundled Weights"),
    "actionConvert": QT_TRANSLATE_NOOP("MainWindow", "&Convert Weights to the Other Variant…"),
    "actionCompare": QT_TRANSLATE_NOOP("MainWindow", "&Compare Variants…"),
    "actionRandomDigit": QT_TRANSLATE_NOOP("MainWindow", "Random &MNIST Digit"),
    "actionInside": QT_TRANSLATE_NOOP("MainWindow", "See &Inside the Network"),
    "actionSamples": QT_TRANSLATE_NOOP("MainWindow", "My &Samples…"),
    "actionFinetune": QT_TRANSLATE_NOOP("MainWindow", "&Fine-tune on My Samples…"),
    "actionAbout": QT_TRANSLATE_NOOP("MainWindow", "&About LeNet-5 Digit Pad"),
    "actionHowTo": QT_TRANSLATE_NOOP("MainWindow", "&How to Use"),
    "actionShortcuts": QT_TRANSLATE_NOOP("MainWindow", "&Keyboard Shortcuts"),
}
TOOLTIPS = {
    "actionOpenModel": QT_TRANSLATE_NOOP(
        "MainWindow", "Use a model trained with the PyTorch tutorial (.pth, .pt) or lenet-gui weights (.safetensors)"
    ),
    "actionRandomDigit": QT_TRANSLATE_NOOP(
        "MainWindow", "Put a random digit of the MNIST test set on the canvas (Ctrl+R)"
    ),
}
# Menu object name -> its title.
MENUS = {
    "menuFile": QT_TRANSLATE_NOOP("MainWindow", "&File"),
    "menuEdit": QT_TRANSLATE_NOOP("MainWindow", "&Edit"),
    "menuModel": QT_TRANSLATE_NOOP("MainWindow", "&Model"),
    "menuVariant": QT_TRANSLATE_NOOP("MainWindow", "&Variant"),
    "menuDevice": QT_TRANSLATE_NOOP("MainWindow", "&Device"),
    "menuView": QT_TRANSLATE_NOOP("MainWindow", "&View"),
    "menuLanguage": QT_TRANSLATE_NOOP("MainWindow", "&Language"),
    "menuHelp": QT_TRANSLATE_NOOP("MainWindow", "&Help"),
}


def _tr(text: str) -> str:
    return QCoreApplication.translate(CONTEXT, text)


def unique_shortcuts(shortcuts: list[Shortcut]) -> list[QKeySequence]:
    """The key sequences, each standard key expanded to all of this platform's bindings, each sequence once.

    A sequence listed twice on one action makes Qt call it ambiguous and ignore it (Redo's bindings on X11
    already hold Ctrl+Shift+Z), so duplicates are dropped, compared as portable text.
    """
    result: list[QKeySequence] = []
    seen: set[str] = set()
    for shortcut in shortcuts:
        expanded = QKeySequence.keyBindings(shortcut) if isinstance(shortcut, QKeySequence.StandardKey) else [shortcut]
        for sequence in expanded:
            text = sequence.toString(QKeySequence.SequenceFormat.PortableText)
            if text and text not in seen:
                seen.add(text)
                result.append(sequence)
    return result


class WindowCommands(QObject):
    """The actions of ``window`` (``actionOpenImage`` ...), its menu bar and its drawing toolbar."""

    def __init__(self, window: MainWindow, device_combo: QComboBox) -> None:
        super().__init__(window)
        self._window = window
        self._device_combo = device_combo
        self._menus: dict[str, QMenu] = {}
        self._build_actions()
        self._build_menus()
        self._build_toolbar()
        self.retranslate()

    def _action(
        self, name: str, slot: Callable[..., object], shortcuts: list[Shortcut] | None = None, icon: QIcon | None = None
    ) -> QAction:
        action = QAction(self._window)
        action.setObjectName(name)
        if shortcuts:
            action.setShortcuts(unique_shortcuts(shortcuts))
        if icon is not None:
            action.setIcon(icon)
        action.triggered.connect(slot)
        return action

    def _build_actions(self) -> None:
        w, canvas, style = self._window, self._window.canvas, self._window.style()
        key, sk, sp = QKeySequence, QKeySequence.StandardKey, QStyle.StandardPixmap

        def icon(theme: str, fallback: QStyle.StandardPixmap) -> QIcon:
            return QIcon.fromTheme(theme, style.standardIcon(fallback))

        files = w.files
        self.actionOpenImage = self._action(
            "actionOpenImage", files.choose_image, [sk.Open], icon("document-open", sp.SP_DialogOpenButton)
        )
        self.actionSaveDrawing = self._action(
            "actionSaveDrawing", files.choose_save_path, [sk.Save], icon("document-save", sp.SP_DialogSaveButton)
        )
        self.actionOpenModel = self._action("actionOpenModel", files.choose_model_file, [key("Ctrl+Shift+O")])
        self.actionExportModel = self._action("actionExportModel", files.choose_export_path)
        self.actionQuit = self._action("actionQuit", w.close, [sk.Quit, key("Ctrl+Q")])
        self.actionUndo = self._action("actionUndo", canvas.undo, [sk.Undo], icon("edit-undo", sp.SP_ArrowBack))
        self.actionRedo = self._action(
            "actionRedo", canvas.redo, [sk.Redo, key("Ctrl+Shift+Z")], icon("edit-redo", sp.SP_ArrowForward)
        )
        self.actionClear = self._action(
            "actionClear",
            canvas.clear,
            [key(Qt.Key.Key_Delete), key("Ctrl+N")],
            icon("edit-clear", sp.SP_DialogResetButton),
        )
        self.actionEraser = self._action("actionEraser", canvas.set_eraser, [key("E")])
        self.actionEraser.setCheckable(True)
        self.actionBiggerBrush = self._action("actionBiggerBrush", lambda: self._step_brush(2), [key("]")])
        self.actionSmallerBrush = self._action("actionSmallerBrush", lambda: self._step_brush(-2), [key("[")])
        dialogs = w.dialogs
        self.actionTrain = self._action("actionTrain", dialogs.open_training, [key("Ctrl+T")])
        self.actionEvaluate = self._action("actionEvaluate", lambda: dialogs.open_evaluation(), [key("Ctrl+E")])
        self.actionResetWeights = self._action("actionResetWeights", w.model.confirm_reset_weights)
        self.actionConvert = self._action("actionConvert", lambda: dialogs.open_convert())
        self.actionCompare = self._action("actionCompare", dialogs.open_compare, [key("Ctrl+K")])
        self.actionRandomDigit = self._action(
            "actionRandomDigit",
            w.random_digits.request,
            [key("Ctrl+R")],
            icon("media-playlist-shuffle", sp.SP_BrowserReload),
        )
        self.actionInside = w.insidePanel.toggleViewAction()
        self.actionInside.setObjectName("actionInside")
        self.actionInside.setShortcut(key("Ctrl+I"))
        self.languageActions = QActionGroup(w)
        for code in LANGUAGES:
            action = self._action(f"actionLanguage_{code}", lambda _=False, c=code: w.set_language(c))
            action.setCheckable(True)
            action.setChecked(code == current_language())
            self.languageActions.addAction(action)
        self.actionSamples = self._action("actionSamples", dialogs.open_samples)
        self.actionFinetune = self._action("actionFinetune", dialogs.open_finetune, [key("Ctrl+Shift+T")])
        self.actionAbout = self._action("actionAbout", dialogs.about)
        self.actionHowTo = self._action("actionHowTo", dialogs.open_how_to, [sk.HelpContents])
        self.actionShortcuts = self._action("actionShortcuts", dialogs.open_shortcuts, [key("Ctrl+/")])
        self.variantActions = QActionGroup(w)
        for i, name in enumerate(VARIANTS, start=1):
            action = self._action(f"actionVariant_{name}", lambda _=False, v=name: w.set_variant(v), [key(f"Ctrl+{i}")])
            action.setCheckable(True)
            self.variantActions.addAction(action)
        self.deviceActions = QActionGroup(w)
        for i in range(self._device_combo.count()):
            device = self._device_combo.itemData(i)
            action = self._action(f"actionDevice_{device}", lambda _=False, d=device: w.set_device(d))
            action.setCheckable(True)
            self.deviceActions.addAction(action)
        self.sync_device_actions()
        canvas.historyChanged.connect(self.update_edit_actions)
        self.update_edit_actions()

    def _menu(self, name: str, parent: QMenu | None = None) -> QMenu:
        menu = parent.addMenu("") if parent is not None else self._window.menuBar().addMenu("")
        menu.setObjectName(name)
        self._menus[name] = menu
        return menu

    def _build_menus(self) -> None:
        menu = self._menu("menuFile")
        menu.addActions([self.actionOpenImage, self.actionSaveDrawing])
        menu.addSeparator()
        menu.addActions([self.actionOpenModel, self.actionExportModel])
        menu.addSeparator()
        menu.addAction(self.actionQuit)
        menu = self._menu("menuEdit")
        menu.addActions([self.actionUndo, self.actionRedo, self.actionClear])
        menu.addSeparator()
        menu.addAction(self.actionRandomDigit)
        menu.addSeparator()
        menu.addActions([self.actionEraser, self.actionBiggerBrush, self.actionSmallerBrush])
        menu = self._menu("menuModel")
        self._menu("menuVariant", menu).addActions(self.variantActions.actions())
        self._menu("menuDevice", menu).addActions(self.deviceActions.actions())
        menu.addSeparator()
        menu.addActions([self.actionTrain, self.actionEvaluate, self.actionConvert])
        menu.addSeparator()
        menu.addActions([self.actionSamples, self.actionFinetune])
        menu.addSeparator()
        menu.addAction(self.actionResetWeights)
        menu = self._menu("menuView")
        menu.addActions([self.actionInside, self.actionCompare])
        menu.addSeparator()
        language = self._menu("menuLanguage", menu)
        language.menuAction().setObjectName("actionLanguage")
        language.addActions(self.languageActions.actions())
        menu = self._menu("menuHelp")
        menu.addActions([self.actionHowTo, self.actionShortcuts])
        menu.addSeparator()
        menu.addAction(self.actionAbout)

    def _build_toolbar(self) -> None:
        w = self._window
        bar = QToolBar(objectName="drawingToolBar", movable=False)
        bar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        bar.setIconSize(QSize(18, 18))
        bar.addActions([self.actionOpenImage, self.actionSaveDrawing])
        bar.addSeparator()
        bar.addActions([self.actionUndo, self.actionRedo, self.actionClear])
        bar.addSeparator()
        bar.addAction(self.actionRandomDigit)
        bar.addSeparator()
        bar.addAction(self.actionEraser)
        self._brushTitle = QLabel()
        bar.addWidget(self._brushTitle)
        self.brushSlider = QSlider(Qt.Orientation.Horizontal, objectName="brushSlider")
        self.brushSlider.setRange(*BRUSH_RANGE)
        self.brushSlider.setValue(round(w.canvas.brush_size))
        self.brushSlider.setFixedWidth(130)
        self.brushSlider.valueChanged.connect(self._set_brush)
        bar.addWidget(self.brushSlider)
        self.brushLabel = QLabel(f" {round(w.canvas.brush_size)} px ")
        self.brushLabel.setMinimumWidth(48)
        bar.addWidget(self.brushLabel)
        bar.addSeparator()
        bar.addAction(self.actionTrain)
        self.toolBar = bar
        w.addToolBar(bar)

    def retranslate(self) -> None:
        """Set every text in the interface language (at start and when the language changes)."""
        for name, text in TEXTS.items():
            getattr(self, name).setText(_tr(text))
        for name, text in TOOLTIPS.items():
            getattr(self, name).setToolTip(_tr(text))
        for name, title in MENUS.items():
            self._menus[name].setTitle(_tr(title))
        for action in self.languageActions.actions():
            action.setText(LANGUAGES[action.objectName().removeprefix("actionLanguage_")])
        for action in self.variantActions.actions():
            variant = action.objectName().removeprefix("actionVariant_")
            action.setText(QCoreApplication.translate("MainWindow", "{v} C5").format(v=variant))
            action.setToolTip(variant_description(variant))
        for i, action in enumerate(self.deviceActions.actions()):  # made from the combo's rows, in order
            action.setText(self._device_combo.itemText(i))
        self.toolBar.setWindowTitle(QCoreApplication.translate("MainWindow", "Drawing"))
        self._brushTitle.setText(QCoreApplication.translate("MainWindow", "  Brush "))
        self.brushSlider.setToolTip(QCoreApplication.translate("MainWindow", "Brush size ([ and ] change it)"))

    def check_language(self, language: str) -> None:
        """Tick ``language`` in View > Language."""
        for action in self.languageActions.actions():
            action.setChecked(action.objectName() == f"actionLanguage_{language}")

    def check_model(self, variant: str, device: str) -> None:
        """Tick ``variant`` and ``device`` in Model > Variant and Model > Device."""
        for action in self.variantActions.actions():
            action.setChecked(action.objectName() == f"actionVariant_{variant}")
        for action in self.deviceActions.actions():
            action.setChecked(action.objectName() == f"actionDevice_{device}")

    def sync_device_actions(self) -> None:
        """Enable the devices the combo enables (CUDA once torch found one)."""
        for i, action in enumerate(self.deviceActions.actions()):
            action.setEnabled(self._device_combo.model().item(i).isEnabled())

    def update_edit_actions(self) -> None:
        """Undo, Redo and Clear enabled when the canvas has something to undo, redo or clear."""
        canvas = self._window.canvas
        self.actionUndo.setEnabled(canvas.can_undo())
        self.actionRedo.setEnabled(canvas.can_redo())
        self.actionClear.setEnabled(not canvas.is_empty())

    def _set_brush(self, size: int) -> None:
        self._window.canvas.set_brush_size(size)
        self.brushLabel.setText(f" {size} px ")
        self._window.settings.brush_size = size

    def _step_brush(self, delta: int) -> None:
        self.brushSlider.setValue(self.brushSlider.value() + delta)
