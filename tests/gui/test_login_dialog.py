"""The login at start and the first administrator's dialog: typed as a user types, errors
shown in the dialog in both languages, the login name remembered (never the password)."""

from datetime import UTC, datetime, timedelta
from pathlib import Path

from PySide6.QtCore import QSettings, Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication
from sqlalchemy import select

import ui.app
from oneaqita.demo import load_demo
from oneaqita.models import Role, User
from oneaqita.services.authentication import LOCK_AFTER, has_users
from oneaqita.services.database import Database
from tests.logins import add_login
from ui.first_admin_dialog import FirstAdminDialog
from ui.language import uninstall_translators
from ui.login_dialog import LOGIN_KEY, LoginDialog
from ui.main_window import MainWindow
from ui.operations import running_operations

from .conftest import DEMO_TODAY

PW = "right-password-1"


def _dialog(qtbot, db: Database) -> LoginDialog:  # type: ignore[no-untyped-def]
    dialog = LoginDialog(db)
    qtbot.addWidget(dialog)
    return dialog


def _checked(qtbot, dialog: LoginDialog, timeout: int = 10_000) -> None:  # type: ignore[no-untyped-def]
    """Waits for the check that runs off the GUI thread."""
    qtbot.waitUntil(lambda: not dialog.checking and running_operations() == 0, timeout=timeout)


def test_the_right_password_logs_in_and_the_login_is_remembered(qtbot, sqlite_db: Database) -> None:
    add_login(sqlite_db, "sato", Role.MANAGER, PW)
    dialog = _dialog(qtbot, sqlite_db)
    dialog.show()
    assert not dialog.demo_list.isVisible() and dialog.password_edit.isEnabled()
    qtbot.keyClicks(dialog.login_edit, "sato")
    qtbot.keyClicks(dialog.password_edit, PW)
    qtbot.keyClick(dialog.password_edit, Qt.Key.Key_Return)
    _checked(qtbot, dialog)
    assert dialog.result() == LoginDialog.DialogCode.Accepted
    assert dialog.actor is not None and dialog.actor.login == "sato"
    settings = QSettings()
    assert settings.value(LOGIN_KEY) == "sato"
    assert PW not in Path(settings.fileName()).read_text(encoding="utf-8")
    again = _dialog(qtbot, sqlite_db)
    assert again.login_edit.text() == "sato"


def test_a_wrong_password_is_shown_in_the_dialog_in_both_languages(
    qtbot, sqlite_db: Database
) -> None:
    add_login(sqlite_db, "sato", Role.MANAGER, PW)
    dialog = _dialog(qtbot, sqlite_db)
    qtbot.keyClicks(dialog.login_edit, "sato")
    qtbot.keyClicks(dialog.password_edit, "wrong-one")
    dialog.ok_button.click()
    _checked(qtbot, dialog)
    assert dialog.actor is None and dialog.result() != LoginDialog.DialogCode.Accepted
    text = dialog.error_label.text()
    assert "ログイン名またはパスワードが違います" in text and "The login or the password" in text
    assert dialog.password_edit.text() == ""


def test_a_locked_account_says_until_when(qtbot, sqlite_db: Database) -> None:
    add_login(sqlite_db, "sato", Role.MANAGER, PW)
    until = datetime.now(UTC) + timedelta(minutes=15)
    with sqlite_db.engine.begin() as conn:
        uid = conn.execute(select(User.id).where(User.login == "sato")).scalar_one()
        conn.exec_driver_sql(
            "INSERT INTO login_failures (user_id, failures, last_failed_at, locked_until) "
            "VALUES (?, ?, ?, ?)",
            (uid, LOCK_AFTER, datetime.now(UTC).isoformat(" "), until.isoformat(" ")),
        )
    dialog = _dialog(qtbot, sqlite_db)
    qtbot.keyClicks(dialog.login_edit, "sato")
    qtbot.keyClicks(dialog.password_edit, PW)
    dialog.ok_button.click()
    _checked(qtbot, dialog)
    assert dialog.actor is None
    assert "locked until" in dialog.error_label.text()
    assert until.astimezone().strftime("%H:%M") in dialog.error_label.text()


def test_escape_cancels(qtbot, sqlite_db: Database) -> None:
    add_login(sqlite_db, "sato", Role.MANAGER, PW)
    dialog = _dialog(qtbot, sqlite_db)
    dialog.show()
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert dialog.result() == LoginDialog.DialogCode.Rejected and dialog.actor is None


