"""The My week page's small dialogs and its person chooser.

- NoteDialog: the note of one cell (an editor dialog: saved through save_cell with the hours
  and the version the user saw, refused at the field, a concurrent edit shown in its banner).
- AddRowDialog: the orders the person is assigned to that the week does not show yet, to
  pick one or more (filtered as typed: a person's own orders are few).
- PersonChooser: for users who log hours for others, a person by employee number, name or
  reading, searched in SQL as typed (services/people_queries.py).
"""

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import QModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QCompleter,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from oneaqita.durations import format_minutes
from oneaqita.services.actor import Actor
from oneaqita.services.changes import Change, Entity
from oneaqita.services.database import Database
from oneaqita.services.people_queries import PeopleFilter, PersonRow, list_people
from oneaqita.services.time_entries import Cell, save_cell
from oneaqita.services.timesheet_queries import GridCell, RowKey, week_grid
from oneaqita.services.timesheet_rows import AssignedOrder
from ui.editor_dialog import EditorDialog
from ui.labels import date_text, status_label
from ui.operations import QueryOp

__all__ = ["AddRowDialog", "NoteDialog", "PersonChooser"]

PERSON_ROLE = Qt.ItemDataRole.UserRole + 1


def stored_cell(db: Database, person_id: int, key: RowKey, day: date) -> GridCell | None:
    """The cell as stored now (None: no entry)."""
    grid = week_grid(db, person_id, day)
    for row in grid.rows:
        if row.key == key:
            return row.cells[(day - grid.week_start).days]
    return None


class NoteDialog(EditorDialog[GridCell | None]):
    def __init__(
        self,
        db: Database,
        actor: Actor,
        person_id: int,
        key: RowKey,
        day: date,
        row_label: str,
        cell: GridCell,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(Entity.TIME_ENTRIES, cell.entry_id, parent)
        self._db, self._actor, self._person_id = db, actor, person_id
        self._key, self._day, self._cell = key, day, cell
        self.setWindowTitle(self.tr("備考"))
        self.setMinimumWidth(420)
        where = QLabel(f"{date_text(day)}  {row_label}  {format_minutes(cell.minutes)}")
        self.note_edit = QPlainTextEdit(cell.note or "")
        self.note_edit.setTabChangesFocus(True)
        self.note_edit.setPlaceholderText(self.tr("空にすると備考を消します"))
        self.note_edit.setFixedHeight(self.fontMetrics().height() * 5 + 12)
        self.form.addRow(self.tr("セル"), where)
        self.form.addRow(self.tr("備考(&N)"), self.note_edit)
        self.add_fields({"note": self.note_edit})
        self.note_edit.setFocus()

    def save_call(self) -> Callable[[], Change] | None:
        db, actor, cell = self._db, self._actor, self._cell
        key, day, person = self._key, self._day, self._person_id
        note = self.note_edit.toPlainText()
        return lambda: save_cell(
            db,
            actor,
            Cell(person, day, key.work_order_id, key.category, cell.minutes, note, cell.version),
        )

    def load_call(self) -> Callable[[], GridCell | None] | None:
        db, person, key, day = self._db, self._person_id, self._key, self._day
        return lambda: stored_cell(db, person, key, day)

    def take_version(self, record: GridCell | None) -> None:
        """The entry as stored (its minutes and version); the note typed stays."""
        if record is None:  # the entry is gone: nothing left to note
            self.save_button.setEnabled(False)
            return
        self._cell = record

    def fill(self, record: GridCell | None) -> None:
        if record is None:  # the entry is gone: nothing left to note
            self.save_button.setEnabled(False)
            return
        self._cell = record
        self.note_edit.setPlainText(record.note or "")

    def describe(self, record: GridCell | None) -> dict[str, str]:
        if record is None:
            return {"note": self.tr("(入力なし)")}
        return {"note": record.note or ""}

    def typed(self) -> dict[str, str]:
        return {"note": self.note_edit.toPlainText()}


class AddRowDialog(QDialog):
    def __init__(self, orders: list[AssignedOrder], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("行を追加"))
        self.setMinimumSize(520, 360)
        self.filter_edit = QLineEdit()
        self.filter_edit.setPlaceholderText(self.tr("作業番号・件名で絞り込み"))
        self.filter_edit.setClearButtonEnabled(True)
        self.list = QListWidget()
        self.list.setSelectionMode(QListWidget.SelectionMode.ExtendedSelection)
        for order in orders:
            item = QListWidgetItem(f"{order.number}  {order.title}  ({status_label(order.status)})")
            item.setData(PERSON_ROLE, order)
            self.list.addItem(item)
        if orders:
            self.list.setCurrentRow(0)
        self.empty_label = QLabel(self.tr("追加できる担当作業はありません。"))
        self.empty_label.setVisible(not orders)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText(self.tr("追加"))
        ok.setEnabled(bool(orders))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("キャンセル"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.list.itemDoubleClicked.connect(lambda _item: self.accept())
        self.filter_edit.textChanged.connect(self._filter)
        self.filter_edit.returnPressed.connect(self.accept)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("担当している作業 (着手中のものは既に表示されています)")))
        layout.addWidget(self.filter_edit)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.empty_label)
        layout.addWidget(buttons)

    def _filter(self, text: str) -> None:
        words = text.casefold().split()
        first = None
        for i in range(self.list.count()):
            item = self.list.item(i)
            hidden = not all(w in item.text().casefold() for w in words)
            item.setHidden(hidden)
            if not hidden and first is None:
                first = item
        if first is not None:
            self.list.setCurrentItem(first)

    def chosen(self) -> list[AssignedOrder]:
        items = [i for i in self.list.selectedItems() if not i.isHidden()]
        return [i.data(PERSON_ROLE) for i in items]


class PersonChooser(QLineEdit):
    """Type an employee number or a name; the matches drop down; Enter takes the first."""

    chosen = Signal(int, str)  # person id, "E0001 佐藤 花子"

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._db = db
        self._request = 0
        self.setPlaceholderText(self.tr("職員 (社員番号・氏名)"))
        self.setClearButtonEnabled(True)
        self.setMinimumWidth(220)
        self.suggestions = QStandardItemModel(self)
        self.completer_ = QCompleter(self.suggestions, self)
        self.completer_.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
        self.setCompleter(self.completer_)
        self.completer_.activated[QModelIndex].connect(self._activated)  # type: ignore[index]
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(200)
        self._timer.timeout.connect(self._search)
        self.textEdited.connect(lambda _text: self._timer.start())
        self.returnPressed.connect(self._take_first)

    def _search(self) -> None:
        self._request += 1
        request, db, text = self._request, self._db, self.text()
        flt = PeopleFilter(text=text)

        def found(rows: list[PersonRow]) -> None:
            if request != self._request:
                return
            self.suggestions.clear()
            for r in rows:
                item = QStandardItem(f"{r.employee_no} {r.name}")
                item.setData(r.id, PERSON_ROLE)
                self.suggestions.appendRow(item)
            if rows and self.hasFocus():
                self.completer_.complete()

        QueryOp(self, lambda: list_people(db, flt, limit=20)).success(found).run()

    def _activated(self, index: QModelIndex) -> None:
        person = index.data(PERSON_ROLE)
        if person is not None:
            self.choose(int(person), str(index.data()))

    def _take_first(self) -> None:
        if self.suggestions.rowCount():
            item = self.suggestions.item(0)
            self.choose(int(item.data(PERSON_ROLE)), item.text())

    def choose(self, person_id: int, text: str) -> None:
        self.setText(text)
        self.chosen.emit(person_id, text)
