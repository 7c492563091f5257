"""One tile of the dashboard: a title, the big number with a line under it, and a small table
(a bar in a column where a share is shown). The whole tile is one click away from the list
behind it, and so is every row (or cell) of its table: a mouse click, or Tab to it and Enter.
"""

from dataclasses import dataclass, field

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, Qt, Signal
from PySide6.QtGui import QColor, QFocusEvent, QKeyEvent, QMouseEvent, QPainter
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QHeaderView,
    QLabel,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ui.navigation import NavigationRequest

ROWS = 6  # a tile's table shows the first rows; the list behind it has them all
REQUEST_ROLE = Qt.ItemDataRole.UserRole + 1  # the cell's NavigationRequest
BAR_ROLE = Qt.ItemDataRole.UserRole + 2  # the cell's share, 0.0 … (over 1.0: past the mark)
_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter

TONES = {
    "normal": "#1f4e79",
    "warning": "#b45309",
    "alert": "#b00020",
    "good": "#2e7d32",
}
_BAR = QColor("#9cc3e6")
_BAR_OVER = QColor("#f2a7a7")


@dataclass(frozen=True)
class TileRow:
    """One line of the tile's table: its texts, the request of each cell (one for the whole
    row when `requests` has one entry), and the share a bar column shows."""

    texts: tuple[str, ...]
    requests: tuple[NavigationRequest | None, ...] = ()
    bar: float | None = None
    tooltip: str = ""
    numeric: frozenset[int] = field(default_factory=frozenset)  # columns aligned right


class BarDelegate(QStyledItemDelegate):
    """Paints the share in BAR_ROLE as a bar behind the cell's text."""

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        share = index.data(BAR_ROLE)
        if isinstance(share, float):
            rect: QRect = option.rect.adjusted(2, 4, -2, -4)
            width = round(rect.width() * max(0.0, min(share, 1.0)))
            painter.save()
            painter.fillRect(QRect(rect.left(), rect.top(), width, rect.height()), _BAR)
            if share > 1.0:
                painter.fillRect(QRect(rect.right() - 3, rect.top(), 3, rect.height()), _BAR_OVER)
            painter.restore()
        super().paint(painter, option, index)


class TileTable(QTableWidget):
    activated_request = Signal(object)

    def __init__(self, headers: list[str], bar_column: int | None, parent: QWidget | None = None):
        super().__init__(0, len(headers), parent)
        self.setHorizontalHeaderLabels(headers)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setShowGrid(False)
        self.setWordWrap(False)
        self.setAlternatingRowColors(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.verticalHeader().setVisible(False)
        self.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        header = self.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setHighlightSections(False)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        if bar_column is not None:
            self.setItemDelegateForColumn(bar_column, BarDelegate(self))
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        # Room for the rows a tile shows, so that the tiles of a row line up.
        rows_height = ROWS * self.verticalHeader().defaultSectionSize()
        self.setFixedHeight(header.sizeHint().height() + rows_height + 4)
        self.setMouseTracking(True)
        self.viewport().setCursor(Qt.CursorShape.PointingHandCursor)
        self.clicked.connect(self._emit)

    def _emit(self, index: QModelIndex) -> None:
        request = index.data(REQUEST_ROLE)
        if isinstance(request, NavigationRequest):
            self.activated_request.emit(request)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.currentIndex().isValid():
            self._emit(self.currentIndex())
            return
        super().keyPressEvent(event)

    def focusInEvent(self, event: QFocusEvent) -> None:  # noqa: N802
        super().focusInEvent(event)
        if not self.currentIndex().isValid() and self.rowCount():
            self.setCurrentCell(0, 0)

    def set_rows(self, rows: list[TileRow]) -> None:
        self.setRowCount(len(rows))
        for r, row in enumerate(rows):
            for c, text in enumerate(row.texts):
                item = QTableWidgetItem(text)
                request = row.requests[c] if len(row.requests) > 1 else (row.requests or (None,))[0]
                item.setData(REQUEST_ROLE, request)
                if row.bar is not None and self.itemDelegateForColumn(c) is not None:
                    item.setData(BAR_ROLE, float(row.bar))
                if c in row.numeric:
                    item.setTextAlignment(_RIGHT)
                if row.tooltip:
                    item.setToolTip(row.tooltip)
                self.setItem(r, c, item)


class Tile(QFrame):
    """A tile; `activated` carries the request of the tile or of the row clicked."""

    activated = Signal(object)

    def __init__(
        self,
        title: str,
        headers: list[str],
        bar_column: int | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("dashboardTile")
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.request: NavigationRequest | None = None
        self.title_label = QLabel(title)
        self.title_label.setObjectName("tileTitle")
        self.number_label = QLabel("—")
        self.number_label.setObjectName("tileNumber")
        self.caption_label = QLabel()
        self.caption_label.setObjectName("tileCaption")
        self.caption_label.setWordWrap(True)
        self.table = TileTable(headers, bar_column)
        self.table.activated_request.connect(self.activated)
        self.empty_label = QLabel()
        self.empty_label.setObjectName("tileCaption")
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_label.setFixedHeight(self.table.height())
        self.empty_label.hide()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        layout.setSpacing(2)
        layout.addWidget(self.title_label)
        layout.addWidget(self.number_label)
        layout.addWidget(self.caption_label)
        layout.addSpacing(6)
        layout.addWidget(self.table)
        layout.addWidget(self.empty_label)
        layout.addStretch(1)
        self.setMinimumWidth(320)

    def show_figures(
        self,
        number: str,
        caption: str,
        rows: list[TileRow],
        request: NavigationRequest,
        tone: str = "normal",
        empty_text: str = "",
    ) -> None:
        self.request = request
        self.number_label.setText(number)
        self.number_label.setStyleSheet(f"color: {TONES[tone]};")
        self.caption_label.setText(caption)
        self.table.set_rows(rows)
        self.table.setVisible(bool(rows))
        self.empty_label.setText(empty_text)
        self.empty_label.setVisible(not rows)
        self.setToolTip(self.tr("クリック・Enterで一覧を開きます"))

    def number(self) -> str:
        return self.number_label.text()

    def activate(self) -> None:
        if self.request is not None:
            self.activated.emit(self.request)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        if event.button() == Qt.MouseButton.LeftButton and self.rect().contains(
            event.position().toPoint()
        ):
            self.activate()
            return
        super().mouseReleaseEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space):
            self.activate()
            return
        super().keyPressEvent(event)
