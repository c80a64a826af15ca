"""The installed PySide6 must not be a build that loses references to None (6.12.0 on Python 3.11 does)."""

import sys

from PySide6.QtCore import QObject


def test_calls_returning_none_keep_the_reference_count_of_none():
    probe = QObject()
    before = sys.getrefcount(None)
    for _ in range(1000):
        probe.setObjectName("probe")
    assert before - sys.getrefcount(None) < 100
