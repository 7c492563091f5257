"""The overview's two lists: who leaves within 90 days, and headcount and FTE by sending body
on a chosen date. Both are short (one row per leaver or body), so they are plain tables
filled from one service call each."""

from datetime import date

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont, QPainter, QPaintEvent
from PySide6.QtWidgets import (
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from oneaqita.models import SecondmentKind
from oneaqita.services.staffing import Headcount, HeadcountRow, LeavingRow
from ui.detail_fields import make_read_only
from ui.labels import date_text
from ui.staffing.dates import date_edit, from_qdate
from ui.staffing.labels import (
    KIND_COLORS,
    URGENT_COLOR,
    URGENT_DAYS,
    days_left_text,
    kind_description,
    kind_label,
)

_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
_CENTER = Qt.AlignmentFlag.AlignCenter
LEAVING_DAYS = 90


def _table(headers: list[str]) -> QTableWidget:
    table = QTableWidget(0, len(headers))
    table.setHorizontalHeaderLabels(headers)
    make_read_only(table)
    table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
    table.verticalHeader().setDefaultSectionSize(table.fontMetrics().height() + 8)
    table.horizontalHeader().setStretchLastSection(True)
    return table


def _item(text: str, align: Qt.AlignmentFlag | None = None) -> QTableWidgetItem:
    item = QTableWidgetItem(text)
    if align is not None:
        item.setTextAlignment(align)
    return item


class LeavingList(QGroupBox):
    """Secondments whose last day is within 90 days of today, soonest first (the service's
    order); 30 days or fewer in red: time to ask the sending body for a successor."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.rows: list[LeavingRow] = []
        self.table = _table(
            [
                self.tr("職員"),
                self.tr("派遣元"),
                self.tr("種別"),
                self.tr("終了日"),
                self.tr("残り"),
            ]
        )
        self.empty_label = QLabel(self.tr("90日以内に終了する出向はありません。"))
        self.empty_label.setEnabled(False)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.empty_label)
        self.show_rows([])

    def show_rows(self, rows: list[LeavingRow]) -> None:
        self.rows = rows
        self.setTitle(self.tr("90日以内に終了 ({count}人)").format(count=len(rows)))
        t = self.table
        t.setRowCount(len(rows))
        for r, row in enumerate(rows):
            items = [
                _item(f"{row.person_name}（{row.employee_no}）"),
                _item(row.from_organization_name),
                _item(kind_label(row.kind), _CENTER),
                _item(date_text(row.end), _CENTER),
                _item(days_left_text(row.days_left), _RIGHT),
            ]
            for c, item in enumerate(items):
                item.setToolTip(row.position or "")
                if row.days_left <= URGENT_DAYS:
                    item.setForeground(URGENT_COLOR)
                t.setItem(r, c, item)
        t.resizeColumnsToContents()
        self.empty_label.setVisible(not rows)

    def is_urgent(self, row: int) -> bool:
        """Whether the row is shown in the warning colour (for tests)."""
        item = self.table.item(row, 0)
        return item is not None and item.foreground().color() == URGENT_COLOR


class HeadcountTable(QGroupBox):
    """Headcount, FTE and company-borne FTE per sending body on a date, with the total."""

    date_changed = Signal(object)  # the date

    def __init__(self, on: date, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("派遣元別の人数・FTE"), parent)
        self.headcount: Headcount | None = None
        self.date_edit = date_edit(on)
        self.date_edit.dateChanged.connect(lambda d: self.date_changed.emit(from_qdate(d)))
        self.table = _table(
            [self.tr("派遣元"), self.tr("人数"), self.tr("FTE"), self.tr("うち会社負担FTE")]
        )
        self.table.setToolTip(
            self.tr("会社負担FTE: 給与の会社負担割合の合計 ÷ 100（半分負担なら 0.50）")
        )
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("基準日")))
        top.addWidget(self.date_edit)
        top.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)

    def on(self) -> date:
        return from_qdate(self.date_edit.date())

    def show_headcount(self, headcount: Headcount) -> None:
        self.headcount = headcount
        rows = [*headcount.rows, headcount.total]
        t = self.table
        t.setRowCount(len(rows))
        bold = QFont(t.font())
        bold.setBold(True)
        for r, row in enumerate(rows):
            total = row is headcount.total
            for c, item in enumerate(self._items(row, total)):
                if total:
                    item.setFont(bold)
                t.setItem(r, c, item)
        t.resizeColumnsToContents()

    def _items(self, row: HeadcountRow, total: bool) -> list[QTableWidgetItem]:
        name = self.tr("合計") if total else row.name_ja
        return [
            _item(name),
            _item(str(row.headcount), _RIGHT),
            _item(f"{row.fte:.2f}", _RIGHT),
            _item(f"{row.company_salary_fte:.2f}", _RIGHT),
        ]

    def total_texts(self) -> list[str]:
        """The total row as shown (for tests)."""
        last = self.table.rowCount() - 1
        items = [self.table.item(last, c) for c in range(self.table.columnCount())]
        return [item.text() if item is not None else "" for item in items]


class KindLegend(QWidget):
    """Colour swatches of the kinds, the open end and the today line, as the timeline draws
    them."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for kind in SecondmentKind:
            swatch = _Swatch(kind)
            swatch.setToolTip(kind_description(kind))
            layout.addWidget(swatch)
            label = QLabel(kind_label(kind))
            label.setToolTip(kind_description(kind))
            layout.addWidget(label)
            layout.addSpacing(8)
        layout.addWidget(QLabel(self.tr("▶ 期間の定めなし・期間外へ続く")))
        layout.addSpacing(8)
        today = QLabel(self.tr("｜今日"))
        today.setStyleSheet("color: #d32f2f; font-weight: bold;")
        layout.addWidget(today)


class _Swatch(QWidget):
    def __init__(self, kind: SecondmentKind) -> None:
        super().__init__()
        self._kind = kind
        self.setFixedSize(22, 12)

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(KIND_COLORS[self._kind])
        p.drawRoundedRect(self.rect(), 3, 3)
        p.end()
