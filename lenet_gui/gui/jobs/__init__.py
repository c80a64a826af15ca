"""Every job the app runs in the background, each with the typed runner that delivers its result.

A job is a function of a :class:`~lenet_gui.gui.task_runner.TaskState` (see task_runner.py); the modules
here import torch only where their jobs need it, so the main window can import the light ones at start-up:

- mnist: download MNIST, read the test set (for random digits)
- training: train from scratch, fine-tune on the user's samples, read the current weights' accuracy
- model_files: open a model file, export the weights
- evaluation: measure the weights on the MNIST test set
- conversion: convert the weights into the other variant and check that both agree
- comparison: both variants on the drawing, in a worker where the newest drawing wins
- samples: list the user's samples (with their thumbnails) or count them, delete some
"""
