"""The first administrator of a database without users: created deliberately (login, name,
password twice), never by whoever opens the database first.

On PostgreSQL the dialog runs on the owner's connection (the database settings' 移行を実行…,
once the schema is migrated and has no user): the password typed makes a new login role (the
server keeps its SCRAM verifier, the app nothing); left empty, an existing login role is used
with its own password."""

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from oneaqita.errors import DomainError, ValidationError
from oneaqita.passwords import check_repeated
from oneaqita.services.actor import Actor
from oneaqita.services.authentication import create_first_admin
from oneaqita.services.database import Database


class FirstAdminDialog(QDialog):
    """Accepted once the administrator exists (``actor``); Esc or キャンセル: the app quits."""

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._db = db
        self.actor: Actor | None = None
        self.setWindowTitle(self.tr("最初の管理者を作成"))
        intro = QLabel(
            self.tr(
                "このデータベースにはまだユーザーがいません。最初の管理者を作成してください。"
                "\n{where}"
            ).format(where=db.describe())
        )
        intro.setWordWrap(True)
        self.login_edit = QLineEdit()
        self.login_edit.setMaxLength(60)
        self.name_edit = QLineEdit()
        self.name_edit.setMaxLength(100)
        self.password_edit = QLineEdit()
        self.again_edit = QLineEdit()
        for edit in (self.password_edit, self.again_edit):
            edit.setEchoMode(QLineEdit.EchoMode.Password)
            edit.setMaxLength(256)
        self.error_label = QLabel()
        self.error_label.setWordWrap(True)
        self.error_label.setStyleSheet("color: #b00020;")
        self.error_label.hide()
        form = QFormLayout()
        form.addRow(self.tr("ログイン名"), self.login_edit)
        form.addRow(self.tr("表示名"), self.name_edit)
        if db.dialect == "postgresql":
            self.password_edit.setPlaceholderText(
                self.tr("空欄: 既存のログインロールとそのパスワードを使う")
            )
        form.addRow(self.tr("パスワード"), self.password_edit)
        form.addRow(self.tr("パスワード（確認）"), self.again_edit)
        buttons = QDialogButtonBox()
        self.ok_button = buttons.addButton(self.tr("作成"), QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(self.tr("キャンセル"), QDialogButtonBox.ButtonRole.RejectRole)
        self.ok_button.setDefault(True)
        buttons.accepted.connect(self._create)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.error_label)
        layout.addWidget(buttons)
        self.setMinimumWidth(440)

    def _create(self) -> None:
        password: str | None = self.password_edit.text()
        again = self.again_edit.text()
        if self._db.dialect == "postgresql" and not password and not again:
            password = None  # the existing login role's own
        else:
            try:
                check_repeated(password or "", again)
            except ValidationError as exc:
                self._show(f"{exc.ja}\n{exc.en}")
                return
        try:
            self.actor = create_first_admin(
                self._db, self.login_edit.text(), self.name_edit.text(), password
            )
        except DomainError as exc:
            self._show(f"{exc.ja}\n{exc.en}")
            return
        self.accept()

    def _show(self, text: str) -> None:
        self.error_label.setText(text)
        self.error_label.show()
