"""The core and the command line never pull in Qt: only lenet_gui/gui/ may."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "lenet_gui"
GUI_LIBRARIES = ("PySide6", "PyQt5", "PyQt6", "shiboken6", "superqt", "pyqtgraph", "qtpy")


def imported_modules(path: Path) -> set[str]:
    """Every module ``path`` imports, at any depth of the file (lazy imports included)."""
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


def test_no_module_outside_the_gui_imports_a_gui_library():
    outside = [p for p in PACKAGE.rglob("*.py") if "gui" not in p.relative_to(PACKAGE).parts[:-1]]
    assert PACKAGE / "core" / "preprocess.py" in outside and PACKAGE / "cli.py" in outside
    offenders = {
        str(p.relative_to(PACKAGE)): sorted(m for m in imported_modules(p) if m.split(".")[0] in GUI_LIBRARIES)
        for p in outside
    }
    assert {k: v for k, v in offenders.items() if v} == {}


def test_the_core_never_imports_the_gui_package():
    offenders = [
        str(p.relative_to(PACKAGE))
        for p in (PACKAGE / "core").rglob("*.py")
        if any(m == "lenet_gui.gui" or m.startswith("lenet_gui.gui.") for m in imported_modules(p))
    ]
    assert offenders == []


def test_importing_the_core_and_the_cli_loads_no_gui_library():
    modules = sorted(f"lenet_gui.core.{p.stem}" for p in (PACKAGE / "core").glob("*.py") if p.stem != "__init__")
    code = (
        "import importlib, sys\n"
        f"for name in {[*modules, 'lenet_gui.cli']!r}: importlib.import_module(name)\n"
        "from lenet_gui.cli import build_parser; build_parser()\n"
        f"print(sorted(m for m in sys.modules if m.split('.')[0] in {GUI_LIBRARIES!r}))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"
