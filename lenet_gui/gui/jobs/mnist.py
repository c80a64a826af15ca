"""Jobs that read or download MNIST."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, Signal

from lenet_gui.core.data import Split, load_mnist, mnist_present
from lenet_gui.gui.task_runner import Job, TaskRunner, TaskState


class DownloadRunner(TaskRunner):
    succeeded = Signal(Path)  # the MNIST root


class TestSplitRunner(TaskRunner):
    succeeded = Signal(Split)


class PresenceRunner(TaskRunner):
    succeeded = Signal(bool)  # whether MNIST's four files are there


def download_job(root: Path) -> Job:
    """A job that downloads MNIST into ``root`` (torchvision's downloader; no partial progress)."""

    def job(state: TaskState) -> Path:
        state.set_status(QCoreApplication.translate("Jobs", "Downloading MNIST into {root}…").format(root=root))
        return load_mnist(root, download=True).root

    return job


def read_test_split_job(root: Path) -> Job:
    """A job that reads the MNIST test set from ``root`` (never downloading)."""

    def job(state: TaskState) -> Split:
        state.set_status(QCoreApplication.translate("Jobs", "Reading MNIST…"))
        return load_mnist(root, download=False).test

    return job


def presence_job(root: Path) -> Job:
    """A job that looks whether MNIST's four IDX files are in ``root`` (a few file-system calls)."""

    def job(state: TaskState) -> bool:
        return mnist_present(root)

    return job
