"""Storing a work order by its number, as the ``work-orders`` import does (one row at a time,
inside the import's unit of work). The editor's checks apply (services/work_order_editing.py:
contract, type, title, priority, planned dates, assets set-based, eligible assignees), plus:

- The key is the number [number]: a stored order with it is updated, otherwise a new one is
  created under exactly that number (no automatic numbering in an import).
- An empty title is the work type's Japanese name (old spreadsheets often have none).
- Status: a new row may carry any status (old spreadsheets list finished work too); it is
  created as a draft and moved there in one history event noted as imported. For a stored
  order an empty status keeps its status; a different one must be reachable by the legal
  moves of services/work_orders.py (e.g. planned → completed through in progress, never
  back, nothing out of accepted or cancelled), or the row is refused naming both statuses
  [status]; the move is one history event. Accepting is for managers and administrators.
- The actual end (完了日) is required for completed and accepted orders, refused for orders
  not yet completed (draft, planned, in progress; a cancelled one may keep it), never in the
  future, not before the stored actual start nor after the stored 検収日 [actual_end].
- The import does not write the actual start, the 検収日, the acceptance reference or the
  description (they are not columns of the format): a new order has none, a stored one keeps
  them.
- An accepted or cancelled order is no longer changed: a row that differs from it is refused
  [status]; one that says the same is unchanged.
- A row that says what is stored changes nothing (no write, no audit, no event).
"""

from collections import deque
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from oneaqita.errors import PermissionDenied, ValidationError
from oneaqita.models import WorkOrder, WorkOrderEvent, WorkOrderStatus, work_order_assignees
from oneaqita.models.base import utcnow
from oneaqita.permissions import Action, allowed, requires
from oneaqita.services.asset_picking import replace_assets, stored_asset_ids
from oneaqita.services.records import UpsertOutcome
from oneaqita.services.text_fields import required_text
from oneaqita.services.unit_of_work import UnitOfWork
from oneaqita.services.work_order_editing import (
    _CLOSED,
    ENTITY,
    WorkOrderData,
    _checked,
    _insert,
    _replace_assignees,
    snapshot,
)
from oneaqita.services.work_orders import LEGAL_MOVES
from oneaqita.services.work_types import find_work_type
from oneaqita.vocabulary import WORK_ORDER_STATUS_JA

S = WorkOrderStatus
IMPORT_NOTE = "ファイルの取り込み (imported)"
_ENDED = frozenset({S.COMPLETED, S.ACCEPTED})
_NOT_ENDED = frozenset({S.DRAFT, S.PLANNED, S.IN_PROGRESS})


@dataclass(frozen=True)
class WorkOrderRecord:
    """One work order as the import format has it (IMPORT-FORMAT.md, ``work-orders``)."""

    number: str
    contract: str  # number
    type: str  # code or Japanese name
    title: str | None = None
    status: WorkOrderStatus | None = None
    priority: int = 2
    planned_start: date | None = None
    planned_end: date | None = None
    actual_end: date | None = None
    assets: tuple[str, ...] = ()  # codes
    assignees: tuple[str, ...] = ()  # employee numbers
    cost_reduction_yen: int | None = None  # コスト縮減額 (services/cost_reduction.py)


def reachable(start: WorkOrderStatus, goal: WorkOrderStatus) -> bool:
    """Whether legal moves lead from `start` to `goal` (a status reaches itself)."""
    seen, todo = {start}, deque([start])
    while todo:
        here = todo.popleft()
        if here is goal:
            return True
        for there in LEGAL_MOVES[here] - seen:
            seen.add(there)
            todo.append(there)
    return False


def _ja(status: WorkOrderStatus) -> str:
    return WORK_ORDER_STATUS_JA[status]


def _check_actual_end(
    status: WorkOrderStatus, end: date | None, today: date, wo: WorkOrder | None
) -> None:
    def refuse(ja: str, en: str) -> None:
        raise ValidationError(ja, en, "actual_end")

    if end is None:
        if status in _ENDED:
            refuse(
                f"状態が「{_ja(status)}」の作業には完了日が必要です。",
                f"A {status.value} work order needs its actual end.",
            )
        return
    shown = end.isoformat()
    if status in _NOT_ENDED:
        refuse(
            f"状態が「{_ja(status)}」の作業に完了日 {shown} は入れられません"
            "(完了・検収済・中止の作業だけです)。",
            f"A {status.value} work order has no actual end ({shown}); only completed, "
            "accepted and cancelled ones do.",
        )
    if end > today:
        refuse(
            f"完了日 {shown} は未来の日付です。今日 ({today.isoformat()}) 以前にしてください。",
            f"The actual end {shown} is in the future; give today ({today.isoformat()}) "
            "or earlier.",
        )
    if wo is not None and wo.actual_start is not None and end < wo.actual_start:
        refuse(
            f"完了日 {shown} が実績開始日 {wo.actual_start.isoformat()} より前です。",
            f"The actual end {shown} is before the actual start {wo.actual_start.isoformat()}.",
        )
    if wo is not None and wo.accepted_on is not None and end > wo.accepted_on:
        refuse(
            f"完了日 {shown} が検収日 {wo.accepted_on.isoformat()} より後です。",
            f"The actual end {shown} is after the acceptance date {wo.accepted_on.isoformat()}.",
        )


