"""The read side of the timesheet pages: the week grid, last week's rows, the approval queue
and the weeks not yet submitted."""

from datetime import timedelta

import pytest

from oneaqita.models import OverheadCategory, TimeEntryStatus
from oneaqita.services.approval_queries import approval_queue, unsubmitted_weeks
from oneaqita.services.database import Database
from oneaqita.services.time_entries import Cell, save_cell
from oneaqita.services.timesheet_queries import RowKey, previous_week_rows, week_grid
from oneaqita.services.timesheet_weeks import return_week, submit_week
from tests.timesheet_builders import MONDAY, Company, build_company

OFFICE = OverheadCategory.OFFICE


@pytest.fixture
def co(db: Database) -> Company:
    return build_company(db)


def test_the_week_grid_has_the_running_orders_the_categories_and_the_totals(
    db: Database, co: Company
) -> None:
    save_cell(db, co.sato, Cell(co.sato_id, MONDAY, co.assigned_id, None, 450, "点検"))
    save_cell(db, co.sato, Cell(co.sato_id, MONDAY, None, OFFICE, 30))
    save_cell(db, co.sato, Cell(co.sato_id, MONDAY + timedelta(days=2), None, OFFICE, 60))
    save_cell(db, co.sato, Cell(co.sato_id, MONDAY + timedelta(days=7), None, OFFICE, 60))
    grid = week_grid(db, co.sato_id, MONDAY + timedelta(days=3))  # any day names its week
    assert grid.week_start == MONDAY
    assert [r.key for r in grid.rows] == [RowKey(co.assigned_id, None)] + [
        RowKey(None, c) for c in OverheadCategory
    ]
    order = grid.rows[0]
    assert order.number == "WO-1"
    assert order.cells[0] is not None and (order.cells[0].minutes, order.cells[0].note) == (
        450,
        "点検",
    )
    assert order.cells[1:] == (None,) * 6 and order.total == 450
    office = grid.rows[1 + list(OverheadCategory).index(OFFICE)]
    assert office.total == 90
    assert grid.day_totals == (480, 0, 60, 0, 0, 0, 0)
    assert grid.total == 540
    assert grid.status is TimeEntryStatus.DRAFT and grid.week_id is None
    # Copying last week's rows into the next week: the rows, not the hours.
    assert previous_week_rows(db, co.sato_id, MONDAY + timedelta(days=7)) == [
        RowKey(co.assigned_id, None),
        RowKey(None, OFFICE),
    ]


def test_a_row_with_hours_stays_when_the_order_stops_running(db: Database, co: Company) -> None:
    from oneaqita.models import WorkOrder, WorkOrderStatus
    from oneaqita.services.actor import SYSTEM_ACTOR

    save_cell(db, co.sato, Cell(co.sato_id, MONDAY, co.assigned_id, None, 60))
    with db.unit_of_work(SYSTEM_ACTOR) as uow:
        order = uow.session.get(WorkOrder, co.assigned_id)
        assert order is not None
        order.status = WorkOrderStatus.COMPLETED
    keys = [r.key for r in week_grid(db, co.sato_id, MONDAY).rows]
    assert RowKey(co.assigned_id, None) in keys
    next_week = [r.key for r in week_grid(db, co.sato_id, MONDAY + timedelta(days=7)).rows]
    assert RowKey(co.assigned_id, None) not in next_week


def test_the_approval_queue_and_the_weeks_not_submitted(db: Database, co: Company) -> None:
    save_cell(db, co.sato, Cell(co.sato_id, MONDAY, co.assigned_id, None, 450))
    save_cell(db, co.sato, Cell(co.sato_id, MONDAY + timedelta(days=6), None, OFFICE, 30))
    save_cell(db, co.sato, Cell(co.sato_id, MONDAY + timedelta(days=7), None, OFFICE, 999))
    save_cell(db, co.tanaka, Cell(co.tanaka_id, MONDAY, None, OFFICE, 60))
    submit_week(db, co.sato, co.sato_id, MONDAY)
    (queued,) = approval_queue(db)
    assert (queued.employee_no, queued.body_code, queued.week_start, queued.minutes) == (
        "E0001",
        "052019",  # the sending body of the secondment
        MONDAY,
        480,
    )
    today = MONDAY + timedelta(days=14)  # "last week" is MONDAY + 7
    missing = {(w.employee_no, w.week_start): w.minutes for w in unsubmitted_weeks(db, today, 2)}
    assert missing == {
        ("E0001", MONDAY + timedelta(days=7)): 999,
        ("E0002", MONDAY): 60,
        ("E0002", MONDAY + timedelta(days=7)): 0,
    }
    return_week(db, co.tanaka, queued.week_id, queued.version, "確認")
    assert approval_queue(db) == []
    returned = [w for w in unsubmitted_weeks(db, today, 2) if w.employee_no == "E0001"]
    assert [(w.week_start, w.status) for w in returned] == [
        (MONDAY, TimeEntryStatus.RETURNED),
        (MONDAY + timedelta(days=7), TimeEntryStatus.DRAFT),
    ]
