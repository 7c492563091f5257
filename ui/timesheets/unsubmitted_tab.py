"""The approval page's 未提出 tab: the weeks not yet submitted (services/approval_queries.py),
by person and week, for the last N weeks up to last week: sending body, employee number,
name, week, the hours entered so far and whether it is still being entered or was returned;
filtered by sending body and text and sorted by a header click, all in SQL (the list is read
again in the order asked for, as the queue is)."""

import dataclasses
from datetime import date, timedelta

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from oneaqita.durations import format_minutes
from oneaqita.models import TimeEntryStatus
from oneaqita.services.approval_queries import (
    UnsubmittedFilter,
    UnsubmittedSort,
    UnsubmittedWeek,
    unsubmitted_weeks,
)
from oneaqita.services.database import Database
from ui.detail_fields import make_read_only
from ui.labels import date_text, domain_label
from ui.operations import QueryOp
from ui.timesheets.body_filter_bar import BodyFilterBar

RETURNED_COLOR = QColor("#b71c1c")
DEFAULT_WEEKS = 8
_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
SORTS = [  # by column
    UnsubmittedSort.BODY,
    UnsubmittedSort.EMPLOYEE_NO,
    UnsubmittedSort.NAME,
    UnsubmittedSort.WEEK,
    UnsubmittedSort.MINUTES,
    UnsubmittedSort.STATUS,
]


class UnsubmittedTab(QWidget):
    def __init__(
        self, db: Database, today: date | None = None, parent: QWidget | None = None
    ) -> None:
        """`today` fixes the day the weeks count back from (tests); None follows the clock."""
        super().__init__(parent)
        self._db, self._today = db, today
        self._request = 0
        self.filter = UnsubmittedFilter()
        self.rows: list[UnsubmittedWeek] = []

        self.filter_bar = BodyFilterBar(lambda n: self.tr("{count} 週").format(count=f"{n:,}"))
        self.weeks_spin = QSpinBox()
        self.weeks_spin.setRange(1, 26)
        self.weeks_spin.setValue(DEFAULT_WEEKS)
        self.weeks_spin.setSuffix(self.tr(" 週"))
        self.weeks_spin.setToolTip(self.tr("先週から何週さかのぼるか"))
        self.period_label = QLabel()
        self.table = QTableWidget(0, 6)
        self.table.setHorizontalHeaderLabels(
            [
                self.tr("派遣元"),
                self.tr("社員番号"),
                self.tr("氏名"),
                self.tr("週"),
                self.tr("入力済み"),
                self.tr("状態"),
            ]
        )
        make_read_only(self.table)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        metrics = self.fontMetrics()
        samples = ["株式会社ONE・AQITA", "E00000", "佐々木 健太郎", "2026/11/30〜12/06", "40:00"]
        for column, sample in enumerate(samples):
            self.table.setColumnWidth(column, metrics.horizontalAdvance(sample) + 28)
        header = self.table.horizontalHeader()
        header.setSectionsClickable(True)
        header.setSortIndicatorShown(True)
        header.setSortIndicator(SORTS.index(self.filter.sort), Qt.SortOrder.AscendingOrder)
        header.sortIndicatorChanged.connect(self._sort_changed)
        self.empty_label = QLabel(self.tr("未提出の週はありません。"))
        self.empty_label.setEnabled(False)
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("期間")))
        top.addWidget(self.weeks_spin)
        top.addWidget(self.period_label, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.filter_bar)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.empty_label)

        self.filter_bar.changed.connect(self._filter_changed)
        self.weeks_spin.valueChanged.connect(lambda _v: self.load())
        find = QShortcut(QKeySequence(QKeySequence.StandardKey.Find), self)
        find.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        find.activated.connect(self.filter_bar.focus_search)

    def today(self) -> date:
        return self._today or date.today()

    def load(self) -> None:
        self._request += 1
        request, db, flt, today = self._request, self._db, self.filter, self.today()
        weeks = self.weeks_spin.value()
        last = today - timedelta(days=today.weekday() + 7)
        first = last - timedelta(days=7 * (weeks - 1))
        self.period_label.setText(
            self.tr("{first} 〜 {last} の週").format(
                first=date_text(first), last=date_text(last + timedelta(days=6))
            )
        )
        self.filter_bar.show_searching()

        def shown(rows: list[UnsubmittedWeek]) -> None:
            if request == self._request:
                self._show(rows)

        QueryOp(self, lambda: unsubmitted_weeks(db, today, weeks, flt)).success(shown).run()

    def _filter_changed(self) -> None:
        self.filter = dataclasses.replace(self.filter, **self.filter_bar.values())
        self.load()

    def _sort_changed(self, column: int, order: Qt.SortOrder) -> None:
        """A header click: the list is read again in that order (sorted by the database)."""
        if 0 <= column < len(SORTS):
            descending = order == Qt.SortOrder.DescendingOrder
            self.filter = dataclasses.replace(
                self.filter, sort=SORTS[column], descending=descending
            )
            self.load()

    def _show(self, rows: list[UnsubmittedWeek]) -> None:
        self.rows = rows
        t = self.table
        t.setRowCount(len(rows))
        for r, row in enumerate(rows):
            end = row.week_start + timedelta(days=6)
            items = [
                QTableWidgetItem(row.body_name),
                QTableWidgetItem(row.employee_no),
                QTableWidgetItem(row.name),
                QTableWidgetItem(f"{date_text(row.week_start)}〜{date_text(end)[5:]}"),
                QTableWidgetItem(format_minutes(row.minutes)),
                QTableWidgetItem(domain_label(row.status)),
            ]
            items[0].setToolTip(row.body_code)
            items[4].setTextAlignment(_RIGHT)
            if row.status is TimeEntryStatus.RETURNED:
                items[5].setForeground(RETURNED_COLOR)
                items[5].setToolTip(self.tr("差し戻された週: 直して再提出を待っています"))
            for c, item in enumerate(items):
                t.setItem(r, c, item)
        self.filter_bar.show_count(len(rows))
        self.empty_label.setVisible(not rows)

    def texts(self) -> list[list[str]]:
        """The rows as shown (for tests)."""
        t = self.table
        out = []
        for r in range(t.rowCount()):
            items = [t.item(r, c) for c in range(t.columnCount())]
            out.append([item.text() if item is not None else "" for item in items])
        return out
