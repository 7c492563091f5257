"""The My week page (私の週): a person's week as a grid, saved as it is typed.

- The person is the user's own (Actor.person_id); users who may log hours for others
  (Action.LOG_HOURS_FOR_OTHERS) choose anyone by employee number or name.
- Rows, columns, totals, typing and pasting: week_model.py, week_view.py, week_paste.py;
  saving one save at a time with the version the user saw: week_saving.py. A refusal is
  shown at its cell (outlined red, the reason as its tooltip) and in the message line under
  the grid, Japanese then English; the cell shows what is stored again.
- 「行を追加」 adds an empty row for an order the person is assigned to
  (services/timesheet_rows.py); 「先週の行をコピー」 adds last week's rows, empty.
- ◀ 今週 ▶ (PageUp, Home, PageDown) change the week; 「提出」 submits it after asking; a
  submitted or approved week is read-only, a returned one shows the manager's comment.
- Whatever changes time entries, weeks, work orders or secondments elsewhere reloads the
  week; the page's own saves are confirmed by the reload its saver makes.
"""

from collections.abc import Callable
from datetime import date, timedelta

from PySide6.QtCore import QByteArray, QModelIndex, QSettings, Qt
from PySide6.QtWidgets import QApplication, QHBoxLayout, QLabel, QMessageBox, QVBoxLayout, QWidget

from oneaqita.permissions import Action, allowed
from oneaqita.services.actor import Actor
from oneaqita.services.changes import Change, Entity
from oneaqita.services.database import Database
from oneaqita.services.people_queries import person_card
from oneaqita.services.time_entries import LOCKED_STATUSES, Cell, save_cell, save_cells
from oneaqita.services.time_entries import week_start_of as monday_of
from oneaqita.services.timesheet_queries import RowKey, WeekGrid, previous_week_rows, week_grid
from oneaqita.services.timesheet_rows import AssignedOrder, assigned_orders
from oneaqita.services.timesheet_weeks import submit_week
from ui.operations import QueryOp
from ui.page_changes import follow_changes
from ui.shortcuts import add_page_shortcuts
from ui.timesheets.week_bar import WeekBanner, WeekBar
from ui.timesheets.week_dialogs import AddRowDialog, NoteDialog, PersonChooser
from ui.timesheets.week_model import CellKey, WeekModel
from ui.timesheets.week_paste import copied_text, read_block
from ui.timesheets.week_saving import Job, Refusal, WeekSaver
from ui.timesheets.week_view import WeekTable

__all__ = ["WEEK_ENTITIES", "WeekPage"]

WEEK_ENTITIES = (
    Entity.TIME_ENTRIES,
    Entity.TIMESHEET_WEEKS,
    Entity.WORK_ORDERS,
    Entity.SECONDMENTS,
    Entity.DATABASE,
)
ERROR_STYLE = "color:#c62828;"
# Bilingual, as the refusals are (the editors' conflict banner does the same).
CONFLICT_JA = "他の人がこの週を先に変更したため、保存されている内容を読み込み直しました。"
CONFLICT_EN = "Someone else changed this week first: it was read again as stored."


