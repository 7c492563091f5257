"""The Users page (administrators): add a user, change a role, reset a password, deactivate
after a question naming the user, the refusal to demote oneself at the role field; the page
is not there for other roles."""

from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from oneaqita.models import Role, User
from oneaqita.passwords import verify_password
from oneaqita.services.actor import Actor
from oneaqita.services.database import Database
from oneaqita.services.user_accounts import add_user, edit_user, in_own_unit
from oneaqita.services.user_queries import UserFilter, UserRow, list_users
from ui.main_window import MainWindow
from ui.operations import running_operations
from ui.users.password_dialog import PasswordDialog
from ui.users.user_dialog import UserDialog
from ui.users.users_model import ACTIVE, ROLE
from ui.users.users_page import UsersPage


@pytest.fixture
def page(qtbot, demo_db: Database, actor: Actor) -> UsersPage:  # type: ignore[no-untyped-def]
    widget = UsersPage(demo_db, actor)
    qtbot.addWidget(widget)
    widget.show()
    qtbot.waitUntil(lambda: widget.model.rowCount() > 0 and running_operations() == 0)
    return widget


def _user(db: Database, actor: Actor, login: str) -> UserRow:
    return next(r for r in list_users(db, actor, UserFilter(text=login)) if r.login == login)


def _add(db: Database, actor: Actor, login: str, role: Role = Role.COORDINATOR) -> UserRow:
    in_own_unit(db, actor, lambda uow: add_user(uow, login, "事務 花子", role, "first secret"))
    return _user(db, actor, login)


def _select(qtbot, page: UsersPage, login: str) -> None:  # type: ignore[no-untyped-def]
    page.refresh()  # a user added by the test's own call: no change was announced
    qtbot.waitUntil(lambda: page.model.row_of(_id(page, login)) is not None, timeout=5000)
    page.select_id(_id(page, login))
    page.table.setFocus()


def _id(page: UsersPage, login: str) -> int:
    rows = [page.model.row_at(r) for r in range(page.model.rowCount())]
    return next((r.id for r in rows if r is not None and r.login == login), -1)


def _shown(page: UsersPage, user_id: int, column: int) -> object:
    row = page.model.row_of(user_id)
    return None if row is None else page.model.index(row, column).data()


def _save(qtbot, dialog: UserDialog | PasswordDialog) -> None:  # type: ignore[no-untyped-def]
    dialog.save_button.click()
    qtbot.waitUntil(lambda: running_operations() == 0, timeout=10_000)


