"""Creating, editing and duplicating work orders (the work-order editor's saves).

Rules enforced here (each refusal is a ValidationError on the field named in brackets):

- The contract is given by its number or id and must exist [contract].
- The type comes from the catalogue (services/work_types.find_work_type) [type]; an inactive
  type is refused for a new order and for a change of type, kept when an edit leaves it. A
  type that ``requires_assets`` needs at least one asset [assets].
- The title is required (200); the priority is 1–3 [priority]; the description (the order's
  ``note``) is multi-line text of at most 2000 characters [description]; the planned end is
  not before the planned start [planned_end].
- Assets are given by their codes, unknown ones refused naming them, and stored set-based
  (services/asset_picking.py); assignees by employee numbers, each eligible for the planned
  period (services/assignee_eligibility.py) [assignees].
- Numbering: ``WO-YYYY-NNNNNN``, YYYY the fiscal year (April–March) of the planned start, or
  of the day of writing without one; NNNNNN the next free number in that year. Two writers at
  once: SQLite lets one in at a time; on PostgreSQL the unique number refuses the later insert
  and it retries with the next number (in a savepoint). A number the user typed is kept,
  normalised, and must name no other order [number].
- The コスト縮減額 only on a design check, cost estimate or supervision, whole yen, zero
  or more, bounded (services/cost_reduction.py) [cost_reduction_yen].
- An edit saves onto the version the user saw (ConcurrentEdit otherwise); an accepted or
  cancelled order is no longer edited [status]. A duplicate is a new draft with a new
  number and the original's contract, type, title (unprefixed: the number tells them apart),
  priority, description, planned dates, assets and assignees, checked as a new order; no
  actual dates, cost reduction, findings or history.
- Every write is audited (Entity.WORK_ORDERS) and re-indexes the order for lists and search;
  coordinators, managers and administrators only (Action.EDIT_WORK_ORDERS).
"""

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlalchemy import delete, func, insert, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from oneaqita.errors import ValidationError
from oneaqita.fiscal import fiscal_year
from oneaqita.labels import label
from oneaqita.models import (
    Asset,
    Contract,
    Person,
    WorkOrder,
    WorkOrderStatus,
    work_order_assets,
    work_order_assignees,
)
from oneaqita.models.base import utcnow
from oneaqita.permissions import Action, requires
from oneaqita.services.actor import Actor
from oneaqita.services.asset_picking import asset_ids_by_code, replace_assets
from oneaqita.services.assignee_eligibility import checked_assignees, planned_period
from oneaqita.services.changes import Change, Entity
from oneaqita.services.cost_reduction import checked_cost_reduction
from oneaqita.services.database import Database
from oneaqita.services.text_fields import optional_text, reference_text, required_text
from oneaqita.services.unit_of_work import UnitOfWork
from oneaqita.services.upserts import holder_of, row_to_edit
from oneaqita.services.work_order_queries import stored_work_order
from oneaqita.services.work_types import find_work_type
from oneaqita.values import quote

ENTITY = Entity.WORK_ORDERS
_ATTEMPTS = 20
_CLOSED = frozenset({WorkOrderStatus.ACCEPTED, WorkOrderStatus.CANCELLED})


@dataclass(frozen=True)
class WorkOrderData:
    contract: str | int  # number or id
    type: str  # code or Japanese name
    title: str
    priority: int = 2
    description: str | None = None
    planned_start: date | None = None
    planned_end: date | None = None
    asset_codes: Sequence[str] = ()
    assignees: Sequence[str] = ()  # employee numbers
    number: str | None = None  # None: the next free number (new) / keep it (edit)
    cost_reduction_yen: int | None = None  # コスト縮減額 (services/cost_reduction.py)


@dataclass(frozen=True)
class EditableWorkOrder:
    """What the editor opens an order with."""

    id: int
    version: int
    status: WorkOrderStatus
    data: WorkOrderData = field(default_factory=lambda: WorkOrderData(0, "", ""))


def _find_contract(session: Session, ref: str | int) -> Contract:
    if isinstance(ref, int):
        contract = session.get(Contract, ref)
    else:
        key = reference_text(ref, "contract", "契約", "Contract")
        contract = session.scalar(select(Contract).where(Contract.number == key)) if key else None
    if contract is None:
        raise ValidationError(
            f"契約「{ref}」が見つかりません。" if ref else "契約を選んでください。",
            f"No contract '{ref}'." if ref else "A contract is required.",
            "contract",
        )
    return contract


