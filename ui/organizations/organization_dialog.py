"""Adding or editing one organization: code, kind and names, saved through the service.

An editor dialog (ui/editor_dialog.py): a refusal (a municipality code with a wrong JIS X 0402
check digit, a name already used, …) is shown at the field to fix; a record changed meanwhile
by someone else keeps the dialog open beside the stored values, which 「最新の内容を読み込む」
loads, with their version, for saving again.
"""

from collections.abc import Callable

from PySide6.QtWidgets import QComboBox, QLabel, QLineEdit, QWidget

from oneaqita.models import OrganizationKind
from oneaqita.services.actor import Actor
from oneaqita.services.changes import Change, Entity
from oneaqita.services.database import Database
from oneaqita.services.organizations import OrganizationRow, get_organization, save_organization
from oneaqita.services.records import OrganizationData
from ui.editor_dialog import EditorDialog
from ui.organizations.labels import organization_kind_label


class OrganizationDialog(EditorDialog[OrganizationRow]):
    def __init__(
        self,
        db: Database,
        actor: Actor,
        row: OrganizationRow | None = None,
        default_kind: OrganizationKind = OrganizationKind.PARTNER,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(Entity.ORGANIZATIONS, row.id if row else None, parent)
        self._db = db
        self._actor = actor
        self.row = row  # as stored when the dialog opened (or reloaded): its version
        self.setWindowTitle(self.tr("団体の編集") if row else self.tr("団体の追加"))
        self.setMinimumWidth(480)

        self.code_edit = QLineEdit()
        self.code_edit.setMaxLength(20)
        self.kind_combo = QComboBox()
        for kind in OrganizationKind:
            self.kind_combo.addItem(organization_kind_label(kind), kind)
        self.code_hint = QLabel()
        self.code_hint.setWordWrap(True)
        self.code_hint.setEnabled(False)
        self.name_edit = QLineEdit()
        self.kana_edit = QLineEdit()
        self.name_en_edit = QLineEdit()

        form = self.form
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
        self.add_fields(
            {
                "code": self.code_edit,
                "kind": self.kind_combo,
                "name_ja": self.name_edit,
                "name_kana": self.kana_edit,
                "name_en": self.name_en_edit,
            }
        )
        self.error_label = self.errors.label
        self.kind_combo.currentIndexChanged.connect(self._update_hint)
        if row is not None:
            self.fill(row)
        else:
            self.kind_combo.setCurrentIndex(self.kind_combo.findData(default_kind))
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

    # -- the editor's parts --------------------------------------------------------------
    def save_call(self) -> Callable[[], Change]:
        db, actor, data = self._db, self._actor, self.data()
        version = self.row.version if self.row else None
        row_id = self.record_id
        return lambda: save_organization(db, actor, data, version, row_id)

    def load_call(self) -> Callable[[], OrganizationRow] | None:
        db, row_id = self._db, self.record_id
        return None if row_id is None else lambda: get_organization(db, row_id)

    def take_version(self, record: OrganizationRow) -> None:
        self.row = record

    def fill(self, record: OrganizationRow) -> None:
        self.row = record
        self.code_edit.setText(record.code)
        self.kind_combo.setCurrentIndex(self.kind_combo.findData(record.kind))
        self.name_edit.setText(record.name_ja)
        self.kana_edit.setText(record.name_kana or "")
        self.name_en_edit.setText(record.name_en or "")

    def describe(self, record: OrganizationRow) -> dict[str, str]:
        return _texts(
            OrganizationData(
                record.code, record.kind, record.name_ja, record.name_kana, record.name_en
            )
        )

    def typed(self) -> dict[str, str]:
        return _texts(self.data())


def _texts(data: OrganizationData) -> dict[str, str]:
    return {
        "code": data.code,
        "kind": organization_kind_label(data.kind),
        "name_ja": data.name_ja,
        "name_kana": data.name_kana or "",
        "name_en": data.name_en or "",
    }
