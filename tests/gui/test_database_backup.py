"""ファイル ▸ バックアップ… and 復元…: the file dialogs, the copy off the GUI thread, the
confirmation, and the main window reopened on the restored database."""

import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest
import shiboken6
from PySide6.QtCore import QCoreApplication, QEvent, QTimer
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox
from sqlalchemy import select

from oneaqita.db.sqlite_files import sqlite_file
from oneaqita.models import Role, User
from oneaqita.services.actor import Actor
from oneaqita.services.database import Database
from oneaqita.services.database_backup import backup_database
from tests.logins import add_login
from tests.settlement_builders import add_user
from ui.database_backup import DatabaseBackup
from ui.login_dialog import LoginDialog
from ui.main_window import MainWindow
from ui.operations import running_operations


def _count(path: Path, table: str) -> int:
    conn = sqlite3.connect(path)
    try:
        return int(conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0])
    finally:
        conn.close()


def _logins(db: Database) -> set[str]:
    with db.read() as session:
        return set(session.scalars(select(User.login)))


def _when_asked_to_log_in(answer: Callable[[LoginDialog], bool]) -> QTimer:
    """Calls ``answer`` with the login dialog the restore opens (modal) until it returns
    True; the timer is stopped by then."""
    poll = QTimer()

    def step() -> None:
        dialog = QApplication.activeModalWidget()
        if isinstance(dialog, LoginDialog) and not dialog.checking and answer(dialog):
            poll.stop()

    poll.timeout.connect(step)
    poll.start(50)
    return poll


def test_backup_writes_the_chosen_file(
    window: MainWindow,
    demo_db: Database,
    qtbot,  # type: ignore[no-untyped-def]
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    message_boxes: list[str],
) -> None:
    target = tmp_path / "backups" / "copy.sqlite3"
    target.parent.mkdir()
    asked: list[str] = []

    def save_name(parent, caption, folder, filters):  # type: ignore[no-untyped-def]
        asked.append(folder)
        return str(target), filters.split(";;")[0]

    monkeypatch.setattr(QFileDialog, "getSaveFileName", save_name)
    assert window.database_backup.backup_action is not None
    window.database_backup.backup_action.trigger()
    qtbot.waitUntil(lambda: bool(message_boxes) and running_operations() == 0, timeout=20_000)
    assert asked[0].endswith(".sqlite3") and "oneaqita-" in asked[0]
    assert message_boxes[0].startswith("バックアップしました。") and str(target) in message_boxes[0]
    message_boxes.clear()
    live = sqlite_file(demo_db.engine.url)
    assert _count(target, "work_orders") == _count(live, "work_orders") > 0
    assert "バックアップしました" in window.statusBar().currentMessage()


def test_restore_asks_then_reopens_the_window_on_the_restored_database(
    demo_db: Database,
    actor: Actor,
    qtbot,  # type: ignore[no-untyped-def]
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    message_boxes: list[str],
) -> None:
    # Not given to qtbot: the restore closes and deletes it.
    window = MainWindow(demo_db, actor)
    window.show()
    qtbot.waitUntil(lambda: window.work_orders.model.rowCount() > 0 and running_operations() == 0)
    source = tmp_path / "saved.sqlite3"
    backup_database(demo_db, actor, source)
    add_user(demo_db, "after-backup", Role.COORDINATOR)  # gone once the backup is restored
    questions: list[str] = []

    def confirm(parent, title, text, buttons, default):  # type: ignore[no-untyped-def]
        questions.append(text)
        return QMessageBox.StandardButton.Yes

    monkeypatch.setattr(
        QFileDialog, "getOpenFileName", lambda *a: (str(source), "SQLite (*.sqlite3)")
    )
    monkeypatch.setattr(QMessageBox, "question", confirm)
    asked: list[tuple[str, Database | None]] = []

    def demo_login(dialog: LoginDialog) -> bool:  # the demo's admin: no password, Enter
        asked.append((dialog.login_edit.text(), dialog.database))
        dialog.ok_button.click()
        return True

    poll = _when_asked_to_log_in(demo_login)
    assert window.database_backup.restore_action is not None
    window.database_backup.restore_action.trigger()

    def reopened() -> list[MainWindow]:
        return [
            w
            for w in QApplication.topLevelWidgets()
            if isinstance(w, MainWindow) and w is not window and w.isVisible()
        ]

    qtbot.waitUntil(lambda: bool(reopened()) and bool(message_boxes), timeout=30_000)
    new = reopened()[0]
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    assert not shiboken6.isValid(window)  # no page of the old window is left
    # The confirmation named the backup and the database it replaces.
    assert str(source) in questions[0] and demo_db.describe() in questions[0]
    assert message_boxes[0].startswith("復元しました。") and "before-restore-" in message_boxes[0]
    message_boxes.clear()
    new_db = new._db
    assert new_db is not demo_db and "after-backup" not in _logins(new_db)
    assert asked == [("admin", new_db)] and not poll.isActive()  # logged in to the restored
    kept = [p for p in tmp_path.iterdir() if ".before-restore-" in p.name]
    assert len(kept) == 1 and _count(kept[0], "users") == _count(source, "users") + 1
    qtbot.waitUntil(lambda: new.work_orders.model.rowCount() > 0 and running_operations() == 0)
    new.close()
    new_db.dispose()


