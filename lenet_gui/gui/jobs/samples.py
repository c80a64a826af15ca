"""The jobs behind Model > My Samples and the training dialog's count: reading the samples, deleting some."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
from PIL import Image
from PySide6.QtCore import Signal

from lenet_gui.core.samples import Sample, SampleStore
from lenet_gui.gui.task_runner import Job, TaskRunner, TaskState


@dataclass(frozen=True)
class SampleListing:
    """The samples in ``root`` when they were read; ``inputs`` holds each one's network input by id, when asked."""

    root: Path
    samples: list[Sample]
    rebuilt: str | None  # set when the index was unreadable and rebuilt (see SampleStore.rebuilt)
    inputs: dict[str, np.ndarray] = field(default_factory=dict)

    def counts(self) -> dict[int, int]:
        """Number of samples of every digit 0-9."""
        counts = dict.fromkeys(range(10), 0)
        for s in self.samples:
            counts[s.label] += 1
        return counts


class SamplesRunner(TaskRunner):
    succeeded = Signal(SampleListing)


class DeleteRunner(TaskRunner):
    succeeded = Signal(int)  # how many samples were deleted


def read_samples_job(root: Path, with_inputs: bool = False) -> Job:
    """A job that lists the samples in ``root`` and, ``with_inputs``, reads every sample's 28x28 network input
    (a missing or unreadable file reads as a gray square)."""

    def job(state: TaskState) -> SampleListing:
        store = SampleStore(root)
        samples = store.list()
        inputs = {s.id: _network_input(store, s) for s in samples} if with_inputs else {}
        return SampleListing(root, samples, store.rebuilt, inputs)

    return job


def delete_samples_job(root: Path, ids: list[str]) -> Job:
    """A job that deletes these samples of ``root`` and their files; it does not stop halfway when cancelled."""

    def job(state: TaskState) -> int:
        store = SampleStore(root)
        for sample_id in ids:
            store.delete(sample_id)
        return len(ids)

    return job


def _network_input(store: SampleStore, sample: Sample) -> np.ndarray:
    try:
        with Image.open(store.input_path(sample)) as img:
            return np.asarray(img.convert("L"))
    except OSError:
        return np.full((28, 28), 20, dtype=np.uint8)