def _checked(
    session: Session, data: WorkOrderData, today: date, kept_type: str | None
) -> dict[str, Any]:
    """The order's column values plus ``asset_ids`` and ``person_ids``, once every rule but
    the number's holds. `kept_type`: the type the edited order has (allowed if inactive)."""
    contract = _find_contract(session, data.contract)
    wt = find_work_type(session, data.type, "type")
    if not wt.active and wt.code != kept_type:
        raise ValidationError(
            f"作業種別「{wt.name_ja}」は使われなくなったため、新しい作業には選べません。",
            f"The work type '{wt.name_en}' is no longer in use; choose another.",
            "type",
        )
    title = required_text(data.title, "title", "件名", "Title", 200)
    if not 1 <= data.priority <= 3:  # within the column's range, so no other check is needed
        raise ValidationError(
            f"優先度は1〜3にしてください ({quote(data.priority)})。",
            f"The priority must be 1 to 3 (got {quote(data.priority)}).",
            "priority",
        )
    note = optional_text(
        data.description, "description", "内容", "Description", 2000, multiline=True
    )
    start, end = data.planned_start, data.planned_end
    if start is not None and end is not None and end < start:
        raise ValidationError(
            f"予定終了日 {end.isoformat()} が予定開始日 {start.isoformat()} より前です。",
            f"The planned end {end.isoformat()} is before the planned start {start.isoformat()}.",
            "planned_end",
        )
    asset_ids = asset_ids_by_code(session, data.asset_codes)
    if wt.requires_assets and not asset_ids:
        raise ValidationError(
            f"作業種別「{wt.name_ja}」には対象施設が1件以上必要です。",
            f"The work type '{wt.name_en}' needs at least one asset.",
            "assets",
        )
    first, last = planned_period(start, end, today)
    person_ids = checked_assignees(session, data.assignees, first, last)
    return {
        "contract_id": contract.id,
        "type": wt.code,
        "title": title,
        "priority": data.priority,
        "note": note,
        "planned_start": start,
        "planned_end": end,
        "cost_reduction_yen": checked_cost_reduction(data.cost_reduction_yen, wt),
        "asset_ids": asset_ids,
        "person_ids": person_ids,
    }


def _typed_number(data: WorkOrderData) -> str | None:
    return (
        optional_text(data.number, "number", "作業番号", "Work order number", 40)
        if data.number is not None
        else None
    )


def _number_taken(number: str) -> ValidationError:
    return ValidationError(
        f"作業番号「{number}」は既に別の作業に使われています。",
        f"The work order number '{number}' is already used by another order.",
        "number",
    )


def _check_unique(session: Session, number: str, own_id: int | None) -> None:
    if holder_of(session, WorkOrder.number, number, own_id) is not None:
        raise _number_taken(number)


def next_number(session: Session, year: int) -> str:
    """The next free ``WO-YYYY-NNNNNN`` of fiscal year `year` (after the highest numeric one)."""
    return next_numbers(session, year, 1)[0]


def next_numbers(session: Session, year: int, count: int) -> list[str]:
    """The next `count` free numbers of fiscal year `year`, in sequence after the highest
    numeric one (inspection planning numbers thousands of orders at once)."""
    prefix = f"WO-{year}-"
    taken = session.scalars(
        select(WorkOrder.number)
        .where(
            WorkOrder.number.like(prefix + "%"), func.length(WorkOrder.number) == len(prefix) + 6
        )
        .order_by(WorkOrder.number.desc())
        .limit(50)
    )
    highest = next((int(n[len(prefix) :]) for n in taken if n[len(prefix) :].isdigit()), 0)
    return [f"{prefix}{highest + i:06d}" for i in range(1, count + 1)]


def snapshot(session: Session, wo: WorkOrder) -> dict[str, Any]:
    assets = session.scalar(select(func.count()).where(work_order_assets.c.work_order_id == wo.id))
    people = session.scalars(
        select(Person.employee_no)
        .join(work_order_assignees, work_order_assignees.c.person_id == Person.id)
        .where(work_order_assignees.c.work_order_id == wo.id)
        .order_by(Person.employee_no)
    )
    return {
        "number": wo.number,
        "contract_id": wo.contract_id,
        "type": wo.type,
        "title": wo.title,
        "priority": wo.priority,
        "note": wo.note,
        "planned_start": wo.planned_start.isoformat() if wo.planned_start else None,
        "planned_end": wo.planned_end.isoformat() if wo.planned_end else None,
        "status": str(wo.status),
        "cost_reduction_yen": wo.cost_reduction_yen,
        "asset_count": int(assets or 0),
        "assignees": list(people),
        "version": wo.version,
    }


def _replace_assignees(session: Session, wo_id: int, person_ids: list[int]) -> bool:
    c = work_order_assignees.c
    old = set(session.scalars(select(c.person_id).where(c.work_order_id == wo_id)))
    new = set(person_ids)
    if new - old:
        session.execute(
            insert(work_order_assignees),
            [{"work_order_id": wo_id, "person_id": p} for p in sorted(new - old)],
        )
    if old - new:
        session.execute(
            delete(work_order_assignees).where(
                c.work_order_id == wo_id, c.person_id.in_(sorted(old - new))
            )
        )
    return new != old