class WeekPage(QWidget):
    def __init__(
        self, db: Database, actor: Actor, today: date | None = None, parent: QWidget | None = None
    ) -> None:
        """`today` fixes the day "this week" means (tests); None follows the clock."""
        super().__init__(parent)
        self._db, self._actor, self._today = db, actor, today
        self.person_id: int | None = actor.person_id
        self.monday = monday_of(self.today())
        self.grid: WeekGrid | None = None
        self._request = 0
        self.note_dialog: NoteDialog | None = None
        self.add_row_dialog: AddRowDialog | None = None

        self.bar = WeekBar()
        self.person_chooser: PersonChooser | None = None
        if allowed(actor, Action.LOG_HOURS_FOR_OTHERS):
            self.person_chooser = PersonChooser(db)
            self.person_chooser.chosen.connect(self.set_person)
            self.bar.layout_.insertWidget(0, QLabel(self.tr("職員")))
            self.bar.layout_.insertWidget(1, self.person_chooser)
            if self.person_id is not None:  # one's own week first, named in the chooser
                chooser, db, own = self.person_chooser, db, self.person_id
                QueryOp(self, lambda: person_card(db, own)).success(
                    lambda card: chooser.setText(f"{card.employee_no} {card.name}")
                ).run()
        self.banner = WeekBanner()
        self.model = WeekModel(self)
        self.model.today = self.today()
        self.table = WeekTable()
        self.table.setModel(self.model)
        self.hint_label = QLabel(self.tr("職員を選ぶと、その週の時間を入力できます。"))
        self.message_label = QLabel()
        self.message_label.setWordWrap(True)
        self.message_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.message_label.setMinimumHeight(2 * self.fontMetrics().height() + 8)
        self.keys_label = QLabel(
            self.tr(
                "数字を入力して Tab・Enter で確定 (7.5・7:30・7h30)。Delete で消去、"
                "Ctrl+C / Ctrl+V でコピー・貼り付け、Shift+F2 で備考。入力するとすぐ保存されます。"
            )
        )
        self.keys_label.setStyleSheet("color:palette(mid);")
        layout = QVBoxLayout(self)
        layout.addWidget(self.bar)
        layout.addWidget(self.banner)
        layout.addWidget(self.hint_label)
        layout.addWidget(self.table, 1)
        bottom = QHBoxLayout()
        bottom.addWidget(self.message_label, 1)
        layout.addLayout(bottom)
        layout.addWidget(self.keys_label)

        self.saver = WeekSaver(self, self._load, self.model.settle, self._refused, self._conflict)
        self.model.edited.connect(lambda key, minutes: self._save([(key, minutes)]))
        self.model.refused_now.connect(lambda ja, en: self._say_error([(None, ja, en)]))
        self.table.clear_requested.connect(self._clear)
        self.table.copy_requested.connect(self.copy_selection)
        self.table.paste_requested.connect(self.paste)
        self.table.note_requested.connect(self.edit_note)
        self.bar.step_requested.connect(self.step)
        self.bar.this_week_requested.connect(self.this_week)
        self.bar.add_row_button.clicked.connect(self.add_row)
        self.bar.copy_rows_button.clicked.connect(self.copy_last_week)
        self.bar.submit_button.clicked.connect(self.submit)
        add_page_shortcuts(
            self,
            (
                (Qt.Key.Key_PageUp, lambda: self.step(-1)),
                (Qt.Key.Key_PageDown, lambda: self.step(1)),
                (Qt.Key.Key_Home, self.this_week),
            ),
        )
        follow_changes(self, self._changed)
        self.refresh()

    @staticmethod
    def available(actor: Actor) -> bool:
        """Whether the page has anything to show: the user's own person, or the right to log
        hours for others."""
        return actor.person_id is not None or allowed(actor, Action.LOG_HOURS_FOR_OTHERS)

    def title(self) -> str:
        return self.tr("私の週")

    def today(self) -> date:
        return self._today or date.today()

    def editable(self) -> bool:
        return self.grid is not None and not self.model.read_only

    # -- navigation ------------------------------------------------------------------------
    def set_person(self, person_id: int, _text: str = "") -> None:
        self.table.commit_editing()
        self.person_id = person_id
        self._say("")
        self._load()

    def step(self, weeks: int) -> None:
        self.table.commit_editing()
        self.monday += timedelta(days=7 * weeks)
        self._say("")
        self._load()

    def this_week(self) -> None:
        self.table.commit_editing()
        self.monday = monday_of(self.today())
        self._say("")
        self._load()

    # -- loading ---------------------------------------------------------------------------
    def refresh(self) -> None:
        """F5: the week is read again."""
        self._load()

    def _load(self, then: Callable[[], None] | None = None) -> None:
        self._request += 1
        request, db, person, monday = self._request, self._db, self.person_id, self.monday
        self.bar.show_week(monday)
        self.hint_label.setVisible(person is None)
        if person is None:
            self._show(None)
            if then is not None:
                then()
            return

        def shown(grid: WeekGrid) -> None:
            if request == self._request:
                self._show(grid)
            if then is not None:
                then()

        QueryOp(self, lambda: week_grid(db, person, monday)).success(shown).run()

    def _show(self, grid: WeekGrid | None) -> None:
        current = self.model.cell_key(self.table.currentIndex())
        column = self.table.currentIndex().column()
        self.grid = grid
        may = grid is not None and (
            grid.person_id == self._actor.person_id
            or allowed(self._actor, Action.LOG_HOURS_FOR_OTHERS)
        )
        locked = grid is None or grid.status in LOCKED_STATUSES
        self.model.set_grid(grid, read_only=locked or not may)
        self.bar.show_status(grid.status if grid else None, self.editable())
        if grid is None:
            self.banner.hide()
            return
        self.banner.show_week(grid.status, grid.comment)
        if not self.table.currentIndex().isValid():
            row = self.model.row_of(current[0]) if current is not None else None
            self.table.go_to(row or 0, column if 1 <= column <= 7 else self._first_column())

    def _first_column(self) -> int:
        """Today's column in this week, else Monday's."""
        today = self.today()
        return 1 + (today - self.monday).days if 0 <= (today - self.monday).days < 7 else 1

    def _changed(self, change: Change) -> None:
        if change.initiator is self:
            return
        if change.touches(*WEEK_ENTITIES):
            self._load()

    # -- saving ----------------------------------------------------------------------------
    def _cell(self, person: int, key: CellKey, minutes: int | None) -> Cell:
        """The cell to save, with the note and the version the grid shows now."""
        stored = self.model.stored(key) if self.grid and self.grid.person_id == person else None
        return Cell(
            person,
            key[1],
            key[0].work_order_id,
            key[0].category,
            minutes,
            stored.note if stored else None,
            stored.version if stored else 0,
        )

    def _save(self, values: list[tuple[CellKey, int | None]]) -> None:
        if self.person_id is None or not values:
            return
        db, actor, person = self._db, self._actor, self.person_id
        self._say("")
        self.model.clear_refusals()
        for key, minutes in values:
            self.model.set_pending(key, minutes)

        def build() -> Callable[[], Change]:
            cells = [self._cell(person, key, minutes) for key, minutes in values]
            if len(cells) == 1:
                return lambda: save_cell(db, actor, cells[0])
            return lambda: save_cells(db, actor, cells)

        self.saver.add(Job([key for key, _ in values], build))

    def _clear(self, indexes: list[QModelIndex]) -> None:
        if not self.editable():
            return
        keys = [k for i in indexes if (k := self.model.cell_key(i)) is not None]
        self._save([(k, None) for k in keys if self.model.minutes(k) is not None])

    def _refused(self, refusals: list[Refusal]) -> None:
        for key, ja, en in refusals:
            if key is not None:
                self.model.refuse(key, f"{ja}\n{en}")
        self._say_error(refusals)

    def _conflict(self) -> None:
        self._say(f"{CONFLICT_JA}\n{CONFLICT_EN}", error=True)

    def _say_error(self, refusals: list[Refusal]) -> None:
        lines = [ja for _, ja, _ in refusals] + [en for _, _, en in refusals]
        self._say("\n".join(lines), error=True)

    def _say(self, text: str, error: bool = False) -> None:
        self.message_label.setText(text)
        self.message_label.setStyleSheet(ERROR_STYLE if error else "")

    # -- clipboard -------------------------------------------------------------------------
    def copy_selection(self) -> None:
        text = copied_text(self.model, self.table.selectionModel())
        if text:
            QApplication.clipboard().setText(text)

    def paste(self) -> None:
        if not self.editable():
            return
        block = read_block(self.model, self.table.currentIndex(), QApplication.clipboard().text())
        if block.refused:  # nothing is sent: each refused cell says why
            self.model.clear_refusals()
            self._refused(block.refused)
            return
        self._save(block.cells)

    # -- notes, rows, submitting -----------------------------------------------------------
    def edit_note(self, index: QModelIndex) -> None:
        key = self.model.cell_key(index)
        if key is None or not self.editable() or self.person_id is None:
            return
        stored = self.model.stored(key)
        if stored is None or key in self.model.pending:
            self._say(self.tr("備考は、時間が保存されたセルに付けられます。"), error=True)
            return
        row = self.model.rows[index.row()]
        dialog = NoteDialog(
            self._db, self._actor, self.person_id, key[0], key[1], row.label(), stored, self
        )
        dialog.finished.connect(lambda _result: self._note_closed(dialog))
        self.note_dialog = dialog
        dialog.open()

    def _note_closed(self, dialog: NoteDialog) -> None:
        if self.note_dialog is dialog:
            self.note_dialog = None
        if dialog.conflict:
            self._load()
        dialog.deleteLater()
        self.table.setFocus()

    def add_row(self) -> None:
        if not self.editable() or self.person_id is None:
            return
        db, person = self._db, self.person_id
        QueryOp(self, lambda: assigned_orders(db, person)).success(self._choose_rows).run()

    def _choose_rows(self, orders: list[AssignedOrder]) -> None:
        shown = set(self.model.row_keys())
        choices = [o for o in orders if RowKey(o.id, None) not in shown]
        dialog = AddRowDialog(choices, self)
        self.add_row_dialog = dialog

        def done(result: int) -> None:
            self.add_row_dialog = None
            if result:
                chosen = dialog.chosen()
                self.model.add_rows([(RowKey(o.id, None), o.number, o.title) for o in chosen])
                if chosen:
                    row = self.model.row_of(RowKey(chosen[0].id, None))
                    self.table.go_to(row or 0, self._first_column())
            dialog.deleteLater()
            self.table.setFocus()

        dialog.finished.connect(done)
        dialog.open()

    def copy_last_week(self) -> None:
        if not self.editable() or self.person_id is None:
            return
        db, person, monday = self._db, self.person_id, self.monday

        def read() -> tuple[list[RowKey], list[AssignedOrder]]:
            return previous_week_rows(db, person, monday), assigned_orders(db, person)

        QueryOp(self, read).success(lambda found: self._add_last_week(*found)).run()

    def _add_last_week(self, keys: list[RowKey], orders: list[AssignedOrder]) -> None:
        heads = {RowKey(o.id, None): (o.number, o.title) for o in orders}
        rows = [(k, *heads[k]) for k in keys if k in heads]  # categories are always shown
        added = self.model.add_rows(rows)
        left = sum(1 for k in keys if k.category is None and k not in heads)
        text = self.tr("先週の行を {count} 行追加しました。").format(count=added)
        if not added:
            text = self.tr("先週の行はすべて表示されています。")
        if left:
            text += " " + self.tr("担当でなくなった作業 {count} 件は追加していません。").format(
                count=left
            )
        self._say(text)

    def submit(self) -> None:
        if not self.editable() or self.person_id is None or self.grid is None:
            return
        answer = QMessageBox.question(
            self,
            self.tr("週の提出"),
            self.tr("{week} の週 (合計 {total}) を提出しますか？提出後は編集できません。").format(
                week=self.bar.week_label.text(), total=self.model.data(self._total_index())
            ),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        db, actor, person, monday = self._db, self._actor, self.person_id, self.monday
        self._say("")
        self.saver.add(
            Job(
                [],
                lambda: lambda: submit_week(db, actor, person, monday),
                done=lambda: self._say(self.tr("週を提出しました。")),
            )
        )

    def _total_index(self) -> QModelIndex:
        return self.model.index(self.model.rowCount() - 1, self.model.columnCount() - 1)

    # -- window state ----------------------------------------------------------------------
    def restore_state(self, settings: QSettings) -> None:
        state = settings.value("week/header")
        if isinstance(state, QByteArray):
            self.table.horizontalHeader().restoreState(state)

    def save_state(self, settings: QSettings) -> None:
        settings.setValue("week/header", self.table.horizontalHeader().saveState())
