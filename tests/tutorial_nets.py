"""The reference tutorial's LeNet-5 ``Net`` in its two forms, written as the tutorial writes it, and its MNIST code."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import torch
import torch.nn.functional as F
from torch import nn
from torch.utils.data import DataLoader
from torchvision import datasets, transforms


class ConvNet(nn.Module):
    """C5 as conv3, a 5x5 convolution with 120 maps."""

    def __init__(self) -> None:
        super().__init__()
        self.conv1 = nn.Conv2d(1, 6, 5, padding=2)
        self.conv2 = nn.Conv2d(6, 16, 5)
        self.conv3 = nn.Conv2d(16, 120, 5)
        self.fc1 = nn.Linear(120, 84)
        self.fc2 = nn.Linear(84, 10)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        x = F.relu(F.max_pool2d(self.conv1(x), 2))
        x = F.relu(F.max_pool2d(self.conv2(x), 2))
        x = F.relu(self.conv3(x))
        x = x.view(-1, 120)
        x = F.relu(self.fc1(x))
        return F.log_softmax(self.fc2(x), dim=1)


class LinearNet(nn.Module):
    """C5 as fc1, a fully connected layer over the 400 flattened S4 values."""

    def __init__(self) -> None:
        super().__init__()
        self.conv1 = nn.Conv2d(1, 6, 5, padding=2)
        self.conv2 = nn.Conv2d(6, 16, 5)
        self.fc1 = nn.Linear(16 * 5 * 5, 120)
        self.fc2 = nn.Linear(120, 84)
        self.fc3 = nn.Linear(84, 10)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        x = F.relu(F.max_pool2d(self.conv1(x), 2))
        x = F.relu(F.max_pool2d(self.conv2(x), 2))
        x = x.view(-1, 16 * 5 * 5)
        x = F.relu(self.fc1(x))
        x = F.relu(self.fc2(x))
        return F.log_softmax(self.fc3(x), dim=1)


NETS: dict[str, type[nn.Module]] = {"conv": ConvNet, "linear": LinearNet}
TRANSFORM = transforms.Compose([transforms.ToTensor(), transforms.Normalize((0.1307,), (0.3081,))])


def train_tutorial_net(variant: str, root: Path, steps: int, seed: int = 0) -> nn.Module:
    """The tutorial's training loop (SGD with momentum, NLL loss), cut to ``steps`` batches of 64."""
    torch.manual_seed(seed)
    model = NETS[variant]()
    data = datasets.MNIST(str(root), train=True, download=False, transform=TRANSFORM)
    loader = DataLoader(data, batch_size=64, shuffle=True, generator=torch.Generator().manual_seed(seed))
    optimizer = torch.optim.SGD(model.parameters(), lr=0.01, momentum=0.9)
    model.train()
    with single_thread():
        for step, (images, labels) in enumerate(loader):
            if step == steps:
                break
            optimizer.zero_grad()
            F.nll_loss(model(images), labels).backward()
            optimizer.step()
    return model.eval()


@torch.no_grad()
def tutorial_accuracy(model: nn.Module, root: Path) -> float:
    """The tutorial's test loop: the share of test images whose arg-max is the label."""
    data = datasets.MNIST(str(root), train=False, download=False, transform=TRANSFORM)
    correct = 0
    with single_thread():
        for images, labels in DataLoader(data, batch_size=1000):
            correct += int(model(images).argmax(dim=1).eq(labels).sum())
    return correct / len(data)


@contextmanager
def single_thread() -> Iterator[None]:
    """One torch thread: for these small batches on a busy machine many times faster than two."""
    threads = torch.get_num_threads()
    torch.set_num_threads(1)
    try:
        yield
    finally:
        torch.set_num_threads(threads)
