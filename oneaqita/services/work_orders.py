"""Changing work orders: the status machine, recorded with who and when.

A move may carry a note (multi-line, at most 1000 characters, checked like all stored text:
text_fields.optional_text).
"""

from datetime import date

from oneaqita.errors import ConcurrentEdit, IllegalTransition, NotFound
from oneaqita.models import WorkOrder, WorkOrderEvent, WorkOrderStatus
from oneaqita.permissions import Action, allowed, requires
from oneaqita.services.actor import Actor
from oneaqita.services.changes import Change, Entity
from oneaqita.services.database import Database
from oneaqita.services.text_fields import optional_text
from oneaqita.vocabulary import WORK_ORDER_STATUS_JA

S = WorkOrderStatus
# draft → planned → in_progress → completed → accepted; cancelled from any state before accepted.
LEGAL_MOVES: dict[WorkOrderStatus, frozenset[WorkOrderStatus]] = {
    S.DRAFT: frozenset({S.PLANNED, S.CANCELLED}),
    S.PLANNED: frozenset({S.IN_PROGRESS, S.CANCELLED}),
    S.IN_PROGRESS: frozenset({S.COMPLETED, S.CANCELLED}),
    S.COMPLETED: frozenset({S.ACCEPTED, S.CANCELLED}),
    S.ACCEPTED: frozenset(),
    S.CANCELLED: frozenset(),
}


def allowed_moves(status: WorkOrderStatus, actor: Actor | None = None) -> list[WorkOrderStatus]:
    """The legal moves from `status`; none for an actor whose role may not move orders."""
    if actor is not None and not allowed(actor, Action.MOVE_WORK_ORDERS):
        return []
    return [s for s in WorkOrderStatus if s in LEGAL_MOVES[status]]


@requires(Action.MOVE_WORK_ORDERS)
def transition(
    db: Database,
    actor: Actor,
    work_order_id: int,
    to_status: WorkOrderStatus,
    expected_version: int,
    note: str | None = None,
    today: date | None = None,
) -> Change:
    """Move a work order to `to_status` if that move is legal from where it stands; records
    the move (who, when) and audits it. `expected_version` is the version the user saw: if
    someone changed the order since, ConcurrentEdit is raised and nothing is written."""
    note = optional_text(note, "note", "メモ", "Note", 1000, multiline=True)
    today = today or date.today()
    with db.unit_of_work(actor) as uow:
        wo = uow.session.get(WorkOrder, work_order_id)
        if wo is None:
            raise NotFound(
                f"作業 (id {work_order_id}) が見つかりません。",
                f"Work order {work_order_id} not found.",
            )
        if wo.version != expected_version:
            raise ConcurrentEdit()
        current = wo.status
        if to_status not in LEGAL_MOVES[current]:
            raise IllegalTransition(
                f"作業 {wo.number} は「{WORK_ORDER_STATUS_JA[current]}」から"
                f"「{WORK_ORDER_STATUS_JA[to_status]}」にできません。",
                f"Work order {wo.number} cannot move from {current.value} to {to_status.value}.",
                field="status",
            )
        before = {"status": current.value, "version": wo.version}
        wo.status = to_status
        if to_status is S.IN_PROGRESS and wo.actual_start is None:
            wo.actual_start = today
        if to_status is S.COMPLETED and wo.actual_end is None:
            wo.actual_end = max(today, wo.actual_start or today)
        uow.session.add(
            WorkOrderEvent(
                work_order_id=wo.id,
                user_id=uow.actor.user_id,
                from_status=current,
                to_status=to_status,
                note=note,
            )
        )
        uow.session.flush()
        uow.audit(
            "transition",
            Entity.WORK_ORDERS,
            wo.id,
            before,
            {"status": to_status.value, "version": wo.version, "note": note},
        )
        return uow.change
