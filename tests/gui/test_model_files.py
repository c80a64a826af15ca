"""File > Open Model, dropping model files and File > Export Model, driven in the main window."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
import torch
from gui_drawing import draw_digit_with_mouse
from gui_waiting import wait_settled
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox
from test_cli import run
from test_interop import CreatesMarker
from tutorial_nets import NETS, ConvNet

from lenet_gui.core.predictor import Predictor
from lenet_gui.core.weights import load_for_variant, load_weights, user_path
from lenet_gui.gui.main_window import MainWindow


def tutorial_file(folder: Path, variant: str, name: str = "lenet.pth") -> tuple[Path, torch.nn.Module]:
    torch.manual_seed(7)
    net = NETS[variant]().eval()
    path = folder / name
    torch.save({"epoch": 1, "model_state_dict": net.state_dict()}, path)
    return path, net


def wait_for_model(qtbot, window: MainWindow, variant: str, source: str) -> None:
    qtbot.waitUntil(
        lambda: (
            window.model_state is not None
            and window.model_state.weights.meta.variant == variant
            and window.model_state.weights.source == source
        ),
        timeout=30_000,
    )


def drop(target, path: Path) -> bool:
    """Drag ``path`` over ``target`` and drop it there; True when the drag was accepted."""
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(path))])
    args = (Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    enter = QDragEnterEvent(QPoint(5, 5), *args)
    QApplication.sendEvent(target, enter)
    if enter.isAccepted():
        QApplication.sendEvent(target, QDropEvent(QPointF(5, 5), *args))
    return enter.isAccepted()


def test_open_model_makes_the_tutorials_net_the_active_model_until_reset(qtbot, window, tmp_path, monkeypatch):
    path, net = tutorial_file(tmp_path, "linear")
    assert window.variant == "conv"
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *args, **kwargs: (str(path), ""))
    window.commands.actionOpenModel.trigger()
    assert window.files.modelFiles.is_running()  # read and converted in a worker, not on the GUI thread
    wait_for_model(qtbot, window, "linear", "user")

    assert window.variant == "linear" and window.model.variantCombo.currentData() == "linear"
    # The worker reads the variants' labels after the model: they may arrive a moment later.
    qtbot.waitUntil(lambda: window.model.variantCombo.currentText().endswith("· imported"), timeout=10_000)
    assert window.model.weightsStatus.text() == "weights: your imported lenet.pth"
    assert "imported model lenet.pth" in window.statusBar().currentMessage()
    _, meta = load_weights(user_path("linear"), "linear")
    assert meta.imported["file"] == "lenet.pth" and meta.test_accuracy is not None  # measured on MNIST
    x = torch.randn(8, 1, 28, 28, generator=torch.Generator().manual_seed(0))
    expected = net(x).exp().detach().numpy()
    np.testing.assert_allclose(window.model_state.weights.state_dict["c5.weight"], net.fc1.weight.detach())
    np.testing.assert_allclose(Predictor(load_for_variant("linear"), "cpu").probabilities(x), expected, atol=1e-6)

    draw_digit_with_mouse(window.canvas, 3)
    wait_settled(qtbot, window)
    assert window.reading is not None and window.reading.digits

    window.reset_weights()
    wait_for_model(qtbot, window, "linear", "bundled")
    qtbot.waitUntil(lambda: window.model.variantCombo.currentText().endswith("%"), timeout=10_000)  # "· 99.55 %"
    assert window.model.weightsStatus.text() == "weights: bundled"


def test_dropping_model_files_on_the_canvas_or_the_window(qtbot, window, tmp_path):
    conv, _ = tutorial_file(tmp_path, "conv", "conv.pt")
    assert drop(window.canvas, conv)
    wait_for_model(qtbot, window, "conv", "user")
    assert window.canvas.is_empty()  # a model, not a picture
    assert window.model.weightsStatus.text() == "weights: your imported conv.pt"

    linear, _ = tutorial_file(tmp_path, "linear", "linear.pth")
    assert drop(window.model.variantCombo, linear)  # over the side panel: the window takes it
    wait_for_model(qtbot, window, "linear", "user")
    assert window.model.variantCombo.currentData() == "linear"
    assert user_path("conv").exists()  # each variant keeps its own imported model
    notes = tmp_path / "notes.txt"
    notes.write_text("not a model")
    assert not drop(window.model.variantCombo, notes)  # only model files are taken outside the canvas


@pytest.mark.parametrize("kind", ["whole-model", "trap", "other-network"])
def test_bad_model_files_show_the_command_lines_message(qtbot, capsys, window, tmp_path, kind):
    marker = tmp_path / "code-ran"
    path = tmp_path / "bad.pth"
    if kind == "whole-model":
        torch.save(ConvNet(), path)
    elif kind == "trap":
        torch.save({**ConvNet().state_dict(), "trap": CreatesMarker(marker)}, path)
    else:
        torch.save({"encoder.weight": torch.zeros(3, 3)}, path)
    window.files.open_model(str(path))
    qtbot.waitUntil(lambda: window.message_box is not None and window.message_box.isVisible(), timeout=30_000)
    code, _, err = run(capsys, "evaluate", "--weights", path)
    assert code == 1
    assert window.message_box.text() == err.strip().removeprefix("lenet-gui: error: ")
    assert window.message_box.windowTitle() == "Cannot open the model"
    assert not marker.exists()
    assert not user_path("conv").exists() and not user_path("linear").exists()
    assert window.model_state.weights.source == "bundled" and window.variant == "conv"


def test_export_model_writes_the_tutorials_layout_and_onnx(qtbot, window, tmp_path, monkeypatch):
    ort = pytest.importorskip("onnxruntime")
    variant = "linear"
    window.set_variant(variant)
    wait_for_model(qtbot, window, variant, "bundled")
    tutorial = tmp_path / "back"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(tutorial), window.tr(
        "PyTorch state dict in the tutorial's layout (*.pth)")))  # fmt: skip
    window.commands.actionExportModel.trigger()
    qtbot.waitUntil(lambda: not window.files.modelFiles.is_running(), timeout=30_000)
    assert tutorial.with_suffix(".pth").name in window.statusBar().currentMessage()
    net = NETS[variant]().eval()
    net.load_state_dict(torch.load(tutorial.with_suffix(".pth"), weights_only=True), strict=True)

    onnx_path = tmp_path / "lenet.onnx"  # the name decides over the file type chosen
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(onnx_path), window.tr(
        "PyTorch state dict in the tutorial's layout (*.pth)")))  # fmt: skip
    window.commands.actionExportModel.trigger()
    qtbot.waitUntil(lambda: not window.files.modelFiles.is_running(), timeout=60_000)
    assert str(onnx_path) in window.statusBar().currentMessage()
    x = torch.randn(16, 1, 28, 28, generator=torch.Generator().manual_seed(0))
    session = ort.InferenceSession(str(onnx_path), providers=["CPUExecutionProvider"])
    onnx_probs = np.exp(session.run(None, {"image": x.numpy()})[0])
    np.testing.assert_allclose(onnx_probs, net(x).exp().detach().numpy(), rtol=0, atol=1e-5)


def test_an_export_that_cannot_be_written_says_why(qtbot, window, tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("a file where a folder should be")
    assert window.files.export_model(str(blocker / "lenet.pth"), "tutorial")
    qtbot.waitUntil(lambda: window.message_box is not None and window.message_box.isVisible(), timeout=30_000)
    assert window.message_box.windowTitle() == "Cannot export the model"
    assert str(blocker / "lenet.pth") in window.message_box.text()
    assert isinstance(window.message_box, QMessageBox)
