"""The planned orders of an inspection plan's preview, as a read-only table model (thousands
of rows: a model, not table items)."""

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import QWidget

from oneaqita.inspection_plan import PlannedOrder
from ui.labels import date_text
from ui.staffing.labels import fiscal_year_text

_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter


class OrdersModel(QAbstractTableModel):
    """The planned orders, read-only (thousands of rows: a model, not table items)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.orders: list[PlannedOrder] = []
        self.headers = [
            self.tr("年度"),
            self.tr("件名"),
            self.tr("予定開始"),
            self.tr("予定終了"),
            self.tr("施設数"),
            self.tr("延長 (m)"),
        ]

    def set_orders(self, orders: list[PlannedOrder]) -> None:
        self.beginResetModel()
        self.orders = orders
        self.endResetModel()

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.orders)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.headers)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> object:  # noqa: N802
        if orientation is Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.headers[section]
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = 0) -> object:
        o = self.orders[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.TextAlignmentRole and column >= 4:
            return int(_RIGHT)
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        values = [
            fiscal_year_text(o.fiscal_year, with_year=False),
            o.title,
            date_text(o.planned_start),
            date_text(o.planned_end),
            f"{o.asset_count:,}",
            f"{o.length_m:,.1f}",
        ]
        return values[column]
