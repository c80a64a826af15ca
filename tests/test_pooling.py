import torch
import torch.nn.functional as F

from lenet_gui.core.pooling import max_pool_2x2

CL = torch.channels_last


def grads(pool, x, g):
    x = x.detach().requires_grad_()
    out = pool(x)
    out.backward(g)
    return out, x.grad


def test_forward_equals_max_pool2d_in_bfloat16_channels_last_with_ties():
    x = torch.randn(8, 6, 28, 28).round(decimals=1).to(torch.bfloat16).contiguous(memory_format=CL)
    out = max_pool_2x2(x)
    assert torch.equal(out, F.max_pool2d(x, 2))
    assert out.is_contiguous(memory_format=CL)


def test_gradient_equals_max_pool2d_when_every_window_has_one_maximum():
    # 216 distinct integers: exact in bfloat16, so no ties anywhere.
    x = torch.randperm(216).float().view(1, 6, 6, 6).to(torch.bfloat16).contiguous(memory_format=CL)
    g = torch.randn(1, 6, 3, 3).to(torch.bfloat16).contiguous(memory_format=CL)
    out, grad = grads(max_pool_2x2, x, g)
    assert out.grad_fn.name() == "_MaxPool2x2Backward"  # the fast path, not torch's
    ref_out, ref_grad = grads(lambda t: F.max_pool2d(t, 2), x, g)
    assert torch.equal(out, ref_out)
    assert torch.equal(grad, ref_grad)
    assert grad.is_contiguous(memory_format=CL)


def test_on_ties_each_window_passes_its_gradient_to_exactly_one_element():
    x = torch.zeros(4, 6, 8, 8, dtype=torch.bfloat16).contiguous(memory_format=CL)
    x[:, :, 0::2, 1::2] = 1  # two equal maxima per window (top right, bottom right) in half the rows
    x[:, :, 4:] = 0  # and four equal zeros in the others
    g = torch.rand(4, 6, 4, 4).add(0.5).to(torch.bfloat16).contiguous(memory_format=CL)
    _, grad = grads(max_pool_2x2, x, g)
    windows = grad.float().unfold(2, 2, 2).unfold(3, 2, 2)  # B, C, 4, 4, 2, 2
    assert torch.equal(windows.sum((4, 5)), g.float())
    assert torch.equal((windows != 0).sum((4, 5)), torch.ones(4, 6, 4, 4, dtype=torch.long))
    assert torch.equal(grad[:, :, 0:4:2, 1::2], g[:, :, :2])  # the first maximum: top right
    assert torch.equal(grad[:, :, 4::2, 0::2], g[:, :, 2:])  # all equal: top left


def test_other_inputs_fall_back_to_torch():
    for x in (
        torch.randn(2, 6, 28, 28),  # float32
        torch.randn(2, 6, 28, 28, dtype=torch.bfloat16),  # not channels-last
        torch.randn(2, 6, 7, 9, dtype=torch.bfloat16).contiguous(memory_format=CL),  # odd sizes
    ):
        out = max_pool_2x2(x.requires_grad_())
        assert torch.equal(out, F.max_pool2d(x, 2))
        assert out.grad_fn.name() == "MaxPool2DWithIndicesBackward0"
