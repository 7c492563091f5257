"""The login check runs off the GUI thread: the dialog stays responsive and says it is
checking, its inputs are disabled, and Esc cancels even then (the late result ignored, a
database it opened closed). A fake slow check stands in for argon2 or a server that does
not answer."""

import threading
from collections.abc import Iterator
from datetime import UTC, datetime

import pytest
from PySide6.QtCore import QSettings, Qt, QTimer
from sqlalchemy import select

import ui.login_dialog
from oneaqita.errors import AuthenticationFailed
from oneaqita.models import Role, User
from oneaqita.services.actor import Actor
from oneaqita.services.authentication import SLOW_FROM
from oneaqita.services.database import Database
from tests.logins import add_login
from ui.login_dialog import LOGIN_KEY, LoginDialog
from ui.operations import running_operations

PW = "right-password-1"


class SlowCheck:
    """Blocks on its worker thread until ``release`` is set, then answers as told."""

    def __init__(self, answer: object) -> None:
        self.release = threading.Event()
        self.started = threading.Event()
        self.calls: list[str] = []
        self.answer = answer

    def __call__(self, *args: object) -> object:
        self.calls.append(str(args[1]))
        self.started.set()
        self.release.wait(10)
        if isinstance(self.answer, BaseException):
            raise self.answer
        return self.answer


@pytest.fixture
def ticks(qtbot) -> Iterator[list[int]]:  # type: ignore[no-untyped-def]
    """A GUI-thread timer's ticks: it only fires while the event loop runs."""
    fired: list[int] = []
    timer = QTimer()
    timer.setInterval(20)
    timer.timeout.connect(lambda: fired.append(1))
    timer.start()
    yield fired
    timer.stop()


def _typed(qtbot, db: Database | None, url: str | None = None) -> LoginDialog:  # type: ignore[no-untyped-def]
    dialog = LoginDialog(db, url)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.login_edit, "sato")
    qtbot.keyClicks(dialog.password_edit, PW)
    return dialog


def test_the_gui_stays_responsive_while_a_slow_check_runs(
    qtbot,  # type: ignore[no-untyped-def]
    sqlite_db: Database,
    monkeypatch: pytest.MonkeyPatch,
    ticks: list[int],
) -> None:
    add_login(sqlite_db, "sato", Role.MANAGER, PW)
    slow = SlowCheck(Actor(user_id=1, login="sato", role=Role.MANAGER))
    monkeypatch.setattr(ui.login_dialog, "authenticate", slow)
    dialog = _typed(qtbot, sqlite_db)
    qtbot.keyClick(dialog.password_edit, Qt.Key.Key_Return)
    assert slow.started.wait(5)
    before = len(ticks)
    qtbot.waitUntil(lambda: len(ticks) >= before + 5, timeout=3_000)  # the loop runs
    assert dialog.checking and dialog.isVisible() and dialog.actor is None
    assert dialog.checking_label.isVisible() and "確認しています" in dialog.checking_label.text()
    assert not dialog.login_edit.isEnabled() and not dialog.password_edit.isEnabled()
    assert not dialog.ok_button.isEnabled() and dialog.cancel_button.isEnabled()
    qtbot.keyClick(dialog.focusWidget() or dialog, Qt.Key.Key_Return)  # neither cancels
    dialog.ok_button.click()  # nor starts a second check
    assert dialog.checking and dialog.isVisible()
    slow.release.set()
    qtbot.waitUntil(lambda: dialog.result() == LoginDialog.DialogCode.Accepted)
    assert slow.calls == ["sato"] and dialog.actor is not None and dialog.actor.login == "sato"
    assert QSettings().value(LOGIN_KEY) == "sato" and not dialog.checking_label.isVisible()


def test_escape_cancels_a_check_under_way_and_its_result_is_ignored(
    qtbot,  # type: ignore[no-untyped-def]
    sqlite_db: Database,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    slow = SlowCheck(Actor(user_id=1, login="sato", role=Role.MANAGER))
    monkeypatch.setattr(ui.login_dialog, "authenticate", slow)
    dialog = _typed(qtbot, sqlite_db)
    dialog.ok_button.click()
    assert slow.started.wait(5) and dialog.checking
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert dialog.result() == LoginDialog.DialogCode.Rejected and not dialog.isVisible()
    slow.release.set()
    qtbot.waitUntil(lambda: running_operations() == 0, timeout=5_000)
    assert dialog.actor is None and QSettings().value(LOGIN_KEY) is None


def test_a_cancelled_server_login_closes_the_database_it_opened(
    qtbot,  # type: ignore[no-untyped-def]
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    class Opened:
        disposed = 0

        def dispose(self) -> None:
            self.disposed += 1

    opened = Opened()
    slow = SlowCheck((opened, Actor(user_id=1, login="sato", role=Role.MANAGER)))
    monkeypatch.setattr(ui.login_dialog, "open_as", slow)
    dialog = _typed(qtbot, None, "postgresql+psycopg://127.0.0.1:1/nothing")
    dialog.ok_button.click()
    assert slow.started.wait(5)
    assert "サーバーに接続しています" in dialog.checking_label.text()
    dialog.cancel_button.click()
    assert dialog.result() == LoginDialog.DialogCode.Rejected
    slow.release.set()
    qtbot.waitUntil(lambda: running_operations() == 0, timeout=5_000)
    assert opened.disposed >= 1 and dialog.database is None and dialog.actor is None


def test_a_refusal_reenables_the_inputs_and_is_said(
    qtbot,  # type: ignore[no-untyped-def]
    sqlite_db: Database,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    slow = SlowCheck(AuthenticationFailed("違います。", "Wrong."))
    slow.release.set()
    monkeypatch.setattr(ui.login_dialog, "authenticate", slow)
    dialog = _typed(qtbot, sqlite_db)
    dialog.ok_button.click()
    qtbot.waitUntil(lambda: not dialog.checking and running_operations() == 0)
    assert dialog.error_label.text() == "違います。\nWrong." and dialog.password_edit.text() == ""
    assert dialog.login_edit.isEnabled() and dialog.password_edit.isEnabled()
    assert dialog.ok_button.isEnabled() and dialog.isVisible()


def test_the_slow_down_after_failures_is_said_as_before(qtbot, sqlite_db: Database) -> None:  # type: ignore[no-untyped-def]
    add_login(sqlite_db, "sato", Role.MANAGER, PW)
    with sqlite_db.engine.begin() as conn:
        uid = conn.execute(select(User.id).where(User.login == "sato")).scalar_one()
        conn.exec_driver_sql(
            "INSERT INTO login_failures (user_id, failures, last_failed_at) VALUES (?, ?, ?)",
            (uid, SLOW_FROM + 2, datetime.now(UTC).isoformat(" ")),
        )
    dialog = _typed(qtbot, sqlite_db)
    dialog.ok_button.click()
    qtbot.waitUntil(lambda: not dialog.checking and running_operations() == 0)
    assert dialog.actor is None and "slow down, try again in" in dialog.error_label.text()
    assert "秒待ってから" in dialog.error_label.text()
