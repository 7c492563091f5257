"""Adding or editing one work type of the catalogue: code, names, kind, whether its work
orders name assets, and its place in lists; saved through oneaqita.services.work_types.

An editor dialog (ui/editor_dialog.py). The code cannot change once stored (work orders refer
to it), so it is read-only while editing.
"""

from collections.abc import Callable

from PySide6.QtWidgets import QCheckBox, QComboBox, QLineEdit, QSpinBox, QWidget

from oneaqita.models import WorkKind
from oneaqita.services.actor import Actor
from oneaqita.services.changes import Change, Entity
from oneaqita.services.database import Database
from oneaqita.services.records import WorkTypeData
from oneaqita.services.work_types import WorkTypeRow, get_work_type, save_work_type
from ui.editor_dialog import EditorDialog
from ui.labels import domain_label


class WorkTypeDialog(EditorDialog[WorkTypeRow]):
    def __init__(
        self,
        db: Database,
        actor: Actor,
        row: WorkTypeRow | None = None,
        next_sort_order: int = 0,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(Entity.WORK_TYPES, row.id if row else None, parent)
        self._db = db
        self._actor = actor
        self.row = row  # as stored when the dialog opened (or reloaded): its version
        self.setWindowTitle(self.tr("作業種別の編集") if row else self.tr("作業種別の追加"))
        self.setMinimumWidth(440)

        self.code_edit = QLineEdit()
        self.code_edit.setMaxLength(40)
        self.code_edit.setPlaceholderText(self.tr("例: pump_check"))
        self.name_edit = QLineEdit()
        self.name_edit.setMaxLength(100)
        self.name_en_edit = QLineEdit()
        self.name_en_edit.setMaxLength(100)
        self.kind_combo = QComboBox()
        for kind in WorkKind:
            self.kind_combo.addItem(domain_label(kind), kind)
        self.assets_check = QCheckBox(self.tr("作業に対象施設の指定が必要"))
        self.sort_spin = QSpinBox()
        self.sort_spin.setRange(0, 99_999)

        form = self.form
        form.addRow(self.tr("コード(&C)"), self.code_edit)
        form.addRow(self.tr("名称(&N)"), self.name_edit)
        form.addRow(self.tr("英語名(&E)"), self.name_en_edit)
        form.addRow(self.tr("区分(&K)"), self.kind_combo)
        form.addRow(self.tr("対象施設(&A)"), self.assets_check)
        form.addRow(self.tr("表示順(&O)"), self.sort_spin)
        self.add_fields(
            {
                "code": self.code_edit,
                "name_ja": self.name_edit,
                "name_en": self.name_en_edit,
                "kind": self.kind_combo,
                "requires_assets": self.assets_check,
                "sort_order": self.sort_spin,
            }
        )
        if row is not None:
            self.fill(row)
            self.code_edit.setReadOnly(True)  # work orders refer to it
            self.name_edit.setFocus()
        else:
            self.kind_combo.setCurrentIndex(self.kind_combo.findData(WorkKind.OFFICE))
            self.sort_spin.setValue(next_sort_order)
            self.code_edit.setFocus()

    def data(self) -> WorkTypeData:
        return WorkTypeData(
            code=self.code_edit.text(),
            name_ja=self.name_edit.text(),
            name_en=self.name_en_edit.text(),
            kind=WorkKind(self.kind_combo.currentData()),
            requires_assets=self.assets_check.isChecked(),
            sort_order=self.sort_spin.value(),
        )

    # -- the editor's parts --------------------------------------------------------------
    def save_call(self) -> Callable[[], Change]:
        db, actor, data = self._db, self._actor, self.data()
        version = self.row.version if self.row else None
        row_id = self.record_id
        return lambda: save_work_type(db, actor, data, version, row_id)

    def load_call(self) -> Callable[[], WorkTypeRow] | None:
        db, row_id = self._db, self.record_id
        return None if row_id is None else lambda: get_work_type(db, row_id)

    def take_version(self, record: WorkTypeRow) -> None:
        self.row = record

    def fill(self, record: WorkTypeRow) -> None:
        self.row = record
        self.code_edit.setText(record.code)
        self.name_edit.setText(record.name_ja)
        self.name_en_edit.setText(record.name_en)
        self.kind_combo.setCurrentIndex(self.kind_combo.findData(record.kind))
        self.assets_check.setChecked(record.requires_assets)
        self.sort_spin.setValue(record.sort_order)

    def describe(self, record: WorkTypeRow) -> dict[str, str]:
        return self._texts(
            WorkTypeData(
                record.code,
                record.name_ja,
                record.name_en,
                record.kind,
                record.requires_assets,
                record.sort_order,
            )
        )

    def typed(self) -> dict[str, str]:
        return self._texts(self.data())

    def _texts(self, data: WorkTypeData) -> dict[str, str]:
        return {
            "code": data.code,
            "name_ja": data.name_ja,
            "name_en": data.name_en,
            "kind": domain_label(data.kind),
            "requires_assets": self.tr("必要") if data.requires_assets else self.tr("不要"),
            "sort_order": str(data.sort_order),
        }
