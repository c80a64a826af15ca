"""The predictor's single-image path (float64 on the CPU) gives the float32 model's answers."""

from __future__ import annotations

import numpy as np
import pytest

from lenet_gui.core.predictor import Predictor

pytestmark = pytest.mark.mnist


@pytest.mark.parametrize("variant", ["conv", "linear"])
def test_single_image_path_matches_the_float32_model(mnist, variant):
    predictor = Predictor.load(variant, device="cpu")
    images = 255 - mnist.test.images[:200].numpy()  # dark ink on white, as the canvas draws
    for image in images:
        prediction = predictor.predict(image)
        assert prediction.probabilities.dtype == np.float32
        expected = predictor.probabilities(prediction.preprocessed.tensor)[0]
        np.testing.assert_allclose(prediction.probabilities, expected, atol=1e-5)
        assert prediction.digit == int(expected.argmax())
        inside = predictor.predict(image, with_activations=True)
        np.testing.assert_allclose(inside.probabilities, expected, atol=1e-5)
        assert all(a.dtype == np.float32 for a in inside.activations.values())
