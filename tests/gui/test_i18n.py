"""The Chinese interface: language choice, and every visible string of the window and dialogs translated."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path

import pytest
from gui_drawing import draw_digit_with_mouse
from gui_waiting import wait_settled
from PySide6.QtCore import QCoreApplication, QLocale, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractButton,
    QComboBox,
    QDialog,
    QDockWidget,
    QGroupBox,
    QLabel,
    QListWidget,
    QMenu,
    QMessageBox,
    QWidget,
)

from lenet_gui.core.paths import resource_path
from lenet_gui.gui import i18n
from lenet_gui.gui.app import create_application
from lenet_gui.gui.i18n import choose_language, install_translators, remove_translators
from lenet_gui.gui.main_window import MainWindow
from lenet_gui.gui.settings import AppSettings

# The .ts is a source file of the repository; only the compiled .qm is installed.
TS = Path(__file__).resolve().parents[2] / "resources" / "i18n" / "lenet_gui_zh_CN.ts"
CJK = re.compile(r"[\u3400-\u9fff\uff01-\uff5e\u3000-\u303f]")
# Words that stay as they are in Chinese: names, units, layer names.
UNTRANSLATED_WORDS = re.compile(
    r"LeNet-5|MNIST|CUDA|CPU|GPU|English|conv|linear|params|px|ms|Del|Ctrl|Shift|[CSF]\d|[a-z]+@|x\d", re.IGNORECASE
)


def untranslated(text: str) -> bool:
    """True when ``text`` reads as English: no Chinese, and letters left once names and units are taken out."""
    plain = re.sub(r"<[^>]+>|&(?=\w)|&nbsp;|\S*/\S*", "", text)  # markup, accelerators, file paths
    return not CJK.search(plain) and re.search(r"[A-Za-z]{2,}", UNTRANSLATED_WORDS.sub("", plain)) is not None


@pytest.fixture
def chinese(qapp) -> Iterator[None]:
    assert install_translators(qapp, "zh_CN"), "the compiled translation is missing"
    yield
    remove_translators(qapp)


def visible_texts(top: QWidget) -> list[tuple[str, str]]:
    """(where, text) for every text a user can see in ``top``: labels, buttons, titles, menus, tooltips, items."""
    found: list[tuple[str, str]] = [("window title", top.windowTitle())]
    for widget in [top, *top.findChildren(QWidget)]:
        if not widget.isVisibleTo(top) and not isinstance(widget, QMenu | QDockWidget):
            continue
        where = f"{type(widget).__name__} {widget.objectName()}"
        if isinstance(widget, QLabel | QAbstractButton):
            found.append((where, widget.text()))
        if isinstance(widget, QGroupBox):
            found.append((where, widget.title()))
        if isinstance(widget, QDockWidget):
            found.append((where, widget.windowTitle()))
        if isinstance(widget, QMenu):
            found.append((where, widget.title()))
        if isinstance(widget, QComboBox):
            for i in range(widget.count()):
                found.append((where, widget.itemText(i)))
                found.append((where, widget.itemData(i, Qt.ItemDataRole.ToolTipRole) or ""))
        if isinstance(widget, QListWidget):
            found += [(where, widget.item(i).text()) for i in range(min(widget.count(), 5))]
        found.append((f"{where} tooltip", widget.toolTip()))
    for action in top.findChildren(QAction):
        if type(action.parent()).__module__.startswith("pyqtgraph"):
            continue  # the plots' own right-click menu (Export...) comes untranslated from pyqtgraph
        found.append((f"action {action.objectName()}", action.text()))
        found.append((f"action {action.objectName()} tooltip", action.toolTip()))
    return [(where, text) for where, text in found if text]


def assert_translated(top: QWidget) -> None:
    english = [(where, text) for where, text in visible_texts(top) if untranslated(text)]
    assert not english, "\n".join(f"{where}: {text!r}" for where, text in english)


def test_the_translation_source_is_complete_and_up_to_date(tmp_path: Path) -> None:
    tree = ET.parse(TS)
    assert tree.getroot().get("language") == "zh_CN"
    messages = list(tree.getroot().iter("message"))
    assert len(messages) > 150
    for message in messages:
        translation = message.find("translation")
        assert translation.get("type") is None, message.find("source").text  # unfinished, obsolete or vanished
        assert translation.text, message.find("source").text
    assert resource_path("i18n", "lenet_gui_zh_CN.qm").is_file()
    lupdate = shutil.which("pyside6-lupdate", path=str(Path(sys.executable).parent)) or shutil.which("pyside6-lupdate")
    if lupdate is None:
        pytest.skip("pyside6-lupdate is not installed")
    # Every string in the GUI code is in the .ts: extracting again finds nothing new.
    copy = tmp_path / "check.ts"
    shutil.copy(TS, copy)
    sources = sorted(str(p) for p in (TS.parents[2] / "lenet_gui" / "gui").rglob("*.py"))
    subprocess.run([lupdate, *sources, "-ts", str(copy), "-no-obsolete", "-silent"], check=True)
    assert 'type="unfinished"' not in copy.read_text(encoding="utf-8"), "run tools/update_translations.sh"


def test_language_choice(qapp, monkeypatch) -> None:
    assert choose_language("zh_CN", "en") == "zh_CN"
    assert choose_language("en", "zh_CN") == "en"
    assert choose_language(None, "zh_CN") == "zh_CN"
    assert choose_language("zh-cn", None) == "zh_CN"
    monkeypatch.setattr(i18n.QLocale, "system", lambda: QLocale("zh_TW"))
    assert choose_language(None, None) == "zh_CN"
    monkeypatch.setattr(i18n.QLocale, "system", lambda: QLocale("de_DE"))
    assert choose_language(None, None) == "en"
    try:
        create_application("zh_CN")  # lenet-gui --lang zh_CN
        assert QCoreApplication.translate("MainWindow", "&File") == "文件(&F)"
        assert qapp.property("lang") == "zh_CN"
        create_application("en")
        assert QCoreApplication.translate("MainWindow", "&File") == "&File"
        settings = AppSettings()
        settings.language = "zh_CN"  # chosen in the menu earlier
        settings.sync()
        create_application(None)
        assert QCoreApplication.translate("MainWindow", "&File") == "文件(&F)"
    finally:
        remove_translators(qapp)


def test_choosing_a_language_in_the_menu(window: MainWindow) -> None:
    assert window.findChild(QAction, "actionLanguage") is not None
    english, chinese = (window.findChild(QAction, f"actionLanguage_{c}") for c in ("en", "zh_CN"))
    assert english.isChecked() and not chinese.isChecked()
    try:
        chinese.trigger()
        assert window.settings.language == "zh_CN" and chinese.isChecked() and not english.isChecked()
        # Switched already: said in the new language.
        assert window.message_box.isVisible() and "界面" in window.message_box.text()
        assert "语言" in window.message_box.windowTitle()
    finally:
        english.trigger()
    assert window.settings.language == "en" and "now in English" in window.message_box.text()


def window_texts(window: MainWindow) -> dict[str, str]:
    """The texts the language switch must change at once: menus, prediction panel, status bar, correction bar."""
    panel = window.predictionPanel
    texts = {f"menu {i}": action.text() for i, action in enumerate(window.menuBar().actions())}
    texts |= {
        "title": window.windowTitle(),
        "panel": panel.title(),
        "bars": panel.barsTitle.text(),
        "legend": panel.legendLabel.text(),
        "confidence": window.confidenceLabel.text(),
        "caption": panel.captionLabel.text(),
        "question": window.correctionBar.question.text(),
        "undo": window.correctionBar.undoButton.text(),
        "model": window.model.box.title(),
        "variant": window.model.variantCombo.currentText(),
        "weights": window.model.weightsStatus.text(),
        "time": window.timeStatus.text(),
        "inside": window.insidePanel.windowTitle(),
        "train": window.commands.actionTrain.text(),
        "inside action": window.commands.actionInside.text(),
    }
    return texts


def test_switching_the_language_retranslates_the_open_window_at_once(qtbot, window: MainWindow, mnist) -> None:
    qtbot.waitUntil(lambda: window.model_state is not None, timeout=30_000)
    draw_digit_with_mouse(window.canvas, 3)
    qtbot.waitUntil(lambda: window.shown_sequence == window.sent_sequence, timeout=10_000)
    english = window_texts(window)
    samples = window.dialogs.open_samples()
    samples.close()
    assert english["menu 0"] == "&File" and english["panel"] == "Prediction" and english["time"].endswith(" ms")
    try:
        window.findChild(QAction, "actionLanguage_zh_CN").trigger()
        # Qt posts LanguageChange to every widget: the switch is done when the event loop has delivered it.
        qtbot.waitUntil(lambda: window.menuBar().actions()[0].text() == "文件(&F)", timeout=2000)
        chinese = window_texts(window)
        assert "(&I)" in chinese["inside action"]  # the accelerator kept, whichever widget heard the change first
        assert window.menuBar().actions()[1].text() == QCoreApplication.translate("MainWindow", "&Edit") != "&Edit"
        still_english = {k: v for k, v in chinese.items() if untranslated(v)}
        assert not still_english, still_english
        assert chinese["confidence"] != english["confidence"] and chinese["weights"] != english["weights"]
        assert window.reading is not None  # the same reading, only said in Chinese
        reopened = window.dialogs.open_samples()  # a dialog closed at the switch opens in the new language
        assert reopened is not samples and not untranslated(reopened.windowTitle())
        reopened.close()
    finally:
        window.findChild(QAction, "actionLanguage_en").trigger()
    qtbot.waitUntil(lambda: window_texts(window) == english, timeout=2000)


def test_every_visible_string_is_translated(qtbot, chinese, make_window, mnist, monkeypatch) -> None:
    window = make_window()
    window.insidePanel.show()
    draw_digit_with_mouse(window.canvas, 3)
    wait_settled(qtbot, window)
    assert window.menuBar().actions()[0].text() == "文件(&F)"
    assert_translated(window)
    window.correctionBar.digitButtons[3].click()  # the panel says the sample is kept, with an Undo
    qtbot.waitUntil(lambda: not window.samples.busy)  # written in the samples thread
    assert window.correctionBar.is_kept()
    assert_translated(window)
    for menu in window.findChildren(QMenu):
        assert_translated(menu)

    training = window.dialogs.open_training()
    assert_translated(training)  # looking for MNIST ...
    qtbot.waitUntil(lambda: not training.is_reading(), timeout=10_000)
    assert_translated(training)  # ... and found
    plots = training.progress.plots
    for plot in (plots.lossPlot, plots.accuracyPlot):  # plot labels are no widgets of their own
        assert not untranslated(plot.getAxis("bottom").labelText)
    evaluation = window.dialogs.open_evaluation(limit=300)
    qtbot.waitUntil(lambda: evaluation.evaluation is not None, timeout=30_000)
    assert_translated(evaluation)
    compare = window.dialogs.open_compare()
    qtbot.waitUntil(lambda: compare.is_settled() and compare.comparison is not None, timeout=15_000)
    assert_translated(compare)
    convert = window.dialogs.open_convert(limit=300)
    qtbot.waitUntil(lambda: convert.check is not None, timeout=30_000)
    assert_translated(convert)
    shortcuts = window.dialogs.open_shortcuts()
    assert not [row for row in shortcuts.rows() if untranslated(row[0])]
    assert "(" not in shortcuts.rows()[0][0]  # no accelerator left over: "撤销", not "撤销(U)"
    how_to = window.dialogs.open_how_to()
    assert not untranslated(how_to.browser.toPlainText())
    for dialog in window.findChildren(QDialog):
        if dialog.isVisible():
            assert_translated(dialog)

    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "about", lambda parent, title, text: shown.extend([title, text]))
    window.commands.actionAbout.trigger()
    assert shown and not any(untranslated(text) for text in shown)
    asked: list[str] = []
    monkeypatch.setattr(
        QMessageBox, "question", lambda p, title, text, *a, **k: asked.extend([title, text]) or QMessageBox.No
    )
    convert.confirm_save()
    assert asked and not any(untranslated(text) for text in asked)
    window.findChild(QAction, "actionLanguage_en").trigger()
    assert window.message_box.text() == "The interface is now in English."  # switched at once, said in English
