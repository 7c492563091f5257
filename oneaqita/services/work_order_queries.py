"""Reading work orders for lists and detail panes: filtered, sorted and paged in SQL."""

from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum
from typing import Any, TypeVar

from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session

from oneaqita.errors import NotFound
from oneaqita.models import (
    Asset,
    Contract,
    Organization,
    Person,
    User,
    WorkOrder,
    WorkOrderEvent,
    WorkOrderStatus,
    WorkOrderType,
    work_order_assets,
    work_order_assignees,
)
from oneaqita.search import matching_ids_clause
from oneaqita.services.database import Database


class WorkOrderSort(StrEnum):
    NUMBER = "number"
    CLIENT = "client"
    CONTRACT = "contract"
    TYPE = "type"
    STATUS = "status"
    PRIORITY = "priority"
    PLANNED_START = "planned_start"
    PLANNED_END = "planned_end"
    ASSIGNEES = "assignees"


@dataclass(frozen=True)
class WorkOrderFilter:
    text: str = ""
    client_id: int | None = None
    statuses: frozenset[WorkOrderStatus] = field(default_factory=frozenset)
    sort: WorkOrderSort = WorkOrderSort.PLANNED_START
    descending: bool = True


@dataclass(frozen=True, slots=True)
class WorkOrderRow:
    id: int
    number: str
    title: str
    client_name: str
    contract_number: str
    type: WorkOrderType
    status: WorkOrderStatus
    priority: int
    planned_start: date | None
    planned_end: date | None
    assignees: str


@dataclass(frozen=True, slots=True)
class AssetLine:
    code: str
    kind: str
    district: str | None
    installed_year: int | None


@dataclass(frozen=True, slots=True)
class EventLine:
    at: datetime
    who: str
    from_status: WorkOrderStatus | None
    to_status: WorkOrderStatus
    note: str | None


@dataclass(frozen=True)
class WorkOrderDetail:
    row: WorkOrderRow
    version: int
    contract_title: str
    actual_start: date | None
    actual_end: date | None
    note: str | None
    assets: list[AssetLine]
    events: list[EventLine]
    findings_count: int


def _first_assignee() -> object:
    return (
        select(func.min(Person.name))
        .join(work_order_assignees, work_order_assignees.c.person_id == Person.id)
        .where(work_order_assignees.c.work_order_id == WorkOrder.id)
        .correlate(WorkOrder)
        .scalar_subquery()
    )


def _sort_column(sort: WorkOrderSort) -> object:
    return {
        WorkOrderSort.NUMBER: WorkOrder.number,
        WorkOrderSort.CLIENT: Organization.code,
        WorkOrderSort.CONTRACT: Contract.number,
        WorkOrderSort.TYPE: WorkOrder.type,
        WorkOrderSort.STATUS: WorkOrder.status,
        WorkOrderSort.PRIORITY: WorkOrder.priority,
        WorkOrderSort.PLANNED_START: WorkOrder.planned_start,
        WorkOrderSort.PLANNED_END: WorkOrder.planned_end,
        WorkOrderSort.ASSIGNEES: _first_assignee(),
    }[sort]


AnySelect = Select[*tuple[Any, ...]]
Q = TypeVar("Q", bound=AnySelect)


def _filtered(stmt: Q, flt: WorkOrderFilter, dialect: str) -> Q:
    if flt.client_id is not None:
        stmt = stmt.where(Contract.client_id == flt.client_id)
    if flt.statuses:
        stmt = stmt.where(WorkOrder.status.in_(sorted(flt.statuses)))
    text_clause = matching_ids_clause(dialect, flt.text, WorkOrder.id)
    if text_clause is not None:
        stmt = stmt.where(text_clause)
    return stmt


def _joined(stmt: Q) -> Q:
    return stmt.join(Contract, Contract.id == WorkOrder.contract_id).join(
        Organization, Organization.id == Contract.client_id
    )


def count_work_orders(db: Database, flt: WorkOrderFilter) -> int:
    stmt = _filtered(_joined(select(func.count(WorkOrder.id))), flt, db.dialect)
    with db.read() as session:
        return int(session.scalar(stmt) or 0)


