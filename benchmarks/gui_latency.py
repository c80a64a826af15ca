"""GUI latency: last mouse event to prediction on screen, and event-loop stalls while training runs.

The real main window runs offscreen. Sample digits are replayed as mouse
press/move/release events, one event per timer tick like a person drawing at
about 125 Hz; for each digit the time from its last mouse event to the moment
the answer to that drawing is shown is recorded (p50/p95). Then a training run
starts from the training dialog, exactly as the app runs it, and while it goes
on the same drawing continues and a 2 ms QTimer measures the longest gap
between its ticks: the longest time the GUI could not respond.

    .venv/bin/python benchmarks/gui_latency.py
"""

from __future__ import annotations

import dataclasses
import os
import tempfile
import time
from collections.abc import Iterator, Sequence

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import _bench_common as bench
import numpy as np
from PySide6.QtCore import QElapsedTimer, QEventLoop, QObject, QPoint, Qt, QTimer
from PySide6.QtTest import QTest

from lenet_gui.core.models import create_model
from lenet_gui.core.trainer import TrainConfig
from lenet_gui.core.weights import WeightsMeta, load_for_variant, save_weights, user_path
from lenet_gui.errors import WeightsError
from lenet_gui.gui.app import create_application
from lenet_gui.gui.main_window import MainWindow
from lenet_gui.gui.sample_digits import digit_strokes

MOUSE_INTERVAL_MS = 8
TICK_INTERVAL_MS = 2


class StrokeReplayer:
    """Draws digits on the window's canvas, one mouse event per timer tick, and times each answer.

    A digit's latency runs from the mouse event that made its last prediction request to the moment the
    answer to that request is shown.
    """

    def __init__(self, window: MainWindow, digits: int) -> None:
        self.window = window
        self.latencies_ms: list[float] = []
        self.done = False
        self._remaining = digits
        self._events: Iterator[tuple[str, QPoint]] = iter(())
        self._waiting_for: int | None = None
        self._requested_at: dict[int, float] = {}
        self._shown_at: dict[int, float] = {}
        self._digit = 0
        self._timer = QTimer(window, interval=MOUSE_INTERVAL_MS)
        self._timer.timeout.connect(self._tick)
        window.predictionShown.connect(self._on_shown)

    def start(self) -> None:
        self._next_digit()
        self._timer.start()

    def stop(self) -> None:
        self._timer.stop()
        self.done = True

    def _on_shown(self, seq: int) -> None:
        self._shown_at[seq] = time.perf_counter()

    def _next_digit(self) -> None:
        canvas = self.window.canvas
        self.window.commands.actionClear.trigger()
        shown = canvas.sheet_rect()
        margin = 0.12 * shown.width()
        area = shown.adjusted(margin, margin, -margin, -margin)
        events = []
        for stroke in digit_strokes(self._digit, area):
            points = [p.toPoint() for p in stroke]
            events.append(("press", points[0]))
            events.extend(("move", p) for p in points[1:])
            events.append(("release", points[-1]))
        self._digit = (self._digit + 1) % 10
        self._events = iter(events)

    def _tick(self) -> None:
        if self._waiting_for is not None:
            shown = self._shown_at.get(self._waiting_for)
            if shown is not None:
                self.latencies_ms.append((shown - self._requested_at[self._waiting_for]) * 1000.0)
                self._waiting_for = None
                self._remaining -= 1
                if self._remaining <= 0:
                    self.stop()
                else:
                    self._next_digit()
            return
        event = next(self._events, None)
        if event is None:  # the digit is complete: wait for the answer to its last request
            self._waiting_for = self.window.sent_sequence
            return
        canvas, before = self.window.canvas, self.window.sent_sequence
        kind, point = event
        if kind == "press":
            QTest.mousePress(canvas, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, point)
        elif kind == "move":
            QTest.mouseMove(canvas, point)
        else:
            QTest.mouseRelease(canvas, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, point)
        if self.window.sent_sequence != before:
            self._requested_at[self.window.sent_sequence] = time.perf_counter()


class StallMeter:
    """A fast QTimer; the longest gap between two of its ticks is the longest GUI stall."""

    def __init__(self, parent: QObject) -> None:
        self.max_gap_ms = 0.0
        self.gaps: list[float] = []
        self._clock = QElapsedTimer()
        self._timer = QTimer(parent, interval=TICK_INTERVAL_MS, timerType=Qt.TimerType.PreciseTimer)
        self._timer.timeout.connect(self._tick)

    def start(self) -> None:
        self._clock.start()
        self._timer.start()

    def stop(self) -> None:
        self._timer.stop()

    def _tick(self) -> None:
        gap = self._clock.nsecsElapsed() / 1e6
        self._clock.restart()
        self.gaps.append(gap)
        self.max_gap_ms = max(self.max_gap_ms, gap)


