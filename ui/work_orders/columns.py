"""The list's columns: header, the service's sort key, and how a row shows in it."""

from collections.abc import Iterable

from PySide6.QtCore import QCoreApplication

from oneaqita.models import WorkOrderStatus
from oneaqita.services.work_order_queries import WorkOrderRow, WorkOrderSort
from ui.labels import date_text, priority_label, status_label, work_type_name
from ui.paged_model import Column

translate = QCoreApplication.translate


def _longest(texts: Iterable[str]) -> str:
    return max(texts, key=len)


Sort = WorkOrderSort

COLUMNS: list[Column[WorkOrderRow]] = [
    Column(
        lambda: translate("WorkOrderColumns", "作業番号"),
        Sort.NUMBER,
        lambda r: r.number,
        lambda: "WO-2025-000000",
    ),
    Column(
        lambda: translate("WorkOrderColumns", "件名"),
        Sort.TITLE,
        lambda r: r.title,
        lambda: "八橋処理区 マンホール蓋修繕 (第13工区)",
    ),
    Column(
        lambda: translate("WorkOrderColumns", "委託者"),
        Sort.CLIENT,
        lambda r: r.client_name,
        lambda: "由利本荘市",
    ),
    Column(
        lambda: translate("WorkOrderColumns", "契約番号"),
        Sort.CONTRACT,
        lambda r: r.contract_number,
        lambda: "C-2024-0000",
    ),
    Column(
        lambda: translate("WorkOrderColumns", "作業種別"),
        Sort.TYPE,
        lambda r: work_type_name(r.type_name_ja, r.type_name_en),
        # The catalogue is data: sized for the longest shipped name, either language.
        lambda: work_type_name("ストックマネジメント計画策定", "Management strategy support"),
    ),
    Column(
        lambda: translate("WorkOrderColumns", "状態"),
        Sort.STATUS,
        lambda r: status_label(r.status),
        lambda: _longest(status_label(s) for s in WorkOrderStatus),
        centered=True,
    ),
    Column(
        lambda: translate("WorkOrderColumns", "優先度"),
        Sort.PRIORITY,
        lambda r: priority_label(r.priority),
        lambda: _longest(priority_label(p) for p in (1, 2, 3)),
        centered=True,
    ),
    Column(
        lambda: translate("WorkOrderColumns", "予定開始"),
        Sort.PLANNED_START,
        lambda r: date_text(r.planned_start),
        lambda: "2025/04/01",
        centered=True,
    ),
    Column(
        lambda: translate("WorkOrderColumns", "予定終了"),
        Sort.PLANNED_END,
        lambda r: date_text(r.planned_end),
        lambda: "2025/04/01",
        centered=True,
    ),
    Column(
        lambda: translate("WorkOrderColumns", "担当者"),
        Sort.ASSIGNEES,
        lambda r: r.assignees,
        lambda: "佐藤 花子、鈴木 一郎",
    ),
]


def column_of(sort: WorkOrderSort) -> int:
    return next(i for i, c in enumerate(COLUMNS) if c.sort is sort)
