"""The selected contract beside the list: its data, its work orders' progress per fiscal year
(counts and share of the amount, as the core computes them: contract_queries), the hours
booked on it, and for a bulk order the contracts of its group side by side."""

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from oneaqita.models import WorkOrderStatus as S
from oneaqita.services.contract_queries import ContractCard, YearProgress
from ui.contracts.labels import (
    count_text,
    edit_roles_hint,
    fiscal_years_text,
    hours_text,
    percent_text,
    plan_roles_hint,
    unscheduled_text,
    yen_text,
)
from ui.detail_fields import field_grid, make_read_only, placeholder_stack
from ui.labels import date_text, status_label
from ui.staffing.labels import fiscal_year_text

_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
# The columns of the progress table, in the order of the job cycle (cancelled in the note).
SHOWN_STATUSES = (S.PLANNED, S.IN_PROGRESS, S.COMPLETED, S.ACCEPTED, S.DRAFT)


def read_only_table(headers: list[str]) -> QTableWidget:
    table = QTableWidget(0, len(headers))
    table.setHorizontalHeaderLabels(headers)
    make_read_only(table)
    table.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    table.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    return table


def fill_table(table: QTableWidget, rows: list[list[str]], bold_rows: set[int]) -> None:
    table.setRowCount(len(rows))
    bold = QFont(table.font())
    bold.setBold(True)
    for r, values in enumerate(rows):
        for c, text in enumerate(values):
            item = QTableWidgetItem(text)
            if c > 0:
                item.setTextAlignment(_RIGHT)
            if r in bold_rows:
                item.setFont(bold)
            table.setItem(r, c, item)
    table.resizeColumnsToContents()
    table.resizeRowsToContents()
    for column in range(table.columnCount()):
        table.setColumnWidth(column, table.columnWidth(column) + 8)
    # Tall enough for every row: the card scrolls as a whole, never a table inside it.
    height = table.horizontalHeader().height() + 2 * table.frameWidth()
    height += sum(table.rowHeight(r) for r in range(table.rowCount()))
    table.setFixedHeight(height + 2)


def _cell(year: YearProgress, status: S) -> str:
    """「2 件 · 33.33 %」 over 「333,333円」."""
    count = year.counts[status]
    if count == 0:
        return "—"
    pct = percent_text(year.share_pct[status])
    return f"{count_text(count)} · {pct}\n{yen_text(year.share_yen[status])}"


