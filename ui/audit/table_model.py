"""The audit log's table model: the paged model (ui/paged_model.py) over the core's count and
list of entries for the acting user (administrators and managers), newest first; only the
日時 column sorts (the log's order, in SQL)."""

from typing import Any

from PySide6.QtCore import QCoreApplication

from oneaqita.services.actor import Actor
from oneaqita.services.audit_queries import (
    AuditFilter,
    AuditRow,
    AuditSort,
    count_audit_entries,
    list_audit_entries,
)
from oneaqita.services.database import Database
from ui.audit.labels import action_text, entity_text, local_time_text
from ui.paged_model import Column, PagedTableModel

translate = QCoreApplication.translate

COLUMNS: list[Column[AuditRow]] = [
    Column(
        lambda: translate("AuditColumns", "日時"),
        AuditSort.AT,
        lambda r: local_time_text(r.at),
        lambda: "2026/03/31 23:59:59",
    ),
    Column(
        lambda: translate("AuditColumns", "ユーザー"),
        None,
        lambda r: r.actor,
        lambda: "coordinator01",
    ),
    Column(
        lambda: translate("AuditColumns", "操作"),
        None,
        lambda r: action_text(r.action),
        lambda: "状態の変更",
        centered=True,
    ),
    Column(
        lambda: translate("AuditColumns", "対象"),
        None,
        lambda r: entity_text(r.entity),
        lambda: "持株（株主名簿）",
    ),
    Column(
        lambda: translate("AuditColumns", "ID"),
        None,
        lambda r: "" if r.entity_id is None else str(r.entity_id),
        lambda: "1234567",
    ),
]


class AuditTableModel(PagedTableModel[AuditFilter, AuditRow]):
    columns = COLUMNS
    filter_type = AuditFilter

    def __init__(self, db: Database, actor: Actor, parent: Any = None) -> None:
        super().__init__(db, parent)

        def count(db: Database, flt: AuditFilter) -> int:
            return count_audit_entries(db, actor, flt)

        def rows(db: Database, flt: AuditFilter, offset: int, limit: int) -> list[AuditRow]:
            return list_audit_entries(db, actor, flt, offset, limit)

        self.count_rows = count
        self.list_rows = rows
