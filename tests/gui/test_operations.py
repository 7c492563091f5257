"""Core calls off the GUI thread: results come back on it, changes are announced once."""

import threading

import pytest
import shiboken6
from PySide6.QtCore import QThread
from PySide6.QtWidgets import QApplication, QProgressDialog, QWidget

from oneaqita.errors import ValidationError
from oneaqita.services.changes import Change, Entity
from ui.operations import ChangeOp, QueryOp, change_hub, run_with_progress, running_operations


def test_query_runs_on_a_worker_and_answers_on_the_gui_thread(qtbot) -> None:
    gui = QApplication.instance().thread()
    ran_on: list[QThread] = []
    answered_on: list[QThread] = []

    def call() -> int:
        ran_on.append(QThread.currentThread())
        return 42

    results: list[int] = []

    def success(value: int) -> None:
        answered_on.append(QThread.currentThread())
        results.append(value)

    QueryOp(None, call).success(success).run()
    qtbot.waitUntil(lambda: results == [42], timeout=5000)
    assert ran_on[0] is not gui
    assert answered_on[0] is gui
    assert running_operations() == 0


def test_failure_goes_to_the_failure_callback(qtbot) -> None:
    errors: list[BaseException] = []

    def fail() -> None:
        raise ValidationError("だめです", "Not allowed")

    QueryOp(None, fail).success(lambda _: pytest.fail("no success")).failure(errors.append).run()
    qtbot.waitUntil(lambda: bool(errors), timeout=5000)
    assert isinstance(errors[0], ValidationError) and errors[0].en == "Not allowed"


def test_failure_without_callback_shows_the_error(qtbot, message_boxes: list[str]) -> None:
    def fail() -> None:
        raise ValidationError("期間が不正です", "The period is invalid")

    QueryOp(None, fail).run()
    qtbot.waitUntil(lambda: bool(message_boxes), timeout=5000)
    assert message_boxes == ["期間が不正です\n\nThe period is invalid"]
    message_boxes.clear()


def test_change_op_announces_the_change_before_success(qtbot) -> None:
    change = Change({Entity.WORK_ORDERS: frozenset({7})})
    events: list[str] = []
    change_hub().changed.connect(
        lambda c: events.append(f"changed {sorted(c.ids_of(Entity.WORK_ORDERS))}")
    )
    ChangeOp(None, lambda: change).success(lambda c: events.append("success")).run()
    qtbot.waitUntil(lambda: "success" in events, timeout=5000)
    assert events[-2:] == ["changed [7]", "success"]


def test_change_op_names_its_initiator(qtbot) -> None:
    widget = QWidget()
    qtbot.addWidget(widget)
    announced: list[Change] = []
    change_hub().changed.connect(announced.append)
    ChangeOp(widget, lambda: Change({Entity.PEOPLE: frozenset({1})})).run()
    qtbot.waitUntil(lambda: bool(announced), timeout=5000)
    ChangeOp(widget, lambda: Change({Entity.PEOPLE: frozenset({2})}), initiator="page").run()
    qtbot.waitUntil(lambda: len(announced) == 2, timeout=5000)
    assert announced[0].initiator is widget
    assert announced[1].initiator == "page"
    assert announced[1] == Change({Entity.PEOPLE: frozenset({2})})  # initiator not compared


def test_no_callback_after_the_widget_is_gone(qtbot) -> None:
    widget = QWidget()
    called: list[int] = []
    release = threading.Event()

    def call() -> int:
        release.wait(5)
        return 1

    QueryOp(widget, call).success(called.append).run()
    shiboken6.delete(widget)  # the page closed while its query was running
    release.set()
    qtbot.waitUntil(lambda: running_operations() == 0, timeout=5000)
    assert called == []


def test_run_with_progress_relays_progress_and_returns(qtbot) -> None:
    def work(progress) -> str:  # type: ignore[no-untyped-def]
        for n in range(1, 4):
            progress("施設", n, 3)
        return "done"

    assert run_with_progress(None, "t", "読み込み中", work) == "done"


