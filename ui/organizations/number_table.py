"""A small read-only table of text and right-aligned numbers, with an optional bold totals
row at the end; each data row carries the id of what it shows."""

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableWidget, QTableWidgetItem

ID_ROLE = int(Qt.ItemDataRole.UserRole) + 1
_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
_LEFT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter


class NumberTable(QTableWidget):
    def __init__(self, headers: list[str], samples: list[str], numeric: tuple[int, ...]) -> None:
        super().__init__(0, len(headers))
        self._numeric = frozenset(numeric)
        self.setHorizontalHeaderLabels(headers)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setAlternatingRowColors(True)
        self.setWordWrap(False)
        self.verticalHeader().setVisible(False)
        self.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        header = self.horizontalHeader()
        header.setHighlightSections(False)
        # Columns as wide as their values: numbers stay next to the name they belong to.
        header.setStretchLastSection(False)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        for column in self._numeric:
            item = self.horizontalHeaderItem(column)
            if item is not None:
                item.setTextAlignment(_RIGHT)
        metrics = self.fontMetrics()
        self._base_widths = [
            max(metrics.horizontalAdvance(title), metrics.horizontalAdvance(sample)) + 24
            for title, sample in zip(headers, samples, strict=True)
        ]
        for column, width in enumerate(self._base_widths):
            self.setColumnWidth(column, width)

    def fill(self, rows: list[list[str]], ids: list[int], total: list[str] | None = None) -> None:
        """Replaces the rows; `total` (if any) is a last, bold row without an id."""
        self.blockSignals(True)  # one currentCellChanged at the end, not one per row
        self.clearContents()
        self.setRowCount(len(rows) + (1 if total else 0))
        for r, (values, row_id) in enumerate(zip(rows, ids, strict=True)):
            self._set_row(r, values, row_id, bold=False)
        if total:
            self._set_row(len(rows), total, None, bold=True)
        for column, base in enumerate(self._base_widths):  # wide enough for every value
            self.resizeColumnToContents(column)
            self.setColumnWidth(column, max(base, self.columnWidth(column)))
        self.setCurrentCell(-1, -1)
        self.blockSignals(False)
        self.currentCellChanged.emit(-1, -1, -1, -1)

    def _set_row(self, r: int, values: list[str], row_id: int | None, bold: bool) -> None:
        for c, value in enumerate(values):
            item = QTableWidgetItem(value)
            item.setTextAlignment(_RIGHT if c in self._numeric else _LEFT)
            item.setData(ID_ROLE, row_id)
            if bold:
                font = item.font()
                font.setBold(True)
                item.setFont(font)
                # The totals row is not a holder: it cannot be selected.
                item.setFlags(Qt.ItemFlag.ItemIsEnabled)
            self.setItem(r, c, item)

    def current_id(self) -> int | None:
        item = self.item(self.currentRow(), 0) if self.currentRow() >= 0 else None
        value = item.data(ID_ROLE) if item is not None else None
        return int(value) if value is not None else None

    def select_id(self, row_id: int | None) -> None:
        if row_id is None:
            return
        for r in range(self.rowCount()):
            item = self.item(r, 0)
            if item is not None and item.data(ID_ROLE) == row_id:
                self.setCurrentCell(r, 0)
                return

    def column_texts(self, column: int) -> list[str]:
        """Every row's text in `column` (the totals row included)."""
        return [self.item(r, column).text() for r in range(self.rowCount())]  # type: ignore[union-attr]
