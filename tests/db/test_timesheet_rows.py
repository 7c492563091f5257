"""The orders a person may add as rows of their week: every one they are assigned to, running
first, cancelled ones left out."""

from sqlalchemy import update

from oneaqita.models import Person, WorkOrder, WorkOrderStatus
from oneaqita.services.actor import SYSTEM_ACTOR
from oneaqita.services.database import Database
from oneaqita.services.timesheet_rows import AssignedOrder, assigned_orders
from tests.timesheet_builders import build_company


def _set_status(db: Database, order_id: int, status: WorkOrderStatus) -> None:
    with db.unit_of_work(SYSTEM_ACTOR) as uow:
        uow.session.execute(update(WorkOrder).where(WorkOrder.id == order_id).values(status=status))


def test_assigned_orders_lists_the_persons_orders_running_first(db: Database) -> None:
    co = build_company(db)
    assert assigned_orders(db, co.sato_id) == [
        AssignedOrder(co.assigned_id, "WO-1", "管路点検 1", WorkOrderStatus.IN_PROGRESS)
    ]
    assert assigned_orders(db, co.tanaka_id)[0].id == co.assigned_id
    # WO-2 has nobody: the person is added, it is planned, and it comes after the running one.
    with db.unit_of_work(SYSTEM_ACTOR) as uow:
        order = uow.session.get(WorkOrder, co.other_id)
        sato = uow.session.get(Person, co.sato_id)
        assert order is not None and sato is not None
        order.assignees.append(sato)
    _set_status(db, co.other_id, WorkOrderStatus.COMPLETED)
    _set_status(db, co.assigned_id, WorkOrderStatus.PLANNED)
    assert [(o.number, o.status) for o in assigned_orders(db, co.sato_id)] == [
        ("WO-1", WorkOrderStatus.PLANNED),
        ("WO-2", WorkOrderStatus.COMPLETED),
    ]
    _set_status(db, co.assigned_id, WorkOrderStatus.CANCELLED)
    assert [o.number for o in assigned_orders(db, co.sato_id)] == ["WO-2"]
    assert assigned_orders(db, co.sato_id + 1000) == []
