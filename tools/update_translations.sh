#!/bin/sh
# Refresh the Chinese .ts from the GUI sources (keeps existing translations), then compile the .qm the app ships.
# Translate new entries (marked unfinished) with pyside6-linguist or by editing the .ts, then run this again.
set -e
cd "$(dirname "$0")/.."
BIN="${VENV:-.venv}/bin"
"$BIN/pyside6-lupdate" lenet_gui/gui/*.py lenet_gui/gui/*/*.py -ts resources/i18n/lenet_gui_zh_CN.ts -no-obsolete
"$BIN/pyside6-lrelease" resources/i18n/lenet_gui_zh_CN.ts -qm resources/i18n/lenet_gui_zh_CN.qm
