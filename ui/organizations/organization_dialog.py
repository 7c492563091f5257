"""Adding or editing one organization: code, kind and names, saved through the service.

A refusal (a municipality code with a wrong JIS X 0402 check digit, a name already used, …)
keeps the dialog open with the reason beside the buttons and the field to fix outlined; a
record changed meanwhile by someone else (ConcurrentEdit) is said in the error box and the
dialog closes with `conflict` set, so that the list reloads what is stored now.
"""

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from oneaqita.errors import ConcurrentEdit, ValidationError
from oneaqita.models import OrganizationKind
from oneaqita.services.changes import Entity
from oneaqita.services.database import Actor, Change, Database
from oneaqita.services.organizations import OrganizationRow, save_organization
from oneaqita.services.records import OrganizationData
from ui.errors import show_error
from ui.field_errors import INVALID_STYLE, FieldErrors
from ui.operations import ChangeOp
from ui.organizations.labels import organization_kind_label


class OrganizationDialog(QDialog):
    def __init__(
        self,
        db: Database,
        actor: Actor,
        row: OrganizationRow | None = None,
        default_kind: OrganizationKind = OrganizationKind.PARTNER,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._db = db
        self._actor = actor
        self.row = row
        self.conflict = False
        self.saved_id: int | None = None  # the organization stored, once saved
        self.saving = False
        self.setWindowTitle(self.tr("団体の編集") if row else self.tr("団体の追加"))
        self.setStyleSheet(INVALID_STYLE)
        self.setMinimumWidth(480)

        self.code_edit = QLineEdit(row.code if row else "")
        self.code_edit.setMaxLength(20)
        self.kind_combo = QComboBox()
        for kind in OrganizationKind:
            self.kind_combo.addItem(organization_kind_label(kind), kind)
        self.kind_combo.setCurrentIndex(self.kind_combo.findData(row.kind if row else default_kind))
        self.code_hint = QLabel()
        self.code_hint.setWordWrap(True)
        self.code_hint.setEnabled(False)
        self.name_edit = QLineEdit(row.name_ja if row else "")
        self.kana_edit = QLineEdit((row.name_kana or "") if row else "")
        self.name_en_edit = QLineEdit((row.name_en or "") if row else "")

        form = QFormLayout()
        form.addRow(self.tr("団体コード(&C)"), self.code_edit)
        form.addRow("", self.code_hint)
        form.addRow(self.tr("種別(&K)"), self.kind_combo)
        form.addRow(self.tr("名称(&N)"), self.name_edit)
        form.addRow(self.tr("カナ(&A)"), self.kana_edit)
        form.addRow(self.tr("英語名(&E)"), self.name_en_edit)
        if row is not None and row.is_fictional:
            note = QLabel(self.tr("デモデータの架空の会社です。"))
            note.setEnabled(False)
            form.addRow("", note)

        self.error_label = QLabel()
        self.errors = FieldErrors(
            self.error_label,
            {
                "code": self.code_edit,
                "kind": self.kind_combo,
                "name_ja": self.name_edit,
                "name_kana": self.kana_edit,
                "name_en": self.name_en_edit,
            },
        )
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setText(self.tr("保存(&S)"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("キャンセル"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error_label)
        layout.addWidget(self.buttons)
        self.kind_combo.currentIndexChanged.connect(self._update_hint)
        self._update_hint()
        self.code_edit.setFocus()

    def kind(self) -> OrganizationKind:
        return OrganizationKind(self.kind_combo.currentData())

    def data(self) -> OrganizationData:
        return OrganizationData(
            code=self.code_edit.text(),
            kind=self.kind(),
            name_ja=self.name_edit.text(),
            name_kana=self.kana_edit.text() or None,
            name_en=self.name_en_edit.text() or None,
        )

    def _update_hint(self) -> None:
        kind = self.kind()
        if kind is OrganizationKind.PREFECTURE:
            hint = self.tr("JIS X 0402 の6桁（検査数字を含む）。秋田県は 050008。")
        elif kind.is_public_body:
            hint = self.tr("JIS X 0402 の6桁（検査数字を含む）。例: 秋田市 052019。")
        else:
            hint = self.tr("20文字以内の任意のコード。例: P004。")
        self.code_hint.setText(hint)

    # -- saving --------------------------------------------------------------------------
    def accept(self) -> None:
        """Saves in the background; the dialog closes only when the service accepted."""
        if self.saving:
            return
        self.errors.clear()
        self._set_saving(True)
        db, actor, data = self._db, self._actor, self.data()
        version = self.row.version if self.row else None
        row_id = self.row.id if self.row else None
        ChangeOp(self, lambda: save_organization(db, actor, data, version, row_id)).success(
            self._saved
        ).failure(self._failed).run()

    def reject(self) -> None:
        if not self.saving:  # a save under way finishes first; its result decides
            super().reject()

    def _saved(self, change: Change) -> None:
        self._set_saving(False)
        # The one organization this dialog stored: new, or the one it edited.
        self.saved_id = min(change.ids.get(Entity.ORGANIZATIONS, ()), default=None)
        super().accept()

    def _failed(self, exc: BaseException) -> None:
        self._set_saving(False)
        if isinstance(exc, ValidationError):
            self.errors.show(exc.ja, exc.en, exc.field)
            return
        show_error(self, exc)
        if isinstance(exc, ConcurrentEdit):
            self.conflict = True
            super().reject()

    def _set_saving(self, saving: bool) -> None:
        self.saving = saving
        self.buttons.setEnabled(not saving)
