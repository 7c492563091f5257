"""Moving an order's planned dates from the schedule: the editor's rules hold (eligibility on
the new dates, the end not before the start, closed orders, the version seen, the roles),
the move is audited and re-indexed, and the number is kept across fiscal years; on SQLite and
PostgreSQL."""

from datetime import date

import pytest
from sqlalchemy import select

from oneaqita.errors import ConcurrentEdit, NotFound, PermissionDenied, ValidationError
from oneaqita.models import WorkOrder, WorkOrderStatus
from oneaqita.services.changes import Entity
from oneaqita.services.database import Database
from oneaqita.services.schedule_queries import schedule
from oneaqita.services.work_order_scheduling import reschedule_work_order
from tests.schedule_builders import TODAY, WEEK, Plan, build_plan, order, set_status
from tests.staffing_builders import COORDINATOR, MANAGER, SECONDED, audits


@pytest.fixture
def plan(db: Database) -> Plan:
    return build_plan(db)


def _stored(db: Database, wo_id: int) -> WorkOrder:
    with db.read() as s:
        wo = s.scalar(select(WorkOrder).where(WorkOrder.id == wo_id))
        assert wo is not None
        s.expunge(wo)
        return wo


def _move(db: Database, wo_id: int, start: date, end: date, version: int | None = None) -> None:
    seen = _stored(db, wo_id).version if version is None else version
    reschedule_work_order(db, COORDINATOR, wo_id, start, end, seen, today=TODAY)


def test_a_move_sets_the_dates_audits_and_reindexes(db: Database, plan: Plan) -> None:
    a = plan.orders["A"]
    before = _stored(db, a)
    change = reschedule_work_order(
        db, MANAGER, a, date(2026, 5, 26), date(2026, 5, 28), before.version, today=TODAY
    )
    after = _stored(db, a)
    assert (after.planned_start, after.planned_end) == (date(2026, 5, 26), date(2026, 5, 28))
    assert after.version == before.version + 1 and after.number == before.number
    assert change.ids_of(Entity.WORK_ORDERS) == {a}
    action, _who, was, now = audits(db, "work_orders")[-1]
    assert action == "update"
    assert (was["planned_start"], now["planned_start"]) == ("2026-05-25", "2026-05-26")
    assert now["assignees"] == ["E1", "E2"]  # the rest of the order is as it was
    e1 = {r.employee_no: r for r in schedule(db, *WEEK).rows}["E1"]
    assert e1.day_planned[date(2026, 5, 28)] == 2  # A now overlaps C
    # The same dates again change nothing.
    again = reschedule_work_order(
        db, MANAGER, a, date(2026, 5, 26), date(2026, 5, 28), after.version, today=TODAY
    )
    assert again.is_empty and _stored(db, a).version == after.version


def test_an_assignee_not_seconded_on_the_new_dates_is_named(db: Database, plan: Plan) -> None:
    a = plan.orders["A"]
    with pytest.raises(ValidationError) as err:
        _move(db, a, date(2026, 5, 29), date(2026, 6, 2))  # E1 leaves on 5/31
    assert err.value.field == "assignees"
    assert "佐藤 花子: 2026/05/29〜2026/06/02 に出向期間がありません" in err.value.ja
    assert "no secondment covers 2026/05/29〜2026/06/02" in err.value.en
    assert _stored(db, a).planned_start == date(2026, 5, 25)  # nothing written


def test_the_end_may_not_come_before_the_start(db: Database, plan: Plan) -> None:
    with pytest.raises(ValidationError) as err:
        _move(db, plan.orders["A"], date(2026, 5, 27), date(2026, 5, 26))
    assert err.value.field == "planned_end"


@pytest.mark.parametrize("status", [WorkOrderStatus.ACCEPTED, WorkOrderStatus.CANCELLED])
def test_accepted_and_cancelled_orders_do_not_move(
    db: Database, plan: Plan, status: WorkOrderStatus
) -> None:
    b = plan.orders["B"]
    set_status(db, b, status)
    with pytest.raises(ValidationError) as err:
        _move(db, b, date(2026, 5, 28), date(2026, 6, 8))
    assert err.value.field == "status" and "編集できません" in err.value.ja


def test_a_move_onto_a_changed_order_is_a_conflict(db: Database, plan: Plan) -> None:
    a = plan.orders["A"]
    seen = _stored(db, a).version
    _move(db, a, date(2026, 5, 26), date(2026, 5, 28), seen)  # someone else moved it
    with pytest.raises(ConcurrentEdit):
        _move(db, a, date(2026, 5, 27), date(2026, 5, 29), seen)
    assert _stored(db, a).planned_start == date(2026, 5, 26)


def test_only_the_editing_roles_move_orders(db: Database, plan: Plan) -> None:
    a = plan.orders["A"]
    with pytest.raises(PermissionDenied):
        reschedule_work_order(
            db, SECONDED, a, date(2026, 5, 26), date(2026, 5, 28), _stored(db, a).version
        )
    assert _stored(db, a).planned_start == date(2026, 5, 25)


def test_the_number_is_kept_across_fiscal_years(db: Database, plan: Plan) -> None:
    late = order(db, "年度末 作業", date(2027, 3, 30), date(2027, 3, 31), ("E2",))
    number = _stored(db, late).number
    assert number.startswith("WO-2026-")
    _move(db, late, date(2027, 4, 1), date(2027, 4, 2))
    moved = _stored(db, late)
    assert moved.number == number and moved.planned_start == date(2027, 4, 1)


def test_an_unknown_order_is_not_found(db: Database, plan: Plan) -> None:
    with pytest.raises(NotFound):
        reschedule_work_order(db, COORDINATOR, 999_999, date(2026, 5, 1), date(2026, 5, 2), 1)
