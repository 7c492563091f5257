"""The approval page's 承認待ち tab: the submitted weeks by sending body and person, filtered
by body and text and sorted by any column (both in SQL), the selected week's content beside
them, and the two decisions:

- 承認 (Ctrl+Enter): the selected week, or several at once after one confirmation, all or
  nothing (services/timesheet_weeks.approve_weeks); the weeks leave the queue.
- 差戻し… (Ctrl+Backspace): one week, with the reason (ui/timesheets/return_dialog.py).
- 表示 承認済み: the weeks approved in the last N weeks instead, for a correction: one can be
  returned (after a confirmation: its entries unlock), none approved again.

One's own weeks cannot be decided: with one selected both buttons are disabled, the reason in
their tooltip (the service refuses anyway, and its bilingual message is shown if it does). A
week decided meanwhile by someone else (ConcurrentEdit) reloads the queue, and says so.
"""

import dataclasses
from collections.abc import Callable
from datetime import date, timedelta

from PySide6.QtCore import QByteArray, QItemSelectionModel, QSettings, Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from oneaqita.durations import format_minutes
from oneaqita.errors import ConcurrentEdit
from oneaqita.models import TimeEntryStatus
from oneaqita.permissions import Action, allowed
from oneaqita.services.actor import Actor
from oneaqita.services.approval_queries import QueuedWeek, QueueFilter, QueueSort, approval_queue
from oneaqita.services.changes import Change
from oneaqita.services.database import Database
from oneaqita.services.time_entries import week_start_of
from oneaqita.services.timesheet_queries import WeekGrid, week_grid
from oneaqita.services.timesheet_weeks import approve_week, approve_weeks
from ui.errors import show_error
from ui.operations import ChangeOp, QueryOp
from ui.shortcuts import add_page_shortcuts
from ui.timesheets.approval_detail import WeekContent
from ui.timesheets.body_filter_bar import BodyFilterBar
from ui.timesheets.queue_model import QueueModel, own_week_reason, week_range_text
from ui.timesheets.return_dialog import ReturnDialog

SELECT_ROWS = QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows
APPROVED = TimeEntryStatus.APPROVED
APPROVED_WEEKS = 8  # how far back the approved weeks are listed, unless changed