def wait_until(condition, timeout_s: float) -> bool:
    """Run the event loop until ``condition()`` holds or the time is up."""
    loop = QEventLoop()
    deadline = time.perf_counter() + timeout_s
    while not condition():
        if time.perf_counter() > deadline:
            return False
        loop.processEvents(QEventLoop.ProcessEventsFlag.WaitForMoreEvents, 20)
    return True


def ensure_weights(variant: str) -> str:
    """The weights the window will use; random-init ones in the private user folder when none are installed."""
    try:
        return load_for_variant(variant).description
    except WeightsError:
        model = create_model(variant)
        save_weights(user_path(variant), model.state_dict(), WeightsMeta(variant, note="random init for benchmarks"))
        return "random init (no weights installed; same speed)"


def main(argv: Sequence[str] | None = None) -> dict[str, float]:
    p = bench.parser(__doc__.splitlines()[0])
    p.add_argument("--strokes", type=int, default=40, help="digits drawn for the latency figures (default 40)")
    p.add_argument("--train-limit", type=int, default=20_000, help="training images for the stall run (default 20000)")
    args = p.parse_args(argv)
    os.environ["LENET_USER_DIR"] = tempfile.mkdtemp(prefix="lenet-gui-bench-")  # settings and weights stay private
    if args.data_dir:
        os.environ["LENET_DATA_DIR"] = args.data_dir
    weights = ensure_weights(args.variant)

    app = create_application()
    window = MainWindow(persist_geometry=False)
    window.resize(1040, 700)
    window.show()
    if not wait_until(lambda: window.model_state is not None, 30):
        raise SystemExit("the model did not load")
    window.set_variant(args.variant)
    wait_until(lambda: window.model_state.weights.meta.variant == args.variant, 30)
    print(bench.machine_summary())
    print(f"variant {args.variant}, weights {weights}, canvas {window.canvas.width()}x{window.canvas.height()} px")

    # Phase 1: drawing alone.
    replayer = StrokeReplayer(window, args.strokes)
    idle_meter = StallMeter(window)
    idle_meter.start()
    replayer.start()
    wait_until(lambda: replayer.done, 600)
    idle_meter.stop()
    idle = np.asarray(replayer.latencies_ms)
    print(
        f"drawing, no training: {len(idle)} digits, last mouse event -> answer shown "
        f"p50 {np.percentile(idle, 50):.1f} ms, p95 {np.percentile(idle, 95):.1f} ms, "
        f"longest GUI stall {idle_meter.max_gap_ms:.1f} ms"
    )

    # Phase 2: the same while the training dialog trains.
    window.dialogs.train_defaults = dataclasses.replace(
        TrainConfig(), variant=args.variant, epochs=1, train_limit=args.train_limit, test_limit=args.test_limit
    )
    dialog = window.dialogs.open_training()
    config = dialog.config()
    meter = StallMeter(window)
    busy = StrokeReplayer(window, 10**6)
    dialog.start()
    if not wait_until(lambda: dialog.progress.statsLabel.text().strip() != "", 120):  # first training progress
        raise SystemExit("training did not start")
    meter.start()
    busy.start()
    wait_until(lambda: not dialog.is_running(), 1800)
    meter.stop()
    busy.stop()
    trained = dialog.trained()
    during = np.asarray(busy.latencies_ms) if busy.latencies_ms else np.asarray([float("nan")])
    print(
        f"during training (batch {config.batch_size}, {config.threads} training thread(s)): "
        f"{len(busy.latencies_ms)} digits, p50 {np.percentile(during, 50):.1f} ms, "
        f"p95 {np.percentile(during, 95):.1f} ms, longest GUI stall {meter.max_gap_ms:.1f} ms "
        f"over {len(meter.gaps)} ticks; training {dialog.progress.statsLabel.text().strip()}, "
        f"{'finished' if trained else 'did not finish'}"
    )
    window.shutdown()
    window.close()
    window.deleteLater()
    app.processEvents()
    figures = {
        "p50_ms": float(np.percentile(idle, 50)),
        "p95_ms": float(np.percentile(idle, 95)),
        "train_p95_ms": float(np.percentile(during, 95)),
        "max_stall_ms": meter.max_gap_ms,
    }
    print(bench.result_line(**figures, train_threads=config.threads))
    return figures


if __name__ == "__main__":
    main()
