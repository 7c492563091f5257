"""The row of filters above the work-order list: client body, work type (the catalogue, the
types no longer in use too: old orders have them), status, the orders needing attention
(overdue, or holding a finding of 緊急度 I not yet acted on:
oneaqita/services/work_order_attention.py), free text, count."""

from datetime import date
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QMouseEvent
from PySide6.QtWidgets import QLabel, QMenu, QPushButton, QWidget

from oneaqita.models import WorkOrderStatus
from oneaqita.services.work_order_queries import WorkOrderFilter
from oneaqita.services.work_types import WorkTypeRow
from ui.filter_bar_base import FilterBar
from ui.labels import status_label, ui_language

OVERDUE, URGENT = "overdue", "urgent"


class StayOpenMenu(QMenu):
    """Ticking several statuses should not need the menu reopened for each one."""

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        action = self.activeAction()
        if action is not None and action.isCheckable() and action.isEnabled():
            action.trigger()
            return
        super().mouseReleaseEvent(event)


class WorkOrderFilterBar(FilterBar):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.client_combo = self._choice_combo(self.tr("すべての委託者"), 10)
        self.type_combo = self._choice_combo(self.tr("すべての作業種別"), 10)

        self.status_button = QPushButton()
        self.status_menu = StayOpenMenu(self.status_button)
        self.status_actions: dict[WorkOrderStatus, QAction] = {}
        all_action = self.status_menu.addAction(self.tr("すべての状態"))
        all_action.triggered.connect(self.clear_statuses)
        self.status_menu.addSeparator()
        for status in WorkOrderStatus:
            action = self.status_menu.addAction(status_label(status))
            action.setCheckable(True)
            action.toggled.connect(self._statuses_toggled)
            self.status_actions[status] = action
        self.status_button.setMenu(self.status_menu)
        self._update_status_text()
        self.attention_combo = self._choice_combo(self.tr("注意: すべて"), 8)
        self.attention_combo.addItem(self.tr("期限超過"), OVERDUE)
        self.attention_combo.addItem(self.tr("緊急度I 未対応"), URGENT)
        self.attention_combo.setItemData(
            1, self.tr("完了予定日を過ぎた未完了の作業"), Qt.ItemDataRole.ToolTipRole
        )
        self.attention_combo.setItemData(
            2,
            self.tr("緊急度Iの所見があり、その施設の後続の作業がまだない作業"),
            Qt.ItemDataRole.ToolTipRole,
        )
        self.today: date | None = None  # the day "overdue" counts from; None: the clock's

        self.search_edit.setPlaceholderText(self.tr("作業番号・件名・委託者・担当者で検索"))
        self.search_edit.setMinimumWidth(280)
        self.count_label.setMinimumWidth(110)
        self._lay_out(
            QLabel(self.tr("委託者")),
            self.client_combo,
            self.type_combo,
            self.status_button,
            self.attention_combo,
        )
        # The editor's commands (the page hides them from those who may not edit orders).
        self.new_button = QPushButton(self.tr("新規作業…"))
        self.new_button.setToolTip(self.tr("作業指示を登録します (Ctrl+N)"))
        self.edit_button = QPushButton(self.tr("編集…"))
        self.edit_button.setToolTip(self.tr("選んだ作業指示を編集します (Enter・ダブルクリック)"))
        self.duplicate_button = QPushButton(self.tr("複製"))
        self.duplicate_button.setToolTip(
            self.tr("選んだ作業指示を新しい起票として複製します (Ctrl+D)")
        )
        # Every reader may print the sheet.
        self.sheet_button = QPushButton(self.tr("作業指示書…"))
        self.sheet_button.setToolTip(
            self.tr("選んだ作業指示の作業指示書を表示し、印刷・保存します (Ctrl+P)")
        )
        buttons = (self.new_button, self.edit_button, self.duplicate_button, self.sheet_button)
        for button in buttons:
            button.setAutoDefault(False)
            self.layout().addWidget(button)

    # -- values --------------------------------------------------------------------------
    def values(self) -> dict[str, Any]:
        return {
            **super().values(),
            "client_id": self.client_id(),
            "type": self.work_type(),
            "statuses": self.statuses(),
            "overdue_on": self.overdue_on(),
            "urgent_findings": self.attention_combo.currentData() == URGENT,
        }

    def overdue_on(self) -> date | None:
        if self.attention_combo.currentData() != OVERDUE:
            return None
        return self.today or date.today()

    def set_filter(self, flt: WorkOrderFilter) -> None:
        """Shows `flt` (a page asking for a filtered list), without announcing a change."""
        self.blockSignals(True)
        try:
            self.set_text(flt.text)
            self._choose(self.client_combo, flt.client_id)
            self._choose(self.type_combo, flt.type)
            self.set_statuses(flt.statuses)
            if flt.overdue_on is not None:
                self.today = flt.overdue_on
            attention = OVERDUE if flt.overdue_on else URGENT if flt.urgent_findings else None
            self._choose(self.attention_combo, attention)
        finally:
            self.blockSignals(False)

    def work_type(self) -> str | None:
        data = self.type_combo.currentData()
        return str(data) if data is not None else None

    def set_work_types(self, rows: list[WorkTypeRow]) -> None:
        """Refills the work types (the catalogue's order), keeping the chosen one if it is
        still there; a type no longer in use is marked so."""
        language = ui_language()
        self._refill(
            self.type_combo,
            [
                (
                    r.code,
                    r.name(language)
                    if r.active
                    else self.tr("{name} (無効)").format(name=r.name(language)),
                    r.code,
                )
                for r in rows
            ],
        )

    def select_work_type(self, code: str | None) -> None:
        self.type_combo.setCurrentIndex(max(self.type_combo.findData(code), 0))

    def client_id(self) -> int | None:
        data = self.client_combo.currentData()
        return int(data) if data is not None else None

    def statuses(self) -> frozenset[WorkOrderStatus]:
        return frozenset(s for s, a in self.status_actions.items() if a.isChecked())

    def set_clients(self, choices: list[tuple[int, str, str]]) -> None:
        """Refills the client list, keeping the chosen body if it is still there."""
        self._refill(self.client_combo, [(i, name, code) for i, code, name in choices])

    def select_client(self, client_id: int | None) -> None:
        self.client_combo.setCurrentIndex(max(self.client_combo.findData(client_id), 0))

    def set_statuses(self, statuses: frozenset[WorkOrderStatus]) -> None:
        for status, action in self.status_actions.items():
            action.blockSignals(True)
            action.setChecked(status in statuses)
            action.blockSignals(False)
        self._statuses_toggled()

    def clear_statuses(self) -> None:
        self.set_statuses(frozenset())

    # -- count ---------------------------------------------------------------------------
    def count_text(self, count: int) -> str:
        return self.tr("{count} 件").format(count=f"{count:,}")

    # -- internals -----------------------------------------------------------------------
    def _statuses_toggled(self) -> None:
        self._update_status_text()
        self.changed.emit()

    def _update_status_text(self) -> None:
        chosen = [status_label(s) for s in WorkOrderStatus if self.status_actions[s].isChecked()]
        if not chosen:
            self.status_button.setText(self.tr("状態: すべて"))
        else:
            self.status_button.setText(self.tr("状態: {names}").format(names="・".join(chosen)))
