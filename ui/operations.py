"""Running core calls off the GUI thread, and the one signal that says what changed.

Modelled on anki's CollectionOp/QueryOp: a `QueryOp` reads, a `ChangeOp` writes and returns the
core's `Change`, which is then announced on `change_hub().changed`; every open page listens
to that one signal and decides for itself whether to refresh. Callbacks always run on the GUI
thread, and not at all once the widget that started the call has been destroyed.

Progress belongs to the operation too, as anki's `with_backend_progress` does:
`op.with_progress(show)` hands the call a progress callback and shows what it reports, in the
caller's own display or in a progress dialog of its own; no dialog relays it by hand.
"""

import dataclasses
import functools
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

    def __init__(
        self, parent: QWidget | None, call: Callable[[], T] | Callable[[ProgressCallback], T]
    ) -> None:
        """`call` takes no argument, or the progress callback when `with_progress` is used."""
        self._parent = parent
        self._call: Callable[..., T] = call
        self._on_success: Callable[[T], None] | None = None
        self._on_failure: Callable[[BaseException], None] | None = None
        self._progress: _Progress | None = None
        self._delivery: _Delivery | None = None
        self._job: _Job | None = None

    def success(self, callback: Callable[[T], None]) -> Self:
        self._on_success = callback
        return self

    def failure(self, callback: Callable[[BaseException], None]) -> Self:
        """Replaces the default failure handling (the error message box)."""
        self._on_failure = callback
        return self

    def with_progress(self, show: ProgressCallback | str, title: str = "") -> Self:
        """The call reports progress: it is called as `call(progress)`, with `progress(stage,
        done, total)` callable from the worker thread as often as the core likes (a new stage,
        a stage's end and at most 20 updates a second get through). `show` displays it on the
        GUI thread, and is not called once the parent is gone; a text instead shows a progress
        dialog with that label (and `title`), opened after 400 ms and closed with the result.
        The op has no cancel of its own: a core call that can stop safely takes a check of
        its own (import_file's `cancelled`), set by the caller's button (the import dialog's
        中止)."""
        self._progress = _Progress(show, title)
        return self

    def run(self) -> None:
        call: Callable[[], T] = self._call
        if self._progress is not None:
            report = self._progress.start(self._parent, self._parent_alive)
            call = functools.partial(self._call, report)
        self._delivery = _Delivery(self._deliver)
        self._job = _Job(call, self._delivery)
        _running.add(self)
        QThreadPool.globalInstance().start(self._job)

    def _parent_alive(self) -> bool:
        return self._parent is None or shiboken6.isValid(self._parent)

    def _deliver(self, result: Any, error: BaseException | None) -> None:
        _running.discard(self)
        if self._progress is not None:
            self._progress.finish()
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
        self,
        parent: QWidget | None,
        call: Callable[[], Change] | Callable[[ProgressCallback], Change],
        initiator: object = None,
    ) -> None:
        super().__init__(parent, call)
        self._initiator = initiator if initiator is not None else parent

    def _succeeded(self, result: Change) -> None:
        result = dataclasses.replace(result, initiator=self._initiator)
        change_hub().changed.emit(result)
        super()._succeeded(result)


class _ProgressRelay(QObject):
    """Carries the core's progress callback (called on a worker thread) to the GUI thread.

    It has no parent on purpose: the worker's closure keeps it alive for as long as the core
    may still call it, even if the widget that shows the progress is gone by then."""

    progressed = Signal(str, int, int)

    def __init__(self, show: ProgressCallback, alive: Callable[[], bool]) -> None:
        super().__init__()
        self._show = show
        self._alive = alive
        self.done = False
        self.progressed.connect(self._on_progress, Qt.ConnectionType.QueuedConnection)

    @Slot(str, int, int)
    def _on_progress(self, stage: str, done: int, total: int) -> None:
        if not self.done and self._alive():
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


class _Progress:
    """An operation's progress: the relay to the GUI thread, and the dialog when the op
    shows one itself (`with_progress` given a label)."""

    def __init__(self, show: ProgressCallback | str, title: str) -> None:
        self._show, self._title = show, title
        self._relay: _ProgressRelay | None = None
        self.dialog: QProgressDialog | None = None

    def start(self, parent: QWidget | None, alive: Callable[[], bool]) -> ProgressCallback:
        show = self._show
        if isinstance(show, str):
            self.dialog = _progress_dialog(parent, self._title, show)
            show = functools.partial(_show_in_dialog, self.dialog, show)
        self._relay = _ProgressRelay(show, alive)
        return _throttled(self._relay.progressed.emit)

    def finish(self) -> None:
        if self._relay is not None:
            self._relay.done = True  # a late update must not reopen a closed dialog
        if self.dialog is not None and shiboken6.isValid(self.dialog):
            self.dialog.close()
            self.dialog.deleteLater()


def _progress_dialog(parent: QWidget | None, title: str, label: str) -> QProgressDialog:
    dialog = QProgressDialog(label, "", 0, 0, parent)
    dialog.setWindowTitle(title)
    dialog.setCancelButton(None)  # the core calls it runs cannot be interrupted safely
    modality = Qt.WindowModality.WindowModal if parent else Qt.WindowModality.ApplicationModal
    dialog.setWindowModality(modality)
    dialog.setMinimumDuration(400)
    dialog.setMinimumWidth(420)
    return dialog


def _show_in_dialog(dialog: QProgressDialog, label: str, stage: str, done: int, total: int) -> None:
    if not shiboken6.isValid(dialog):
        return
    if total > 1:  # a countable stage: a bar with numbers
        dialog.setLabelText(f"{label}\n{stage}  {done:,} / {total:,}")
        dialog.setRange(0, total)
        dialog.setValue(min(done, total))
    else:  # a single step: a busy indicator
        dialog.setLabelText(f"{label}\n{stage}")
        dialog.setRange(0, 0)


def run_with_progress(
    parent: QWidget | None,
    title: str,
    label: str,
    call: Callable[[ProgressCallback], T],
) -> T:
    """Runs `call(progress)` as a QueryOp with its progress dialog and returns its result (or
    raises its error), keeping the GUI responsive meanwhile in a local event loop. For steps
    before the window is up, which the user must wait for anyway: opening the database,
    upgrading it, loading demo data."""
    outcome: dict[str, Any] = {}
    loop = QEventLoop()

    def finish(result: Any, error: BaseException | None) -> None:
        outcome.update(result=result, error=error)
        loop.quit()

    QueryOp(parent, call).with_progress(label, title).success(lambda r: finish(r, None)).failure(
        lambda exc: finish(None, exc)
    ).run()
    loop.exec()  # the delivery is queued, so it cannot have come yet
    if outcome["error"] is not None:
        raise outcome["error"]
    return outcome["result"]  # type: ignore[no-any-return]
