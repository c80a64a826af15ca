"""``lenet-gui install-desktop``: an XDG desktop entry and the icon, where the specifications put them."""

from __future__ import annotations

import configparser
import os
import shlex
from pathlib import Path

import pytest

from lenet_gui.cli import main
from lenet_gui.core.desktop_entry import exec_line
from lenet_gui.core.paths import resource_path


def read_entry(path: Path) -> configparser.SectionProxy:
    parser = configparser.ConfigParser(interpolation=None)
    parser.optionxform = str  # keys are case-sensitive
    parser.read(path, encoding="utf-8")
    return parser["Desktop Entry"]


def test_the_icon_is_a_real_svg() -> None:
    icon = resource_path("icons", "lenet-gui.svg")
    assert icon.is_file() and b"<svg" in icon.read_bytes()


def test_install_writes_the_entry_and_the_icon_under_xdg_data_home(tmp_path, monkeypatch, capsys) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "share"))
    assert main(["install-desktop"]) == 0
    entry = tmp_path / "share" / "applications" / "lenet-gui.desktop"
    icon = tmp_path / "share" / "icons" / "hicolor" / "scalable" / "apps" / "lenet-gui.svg"
    assert str(entry) in capsys.readouterr().out
    assert icon.read_bytes() == resource_path("icons", "lenet-gui.svg").read_bytes()
    values = read_entry(entry)
    assert values["Type"] == "Application" and values["Icon"] == "lenet-gui" and values["Terminal"] == "false"
    program = shlex.split(values["Exec"])[0]
    assert os.access(program, os.X_OK), program  # the launcher can start it

    assert main(["install-desktop"]) == 0  # again: replaced, not duplicated
    assert len(list((tmp_path / "share" / "applications").iterdir())) == 1
    capsys.readouterr()
    assert main(["install-desktop", "--remove"]) == 0
    assert not entry.exists() and not icon.exists()
    assert f"removed {entry}" in capsys.readouterr().out
    assert main(["install-desktop", "--remove"]) == 0
    assert "no desktop entry was installed" in capsys.readouterr().out


def test_without_xdg_data_home_the_entry_goes_to_local_share(tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.setenv("XDG_DATA_HOME", "relative/paths/are/ignored")  # as the specification says
    assert main(["install-desktop"]) == 0
    assert (tmp_path / ".local" / "share" / "applications" / "lenet-gui.desktop").is_file()


def test_an_unwritable_folder_is_one_error_line(tmp_path, monkeypatch, capsys) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("a file where the folder should be")
    monkeypatch.setenv("XDG_DATA_HOME", str(blocker))
    assert main(["install-desktop"]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith("lenet-gui: error: cannot write the desktop entry")


@pytest.mark.parametrize(
    ("command", "expected"),
    [
        (["/usr/bin/lenet-gui"], "/usr/bin/lenet-gui"),
        (["/home/a b/venv/bin/lenet-gui"], '"/home/a b/venv/bin/lenet-gui"'),
        (["/opt/100%/python", "-m", "lenet_gui"], "/opt/100%%/python -m lenet_gui"),
        (['/x/"q"$/python'], '"/x/\\\\"q\\\\"\\\\$/python"'),
    ],
)
def test_exec_lines_are_quoted_as_the_desktop_entry_specification_says(command, expected) -> None:
    assert exec_line(command) == expected
