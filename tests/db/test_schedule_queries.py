"""The schedule's read side: who is on it, which orders each row shows, the load and its
overload rule (hand-computed from tests/schedule_builders.py), filters and paging, on SQLite
and PostgreSQL."""

from datetime import date

import pytest
from sqlalchemy import insert, update

from oneaqita.models import WorkOrder, work_order_assignees
from oneaqita.services.database import Database
from oneaqita.services.schedule_queries import (
    AssigneeRow,
    Schedule,
    ScheduleFilter,
    Span,
    organization_choices,
    period_of,
    schedule,
    shifted,
)
from oneaqita.workdays import working_days
from tests.schedule_builders import WEEK, Plan, build_plan, order
from tests.staffing_builders import ADMIN


@pytest.fixture
def plan(db: Database) -> Plan:
    return build_plan(db)


def _rows(s: Schedule) -> dict[str, AssigneeRow]:
    return {r.employee_no: r for r in s.rows}


def _titles(row: AssigneeRow) -> list[str]:
    return [o.title for o in row.orders]


def test_periods_are_monday_to_sunday_weeks_and_calendar_months() -> None:
    assert period_of(Span.WEEK, date(2026, 5, 27)) == (date(2026, 5, 25), date(2026, 5, 31))
    assert period_of(Span.WEEK, date(2026, 5, 25)) == (date(2026, 5, 25), date(2026, 5, 31))
    assert period_of(Span.WEEK, date(2026, 5, 31)) == (date(2026, 5, 25), date(2026, 5, 31))
    assert period_of(Span.MONTH, date(2026, 2, 14)) == (date(2026, 2, 1), date(2026, 2, 28))
    assert period_of(Span.MONTH, date(2028, 2, 29)) == (date(2028, 2, 1), date(2028, 2, 29))
    assert shifted(Span.WEEK, date(2026, 5, 27), -1) == date(2026, 5, 18)
    assert shifted(Span.MONTH, date(2026, 12, 15), 1) == date(2027, 1, 1)
    assert shifted(Span.MONTH, date(2026, 1, 31), -1) == date(2025, 12, 1)


def test_the_week_shows_each_assignee_with_orders_and_load(db: Database, plan: Plan) -> None:
    s = schedule(db, *WEEK)
    rows = _rows(s)
    # E4 is neither seconded nor assigned in the week; everyone else may work in it.
    assert list(rows) == ["E1", "E2", "E3"] and s.total_people == 3
    assert [r.sending_body for r in s.rows] == ["秋田市", "株式会社ONE・AQITA", "能代市"]
    assert _titles(rows["E1"]) == ["経営分析 A", "設計照査 C"]
    assert _titles(rows["E2"]) == ["経営分析 A", "台帳整備 B"]  # X is cancelled: not shown
    assert _titles(rows["E3"]) == ["点検監理 D"]  # completed: shown, without load
    b = rows["E2"].orders[1]
    assert (b.planned_start, b.planned_end) == (date(2026, 5, 27), date(2026, 6, 5))
    assert (b.number, b.contract_number, b.client_name) == ("WO-2026-000002", "K-1", "秋田市")
    assert b.movable and rows["E3"].orders[0].movable  # a completed order may still move
    # E1: A on 25–27 and C on 28–29 fill the five working days exactly.
    assert (rows["E1"].planned, rows["E1"].capacity, rows["E1"].overloaded) == (5, 5, False)
    assert not any(rows["E1"].day_overloaded(date(2026, 5, d)) for d in range(25, 32))
    # E2: A 3 days + B 3 days (27–29) = 6 > 5, and two orders on the 27th.
    assert (rows["E2"].planned, rows["E2"].capacity, rows["E2"].overloaded) == (6, 5, True)
    over = [d for d in range(25, 32) if rows["E2"].day_overloaded(date(2026, 5, d))]
    assert over == [27]
    assert (rows["E3"].planned, rows["E3"].capacity, rows["E3"].overloaded) == (0, 5, False)


def test_the_month_counts_working_days_without_the_golden_week(db: Database, plan: Plan) -> None:
    may = schedule(db, *period_of(Span.MONTH, date(2026, 5, 1)))
    # May 2026: 21 weekdays less 5/4, 5/5 and the substitute holiday 5/6.
    assert working_days(date(2026, 5, 1), date(2026, 5, 31)) == 18
    rows = _rows(may)
    assert (rows["E1"].planned, rows["E1"].capacity) == (5, 18)
    assert (rows["E2"].planned, rows["E2"].capacity) == (6, 18)
    assert not rows["E2"].overloaded
    june = _rows(schedule(db, *period_of(Span.MONTH, date(2026, 6, 1))))
    # E1's secondment ended on 5/31 and nothing of theirs is in June: not on the page.
    assert list(june) == ["E2", "E3"]
    assert (june["E2"].planned, june["E2"].capacity) == (5, 22)  # B on 6/1–6/5


