"""The schedule (予定表) at DESIGN.md's scale: a week and a month of every assignee through
schedule_queries.schedule, against the hand-written SQL a naive implementation would send
through the bare driver (the overlap by COALESCE, the load by joining the days to the orders)
on the same database in the same run.

Run: .venv/bin/pytest -m bench tests/bench/test_schedule_bench.py -s

The generator spreads 500,000 orders evenly over two years, so a month holds far more of them
(~70,000) than the company's real few thousand: the medians are an upper bound. Assertions are
about results (the same orders on the same rows, the same load); never about absolute times.
"""

from datetime import date
from typing import Any

import pytest

from oneaqita.services.schedule_queries import Schedule, Span, period_of, schedule
from oneaqita.workdays import working_days_in
from tests.bench.backends import Backend
from tests.bench.timing import Table, interleaved, ms, publish, ratio

pytestmark = pytest.mark.bench

_FIRST = "COALESCE(wo.planned_start, wo.planned_end)"
_LAST = "COALESCE(wo.planned_end, wo.planned_start)"
ORDERS_SQL = (
    f"SELECT wa.person_id, wo.id, wo.version, wo.number, wo.title, wo.status, wo.priority, "
    f"{_FIRST}, {_LAST}, wo.contract_number, wo.client_code, o.name_ja, t.name_ja, t.name_en "
    "FROM work_order_assignees wa JOIN work_orders wo ON wo.id = wa.work_order_id "
    "JOIN contracts c ON c.id = wo.contract_id JOIN organizations o ON o.id = c.client_id "
    "JOIN work_types t ON t.code = wo.type "
    f"WHERE {_FIRST} <= ? AND {_LAST} >= ? AND wo.status <> 'cancelled' "
    f"ORDER BY wa.person_id, {_FIRST}, wo.number"
)


def load_sql(days: int) -> str:
    values = ", ".join("(?)" for _ in range(days))
    return (
        f"WITH days(day) AS (VALUES {values}) "
        "SELECT wa.person_id, d.day, count(*) FROM days d "
        f"JOIN work_orders wo ON {_FIRST} <= d.day AND {_LAST} >= d.day "
        "JOIN work_order_assignees wa ON wa.work_order_id = wo.id "
        "WHERE wo.status IN ('draft', 'planned', 'in_progress') GROUP BY wa.person_id, d.day"
    )


def _ours_result(s: Schedule) -> tuple[set[tuple[int, int]], dict[int, int]]:
    pairs = {(r.person_id, o.id) for r in s.rows for o in r.orders}
    return pairs, {r.person_id: r.planned for r in s.rows if r.planned}


@pytest.mark.parametrize("span", [Span.WEEK, Span.MONTH])
def test_schedule_of_everyone(backend: Backend, span: Span) -> None:
    start, end = period_of(span, date(2025, 10, 15))
    days = list(working_days_in(start, end))
    day_params: list[Any] = [d if backend.name != "SQLite" else d.isoformat() for d in days]
    edge: list[Any] = (
        [end, start] if backend.name != "SQLite" else [end.isoformat(), start.isoformat()]
    )

    def ours() -> tuple[set[tuple[int, int]], dict[int, int]]:
        return _ours_result(schedule(backend.db, start, end))

    def base() -> tuple[set[tuple[int, int]], dict[int, int]]:
        pairs = {(r[0], r[1]) for r in backend.rows(ORDERS_SQL, edge)}
        planned: dict[int, int] = {}
        for person, _day, count in backend.rows(load_sql(len(days)), day_params):
            planned[person] = planned.get(person, 0) + int(count)
        return pairs, planned

    o, r = interleaved(ours, base)
    table = Table(
        f"Schedule ({backend.name}): a {span.value} of every assignee "
        f"({len(o.result[0]):,} bars) — service vs {backend.driver}",
        ["step", "ours ms", "baseline ms", "ratio"],
    )
    table.add(f"{start} … {end}", ms(o.median), ms(r.median), ratio(o.median, r.median))
    backend.explain_if_slow(table, span.value, o.median, ours)
    publish(table)
    assert o.result == r.result, "service and hand-written SQL disagree on bars or load"
    assert o.result[0], "no orders in the period: the benchmark measures nothing"
