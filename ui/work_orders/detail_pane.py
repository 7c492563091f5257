"""The selected work order beside the list: its fields, the moves its status allows and the
user's role may make (each opens ui/work_orders/move_dialog.py), its findings
(ui/work_orders/findings_box.py), assets and history.

The history lists every move: when, who, from where to where, then what the move recorded (the
actual start, the actual end, the 検収日 and the client's reference, read from the order: each
of those moves happens once) and its note, in one column that fits the pane (the whole of it in
the cell's tooltip)."""

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QGroupBox, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from oneaqita.models import WorkOrderStatus
from oneaqita.services.actor import Actor
from oneaqita.services.finding_queries import FindingLine
from oneaqita.services.work_order_queries import WorkOrderDetail
from oneaqita.services.work_orders import allowed_moves
from ui.detail_fields import ReadOnlyTable, field_grid, placeholder_stack
from ui.labels import (
    asset_kind_label,
    date_text,
    datetime_text,
    move_label,
    priority_label,
    status_label,
    work_type_name,
)
from ui.work_orders.findings_box import FindingsBox


def _span(start: str, end: str) -> str:
    return f"{start} 〜 {end}" if start or end else "—"


class WorkOrderDetailPane(QWidget):
    move_requested = Signal(object)  # the WorkOrderStatus to move to

    def __init__(self, actor: Actor | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        # Moves are offered only to roles that may make them (the service checks again).
        self._actor = actor
        self.detail: WorkOrderDetail | None = None
        self._stack, self.placeholder = placeholder_stack(
            self, self.tr("一覧から作業を選んでください。"), self._build_content()
        )

    def _build_content(self) -> QWidget:
        content = QWidget()
        self.heading = QLabel()
        self.heading.setObjectName("detailHeading")
        self.heading.setWordWrap(True)
        self.heading.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        fields, self.values = field_grid(
            [
                ("client", self.tr("委託者")),
                ("contract", self.tr("契約")),
                ("type", self.tr("作業種別")),
                ("status", self.tr("状態")),
                ("priority", self.tr("優先度")),
                ("planned", self.tr("予定")),
                ("actual", self.tr("実績")),
                ("accepted", self.tr("検収")),
                ("assignees", self.tr("担当者")),
                ("findings", self.tr("所見")),
                ("note", self.tr("備考")),
            ]
        )

        self.moves_box = QGroupBox(self.tr("状態の変更"))
        self.moves_layout = QHBoxLayout(self.moves_box)
        self.no_moves_label = QLabel(self.tr("この状態からは変更できません。"))
        self.no_moves_label.setEnabled(False)
        self.moves_layout.addWidget(self.no_moves_label)
        self.moves_layout.addStretch(1)
        self.move_buttons: dict[WorkOrderStatus, QPushButton] = {}

        self.findings_box = FindingsBox(self._actor)

        self.assets_box = QGroupBox(self.tr("対象施設"))
        self.assets_table = ReadOnlyTable(
            [self.tr("施設コード"), self.tr("種別"), self.tr("処理区"), self.tr("設置年度")],
            ["052019-P-000000", "ポンプ場", "南外地区", "2000"],
        )
        QVBoxLayout(self.assets_box).addWidget(self.assets_table)
        self.history_box = QGroupBox(self.tr("状態の履歴"))
        self.history_table = ReadOnlyTable(
            [self.tr("日時"), self.tr("実施者"), self.tr("変更"), self.tr("記録・メモ")],
            ["2025/04/01 00:00", "佐藤 花子", "起票 → 計画", "実績終了日 2025/04/01"],
        )
        QVBoxLayout(self.history_box).addWidget(self.history_table)

        layout = QVBoxLayout(content)
        layout.setContentsMargins(8, 0, 0, 0)
        layout.addWidget(self.heading)
        layout.addLayout(fields)
        layout.addWidget(self.moves_box)
        layout.addWidget(self.findings_box, 1)
        layout.addWidget(self.assets_box, 1)
        layout.addWidget(self.history_box, 1)
        return content

    def clear(self) -> None:
        self.detail = None
        self._stack.setCurrentIndex(0)

    def show_detail(self, detail: WorkOrderDetail) -> None:
        self.detail = detail
        row = detail.row
        self.heading.setText(f"{row.number}  {row.title}")
        v = self.values
        v["client"].setText(row.client_name)
        v["contract"].setText(f"{row.contract_number}  {detail.contract_title}")
        v["type"].setText(work_type_name(row.type_name_ja, row.type_name_en))
        v["status"].setText(status_label(row.status))
        v["priority"].setText(priority_label(row.priority))
        v["planned"].setText(_span(date_text(row.planned_start), date_text(row.planned_end)))
        v["actual"].setText(_span(date_text(detail.actual_start), date_text(detail.actual_end)))
        v["accepted"].setText(self._acceptance_text(detail) or "—")
        v["assignees"].setText(row.assignees or "—")
        v["findings"].setText(self.tr("{count} 件").format(count=detail.findings_count))
        v["note"].setText(detail.note or "—")
        self._show_moves(row.status)
        self.assets_box.setTitle(self.tr("対象施設 ({count})").format(count=len(detail.assets)))
        self.assets_table.fill(
            [
                [
                    a.code,
                    asset_kind_label(a.kind),
                    a.district or "",
                    str(a.installed_year) if a.installed_year else "",
                ]
                for a in detail.assets
            ],
        )
        self.history_table.fill(
            [
                [
                    datetime_text(e.at),
                    e.who,
                    self._move_text(e.from_status, e.to_status),
                    " — ".join(t for t in (self._recorded_text(detail, e.to_status), e.note) if t),
                ]
                for e in detail.events
            ],
        )
        for row_index, event in enumerate(detail.events):  # the whole of a long note
            item = self.history_table.item(row_index, 3)
            recorded = self._recorded_text(detail, event.to_status)
            if item is not None:
                item.setToolTip("\n".join(t for t in (recorded, event.note) if t))
        self._stack.setCurrentIndex(1)

    def show_findings(self, lines: list[FindingLine]) -> None:
        """The findings of the order shown (read with it, after show_detail)."""
        self.findings_box.show_findings(self.detail, lines)
        self.values["findings"].setText(self.tr("{count} 件").format(count=len(lines)))

    def _acceptance_text(self, detail: WorkOrderDetail) -> str:
        if detail.accepted_on is None:
            return ""
        text = self.tr("検収日 {day}").format(day=date_text(detail.accepted_on))
        if detail.acceptance_ref:
            text += self.tr("　検収番号 {ref}").format(ref=detail.acceptance_ref)
        return text

    def _recorded_text(self, detail: WorkOrderDetail, to_status: WorkOrderStatus) -> str:
        """What the move to `to_status` recorded on the order."""
        if to_status is WorkOrderStatus.IN_PROGRESS and detail.actual_start:
            return self.tr("実績開始日 {day}").format(day=date_text(detail.actual_start))
        if to_status is WorkOrderStatus.COMPLETED and detail.actual_end:
            return self.tr("実績終了日 {day}").format(day=date_text(detail.actual_end))
        if to_status is WorkOrderStatus.ACCEPTED:
            return self._acceptance_text(detail)
        return ""

    def _move_text(self, from_status: WorkOrderStatus | None, to_status: WorkOrderStatus) -> str:
        if from_status is None:
            return self.tr("{to}で作成").format(to=status_label(to_status))
        return f"{status_label(from_status)} → {status_label(to_status)}"

    def _show_moves(self, status: WorkOrderStatus) -> None:
        for button in self.move_buttons.values():
            self.moves_layout.removeWidget(button)
            button.deleteLater()
        self.move_buttons.clear()
        moves = allowed_moves(status, self._actor)
        for to_status in moves:
            button = QPushButton(move_label(to_status))
            if to_status is WorkOrderStatus.CANCELLED:
                button.setObjectName("cancelMove")
            button.clicked.connect(lambda _=False, s=to_status: self.move_requested.emit(s))
            self.moves_layout.insertWidget(self.moves_layout.count() - 1, button)
            self.move_buttons[to_status] = button
        self.no_moves_label.setVisible(not moves)
