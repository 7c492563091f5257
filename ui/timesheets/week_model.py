"""The My week grid as a table model: a row per order or overhead category, a column per day
(Monday to Sunday) and the row's total, and a last row with the day totals and the week's.

- What the user typed shows at once (``pending``) and counts in the totals until the stored
  week, read again after the save, confirms it (``set_grid``).
- A refused cell keeps its reason (``refused``: outlined red, the reason as its tooltip) and
  shows what is stored.
- Rows added by the user (an assigned order, or last week's rows) are kept, empty, until
  another week or person is shown.
- Weekends and holidays are tinted, the holiday's name is the header's and cells' tooltip.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QColor, QFont

from oneaqita.durations import format_minutes, parse_minutes
from oneaqita.errors import ValidationError
from oneaqita.models import OverheadCategory
from oneaqita.services.timesheet_queries import GridCell, RowKey, WeekGrid
from oneaqita.workdays import holiday_name, is_working_day
from ui.labels import domain_label
from ui.schedule.header import weekday_names

__all__ = [
    "LABEL_COLUMN",
    "NOTE_ROLE",
    "REFUSED_ROLE",
    "TOTAL_COLUMN",
    "CellKey",
    "WeekModel",
    "WeekRow",
]

LABEL_COLUMN, TOTAL_COLUMN = 0, 8
DAY_COLUMNS = range(1, 8)
NOTE_ROLE = Qt.ItemDataRole.UserRole + 1  # bool: the cell holds a note
REFUSED_ROLE = Qt.ItemDataRole.UserRole + 2  # str | None: why the last edit was refused
OFF_DAY = QColor(0, 0, 0, 22)
HOLIDAY_TEXT = QColor("#c62828")
TOTALS_BACKGROUND = QColor(0, 0, 0, 12)
_CATEGORY_ORDER = {c: i for i, c in enumerate(OverheadCategory)}
CellKey = tuple[RowKey, date]
_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
_LEFT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter


@dataclass(frozen=True, slots=True)
class WeekRow:
    key: RowKey
    number: str | None
    title: str | None
    cells: tuple[GridCell | None, ...]

    def label(self) -> str:
        if self.key.category is not None:
            return domain_label(self.key.category)
        return f"{self.number}  {self.title or ''}".strip()


def _sort_key(row: WeekRow) -> tuple[int, str, int]:
    if row.key.category is None:
        return (0, row.number or "", 0)
    return (1, "", _CATEGORY_ORDER[row.key.category])


class WeekModel(QAbstractTableModel):
    edited = Signal(object, object)  # CellKey, minutes (None: clear the cell)
    refused_now = Signal(str, str)  # ja, en: an entry refused before it was sent

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.grid: WeekGrid | None = None
        self.rows: list[WeekRow] = []
        self.extra: dict[RowKey, tuple[str | None, str | None]] = {}  # added, empty rows
        self.pending: dict[CellKey, int | None] = {}
        self.refused: dict[CellKey, str] = {}
        self.read_only = True
        self.today: date | None = None  # its column's header is marked

    # -- content ---------------------------------------------------------------------------
    def days(self) -> tuple[date, ...]:
        return self.grid.days if self.grid is not None else ()

    def set_grid(self, grid: WeekGrid | None, read_only: bool) -> None:
        """Show `grid`; the added rows, pending cells and refusals stay while it is the same
        person's same week."""
        same = (
            grid is not None
            and self.grid is not None
            and (grid.person_id, grid.week_start) == (self.grid.person_id, self.grid.week_start)
        )
        if not same:
            self.extra.clear()
            self.pending.clear()
            self.refused.clear()
        rows = [WeekRow(r.key, r.number, r.title, r.cells) for r in (grid.rows if grid else ())]
        shown = {r.key for r in rows}
        for key, (number, title) in self.extra.items():
            if key not in shown:
                rows.append(WeekRow(key, number, title, (None,) * 7))
        rows.sort(key=_sort_key)
        read_only = read_only or grid is None
        if same and [r.key for r in rows] == self.row_keys() and read_only == self.read_only:
            # The same rows: updated in place, so that the current cell and an open editor
            # stay where the user is typing.
            self.grid, self.rows = grid, rows
            last = self.index(self.rowCount() - 1, self.columnCount() - 1)
            self.dataChanged.emit(self.index(0, 0), last)
            return
        self.beginResetModel()
        self.grid, self.rows, self.read_only = grid, rows, read_only
        self.endResetModel()

    def add_rows(self, rows: Sequence[tuple[RowKey, str | None, str | None]]) -> int:
        """Add empty rows for keys not shown yet; how many were added."""
        shown = {r.key for r in self.rows}
        new = [(k, n, t) for k, n, t in rows if k not in shown and k not in self.extra]
        for key, number, title in new:
            self.extra[key] = (number, title)
        if new and self.grid is not None:
            self.set_grid(self.grid, self.read_only)
        return len(new)

    def row_keys(self) -> list[RowKey]:
        return [r.key for r in self.rows]

    def row_of(self, key: RowKey) -> int | None:
        for i, r in enumerate(self.rows):
            if r.key == key:
                return i
        return None

    def cell_key(self, index: QModelIndex | QPersistentModelIndex) -> CellKey | None:
        """The cell's key when `index` is a day cell of an order or category row."""
        if not index.isValid() or index.row() >= len(self.rows):
            return None
        if index.column() not in DAY_COLUMNS or self.grid is None:
            return None
        return (self.rows[index.row()].key, self.grid.days[index.column() - 1])

    def index_of(self, key: CellKey) -> QModelIndex:
        row = self.row_of(key[0])
        days = self.days()
        if row is None or key[1] not in days:
            return QModelIndex()
        return self.index(row, 1 + days.index(key[1]))

    def stored(self, key: CellKey) -> GridCell | None:
        row = self.row_of(key[0])
        days = self.days()
        if row is None or key[1] not in days:
            return None
        return self.rows[row].cells[days.index(key[1])]

    def minutes(self, key: CellKey) -> int | None:
        """What the cell holds as shown: the pending entry, else the stored one."""
        if key in self.pending:
            return self.pending[key]
        cell = self.stored(key)
        return cell.minutes if cell is not None else None

    def row_total(self, row: int) -> int:
        days = self.days()
        return sum(self.minutes((self.rows[row].key, d)) or 0 for d in days)

    def day_total(self, day: date) -> int:
        return sum(self.minutes((r.key, day)) or 0 for r in self.rows)

    def week_total(self) -> int:
        return sum(self.day_total(d) for d in self.days())

    # -- edits -----------------------------------------------------------------------------
    def set_pending(self, key: CellKey, minutes: int | None) -> None:
        self.pending[key] = minutes
        self.refused.pop(key, None)
        self._changed_cell(key)

    def settle(self, keys: list[CellKey]) -> None:
        """The saves of `keys` are done (stored or refused): show what is stored."""
        for key in keys:
            self.pending.pop(key, None)
            self._changed_cell(key)

    def refuse(self, key: CellKey, reason: str) -> None:
        self.pending.pop(key, None)
        self.refused[key] = reason
        self._changed_cell(key)

    def clear_refusals(self) -> None:
        keys = list(self.refused)
        self.refused.clear()
        for key in keys:
            self._changed_cell(key)

    def _changed_cell(self, key: CellKey) -> None:
        index = self.index_of(key)
        if not index.isValid():
            return
        self.dataChanged.emit(index, index)
        last = self.rowCount() - 1
        total = self.index(index.row(), TOTAL_COLUMN)
        self.dataChanged.emit(total, total)
        self.dataChanged.emit(self.index(last, 0), self.index(last, TOTAL_COLUMN))

    # -- Qt model --------------------------------------------------------------------------
    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() or self.grid is None else len(self.rows) + 1

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else TOTAL_COLUMN + 1

    def is_totals_row(self, row: int) -> bool:
        return row == len(self.rows)

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if not self.read_only and self.cell_key(index) is not None:
            return base | Qt.ItemFlag.ItemIsEditable
        return base

    def headerData(  # noqa: N802
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal:
            return None
        days = self.days()
        if role == Qt.ItemDataRole.DisplayRole:
            if section == LABEL_COLUMN:
                return self.tr("作業・区分")
            if section == TOTAL_COLUMN:
                return self.tr("合計")
            if days:
                d = days[section - 1]
                return f"{d.month}/{d.day}\n{weekday_names()[d.weekday()]}"
        if section in DAY_COLUMNS and days:
            d = days[section - 1]
            if role == Qt.ItemDataRole.ToolTipRole:
                return holiday_name(d)
            if role == Qt.ItemDataRole.ForegroundRole and (d.weekday() == 6 or holiday_name(d)):
                return QBrush(HOLIDAY_TEXT)
            if role == Qt.ItemDataRole.BackgroundRole and not is_working_day(d):
                return QBrush(OFF_DAY)
            if role == Qt.ItemDataRole.FontRole and d == self.today:
                font = QFont()
                font.setBold(True)
                font.setUnderline(True)
                return font
        return None

    def data(
        self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:  # noqa: E501
        if not index.isValid() or self.grid is None:
            return None
        row, column = index.row(), index.column()
        totals = self.is_totals_row(row)
        day = self.grid.days[column - 1] if column in DAY_COLUMNS else None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return self._text(row, column, day, totals)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(_LEFT if column == LABEL_COLUMN else _RIGHT)
        if role == Qt.ItemDataRole.FontRole:
            key = self.cell_key(index)
            if totals or column == TOTAL_COLUMN or (key is not None and key in self.pending):
                font = QFont()
                font.setBold(totals or column == TOTAL_COLUMN)
                font.setItalic(key is not None and key in self.pending)
                return font
            return None
        if role == Qt.ItemDataRole.BackgroundRole:
            if totals or column == TOTAL_COLUMN:
                return QBrush(TOTALS_BACKGROUND)
            if day is not None and not is_working_day(day):
                return QBrush(OFF_DAY)
            return None
        key = self.cell_key(index)
        if role == REFUSED_ROLE:
            return self.refused.get(key) if key is not None else None
        if role == NOTE_ROLE:
            cell = self.stored(key) if key is not None else None
            return bool(cell is not None and cell.note)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(row, column, key, day)
        return None

    def _text(self, row: int, column: int, day: date | None, totals: bool) -> str:
        if totals:
            if column == LABEL_COLUMN:
                return self.tr("日計")
            if column == TOTAL_COLUMN:
                return format_minutes(self.week_total())
            assert day is not None
            return format_minutes(self.day_total(day) or None)
        if column == LABEL_COLUMN:
            return self.rows[row].label()
        if column == TOTAL_COLUMN:
            return format_minutes(self.row_total(row) or None)
        assert day is not None
        return format_minutes(self.minutes((self.rows[row].key, day)))

    def _tooltip(self, row: int, column: int, key: CellKey | None, day: date | None) -> str | None:
        if column == LABEL_COLUMN and not self.is_totals_row(row):
            return self.rows[row].label()
        if key is None:
            return holiday_name(day) if day is not None else None
        parts = []
        if key in self.refused:
            parts.append(self.refused[key])
        cell = self.stored(key)
        if cell is not None and cell.note:
            parts.append(self.tr("備考: {note}").format(note=cell.note))
        if day is not None and (name := holiday_name(day)):
            parts.append(name)
        return "\n".join(parts) or None

    def setData(  # noqa: N802
        self,
        index: QModelIndex | QPersistentModelIndex,
        value: Any,
        role: int = Qt.ItemDataRole.EditRole,
    ) -> bool:
        key = self.cell_key(index)
        if key is None or role != Qt.ItemDataRole.EditRole or self.read_only:
            return False
        try:
            minutes = parse_minutes(str(value or ""))
        except ValidationError as exc:
            self.refuse(key, f"{exc.ja}\n{exc.en}")
            self.refused_now.emit(exc.ja, exc.en)
            return False
        if minutes == 0:
            minutes = None
        if minutes == self.minutes(key):
            return False  # typed what it holds: nothing to save
        self.set_pending(key, minutes)
        self.edited.emit(key, minutes)
        return True
