"""設定 ▸ データベース… ▸ 移行を実行…, on a new shared database: once the owner has migrated
it and it has no user, the dialog offers its first administrator, made there with a password
that the server then checks. On the tests' own password-checking cluster."""

import uuid
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from oneaqita.db.connection_settings import CONFIG_DIR_ENV
from oneaqita.db.engine import ENV_URL
from oneaqita.models import Role
from oneaqita.services.authentication import open_as
from tests.memory_keyring import no_keyring  # noqa: F401 - the fixture
from tests.pg_scram import SUPERUSER, SUPERUSER_PASSWORD, ScramServer, scram_server  # noqa: F401
from tests.server_settings import settings_of
from ui.database_migration_dialog import OwnerMigrationDialog
from ui.first_admin_dialog import FirstAdminDialog
from ui.operations import running_operations

pytestmark = pytest.mark.pg
PW = "first-admin-pw-1"


@pytest.fixture(autouse=True)
def config(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv(CONFIG_DIR_ENV, str(tmp_path / "config"))
    monkeypatch.delenv(ENV_URL, raising=False)
    return tmp_path / "config"


def _when_it_opens(fill: Callable[[FirstAdminDialog], None]) -> None:
    """Fills the modal first-administrator dialog once exec() has shown it."""

    def step() -> None:
        dialog = QApplication.activeModalWidget()
        if isinstance(dialog, FirstAdminDialog):
            fill(dialog)
            if dialog.isVisible():  # refused: closed, so that the test fails, never hangs
                dialog.reject()
        else:
            QTimer.singleShot(20, step)

    QTimer.singleShot(20, step)


def test_the_owner_creates_the_first_administrator_after_migrating(
    qtbot,  # type: ignore[no-untyped-def]
    scram_server: ScramServer,  # noqa: F811
    no_keyring: None,  # noqa: F811
) -> None:
    name = scram_server.new_database()
    url = scram_server.url(user="", password=None, database=name)
    migration = OwnerMigrationDialog(None, settings_of(url, SUPERUSER))
    qtbot.addWidget(migration)
    migration.show()
    assert migration.first_admin_button.isHidden()
    migration.password.setText(SUPERUSER_PASSWORD)
    migration.run_button.click()
    qtbot.waitUntil(lambda: running_operations() == 0, timeout=60_000)
    assert "移行しました" in migration.said.text(), migration.errors.message()
    assert "まだユーザーがいません" in migration.said.text()
    assert migration.first_admin_button.isVisible()
    login = f"boss_{uuid.uuid4().hex[:8]}"
    said: list[str] = []

    def differing(dialog: FirstAdminDialog) -> None:
        dialog.login_edit.setText(login)
        dialog.name_edit.setText("最初の管理者")
        dialog.password_edit.setText(PW)
        dialog.again_edit.setText(PW + "x")
        dialog.ok_button.click()
        said.append(dialog.error_label.text())  # refused, the dialog still open
        dialog.again_edit.setText(PW)
        dialog.ok_button.click()

    _when_it_opens(differing)
    migration.first_admin_button.click()  # returns once the dialog has closed
    assert "The two passwords differ." in said[0]
    assert migration.first_admin_button.isHidden() and login in migration.said.text()
    db, actor = open_as(url, login, PW)  # the server checks the password it was given
    try:
        assert (actor.login, actor.role) == (login, Role.ADMIN)
    finally:
        db.dispose()


def test_a_database_with_users_offers_no_first_administrator(
    qtbot,  # type: ignore[no-untyped-def]
    scram_server: ScramServer,  # noqa: F811
    no_keyring: None,  # noqa: F811
) -> None:
    name = scram_server.new_database()
    url = scram_server.url(user="", password=None, database=name)
    migration = OwnerMigrationDialog(None, settings_of(url, SUPERUSER))
    qtbot.addWidget(migration)
    migration.password.setText(SUPERUSER_PASSWORD)
    migration.run_button.click()
    qtbot.waitUntil(lambda: running_operations() == 0, timeout=60_000)
    login = f"boss_{uuid.uuid4().hex[:8]}"
    _when_it_opens(lambda d: (d.login_edit.setText(login), d.password_edit.setText(PW),
                              d.again_edit.setText(PW), d.ok_button.click()))  # fmt: skip
    migration.first_admin_button.click()
    migration.run_button.click()  # again: up to date, and there is a user now
    qtbot.waitUntil(lambda: running_operations() == 0, timeout=30_000)
    assert "最新" in migration.said.text() and migration.first_admin_button.isHidden()
