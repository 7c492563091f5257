"""Adding or editing one user: login (fixed once stored), display name, role, the person the
user is, and on adding the initial password twice. An editor dialog (ui/editor_dialog.py): a
refusal (a login with a space, demoting oneself, a person already linked to another user) is
shown at its field; a user changed meanwhile keeps the dialog open beside the stored values."""

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QCompleter, QLabel, QLineEdit, QWidget

from oneaqita.errors import ValidationError
from oneaqita.models import Role
from oneaqita.passwords import check_repeated
from oneaqita.services.actor import Actor
from oneaqita.services.changes import Change, Entity
from oneaqita.services.database import Database
from oneaqita.services.user_accounts import add_user, edit_user, in_own_unit
from oneaqita.services.user_queries import PersonChoice, UserRow, get_user, person_choices
from ui.editor_dialog import EditorDialog
from ui.labels import role_label
from ui.operations import QueryOp


def password_edit() -> QLineEdit:
    edit = QLineEdit()
    edit.setEchoMode(QLineEdit.EchoMode.Password)
    edit.setMaxLength(256)
    return edit


class UserDialog(EditorDialog[UserRow]):
    def __init__(
        self, db: Database, actor: Actor, row: UserRow | None, parent: QWidget | None = None
    ) -> None:
        super().__init__(Entity.USERS, row.id if row else None, parent)
        self._db, self._actor = db, actor
        self.row = row  # as stored when opened (or reloaded): its version
        self.people: list[PersonChoice] = []
        self.setWindowTitle(self.tr("ユーザーの編集") if row else self.tr("ユーザーの追加"))
        self.setMinimumWidth(480)

        self.login_edit = QLineEdit()
        self.login_edit.setMaxLength(60)
        self.login_edit.setPlaceholderText(self.tr("英小文字・数字・. _ - (例: sato.hanako)"))
        self.name_edit = QLineEdit()
        self.name_edit.setMaxLength(100)
        self.role_combo = QComboBox()
        for role in Role:
            self.role_combo.addItem(role_label(role), role)
        self.person_combo = QComboBox()
        self.person_combo.setEditable(True)  # type to find among many people
        self.person_combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        completer = self.person_combo.completer()
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self.person_combo.addItem(self.tr("（紐付けなし）"), None)
        self.person_combo.setEnabled(False)  # until the people are read
        self.password_edit = password_edit()
        self.again_edit = password_edit()

        form = self.form
        form.addRow(self.tr("ログイン名(&L)"), self.login_edit)
        form.addRow(self.tr("表示名(&N)"), self.name_edit)
        form.addRow(self.tr("役割(&R)"), self.role_combo)
        form.addRow(self.tr("紐付ける人(&P)"), self.person_combo)
        fields: dict[str, QWidget] = {
            "login": self.login_edit,
            "display_name": self.name_edit,
            "role": self.role_combo,
            "person": self.person_combo,
        }
        if row is None:
            form.addRow(self.tr("初期パスワード(&W)"), self.password_edit)
            form.addRow(self.tr("もう一度(&A)"), self.again_edit)
            if db.dialect == "postgresql":
                note = QLabel(self.tr("PostgreSQL のログインロールとして作成します。"))
                note.setEnabled(False)
                form.addRow("", note)
            fields |= {"password": self.password_edit, "password_again": self.again_edit}
        self.add_fields(fields)
        if row is not None:
            self.fill(row)
            self.login_edit.setReadOnly(True)  # the login names the user (and its role) for good
            self.name_edit.setFocus()
        else:
            self.role_combo.setCurrentIndex(self.role_combo.findData(Role.COORDINATOR))
            self.login_edit.setFocus()
        QueryOp(self, lambda: person_choices(db, actor)).success(self._people_read).run()

    def _people_read(self, people: list[PersonChoice]) -> None:
        self.people = people
        for p in people:
            self.person_combo.addItem(self._person_text(p), p.id)
        self.person_combo.setEnabled(True)
        if self.row is not None:
            self._choose_person(self.row.person_id)

    def _person_text(self, p: PersonChoice) -> str:
        text = f"{p.employee_no} {p.name}"
        own = self.row.login if self.row else None
        if p.linked_login and p.linked_login != own:
            text += self.tr("（ユーザー {login}）").format(login=p.linked_login)
        return text

    def _choose_person(self, person_id: int | None) -> None:
        index = self.person_combo.findData(person_id)
        self.person_combo.setCurrentIndex(max(index, 0))

    def chosen_person(self) -> int | None:
        """The person chosen, None for none; -1 when the typed text names nobody."""
        text = self.person_combo.currentText().strip()
        index = self.person_combo.findText(text, Qt.MatchFlag.MatchExactly)
        if index < 0:
            return -1 if text else None
        data = self.person_combo.itemData(index)
        return int(data) if data is not None else None

    def role(self) -> Role:
        return Role(self.role_combo.currentData())

    # -- the editor's parts --------------------------------------------------------------
    def save_call(self) -> Callable[[], Change] | None:
        person = self.chosen_person()
        if person == -1:
            self.errors.show(
                "一覧にある人を選んでください。",
                "Choose a person from the list.",
                "person",
            )
            return None
        db, actor, name, role = self._db, self._actor, self.name_edit.text(), self.role()
        if self.row is None:
            password = self.password_edit.text()
            try:
                check_repeated(password, self.again_edit.text())
            except ValidationError as exc:
                self.errors.show(exc.ja, exc.en, exc.field)
                return None
            login = self.login_edit.text()
            return lambda: in_own_unit(
                db, actor, lambda uow: add_user(uow, login, name, role, password, person)
            )
        user_id, version = self.row.id, self.row.version
        return lambda: in_own_unit(
            db, actor, lambda uow: edit_user(uow, user_id, version, name, role, person)
        )

    def load_call(self) -> Callable[[], UserRow] | None:
        db, actor, row_id = self._db, self._actor, self.record_id
        return None if row_id is None else lambda: get_user(db, actor, row_id)

    def take_version(self, record: UserRow) -> None:
        self.row = record

    def fill(self, record: UserRow) -> None:
        self.row = record
        self.login_edit.setText(record.login)
        self.name_edit.setText(record.display_name)
        self.role_combo.setCurrentIndex(self.role_combo.findData(record.role))
        if self.people:
            self._choose_person(record.person_id)

    def describe(self, record: UserRow) -> dict[str, str]:
        person = f"{record.employee_no} {record.person_name}" if record.employee_no else ""
        return {
            "display_name": record.display_name,
            "role": role_label(record.role),
            "person": person,
        }

    def typed(self) -> dict[str, str]:
        chosen = self.chosen_person()
        found = next((p for p in self.people if p.id == chosen), None)
        person = f"{found.employee_no} {found.name}" if found else ""
        return {
            "display_name": self.name_edit.text(),
            "role": role_label(self.role()),
            "person": person,
        }
