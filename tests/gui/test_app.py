"""Starting the app: database opened and migrated, first start offered, failures explained."""

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import QApplication

import ui.app
from oneaqita.db.engine import make_engine
from oneaqita.db.migrate import needs_upgrade
from oneaqita.errors import DatabaseUnavailable
from oneaqita.services.actor import Actor
from oneaqita.services.authentication import create_first_admin, has_users
from oneaqita.services.database import Database
from oneaqita.services.work_order_queries import WorkOrderFilter, count_work_orders
from ui.app import open_database, run
from ui.errors import error_text
from ui.first_start import (
    FirstStartChoice,
    FirstStartDialog,
    database_is_blank,
    load_demo_with_progress,
)
from ui.fonts import BUNDLED_FAMILY, load_bundled_font, setup_fonts
from ui.language import uninstall_translators
from ui.main_window import MainWindow


def test_open_database_migrates_a_new_file_and_makes_nobody_a_user(sqlite_url: str) -> None:
    opened = open_database(sqlite_url)
    try:
        assert not needs_upgrade(opened.db.engine)
        assert not has_users(opened.db)  # the first administrator is made deliberately
        assert opened.blank
    finally:
        opened.db.dispose()


def test_a_database_with_work_orders_is_not_blank(demo_db: Database) -> None:
    assert not database_is_blank(demo_db)


def test_an_unreachable_database_is_explained_in_both_languages() -> None:
    with pytest.raises(DatabaseUnavailable) as failure:
        open_database("postgresql+psycopg://nobody@127.0.0.1:1/nothing?connect_timeout=2")
    text = error_text(failure.value)
    assert text.startswith(
        "データベースを開けませんでした (postgresql+psycopg://nobody@127.0.0.1:1"
    )
    assert "Could not open the database postgresql+psycopg://nobody@" in text
    assert "Connection refused" in text and "Traceback" not in text


def test_run_returns_an_error_code_and_shows_why(
    app_language, message_boxes: list[str], tmp_path
) -> None:
    (tmp_path / "file").write_text("not a folder")
    assert run(f"sqlite:///{tmp_path.as_posix()}/file/db.sqlite3") == 1
    assert len(message_boxes) == 1 and "Could not open the database" in message_boxes[0]
    message_boxes.clear()


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("nonsense", "not a database URL: 'nonsense'"),
        ("foo://x", "unsupported database 'foo'"),
        ("postgresql+nosuchdriver://u@h/x", "no driver for 'postgresql+nosuchdriver'"),
    ],
)
def test_run_shows_the_command_lines_message_for_a_bad_url(
    app_language, message_boxes: list[str], url: str, expected: str
) -> None:
    assert run(url) == 1
    assert len(message_boxes) == 1 and expected in message_boxes[0]
    assert "予期しないエラー" not in message_boxes[0]
    message_boxes.clear()


def _first_admin(db: Database) -> Actor:
    return create_first_admin(db, "first", "最初の管理者", "first-password-1")


def test_run_quits_when_the_login_is_cancelled(monkeypatch, app_language, sqlite_url: str) -> None:
    monkeypatch.setattr(ui.app, "offer_first_start", lambda *_: None)
    monkeypatch.setattr(ui.app, "log_in", lambda _db: None)
    assert run(sqlite_url) == 0
    assert not [w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow)]


@pytest.fixture
def app_language(monkeypatch, qapp):  # type: ignore[no-untyped-def]
    """run() installs translators on the shared QApplication: take them off afterwards."""
    monkeypatch.setenv("ONEAQITA_LANG", "ja")
    yield
    uninstall_translators(qapp)


def test_run_opens_the_main_window_and_offers_the_first_start(
    monkeypatch, app_language, sqlite_url: str
) -> None:
    offered: list[str] = []
    monkeypatch.setattr(ui.app, "offer_first_start", lambda _p, db: offered.append(db.describe()))
    monkeypatch.setattr(ui.app, "log_in", _first_admin)
    shown: list[str] = []
    poll = QTimer()
    give_up = QTimer()

    def close_when_shown() -> None:
        windows = [w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow)]
        if windows and windows[0].isVisible():
            poll.stop()
            shown.append(windows[0].windowTitle())
            QApplication.closeAllWindows()

    poll.timeout.connect(close_when_shown)
    poll.start(50)
    give_up.setSingleShot(True)
    give_up.timeout.connect(lambda: QApplication.exit(99))  # never hang the suite
    give_up.start(20_000)
    assert run(sqlite_url) == 0
    assert offered and "test.sqlite3" in offered[0]
    assert "oneaqita — 株式会社ONE・AQITA" in shown


def test_run_on_the_demo_database_loads_without_asking(
    monkeypatch, app_language, sqlite_url: str
) -> None:
    monkeypatch.setattr(ui.app, "offer_first_start", lambda *_: pytest.fail("must not ask"))
    loaded: list[str] = []
    monkeypatch.setattr(
        ui.app, "load_demo_with_progress", lambda _p, db: loaded.append(db.describe())
    )
    monkeypatch.setattr(ui.app, "log_in", _first_admin)
    poll = QTimer()

    def close_when_shown() -> None:
        if any(isinstance(w, MainWindow) and w.isVisible() for w in QApplication.topLevelWidgets()):
            poll.stop()
            QApplication.closeAllWindows()

    poll.timeout.connect(close_when_shown)
    poll.start(50)
    give_up = QTimer()
    give_up.setSingleShot(True)
    give_up.timeout.connect(lambda: QApplication.exit(99))
    give_up.start(20_000)
    assert run(sqlite_url, demo=True) == 0
    assert loaded and "test.sqlite3" in loaded[0]


def test_first_start_dialog_never_fills_by_default(qtbot) -> None:
    dialog = FirstStartDialog("sqlite:///x")
    qtbot.addWidget(dialog)
    assert dialog.choice is FirstStartChoice.EMPTY
    assert dialog.empty_button.isDefault() and not dialog.demo_button.isDefault()
    assert dialog.demo_button.isEnabled()  # oneaqita.demo is installed here
    dialog.demo_button.click()
    assert dialog.choice is FirstStartChoice.DEMO


def test_demo_loads_behind_a_progress_dialog(qtbot, sqlite_db: Database) -> None:
    assert database_is_blank(sqlite_db)
    assert load_demo_with_progress(None, sqlite_db, scale=0.02)
    assert count_work_orders(sqlite_db, WorkOrderFilter()) > 0
    assert not database_is_blank(sqlite_db)


def test_demo_refused_on_a_database_with_data_is_shown(
    qtbot, demo_db: Database, message_boxes: list[str]
) -> None:
    assert not load_demo_with_progress(None, demo_db, scale=0.02)
    assert "empty database" in message_boxes[0]
    message_boxes.clear()


def test_the_bundled_japanese_font_is_loaded(qapp) -> None:
    family = setup_fonts(qapp)
    situation = load_bundled_font()
    assert situation.bundled_family == BUNDLED_FAMILY
    assert BUNDLED_FAMILY in QFontDatabase.families(QFontDatabase.WritingSystem.Japanese)
    if not situation.platform_has_japanese:
        assert family == BUNDLED_FAMILY  # a bare Linux: the bundled font is the UI font


def test_engine_left_behind_by_open_database_is_usable(sqlite_url: str) -> None:
    open_database(sqlite_url).db.dispose()
    engine = make_engine(sqlite_url)
    assert not needs_upgrade(engine)
    engine.dispose()