def test_a_refused_file_leaves_the_window_and_database_alone(
    window: MainWindow,
    demo_db: Database,
    qtbot,  # type: ignore[no-untyped-def]
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    message_boxes: list[str],
) -> None:
    bad = tmp_path / "bad.sqlite3"
    bad.write_text("not a database", encoding="utf-8")
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a: (str(bad), ""))
    monkeypatch.setattr(QMessageBox, "question", lambda *a: QMessageBox.StandardButton.Yes)
    before = _logins(demo_db)
    assert window.database_backup.restore_action is not None
    window.database_backup.restore_action.trigger()
    qtbot.waitUntil(lambda: bool(message_boxes) and running_operations() == 0, timeout=20_000)
    assert "SQLite のデータベースファイルではありません" in message_boxes[0]
    message_boxes.clear()
    assert window.isVisible() and _logins(demo_db) == before


def test_cancelling_the_confirmation_does_nothing(
    window: MainWindow,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    opened: list[object] = []
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a: (str(tmp_path / "x"), ""))
    monkeypatch.setattr(
        QMessageBox, "question", lambda *a: opened.append(a) or QMessageBox.StandardButton.No
    )
    assert window.database_backup.restore_action is not None
    window.database_backup.restore_action.trigger()
    assert len(opened) == 1 and running_operations() == 0 and window.isVisible()


def test_the_actions_follow_the_permission_table(window: MainWindow, demo_db: Database) -> None:
    def offered(role: Role) -> list[str]:
        actions = DatabaseBackup(window, demo_db, Actor(None, "x", role)).actions()
        return [a.text() for a in actions]

    assert offered(Role.ADMIN) == ["バックアップ(&B)…", "復元(&R)…"]
    assert offered(Role.MANAGER) == ["バックアップ(&B)…"]
    assert offered(Role.COORDINATOR) == offered(Role.SECONDED) == []


def test_a_database_open_elsewhere_is_not_replaced_and_the_window_comes_back(
    demo_db: Database,
    actor: Actor,
    qtbot,  # type: ignore[no-untyped-def]
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    message_boxes: list[str],
) -> None:
    window = MainWindow(demo_db, actor)  # not given to qtbot: the restore closes it
    window.show()
    qtbot.waitUntil(lambda: window.work_orders.model.rowCount() > 0 and running_operations() == 0)
    source = tmp_path / "saved.sqlite3"
    backup_database(demo_db, actor, source)
    add_user(demo_db, "after-backup", Role.COORDINATOR)
    live = sqlite_file(demo_db.engine.url)
    other_desktop = sqlite3.connect(live)  # another program keeps the database open
    other_desktop.execute("SELECT count(*) FROM users").fetchone()
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a: (str(source), ""))
    monkeypatch.setattr(QMessageBox, "question", lambda *a: QMessageBox.StandardButton.Yes)
    try:
        assert window.database_backup.restore_action is not None
        window.database_backup.restore_action.trigger()
        qtbot.waitUntil(lambda: bool(message_boxes), timeout=30_000)
    finally:
        other_desktop.close()
    assert "他のプログラムで開かれている" in message_boxes[0]
    message_boxes.clear()
    new = [
        w
        for w in QApplication.topLevelWidgets()
        if isinstance(w, MainWindow) and w is not window and w.isVisible()
    ]
    assert len(new) == 1  # reopened on the database as it was
    assert "after-backup" in _logins(new[0]._db)
    assert [
        p for p in tmp_path.iterdir() if "before-restore" in p.name or p.suffix == ".part"
    ] == []
    qtbot.waitUntil(lambda: running_operations() == 0)
    new_db = new[0]._db
    new[0].close()
    new_db.dispose()


