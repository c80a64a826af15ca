"""The PySide6 desktop app: drawing canvas, live predictions, training and evaluation dialogs."""

from lenet_gui.gui import refcount_guard

# Before any other Qt call: some PySide6 builds would otherwise crash the app after a while (see the module).
PYSIDE_REFCOUNT_GUARD = refcount_guard.install()