def test_run_with_progress_raises_the_workers_error(qtbot) -> None:
    def work(_progress) -> None:  # type: ignore[no-untyped-def]
        raise ValidationError("空ではありません", "Not empty")

    with pytest.raises(ValidationError, match="Not empty"):
        run_with_progress(None, "t", "読み込み中", work)


def test_an_op_with_progress_hands_the_call_a_callback_and_shows_it_on_the_gui_thread(
    qtbot,
) -> None:
    gui = QApplication.instance().thread()
    shown: list[tuple[str, int, int, bool]] = []

    def show(stage: str, done: int, total: int) -> None:
        shown.append((stage, done, total, QThread.currentThread() is gui))

    def work(progress) -> Change:  # type: ignore[no-untyped-def]
        for n in range(1, 3):
            progress("store", n, 2)
        return Change({Entity.PEOPLE: frozenset({1})})

    results: list[Change] = []
    ChangeOp(None, work).with_progress(show).success(results.append).run()
    qtbot.waitUntil(lambda: bool(results), timeout=5000)
    assert shown == [("store", 1, 2, True), ("store", 2, 2, True)]


def test_progress_floods_are_throttled(qtbot) -> None:
    shown: list[int] = []

    def work(progress) -> int:  # type: ignore[no-untyped-def]
        for n in range(1, 10_001):
            progress("store", n, 10_000)
        return 0

    results: list[int] = []
    QueryOp(None, work).with_progress(lambda _s, done, _t: shown.append(done)).success(
        results.append
    ).run()
    qtbot.waitUntil(lambda: bool(results), timeout=5000)
    assert shown[0] == 1 and shown[-1] == 10_000 and len(shown) < 200


def test_no_progress_reaches_a_widget_that_is_gone(qtbot) -> None:
    widget = QWidget()
    shown: list[int] = []
    release = threading.Event()

    def work(progress) -> int:  # type: ignore[no-untyped-def]
        release.wait(5)
        progress("store", 1, 2)
        return 1

    QueryOp(widget, work).with_progress(lambda _s, done, _t: shown.append(done)).run()
    shiboken6.delete(widget)
    release.set()
    qtbot.waitUntil(lambda: running_operations() == 0, timeout=5000)
    qtbot.wait(50)
    assert shown == []


def test_a_progress_label_opens_a_dialog_that_closes_with_the_result(qtbot) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)
    parent.show()
    release = threading.Event()

    def work(progress) -> str:  # type: ignore[no-untyped-def]
        progress("施設", 1, 4)
        release.wait(5)
        return "done"

    results: list[str] = []
    QueryOp(parent, work).with_progress("読み込み中", "題").success(results.append).run()
    dialogs = parent.findChildren(QProgressDialog)
    assert len(dialogs) == 1 and dialogs[0].windowTitle() == "題"
    qtbot.waitUntil(lambda: dialogs[0].maximum() == 4, timeout=5000)
    assert dialogs[0].labelText() == "読み込み中\n施設  1 / 4"
    release.set()
    qtbot.waitUntil(lambda: results == ["done"], timeout=5000)
    assert not shiboken6.isValid(dialogs[0]) or not dialogs[0].isVisible()


def test_queued_signals_keep_reference_counts(qapp) -> None:  # type: ignore[no-untyped-def]
    """PySide6 6.12.0 lost a reference per queued argument and aborted the app after a few
    thousand background calls; pyproject keeps it out. This catches such a release."""
    import sys

    from PySide6.QtCore import QObject, Qt, Signal

    class Emitter(QObject):
        fired = Signal(object, object)

    emitter, got = Emitter(), []
    emitter.fired.connect(lambda a, b: got.append(a), Qt.ConnectionType.QueuedConnection)
    before = sys.getrefcount(None)
    for i in range(2000):
        emitter.fired.emit(i, None)
    qapp.processEvents()
    assert len(got) == 2000
    assert abs(sys.getrefcount(None) - before) < 50
