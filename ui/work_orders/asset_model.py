"""The work order's assets as the editor lists them: a table model over the codes, so that
thousands of them cost one Python list, not thousands of widgets.

- The codes are what the order stores; each line's kind, district, installed year, material
  and length come from the registry (services/asset_picking.asset_lines) and may arrive after
  the code (an opened order shows its codes at once, the details when read).
- Adding a code already listed does nothing (the order holds each asset once).
- Sorting (a header click) reorders the lines; codes added afterwards come at the end.
"""

from collections.abc import Iterable, Sequence
from decimal import Decimal
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)

from oneaqita.services.asset_picking import AssetLine
from ui.labels import domain_label

Index = QModelIndex | QPersistentModelIndex


class AssetListModel(QAbstractTableModel):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._codes: list[str] = []
        self._listed: set[str] = set()
        self._lines: dict[str, AssetLine] = {}
        self._headers = [
            self.tr("施設コード"),
            self.tr("種別"),
            self.tr("地区"),
            self.tr("設置年"),
            self.tr("材質"),
            self.tr("延長(m)"),
        ]

    # -- contents ------------------------------------------------------------------------
    def codes(self) -> list[str]:
        return list(self._codes)

    def __contains__(self, code: object) -> bool:
        return code in self._listed

    def set_codes(self, codes: Iterable[str]) -> None:
        """The list becomes these codes (repeats once); details read earlier are kept."""
        self.beginResetModel()
        self._codes = list(dict.fromkeys(codes))
        self._listed = set(self._codes)
        self.endResetModel()

    def add_lines(self, lines: Sequence[AssetLine]) -> int:
        """Appends the assets not listed yet; how many were new."""
        for line in lines:
            self._lines[line.code] = line
        new = list(dict.fromkeys(line.code for line in lines if line.code not in self._listed))
        if new:
            first = len(self._codes)
            self.beginInsertRows(QModelIndex(), first, first + len(new) - 1)
            self._codes.extend(new)
            self._listed.update(new)
            self.endInsertRows()
        return len(new)

    def set_details(self, lines: Sequence[AssetLine]) -> None:
        """The registry's details of listed codes (read after `set_codes`)."""
        for line in lines:
            self._lines[line.code] = line
        if self._codes:
            self.dataChanged.emit(
                self.index(0, 1), self.index(len(self._codes) - 1, len(self._headers) - 1)
            )

    def remove_rows(self, rows: Iterable[int]) -> int:
        """Removes these rows (in contiguous runs, from the bottom); how many went."""
        wanted = sorted({r for r in rows if 0 <= r < len(self._codes)}, reverse=True)
        runs: list[tuple[int, int]] = []
        for r in wanted:
            if runs and runs[-1][0] == r + 1:
                runs[-1] = (r, runs[-1][1])
            else:
                runs.append((r, r))
        for first, last in runs:
            self.beginRemoveRows(QModelIndex(), first, last)
            self._listed.difference_update(self._codes[first : last + 1])
            del self._codes[first : last + 1]
            self.endRemoveRows()
        return len(wanted)

    def clear(self) -> None:
        self.set_codes([])

    # -- the model -----------------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._codes)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._headers)

    def headerData(  # noqa: N802
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self._headers[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        code = self._codes[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return code if column == 0 else _cell(self._lines.get(code), column)
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (3, 5):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        self.layoutAboutToBeChanged.emit()
        lines = self._lines

        def key(code: str) -> tuple[bool, Any, str]:
            value = _sort_value(lines.get(code), column) if column else code
            return (value is None, value if value is not None else "", code)

        self._codes.sort(key=key, reverse=order == Qt.SortOrder.DescendingOrder)
        self.layoutChanged.emit()


def _sort_value(line: AssetLine | None, column: int) -> Any:
    if line is None:
        return None
    return (
        None,
        line.kind.value,
        line.district,
        line.installed_year,
        line.material,
        line.length_m,
    )[column]


def _cell(line: AssetLine | None, column: int) -> str:
    if line is None:
        return ""
    if column == 1:
        return domain_label(line.kind)
    value = (None, None, line.district, line.installed_year, line.material, line.length_m)[column]
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return f"{value:,.2f}"
    return str(value)
