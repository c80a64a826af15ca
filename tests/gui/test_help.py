"""The Help menu: a keyboard shortcuts dialog read from the window's actions, and a "How to use" page."""

from __future__ import annotations

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu

from lenet_gui.gui.help_dialogs import HowToDialog, ShortcutsDialog, plain_text
from lenet_gui.gui.main_window import MainWindow


def help_menu(window: MainWindow) -> QMenu:
    return window.menuBar().actions()[-1].menu()


def native(text: str) -> str:
    return QKeySequence(text).toString(QKeySequence.SequenceFormat.NativeText)


def test_the_help_menu_offers_how_to_use_and_the_shortcuts(window: MainWindow) -> None:
    actions = help_menu(window).actions()
    commands = window.commands
    assert commands.actionHowTo in actions and commands.actionShortcuts in actions and commands.actionAbout in actions


def test_the_shortcuts_dialog_lists_every_shortcut_of_the_window(window: MainWindow) -> None:
    window.commands.actionShortcuts.trigger()
    dialog = window.findChild(ShortcutsDialog, "shortcutsDialog")
    assert dialog is not None and dialog.isVisible()
    rows = dict(dialog.rows())
    assert native("Ctrl+Z") in rows["Undo"].split(", ")
    assert native("Ctrl+Shift+Z") in rows["Redo"].split(", ")
    for action in window.findChildren(QAction):
        if action.shortcuts() and action.isVisible():
            name = plain_text(action.text())
            assert name in rows, name
            for sequence in action.shortcuts():
                assert sequence.toString(QKeySequence.SequenceFormat.NativeText) in rows[name].split(", "), name
    # The correction bar's own shortcuts are there too.
    assert any(keys == native("Alt+7") and "7" in command for command, keys in dialog.rows())


def test_the_shortcuts_dialog_follows_the_actions(window: MainWindow) -> None:
    window.commands.actionTrain.setShortcut(QKeySequence("Ctrl+Alt+T"))
    dialog = window.dialogs.open_shortcuts()
    assert dict(dialog.rows())["Train"] == native("Ctrl+Alt+T")


def test_how_to_use(window: MainWindow) -> None:
    window.commands.actionHowTo.trigger()
    dialog = window.findChild(HowToDialog, "howToDialog")
    assert dialog is not None and dialog.isVisible()
    text = dialog.browser.toPlainText()
    for topic in ("Draw", "Numbers", "Wrong? It is a", "Fine-tune", "See Inside"):
        assert topic in text, topic
