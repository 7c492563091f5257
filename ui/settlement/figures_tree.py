"""The read-only tree the three tabs show their figures in: a group row (a body, a person)
carrying its subtotal, its lines beneath, sortable by any column (numbers by value, groups
among groups and lines within their group, so that no line leaves its subtotal), filterable
by a group's key, and the total in a bar below that sorting never moves."""

from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QSortFilterProxyModel, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

SORT_ROLE = Qt.ItemDataRole.UserRole + 1
KEY_ROLE = Qt.ItemDataRole.UserRole + 2  # a group's key, for the filter
RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
WARNING = QColor("#c62828")


@dataclass(frozen=True, slots=True)
class Cell:
    """One cell: its text, the value it sorts by (a number for numbers, which are then
    right-aligned), a tooltip, and whether it is a warning (red)."""

    text: str
    sort: int | str | None = None
    tip: str = ""
    warn: bool = False


def number(value: int | None, text: str | None = None, warn_text: str = "") -> Cell:
    """A right-aligned number with thousands separators (``text`` if given); None shows
    ``warn_text`` in red and sorts first."""
    if value is None:
        return Cell(warn_text, -1, warn=bool(warn_text))
    return Cell(f"{value:,}" if text is None else text, value)


def hours_cell(minutes: int) -> Cell:
    """Minutes as hours with two decimals at most ("7.5", "1,234.25"), right-aligned."""
    whole, rest = divmod(minutes, 60)
    text = f"{whole:,}" if not rest else f"{minutes / 60:,.2f}".rstrip("0")
    return Cell(text, minutes)


class _Proxy(QSortFilterProxyModel):
    """Sorts by SORT_ROLE; filters top-level rows by KEY_ROLE (lines follow their group)."""

    def __init__(self) -> None:
        super().__init__()
        self.key: str | None = None
        self.setSortRole(SORT_ROLE)

    def set_key(self, key: str | None) -> None:
        self.beginFilterChange()
        self.key = key
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(  # noqa: N802
        self, row: int, parent: QModelIndex | QPersistentModelIndex
    ) -> bool:
        if self.key is None or parent.isValid():
            return True
        index = self.sourceModel().index(row, 0, parent)
        return bool(index.data(KEY_ROLE) == self.key)


class FiguresTree(QWidget):
    """The tree and the total bar under it."""

    def __init__(self, headers: Sequence[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = QStandardItemModel(0, len(headers), self)
        self.model.setHorizontalHeaderLabels(list(headers))
        for c in range(len(headers)):
            self.model.setHeaderData(
                c, Qt.Orientation.Horizontal, headers[c], Qt.ItemDataRole.ToolTipRole
            )
        self.proxy = _Proxy()
        self.proxy.setSourceModel(self.model)
        self.view = QTreeView()
        self.view.setModel(self.proxy)
        self.view.setSortingEnabled(True)
        self.view.sortByColumn(-1, Qt.SortOrder.AscendingOrder)  # as the figures come
        self.view.setAlternatingRowColors(True)
        self.view.setUniformRowHeights(True)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.header().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.view.header().setStretchLastSection(False)
        self.view.header().setDefaultAlignment(Qt.AlignmentFlag.AlignCenter)
        # Rows a little apart (the default is the font's height, tight for kanji).
        self.view.setStyleSheet("QTreeView::item { padding: 3px 4px; }")
        self.total_label = QLabel()
        self.total_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.total_label.setStyleSheet("font-weight: bold; padding: 4px;")
        self.empty_label = QLabel()
        self.empty_label.setEnabled(False)
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.empty_label)
        layout.addWidget(self.total_label)

    # -- filling -------------------------------------------------------------------------
    def clear(self) -> None:
        self.model.removeRows(0, self.model.rowCount())

    def add_group(self, key: str, cells: Sequence[Cell]) -> QStandardItem:
        """A group row (bold), filtered by ``key``; its lines go under the returned item."""
        items = self._items(cells, bold=True)
        items[0].setData(key, KEY_ROLE)
        self.model.appendRow(items)
        return items[0]

    def add_line(self, group: QStandardItem, cells: Sequence[Cell]) -> None:
        group.appendRow(self._items(cells))

    def _items(self, cells: Sequence[Cell], bold: bool = False) -> list[QStandardItem]:
        items = []
        for cell in cells:
            item = QStandardItem(cell.text)
            item.setEditable(False)
            item.setData(cell.sort if cell.sort is not None else cell.text, SORT_ROLE)
            if isinstance(cell.sort, int):
                item.setTextAlignment(RIGHT)
            if cell.tip:
                item.setToolTip(cell.tip)
            if cell.warn:
                item.setForeground(QBrush(WARNING))
            if bold:
                font = QFont(self.font())
                font.setBold(True)
                item.setFont(font)
            items.append(item)
        return items

    def finish(self, total: str, empty: str) -> None:
        """After filling: groups expanded, columns fitted, the total bar and the empty note."""
        self.view.expandAll()
        for c in range(self.model.columnCount()):
            self.view.resizeColumnToContents(c)
        self.total_label.setText(total)
        self.empty_label.setText(empty)
        self.empty_label.setVisible(self.model.rowCount() == 0)

    def set_filter(self, key: str | None) -> None:
        self.proxy.set_key(key)
        self.view.expandAll()

    # -- reading (tests) -----------------------------------------------------------------
    def group_texts(self) -> list[list[str]]:
        """The group rows as shown, in the shown order."""
        p = self.proxy
        return [
            [str(p.index(r, c).data() or "") for c in range(p.columnCount())]
            for r in range(p.rowCount())
        ]

    def line_texts(self, group: int) -> list[list[str]]:
        p = self.proxy
        parent = p.index(group, 0)
        return [
            [str(p.index(r, c, parent).data() or "") for c in range(p.columnCount())]
            for r in range(p.rowCount(parent))
        ]
