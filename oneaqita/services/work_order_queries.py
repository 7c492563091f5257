"""Reading work orders for lists and detail panes: filtered, sorted and paged in SQL."""

from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum
from typing import Any, TypeVar

from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session

from oneaqita.errors import NotFound, ValidationError
from oneaqita.models import (
    Asset,
    Contract,
    Organization,
    User,
    WorkOrder,
    WorkOrderEvent,
    WorkOrderStatus,
    WorkType,
    work_order_assets,
)
from oneaqita.search import document_conditions, matching_ids_clause, search_documents
from oneaqita.search_strategy import count_and_remember, is_common, page_walks
from oneaqita.services.database import Database
from oneaqita.services.work_order_attention import is_overdue, unacted_urgent_findings
from oneaqita.values import quote


class WorkOrderSort(StrEnum):
    NUMBER = "number"
    TITLE = "title"
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
    type: str | None = None  # a work type's code
    # Orders needing attention (services/work_order_attention.py): overdue on that day, and
    # those holding a finding of 緊急度 I not yet acted on.
    overdue_on: date | None = None
    urgent_findings: bool = False
    sort: WorkOrderSort = WorkOrderSort.PLANNED_START
    descending: bool = True


@dataclass(frozen=True, slots=True)
class WorkOrderRow:
    id: int
    number: str
    title: str
    client_name: str
    client_name_en: str | None
    contract_number: str
    type: str  # the work type's code
    type_name_ja: str
    type_name_en: str
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
    accepted_on: date | None = None  # the client's 検収日, once accepted
    acceptance_ref: str | None = None


def _sort_column(sort: WorkOrderSort) -> Any:
    return {
        WorkOrderSort.NUMBER: WorkOrder.number,
        WorkOrderSort.TITLE: WorkOrder.title,
        WorkOrderSort.CLIENT: WorkOrder.client_code,
        WorkOrderSort.CONTRACT: WorkOrder.contract_number,
        WorkOrderSort.TYPE: WorkOrder.type,
        WorkOrderSort.STATUS: WorkOrder.status,
        WorkOrderSort.PRIORITY: WorkOrder.priority,
        WorkOrderSort.PLANNED_START: WorkOrder.planned_start,
        WorkOrderSort.PLANNED_END: WorkOrder.planned_end,
        WorkOrderSort.ASSIGNEES: WorkOrder.assignee_names,
    }[sort]


AnySelect = Select[*tuple[Any, ...]]
Q = TypeVar("Q", bound=AnySelect)


def _filtered(stmt: Q, flt: WorkOrderFilter, dialect: str, walk: bool = False) -> Q:
    # Filters stay on work_orders alone (no joins), so counting and paging walk its indexes.
    if flt.client_id is not None:
        stmt = stmt.where(
            WorkOrder.contract_id.in_(
                select(Contract.id).where(Contract.client_id == flt.client_id)
            )
        )
    if flt.statuses:
        stmt = stmt.where(WorkOrder.status.in_(sorted(flt.statuses)))
    if flt.type is not None:
        stmt = stmt.where(WorkOrder.type == flt.type)
    if flt.overdue_on is not None:
        stmt = stmt.where(is_overdue(flt.overdue_on))
    if flt.urgent_findings:
        urgent = unacted_urgent_findings(dialect).subquery("urgent")
        stmt = stmt.where(WorkOrder.id.in_(select(urgent.c.work_order_id)))
    if walk:
        return stmt.join(search_documents, search_documents.c.work_order_id == WorkOrder.id).where(
            *document_conditions(flt.text)
        )
    text_clause = matching_ids_clause(dialect, flt.text, WorkOrder.id)
    if text_clause is not None:
        stmt = stmt.where(text_clause)
    return stmt


def _narrowed(flt: WorkOrderFilter) -> bool:
    """Whether any filter but the text is set."""
    return (
        flt.client_id is not None
        or bool(flt.statuses)
        or flt.type is not None
        or flt.overdue_on is not None
        or flt.urgent_findings
    )


