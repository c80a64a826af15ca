"""Personal samples: the user's own drawings with the digit they meant, for fine-tuning.

Format of a samples folder (default ``user_dir()/samples``)::

    index.json            {"format": "lenet-gui-samples/1", "samples": [entry, ...]}
    <digit>/<id>.png      the drawing as it was on the canvas (gray, RGB or RGBA)
    <digit>/<id>-input.png  the 28x28 network input (white ink on black, as MNIST)

Each entry is ``{"id", "label", "created" (UTC ISO time), "preprocessing_version"}``.
The index is the list of samples; files are written before the index and
removed after it, every write is atomic (a temporary file, then a rename), so
a crash never leaves an index entry without its files. An index that cannot be
read is set aside (renamed ``index.json.unreadable-<time>``) and rebuilt from the
drawings, which are the samples; :attr:`SampleStore.rebuilt` says so.
"""

from __future__ import annotations

import io
import json
import os
import secrets
from dataclasses import asdict, dataclass
from datetime import datetime, timezone
from pathlib import Path

import numpy as np
from PIL import Image

from lenet_gui.core.atomic import write_atomic
from lenet_gui.core.data import Split
from lenet_gui.core.paths import user_dir
from lenet_gui.core.preprocess import PREPROCESSING_VERSION, Preprocessed, preprocess
from lenet_gui.errors import DataError, ImageError

FORMAT = "lenet-gui-samples/1"
INDEX = "index.json"


def default_samples_dir() -> Path:
    """Where the app keeps the user's samples."""
    return user_dir() / "samples"


@dataclass(frozen=True)
class Sample:
    """One stored drawing with its label."""

    id: str
    label: int
    created: str
    preprocessing_version: int = PREPROCESSING_VERSION


