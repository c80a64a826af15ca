"""Start-up: time to the window, to the first prediction, of --help and of predict; peak memory of each.

Every figure comes from fresh processes, run several times in turn (round robin, so that a busy moment of
the machine hits every case alike), reported as medians, next to two baselines measured in the same run:
``python -c "import torch"`` and ``python -c "import PySide6.QtWidgets"``.

* window: ``lenet-gui`` until its main window is first exposed (offscreen unless --platform says otherwise;
  the app prints the moment when ``LENET_STARTUP_PROBE`` is set, see lenet_gui/gui/startup_probe.py);
* first prediction: ``lenet-gui`` draws a digit the moment the window is shown (the model is still
  loading then) until that drawing's prediction is on screen;
* help: ``lenet-gui --help`` until it exits;
* predict: ``lenet-gui predict one.png`` until it exits.

Peak memory is each process's maximum resident set size (``wait4``); for the app it is the run with the
first prediction, so the app after one drawing. Settings go to a temporary user folder.

    .venv/bin/python benchmarks/startup.py [--runs 5]
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageDraw

APP = [sys.executable, "-m", "lenet_gui"]
TIMEOUT_S = 180


@dataclass(frozen=True)
class Case:
    """One command to time: until it exits, or until it prints ``milestone=<time.time()>``."""

    name: str
    command: list[str]
    milestone: str | None = None
    probe: str | None = None  # LENET_STARTUP_PROBE for the app


@dataclass(frozen=True)
class Run:
    seconds: float
    peak_rss_mb: float


def run_once(case: Case, env: dict[str, str]) -> Run:
    """Start ``case`` in a fresh process and measure it; raises SystemExit when it fails."""
    if case.probe:
        env = {**env, "LENET_STARTUP_PROBE": case.probe}
    with tempfile.TemporaryFile("w+") as out, tempfile.TemporaryFile("w+") as err:
        started_wall, started = time.time(), time.perf_counter()
        proc = subprocess.Popen(case.command, stdout=out, stderr=err, env=env)
        killer = threading.Timer(TIMEOUT_S, proc.kill)
        killer.start()
        # wait4 rather than wait: it gives this one child's peak resident memory.
        _, status, usage = os.wait4(proc.pid, 0)
        elapsed = time.perf_counter() - started
        killer.cancel()
        proc.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        output, errors = out.read(), err.read()
    if proc.returncode != 0:
        raise SystemExit(f"{case.name}: exit status {proc.returncode}\n{errors[-2000:]}")
    if case.milestone is not None:
        stamps = [line.split("=", 1)[1] for line in output.splitlines() if line.startswith(f"{case.milestone}=")]
        if not stamps:
            raise SystemExit(f"{case.name}: the app printed no {case.milestone}\n{errors[-2000:]}")
        elapsed = float(stamps[0]) - started_wall
    return Run(elapsed, usage.ru_maxrss / 1024)  # ru_maxrss is in KiB on Linux


def digit_png(path: Path) -> Path:
    """A hand-drawn-looking 7, dark on white, as a user's image would be."""
    image = Image.new("L", (200, 200), 255)
    ImageDraw.Draw(image).line([(50, 40), (150, 40), (90, 170)], fill=0, width=14)
    image.save(path)
    return path


def cases(image: Path) -> list[Case]:
    return [
        Case("torch_import", [sys.executable, "-c", "import torch"]),
        Case("qt_import", [sys.executable, "-c", "import PySide6.QtWidgets"]),
        Case("help", [*APP, "--help"]),
        Case("predict", [*APP, "predict", str(image)]),
        Case("window", APP, milestone="window_shown", probe="window"),
        Case("first_prediction", APP, milestone="first_prediction", probe="prediction"),
    ]


def cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def main(argv: Sequence[str] | None = None) -> dict[str, float]:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--runs", type=int, default=5, help="fresh processes per case (default 5)")
    p.add_argument("--platform", default="offscreen", help="QT_QPA_PLATFORM of the app (default offscreen)")
    args = p.parse_args(argv)
    folder = Path(tempfile.mkdtemp(prefix="lenet-gui-startup-"))
    env = {**os.environ, "QT_QPA_PLATFORM": args.platform, "LENET_USER_DIR": str(folder / "user")}
    all_cases = cases(digit_png(folder / "seven.png"))
    runs: dict[str, list[Run]] = {case.name: [] for case in all_cases}
    print(f"machine: {os.cpu_count()} CPUs ({cpu_model()}), python {platform.python_version()}, Qt {args.platform}")
    for i in range(args.runs):
        for case in all_cases:
            runs[case.name].append(run_once(case, env))
        print(f"round {i + 1}/{args.runs}: " + ", ".join(f"{k} {v[-1].seconds:.2f} s" for k, v in runs.items()))

    seconds = {name: statistics.median(r.seconds for r in rs) for name, rs in runs.items()}
    rss = {name: statistics.median(r.peak_rss_mb for r in rs) for name, rs in runs.items()}
    print(f"medians of {args.runs} runs (min-max):")
    for name, rs in runs.items():
        low, high = min(r.seconds for r in rs), max(r.seconds for r in rs)
        print(f"  {name:17} {seconds[name]:6.2f} s ({low:.2f}-{high:.2f})   peak RSS {rss[name]:6.0f} MB")
    torch_s, torch_mb = seconds["torch_import"], rss["torch_import"]
    goals = [
        ("window shown", seconds["window"], 1.5, "s"),
        ("first prediction", seconds["first_prediction"], torch_s + 1.5, "s"),
        ("--help", seconds["help"], 0.5, "s"),
        ("predict one image", seconds["predict"], torch_s + 0.8, "s"),
        ("app after one drawing, peak RSS", rss["first_prediction"], torch_mb + 150, "MB"),
    ]
    print("goals of issue #13:")
    for label, value, goal, unit in goals:
        print(f"  {label:32} {value:7.2f} {unit} <= {goal:7.2f} {unit}: {'met' if value <= goal else 'NOT met'}")
    figures = {
        "window_s": seconds["window"],
        "first_prediction_s": seconds["first_prediction"],
        "help_s": seconds["help"],
        "predict_s": seconds["predict"],
        "torch_import_s": torch_s,
        "qt_import_s": seconds["qt_import"],
        "peak_rss_mb": rss["first_prediction"],
        "window_rss_mb": rss["window"],
        "help_rss_mb": rss["help"],
        "predict_rss_mb": rss["predict"],
        "torch_rss_mb": torch_mb,
        "qt_rss_mb": rss["qt_import"],
    }
    # Seconds to the millisecond, memory to the megabyte.
    print(" ".join(f"{k}={v:.3f}" if k.endswith("_s") else f"{k}={v:.0f}" for k, v in figures.items()))
    return figures


if __name__ == "__main__":
    main()
