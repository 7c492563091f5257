"""移行を実行…: the migrations run on the chosen server with the login and password of the
schema's owner, typed here; the password is remembered only when asked and only in the system
keyring (where there is none the dialog says so and nothing is written). The upgrade runs off
the GUI thread with a progress dialog, one revision after another; a role that does not own
the schema is refused before anything runs (oneaqita/db/owner_migrations.py). Once migrated,
a database without any user offers 最初の管理者を作成…: the first-administrator dialog on the
owner's connection, which makes the administrator's login role and users row."""

from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from oneaqita.db.connection_settings import ConnectionSettings
from oneaqita.db.owner_migrations import MigrationResult, ProgressCallback, run_owner_migrations
from oneaqita.db.owner_secrets import (
    SecretNotKept,
    forget_password,
    keyring_available,
    remember_password,
    remembered_password,
)
from oneaqita.db.server_check import ConnectionFailed, connect
from oneaqita.errors import DomainError, ValidationError
from oneaqita.services.database import Database
from ui.errors import show_error
from ui.field_errors import INVALID_STYLE, FieldErrors
from ui.first_admin_dialog import FirstAdminDialog
from ui.operations import QueryOp


@dataclass(frozen=True)
class _Outcome:
    result: MigrationResult
    not_kept: SecretNotKept | None


class OwnerMigrationDialog(QDialog):
    def __init__(self, parent: QWidget | None, settings: ConnectionSettings) -> None:
        super().__init__(parent)
        self.settings = settings
        self.setWindowTitle(self.tr("移行（マイグレーション）の実行"))
        self.setStyleSheet(INVALID_STYLE)
        self.setMinimumWidth(480)
        layout = QVBoxLayout(self)
        intro = QLabel(
            self.tr(
                "{server} のスキーマを、このバージョンの oneaqita の最新の版に更新します。"
                "スキーマの所有者のログインで実行してください（所有者でなければ何も変更しません）。"
            ).format(server=f"{settings.host}:{settings.port}/{settings.database}")
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        form = QFormLayout()
        self.owner = QLineEdit(settings.user)
        self.owner.setMaxLength(200)
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setMaxLength(1000)
        form.addRow(self.tr("所有者のログイン名(&O)"), self.owner)
        form.addRow(self.tr("パスワード(&W)"), self.password)
        layout.addLayout(form)
        self.remember = QCheckBox(self.tr("パスワードをこのパソコンのキーリングに記憶する"))
        layout.addWidget(self.remember)
        self.keyring_note = QLabel(
            self.tr(
                "この環境にはキーリング（パスワードの保管場所）がないため、"
                "パスワードは記憶できません。どこにも保存しません。"
            )
        )
        self.keyring_note.setWordWrap(True)
        layout.addWidget(self.keyring_note)
        self.has_keyring = keyring_available()
        self.remember.setEnabled(self.has_keyring)
        self.keyring_note.setVisible(not self.has_keyring)
        self.error_label = QLabel()
        self.errors = FieldErrors(
            self.error_label, {"owner": self.owner, "user": self.owner, "password": self.password}
        )
        layout.addWidget(self.error_label)
        self.said = QLabel()
        self.said.setWordWrap(True)
        self.said.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.said.hide()
        layout.addWidget(self.said)
        row = QHBoxLayout()
        row.addStretch(1)
        self.run_button = QPushButton(self.tr("実行(&R)"))
        self.run_button.setDefault(True)
        self.run_button.clicked.connect(self.run)
        self.close_button = QPushButton(self.tr("閉じる"))
        self.close_button.clicked.connect(self.reject)
        self.first_admin_button = QPushButton(self.tr("最初の管理者を作成(&A)…"))
        self.first_admin_button.clicked.connect(self.create_first_admin)
        self.first_admin_button.hide()
        self._ran_as: tuple[str, str] | None = None  # the owner and password that migrated
        row.addWidget(self.first_admin_button)
        row.addWidget(self.run_button)
        row.addWidget(self.close_button)
        layout.addLayout(row)
        self.owner.editingFinished.connect(self._look_up_remembered)
        self.owner.textEdited.connect(self.errors.clear)
        self.password.textEdited.connect(self.errors.clear)
        self._look_up_remembered()

    def _look_up_remembered(self) -> None:
        stored = remembered_password(self.settings, self.owner.text().strip())
        self._remembered = stored
        self.remember.setChecked(stored is not None)
        self.password.setPlaceholderText(
            self.tr("記憶したパスワードを使います") if stored is not None else ""
        )

    def reject(self) -> None:
        if self.run_button.isEnabled():  # a migration under way finishes anyway: wait for it
            super().reject()

    def _busy(self, busy: bool) -> None:
        for widget in (self.owner, self.password, self.run_button, self.close_button):
            widget.setEnabled(not busy)
        self.remember.setEnabled(not busy and self.has_keyring)

    def run(self) -> None:
        self.errors.clear()
        self.said.hide()
        settings, owner = self.settings, self.owner.text().strip()
        typed = self.password.text()
        password = typed or self._remembered or ""
        remember = self.remember.isChecked() and self.remember.isEnabled()
        stages = self.tr("版 {revision} に更新しています")

        def call(progress: ProgressCallback) -> _Outcome:
            def said(stage: str, done: int, total: int) -> None:
                progress(stages.format(revision=stage), done, total)

            result = run_owner_migrations(settings, owner, password, said)
            not_kept: SecretNotKept | None = None
            try:
                if remember and typed:
                    remember_password(settings, owner, typed)
                elif not remember:
                    forget_password(settings, owner)
            except SecretNotKept as exc:
                not_kept = exc
            return _Outcome(result, not_kept)

        self._ran_as = (owner, password)
        self._busy(True)
        QueryOp(self, call).with_progress(
            self.tr("データベースを移行しています…"), self.windowTitle()
        ).success(self._done).failure(self._failed).run()

    def _done(self, outcome: _Outcome) -> None:
        self._busy(False)
        text = outcome.result.message()
        if outcome.not_kept is not None:
            text += f"\n\n{outcome.not_kept.ja}\n{outcome.not_kept.en}"
        no_users = outcome.result.no_users
        if no_users:
            text += "\n\n" + self.tr(
                "このデータベースにはまだユーザーがいません。最初の管理者を作成してください。"
            )
        self.said.setText(text)
        self.said.show()
        self.first_admin_button.setVisible(no_users)
        if no_users:
            self.first_admin_button.setFocus()

    def create_first_admin(self) -> None:
        """The first-administrator dialog on the owner's connection (the one that migrated)."""
        if self._ran_as is None:
            return
        try:
            db = Database(connect(self.settings, *self._ran_as))
        except DomainError as exc:
            self.errors.show(exc.ja, exc.en, None)
            return
        try:
            dialog = FirstAdminDialog(db, self)
            created = dialog.exec() and dialog.actor is not None
        finally:
            db.dispose()
        if created and dialog.actor is not None:
            self.first_admin_button.hide()
            self.said.setText(
                self.tr(
                    "管理者「{login}」を作成しました。次回の起動時にこのログイン名と"
                    "パスワードでログインしてください。"
                ).format(login=dialog.actor.login)
            )

    def _failed(self, exc: BaseException) -> None:
        self._busy(False)
        if isinstance(exc, ConnectionFailed | ValidationError):
            self.errors.show(exc.ja, exc.en, exc.field)
        elif isinstance(exc, DomainError):  # not the owner, a revision that failed
            self.errors.show(exc.ja, exc.en, None)
        else:
            show_error(self, exc)