def _target(uow: UnitOfWork, wo: WorkOrder | None, wanted: WorkOrderStatus | None) -> S:
    current = wo.status if wo is not None else S.DRAFT
    status = wanted or current
    if wo is not None and not reachable(current, status):
        raise ValidationError(
            f"作業 {wo.number} は「{_ja(current)}」から「{_ja(status)}」にできません"
            "(状態は戻せません。検収済・中止の作業はそれ以上変わりません)。",
            f"Work order {wo.number} cannot move from {current.value} to {status.value} "
            "(no move goes back; accepted and cancelled orders stay so).",
            "status",
        )
    accepting = status is S.ACCEPTED and current is not S.ACCEPTED
    if accepting and not allowed(uow.actor, Action.ACCEPT_WORK_ORDERS):
        raise PermissionDenied(
            "検収の記録は管理者・システム管理者だけができます。",
            "Only managers and administrators record an acceptance.",
        )
    return status


def _moved(uow: UnitOfWork, wo: WorkOrder, status: S, actual_end: date | None) -> None:
    """Set the status (one history event when it changes) and the actual end."""
    if status is not wo.status:
        uow.session.add(
            WorkOrderEvent(
                work_order_id=wo.id,
                user_id=uow.actor.user_id,
                from_status=wo.status,
                to_status=status,
                note=IMPORT_NOTE,
            )
        )
        wo.status = status
    wo.actual_end = actual_end


def _person_ids(session: Session, wo_id: int) -> set[int]:
    c = work_order_assignees.c
    return set(session.scalars(select(c.person_id).where(c.work_order_id == wo_id)))


def _with_end(session: Session, wo: WorkOrder) -> dict[str, Any]:
    end = wo.actual_end.isoformat() if wo.actual_end else None
    return snapshot(session, wo) | {"actual_end": end}


def _refuse_closed(wo: WorkOrder) -> None:
    raise ValidationError(
        f"作業 {wo.number} は「{_ja(wo.status)}」のため、取り込みで変更できません。",
        f"Work order {wo.number} is {wo.status.value} and can no longer be changed.",
        "status",
    )


def _update(
    uow: UnitOfWork, wo: WorkOrder, values: dict[str, Any], status: S, end: date | None
) -> UpsertOutcome:
    session = uow.session
    asset_ids, person_ids = values.pop("asset_ids"), values.pop("person_ids")
    changed = {k for k, v in values.items() if getattr(wo, k) != v}
    sets_differ = set(asset_ids) != stored_asset_ids(session, wo.id) or set(
        person_ids
    ) != _person_ids(session, wo.id)
    moves = status is not wo.status or end != wo.actual_end
    if not changed and not sets_differ and not moves:
        return UpsertOutcome.UNCHANGED
    if wo.status in _CLOSED:
        _refuse_closed(wo)
    before = _with_end(session, wo)
    for k in changed:
        setattr(wo, k, values[k])
    replace_assets(session, wo.id, asset_ids)
    _replace_assignees(session, wo.id, person_ids)
    _moved(uow, wo, status, end)
    if not changed and not moves:
        wo.updated_at = utcnow()  # the version still counts a change of assets alone
    session.flush()
    uow.reindex_work_orders([wo.id])
    uow.audit("update", ENTITY, wo.id, before, _with_end(session, wo))
    return UpsertOutcome.UPDATED


@requires(Action.EDIT_WORK_ORDERS)
def upsert_work_order(
    uow: UnitOfWork, data: WorkOrderRecord, today: date | None = None
) -> tuple[int, UpsertOutcome]:
    """Store `data` under its number: add it, update the stored order, or leave it unchanged
    when it already says the same (the module's rules). Audited; re-indexes what it writes."""
    today = today or date.today()
    session = uow.session
    number = required_text(data.number, "number", "作業番号", "Work order number", 40)
    wo = session.scalar(select(WorkOrder).where(WorkOrder.number == number))
    title = data.title or find_work_type(session, data.type, "type").name_ja
    editing = WorkOrderData(
        contract=data.contract,
        type=data.type,
        title=title,
        priority=data.priority,
        description=wo.note if wo is not None else None,
        planned_start=data.planned_start,
        planned_end=data.planned_end,
        asset_codes=data.assets,
        assignees=data.assignees,
        number=number,
        cost_reduction_yen=data.cost_reduction_yen,
    )
    values = _checked(session, editing, today, wo.type if wo is not None else None)
    status = _target(uow, wo, data.status)
    _check_actual_end(status, data.actual_end, today, wo)
    if wo is not None:
        return wo.id, _update(uow, wo, values, status, data.actual_end)
    wo_id = _insert(uow, values, number, today)
    if status is not S.DRAFT:
        wo = session.get_one(WorkOrder, wo_id)
        before = _with_end(session, wo)
        _moved(uow, wo, status, data.actual_end)
        session.flush()
        uow.reindex_work_orders([wo_id])
        uow.audit("update", ENTITY, wo_id, before, _with_end(session, wo))
    return wo_id, UpsertOutcome.ADDED
