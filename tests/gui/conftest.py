"""GUI test fixtures: demo data in a throw-away database, isolated settings, and message boxes
that record instead of blocking (a modal box would hang an offscreen test forever)."""

import shutil
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QMessageBox

from oneaqita.db.engine import make_engine
from oneaqita.db.migrate import upgrade
from oneaqita.demo import load_demo
from oneaqita.services.actor import Actor
from oneaqita.services.database import Database
from oneaqita.services.users import registered_actor
from tests.logins import actor_for
from ui.main_window import MainWindow
from ui.operations import running_operations

DEMO_SCALE = 0.02  # about 110 work orders: small enough for every test to build its own
# The demo follows the calendar; the tests load it as of one fixed day (FY2024–FY2025).
DEMO_TODAY = date(2026, 3, 31)


@pytest.fixture(autouse=True)
def isolated_settings(tmp_path, qapp) -> Iterator[None]:  # type: ignore[no-untyped-def]
    qapp.setOrganizationName("ONE-AQITA-test")
    qapp.setApplicationName("oneaqita-test")
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path))
    yield


@pytest.fixture(autouse=True)
def message_boxes(monkeypatch) -> Iterator[list[str]]:  # type: ignore[no-untyped-def]
    """Every message box a test opens, as its text. A test that expects one takes this
    fixture and empties the list; any box left over fails the test."""
    shown: list[str] = []

    def record(box: QMessageBox) -> int:
        shown.append(box.text())
        return int(QMessageBox.StandardButton.Ok)

    monkeypatch.setattr(QMessageBox, "exec", record)
    yield shown
    assert not shown, f"unexpected message box: {shown}"


@pytest.fixture(scope="session")
def demo_template(tmp_path_factory) -> Path:  # type: ignore[no-untyped-def]
    """The demo database, built once; each test works on its own copy."""
    path = tmp_path_factory.mktemp("demo") / "demo.sqlite3"
    engine = make_engine(f"sqlite:///{path.as_posix()}")
    upgrade(engine)
    database = Database(engine)
    actor_for(database, "admin")  # audited before the demo, which then keeps it as its admin
    load_demo(database, scale=DEMO_SCALE, today=DEMO_TODAY)
    with engine.connect() as conn:
        conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")  # all rows in the main file
    database.dispose()
    return path


@pytest.fixture
def demo_db(demo_template: Path, tmp_path: Path, qtbot) -> Iterator[Database]:  # type: ignore[no-untyped-def]
    copy = tmp_path / "demo.sqlite3"
    shutil.copyfile(demo_template, copy)
    database = Database.open(f"sqlite:///{copy.as_posix()}")
    yield database
    # Background calls must finish before the database is disposed.
    qtbot.waitUntil(lambda: running_operations() == 0, timeout=10_000)
    database.dispose()


@pytest.fixture
def actor(demo_db: Database) -> Actor:
    return registered_actor(demo_db, "admin")  # the demo's administrator


@pytest.fixture
def window(demo_db: Database, actor: Actor, qtbot) -> MainWindow:  # type: ignore[no-untyped-def]
    win = MainWindow(demo_db, actor)
    qtbot.addWidget(win)
    win.show()
    page = win.work_orders
    win.navigation.setCurrentRow(win.pages.index(page))  # past the dashboard, if shown
    qtbot.waitUntil(lambda: page.model.rowCount() > 0 and running_operations() == 0)
    return win
