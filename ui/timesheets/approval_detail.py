"""The selected week's content beside the approval queue, read only: its rows (work orders by
number, then the overhead categories) by day, with the row, day and week totals, the notes
as tooltips and the return's comment; or, with several weeks selected, how many and their
hours."""

from datetime import timedelta

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QSizePolicy,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from oneaqita.durations import format_minutes
from oneaqita.services.approval_queries import QueuedWeek
from oneaqita.services.timesheet_queries import GridRow, WeekGrid
from oneaqita.workdays import is_working_day
from ui.labels import date_text, domain_label
from ui.timesheets.day_labels import OFF_DAY, day_tooltip, weekday_text
from ui.timesheets.queue_model import week_range_text

_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter


def _item(text: str, align: Qt.AlignmentFlag | None = None) -> QTableWidgetItem:
    item = QTableWidgetItem(text)
    if align is not None:
        item.setTextAlignment(align)
    return item


class WeekContent(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.grid: WeekGrid | None = None
        self.heading = QLabel()
        font = self.heading.font()
        font.setBold(True)
        self.heading.setFont(font)
        self.heading.setWordWrap(True)
        self.comment_label = QLabel()
        self.comment_label.setWordWrap(True)
        self.comment_label.hide()
        self.table = QTableWidget(0, 9)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.table.setWordWrap(False)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.hint = QLabel(self.tr("週を選ぶと、その内容をここに表示します。"))
        self.hint.setEnabled(False)
        self.hint.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.heading)
        layout.addWidget(self.comment_label)
        layout.addWidget(self.hint)
        layout.addWidget(self.table, 1)
        self.filler = QWidget()  # keeps the heading and the hint at the top without a table
        self.filler.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Expanding)
        layout.addWidget(self.filler, 1)
        self.show_nothing()

    def show_nothing(self) -> None:
        self.grid = None
        self.heading.setText(self.tr("週の内容"))
        self.comment_label.hide()
        self.table.setRowCount(0)
        self.table.hide()
        self.filler.show()
        self.hint.show()

    def show_several(self, rows: list[QueuedWeek]) -> None:
        self.show_nothing()
        self.heading.setText(
            self.tr("{count} 週を選択しています (合計 {hours})").format(
                count=len(rows), hours=format_minutes(sum(r.minutes for r in rows))
            )
        )
        self.hint.setText(self.tr("「承認」で選んだ週をまとめて承認します。"))

    def show_week(self, queued: QueuedWeek, grid: WeekGrid) -> None:
        self.grid = grid
        self.heading.setText(
            self.tr("{name}（{number}）  {week}  {status}").format(
                name=queued.name,
                number=queued.employee_no,
                week=week_range_text(queued),
                status=domain_label(grid.status),
            )
        )
        self.comment_label.setVisible(bool(grid.comment))
        self.comment_label.setText(self.tr("差戻しの理由: {comment}").format(comment=grid.comment))
        self.hint.hide()
        self.filler.hide()
        self.table.show()
        t = self.table
        headers = [self.tr("作業・区分")]
        for day in grid.days:
            headers.append(f"{weekday_text(day)}\n{date_text(day)[5:]}")
        headers.append(self.tr("合計"))
        t.setHorizontalHeaderLabels(headers)
        for column, day in enumerate(grid.days, start=1):
            header_item = t.horizontalHeaderItem(column)
            if header_item is not None:
                header_item.setToolTip(day_tooltip(day))
        rows = [r for r in grid.rows if r.total or any(c is not None for c in r.cells)]
        t.setRowCount(len(rows) + 1)
        for r, row in enumerate(rows):
            self._fill_row(r, row, grid)
        bold = QFont(t.font())
        bold.setBold(True)
        totals = [self.tr("日計"), *(self._hours(m) for m in grid.day_totals)]
        totals.append(format_minutes(grid.total))
        for c, text in enumerate(totals):
            item = _item(text, _RIGHT if c else None)
            item.setFont(bold)
            t.setItem(len(rows), c, item)

    def _fill_row(self, r: int, row: GridRow, grid: WeekGrid) -> None:
        t = self.table
        if row.key.category is not None:
            head = domain_label(row.key.category)
        else:
            head = f"{row.number or ''}  {row.title or ''}".strip()
        t.setItem(r, 0, _item(head))
        for i, cell in enumerate(row.cells):
            item = _item(self._hours(cell.minutes) if cell is not None else "", _RIGHT)
            day = grid.week_start + timedelta(days=i)
            if cell is not None and cell.note:
                item.setToolTip(cell.note)
            if not is_working_day(day):
                item.setBackground(OFF_DAY)
            t.setItem(r, i + 1, item)
        t.setItem(r, 8, _item(format_minutes(row.total), _RIGHT))

    @staticmethod
    def _hours(minutes: int) -> str:
        return format_minutes(minutes) if minutes else ""

    def cell_text(self, row: int, column: int) -> str:
        """What a cell shows (for tests)."""
        item = self.table.item(row, column)
        return item.text() if item is not None else ""
