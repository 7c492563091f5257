"""The users list of the Users page: one row per user, sorted by the query (a header click
asks the page to read the list again in that order, as the filter does)."""

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt

from oneaqita.services.user_queries import UserRow, UserSort
from ui.labels import role_label

ID_ROLE = Qt.ItemDataRole.UserRole + 1
COLUMNS = [UserSort.LOGIN, UserSort.NAME, UserSort.ROLE, UserSort.PERSON, UserSort.ACTIVE]
LOGIN, NAME, ROLE, PERSON, ACTIVE = range(len(COLUMNS))

Index = QModelIndex | QPersistentModelIndex


class UserTableModel(QAbstractTableModel):
    def __init__(self, resort: Callable[[UserSort, bool], None], parent: QObject | None) -> None:
        super().__init__(parent)
        self._rows: list[UserRow] = []
        self._resort = resort

    def set_rows(self, rows: list[UserRow]) -> None:
        self.beginResetModel()
        self._rows = rows
        self.endResetModel()

    def row_at(self, row: int) -> UserRow | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def row_of(self, user_id: int) -> int | None:
        return next((n for n, r in enumerate(self._rows) if r.id == user_id), None)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(  # noqa: N802
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        titles = [
            self.tr("ログイン名"),
            self.tr("表示名"),
            self.tr("役割"),
            self.tr("紐付けた人"),
            self.tr("状態"),
        ]
        return titles[section]

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        row = self.row_at(index.row()) if index.isValid() else None
        if row is None:
            return None
        if role == ID_ROLE:
            return row.id
        if role == Qt.ItemDataRole.ForegroundRole and not row.active:
            return Qt.GlobalColor.gray
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        column = index.column()
        if column == LOGIN:
            return row.login
        if column == NAME:
            return row.display_name
        if column == ROLE:
            return role_label(row.role)
        if column == PERSON:
            return f"{row.employee_no} {row.person_name}" if row.employee_no else ""
        return self.tr("有効") if row.active else self.tr("無効")

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if 0 <= column < len(COLUMNS):  # -1: no sort indicator (yet)
            self._resort(COLUMNS[column], order == Qt.SortOrder.DescendingOrder)
