"""The row of filters above the audit log: user, table (in Japanese), record id (once a
table is chosen: ids are per table), from and to dates (local days, both included), the text
in before or after (after a short pause), and the count."""

from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from PySide6.QtCore import QDate, QRegularExpression
from PySide6.QtGui import QRegularExpressionValidator
from PySide6.QtWidgets import QDateEdit, QLabel, QLineEdit, QWidget

from oneaqita.services.audit_queries import AuditUser
from oneaqita.services.changes import Entity
from ui.audit.labels import entity_text
from ui.filter_bar_base import FilterBar

NO_DATE = QDate(2000, 1, 1)  # the date edits' "none" (shown as 指定なし)
MAX_ID = 2**31 - 1


def local_day_start(day: date) -> datetime:
    """The instant (UTC) a local day begins."""
    return datetime.combine(day, time()).astimezone(UTC)


class AuditFilterBar(FilterBar):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.user_combo = self._choice_combo(self.tr("すべてのユーザー"), 10)
        self.entity_combo = self._choice_combo(self.tr("すべての対象"), 10)
        for entity in sorted(Entity, key=entity_text):
            self.entity_combo.addItem(entity_text(entity), str(entity))
        self.id_edit = QLineEdit()
        self.id_edit.setPlaceholderText(self.tr("ID"))
        self.id_edit.setToolTip(self.tr("対象を選ぶと、そのレコードの ID で絞り込めます"))
        self.id_edit.setValidator(
            QRegularExpressionValidator(QRegularExpression(r"[0-9]{0,10}"), self.id_edit)
        )
        self.id_edit.setMaximumWidth(90)
        self.id_edit.setEnabled(False)
        self.id_edit.textChanged.connect(self._search_timer.start)
        self.id_edit.returnPressed.connect(self.apply_search_now)
        self.entity_combo.currentIndexChanged.connect(self._entity_changed)
        self.from_edit = self._date_edit(self.tr("この日から（その日を含む）"))
        self.to_edit = self._date_edit(self.tr("この日まで（その日を含む）"))

        self.search_edit.setPlaceholderText(self.tr("変更前・変更後の値で検索"))
        self.search_edit.setToolTip(
            self.tr("ユーザー・対象・期間でも絞ると、すぐに見つかります（ログ全体では数秒）")
        )
        self.search_edit.setMinimumWidth(160)
        self.count_label.setMinimumWidth(80)
        self._lay_out(
            QLabel(self.tr("ユーザー")),
            self.user_combo,
            QLabel(self.tr("対象")),
            self.entity_combo,
            self.id_edit,
            QLabel(self.tr("期間")),
            self.from_edit,
            QLabel("〜"),
            self.to_edit,
        )

    def _date_edit(self, tooltip: str) -> QDateEdit:
        edit = QDateEdit()
        edit.setCalendarPopup(True)
        edit.setDisplayFormat("yyyy/MM/dd")
        edit.setMinimumDate(NO_DATE)
        edit.setSpecialValueText(self.tr("指定なし"))
        edit.setDate(NO_DATE)
        edit.setToolTip(tooltip)
        edit.dateChanged.connect(self.changed)
        return edit

    def _entity_changed(self) -> None:
        chosen = self.entity_combo.currentData() is not None
        self.id_edit.setEnabled(chosen)
        if not chosen and self.id_edit.text():
            self.id_edit.blockSignals(True)
            self.id_edit.clear()
            self.id_edit.blockSignals(False)

    # -- values --------------------------------------------------------------------------
    @staticmethod
    def _day(edit: QDateEdit) -> date | None:
        chosen = edit.date()
        return None if chosen == NO_DATE else date(chosen.year(), chosen.month(), chosen.day())

    def values(self) -> dict[str, Any]:
        user, entity = self.user_combo.currentData(), self.entity_combo.currentData()
        typed = self.id_edit.text().strip()
        record = int(typed) if typed.isdigit() and entity is not None else None
        since, until = self._day(self.from_edit), self._day(self.to_edit)
        return {
            **super().values(),
            "user_id": int(user) if user is not None else None,
            "entity": str(entity) if entity is not None else None,
            "entity_id": record if record is None or record <= MAX_ID else -1,  # none has it
            "since": local_day_start(since) if since else None,
            "until": local_day_start(until + timedelta(days=1)) if until else None,
        }

    def set_users(self, users: list[AuditUser]) -> None:
        self._refill(self.user_combo, [(u.id, u.login, u.display_name) for u in users])

    def set_record(self, entity: str, entity_id: int | None) -> None:
        """Shows one record's history (another page asked), without announcing a change."""
        self.blockSignals(True)
        try:
            self._choose(self.entity_combo, entity)
            self._entity_changed()
            self.id_edit.setText("" if entity_id is None else str(entity_id))
            self._search_timer.stop()
        finally:
            self.blockSignals(False)

    # -- count ---------------------------------------------------------------------------
    def count_text(self, count: int) -> str:
        return self.tr("{count} 件").format(count=f"{count:,}")