def test_someone_assigned_while_not_here_is_shown_overloaded(db: Database, plan: Plan) -> None:
    with db.unit_of_work(ADMIN) as uow:  # as when a secondment was shortened afterwards
        uow.session.execute(
            insert(work_order_assignees).values(
                work_order_id=plan.orders["B"], person_id=plan.people["E4"]
            )
        )
    e4 = _rows(schedule(db, date(2026, 6, 1), date(2026, 6, 7)))["E4"]
    assert (e4.planned, e4.capacity, e4.overloaded) == (5, 0, True)
    assert e4.sending_body == "秋田市" and _titles(e4) == ["台帳整備 B"]
    assert all(e4.day_overloaded(date(2026, 6, d)) for d in range(1, 6))
    assert not e4.day_overloaded(date(2026, 6, 6))  # a Saturday holds no load


def test_filters_by_body_contract_and_name(db: Database, plan: Plan) -> None:
    def shown(**kw: object) -> list[str]:
        return [r.employee_no for r in schedule(db, *WEEK, ScheduleFilter(**kw)).rows]  # type: ignore[arg-type]

    assert shown(organization_id=plan.bodies["052027"]) == ["E3"]
    assert shown(organization_id=plan.bodies["ONE-AQITA"]) == ["E2"]
    assert shown(organization_id=plan.bodies["052019"]) == ["E1"]
    assert shown(contract_id=plan.contracts["K-1"]) == ["E1", "E2"]
    assert shown(text="さとう") == ["E1"] and shown(text="ハナコ") == ["E1"]
    assert shown(text="鈴木 次郎") == ["E3"] and shown(text="E2") == ["E2"]
    for hostile in ("=1+1", "%", "_", "\x00", "'; DROP TABLE people; --", "佐" * 10_000):
        assert shown(text=hostile) == []
    k2 = schedule(db, *WEEK, ScheduleFilter(contract_id=plan.contracts["K-2"]))
    assert [r.employee_no for r in k2.rows] == ["E3"] and _titles(k2.rows[0]) == ["点検監理 D"]
    # The load is the person's whole load, whatever the contract filter shows.
    e2 = schedule(db, *WEEK, ScheduleFilter(contract_id=plan.contracts["K-1"])).rows[1]
    assert (e2.planned, e2.overloaded) == (6, True)


def test_pages_of_people(db: Database, plan: Plan) -> None:
    first = schedule(db, *WEEK, limit=2)
    assert [r.employee_no for r in first.rows] == ["E1", "E2"] and first.total_people == 3
    rest = schedule(db, *WEEK, offset=2, limit=2)
    assert [r.employee_no for r in rest.rows] == ["E3"] and rest.total_people == 3


def test_a_week_without_working_days_has_no_load(db: Database, plan: Plan) -> None:
    # 2026-12-28 (Mon) … 2027-01-03: only the 28th is a working day (closure from the 29th).
    assert working_days(date(2026, 12, 29), date(2027, 1, 3)) == 0
    rows = _rows(schedule(db, date(2026, 12, 29), date(2027, 1, 3)))
    assert rows["E2"].capacity == 0 and rows["E2"].planned == 0


def test_organization_choices_list_home_and_sending_bodies(db: Database, plan: Plan) -> None:
    codes = [code for _, code, _ in organization_choices(db)]
    assert codes == ["052019", "052027", "ONE-AQITA"]


def test_an_order_with_only_a_start_is_one_day(db: Database, plan: Plan) -> None:
    one = order(db, "単日 作業", date(2026, 5, 26), date(2026, 5, 26), ("E3",))
    with db.unit_of_work(ADMIN) as uow:  # as an import may store it: no planned end
        uow.session.execute(update(WorkOrder).where(WorkOrder.id == one).values(planned_end=None))
    e3 = _rows(schedule(db, *WEEK))["E3"]
    shown = [o for o in e3.orders if o.id == one]
    assert [(o.planned_start, o.planned_end) for o in shown] == [(date(2026, 5, 26),) * 2]
    assert e3.day_planned == {date(2026, 5, 26): 1} and e3.planned == 1
    assert _rows(schedule(db, date(2026, 5, 27), date(2026, 5, 31)))["E3"].planned == 0
