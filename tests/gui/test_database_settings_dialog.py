"""設定 ▸ データベース…: a form filled as a user would, tested against the CI PostgreSQL
(127.0.0.1:5432, trust), saved without any password, refusals at the field, the owner's
migrations with progress, a role that owns nothing refused, and a missing keyring said."""

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from sqlalchemy import make_url

from oneaqita.db.connection_settings import CONFIG_DIR_ENV, load_settings, settings_path
from oneaqita.db.engine import ENV_URL, resolve_url
from oneaqita.db.migrate import current_revision, head_revision
from oneaqita.db.server_check import connect
from tests.memory_keyring import MemoryKeyring, memory_keyring, no_keyring  # noqa: F401
from tests.server_settings import settings_of
from ui.database_migration_dialog import OwnerMigrationDialog
from ui.database_settings_dialog import DatabaseSettingsDialog
from ui.operations import running_operations


@pytest.fixture(autouse=True)
def config(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "config"
    monkeypatch.setenv(CONFIG_DIR_ENV, str(folder))
    monkeypatch.delenv(ENV_URL, raising=False)
    return folder


@pytest.fixture
def dialog(qtbot) -> Iterator[DatabaseSettingsDialog]:  # type: ignore[no-untyped-def]
    shown = DatabaseSettingsDialog(None, "sqlite:///now.sqlite3")
    qtbot.addWidget(shown)
    shown.show()
    yield shown
    qtbot.waitUntil(lambda: running_operations() == 0, timeout=30_000)


def _fill(dialog: DatabaseSettingsDialog, url: str, password: str = "") -> None:
    parsed = make_url(url)
    dialog.server.click()
    for edit, value in (
        (dialog.host, parsed.host or ""),
        (dialog.port, str(parsed.port or 5432)),
        (dialog.database, parsed.database or ""),
        (dialog.user, parsed.username or ""),
        (dialog.password, password),
    ):
        edit.clear()
        edit.setFocus()
        edit.insert(value)
    dialog.sslmode.setCurrentText("disable")


def _finished(qtbot) -> None:  # type: ignore[no-untyped-def]
    qtbot.waitUntil(lambda: running_operations() == 0, timeout=60_000)


def test_the_embedded_database_is_the_default_and_its_file_shown(
    dialog: DatabaseSettingsDialog,
) -> None:
    assert dialog.embedded.isChecked()
    assert not dialog.server_box.isEnabled() and not dialog.test_button.isEnabled()
    assert not dialog.migrate_button.isEnabled()


@pytest.mark.pg
def test_fill_test_and_save_a_server(
    qtbot, dialog: DatabaseSettingsDialog, pg_db, message_boxes: list[str]
) -> None:  # type: ignore[no-untyped-def]
    url = pg_db.engine.url.render_as_string(hide_password=False)
    _fill(dialog, url, password="typed-only-for-the-test")
    qtbot.mouseClick(dialog.test_button, Qt.MouseButton.LeftButton)
    _finished(qtbot)
    said = dialog.said.text()
    assert "接続できました" in said and "PostgreSQL" in said and "up to date" in said
    assert dialog.errors.message() == ""

    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert len(message_boxes) == 1 and "次回の起動から" in message_boxes.pop()
    assert dialog.result() == DatabaseSettingsDialog.DialogCode.Accepted
    text = settings_path().read_text(encoding="utf-8")
    assert "typed-only" not in text and "password" not in text.lower()
    stored = json.loads(text)
    assert stored["kind"] == "postgresql" and stored["host"] == make_url(url).host
    assert load_settings().settings.database == make_url(url).database
    assert resolve_url().startswith("postgresql+psycopg://postgres@")


def test_a_bad_port_is_refused_at_its_field(
    dialog: DatabaseSettingsDialog,
) -> None:
    _fill(dialog, "postgresql+psycopg://postgres@127.0.0.1:5432/oneaqita")
    dialog.port.setText("70000")
    dialog.save_button.click()
    assert dialog.errors.invalid_field() == "port"
    assert "65535" in dialog.errors.message()
    assert dialog.port.hasFocus()
    assert not settings_path().exists()  # nothing saved
    dialog.port.textEdited.emit("5432")  # typing takes the outline away
    assert dialog.errors.invalid_field() is None


def test_a_host_with_a_space_is_refused_before_connecting(
    dialog: DatabaseSettingsDialog,
) -> None:
    _fill(dialog, "postgresql+psycopg://postgres@127.0.0.1:5432/oneaqita")
    dialog.host.setText("db server")
    dialog.test_button.click()
    assert running_operations() == 0  # refused in the form, no connection tried
    assert dialog.errors.invalid_field() == "host"


@pytest.mark.pg
def test_a_missing_database_is_said_at_its_field(qtbot, dialog: DatabaseSettingsDialog) -> None:  # type: ignore[no-untyped-def]
    _fill(dialog, "postgresql+psycopg://postgres@127.0.0.1:5432/oneaqita_not_there")
    dialog.test_button.click()
    _finished(qtbot)
    assert dialog.errors.invalid_field() == "database"
    assert "No such database" in dialog.errors.message()
    assert dialog.save_button.isEnabled()  # no longer busy


def test_a_damaged_file_is_said_in_the_dialog(qtbot, config: Path) -> None:  # type: ignore[no-untyped-def]
    config.mkdir()
    settings_path().write_text("{broken", encoding="utf-8")
    shown = DatabaseSettingsDialog(None)
    qtbot.addWidget(shown)
    assert shown.embedded.isChecked()
    assert not shown.notice.isHidden() and "組み込み" in shown.notice.text()


def _migration_dialog(qtbot, dialog: DatabaseSettingsDialog, url: str) -> OwnerMigrationDialog:  # type: ignore[no-untyped-def]
    _fill(dialog, url)
    dialog.migrate_button.click()
    migration = dialog.migration_dialog
    qtbot.addWidget(migration)
    return migration


@pytest.mark.pg
def test_the_owner_migrates_an_empty_database_and_the_password_goes_to_the_keyring(
    qtbot,  # type: ignore[no-untyped-def]
    dialog: DatabaseSettingsDialog,
    pg_url: str,
    memory_keyring: MemoryKeyring,  # noqa: F811
) -> None:
    migration = _migration_dialog(qtbot, dialog, pg_url)
    assert migration.remember.isEnabled() and migration.keyring_note.isHidden()
    migration.owner.setText("postgres")
    migration.password.setText("owner-pw")  # trust: the server does not check it
    migration.remember.setChecked(True)
    migration.run_button.click()
    assert not migration.run_button.isEnabled()  # busy while it runs
    migration.reject()  # Esc: refused, the migration's answer is awaited
    assert migration.isVisible()
    _finished(qtbot)
    assert "移行しました" in migration.said.text(), migration.errors.message()
    engine = connect(settings_of(pg_url), "postgres", "")
    try:
        assert current_revision(engine) == head_revision(engine)
    finally:
        engine.dispose()
    database = make_url(pg_url).database
    assert memory_keyring.secrets == {
        ("oneaqita", f"postgres@127.0.0.1:5432/{database}"): "owner-pw"
    }
    assert not settings_path().exists()  # migrating saved nothing else


@pytest.mark.pg
def test_a_role_that_owns_nothing_is_refused_in_the_dialog(
    qtbot,  # type: ignore[no-untyped-def]
    dialog: DatabaseSettingsDialog,
    pg_db,
    clerk_role: str,
    no_keyring: None,  # noqa: F811
) -> None:
    url = pg_db.engine.url.render_as_string(hide_password=False)
    migration = _migration_dialog(qtbot, dialog, url)
    # no keyring here (as on CI): said up front, and remembering cannot be asked
    assert not migration.keyring_note.isHidden()
    assert "記憶できません" in migration.keyring_note.text()
    assert not migration.remember.isEnabled()
    migration.owner.setText(clerk_role)
    migration.run_button.click()
    _finished(qtbot)
    message = migration.errors.message()
    assert "所有者" in message and "owner" in message and "Nothing was changed" in message
    assert migration.said.isHidden()
    assert migration.run_button.isEnabled()


def test_a_keyring_that_refuses_is_said_and_nothing_is_written(
    qtbot,  # type: ignore[no-untyped-def]
    dialog: DatabaseSettingsDialog,
    memory_keyring: MemoryKeyring,  # noqa: F811
    monkeypatch: pytest.MonkeyPatch,
    config: Path,
) -> None:
    import ui.database_migration_dialog as module
    from oneaqita.db.owner_migrations import MigrationResult

    def locked(*_: object) -> None:
        raise RuntimeError("the keyring is locked")

    monkeypatch.setattr(memory_keyring, "set_password", locked)
    monkeypatch.setattr(
        module, "run_owner_migrations", lambda *a, **k: MigrationResult("0013", "0013", 0)
    )
    migration = _migration_dialog(qtbot, dialog, "postgresql+psycopg://postgres@db:5432/x")
    migration.password.setText("owner-pw")
    migration.remember.setChecked(True)
    migration.run_button.click()
    _finished(qtbot)
    text = migration.said.text()
    assert "最新" in text and "記憶できません" in text and "locked" in text
    assert memory_keyring.secrets == {}
    assert not config.exists()


def test_the_menu_opens_it_for_every_user(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    assert window.database_settings_action.text() == "データベース(&D)…"
    window.database_settings_action.trigger()
    opened = [w for w in window.findChildren(DatabaseSettingsDialog)]
    assert len(opened) == 1 and opened[0].isVisible()
    assert "sqlite:///" in " ".join(
        label.text() for label in opened[0].findChildren(type(opened[0].said))
    )
    opened[0].close()


def test_a_damaged_file_is_said_at_start_once(  # type: ignore[no-untyped-def]
    qtbot, config: Path, demo_db, actor, monkeypatch: pytest.MonkeyPatch
) -> None:
    import ui.database_settings_dialog as module
    from ui.main_window import MainWindow

    config.mkdir()
    settings_path().write_bytes(b"\xff\xfe not json")
    monkeypatch.setattr(module, "_told", [])
    told: list[str] = []
    opened = module.tell_damaged_settings

    def record(window, problem):  # type: ignore[no-untyped-def]
        box = opened(window, problem)
        told.append(box.text())
        box.close()
        return box

    monkeypatch.setattr(module, "tell_damaged_settings", record)
    for _ in range(2):  # a second window (a restore reopens one) says it no more
        window = MainWindow(demo_db, actor)
        qtbot.addWidget(window)
        qtbot.wait(10)
    assert len(told) == 1
    assert "組み込みのデータベースを使います" in told[0] and "embedded database is used" in told[0]
