"""Fine-tuning on personal samples of a style the network does not read: a 4 written as a closed box with a stem."""

import numpy as np
import pytest
import torch
from PIL import Image, ImageDraw

from lenet_gui.core.data import Split
from lenet_gui.core.finetune import FinetuneConfig, finetune, mixed_training_set, split_held_out
from lenet_gui.core.preprocess import preprocess
from lenet_gui.core.weights import bundled_path, load_for_variant, user_path
from lenet_gui.errors import TrainingError


def closed_four(rng: np.random.Generator) -> np.ndarray:
    """A 4 whose top is closed by a bar, a box on a stem (the bundled network reads it as 7), drawn with jitter."""
    img = Image.new("L", (200, 200), 255)
    draw = ImageDraw.Draw(img)
    width = int(rng.integers(10, 18))

    def jitter(x, y):
        return (x + rng.normal(0, 6), y + rng.normal(0, 6))

    for stroke in ([(60, 30), (60, 110), (150, 110)], [(130, 40), (130, 175)], [(60, 30), (130, 40)]):
        draw.line([jitter(x, y) for x, y in stroke], fill=0, width=width, joint="curve")
    return preprocess(np.asarray(img.rotate(rng.uniform(-10, 10), fillcolor=255))).image


def personal_fours(n: int, seed: int) -> Split:
    rng = np.random.default_rng(seed)
    images = torch.from_numpy(np.stack([closed_four(rng) for _ in range(n)]))
    return Split(images, torch.full((n,), 4, dtype=torch.int64))


@pytest.fixture
def weights():
    if not bundled_path("conv").exists():
        pytest.skip("bundled weights not trained yet")
    return load_for_variant("conv")


def test_held_out_part_is_taken_per_digit_and_leaves_samples_to_train_on():
    labels = torch.tensor([0] * 10 + [1] * 5 + [2])
    samples = Split(torch.arange(16, dtype=torch.uint8).view(16, 1, 1).expand(16, 28, 28), labels)
    train, held = split_held_out(samples, 0.2, seed=1)
    assert sorted(held.labels.tolist()) == [0, 0, 1]
    assert sorted(train.labels.tolist()) == [0] * 8 + [1] * 4 + [2]
    together = torch.cat([train.images[:, 0, 0], held.images[:, 0, 0]]).sort().values
    assert together.tolist() == list(range(16))  # every sample in exactly one part


def test_personal_samples_are_oversampled_to_their_share(mnist):
    personal = personal_fours(10, seed=0)
    mixed = mixed_training_set(mnist.train, personal, FinetuneConfig(mnist_images=900, personal_share=0.25))
    assert len(mixed) == 900 + 30 * 10
    assert np.isclose((len(mixed) - 900) / len(mixed), 0.25)


def test_finetuning_learns_the_new_style_and_keeps_mnist(mnist, weights):
    samples = personal_fours(150, seed=0)
    config = FinetuneConfig(epochs=2, mnist_images=10000, held_out=0.2, device="cpu")
    result = finetune(weights, samples, mnist, config)
    assert (result.trained_on, result.held_out) == (120, 30)
    assert result.personal_before < 0.8  # the style is new to the network
    assert result.personal_after >= 0.95
    assert abs(result.mnist_after - result.mnist_before) <= 0.003  # all 10,000 MNIST test images
    assert result.meta.variant == "conv" and "fine-tuned on 120 personal samples" in result.meta.note
    assert not user_path("conv").exists()  # keeping the result is the caller's decision


def test_finetuning_without_samples_is_refused(mnist, weights):
    empty = Split(torch.zeros(0, 28, 28, dtype=torch.uint8), torch.zeros(0, dtype=torch.int64))
    with pytest.raises(TrainingError, match="no personal samples"):
        finetune(weights, empty, mnist)
