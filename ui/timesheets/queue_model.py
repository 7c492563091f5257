"""The approval queue as a table model: one row per submitted week, sorted by the service
(a header click asks the page for the queue in that order: sorting stays in SQL).

One's own weeks are shown greyed, with the reason as tooltip: nobody approves their own hours.
"""

from datetime import timedelta
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor

from oneaqita.durations import format_minutes
from oneaqita.services.approval_queries import QueuedWeek, QueueSort
from ui.labels import date_text, datetime_text

translate = QCoreApplication.translate
Index = QModelIndex | QPersistentModelIndex

BODY, NUMBER, NAME, WEEK, HOURS, SUBMITTED = range(6)
SORTS = [
    QueueSort.BODY,
    QueueSort.EMPLOYEE_NO,
    QueueSort.NAME,
    QueueSort.WEEK,
    QueueSort.MINUTES,
    QueueSort.SUBMITTED_AT,
]
OWN_COLOR = QColor("#9e9e9e")
_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
_LEFT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter


def week_range_text(row: QueuedWeek) -> str:
    return f"{date_text(row.week_start)}〜{date_text(row.week_start + timedelta(days=6))[5:]}"


def own_week_reason() -> str:
    return translate(
        "QueueModel", "自分の週は承認・差戻しできません。別の管理職に依頼してください。"
    )


class QueueModel(QAbstractTableModel):
    sort_requested = Signal(object, bool)  # QueueSort, descending

    def __init__(self, own_person_id: int | None, parent: Any = None) -> None:
        super().__init__(parent)
        self.rows: list[QueuedWeek] = []
        self.own_person_id = own_person_id
        self.sort_key = QueueSort.BODY
        self.descending = False

    def headers(self) -> list[str]:
        return [
            self.tr("派遣元"),
            self.tr("社員番号"),
            self.tr("氏名"),
            self.tr("週"),
            self.tr("時間"),
            self.tr("提出日時"),
        ]

    def set_rows(self, rows: list[QueuedWeek]) -> None:
        self.beginResetModel()
        self.rows = rows
        self.endResetModel()

    def is_own(self, row: QueuedWeek) -> bool:
        return self.own_person_id is not None and row.person_id == self.own_person_id

    def row_of(self, week_id: int) -> int | None:
        return next((i for i, r in enumerate(self.rows) if r.week_id == week_id), None)

    # -- what the view asks --------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(SORTS)

    def headerData(  # noqa: N802
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.headers()[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row, column = self.rows[index.row()], index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(row, column)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return _RIGHT if column == HOURS else _LEFT
        if role == Qt.ItemDataRole.ForegroundRole and self.is_own(row):
            return OWN_COLOR
        if role == Qt.ItemDataRole.ToolTipRole:
            if self.is_own(row):
                return own_week_reason()
            return row.body_code if column == BODY else None
        return None

    def _text(self, row: QueuedWeek, column: int) -> str:
        if column == BODY:
            return row.body_name
        if column == NUMBER:
            return row.employee_no
        if column == NAME:
            return row.name
        if column == WEEK:
            return week_range_text(row)
        if column == HOURS:
            return format_minutes(row.minutes)
        return datetime_text(row.submitted_at)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """A header click: the page reads the queue again in that order."""
        if not 0 <= column < len(SORTS):
            return
        key, descending = SORTS[column], order == Qt.SortOrder.DescendingOrder
        if (key, descending) != (self.sort_key, self.descending):
            self.sort_key, self.descending = key, descending
            self.sort_requested.emit(key, descending)
