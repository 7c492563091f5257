"""Kind ``work-orders``: key ``number``; the contract by its number, the type by its catalogue
code or Japanese name (exports write the code), the status in English or Japanese (exports
write the Japanese word), assets and assignees as lists separated by ";" (codes, employee
numbers), any number of them in one cell (stored set-based). ``cost_reduction_yen /
コスト縮減額`` (beyond IMPORT-FORMAT.md's list: whole yen, only on 設計照査, 積算 and 工事監督
orders, services/cost_reduction.py) is the KPI's basis; a file without the column keeps the
stored amounts, an empty cell clears one.

The status rule (services/work_order_upserts.py): a new row may carry any status, recorded as
one history event; for a stored order a different status must be reachable by legal moves
(never back, nothing out of accepted or cancelled) or the row is refused naming both;
completed and accepted need the actual end (完了日). The 検収日 and its reference, the actual
start and the description are not in the format: a new order has none, a stored one keeps
them. Every other check is the work-order editor's (unknown contract, type, asset or
assignee, assignees not employed or seconded for the planned period)."""

from collections.abc import Collection, Iterator

from sqlalchemy import select
from sqlalchemy.orm import Session

from oneaqita.models import (
    Asset,
    Contract,
    Person,
    WorkOrder,
    WorkOrderStatus,
    work_order_assets,
    work_order_assignees,
)
from oneaqita.services.changes import Entity
from oneaqita.services.work_order_upserts import WorkOrderRecord, upsert_work_order
from oneaqita.transfer.columns import Column, KindSpec, choice, enum_ja, join_list, text_list
from oneaqita.values import parse_date, parse_int
from oneaqita.vocabulary import WORK_ORDER_STATUS_JA

_BATCH = 500
_COLUMNS = (
    WorkOrder.id,
    WorkOrder.number,
    WorkOrder.type,
    WorkOrder.title,
    WorkOrder.status,
    WorkOrder.priority,
    WorkOrder.planned_start,
    WorkOrder.planned_end,
    WorkOrder.actual_end,
    WorkOrder.cost_reduction_yen,
)


def _members(session: Session, ids: list[int]) -> tuple[dict[int, list[str]], dict[int, list[str]]]:
    """The asset codes and assignee numbers of these orders, each in order."""
    a, p = work_order_assets.c, work_order_assignees.c
    assets: dict[int, list[str]] = {}
    people: dict[int, list[str]] = {}
    for wo_id, code in session.execute(
        select(a.work_order_id, Asset.code)
        .join(Asset, Asset.id == a.asset_id)
        .where(a.work_order_id.in_(ids))
        .order_by(a.work_order_id, Asset.code)
    ):
        assets.setdefault(wo_id, []).append(code)
    for wo_id, number in session.execute(
        select(p.work_order_id, Person.employee_no)
        .join(Person, Person.id == p.person_id)
        .where(p.work_order_id.in_(ids))
        .order_by(p.work_order_id, Person.employee_no)
    ):
        people.setdefault(wo_id, []).append(number)
    return assets, people


def _records(session: Session, numbers: Collection[object] | None) -> Iterator[WorkOrderRecord]:
    """In number order, a batch of orders at a time with one query each for their assets and
    assignees (keyset pages: no cursor stays open while the others run)."""
    last = ""
    while True:
        query = (
            select(*_COLUMNS, Contract.number.label("contract"))
            .join(Contract, Contract.id == WorkOrder.contract_id)
            .where(WorkOrder.number > last)
            .order_by(WorkOrder.number)
            .limit(_BATCH)
        )
        if numbers is not None:
            query = query.where(WorkOrder.number.in_(numbers))
        rows = session.execute(query).all()
        if not rows:
            return
        assets, people = _members(session, [row.id for row in rows])
        for row in rows:
            values = row._asdict()
            wo_id = values.pop("id")
            yield WorkOrderRecord(
                **values,
                assets=tuple(assets.get(wo_id, ())),
                assignees=tuple(people.get(wo_id, ())),
            )
        last = rows[-1].number


SPEC = KindSpec(
    name="work-orders",
    name_ja="作業指示",
    record_type=WorkOrderRecord,
    columns=(
        Column("number", "作業番号", required=True, max_length=40),
        Column("contract", "契約番号", required=True, aliases=("contract_id",)),
        Column("title", "件名", max_length=200),
        Column("type", "作業種別", required=True),
        Column(
            "status",
            "状態",
            choice(WorkOrderStatus, WORK_ORDER_STATUS_JA, "状態", "work order status"),
            export=enum_ja(WORK_ORDER_STATUS_JA),
        ),
        Column("priority", "優先度", parse_int, stored=WorkOrder.priority),
        Column("planned_start", "予定開始日", parse_date),
        Column("planned_end", "予定終了日", parse_date),
        Column("actual_end", "完了日", parse_date),
        Column("assets", "対象施設", text_list, max_length=40, export=join_list),
        Column("assignees", "担当者", text_list, max_length=20, export=join_list),
        Column(
            "cost_reduction_yen", "コスト縮減額", parse_int, stored=WorkOrder.cost_reduction_yen
        ),
    ),
    key=("number",),
    upsert=upsert_work_order,
    records=_records,
    entity=Entity.WORK_ORDERS,
)
