"""Background jobs: typed signals, failures with their exception, cancel-and-replace; the newest-wins worker."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from PySide6.QtCore import Signal

from lenet_gui.errors import DataError, TrainingCancelled
from lenet_gui.gui.i18n import install_translators, remove_translators
from lenet_gui.gui.jobs.mnist import read_test_split_job
from lenet_gui.gui.newest_wins import NewestRequestWorker
from lenet_gui.gui.task_runner import TaskRunner, TaskState, failure_message


class PathRunner(TaskRunner):
    succeeded = Signal(Path)
    partial = Signal(int)


class Record:
    """Everything a runner emits, in order."""

    def __init__(self, runner: TaskRunner) -> None:
        self.events: list[tuple] = []
        runner.status.connect(lambda text: self.events.append(("status", text)))
        runner.progress.connect(lambda done, total: self.events.append(("progress", done, total)))
        runner.partial.connect(lambda value: self.events.append(("partial", value)))
        runner.succeeded.connect(lambda value: self.events.append(("succeeded", value)))
        runner.failed.connect(lambda error: self.events.append(("failed", error)))
        runner.cancelled.connect(lambda: self.events.append(("cancelled",)))
        runner.finished.connect(lambda: self.events.append(("finished",)))


def run_to_end(qtbot, runner: TaskRunner) -> None:
    qtbot.waitUntil(lambda: not runner.is_running(), timeout=10_000)


def test_each_report_comes_in_its_own_typed_signal(qtbot) -> None:
    runner = PathRunner("test")
    record = Record(runner)

    def job(state: TaskState) -> Path:
        state.set_status("working")
        state.set_progress(1, 2)
        state.report_partial(7)
        state.set_progress(2, 2)
        return Path("/result")

    runner.start(job)
    run_to_end(qtbot, runner)
    assert record.events == [
        ("status", "working"),
        ("progress", 1, 2),
        ("partial", 7),
        ("progress", 2, 2),
        ("succeeded", Path("/result")),
        ("finished",),
    ]


def test_a_failure_carries_the_exception(qtbot) -> None:
    runner = PathRunner("test")
    record = Record(runner)
    runner.start(lambda state: {}["missing"])
    run_to_end(qtbot, runner)
    (_, error), finished = record.events
    assert isinstance(error, KeyError) and finished == ("finished",)
    assert failure_message(error) == "KeyError: 'missing'"
    assert failure_message(DataError("MNIST not found in /x")) == "MNIST not found in /x"


def test_cancel_reaches_the_job(qtbot) -> None:
    runner = PathRunner("test")
    record = Record(runner)
    started = threading.Event()

    def job(state: TaskState) -> Path:
        started.set()
        while not state.is_cancelled():
            state.cancel.wait(0.01)
        raise TrainingCancelled("stopped")

    runner.start(job)
    assert started.wait(5)
    runner.cancel()
    run_to_end(qtbot, runner)
    assert record.events == [("cancelled",), ("finished",)]


def test_starting_a_job_cancels_and_replaces_the_running_one(qtbot) -> None:
    runner = PathRunner("test")
    record = Record(runner)
    first_started, release = threading.Event(), threading.Event()
    first_saw_cancel: list[bool] = []

    def first(state: TaskState) -> Path:
        first_started.set()
        release.wait(5)
        first_saw_cancel.append(state.is_cancelled())
        state.set_status("first, late")
        return Path("/first")

    def second(state: TaskState) -> Path:
        state.set_status("second")
        release.set()
        return Path("/second")

    runner.start(first)
    assert first_started.wait(5)
    runner.start(second)
    run_to_end(qtbot, runner)
    assert runner.stop()  # waits for the replaced job's thread too
    qtbot.wait(50)  # anything the first job still sent has arrived
    assert first_saw_cancel == [True]
    assert record.events == [("status", "second"), ("succeeded", Path("/second")), ("finished",)]


def test_job_status_texts_are_translated(qtbot, qapp, tmp_path) -> None:
    assert install_translators(qapp, "zh_CN")
    try:
        state = TaskState()
        texts: list[str] = []
        state.status.connect(texts.append)
        with pytest.raises(DataError):
            read_test_split_job(tmp_path)(state)  # reports what it does, then finds no MNIST
    finally:
        remove_translators(qapp)
    assert texts == ["正在读取 MNIST…"]


class Echo(NewestRequestWorker[str]):
    answered = Signal(int, str)

    def __init__(self) -> None:
        super().__init__("echo")
        self.serving = threading.Event()
        self.release = threading.Event()

    def serve(self, seq: int, request: str) -> None:
        self.serving.set()
        self.release.wait(5)
        self.answered.emit(seq, request.upper())


def test_the_newest_request_replaces_those_that_wait(qtbot) -> None:
    worker = Echo()
    answers: list[tuple[int, str]] = []
    worker.answered.connect(lambda seq, text: answers.append((seq, text)))
    worker.start()
    try:
        worker.request(1, "one")
        assert worker.serving.wait(5)  # busy with the first
        for seq, text in [(2, "two"), (3, "three"), (4, "four")]:
            worker.request(seq, text)
        assert worker.busy
        worker.release.set()
        qtbot.waitUntil(lambda: not worker.busy and len(answers) == 2, timeout=5_000)
    finally:
        worker.stop()
    assert answers == [(1, "ONE"), (4, "FOUR")]
    assert not worker.is_running()
