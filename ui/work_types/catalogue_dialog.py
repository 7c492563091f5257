"""設定 ▸ 作業種別…: the work-type catalogue for administrators, in the catalogue's order,
the types no longer in use too (greyed). Add and edit open the editor dialog; 無効にする takes
a type out of use after asking (its work orders keep it), 有効にする offers it again. The list
is read again after every change to the catalogue, whoever made it."""

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from oneaqita.services.actor import Actor
from oneaqita.services.changes import Change, Entity
from oneaqita.services.database import Database
from oneaqita.services.work_types import WorkTypeRow, list_work_types, set_work_type_active
from ui.errors import show_error
from ui.labels import domain_label, ui_language
from ui.operations import ChangeOp, QueryOp, change_hub
from ui.work_types.work_type_dialog import WorkTypeDialog


class WorkTypeCatalogueDialog(QDialog):
    def __init__(self, db: Database, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._db = db
        self._actor = actor
        self.rows: list[WorkTypeRow] = []
        self.editor: WorkTypeDialog | None = None
        self.setWindowTitle(self.tr("作業種別"))
        self.resize(760, 480)

        self.table = QTableWidget(0, 7)
        self.table.setHorizontalHeaderLabels(
            [
                self.tr("コード"),
                self.tr("名称"),
                self.tr("英語名"),
                self.tr("区分"),
                self.tr("対象施設"),
                self.tr("表示順"),
                self.tr("状態"),
            ]
        )
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.itemSelectionChanged.connect(self._update_buttons)
        self.table.doubleClicked.connect(lambda _index: self.edit_selected())

        self.add_button = QPushButton(self.tr("追加(&A)…"))
        self.add_button.clicked.connect(self.add)
        self.edit_button = QPushButton(self.tr("編集(&E)…"))
        self.edit_button.clicked.connect(self.edit_selected)
        self.active_button = QPushButton(self.tr("無効にする(&D)…"))
        self.active_button.clicked.connect(self.toggle_selected)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.button(QDialogButtonBox.StandardButton.Close).setText(self.tr("閉じる"))
        close.rejected.connect(self.reject)

        buttons = QHBoxLayout()
        for button in (self.add_button, self.edit_button, self.active_button):
            button.setAutoDefault(False)
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)

        change_hub().changed.connect(self._changed)
        self._update_buttons()
        self.load()

    # -- the list ------------------------------------------------------------------------
    def load(self, select_id: int | None = None) -> None:
        db = self._db
        keep = select_id if select_id is not None else self._selected_id()
        QueryOp(self, lambda: list_work_types(db, include_inactive=True)).success(
            lambda rows: self._show(rows, keep)
        ).failure(lambda exc: show_error(self, exc)).run()

    def _show(self, rows: list[WorkTypeRow], select_id: int | None) -> None:
        self.rows = rows
        self.table.setRowCount(len(rows))
        grey = QColor(Qt.GlobalColor.gray)
        for r, row in enumerate(rows):
            texts = [
                row.code,
                row.name_ja,
                row.name_en,
                domain_label(row.kind),
                self.tr("必要") if row.requires_assets else "",
                str(row.sort_order),
                self.tr("使用中") if row.active else self.tr("無効"),
            ]
            for c, text in enumerate(texts):
                item = QTableWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, row.id)
                if not row.active:
                    item.setForeground(grey)
                self.table.setItem(r, c, item)
            if row.id == select_id:
                self.table.selectRow(r)
        self._update_buttons()

    def _selected_id(self) -> int | None:
        row = self.selected()
        return row.id if row else None

    def selected(self) -> WorkTypeRow | None:
        indexes = self.table.selectionModel().selectedRows()
        return self.rows[indexes[0].row()] if indexes else None

    def select_code(self, code: str) -> None:
        for r, row in enumerate(self.rows):
            if row.code == code:
                self.table.selectRow(r)

    def _update_buttons(self) -> None:
        row = self.selected()
        self.edit_button.setEnabled(row is not None)
        self.active_button.setEnabled(row is not None)
        if row is not None and not row.active:
            self.active_button.setText(self.tr("有効にする(&D)"))
        else:
            self.active_button.setText(self.tr("無効にする(&D)…"))

    def _changed(self, change: Change) -> None:
        if change.touches(Entity.WORK_TYPES):
            self.load(change.created_id(Entity.WORK_TYPES))

    # -- commands ------------------------------------------------------------------------
    def add(self) -> None:
        next_order = max((r.sort_order for r in self.rows), default=0) + 10
        self._open_editor(WorkTypeDialog(self._db, self._actor, None, next_order, self))

    def edit_selected(self) -> None:
        row = self.selected()
        if row is not None:
            self._open_editor(WorkTypeDialog(self._db, self._actor, row, parent=self))

    def _open_editor(self, editor: WorkTypeDialog) -> None:
        self.editor = editor
        editor.finished.connect(self._editor_closed)
        editor.open()

    def _editor_closed(self, _result: int) -> None:
        editor, self.editor = self.editor, None
        if editor is not None and editor.conflict and editor.saved_id is None:
            self.load()  # someone else's change: show what is stored now

    def toggle_selected(self) -> None:
        row = self.selected()
        if row is None:
            return
        if row.active and not self.confirm_deactivate(row):
            return
        db, actor = self._db, self._actor
        ChangeOp(
            self, lambda: set_work_type_active(db, actor, row.id, row.version, not row.active)
        ).failure(self._failed).run()

    def confirm_deactivate(self, row: WorkTypeRow) -> bool:
        answer = QMessageBox.question(
            self,
            self.tr("作業種別を無効にする"),
            self.tr(
                "作業種別 {code}「{name}」を無効にしますか？\n"
                "この種別の作業はそのまま残りますが、新しい作業には選べなくなります。"
            ).format(code=row.code, name=row.name(ui_language())),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        return answer == QMessageBox.StandardButton.Yes

    def _failed(self, exc: BaseException) -> None:
        show_error(self, exc)
        self.load()


def open_work_type_catalogue(parent: QWidget, db: Database, actor: Actor) -> None:
    dialog = WorkTypeCatalogueDialog(db, actor, parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()
