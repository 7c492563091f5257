"""The Users page on PostgreSQL, as an administrator connected with their own login role
(which has no CREATEROLE): adding a user makes their login role in its group and a password
reset is saved, through the owner's functions."""

from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt

from oneaqita.models import Role
from tests.db.pg_owner_setup import OwnedDatabase, owned_database
from tests.db.user_roles import role_facts
from ui.operations import running_operations
from ui.users.password_dialog import PasswordDialog
from ui.users.user_dialog import UserDialog
from ui.users.users_page import UsersPage

pytestmark = pytest.mark.pg


@pytest.fixture
def owned() -> Iterator[OwnedDatabase]:
    yield from owned_database()


def _save(qtbot, dialog: UserDialog | PasswordDialog) -> None:  # type: ignore[no-untyped-def]
    dialog.save_button.click()
    qtbot.waitUntil(lambda: running_operations() == 0, timeout=10_000)


def test_an_administrator_adds_and_resets_a_user(qtbot, owned: OwnedDatabase) -> None:  # type: ignore[no-untyped-def]
    admin = owned.add_user("admin", Role.ADMIN)
    db, actor = owned.app(admin)
    page = UsersPage(db, actor)
    qtbot.addWidget(page)
    page.show()
    qtbot.waitUntil(lambda: page.model.rowCount() > 0 and running_operations() == 0)
    qtbot.keyClick(page.table, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    dialog = page.editor
    assert isinstance(dialog, UserDialog)
    login = owned.login("kato")
    qtbot.keyClicks(dialog.login_edit, login)
    dialog.name_edit.setText("加藤 次郎")
    dialog.role_combo.setCurrentIndex(dialog.role_combo.findData(Role.MANAGER))
    dialog.password_edit.setText("a long secret")
    dialog.again_edit.setText("a long secret")
    _save(qtbot, dialog)
    qtbot.waitUntil(lambda: page.editor is None and page.current_row() is not None)
    shown = page.current_row()
    assert shown is not None and shown.login == login
    assert role_facts(owned.owner_db, login) == (True, False, ["oneaqita_manager"])

    page.password_button.click()
    reset = page.editor
    assert isinstance(reset, PasswordDialog)
    reset.password_edit.setText("the new secret")
    reset.again_edit.setText("the new secret")
    _save(qtbot, reset)
    qtbot.waitUntil(lambda: page.editor is None)  # saved: the dialog closes
    assert role_facts(owned.owner_db, login) == (True, False, ["oneaqita_manager"])
