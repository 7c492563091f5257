"""ファイル ▸ バックアップ… and 復元…: the file dialogs, the work off the GUI thread with its
progress, and reopening the main window on the restored database.

A restore replaces the file under every engine on it, so nothing may hold the old database:
the file is checked and staged while the window stays open (a refused file changes nothing),
then the window is closed (its pages with it), the background reads it started are waited
for, the database is disposed and the copy put in place; a new main window is then opened on
the database at the same URL, exactly as at start: migrated, and whoever uses it logs in to
the restored database (its users and passwords are those of the backup), the restorer's login
name filled in; with no user in it, its first administrator is asked for. Cancelling that
login quits the app, as at start. A restore that failed has kept the old database: it is
reopened for the restorer without asking. Should the database not open, the app says so and
quits, since there is nothing left to show.
"""

from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QSettings, QStandardPaths, QThreadPool
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox, QWidget

from oneaqita.db.backup import BackupWritten
from oneaqita.db.sqlite_files import ProgressCallback, postgres_refused
from oneaqita.errors import DomainError
from oneaqita.permissions import Action, allowed
from oneaqita.services.actor import Actor
from oneaqita.services.database import Database
from oneaqita.services.database_backup import (
    PreparedRestore,
    RestoreDone,
    backup_database,
    finish_restore,
    prepare_restore,
)
from oneaqita.services.users import registered_actor
from ui.errors import show_error
from ui.operations import QueryOp, run_with_progress

if TYPE_CHECKING:
    from ui.main_window import MainWindow

_FOLDER_KEY = "backup/folder"


