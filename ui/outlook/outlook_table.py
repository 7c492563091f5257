"""The outlook's table: one row per fiscal year with the columns the export writes
(reports/renewal_outlook_files.outlook_table), so that the screen and the file agree."""

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableWidget, QTableWidgetItem

from oneaqita.reports.renewal_levelling import LevelledPlan
from oneaqita.reports.renewal_outlook import RenewalOutlook
from oneaqita.reports.renewal_outlook_files import outlook_table
from oneaqita.values import Cell
from ui.labels import ui_language

_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter


def cell_text(value: Cell, column: int) -> str:
    if isinstance(value, float):
        return f"{value:,.3f}"
    if isinstance(value, int) and column:  # the year stays as written
        return f"{value:,}"
    return "" if value is None else str(value)


class OutlookTable(QTableWidget):
    def __init__(self) -> None:
        super().__init__(0, 0)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.verticalHeader().hide()
        self.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.values: list[list[Cell]] = []

    def show_outlook(self, outlook: RenewalOutlook, plan: LevelledPlan | None) -> None:
        header, rows = outlook_table(outlook, plan, ui_language())
        years = [r for r in rows if isinstance(r[0], int)]  # the figures below are shown apart
        self.values = years
        self.clear()
        self.setColumnCount(len(header))
        self.setHorizontalHeaderLabels(header)
        self.setRowCount(len(years))
        for r, row in enumerate(years):
            for c, value in enumerate(row):
                item = QTableWidgetItem(cell_text(value, c))
                item.setTextAlignment(_RIGHT)
                self.setItem(r, c, item)
