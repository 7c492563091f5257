"""The team month as a table model: a row per person (name, sending body, one column per day
of the month, the month's total) and the day totals below; weekends and holidays tinted, the
gaps (a working day inside the employment, due, without hours) highlighted, the days outside
the employment greyed. A view only: nothing is edited or opened from it."""

from datetime import date
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QFont

from oneaqita.durations import format_minutes
from oneaqita.services.team_month import TeamMember, TeamMonth
from ui.timesheets.day_labels import GAP, OFF_DAY, OUTSIDE, OUTSIDE_TEXT, day_tooltip, weekday_text

Index = QModelIndex | QPersistentModelIndex
NAME, BODY = 0, 1
FIRST_DAY = 2  # the column of the month's first day
_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
_LEFT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
_D = Qt.ItemDataRole


def _hours(minutes: int | None) -> str:
    return format_minutes(minutes) if minutes else ""


class TeamMonthModel(QAbstractTableModel):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.month: TeamMonth | None = None
        self.days: tuple[date, ...] = ()
        self._bold = QFont()
        self._bold.setBold(True)

    def set_month(self, month: TeamMonth) -> None:
        self.beginResetModel()
        self.month = month
        self.days = month.days
        self.endResetModel()

    def total_column(self) -> int:
        return FIRST_DAY + len(self.days)

    def day_of(self, column: int) -> date | None:
        i = column - FIRST_DAY
        return self.days[i] if 0 <= i < len(self.days) else None

    def member(self, row: int) -> TeamMember | None:
        members = self.month.members if self.month else ()
        return members[row] if 0 <= row < len(members) else None

    # -- what the view asks --------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        if parent.isValid() or self.month is None:
            return 0
        return len(self.month.members) + 1  # the day totals

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else self.total_column() + 1

    def headerData(  # noqa: N802
        self, section: int, orientation: Qt.Orientation, role: int = _D.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal:
            return None
        day = self.day_of(section)
        if role == _D.DisplayRole:
            if section == NAME:
                return self.tr("氏名")
            if section == BODY:
                return self.tr("派遣元")
            if day is None:
                return self.tr("合計")
            return f"{day.day}\n{weekday_text(day)}"
        if role == _D.ToolTipRole and day is not None:
            return day_tooltip(day)
        if role == _D.ForegroundRole and day is not None and self.month is not None:
            return None if day in self.month.working else OUTSIDE_TEXT
        return None

    def data(self, index: Index, role: int = _D.DisplayRole) -> Any:
        if not index.isValid() or self.month is None:
            return None
        member = self.member(index.row())
        column = index.column()
        day = self.day_of(column)
        if member is None:  # the day totals
            return self._total_row(column, day, role)
        if role == _D.DisplayRole:
            if column == NAME:
                return f"{member.name}（{member.employee_no}）"
            if column == BODY:
                return member.body_name
            return _hours(member.total if day is None else member.minutes.get(day))
        if role == _D.TextAlignmentRole:
            return _LEFT if column in (NAME, BODY) else _RIGHT
        if role == _D.FontRole and day is None and column > BODY:
            return self._bold
        if day is None:
            return member.body_code if role == _D.ToolTipRole and column == BODY else None
        outside = day not in member.employed
        if role == _D.BackgroundRole:
            if day in member.gaps:
                return GAP
            if outside:
                return OUTSIDE
            return None if day in self.month.working else OFF_DAY
        if role == _D.ForegroundRole and outside:
            return OUTSIDE_TEXT
        if role == _D.ToolTipRole:
            return self._cell_tooltip(member, day)
        return None

    def _total_row(self, column: int, day: date | None, role: int) -> Any:
        assert self.month is not None
        if role == _D.DisplayRole:
            if column == NAME:
                return self.tr("日計")
            if column == BODY:
                return ""
            return _hours(self.month.total if day is None else self.month.day_totals.get(day))
        if role == _D.TextAlignmentRole:
            return _LEFT if column in (NAME, BODY) else _RIGHT
        if role == _D.FontRole:
            return self._bold
        if role == _D.BackgroundRole and day is not None and day not in self.month.working:
            return OFF_DAY
        return None

    def _cell_tooltip(self, member: TeamMember, day: date) -> str:
        text = f"{member.name} {day_tooltip(day)}"
        if day in member.gaps:
            return text + "\n" + self.tr("未入力 (勤務日)")
        if day not in member.employed:
            return text + "\n" + self.tr("雇用・出向期間外")
        minutes = member.minutes.get(day)
        return f"{text}\n{format_minutes(minutes)}" if minutes else text
