"""The rows a person may add to their week: the work orders they are assigned to.

Rules:

- Hours go on a work order only when the person is one of its assignees
  (services/time_entries.py); the week's grid shows the running ones by itself, and this lists
  every order the person is assigned to, whatever its status, for "add a row".
- Cancelled orders are left out (no work is done on them); the others come running first,
  then planned, draft, completed and accepted, each by number. Ordered and filtered in SQL.
"""

from dataclasses import dataclass

from sqlalchemy import case, select

from oneaqita.models import WorkOrder, WorkOrderStatus, work_order_assignees
from oneaqita.services.database import Database

__all__ = ["AssignedOrder", "assigned_orders"]

_S = WorkOrderStatus
_RANK = {_S.IN_PROGRESS: 0, _S.PLANNED: 1, _S.DRAFT: 2, _S.COMPLETED: 3, _S.ACCEPTED: 4}


@dataclass(frozen=True, slots=True)
class AssignedOrder:
    id: int
    number: str
    title: str
    status: WorkOrderStatus


def assigned_orders(db: Database, person_id: int) -> list[AssignedOrder]:
    """The orders `person_id` is assigned to, by the module's rules."""
    rank = case(*((WorkOrder.status == s, r) for s, r in _RANK.items()), else_=9)
    stmt = (
        select(WorkOrder.id, WorkOrder.number, WorkOrder.title, WorkOrder.status)
        .join(work_order_assignees, work_order_assignees.c.work_order_id == WorkOrder.id)
        .where(
            work_order_assignees.c.person_id == person_id,
            WorkOrder.status != WorkOrderStatus.CANCELLED,
        )
        .order_by(rank, WorkOrder.number)
    )
    with db.read() as s:
        return [AssignedOrder(*row) for row in s.execute(stmt)]
