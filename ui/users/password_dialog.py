"""Resetting a user's password: the new one twice. On the embedded database the app stores
its hash and unlocks the account; on PostgreSQL it becomes the login role's password (the
server keeps it). An editor dialog: a refusal (too short, a control character) at its field."""

from collections.abc import Callable

from PySide6.QtWidgets import QLabel, QWidget

from oneaqita.errors import ValidationError
from oneaqita.passwords import check_repeated
from oneaqita.services.actor import Actor
from oneaqita.services.changes import Change, Entity
from oneaqita.services.database import Database
from oneaqita.services.user_accounts import in_own_unit, reset_password
from oneaqita.services.user_queries import UserRow
from ui.editor_dialog import EditorDialog
from ui.users.user_dialog import password_edit


class PasswordDialog(EditorDialog[UserRow]):
    def __init__(
        self, db: Database, actor: Actor, row: UserRow, parent: QWidget | None = None
    ) -> None:
        super().__init__(Entity.USERS, row.id, parent)
        self._db, self._actor, self.row = db, actor, row
        self.setWindowTitle(self.tr("パスワードの再設定"))
        self.setMinimumWidth(420)
        self.user_label = QLabel(
            self.tr("{login}（{name}）の新しいパスワードを設定します。").format(
                login=row.login, name=row.display_name
            )
        )
        self.user_label.setWordWrap(True)
        self.password_edit = password_edit()
        self.again_edit = password_edit()
        self.form.addRow(self.user_label)
        self.form.addRow(self.tr("新しいパスワード(&W)"), self.password_edit)
        self.form.addRow(self.tr("もう一度(&A)"), self.again_edit)
        if db.dialect == "postgresql":
            note = QLabel(self.tr("PostgreSQL のログインロールのパスワードを変更します。"))
        else:
            note = QLabel(self.tr("ロックされていれば解除されます。"))
        note.setEnabled(False)
        self.form.addRow("", note)
        self.add_fields({"password": self.password_edit, "password_again": self.again_edit})
        self.password_edit.setFocus()

    def save_call(self) -> Callable[[], Change] | None:
        password = self.password_edit.text()
        try:
            check_repeated(password, self.again_edit.text())
        except ValidationError as exc:
            self.errors.show(exc.ja, exc.en, exc.field)
            return None
        db, actor, user_id = self._db, self._actor, self.row.id
        return lambda: in_own_unit(db, actor, lambda uow: reset_password(uow, user_id, password))

    def fill(self, record: UserRow) -> None:
        self.row = record
