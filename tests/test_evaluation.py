import pytest
import torch

from lenet_gui.core.data import Split
from lenet_gui.core.evaluation import EvaluationReport, evaluate_split
from lenet_gui.core.models import create_model


def report():
    labels = torch.tensor([0, 0, 1, 1, 2, 2])
    predicted = torch.tensor([0, 1, 1, 1, 0, 2])
    confidence = torch.tensor([0.9, 0.8, 0.7, 0.95, 0.99, 0.5])
    return EvaluationReport(labels, predicted, confidence)


def test_accuracy_and_confusion_rows_are_true_digits():
    r = report()
    assert r.accuracy == pytest.approx(4 / 6)
    c = r.confusion
    assert c.sum() == 6
    assert c[0, 1] == 1 and c[2, 0] == 1 and c[1, 1] == 2
    assert c.trace() == 4


def test_cells_and_confidently_wrong_are_sorted_by_confidence():
    r = report()
    assert r.cell(1, 1).tolist() == [3, 2]
    assert r.confidently_wrong(5).tolist() == [4, 1]
    assert r.confidently_wrong(1).tolist() == [4]


def test_evaluate_split_reports_progress_and_matches_argmax():
    torch.manual_seed(0)
    split = Split(torch.randint(0, 256, (2500, 28, 28), dtype=torch.uint8), torch.randint(0, 10, (2500,)))
    model = create_model("linear")
    seen = []
    r = evaluate_split(model, split, on_batch=lambda done, total: seen.append((done, total)))
    assert seen == [(1000, 2500), (2000, 2500), (2500, 2500)]
    assert r.confusion.sum() == 2500
    assert ((r.confidence > 0) & (r.confidence <= 1)).all()