class SampleStore:
    """The personal samples in one folder."""

    def __init__(self, root: str | os.PathLike[str] | None = None) -> None:
        self.root = Path(root) if root is not None else default_samples_dir()
        self.rebuilt: str | None = None  # set when the last read found the index unreadable and rebuilt it

    def original_path(self, sample: Sample) -> Path:
        return self.root / str(sample.label) / f"{sample.id}.png"

    def input_path(self, sample: Sample) -> Path:
        return self.root / str(sample.label) / f"{sample.id}-input.png"

    def add(self, image: np.ndarray | Image.Image, label: int, pre: Preprocessed | None = None) -> Sample:
        """Store a drawing as a sample of ``label``; ``pre`` is its preprocessing when already done."""
        if not (isinstance(label, int | np.integer) and 0 <= label <= 9):
            raise DataError(f"a sample's label must be a digit 0-9, got {label!r}")
        pre = pre if pre is not None else preprocess(image)
        if pre is None:
            raise ImageError("the drawing is empty: there is no digit to store")
        created = datetime.now(timezone.utc)
        sample = Sample(
            f"{created:%Y%m%d-%H%M%S}-{secrets.token_hex(3)}", int(label), created.isoformat(timespec="seconds")
        )
        original = image if isinstance(image, Image.Image) else Image.fromarray(np.asarray(image))
        try:
            write_atomic(self.original_path(sample), _png(original))
            write_atomic(self.input_path(sample), _png(Image.fromarray(pre.image)))
            self._write_index([*self.list(), sample])
        except OSError as exc:
            raise DataError(f"could not store the sample in {self.root}: {exc.strerror or exc}") from exc
        return sample

    def list(self, digit: int | None = None) -> list[Sample]:
        """Samples in the order they were stored (only those of ``digit`` when given)."""
        samples = self._read_index()
        return [s for s in samples if digit is None or s.label == digit]

    def counts(self) -> dict[int, int]:
        """Number of samples of every digit 0-9."""
        counts = dict.fromkeys(range(10), 0)
        for s in self.list():
            counts[s.label] += 1
        return counts

    def delete(self, sample_id: str) -> None:
        """Remove a sample and its files (no error when it is already gone)."""
        samples = self.list()
        gone = [s for s in samples if s.id == sample_id]
        try:
            self._write_index([s for s in samples if s.id != sample_id])
            for s in gone:
                self.original_path(s).unlink(missing_ok=True)
                self.input_path(s).unlink(missing_ok=True)
        except OSError as exc:
            raise DataError(f"could not delete sample {sample_id} in {self.root}: {exc.strerror or exc}") from exc

    def load_split(self) -> Split:
        """Every sample as a :class:`Split` (28x28 uint8 network inputs and labels).

        Samples stored with another preprocessing version are preprocessed again from the original.
        """
        import torch

        samples = self.list()
        images = np.zeros((len(samples), 28, 28), dtype=np.uint8)
        for i, s in enumerate(samples):
            images[i] = self._network_input(s)
        return Split(torch.from_numpy(images), torch.tensor([s.label for s in samples], dtype=torch.int64))

    def _network_input(self, sample: Sample) -> np.ndarray:
        try:
            if sample.preprocessing_version == PREPROCESSING_VERSION:
                with Image.open(self.input_path(sample)) as img:
                    return np.asarray(img.convert("L"))
            with Image.open(self.original_path(sample)) as img:
                pre = preprocess(img)
        except OSError as exc:
            raise DataError(f"sample {sample.id} in {self.root} cannot be read: {exc}") from exc
        if pre is None:
            raise DataError(f"sample {sample.id} in {self.root} holds no digit")
        return pre.image

    def _read_index(self) -> list[Sample]:
        self.rebuilt = None
        path = self.root / INDEX
        if not path.exists():
            return []
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            if data.get("format") != FORMAT:
                raise ValueError(f"format {data.get('format')!r}, expected {FORMAT!r}")
            samples = [Sample(**entry) for entry in data["samples"]]
            if not all(isinstance(s.id, str) and isinstance(s.label, int) and 0 <= s.label <= 9 for s in samples):
                raise ValueError("an entry without a text id or a digit label")
            return samples
        except (OSError, ValueError, KeyError, TypeError, AttributeError) as exc:
            return self._rebuild_index(path, exc)

    def _rebuild_index(self, path: Path, reason: Exception) -> list[Sample]:
        """Set the unreadable index aside and write a new one listing the drawings found in the digit folders."""
        aside = path.with_name(f"{INDEX}.unreadable-{datetime.now(timezone.utc):%Y%m%d-%H%M%S}")
        samples = self._scan()
        try:
            path.replace(aside)
            self._write_index(samples)
        except OSError as exc:
            raise DataError(
                f"the samples index {path} is unreadable ({reason}) and cannot be rebuilt: {exc.strerror or exc}"
            ) from exc
        self.rebuilt = (
            f"the samples index {path} was unreadable ({reason}); it was rebuilt from the {len(samples)} "
            f"drawings in {self.root}, and the unreadable file kept as {aside.name}"
        )
        return samples

    def _scan(self) -> list[Sample]:
        """The samples whose drawings are in the digit folders, oldest first."""
        found = []
        for label in range(10):
            folder = self.root / str(label)
            for png in folder.glob("*.png") if folder.is_dir() else []:
                if png.stem.endswith("-input"):
                    continue
                # Which preprocessing made the stored network input is unknown now: version 0 makes
                # load_split() preprocess the drawing again.
                found.append(Sample(png.stem, label, _created(png), preprocessing_version=0))
        return sorted(found, key=lambda s: (s.created, s.id))

    def _write_index(self, samples: list[Sample]) -> None:
        data = {"format": FORMAT, "samples": [asdict(s) for s in samples]}
        write_atomic(self.root / INDEX, json.dumps(data, indent=1).encode("utf-8"))


def _created(png: Path) -> str:
    """When a sample was stored: from its id ("20250101-120000-..."), else from the file's time."""
    try:
        created = datetime.strptime(png.stem[:15], "%Y%m%d-%H%M%S").replace(tzinfo=timezone.utc)
    except ValueError:
        created = datetime.fromtimestamp(png.stat().st_mtime, timezone.utc).replace(microsecond=0)
    return created.isoformat(timespec="seconds")


def _png(image: Image.Image) -> bytes:
    buf = io.BytesIO()
    image.save(buf, format="PNG")
    return buf.getvalue()