def _assignee_names(session: Session, ids: list[int]) -> dict[int, str]:
    names: dict[int, list[str]] = {}
    rows = session.execute(
        select(work_order_assignees.c.work_order_id, Person.name)
        .join(Person, Person.id == work_order_assignees.c.person_id)
        .where(work_order_assignees.c.work_order_id.in_(ids))
        .order_by(work_order_assignees.c.work_order_id, Person.name)
    )
    for wid, name in rows:
        names.setdefault(wid, []).append(name)
    return {wid: "、".join(v) for wid, v in names.items()}


_ROW_COLUMNS = (
    WorkOrder.id,
    WorkOrder.number,
    WorkOrder.title,
    Organization.name_ja,
    Contract.number,
    WorkOrder.type,
    WorkOrder.status,
    WorkOrder.priority,
    WorkOrder.planned_start,
    WorkOrder.planned_end,
)

_ROW_FIELDS = [f for f in WorkOrderRow.__dataclass_fields__ if f != "assignees"]


def _rows(session: Session, stmt: AnySelect) -> list[WorkOrderRow]:
    raw = session.execute(stmt).all()
    names = _assignee_names(session, [r[0] for r in raw]) if raw else {}
    return [_row(tuple(r), names.get(r[0], "")) for r in raw]


def _row(values: tuple[Any, ...], assignees: str) -> WorkOrderRow:
    fields = dict(zip(_ROW_FIELDS, values, strict=True))
    return WorkOrderRow(**fields, assignees=assignees)


def list_work_orders(
    db: Database, flt: WorkOrderFilter, offset: int = 0, limit: int = 200
) -> list[WorkOrderRow]:
    """One page of the list, in the filter's order; ties broken by id so pages never overlap."""
    column = _sort_column(flt.sort)
    order = [column.desc() if flt.descending else column.asc()]  # type: ignore[attr-defined]
    order.append(WorkOrder.id.desc() if flt.descending else WorkOrder.id.asc())
    stmt = _filtered(_joined(select(*_ROW_COLUMNS)), flt, db.dialect)
    stmt = stmt.order_by(*order).offset(offset).limit(limit)
    with db.read() as session:
        return _rows(session, stmt)


def work_order_detail(db: Database, work_order_id: int) -> WorkOrderDetail:
    with db.read() as session:
        wo = session.get(WorkOrder, work_order_id)
        if wo is None:
            raise NotFound(
                f"作業 (id {work_order_id}) が見つかりません。",
                f"Work order {work_order_id} not found.",
            )
        row = _rows(session, _joined(select(*_ROW_COLUMNS)).where(WorkOrder.id == wo.id))[0]
        assets = session.execute(
            select(Asset.code, Asset.kind, Asset.district, Asset.installed_year)
            .join(work_order_assets, work_order_assets.c.asset_id == Asset.id)
            .where(work_order_assets.c.work_order_id == wo.id)
            .order_by(Asset.code)
        ).all()
        events = session.execute(
            select(
                WorkOrderEvent.at,
                func.coalesce(User.display_name, "system"),
                WorkOrderEvent.from_status,
                WorkOrderEvent.to_status,
                WorkOrderEvent.note,
            )
            .outerjoin(User, User.id == WorkOrderEvent.user_id)
            .where(WorkOrderEvent.work_order_id == wo.id)
            .order_by(WorkOrderEvent.at, WorkOrderEvent.id)
        ).all()
        return WorkOrderDetail(
            row=row,
            version=wo.version,
            contract_title=wo.contract.title,
            actual_start=wo.actual_start,
            actual_end=wo.actual_end,
            note=wo.note,
            assets=[AssetLine(*a) for a in assets],
            events=[EventLine(*e) for e in events],
            findings_count=len(wo.findings),
        )


def client_choices(db: Database) -> list[tuple[int, str, str]]:
    """(id, code, name) of every body that has given the company a contract, in code order."""
    stmt = (
        select(Organization.id, Organization.code, Organization.name_ja)
        .where(Organization.id.in_(select(Contract.client_id)))
        .order_by(Organization.code)
    )
    with db.read() as session:
        return [(i, c, n) for i, c, n in session.execute(stmt)]