class ContractCardPane(QWidget):
    edit_requested = Signal()
    plan_requested = Signal()

    def __init__(
        self, may_edit: bool, parent: QWidget | None = None, *, may_plan: bool = False
    ) -> None:
        super().__init__(parent)
        self._may_edit = may_edit
        self._may_plan = may_plan
        self.card: ContractCard | None = None
        self._stack, self.placeholder = placeholder_stack(
            self, self.tr("一覧から契約を選んでください。"), self._build_scroll()
        )

    def _build_scroll(self) -> QWidget:
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(self._build_content())
        return scroll

    def _build_content(self) -> QWidget:
        content = QWidget()
        self.heading = QLabel()
        self.heading.setObjectName("detailHeading")
        self.heading.setWordWrap(True)
        self.heading.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.edit_button = QPushButton(self.tr("編集…"))
        self.edit_button.setToolTip(self.tr("契約を編集します (Enter)"))
        self.edit_button.clicked.connect(self.edit_requested)
        if not self._may_edit:
            self.edit_button.setEnabled(False)
            self.edit_button.setToolTip(edit_roles_hint())
        self.plan_button = QPushButton(self.tr("点検計画…"))
        self.plan_button.setToolTip(
            self.tr("契約の年度にわたる点検作業を、試算してから一括で作成します")
        )
        self.plan_button.clicked.connect(self.plan_requested)
        if not self._may_plan:
            self.plan_button.setEnabled(False)
            self.plan_button.setToolTip(plan_roles_hint())
        top = QHBoxLayout()
        top.addWidget(self.heading, 1)
        top.addWidget(self.plan_button, 0, Qt.AlignmentFlag.AlignTop)
        top.addWidget(self.edit_button, 0, Qt.AlignmentFlag.AlignTop)
        fields, self.values = field_grid(
            [
                ("number", self.tr("契約番号")),
                ("client", self.tr("委託者")),
                ("kind", self.tr("業務種別")),
                ("period", self.tr("契約期間")),
                ("years", self.tr("年度")),
                ("amount", self.tr("契約金額")),
                ("group", self.tr("一括発注")),
            ]
        )

        self.progress_box = QGroupBox(self.tr("作業の進捗（年度別）"))
        headers = [self.tr("年度")] + [status_label(s) for s in SHOWN_STATUSES]
        self.progress_table = read_only_table(headers)
        self.progress_note = QLabel()
        self.progress_note.setObjectName("fieldCaption")
        self.progress_note.setWordWrap(True)
        self.no_orders_label = QLabel(self.tr("この契約の作業指示はまだありません。"))
        self.no_orders_label.setEnabled(False)
        box = QVBoxLayout(self.progress_box)
        box.addWidget(self.progress_table)
        box.addWidget(self.no_orders_label)
        box.addWidget(self.progress_note)

        self.hours_box = QGroupBox(self.tr("工数（年度別）"))
        self.hours_table = read_only_table(
            [self.tr("年度"), self.tr("工数"), self.tr("うち承認済")]
        )
        self.no_hours_label = QLabel(self.tr("この契約の工数はまだ記録されていません。"))
        self.no_hours_label.setEnabled(False)
        box = QVBoxLayout(self.hours_box)
        box.addWidget(self.hours_table)
        box.addWidget(self.no_hours_label)

        self.group_box = QGroupBox()
        self.group_table = read_only_table(
            [self.tr("契約番号"), self.tr("委託者"), self.tr("契約金額"), self.tr("進捗")]
        )
        box = QVBoxLayout(self.group_box)
        box.addWidget(self.group_table)

        layout = QVBoxLayout(content)
        layout.setContentsMargins(8, 0, 8, 0)
        layout.addLayout(top)
        layout.addLayout(fields)
        layout.addWidget(self.progress_box)
        layout.addWidget(self.hours_box)
        layout.addWidget(self.group_box)
        layout.addStretch(1)
        return content

    # -- showing -------------------------------------------------------------------------
    def clear(self) -> None:
        self.card = None
        self._stack.setCurrentIndex(0)

    def show_card(self, card: ContractCard) -> None:
        self.card = card
        row = card.row
        self.heading.setText(row.title)
        v = self.values
        v["number"].setText(row.number)
        v["client"].setText(f"{row.client_name}（{row.client_code}）")
        v["kind"].setText(row.kind or "—")
        v["period"].setText(f"{date_text(row.start)} 〜 {date_text(row.end)}")
        v["years"].setText(fiscal_years_text(row))
        v["amount"].setText(yen_text(row.amount_yen))
        v["group"].setText(row.bulk_group or "—")
        self._show_progress(card)
        self._show_hours(card)
        self._show_group(card)
        self._stack.setCurrentIndex(1)

    def _show_progress(self, card: ContractCard) -> None:
        rows = [
            [fiscal_year_text(y.fiscal_year) if y.fiscal_year is not None else unscheduled_text()]
            + [_cell(y, s) for s in SHOWN_STATUSES]
            for y in card.years
        ]
        if len(card.years) > 1:
            rows.append([self.tr("合計")] + [_cell(card.whole, s) for s in SHOWN_STATUSES])
        fill_table(self.progress_table, rows, {len(rows) - 1} if len(card.years) > 1 else set())
        self.progress_table.setVisible(bool(rows))
        self.no_orders_label.setVisible(not rows)
        cancelled = card.whole.counts[S.CANCELLED]
        note = self.tr(
            "金額の割合: 契約金額を中止以外の作業 {live} 件で均等に按分（円未満切り捨て）。"
        ).format(live=f"{card.live_orders:,}")
        if cancelled:
            note += self.tr(" 中止 {count} 件は按分に含めません。").format(count=f"{cancelled:,}")
        self.progress_note.setText(note)
        self.progress_note.setVisible(bool(rows))

    def _show_hours(self, card: ContractCard) -> None:
        rows = [
            [fiscal_year_text(h.fiscal_year), hours_text(h.minutes), hours_text(h.approved_minutes)]
            for h in card.hours
        ]
        if len(card.hours) > 1:
            total = sum(h.minutes for h in card.hours)
            approved = sum(h.approved_minutes for h in card.hours)
            rows.append([self.tr("合計"), hours_text(total), hours_text(approved)])
        fill_table(self.hours_table, rows, {len(rows) - 1} if len(card.hours) > 1 else set())
        self.hours_table.setVisible(bool(rows))
        self.no_hours_label.setVisible(not rows)

    def _show_group(self, card: ContractCard) -> None:
        self.group_box.setVisible(bool(card.group))
        if not card.group:
            return
        self.group_box.setTitle(
            self.tr("一括発注グループ「{group}」の契約 ({count})").format(
                group=card.row.bulk_group, count=len(card.group)
            )
        )
        rows = [
            [
                g.number,
                g.client_name,
                yen_text(g.amount_yen),
                self.tr("{done}/{live} 件 · {pct}").format(
                    done=f"{g.done_orders:,}",
                    live=f"{g.live_orders:,}",
                    pct=percent_text(g.progress_pct),
                ),
            ]
            for g in card.group
        ]
        own = {i for i, g in enumerate(card.group) if g.id == card.row.id}
        fill_table(self.group_table, rows, own)
        # The client's name is text: left-aligned as in the list.
        for r in range(self.group_table.rowCount()):
            item = self.group_table.item(r, 1)
            item.setTextAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        self.group_table.setToolTip(self.tr("進捗: 完了・検収済の作業 / 中止以外の作業"))

    def set_editable(self, editable: bool) -> None:
        """While a dialog is open the buttons wait; without the role they stay off."""
        self.edit_button.setEnabled(self._may_edit and editable)
        self.plan_button.setEnabled(self._may_plan and editable)
