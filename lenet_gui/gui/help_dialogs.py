"""Help menu dialogs: the keyboard shortcuts, read from the window's own actions, and a short "How to use" page."""

from __future__ import annotations

import re

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QMenu,
    QMenuBar,
    QTextBrowser,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)


def plain_text(text: str) -> str:
    """A menu text without its accelerator and ellipsis: "&Open Image…" -> "Open Image", "打开(&O)…" -> "打开"."""
    text = re.sub(r"\(&\w\)", "", text)  # the accelerator as Chinese menus write it
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&").rstrip("…").rstrip(".")


def keys_text(sequences: list[QKeySequence]) -> str:
    """Key sequences as the platform writes them, separated by commas."""
    return ", ".join(s.toString(QKeySequence.SequenceFormat.NativeText) for s in sequences if not s.isEmpty())


def menu_shortcuts(menu_bar: QMenuBar) -> list[tuple[str, list[tuple[str, str]]]]:
    """Every menu of ``menu_bar`` (submenus too) with its actions that have a shortcut: (menu, [(action, keys)])."""
    groups: list[tuple[str, list[tuple[str, str]]]] = []

    def visit(title: str, menu: QMenu) -> None:
        rows: list[tuple[str, str]] = []
        for action in menu.actions():
            if action.menu() is not None:
                visit(f"{title} ▸ {plain_text(action.text())}", action.menu())
            elif action.shortcuts():
                rows.append((plain_text(action.text()), keys_text(action.shortcuts())))
        if rows:
            groups.append((title, rows))

    for action in menu_bar.actions():
        if action.menu() is not None:
            visit(plain_text(action.text()), action.menu())
    return groups


def described_shortcuts(window: QWidget) -> list[tuple[str, str]]:
    """The window's shortcuts that belong to no action (the correction bar's), described by their what's-this text."""
    rows = [(s.whatsThis(), keys_text([s.key()])) for s in window.findChildren(QShortcut) if s.whatsThis()]
    return sorted(rows, key=lambda row: row[1])


class ShortcutsDialog(QDialog):
    """Help > Keyboard Shortcuts: every shortcut of the window, grouped by menu, as the actions hold them now."""

    def __init__(self, window: QWidget, menu_bar: QMenuBar, parent: QWidget | None = None) -> None:
        super().__init__(parent or window)
        self.setObjectName("shortcutsDialog")
        self.setWindowTitle(self.tr("Keyboard Shortcuts"))
        self.tree = QTreeWidget(objectName="shortcutTree")
        self.tree.setColumnCount(2)
        self.tree.setHeaderLabels([self.tr("Command"), self.tr("Keys")])
        self.tree.setRootIsDecorated(False)
        self.tree.setSelectionMode(QTreeWidget.SelectionMode.NoSelection)
        groups = menu_shortcuts(menu_bar)
        extra = described_shortcuts(window)
        if extra:
            groups.append((self.tr("Prediction panel"), extra))
        for title, rows in groups:
            head = QTreeWidgetItem(self.tree, [title])
            font = head.font(0)
            font.setBold(True)
            head.setFont(0, font)
            head.setFirstColumnSpanned(True)
            head.setFlags(Qt.ItemFlag.ItemIsEnabled)
            for command, keys in rows:
                QTreeWidgetItem(self.tree, [command, keys])
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        _lay_out(self, self.tree)

    def rows(self) -> list[tuple[str, str]]:
        """(command, keys) of every row shown, group headings left out."""
        items = (self.tree.topLevelItem(i) for i in range(self.tree.topLevelItemCount()))
        return [(item.text(0), item.text(1)) for item in items if item.text(1)]


class HowToDialog(QDialog):
    """Help > How to Use: a one-page guide."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("howToDialog")
        self.setWindowTitle(self.tr("How to Use LeNet-5 Digit Pad"))
        self.browser = QTextBrowser(objectName="howToText", openExternalLinks=False)
        self.browser.setHtml(
            self.tr(
                "<h3>Draw</h3>"
                "<p>Draw a digit on the white sheet with the mouse or a pen tablet. The network reads it while you "
                "draw; the big answer and the bars change as the drawing grows. Undo, Redo and Clear are in the Edit "
                "menu; a right-click clears the sheet. [ and ] change the brush, E switches to the eraser.</p>"
                "<h3>Read the answer</h3>"
                "<p>The percentage is a calibrated confidence: of the MNIST digits read with 90 %, about 9 in 10 "
                "are right. The bars show it for every digit. When the drawing looks like no digit, or like two, the "
                "answer is “?” (not sure) with the network's best guess. “What the network sees” is your drawing "
                "centred and scaled to 28\u00d728 pixels, as the digits of MNIST were.</p>"
                "<h3>Numbers</h3>"
                "<p>Write several digits side by side: each gets a box with its reading. Click a box (without "
                "dragging) to show that digit in the panel, the inside view and Compare; ◀ and ▶ under the preview "
                "step through the digits.</p>"
                "<h3>Teach it your handwriting</h3>"
                "<p>When an answer is wrong, press the right digit under “Wrong? It is a …” (or ✓ when it is right): "
                "the drawing is kept as a sample, and Undo takes it back. With ten samples or more, Model ▸ Fine-tune "
                "on My Samples trains the network on them; Model ▸ My Samples lists them.</p>"
                "<h3>Look inside</h3>"
                "<p>View ▸ See Inside the Network shows every layer's output for the drawing; View ▸ Compare Variants "
                "runs both forms of LeNet-5 on it. Model ▸ Train retrains the network on MNIST.</p>"
            )
        )
        _lay_out(self, self.browser)


def _lay_out(dialog: QDialog, content: QWidget) -> None:
    """``content`` above a Close button, at the size both help dialogs open with."""
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
    buttons.rejected.connect(dialog.close)
    layout = QVBoxLayout(dialog)
    layout.addWidget(content)
    layout.addWidget(buttons)
    dialog.resize(560, 600)
