"""The reference ("seed") recipe the app is measured against, reimplemented faithfully.

torchvision's MNIST dataset with per-sample ``ToTensor`` + ``Normalize``, a
``DataLoader`` of 64 shuffled samples (``num_workers=0``, as in the article),
LeNet-5 (the app's own model, so the architecture is identical), log-softmax +
NLL loss and SGD with lr 0.01 and momentum 0.5. Test accuracy comes from a
``DataLoader`` of 1000 with the same transforms.
"""

from __future__ import annotations

import time
from pathlib import Path

import torch
import torch.nn.functional as F
from torch.utils.data import DataLoader, Dataset, Subset
from torchvision import datasets, transforms

from lenet_gui.core.models import create_model

BATCH_SIZE = 64
TEST_BATCH_SIZE = 1000
LR = 0.01
MOMENTUM = 0.5
# Torch's own default, read before the app's trainer (which sets its own count) runs in the same process.
DEFAULT_THREADS = torch.get_num_threads()


def _head(dataset: Dataset, limit: int | None) -> Dataset:
    return dataset if limit is None else Subset(dataset, range(min(limit, len(dataset))))


class SeedRecipe:
    """One seed-recipe training run that advances an epoch at a time."""

    def __init__(
        self,
        root: Path,
        variant: str,
        train_limit: int | None = None,
        test_limit: int | None = None,
        seed: int = 0,
        threads: int | None = None,
    ) -> None:
        torch.manual_seed(seed)
        self.threads = threads or DEFAULT_THREADS
        transform = transforms.Compose([transforms.ToTensor(), transforms.Normalize((0.1307,), (0.3081,))])
        train_set = datasets.MNIST(str(root), train=True, download=False, transform=transform)
        test_set = datasets.MNIST(str(root), train=False, download=False, transform=transform)
        self.train_loader = DataLoader(_head(train_set, train_limit), batch_size=BATCH_SIZE, shuffle=True)
        self.test_loader = DataLoader(_head(test_set, test_limit), batch_size=TEST_BATCH_SIZE)
        self.model = create_model(variant)
        self.optimizer = torch.optim.SGD(self.model.parameters(), lr=LR, momentum=MOMENTUM)

    @property
    def train_images(self) -> int:
        return len(self.train_loader.dataset)

    def train_epoch(self) -> float:
        """Train one epoch; returns its wall time in seconds (data loading included)."""
        torch.set_num_threads(self.threads)
        self.model.train()
        start = time.perf_counter()
        for data, target in self.train_loader:
            self.optimizer.zero_grad()
            loss = F.nll_loss(self.model(data), target)
            loss.backward()
            self.optimizer.step()
        return time.perf_counter() - start

    @torch.no_grad()
    def evaluate(self) -> float:
        """Test accuracy (0..1)."""
        torch.set_num_threads(self.threads)
        self.model.eval()
        correct = 0
        for data, target in self.test_loader:
            correct += self.model(data).argmax(1).eq(target).sum().item()
        return correct / len(self.test_loader.dataset)
