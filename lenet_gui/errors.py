"""Errors the user can act on: the CLI prints them as one line, the GUI in a dialog."""


class LenetError(Exception):
    """Base class of every error that carries a message meant for the user."""


class WeightsError(LenetError):
    """A weights file is missing, corrupt, of the wrong variant or cannot be written."""


class DataError(LenetError):
    """MNIST is missing, cannot be downloaded, or its files are corrupt."""


class ImageError(LenetError):
    """An image file cannot be read or is refused (not an image, too large)."""


class TrainingError(LenetError):
    """Training cannot go on (diverged, out of memory)."""


class TrainingCancelled(LenetError):
    """Training was stopped on request; nothing was saved."""
