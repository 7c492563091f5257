"""Changes saved on other desktops, announced on `change_hub().changed` like this app's own,
so that every open page refreshes through the one mechanism it already has.

- PostgreSQL: the core's ChangeListener runs on a thread of its own and hands each change
  another app committed to the GUI thread (a queued signal).
- SQLite: a timer asks the core whether another app has committed (PRAGMA data_version,
  microseconds), every POLL_MS while the application is active and at once when it becomes
  active again; what changed is not known there, so the change is `everything()`.
- A burst (an import on another desktop, one commit after another) is one announcement: what
  arrives is merged until QUIET_MS pass without more, or LONGEST_MS after the first, so
  that a page refreshes about once a second at most while it lasts and never later than the
  two seconds promised. While the main window is minimized nothing is shown, so nothing is
  announced: what arrives is kept, merged, and announced once when the window is restored.
  Nor while the user is typing in a cell of a list or grid (an item view's editor has the
  focus): a reload would close the editor and lose what was typed; it waits until the
  editor closes.

The main window starts it and stops it when it closes: the listener is told to stop and its
thread joined (it checks every quarter second), so that closing never hangs.
"""

import logging
import threading
import time

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QAbstractItemView, QApplication, QWidget

from oneaqita.services.change_notify import ChangeListener, everything, merge
from oneaqita.services.changes import Change
from oneaqita.services.database import Database
from ui.operations import change_hub

log = logging.getLogger(__name__)

POLL_MS = 1000  # SQLite: a 2-second tick would miss the 2 seconds once the page has reloaded
QUIET_MS = 300
LONGEST_MS = 1200
_JOIN_S = 1.0


class LiveChanges(QObject):
    """Announces other apps' changes to this one's pages; `start()` and `stop()`."""

    heard = Signal(object)  # a Change, emitted on the listener's thread, received queued
    announced = Signal(object)  # the merged Change, just after it went to change_hub

    def __init__(self, db: Database, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._db = db
        self._pending: list[Change] = []
        self._first_at = 0.0
        self._listener: ChangeListener | None = None
        self._thread: threading.Thread | None = None
        self._watching = False
        self._quiet = QTimer(self)
        self._quiet.setSingleShot(True)
        self._quiet.timeout.connect(self._flush)
        self._poll = QTimer(self)
        self._poll.setInterval(POLL_MS)
        self._poll.timeout.connect(self.check_now)
        self.heard.connect(self._collect, Qt.ConnectionType.QueuedConnection)
        if isinstance(parent, QWidget):
            parent.installEventFilter(self)  # restored from minimized: what was kept

    @property
    def running(self) -> bool:
        return self._thread is not None or self._watching

    def start(self) -> None:
        if self.running:
            return
        if self._db.notifier.is_postgresql:
            self._listener = ChangeListener(
                self._db.engine, self.heard.emit, skip_origin=self._db.notifier.origin
            )
            self._thread = threading.Thread(
                target=self._listener.run, name="oneaqita-live-changes", daemon=True
            )
            self._thread.start()
            self.destroyed.connect(self._listener.stop)  # deleted without a stop(): ends too
            return
        self._db.notifier.data_version_changed()  # from now on
        self._watching = True
        app = QGuiApplication.instance()
        if isinstance(app, QGuiApplication):
            app.applicationStateChanged.connect(self._state_changed)
            self._state_changed(app.applicationState())

    def stop(self) -> None:
        """Idempotent; returns once the listener's thread has ended."""
        self._poll.stop()
        self._quiet.stop()
        self._pending.clear()
        if self._watching:
            self._watching = False
            app = QGuiApplication.instance()
            if isinstance(app, QGuiApplication):
                app.applicationStateChanged.disconnect(self._state_changed)
        if self._listener is not None and self._thread is not None:
            self._listener.stop()
            self._thread.join(_JOIN_S)
            if self._thread.is_alive():  # a daemon: it cannot keep the app from exiting
                log.warning("the live-changes listener did not stop in %.0f s", _JOIN_S)
        self._listener, self._thread = None, None

    @property
    def listening(self) -> bool:
        """PostgreSQL: whether LISTEN is in force now (tests wait for it)."""
        return self._listener is not None and self._listener.listening.is_set()

    # -- SQLite ------------------------------------------------------------------------
    @Slot(Qt.ApplicationState)
    def _state_changed(self, state: Qt.ApplicationState) -> None:
        if state == Qt.ApplicationState.ApplicationActive:
            self.check_now()  # back to the app: what happened meanwhile shows at once
            self._poll.start()
        else:
            self._poll.stop()  # nobody is looking; the check on return catches up

    def check_now(self) -> None:
        if self._watching and self._db.notifier.data_version_changed(wait=False):
            self._collect(everything())

    # -- both ----------------------------------------------------------------------------
    @Slot(object)
    def _collect(self, change: Change) -> None:
        if not self.running:
            return  # queued before stop()
        if not self._pending:
            self._first_at = time.monotonic()
        self._pending.append(change)
        waited_ms = (time.monotonic() - self._first_at) * 1000
        self._quiet.start(int(max(0.0, min(QUIET_MS, LONGEST_MS - waited_ms))))

    def _flush(self) -> None:
        if not self._pending:
            return
        change = merge(self._pending)
        self._pending.clear()
        window = self.parent()
        if isinstance(window, QWidget) and window.isMinimized():
            self._pending.append(change)  # kept for when the window is restored
            return
        if _typing_in_a_cell():
            self._pending.append(change)
            self._quiet.start(QUIET_MS)  # asked again until the editor is closed
            return
        change_hub().changed.emit(change)
        self.announced.emit(change)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if (
            event.type() == QEvent.Type.WindowStateChange
            and isinstance(watched, QWidget)
            and not watched.isMinimized()
            and self._pending
        ):
            self._quiet.start(0)
        return False


def _typing_in_a_cell() -> bool:
    """Whether the focus is in an item view's cell editor (a child of the view's viewport)."""
    widget = QApplication.focusWidget()
    if widget is None or isinstance(widget, QAbstractItemView):
        return False
    parent = widget.parentWidget()
    while parent is not None:
        if isinstance(parent, QAbstractItemView):
            return True
        parent = parent.parentWidget()
    return False
