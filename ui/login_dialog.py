"""The login at start: login name (remembered) and password; on a demo database its demo
users to pick without a password. On PostgreSQL the server checks the password (open_as).

The check runs off the GUI thread (a QueryOp): argon2 takes about half a second, and a
PostgreSQL server that does not answer takes up to its connect timeout. Meanwhile the dialog
says it is checking, its inputs are disabled, and Esc, キャンセル and closing still work: a
check cancelled (or superseded) is ignored when it ends, and a database it opened is closed.
"""

import threading

from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from oneaqita.errors import DomainError
from oneaqita.models import Role
from oneaqita.services.actor import Actor
from oneaqita.services.authentication import authenticate, demo_logins, open_as
from oneaqita.services.database import Database
from ui.errors import show_error
from ui.labels import role_label
from ui.operations import QueryOp

LOGIN_KEY = "login/last_login"  # the login name only: a password is never stored


def remembered_login(settings: QSettings | None = None) -> str:
    value = (settings or QSettings()).value(LOGIN_KEY, "")
    return value if isinstance(value, str) else ""


class LoginDialog(QDialog):
    """Accepted once a user is proved: ``actor`` (and ``database``, opened by the dialog on
    PostgreSQL). Esc or キャンセル rejects: the app then quits."""

    def __init__(
        self,
        db: Database | None,
        url: str | None = None,
        parent: QWidget | None = None,
        settings: QSettings | None = None,
        login: str | None = None,
    ) -> None:
        """``login`` is filled in (after a restore: the restorer's); else the remembered one."""
        super().__init__(parent)
        self.database = db
        self.actor: Actor | None = None
        self._url = url
        self._settings = settings or QSettings()
        self.setWindowTitle(self.tr("oneaqita にログイン"))
        where = db.describe() if db is not None else (url or "")
        intro = QLabel(
            self.tr("ログイン名とパスワードを入力してください。\n{where}").format(where=where)
        )
        intro.setWordWrap(True)
        self.login_edit = QLineEdit(login or remembered_login(self._settings))
        self.login_edit.setMaxLength(60)
        self.password_edit = QLineEdit()
        self.password_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.password_edit.setMaxLength(256)
        self.error_label = QLabel()
        self.error_label.setWordWrap(True)
        self.error_label.setStyleSheet("color: #b00020;")
        self.error_label.hide()
        self.checking_label = QLabel()
        self.checking_label.hide()
        self.checking = False  # a check is under way
        self._attempt = 0  # the newest check; an older one's result is ignored
        self._cancelled: threading.Event | None = None
        form = QFormLayout()
        form.addRow(self.tr("ログイン名"), self.login_edit)
        form.addRow(self.tr("パスワード"), self.password_edit)
        self._demo = demo_logins(db) if db is not None else []
        self.demo_list = QListWidget()
        self.demo_list.setVisible(bool(self._demo))
        self._fill_demo_list()
        buttons = QDialogButtonBox()
        self.ok_button = buttons.addButton(
            self.tr("ログイン"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.cancel_button = buttons.addButton(
            self.tr("キャンセル"), QDialogButtonBox.ButtonRole.RejectRole
        )
        self.ok_button.setDefault(True)
        # Where the focus lands while checking: Enter there must not cancel the check.
        self.cancel_button.setAutoDefault(False)
        buttons.accepted.connect(self._try_login)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        if self._demo:
            hint = QLabel(self.tr("デモ用のユーザーはパスワードなしで選べます:"))
            layout.addWidget(hint)
            layout.addWidget(self.demo_list)
        layout.addLayout(form)
        layout.addWidget(self.error_label)
        layout.addWidget(self.checking_label)
        layout.addWidget(buttons)
        self.login_edit.textChanged.connect(self._login_changed)
        self._login_changed(self.login_edit.text())
        (self.password_edit if self.login_edit.text() else self.login_edit).setFocus()
        if self._demo and self.demo_list.currentItem() is not None:
            self.demo_list.setFocus()  # (focused without a current item, it would pick one)
        self.setMinimumWidth(420)

    def _fill_demo_list(self) -> None:
        typed = self.login_edit.text()
        logins = [login for login, _, _ in self._demo]
        wanted = typed or "admin"
        if typed and typed not in logins:
            wanted = ""  # a login with a password (remembered or given) stays as it is
        elif wanted not in logins:
            wanted = "admin" if "admin" in logins else (logins[0] if logins else "")
        for login, display, role in self._demo:
            item = QListWidgetItem(f"{display} ({login}) — {role_label(Role(role))}")
            item.setData(Qt.ItemDataRole.UserRole, login)
            self.demo_list.addItem(item)
            if login == wanted:
                self.demo_list.setCurrentItem(item)
                self.login_edit.setText(login)
        self.demo_list.currentItemChanged.connect(self._picked)
        self.demo_list.itemActivated.connect(lambda _item: self._try_login())

    def _inputs(self) -> tuple[QWidget, ...]:
        return (self.login_edit, self.password_edit, self.demo_list, self.ok_button)

    def _picked(self, item: QListWidgetItem | None) -> None:
        if item is not None:
            self.login_edit.setText(str(item.data(Qt.ItemDataRole.UserRole)))

    def _passwordless(self, login: str) -> bool:
        return any(login == known for known, _, _ in self._demo)

    def _login_changed(self, login: str) -> None:
        self.password_edit.setEnabled(not self.checking and not self._passwordless(login.strip()))

    def _try_login(self) -> None:
        if self.checking:
            return
        login = self.login_edit.text().strip()
        password = self.password_edit.text()
        if not login:
            self._show(self.tr("ログイン名を入力してください。\nEnter your login."))
            return
        self._attempt += 1
        attempt, cancelled = self._attempt, threading.Event()
        self._cancelled = cancelled
        db, url = self.database, self._url
        server = db is None or db.dialect == "postgresql"

        def check() -> tuple[Database | None, Actor]:
            if server:
                opened, actor = open_as(url, login, password)
                if cancelled.is_set():  # nobody waits for it any more
                    opened.dispose()
                return opened, actor
            assert db is not None
            return None, authenticate(db, login, password)

        self._set_checking(
            True,
            self.tr("サーバーに接続しています…") if server else self.tr("確認しています…"),
        )
        QueryOp(self, check).success(lambda r: self._checked(attempt, login, r)).failure(
            lambda exc: self._refused(attempt, exc)
        ).run()

    def _checked(self, attempt: int, login: str, result: tuple[Database | None, Actor]) -> None:
        opened, actor = result
        if attempt != self._attempt:  # cancelled, or a newer check under way
            if opened is not None:
                opened.dispose()
            return
        self._set_checking(False)
        if opened is not None:
            self.database = opened
        self.actor = actor
        self._settings.setValue(LOGIN_KEY, login)
        self.accept()

    def _refused(self, attempt: int, exc: BaseException) -> None:
        if attempt != self._attempt:
            return
        self._set_checking(False)
        if not isinstance(exc, DomainError):
            show_error(self, exc)
            return
        self._show(f"{exc.ja}\n{exc.en}")
        self.password_edit.clear()
        (self.password_edit if self.password_edit.isEnabled() else self.login_edit).setFocus()

    def reject(self) -> None:
        """Esc, キャンセル or closing, also while a check runs: its result is then ignored."""
        if self.checking:
            self._attempt += 1
            if self._cancelled is not None:
                self._cancelled.set()
            self._set_checking(False)
        super().reject()

    def _set_checking(self, checking: bool, text: str = "") -> None:
        self.checking = checking
        for widget in self._inputs():
            widget.setEnabled(not checking)
        self._login_changed(self.login_edit.text())
        self.checking_label.setText(text)
        self.checking_label.setVisible(checking)
        if checking:
            self.error_label.hide()
            self.setCursor(Qt.CursorShape.BusyCursor)
        else:
            self.unsetCursor()

    def _show(self, text: str) -> None:
        self.error_label.setText(text)
        self.error_label.show()