def _insert(uow: UnitOfWork, values: dict[str, Any], typed: str | None, today: date) -> int:
    session = uow.session
    columns = {k: v for k, v in values.items() if k not in ("asset_ids", "person_ids")}
    year = fiscal_year(values["planned_start"] or today)
    for _ in range(_ATTEMPTS):
        number = typed or next_number(session, year)
        if typed:
            _check_unique(session, typed, None)
        try:
            with session.begin_nested():
                wo = WorkOrder(number=number, status=WorkOrderStatus.DRAFT, **columns)
                session.add(wo)
                session.flush()
        except IntegrityError:
            if typed:
                raise _number_taken(typed) from None
            continue  # another writer took the number first: take the next one
        replace_assets(session, wo.id, values["asset_ids"])
        _replace_assignees(session, wo.id, values["person_ids"])
        uow.reindex_work_orders([wo.id])
        uow.audit("create", ENTITY, wo.id, None, snapshot(session, wo))
        return wo.id
    raise ValidationError(
        "作業番号を決められませんでした。もう一度保存してください。",
        "No free work order number could be taken; save again.",
        "number",
    )


@requires(Action.EDIT_WORK_ORDERS)
def create_work_order(
    db: Database, actor: Actor, data: WorkOrderData, today: date | None = None
) -> Change:
    """A new draft order from `data` (the module's rules); `change.created_id(WORK_ORDERS)`
    is its id."""
    today = today or date.today()
    with db.unit_of_work(actor) as uow:
        values = _checked(uow.session, data, today, None)
        _insert(uow, values, _typed_number(data), today)
        return uow.change


@requires(Action.EDIT_WORK_ORDERS)
def edit_work_order(
    db: Database,
    actor: Actor,
    work_order_id: int,
    data: WorkOrderData,
    expected_version: int,
    today: date | None = None,
) -> Change:
    """Save `data` onto the order at the version the user edited (ConcurrentEdit when it
    changed since); `data.number` None keeps its number."""
    today = today or date.today()
    with db.unit_of_work(actor) as uow:
        session = uow.session
        wo = row_to_edit(
            uow,
            WorkOrder,
            WorkOrder.id,
            work_order_id,
            work_order_id,
            expected_version,
            ("作業", "Work order"),
        )
        if wo.status in _CLOSED:
            raise ValidationError(
                f"作業 {wo.number} は「{label(wo.status)}」のため編集できません。",
                f"Work order {wo.number} is {wo.status.value} and can no longer be edited.",
                "status",
            )
        values = _checked(session, data, today, wo.type)
        typed = _typed_number(data)
        if typed is not None:
            _check_unique(session, typed, wo.id)
            values["number"] = typed
        before = snapshot(session, wo)
        asset_ids, person_ids = values.pop("asset_ids"), values.pop("person_ids")
        changed = {k for k, v in values.items() if getattr(wo, k) != v}
        for k in changed:
            setattr(wo, k, values[k])
        sets_changed = replace_assets(session, wo.id, asset_ids)
        sets_changed = _replace_assignees(session, wo.id, person_ids) or sets_changed
        if not changed and not sets_changed:
            return uow.change
        if not changed:
            wo.updated_at = utcnow()  # the version still counts a change of assets alone
        session.flush()
        uow.reindex_work_orders([wo.id])
        uow.audit("update", ENTITY, wo.id, before, snapshot(session, wo))
        return uow.change


def _editable(session: Session, wo: WorkOrder) -> EditableWorkOrder:
    codes = session.scalars(
        select(Asset.code)
        .join(work_order_assets, work_order_assets.c.asset_id == Asset.id)
        .where(work_order_assets.c.work_order_id == wo.id)
        .order_by(Asset.code)
    )
    people = session.scalars(
        select(Person.employee_no)
        .join(work_order_assignees, work_order_assignees.c.person_id == Person.id)
        .where(work_order_assignees.c.work_order_id == wo.id)
        .order_by(Person.employee_no)
    )
    data = WorkOrderData(
        contract=wo.contract_id,
        type=wo.type,
        title=wo.title,
        priority=wo.priority,
        description=wo.note,
        planned_start=wo.planned_start,
        planned_end=wo.planned_end,
        asset_codes=tuple(codes),
        assignees=tuple(people),
        number=wo.number,
        cost_reduction_yen=wo.cost_reduction_yen,
    )
    return EditableWorkOrder(wo.id, wo.version, wo.status, data)


def work_order_to_edit(db: Database, work_order_id: int) -> EditableWorkOrder:
    with db.read() as session:
        wo = stored_work_order(session, work_order_id)
        return _editable(session, wo)


@requires(Action.EDIT_WORK_ORDERS)
def duplicate_work_order(
    db: Database, actor: Actor, work_order_id: int, today: date | None = None
) -> Change:
    """A copy of the order as a new draft with the next number (see the module's rules)."""
    today = today or date.today()
    with db.unit_of_work(actor) as uow:
        wo = stored_work_order(uow.session, work_order_id)
        source = _editable(uow.session, wo).data
        copy = WorkOrderData(**{**source.__dict__, "number": None, "cost_reduction_yen": None})
        values = _checked(uow.session, copy, today, None)
        _insert(uow, values, None, today)
        return uow.change
