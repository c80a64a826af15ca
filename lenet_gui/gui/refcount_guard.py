"""A guard against PySide6 builds that drop a reference to None/True/False on every call.

PySide6 6.12.0 on Python 3.11 (the abi3 wheel) returns None and the bools
without taking a reference, so each call such as ``widget.update()`` lowers
their reference counts by one; after some minutes of drawing CPython aborts
with "Fatal Python error: none_dealloc". Python 3.12 made these objects
immortal; on older Pythons, when the defect is detected, their counts are
raised so far that the leak can never bring them to zero. Nothing happens on
builds without the defect.
"""

from __future__ import annotations

import ctypes
import sys

from PySide6.QtCore import QObject

# Far more calls than any session makes, far from overflowing a 64-bit count.
_HEADROOM = 1 << 60
_PROBE_CALLS = 64


def pyside_leaks_none() -> bool:
    """Whether calling a PySide method that returns None loses a reference to None."""
    probe = QObject()
    before = sys.getrefcount(None)
    for _ in range(_PROBE_CALLS):
        probe.setObjectName("probe")
    return before - sys.getrefcount(None) >= _PROBE_CALLS // 2


def install() -> bool:
    """Protect None, True and False if this PySide build leaks them; True when the guard was needed."""
    if sys.version_info >= (3, 12) or sys.implementation.name != "cpython" or not pyside_leaks_none():
        return False
    for singleton in (None, True, False):
        # ob_refcnt is the first field of every CPython object.
        ctypes.c_ssize_t.from_address(id(singleton)).value += _HEADROOM
    return True
