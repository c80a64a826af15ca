"""The PySide6 desktop app: drawing canvas, live predictions, training and evaluation dialogs."""
