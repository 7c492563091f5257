"""Starting the desktop app: Qt, language, fonts, the database (migrated if needed), the user
of this desktop, the first-start offer, and the main window."""

import logging
import sys
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, QThreadPool, QTimer
from PySide6.QtWidgets import QApplication

from oneaqita.db.engine import resolve_url
from oneaqita.db.migrate import needs_upgrade, upgrade
from oneaqita.errors import DomainError
from oneaqita.services.actor import Actor
from oneaqita.services.authentication import check_server_url, has_users, mark_demo_database
from oneaqita.services.database import Database
from ui.errors import show_error
from ui.first_admin_dialog import FirstAdminDialog
from ui.first_start import (
    FirstStartChoice,
    database_is_blank,
    load_demo_with_progress,
    offer_first_start,
)
from ui.fonts import setup_fonts
from ui.language import chosen_language, install_translators
from ui.login_dialog import LoginDialog
from ui.main_window import MainWindow
from ui.operations import ProgressCallback, run_with_progress
from ui.resource_paths import STYLE_FILE

translate = QCoreApplication.translate
log = logging.getLogger(__name__)


class StartupFailure(DomainError):
    """The database could not be opened or upgraded: said in both languages, no traceback."""


@dataclass
class OpenedDatabase:
    db: Database
    blank: bool


def _one_line(exc: BaseException) -> str:
    text = str(exc).strip()
    return text.splitlines()[0][:300] if text else type(exc).__name__


def _unexpected_startup(exc: BaseException) -> StartupFailure:
    return StartupFailure(
        f"oneaqita を起動できませんでした。\n{_one_line(exc)}",
        f"oneaqita could not start.\n{_one_line(exc)}",
    )


def open_database(url: str | None, progress: ProgressCallback | None = None) -> OpenedDatabase:
    """Opens the database and upgrades its schema when it is behind (who uses it is asked
    afterwards: log_in)."""
    resolved = resolve_url(url)
    try:
        db = Database.open(resolved)
        behind = needs_upgrade(db.engine)
    except DomainError:  # the URL or the database, said as the command line says it
        raise
    except Exception as exc:
        raise StartupFailure(
            f"データベースを開けませんでした。\n{resolved}\n{_one_line(exc)}",
            f"Could not open the database.\n{resolved}\n{_one_line(exc)}",
        ) from exc
    return _prepare(db, progress, behind)


def _prepare(
    db: Database, progress: ProgressCallback | None, behind: bool | None = None
) -> OpenedDatabase:
    """``db`` migrated when it is behind, and whether it is blank."""
    if behind is None:
        try:
            behind = needs_upgrade(db.engine)
        except BaseException:
            db.dispose()
            raise
    if behind:
        if progress:
            progress(translate("app", "データベースを更新しています"), 0, 0)
        try:
            upgrade(db.engine)
        except Exception as exc:
            db.dispose()
            raise StartupFailure(
                "データベースを新しい版に更新（マイグレーション）できませんでした。"
                f"管理者に連絡してください。\n{_one_line(exc)}",
                "Could not upgrade (migrate) the database to this version of oneaqita. "
                f"Please contact your administrator.\n{_one_line(exc)}",
            ) from exc
    try:
        blank = database_is_blank(db)
    except BaseException:
        db.dispose()
        raise
    return OpenedDatabase(db, blank)


def log_in(db: Database, login: str | None = None) -> Actor | None:
    """The user of this session: the first administrator on a database without users (made
    deliberately), else a login (``login`` filled in, else the remembered one); None when the
    user cancels."""
    dialog: FirstAdminDialog | LoginDialog
    dialog = FirstAdminDialog(db) if not has_users(db) else LoginDialog(db, login=login)
    return dialog.actor if dialog.exec() else None


def log_in_to_server(url: str) -> tuple[Database, Actor] | None:
    """PostgreSQL: the server checks the password, so the login comes before opening."""
    dialog = LoginDialog(None, url)
    if not dialog.exec() or dialog.database is None or dialog.actor is None:
        return None
    return dialog.database, dialog.actor


def _is_server(url: str | None) -> bool:
    return resolve_url(url).startswith("postgresql")


def create_application(argv: list[str] | None = None) -> QApplication:
    """The QApplication with names, fonts, translators and style sheet (reused if one exists,
    as under pytest-qt)."""
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(argv or sys.argv)
    app.setApplicationName("oneaqita")
    app.setOrganizationName("ONE-AQITA")
    setup_fonts(app)
    install_translators(app, chosen_language())
    if STYLE_FILE.exists():
        app.setStyleSheet(STYLE_FILE.read_text(encoding="utf-8"))
    return app


def run(url: str | None = None, demo: bool = False) -> int:
    """Opens the app on `url`. With `demo`, a blank database is filled with the demo data
    without asking (the caller has chosen the separate demo database for that)."""
    app = create_application()
    server = None
    if _is_server(url):
        try:
            check_server_url(resolve_url(url))
        except DomainError as exc:
            show_error(None, exc)
            return 1
        server = log_in_to_server(resolve_url(url))
        if server is None:
            QThreadPool.globalInstance().waitForDone()  # a cancelled check ends on its own
            return 0
    try:
        opened = run_with_progress(
            None,
            "oneaqita",
            translate("app", "データベースを開いています…"),
            lambda progress: (
                open_database(url, progress) if server is None else _prepare(server[0], progress)
            ),
        )
    except Exception as exc:  # noqa: BLE001 - nothing to open without a database
        log.warning("start-up failed", exc_info=exc)
        show_error(None, exc if isinstance(exc, DomainError) else _unexpected_startup(exc))
        return 1
    choice = None
    if opened.blank and demo:
        load_demo_with_progress(None, opened.db)
    elif demo:
        try:
            mark_demo_database(opened.db)  # demo data loaded before the mark existed
        except DomainError as exc:  # e.g. read-only: its users then need passwords
            log.warning("demo database not marked: %s", exc.en)
    elif opened.blank:
        choice = offer_first_start(None, opened.db)
    actor = server[1] if server is not None else log_in(opened.db)
    if actor is None:
        QThreadPool.globalInstance().waitForDone()  # a cancelled check still reads the db
        opened.db.dispose()
        return 0
    window = MainWindow(opened.db, actor)
    window.show()
    if choice is FirstStartChoice.IMPORT:
        # Once the window is up, so that the dialog has a parent and the pages see the import.
        QTimer.singleShot(0, window.import_action.trigger)
    try:
        return app.exec()
    finally:
        QThreadPool.globalInstance().waitForDone()
        opened.db.dispose()