def count_work_orders(db: Database, flt: WorkOrderFilter) -> int:
    with db.read() as session:
        if not _narrowed(flt):
            return count_and_remember(session, flt.text)
        # A common term AND other filters: checking the documents of the filtered rows beats
        # collecting every match of the term (PostgreSQL, client + status + 点検: 105 ms
        # against 320 ms; SQLite likewise).
        walk = is_common(session, flt.text)
        stmt = _filtered(select(func.count()).select_from(WorkOrder), flt, db.dialect, walk)
        return int(session.scalar(stmt) or 0)


_ROW_COLUMNS = (
    WorkOrder.id.label("id"),
    WorkOrder.number.label("number"),
    WorkOrder.title.label("title"),
    Organization.name_ja.label("client_name"),
    Organization.name_en.label("client_name_en"),
    WorkOrder.contract_number.label("contract_number"),
    WorkOrder.type.label("type"),
    WorkType.name_ja.label("type_name_ja"),
    WorkType.name_en.label("type_name_en"),
    WorkOrder.status.label("status"),
    WorkOrder.priority.label("priority"),
    WorkOrder.planned_start.label("planned_start"),
    WorkOrder.planned_end.label("planned_end"),
    WorkOrder.assignee_names.label("assignees"),
)


def _rows_by_id(session: Session, ids: list[int]) -> list[WorkOrderRow]:
    stmt = (
        select(*_ROW_COLUMNS)
        .join(Contract, Contract.id == WorkOrder.contract_id)
        .join(Organization, Organization.id == Contract.client_id)
        .join(WorkType, WorkType.code == WorkOrder.type)
        .where(WorkOrder.id.in_(ids))
    )
    by_id = {r.id: WorkOrderRow(**r._asdict()) for r in session.execute(stmt)}
    return [by_id[i] for i in ids if i in by_id]


def list_work_orders(
    db: Database, flt: WorkOrderFilter, offset: int = 0, limit: int = 200
) -> list[WorkOrderRow]:
    """One page of the list in the filter's order (then planned start, then id, so pages
    never overlap). The page's ids are found first on work_orders' own indexes (client code
    and contract number are derived into it for that), then only those rows are joined to
    their contract and client: a deep offset skips index entries, not joined rows."""
    column = _sort_column(flt.sort)
    keys = [column]
    if flt.sort not in (WorkOrderSort.NUMBER, WorkOrderSort.PLANNED_START):
        keys.append(WorkOrder.planned_start)
    if flt.sort is not WorkOrderSort.NUMBER:  # numbers are unique: nothing to break ties
        keys.append(WorkOrder.id)
    with db.read() as session:
        walk = page_walks(session, flt.text, offset, limit)
    ids_stmt = _filtered(select(WorkOrder.id), flt, db.dialect, walk)
    ids_stmt = ids_stmt.order_by(*(k.desc() if flt.descending else k.asc() for k in keys))
    with db.read() as session:
        ids = list(session.scalars(ids_stmt.offset(offset).limit(limit)))
        return _rows_by_id(session, ids) if ids else []


def stored_work_order(session: Session, work_order_id: int) -> WorkOrder:
    """The work order with that id; NotFound (in both languages) when there is none."""
    wo = session.get(WorkOrder, work_order_id)
    if wo is None:
        raise NotFound(
            f"作業 (id {work_order_id}) が見つかりません。",
            f"Work order {work_order_id} not found.",
        )
    return wo


def work_order_id_by_number(session: Session, number: str, field: str = "work_order") -> int:
    """The id of the order numbered `number` (an import's reference); a ValidationError on
    `field` when there is none."""
    found = session.scalar(select(WorkOrder.id).where(WorkOrder.number == number))
    if found is None:
        raise ValidationError(
            f"作業番号 {quote(number, ja=True)} の作業がありません。",
            f"no work order numbered {quote(number)}",
            field,
        )
    return found


def work_order_detail(db: Database, work_order_id: int) -> WorkOrderDetail:
    with db.read() as session:
        wo = stored_work_order(session, work_order_id)
        row = _rows_by_id(session, [wo.id])[0]
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
            accepted_on=wo.accepted_on,
            acceptance_ref=wo.acceptance_ref,
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