def test_on_postgresql_both_actions_name_pg_dump_and_ask_for_no_file(
    window: MainWindow, monkeypatch: pytest.MonkeyPatch, message_boxes: list[str]
) -> None:
    asked: list[object] = []
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a: asked.append(a) or ("", ""))
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a: asked.append(a) or ("", ""))
    monkeypatch.setattr(Database, "dialect", property(lambda self: "postgresql"))
    assert window.database_backup.backup_action and window.database_backup.restore_action
    window.database_backup.backup_action.trigger()
    window.database_backup.restore_action.trigger()
    assert asked == [] and len(message_boxes) == 2
    assert all("pg_dump -Fc" in text and "pg_restore" in text for text in message_boxes)
    message_boxes.clear()


def test_after_a_restore_the_restorer_logs_in_to_the_restored_database(
    demo_db: Database,
    qtbot,  # type: ignore[no-untyped-def]
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    message_boxes: list[str],
) -> None:
    """The restored file's passwords decide: the window does not reopen for the restorer
    just because the file has their login."""
    actor = add_login(demo_db, "admin", Role.ADMIN, "password-in-backup")
    window = MainWindow(demo_db, actor)  # not given to qtbot: the restore closes it
    window.show()
    qtbot.waitUntil(lambda: window.work_orders.model.rowCount() > 0 and running_operations() == 0)
    source = tmp_path / "saved.sqlite3"
    backup_database(demo_db, actor, source)
    add_login(demo_db, "admin", Role.ADMIN, "password-changed-later")
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a: (str(source), ""))
    monkeypatch.setattr(QMessageBox, "question", lambda *a: QMessageBox.StandardButton.Yes)
    seen: list[str] = []

    def log_in(dialog: LoginDialog) -> bool:
        if not seen:  # first the current database's password: refused by the backup's
            seen.append(dialog.login_edit.text())
            dialog.password_edit.setText("password-changed-later")
            dialog.ok_button.click()
            return False
        if len(seen) == 1:
            seen.append(dialog.error_label.text())
            dialog.password_edit.setText("password-in-backup")
            dialog.ok_button.click()
            return True
        return False

    poll = _when_asked_to_log_in(log_in)
    assert window.database_backup.restore_action is not None
    window.database_backup.restore_action.trigger()

    def reopened() -> list[MainWindow]:
        return [
            w
            for w in QApplication.topLevelWidgets()
            if isinstance(w, MainWindow) and w is not window and w.isVisible()
        ]

    qtbot.waitUntil(lambda: bool(reopened()) and bool(message_boxes), timeout=30_000)
    poll.stop()
    assert seen[0] == "admin" and "The login or the password is wrong." in seen[1]
    assert message_boxes[0].startswith("復元しました。")
    message_boxes.clear()
    new = reopened()[0]
    qtbot.waitUntil(lambda: running_operations() == 0)
    new_db = new._db
    new.close()
    new_db.dispose()


def test_cancelling_the_login_after_a_restore_quits(
    demo_db: Database,
    actor: Actor,
    qtbot,  # type: ignore[no-untyped-def]
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    window = MainWindow(demo_db, actor)  # not given to qtbot: the restore closes it
    window.show()
    qtbot.waitUntil(lambda: window.work_orders.model.rowCount() > 0 and running_operations() == 0)
    source = tmp_path / "saved.sqlite3"
    backup_database(demo_db, actor, source)
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a: (str(source), ""))
    monkeypatch.setattr(QMessageBox, "question", lambda *a: QMessageBox.StandardButton.Yes)
    quits: list[int] = []
    monkeypatch.setattr(QApplication, "quit", lambda *a: quits.append(1))
    poll = _when_asked_to_log_in(lambda dialog: dialog.reject() or True)
    assert window.database_backup.restore_action is not None
    window.database_backup.restore_action.trigger()
    qtbot.waitUntil(lambda: bool(quits), timeout=30_000)
    assert not poll.isActive()
    assert not [
        w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible()
    ]