def test_add_a_user_with_ctrl_n(qtbot, page: UsersPage, demo_db: Database, actor: Actor) -> None:  # type: ignore[no-untyped-def]
    qtbot.keyClick(page.table, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    dialog = page.editor
    assert isinstance(dialog, UserDialog)
    qtbot.waitUntil(lambda: dialog.person_combo.isEnabled())
    qtbot.keyClicks(dialog.login_edit, "Kato.Jiro")
    dialog.name_edit.setText("加藤 次郎")
    dialog.role_combo.setCurrentIndex(dialog.role_combo.findData(Role.MANAGER))
    free = next(p for p in dialog.people if p.linked_login is None)
    dialog.person_combo.setCurrentIndex(dialog.person_combo.findData(free.id))
    dialog.password_edit.setText("a long secret")
    dialog.again_edit.setText("a long typo")
    _save(qtbot, dialog)
    assert dialog.errors.invalid_field() == "password_again"  # typed twice, differently
    dialog.again_edit.setText("a long secret")
    _save(qtbot, dialog)
    qtbot.waitUntil(lambda: page.editor is None and page.current_row() is not None)
    shown = page.current_row()
    assert shown is not None and shown.login == "kato.jiro"
    assert shown.role is Role.MANAGER and shown.person_id == free.id
    with demo_db.read() as s:
        stored = s.get(User, shown.id)
        assert stored is not None and verify_password(stored.password_hash, "a long secret")


def test_a_login_with_a_space_is_refused_at_its_field(qtbot, page: UsersPage) -> None:  # type: ignore[no-untyped-def]
    page.add_button.click()
    dialog = page.editor
    assert isinstance(dialog, UserDialog)
    dialog.login_edit.setText("kato jiro")
    dialog.name_edit.setText("加藤 次郎")
    dialog.password_edit.setText("a long secret")
    dialog.again_edit.setText("a long secret")
    _save(qtbot, dialog)
    assert dialog.isVisible() and dialog.errors.invalid_field() == "login"
    assert "空白" in dialog.errors.message()
    dialog.reject()


def test_change_the_role_with_enter(
    qtbot, page: UsersPage, demo_db: Database, actor: Actor
) -> None:  # type: ignore[no-untyped-def]
    row = _add(demo_db, actor, "clerk")
    _select(qtbot, page, "clerk")
    qtbot.keyClick(page.table, Qt.Key.Key_Return)
    dialog = page.editor
    assert isinstance(dialog, UserDialog) and dialog.login_edit.isReadOnly()
    dialog.role_combo.setCurrentIndex(dialog.role_combo.findData(Role.ADMIN))
    _save(qtbot, dialog)
    qtbot.waitUntil(lambda: page.editor is None)
    assert _user(demo_db, actor, "clerk").role is Role.ADMIN
    qtbot.waitUntil(
        lambda: page.model.index(page.model.row_of(row.id) or 0, ROLE).data() == "管理者"
    )


def test_demoting_oneself_is_refused_at_the_role_field(
    qtbot, page: UsersPage, demo_db: Database, actor: Actor
) -> None:  # type: ignore[no-untyped-def]
    _select(qtbot, page, actor.login)
    page.edit_current()
    dialog = page.editor
    assert isinstance(dialog, UserDialog)
    dialog.role_combo.setCurrentIndex(dialog.role_combo.findData(Role.MANAGER))
    _save(qtbot, dialog)
    assert dialog.isVisible() and dialog.errors.invalid_field() == "role"
    assert "自分自身" in dialog.errors.message() and "yourself" in dialog.errors.message()
    assert _user(demo_db, actor, actor.login).role is Role.ADMIN
    dialog.reject()


def test_reset_a_password(qtbot, page: UsersPage, demo_db: Database, actor: Actor) -> None:  # type: ignore[no-untyped-def]
    row = _add(demo_db, actor, "clerk")
    _select(qtbot, page, "clerk")
    page.password_button.click()
    dialog = page.editor
    assert isinstance(dialog, PasswordDialog)
    assert "clerk（事務 花子）" in dialog.user_label.text()
    dialog.password_edit.setText("short")
    dialog.again_edit.setText("short")
    _save(qtbot, dialog)
    assert dialog.errors.invalid_field() == "password"
    dialog.password_edit.setText("the new secret")
    dialog.again_edit.setText("the new secret")
    _save(qtbot, dialog)
    qtbot.waitUntil(lambda: page.editor is None)
    with demo_db.read() as s:
        stored = s.get(User, row.id)
        assert stored is not None and verify_password(stored.password_hash, "the new secret")


def test_deactivate_after_a_question_naming_the_user(
    qtbot, page: UsersPage, demo_db: Database, actor: Actor, monkeypatch: Any
) -> None:  # type: ignore[no-untyped-def]
    _add(demo_db, actor, "clerk")
    questions: list[str] = []
    answers = [QMessageBox.StandardButton.No, QMessageBox.StandardButton.Yes]

    def ask(_parent: Any, _title: str, text: str, *_args: Any) -> QMessageBox.StandardButton:
        questions.append(text)
        return answers.pop(0)

    monkeypatch.setattr(QMessageBox, "question", ask)
    _select(qtbot, page, "clerk")
    assert page.active_button.text() == "無効にする(&D)"
    page.active_button.click()  # answered No: nothing happens
    qtbot.waitUntil(lambda: running_operations() == 0)
    assert _user(demo_db, actor, "clerk").active
    page.active_button.click()
    qtbot.waitUntil(lambda: not _user(demo_db, actor, "clerk").active, timeout=5000)
    assert all("clerk（事務 花子）" in q for q in questions) and len(questions) == 2
    qtbot.waitUntil(lambda: page.active_button.text() == "有効にする(&D)", timeout=5000)
    assert _shown(page, _id(page, "clerk"), ACTIVE) == "無効"


def test_filters_by_role_and_state(qtbot, page: UsersPage, demo_db: Database, actor: Actor) -> None:  # type: ignore[no-untyped-def]
    _add(demo_db, actor, "clerk", Role.SECONDED)
    page.role_combo.setCurrentIndex(page.role_combo.findData(Role.SECONDED))
    qtbot.waitUntil(lambda: _id(page, "clerk") >= 0 and running_operations() == 0)
    rows = [page.model.row_at(r) for r in range(page.model.rowCount())]
    assert rows and all(r is not None and r.role is Role.SECONDED for r in rows)
    page.state_combo.setCurrentIndex(page.state_combo.findData(False))
    qtbot.waitUntil(lambda: _id(page, "clerk") < 0 and running_operations() == 0)


def test_only_administrators_have_the_page(qtbot, demo_db: Database, actor: Actor) -> None:  # type: ignore[no-untyped-def]
    manager = _add(demo_db, actor, "boss", Role.MANAGER)
    window = MainWindow(demo_db, Actor(manager.id, "boss", Role.MANAGER))
    qtbot.addWidget(window)
    titles = [window.navigation.item(i).text() for i in range(window.navigation.count())]
    assert "ユーザー" not in titles and "報告書" in titles
    qtbot.waitUntil(lambda: running_operations() == 0, timeout=10_000)


def test_a_user_changed_meanwhile_shows_the_stored_values(
    qtbot: Any, page: UsersPage, demo_db: Database, actor: Actor
) -> None:
    row = _add(demo_db, actor, "clerk")
    _select(qtbot, page, "clerk")
    page.edit_current()
    dialog = page.editor
    assert isinstance(dialog, UserDialog)
    in_own_unit(
        demo_db, actor, lambda uow: edit_user(uow, row.id, row.version, "別の 名前", row.role, None)
    )
    dialog.name_edit.setText("私の 名前")
    _save(qtbot, dialog)
    qtbot.waitUntil(lambda: dialog.stored is not None, timeout=5000)
    assert dialog.isVisible() and "別の 名前" in dialog.stored_text()
    dialog.reload()
    assert dialog.name_edit.text() == "別の 名前"
    dialog.reject()
