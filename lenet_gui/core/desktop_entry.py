"""The XDG desktop entry, so that the app appears in the desktop's launcher with its icon.

``lenet-gui install-desktop`` writes ``$XDG_DATA_HOME/applications/lenet-gui.desktop`` and the icon into
``$XDG_DATA_HOME/icons/hicolor/scalable/apps/`` (``XDG_DATA_HOME`` defaults to ``~/.local/share``), the
per-user places of the freedesktop.org Desktop Entry and Icon Theme specifications.
"""

from __future__ import annotations

import os
import shutil
import sys
from dataclasses import dataclass
from pathlib import Path

from lenet_gui.core.atomic import write_atomic
from lenet_gui.core.paths import APP_NAME, resource_path

ICON_FILE = f"{APP_NAME}.svg"


@dataclass(frozen=True)
class DesktopFiles:
    """Where the desktop entry and its icon go."""

    entry: Path
    icon: Path


def xdg_data_home() -> Path:
    """``$XDG_DATA_HOME`` when it is an absolute path (as the specification requires), else ``~/.local/share``."""
    value = os.environ.get("XDG_DATA_HOME", "")
    return Path(value) if os.path.isabs(value) else Path.home() / ".local" / "share"


def desktop_files(data_home: Path | None = None) -> DesktopFiles:
    """The entry's and the icon's paths under ``data_home`` (default :func:`xdg_data_home`)."""
    root = data_home or xdg_data_home()
    return DesktopFiles(
        root / "applications" / f"{APP_NAME}.desktop",
        root / "icons" / "hicolor" / "scalable" / "apps" / ICON_FILE,
    )


def launch_command() -> list[str]:
    """How the launcher starts the app: the ``lenet-gui`` script next to this Python, else ``python -m``."""
    script = Path(sys.executable).with_name(APP_NAME)
    if script.is_file():
        return [str(script)]
    found = shutil.which(APP_NAME)
    return [found] if found else [sys.executable, "-m", "lenet_gui"]


def exec_line(command: list[str]) -> str:
    """``command`` quoted for the Exec key: arguments with reserved characters in double quotes."""
    reserved = set(" \t\n\"'\\><~|&;$*?#()`")
    quoted = []
    for arg in command:
        if any(c in reserved for c in arg):
            escaped = "".join("\\" + c if c in '"`$\\' else c for c in arg)
            arg = f'"{escaped}"'
        quoted.append(arg.replace("%", "%%"))
    # The string is also read as a desktop-entry string value, where a backslash escapes.
    return " ".join(quoted).replace("\\", "\\\\")


def desktop_entry(command: list[str]) -> str:
    """The text of the .desktop file."""
    return "\n".join(
        [
            "[Desktop Entry]",
            "Type=Application",
            "Version=1.5",
            "Name=LeNet-5 Digit Pad",
            "Name[zh_CN]=LeNet-5 手写数字板",
            "GenericName=Handwritten digit recognizer",
            "Comment=Draw a digit; LeNet-5 reads it as you draw",
            f"Exec={exec_line(command)}",
            f"Icon={APP_NAME}",
            "Terminal=false",
            "Categories=Education;Science;ArtificialIntelligence;",
            "Keywords=digit;handwriting;MNIST;LeNet;neural network;",
            f"StartupWMClass={APP_NAME}",
            "",
        ]
    )


def install_desktop_entry(data_home: Path | None = None) -> DesktopFiles:
    """Write the desktop entry and the icon (atomically, replacing older ones); their paths."""
    files = desktop_files(data_home)
    write_atomic(files.icon, resource_path("icons", ICON_FILE).read_bytes())
    write_atomic(files.entry, desktop_entry(launch_command()).encode("utf-8"))
    return files


def remove_desktop_entry(data_home: Path | None = None) -> list[Path]:
    """Delete the desktop entry and the icon; the files that were there."""
    files = desktop_files(data_home)
    removed = [path for path in (files.entry, files.icon) if path.is_file()]
    for path in removed:
        path.unlink()
    return removed
