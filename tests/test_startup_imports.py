"""Start-up imports only what it uses: the command line and the main window load neither torch nor
torchvision (the window shows itself while the inference worker loads torch), and --help, --version and
usage errors answer without loading torch. Each check runs in a fresh interpreter."""

from __future__ import annotations

import ast
import subprocess
import sys

import pytest

HEAVY = ("torch", "torchvision", "pyqtgraph")


def loaded_after(code: str) -> list[str]:
    """The heavy libraries in ``sys.modules`` after a fresh interpreter ran ``code``."""
    probe = f"{code}\nimport sys\nprint(sorted(m for m in {HEAVY!r} if m in sys.modules))\n"
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True, timeout=120)
    return ast.literal_eval(done.stdout.strip().splitlines()[-1])


def test_importing_the_cli_and_the_main_window_loads_no_torch() -> None:
    code = (
        "import lenet_gui.cli, lenet_gui.gui.main_window, lenet_gui.gui.app\n"
        "from lenet_gui.cli import build_parser; build_parser()\n"
    )
    assert loaded_after(code) == []


@pytest.mark.parametrize(
    "args",
    [["--help"], ["--version"], ["train", "--help"], ["frobnicate"], ["predict"], ["train", "--epochs", "0"]],
    ids=["help", "version", "train-help", "unknown-command", "missing-argument", "bad-value"],
)
def test_help_version_and_usage_errors_answer_without_torch(args: list[str]) -> None:
    code = f"from lenet_gui.cli import main\ntry:\n    main({args!r})\nexcept SystemExit:\n    pass\n"
    assert loaded_after(code) == []
