"""The training dialog's right-hand side: live plots, progress bars, status, speed and the outcome of a run.

:class:`TrainingPlots` draws the loss of every batch and the test accuracy after every epoch;
:class:`TrainingProgress` adds the bars and the lines of text and writes a finished run's result.
"""

from __future__ import annotations

import pyqtgraph as pg
from PySide6.QtCore import Qt, Slot
from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QVBoxLayout, QWidget

from lenet_gui.core.finetune import FinetuneResult
from lenet_gui.core.trainer import Progress, TrainResult
from lenet_gui.gui.formatting import format_accuracy, format_duration

# Loss curves with this many points or fewer are drawn with markers.
FEW_POINTS = 3


class TrainingPlots(QWidget):
    """Two plots side by side, fed with the trainer's :class:`Progress` of one run at a time."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.lossPlot = self._make_plot(self.tr("Training loss"), self.tr("loss"))
        self.accuracyPlot = self._make_plot(self.tr("Test accuracy"), "%")
        self.lossCurve = self.lossPlot.plot([], [], pen=pg.mkPen((31, 119, 180), width=2))
        self.accuracyCurve = self.accuracyPlot.plot(
            [], [], pen=pg.mkPen((44, 160, 44), width=2), symbol="o", symbolSize=7, symbolBrush=(44, 160, 44)
        )
        self._loss_points: tuple[list[float], list[float]] = ([], [])
        self._accuracy_points: tuple[list[float], list[float]] = ([], [])
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.lossPlot)
        layout.addWidget(self.accuracyPlot)

    def _make_plot(self, title: str, unit: str) -> pg.PlotWidget:
        plot = pg.PlotWidget(background="w")
        plot.setTitle(title, color="#333", size="10pt")
        plot.setLabel("bottom", self.tr("epoch"), color="#555")
        plot.setLabel("left", unit, color="#555")
        for side in ("bottom", "left"):  # no "(x0.001)" prefix on fractional epochs
            plot.getAxis(side).enableAutoSIPrefix(False)
        plot.showGrid(x=True, y=True, alpha=0.25)
        plot.setMinimumSize(260, 200)
        plot.setMouseEnabled(x=False, y=False)
        plot.hideButtons()
        return plot

    def clear(self) -> None:
        """Empty both plots for a new run, forgetting the previous run's ranges."""
        self._loss_points, self._accuracy_points = ([], []), ([], [])
        self.lossCurve.setData([], [])
        self.accuracyCurve.setData([], [])
        for plot in (self.lossPlot, self.accuracyPlot):
            plot.enableAutoRange()

    def add(self, p: Progress) -> None:
        """Add the loss of the batch ``p`` reports, and the test accuracy when an epoch ended."""
        xs, ys = self._loss_points
        xs.append(p.epoch - 1 + p.batch / max(p.batches, 1))
        ys.append(p.loss)
        # A run of a batch or two has one or two loss points, which draw no visible line: mark them.
        self.lossCurve.setData(xs, ys, symbol="o" if len(xs) <= FEW_POINTS else None, symbolSize=6)
        if p.test_accuracy is not None:
            ax, ay = self._accuracy_points
            ax.append(p.epoch)
            ay.append(100 * p.test_accuracy)
            self.accuracyCurve.setData(ax, ay)


class TrainingProgress(QWidget):
    """The plots, an epoch and a run progress bar, a status line, a speed line and the result of a run."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.plots = TrainingPlots()
        self.epochBar = QProgressBar(objectName="epochBar", format=self.tr("Epoch %p %"))
        self.totalBar = QProgressBar(objectName="totalBar", format=self.tr("Run %p %"))
        self.statusLabel = QLabel(self.tr("Ready."), objectName="statusLabel", wordWrap=True)
        self.statsLabel = QLabel(" ", objectName="statsLabel")
        self.resultLabel = QLabel(objectName="resultLabel", wordWrap=True, textFormat=Qt.TextFormat.RichText)
        # Room for the result from the start: a label that grows when training ends re-lays out and
        # repaints the whole dialog, plots included, in one go (a visible hitch in the drawing).
        self.resultLabel.setMinimumHeight(2 * self.resultLabel.fontMetrics().lineSpacing())
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.plots, 1)
        for widget in (self.epochBar, self.totalBar, self.statusLabel, self.statsLabel, self.resultLabel):
            layout.addWidget(widget)

    @Slot(str)
    def set_status(self, text: str) -> None:
        """Say what is going on."""
        self.statusLabel.setText(text)

    def set_busy(self, busy: bool) -> None:
        """A busy indicator for work that reports no progress (a download), or the epoch's percentage again."""
        self.epochBar.setRange(0, 0 if busy else 100)

    def clear(self) -> None:
        """Empty the plots, the bars and the lines of a previous run."""
        self.plots.clear()
        self.epochBar.setValue(0)
        self.totalBar.setValue(0)
        self.resultLabel.clear()
        self.statsLabel.setText(" ")

    def stopped(self, status: str) -> None:
        """The run ended without a result (cancelled or failed): no "time left" any more, and why."""
        self.set_busy(False)
        self.statsLabel.setText(" ")
        self.statusLabel.setText(status)

    @Slot(Progress)
    def show_progress(self, p: Progress) -> None:
        """The trainer's progress: status, bars, loss, speed, time left and the plots."""
        if p.message:
            self.statusLabel.setText(p.message)
        else:
            self.statusLabel.setText(self.tr("Training epoch {e} of {n}…").format(e=p.epoch, n=p.epochs))
        self.epochBar.setValue(round(100 * p.batch / max(p.batches, 1)))
        self.totalBar.setValue(round(100 * p.fraction))
        left = p.elapsed_s * (1 - p.fraction) / p.fraction if p.fraction > 0 else 0.0
        self.statsLabel.setText(
            self.tr("loss {loss:.4f}  ·  {ips:,.0f} images/s  ·  {left} left").format(
                loss=p.loss, ips=p.images_per_s, left=format_duration(left)
            )
        )
        self.plots.add(p)

    def show_train_result(self, result: TrainResult, test_limit: int | None, old: str) -> None:
        """The new test accuracy next to ``old``, that of the weights it would replace."""
        tested = "" if test_limit is None else self.tr(" on the first {n:,} test images").format(n=test_limit)
        self.resultLabel.setText(
            self.tr("New test accuracy: <b>{new}</b>{tested} &nbsp;·&nbsp; current weights: {old}").format(
                new=format_accuracy(result.test_accuracy), tested=tested, old=old
            )
        )

    def show_finetune_result(self, result: FinetuneResult) -> None:
        """The accuracies before and after fine-tuning, on MNIST and on the held-out samples."""
        self.statusLabel.setText(self.tr("Fine-tuning finished. Keep the new weights or discard them."))
        lines = [
            self.tr("MNIST test: <b>{after}</b> after, {before} before").format(
                after=format_accuracy(result.mnist_after), before=format_accuracy(result.mnist_before)
            )
        ]
        if result.personal_before is None:
            lines.append(self.tr("No held-out samples to measure on: add at least 3 samples of a digit."))
        else:
            lines.append(
                self.tr("Your {n} held-out samples: <b>{after}</b> after, {before} before").format(
                    n=result.held_out,
                    after=format_accuracy(result.personal_after),
                    before=format_accuracy(result.personal_before),
                )
            )
        lines.append(self.tr("Trained on {n} of your samples mixed with MNIST.").format(n=result.trained_on))
        self.resultLabel.setText("<br>".join(lines))
