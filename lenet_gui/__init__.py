"""lenet-gui: a drawing-pad digit recognizer built on LeNet-5."""

__version__ = "0.1.0"
