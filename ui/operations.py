"""Running core calls off the GUI thread, and the one signal that says what changed.

Modelled on anki's CollectionOp/QueryOp: a `QueryOp` reads, a `ChangeOp` writes and returns the
core's `Change`, which is then announced on `change_hub().changed`; every open page listens
to that one signal and decides for itself whether to refresh. Callbacks always run on the GUI
thread, and not at all once the widget that started the call has been destroyed.
"""

import dataclasses
import time
from collections.abc import Callable
from typing import Any, Generic, Self, TypeVar

import shiboken6
from PySide6.QtCore import QEventLoop, QObject, QRunnable, Qt, QThreadPool, Signal, Slot
from PySide6.QtWidgets import QProgressDialog, QWidget

from oneaqita.services.changes import Change
from ui.errors import show_error

T = TypeVar("T")
ProgressCallback = Callable[[str, int, int], None]


class ChangeHub(QObject):
    """Emits every Change that a ChangeOp made, on the GUI thread."""

    changed = Signal(object)


_hub: ChangeHub | None = None
_running: set["QueryOp[Any]"] = set()


def change_hub() -> ChangeHub:
    global _hub
    if _hub is None:
        _hub = ChangeHub()
    return _hub


def running_operations() -> int:
    """How many background calls have not delivered their result yet (tests wait for 0)."""
    return len(_running)


class _Delivery(QObject):
    """Lives on the GUI thread; the worker emits `finished` and Qt queues the slot there."""

    finished = Signal(object, object)

    def __init__(self, deliver: Callable[[Any, BaseException | None], None]) -> None:
        super().__init__()
        self._deliver = deliver
        self.finished.connect(self._on_finished, Qt.ConnectionType.QueuedConnection)

    @Slot(object, object)
    def _on_finished(self, result: Any, error: BaseException | None) -> None:
        self._deliver(result, error)


class _Job(QRunnable):
    def __init__(self, call: Callable[[], Any], delivery: _Delivery) -> None:
        super().__init__()
        self.setAutoDelete(False)  # the op owns the job until it has delivered
        self._call = call
        self._delivery = delivery

    def run(self) -> None:
        try:
            result, error = self._call(), None
        except BaseException as exc:  # noqa: BLE001 - every failure goes back to the GUI thread
            result, error = None, exc
        self._delivery.finished.emit(result, error)


class QueryOp(Generic[T]):
    """A read-only core call on the thread pool: `QueryOp(self, call).success(cb).run()`."""

    def __init__(self, parent: QWidget | None, call: Callable[[], T]) -> None:
        self._parent = parent
        self._call = call
        self._on_success: Callable[[T], None] | None = None
        self._on_failure: Callable[[BaseException], None] | None = None
        self._delivery: _Delivery | None = None
        self._job: _Job | None = None

    def success(self, callback: Callable[[T], None]) -> Self:
        self._on_success = callback
        return self

    def failure(self, callback: Callable[[BaseException], None]) -> Self:
        """Replaces the default failure handling (the error message box)."""
        self._on_failure = callback
        return self

    def run(self) -> None:
        self._delivery = _Delivery(self._deliver)
        self._job = _Job(self._call, self._delivery)
        _running.add(self)
        QThreadPool.globalInstance().start(self._job)

    def _parent_alive(self) -> bool:
        return self._parent is None or shiboken6.isValid(self._parent)

    def _deliver(self, result: Any, error: BaseException | None) -> None:
        _running.discard(self)
        if not self._parent_alive():
            return
        if error is not None:
            if self._on_failure is not None:
                self._on_failure(error)
            else:
                show_error(self._parent, error)
            return
        self._succeeded(result)

    def _succeeded(self, result: T) -> None:
        if self._on_success is not None:
            self._on_success(result)


class ChangeOp(QueryOp[Change]):
    """A writing core call that returns what it changed; the change is announced app-wide,
    with its initiator (the view that started it: `initiator`, else the parent widget), before
    the success callback runs. A view that has already shown what it changed can skip its own
    reload when `change.initiator is self`."""

    def __init__(
        self, parent: QWidget | None, call: Callable[[], Change], initiator: object = None
    ) -> None:
        super().__init__(parent, call)
        self._initiator = initiator if initiator is not None else parent

    def _succeeded(self, result: Change) -> None:
        result = dataclasses.replace(result, initiator=self._initiator)
        change_hub().changed.emit(result)
        super()._succeeded(result)


class _ProgressRelay(QObject):
    """Lives on the GUI thread; the worker's progress callback emits, the dialog updates."""

    progressed = Signal(str, int, int)

    def __init__(self, show: ProgressCallback) -> None:
        super().__init__()
        self._show = show
        self.progressed.connect(self._on_progress, Qt.ConnectionType.QueuedConnection)

    @Slot(str, int, int)
    def _on_progress(self, stage: str, done: int, total: int) -> None:
        self._show(stage, done, total)


def _throttled(emit: ProgressCallback, interval: float = 0.05) -> ProgressCallback:
    """Passes on a new stage, the end of a stage, and otherwise at most 20 updates a second,
    so that a core calling back for every row cannot flood the GUI's event queue."""
    last: dict[str, Any] = {"stage": None, "at": 0.0}

    def progress(stage: str, done: int, total: int) -> None:
        now = time.monotonic()
        if stage != last["stage"] or done >= total or now - last["at"] >= interval:
            last.update(stage=stage, at=now)
            emit(stage, done, total)

    return progress


def run_with_progress(
    parent: QWidget | None,
    title: str,
    label: str,
    call: Callable[[ProgressCallback], T],
) -> T:
    """Runs `call(progress)` on the thread pool behind a modal progress dialog and returns its
    result (or raises its error), keeping the GUI responsive meanwhile. For steps the user
    must wait for anyway: opening the database, upgrading it, loading demo data."""
    dialog = QProgressDialog(label, "", 0, 0, parent)
    dialog.setWindowTitle(title)
    dialog.setCancelButton(None)  # the core calls it runs cannot be interrupted safely
    dialog.setWindowModality(Qt.WindowModality.ApplicationModal)
    dialog.setMinimumDuration(400)
    dialog.setMinimumWidth(420)

    def show_progress(stage: str, done: int, total: int) -> None:
        if total > 1:  # a countable stage: a bar with numbers
            dialog.setLabelText(f"{label}\n{stage}  {done:,} / {total:,}")
            dialog.setRange(0, total)
            dialog.setValue(min(done, total))
        else:  # a single step: a busy indicator
            dialog.setLabelText(f"{label}\n{stage}")
            dialog.setRange(0, 0)

    relay = _ProgressRelay(show_progress)
    outcome: dict[str, Any] = {}
    loop = QEventLoop()

    def finish(result: Any, error: BaseException | None) -> None:
        outcome.update(result=result, error=error)
        loop.quit()

    delivery = _Delivery(finish)
    job = _Job(lambda: call(_throttled(relay.progressed.emit)), delivery)
    QThreadPool.globalInstance().start(job)
    loop.exec()
    dialog.close()
    dialog.deleteLater()
    if outcome["error"] is not None:
        raise outcome["error"]
    return outcome["result"]  # type: ignore[no-any-return]
