import pytest
import torch

from lenet_gui.core.convert import convert_state_dict, other_variant
from lenet_gui.core.models import create_model, parameter_count
from lenet_gui.core.variants import LAYER_SHAPES, VARIANTS, check_variant
from lenet_gui.errors import LenetError


@pytest.mark.parametrize("variant", list(VARIANTS))
def test_both_variants_have_the_reference_parameter_count(variant):
    assert parameter_count(create_model(variant)) == 61_706


@pytest.mark.parametrize("variant", list(VARIANTS))
def test_forward_gives_log_probabilities(variant):
    out = create_model(variant)(torch.randn(5, 1, 28, 28))
    assert out.shape == (5, 10)
    assert torch.allclose(out.exp().sum(1), torch.ones(5), atol=1e-5)


def test_activation_shapes_match_the_documented_layers():
    acts = create_model("conv").activations(torch.randn(2, 1, 28, 28))
    shapes = {k: tuple(v.shape[1:]) for k, v in acts.items()}
    assert shapes == {
        "C1": (6, 28, 28),
        "S2": (6, 14, 14),
        "C3": (16, 10, 10),
        "S4": (16, 5, 5),
        "C5": (120,),
        "F6": (84,),
        "OUTPUT": (10,),
    }
    assert set(LAYER_SHAPES) == set(acts)


def test_unknown_variant_is_a_clear_error():
    with pytest.raises(LenetError, match="unknown model variant 'big'"):
        check_variant("big")


@pytest.mark.parametrize("source", list(VARIANTS))
def test_conversion_round_trip_is_exact_on_random_inputs(source):
    torch.manual_seed(1)
    model = create_model(source)
    target = create_model(other_variant(source))
    target.load_state_dict(convert_state_dict(model.state_dict(), source))
    x = torch.randn(64, 1, 28, 28)
    assert (model(x) - target(x)).abs().max().item() <= 1e-5
    back = convert_state_dict(target.state_dict(), other_variant(source))
    assert all(torch.equal(back[k], v) for k, v in model.state_dict().items())


@pytest.mark.mnist
@pytest.mark.parametrize("source", list(VARIANTS))
def test_converted_bundled_weights_agree_on_the_whole_mnist_test_set(mnist, source):
    from lenet_gui.core.evaluation import predict_split
    from lenet_gui.core.weights import bundled_path, load_weights

    state, _ = load_weights(bundled_path(source), source)
    model, converted = create_model(source), create_model(other_variant(source))
    model.load_state_dict(state)
    converted.load_state_dict(convert_state_dict(state, source))
    probs = predict_split(model, mnist.test).exp()
    assert (probs - predict_split(converted, mnist.test).exp()).abs().max().item() <= 1e-5
    # In float64 the two forms agree to rounding: the conversion itself is exact. (In float32 the
    # log-probabilities of very sure answers, around -40, differ by up to ~2e-5 from summation order.)
    model.double()
    converted.double()
    x = (mnist.test.images[:2000].unsqueeze(1).double() / 255 - 0.1307) / 0.3081
    with torch.inference_mode():
        assert (model(x) - converted(x)).abs().max().item() <= 1e-10


@pytest.mark.parametrize("variant", list(VARIANTS))
def test_forward_activations_and_logits_are_one_pass(variant):
    torch.manual_seed(2)
    model = create_model(variant).eval()
    x = torch.randn(8, 1, 28, 28)
    with torch.inference_mode():
        logits, log_probs, layers = model.logits(x), model(x), model.activations(x)
        from_f6 = model.output(layers["F6"])
    assert torch.equal(log_probs, torch.log_softmax(logits, dim=1))
    assert torch.equal(layers["OUTPUT"], log_probs)
    assert torch.equal(from_f6, logits)


@pytest.mark.parametrize("source", list(VARIANTS))
def test_convert_weights_checks_agreement_and_dates_the_new_weights(source):
    from lenet_gui.core.convert import PROBE_INPUTS, convert_weights
    from lenet_gui.core.data import Split
    from lenet_gui.core.weights import WeightsMeta

    torch.manual_seed(3)
    split = Split(torch.randint(0, 256, (1500, 28, 28), dtype=torch.uint8), torch.randint(0, 10, (1500,)))
    model = create_model(source)
    meta = WeightsMeta(
        variant=source, test_accuracy=0.99, epochs=7, date="2020-01-02T03:04:05+00:00", imported={"file": "x.pth"}
    )
    reports: list[tuple[int, int]] = []
    drawing = torch.randn(1, 1, 28, 28)
    conversion = convert_weights(
        model.state_dict(), meta, drawing=drawing, test=split, on_batch=lambda d, n: reports.append((d, n))
    )
    target = other_variant(source)
    assert (conversion.source, conversion.target) == (source, target)
    assert torch.equal(conversion.state_dict["c5.weight"], convert_state_dict(model.state_dict(), source)["c5.weight"])
    assert conversion.probe_difference <= 1e-6 and conversion.drawing_difference <= 1e-6
    assert conversion.test_difference <= 1e-6 and conversion.test_disagreements == 0
    n = len(split)
    assert conversion.test_images == n and reports[-1] == (2 * n, 2 * n) and PROBE_INPUTS > 0
    new = conversion.meta
    assert (new.variant, new.test_accuracy, new.epochs) == (target, 0.99, 7)
    assert new.date != meta.date and meta.date in new.note and f"converted from {source}" in new.note
    assert not new.imported  # the converted file is not the imported one