def test_on_the_demo_database_one_enter_logs_in_as_admin(qtbot, demo_db: Database) -> None:
    dialog = _dialog(qtbot, demo_db)
    dialog.show()
    assert dialog.demo_list.count() >= 4
    assert dialog.login_edit.text() == "admin" and not dialog.password_edit.isEnabled()
    qtbot.keyClick(dialog.demo_list, Qt.Key.Key_Return)
    _checked(qtbot, dialog)
    assert dialog.actor is not None and dialog.actor.login == "admin"
    assert dialog.actor.role is Role.ADMIN


def test_a_demo_user_is_picked_from_the_list(qtbot, demo_db: Database) -> None:
    QSettings().setValue(LOGIN_KEY, "manager")
    dialog = _dialog(qtbot, demo_db)
    assert dialog.login_edit.text() == "manager"  # the remembered one preselected
    dialog.demo_list.setCurrentRow(2)
    picked = dialog.login_edit.text()
    dialog.ok_button.click()
    _checked(qtbot, dialog)
    assert dialog.actor is not None and dialog.actor.login == picked


def test_the_first_administrator_is_made_deliberately(qtbot, sqlite_db: Database) -> None:
    dialog = FirstAdminDialog(sqlite_db)
    qtbot.addWidget(dialog)
    qtbot.keyClicks(dialog.login_edit, "boss")
    dialog.name_edit.insert("課長")  # keyClicks types ASCII only
    qtbot.keyClicks(dialog.password_edit, PW)
    qtbot.keyClicks(dialog.again_edit, "other-password")
    dialog.ok_button.click()
    assert "The two passwords differ." in dialog.error_label.text()
    assert not has_users(sqlite_db)
    dialog.again_edit.clear()
    qtbot.keyClicks(dialog.again_edit, PW)
    dialog.password_edit.clear()
    qtbot.keyClicks(dialog.password_edit, "short")
    dialog.again_edit.clear()
    qtbot.keyClicks(dialog.again_edit, "short")
    dialog.ok_button.click()
    assert "8" in dialog.error_label.text() and not has_users(sqlite_db)
    for edit in (dialog.password_edit, dialog.again_edit):
        edit.clear()
        qtbot.keyClicks(edit, PW)
    dialog.ok_button.click()
    assert dialog.actor is not None and dialog.actor.role is Role.ADMIN
    assert dialog.result() == FirstAdminDialog.DialogCode.Accepted
    login = LoginDialog(sqlite_db)
    qtbot.addWidget(login)
    qtbot.keyClicks(login.login_edit, "boss")
    qtbot.keyClicks(login.password_edit, PW)
    login.ok_button.click()
    _checked(qtbot, login)
    assert login.actor is not None and login.actor.user_id == dialog.actor.user_id


def test_the_demo_start_opens_with_one_enter(monkeypatch, qapp, sqlite_url: str) -> None:  # type: ignore[no-untyped-def]
    """`python3 bootstrap.py run`: the demo database, its login with admin preselected,
    Enter, the main window."""
    monkeypatch.setenv("ONEAQITA_LANG", "ja")
    monkeypatch.setattr(
        ui.app,
        "load_demo_with_progress",
        lambda _p, db: load_demo(db, scale=0.01, today=DEMO_TODAY) and True,
    )
    seen: list[str] = []
    poll = QTimer()

    def step() -> None:
        for widget in QApplication.topLevelWidgets():
            if isinstance(widget, LoginDialog) and widget.isVisible() and not seen:
                seen.append(widget.login_edit.text())
                QTest.keyClick(widget.demo_list, Qt.Key.Key_Return)
            elif isinstance(widget, MainWindow) and widget.isVisible():
                poll.stop()
                seen.append(widget.windowTitle())
                QApplication.closeAllWindows()

    poll.timeout.connect(step)
    poll.start(50)
    give_up = QTimer()
    give_up.setSingleShot(True)
    give_up.timeout.connect(lambda: QApplication.exit(99))  # never hang the suite
    give_up.start(30_000)
    try:
        assert ui.app.run(sqlite_url, demo=True) == 0
    finally:
        uninstall_translators(qapp)
    assert seen[0] == "admin" and "oneaqita — 株式会社ONE・AQITA" in seen[1]


def test_a_server_that_cannot_be_reached_is_said_in_the_dialog(qtbot) -> None:  # type: ignore[no-untyped-def]
    dialog = LoginDialog(None, "postgresql+psycopg://127.0.0.1:1/nothing?connect_timeout=2")
    qtbot.addWidget(dialog)
    assert not dialog.demo_list.isVisible()
    qtbot.keyClicks(dialog.login_edit, "kato")
    qtbot.keyClicks(dialog.password_edit, "some-password")
    dialog.ok_button.click()
    _checked(qtbot, dialog)
    assert dialog.actor is None and dialog.database is None
    assert "Could not open the database" in dialog.error_label.text()