class QueueTab(QWidget):
    def __init__(
        self,
        db: Database,
        actor: Actor,
        today: date | None = None,
        parent: QWidget | None = None,
    ) -> None:
        """`today` fixes the day the approved weeks count back from (tests)."""
        super().__init__(parent)
        self._db, self._actor, self._today = db, actor, today
        self._request = 0
        self._detail_request = 0
        self.filter = QueueFilter()
        self.busy = False
        self.return_dialog: ReturnDialog | None = None

        self.filter_bar = BodyFilterBar(lambda n: self.tr("{count} 週").format(count=f"{n:,}"))
        self.status_combo = QComboBox()
        self.status_combo.addItem(self.tr("承認待ち"), str(TimeEntryStatus.SUBMITTED))
        if allowed(actor, Action.APPROVE_HOURS):  # returning an approved week: managers
            self.status_combo.addItem(self.tr("承認済み (差戻し用)"), str(APPROVED))
        self.weeks_spin = QSpinBox()
        self.weeks_spin.setRange(1, 52)
        self.weeks_spin.setValue(APPROVED_WEEKS)
        self.weeks_spin.setPrefix(self.tr("過去 "))
        self.weeks_spin.setSuffix(self.tr(" 週"))
        self.weeks_spin.setToolTip(self.tr("今週から何週さかのぼって承認済みの週を表示するか"))
        self.weeks_spin.hide()
        shown = QHBoxLayout()
        shown.addWidget(QLabel(self.tr("表示")))
        shown.addWidget(self.status_combo)
        shown.addWidget(self.weeks_spin)
        shown.addStretch(1)
        self.model = QueueModel(actor.person_id, self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().setVisible(False)
        rows = self.table.verticalHeader()
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        rows.setDefaultSectionSize(self.fontMetrics().height() + 8)
        header = self.table.horizontalHeader()
        header.setHighlightSections(False)
        header.setStretchLastSection(True)
        metrics = self.fontMetrics()
        samples = ["株式会社ONE・AQITA", "E00000", "佐々木 健太郎", "2026/11/30〜12/06", "168:00"]
        for column, sample in enumerate(samples):
            self.table.setColumnWidth(column, metrics.horizontalAdvance(sample) + 28)
        header.setSortIndicator(0, Qt.SortOrder.AscendingOrder)
        self.table.setSortingEnabled(True)

        self.detail = WeekContent()
        self.approve_button = QPushButton(self.tr("承認(&A)"))
        self.return_button = QPushButton(self.tr("差戻し…(&R)"))
        for button in (self.approve_button, self.return_button):
            button.setAutoDefault(False)
        self.message_label = QLabel()
        self.message_label.setWordWrap(True)
        buttons = QHBoxLayout()
        buttons.addWidget(self.message_label, 1)
        buttons.addWidget(self.return_button)
        buttons.addWidget(self.approve_button)
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(self.detail, 1)
        right_layout.addLayout(buttons)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(self.table)
        self.splitter.addWidget(right)
        self.splitter.setStretchFactor(0, 1)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([700, 520])
        self.splitter.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.addWidget(self.filter_bar)
        layout.addLayout(shown)
        layout.addWidget(self.splitter, 1)

        self.filter_bar.changed.connect(self._filter_changed)
        self.status_combo.currentIndexChanged.connect(lambda _i: self._shown_changed())
        self.weeks_spin.valueChanged.connect(lambda _v: self._shown_changed())
        self.model.sort_requested.connect(self._sort_requested)
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._selection_changed())
        self.approve_button.clicked.connect(self.approve)
        self.return_button.clicked.connect(self.return_selected)
        add_page_shortcuts(
            self,
            (
                (QKeySequence(Qt.Modifier.CTRL | Qt.Key.Key_Return), self.approve),
                (QKeySequence(Qt.Modifier.CTRL | Qt.Key.Key_Enter), self.approve),
                (QKeySequence(Qt.Modifier.CTRL | Qt.Key.Key_Backspace), self.return_selected),
                (QKeySequence(QKeySequence.StandardKey.Find), self.filter_bar.focus_search),
            ),
        )
        self.approve_button.setToolTip(self.tr("選んだ週を承認します (Ctrl+Enter)"))
        self._update_buttons()

    # -- loading -------------------------------------------------------------------------
    def load(self) -> None:
        self._request += 1
        request, db, flt = self._request, self._db, self.filter
        self.filter_bar.show_searching()

        def shown(rows: list[QueuedWeek]) -> None:
            if request == self._request:
                self._show(rows)

        QueryOp(self, lambda: approval_queue(db, flt)).success(shown).run()

    def _show(self, rows: list[QueuedWeek]) -> None:
        keep = {r.week_id for r in self.selected_rows()}
        current = self._current_week_id()
        selection = self.table.selectionModel()
        selection.blockSignals(True)
        self.model.set_rows(rows)
        for week_id in keep:
            row = self.model.row_of(week_id)
            if row is not None:
                selection.select(self.model.index(row, 0), SELECT_ROWS)
        if current is not None and (row := self.model.row_of(current)) is not None:
            selection.setCurrentIndex(
                self.model.index(row, 0), QItemSelectionModel.SelectionFlag.NoUpdate
            )
        selection.blockSignals(False)
        self.filter_bar.show_count(len(rows))
        self._selection_changed()

    def _current_week_id(self) -> int | None:
        current = self.table.currentIndex()
        if current.isValid() and current.row() < len(self.model.rows):
            return self.model.rows[current.row()].week_id
        return None

    def _filter_changed(self) -> None:
        values = self.filter_bar.values()
        self.filter = dataclasses.replace(self.filter, **values)
        self.load()

    def showing_approved(self) -> bool:
        return self.filter.status is APPROVED

    def _shown_changed(self) -> None:
        status = TimeEntryStatus(self.status_combo.currentData())
        approved = status is APPROVED
        self.weeks_spin.setVisible(approved)
        today = self._today or date.today()
        since = week_start_of(today) - timedelta(days=7 * self.weeks_spin.value())
        self.filter = dataclasses.replace(
            self.filter, status=status, since=since if approved else None
        )
        self.load()

    def _sort_requested(self, key: QueueSort, descending: bool) -> None:
        self.filter = dataclasses.replace(self.filter, sort=key, descending=descending)
        self.load()

    # -- selection -----------------------------------------------------------------------
    def selected_rows(self) -> list[QueuedWeek]:
        rows = sorted({i.row() for i in self.table.selectionModel().selectedRows()})
        return [self.model.rows[r] for r in rows if r < len(self.model.rows)]

    def select_weeks(self, week_ids: list[int]) -> None:
        """Selects these weeks (by id) in the list, the first one current."""
        selection = self.table.selectionModel()
        selection.clearSelection()
        for n, week_id in enumerate(week_ids):
            row = self.model.row_of(week_id)
            if row is None:
                continue
            flags = (
                QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows
            )
            if n == 0:
                selection.setCurrentIndex(self.model.index(row, 0), flags)
            else:
                selection.select(self.model.index(row, 0), flags)

    def _selection_changed(self) -> None:
        self._update_buttons()
        rows = self.selected_rows()
        self._detail_request += 1
        if not rows:
            self.detail.show_nothing()
        elif len(rows) > 1:
            self.detail.show_several(rows)
        else:
            self._load_detail(rows[0])

    def _load_detail(self, queued: QueuedWeek) -> None:
        request, db = self._detail_request, self._db

        def shown(grid: WeekGrid) -> None:
            if request == self._detail_request:
                self.detail.show_week(queued, grid)

        QueryOp(self, lambda: week_grid(db, queued.person_id, queued.week_start)).success(
            shown
        ).run()

    def _update_buttons(self) -> None:
        rows = self.selected_rows()
        own = any(self.model.is_own(r) for r in rows)
        submitted = all(r.status is TimeEntryStatus.SUBMITTED for r in rows)
        self.approve_button.setEnabled(bool(rows) and submitted and not own and not self.busy)
        self.return_button.setEnabled(len(rows) == 1 and not own and not self.busy)
        if own:
            reason = own_week_reason()
            self.approve_button.setToolTip(reason)
            self.return_button.setToolTip(reason)
        else:
            self.approve_button.setToolTip(self.tr("選んだ週を承認します (Ctrl+Enter)"))
            self.return_button.setToolTip(
                self.tr("1週ずつ、理由を付けて差し戻します (Ctrl+Backspace)")
            )

    # -- deciding ------------------------------------------------------------------------
    def approve(self) -> None:
        rows = self.selected_rows()
        if not rows or not self.approve_button.isEnabled():
            return
        db, actor = self._db, self._actor
        if len(rows) == 1:
            week = rows[0]
            self._run(lambda: approve_week(db, actor, week.week_id, week.version), rows)
            return
        answer = QMessageBox.question(
            self,
            self.tr("まとめて承認"),
            self.tr("選んだ {count} 週 (合計 {hours}) を承認しますか？\n{people}").format(
                count=len(rows),
                hours=format_minutes(sum(r.minutes for r in rows)),
                people=self._listed(rows),
            ),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.Yes,
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        weeks = [(r.week_id, r.version) for r in rows]
        self._run(lambda: approve_weeks(db, actor, weeks), rows)

    @staticmethod
    def _listed(rows: list[QueuedWeek], shown: int = 8) -> str:
        lines = [f"{r.employee_no} {r.name}  {week_range_text(r)}" for r in rows[:shown]]
        if len(rows) > shown:
            lines.append(f"… (+{len(rows) - shown})")
        return "\n".join(lines)

    def _run(self, call: Callable[[], Change], rows: list[QueuedWeek]) -> None:
        self._set_busy(True)
        count = len(rows)

        def done(_change: Change) -> None:
            self._set_busy(False)
            self._say(self.tr("{count} 週を承認しました。").format(count=count))

        ChangeOp(self, call).success(done).failure(self._failed).run()

    def _failed(self, exc: BaseException) -> None:
        self._set_busy(False)
        show_error(self, exc)
        if isinstance(exc, ConcurrentEdit):
            self._say(self.tr("他の人が先に変更したため、一覧を読み直しました。"))
            self.load()

    def return_selected(self) -> None:
        rows = self.selected_rows()
        if len(rows) != 1 or not self.return_button.isEnabled() or self.return_dialog is not None:
            return
        if rows[0].status is APPROVED and not self._return_approved_confirmed(rows[0]):
            return
        dialog = ReturnDialog(self._db, self._actor, rows[0], self)
        self.return_dialog = dialog
        dialog.finished.connect(self._return_finished)
        dialog.open()  # window-modal, without a nested event loop

    def _return_approved_confirmed(self, week: QueuedWeek) -> bool:
        answer = QMessageBox.question(
            self,
            self.tr("承認済みの週を差し戻す"),
            self.tr(
                "{name}（{number}）の {week} は承認済みです。差し戻すと、この週の時間の"
                "ロックが解除され、本人が直して再提出するまで承認済みではなくなります。"
                "差し戻しますか？"
            ).format(name=week.name, number=week.employee_no, week=week_range_text(week)),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        return answer == QMessageBox.StandardButton.Yes

    def _return_finished(self, result: int) -> None:
        dialog, self.return_dialog = self.return_dialog, None
        if dialog is None:
            return
        if result == QDialog.DialogCode.Accepted:
            self._say(self.tr("差し戻しました。"))
        elif dialog.conflict:
            self._say(self.tr("他の人が先に変更したため、一覧を読み直しました。"))
            self.load()  # no Change was announced
        dialog.deleteLater()

    def _set_busy(self, busy: bool) -> None:
        self.busy = busy
        self._update_buttons()

    def _say(self, text: str) -> None:
        self.message_label.setText(text)

    # -- state ---------------------------------------------------------------------------
    def save_state(self, settings: QSettings, group: str) -> None:
        settings.setValue(f"{group}/splitter", self.splitter.saveState())

    def restore_state(self, settings: QSettings, group: str) -> None:
        state = settings.value(f"{group}/splitter")
        if isinstance(state, QByteArray):
            self.splitter.restoreState(state)