class DatabaseBackup(QObject):
    """The two File menu actions of one main window (None where the user may not)."""

    def __init__(self, window: "MainWindow", db: Database, actor: Actor) -> None:
        super().__init__(window)
        self._window, self._db, self._actor = window, db, actor
        self.backup_action: QAction | None = None
        self.restore_action: QAction | None = None
        if allowed(actor, Action.BACKUP_DATABASE):
            self.backup_action = QAction(self.tr("バックアップ(&B)…"), window)
            self.backup_action.triggered.connect(self.back_up)
        if allowed(actor, Action.RESTORE_DATABASE):
            self.restore_action = QAction(self.tr("復元(&R)…"), window)
            self.restore_action.triggered.connect(self.restore)

    def actions(self) -> list[QAction]:
        return [a for a in (self.backup_action, self.restore_action) if a is not None]

    # -- shared --------------------------------------------------------------------------
    def _stages(self, progress: ProgressCallback) -> ProgressCallback:
        """The core's stages in the user's words (translated here, on the GUI thread)."""
        labels = {
            "copy": self.tr("複製しています"),
            "check": self.tr("検査しています"),
            "migrate": self.tr("新しい版に更新しています"),
        }
        return lambda stage, done, total: progress(labels.get(stage, stage), done, total)

    def _sqlite(self) -> bool:
        if self._db.dialect == "sqlite":
            return True
        show_error(self._window, postgres_refused())
        return False

    def _folder(self) -> str:
        stored = QSettings().value(_FOLDER_KEY)
        if isinstance(stored, str) and Path(stored).is_dir():
            return stored
        documents = QStandardPaths.writableLocation(
            QStandardPaths.StandardLocation.DocumentsLocation
        )
        return documents or str(Path.home())

    def _filter(self) -> str:
        return self.tr("SQLite データベース (*.sqlite3 *.db);;すべてのファイル (*)")

    # -- backup --------------------------------------------------------------------------
    def back_up(self) -> None:
        if not self._sqlite():
            return
        name = f"oneaqita-{datetime.now():%Y%m%d-%H%M}.sqlite3"
        path, _ = QFileDialog.getSaveFileName(
            self._window,
            self.tr("バックアップの保存先"),
            str(Path(self._folder()) / name),
            self._filter(),
        )
        if not path:
            return
        target = Path(path)
        QSettings().setValue(_FOLDER_KEY, str(target.parent))
        db, actor, stages = self._db, self._actor, self._stages

        def call(progress: ProgressCallback) -> BackupWritten:
            return backup_database(db, actor, target, stages(progress))

        QueryOp(self._window, call).with_progress(
            self.tr("データベースをバックアップしています…"), self.tr("バックアップ")
        ).success(self._backed_up).run()

    def _backed_up(self, written: BackupWritten) -> None:
        size = f"{written.bytes / 1_048_576:,.1f} MB"
        self._window.statusBar().showMessage(
            self.tr("バックアップしました: {path}").format(path=written.path), 10_000
        )
        _tell(
            self._window,
            self.tr("バックアップ"),
            self.tr("バックアップしました。\n{path}\n({size}、検査済み)").format(
                path=written.path, size=size
            ),
        )

    # -- restore -------------------------------------------------------------------------
    def restore(self) -> None:
        if not self._sqlite():
            return
        path, _ = QFileDialog.getOpenFileName(
            self._window, self.tr("復元するバックアップ"), self._folder(), self._filter()
        )
        if not path:
            return
        source = Path(path)
        answer = QMessageBox.question(
            self._window,
            self.tr("データベースの復元"),
            self.tr(
                "使用中のデータベース\n{db}\nを、バックアップ\n{file}\nの内容で置き換えます。"
                "\n\nバックアップ以後の変更はなくなります（今のデータベースは同じフォルダに"
                "「…before-restore-日時.sqlite3」として残ります）。ファイルを確認してから"
                "置き換え、データベースを開き直します: 開いている画面はいったん閉じます。"
                "\n\n復元しますか？"
            ).format(db=self._db.describe(), file=source),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        db, actor, stages = self._db, self._actor, self._stages

        def call(progress: ProgressCallback) -> PreparedRestore:
            return prepare_restore(db, actor, source, stages(progress))

        QueryOp(self._window, call).with_progress(
            self.tr("バックアップを確認しています…"), self.tr("データベースの復元")
        ).success(self._replace).run()

    def _replace(self, prepared: PreparedRestore) -> None:
        """The file passed: close everything on the old database, swap, reopen."""
        window, db = self._window, self._db
        app = QApplication.instance()
        assert isinstance(app, QApplication)
        quits = app.quitOnLastWindowClosed()
        app.setQuitOnLastWindowClosed(False)  # no window for a moment: not a reason to quit
        title = self.tr("データベースの復元")
        reopen_text = self.tr("データベースを開き直しています…")
        failed_text = self.tr(
            "データベースを開けませんでした。アプリを終了します。管理者に連絡してください。"
        )
        done_text = self.tr(
            "復元しました。データベースを開き直しました。\n{file}\n\n元のデータベースは次に残してあります:\n{kept}"
        )
        page = window.navigation.currentRow()
        try:
            window.close()
            QThreadPool.globalInstance().waitForDone()  # reads the closed pages had started
            db.dispose()
            outcome: RestoreDone | BaseException
            try:
                outcome = run_with_progress(
                    None,
                    title,
                    self.tr("データベースを置き換えています…"),
                    lambda _: finish_restore(prepared),
                )
            except Exception as exc:  # noqa: BLE001 - said to the user, the old database reopened
                outcome = exc
            restored = not isinstance(outcome, BaseException)
            reopened, cancelled = _reopen(
                prepared.url, title, reopen_text, self._actor.login, restored
            )
        finally:
            app.setQuitOnLastWindowClosed(quits)
        if cancelled:
            app.quit()  # the login after the restore was cancelled: as at start
            return
        if reopened is None:
            self._tell_and_quit(app, title, failed_text)
            return
        reopened.navigation.setCurrentRow(min(page, reopened.navigation.count() - 1))
        if isinstance(outcome, BaseException):
            show_error(reopened, outcome)
            return
        kept = str(outcome.kept) if outcome.kept else "—"
        _tell(reopened, title, done_text.format(file=outcome.source, kept=kept))

    def _tell_and_quit(self, app: QApplication, title: str, text: str) -> None:
        _tell(None, title, text)
        app.quit()


def _tell(parent: QWidget | None, title: str, text: str) -> None:
    box = QMessageBox(QMessageBox.Icon.Information, title, text, parent=parent)
    box.exec()


def _reopen(
    url: str, title: str, label: str, login: str, restored: bool
) -> "tuple[MainWindow | None, bool]":
    """A main window on the database at url, opened as at start, and whether the login was
    cancelled. ``restored``: whoever uses it logs in to it (``login``, the restorer's, filled
    in); else (the old database kept) it opens for ``login`` while still an active user there.
    No window (the reason shown) when the database cannot be opened."""
    from ui.app import log_in, open_database  # the start-up's own; ui.app imports the window
    from ui.main_window import MainWindow

    try:
        opened = run_with_progress(
            None, title, label, lambda progress: open_database(url, progress)
        )
    except Exception as exc:  # noqa: BLE001 - nothing to show without a database
        show_error(None, exc if isinstance(exc, DomainError) else _unexpected(exc))
        return None, False
    actor: Actor | None = None
    if not restored:
        try:
            actor = registered_actor(opened.db, login)
        except DomainError:  # no longer active: log in
            actor = None
    if actor is None:
        actor = log_in(opened.db, login)
    if actor is None:
        QThreadPool.globalInstance().waitForDone()  # a cancelled check still reads the db
        opened.db.dispose()
        return None, True
    window = MainWindow(opened.db, actor)
    app = QApplication.instance()
    if app is not None:
        app.aboutToQuit.connect(opened.db.dispose)
    window.show()
    return window, False


def _unexpected(exc: BaseException) -> DomainError:
    line = (str(exc).strip().splitlines() or [type(exc).__name__])[0][:300]
    return DomainError(
        f"データベースを開けませんでした。\n{line}", f"Could not open the database.\n{line}"
    )
