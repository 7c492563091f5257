"""The whole dashboard (issue #11: < 0.5 s at 500,000 assets and 2,000,000 hours) against the
hand-written statements of the same aggregates through the bare driver, on SQLite and
PostgreSQL, on bigdata.py's database with dashdata.py's findings, secondments and hours."""

import os
import shutil
import sqlite3
from collections.abc import Callable, Iterator
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import make_url

from oneaqita.fiscal import fiscal_year
from oneaqita.models import User
from oneaqita.reports.contract_progress import contract_progress
from oneaqita.reports.dashboard_figures import (
    Dashboard,
    dashboard,
    hours_against_capacity,
    open_orders,
    overdue_orders,
    secondments_ending,
    urgent_findings,
)
from oneaqita.services.actor import Actor
from oneaqita.services.database import Database
from oneaqita.workdays import working_days_in
from tests.bench import dashdata
from tests.bench.conftest import (
    ORDERS,
    TMP,
    _build_lock,
    _label,
    _remove_sqlite,
    cached_pg,
    cached_pg_database,
    cached_sqlite,
    fingerprint,
)
from tests.bench.timing import Table, interleaved, ms, publish, ratio

pytestmark = pytest.mark.bench

TODAY = dashdata.TODAY
TARGET_MS = 500.0
MAX_RATIO = 1.5  # ours over the same statements through the bare driver
OPEN = "('draft', 'planned', 'in_progress')"

OPEN_ORDERS = f"""
SELECT o.id, o.code, o.name_ja, w.status, count(*)
FROM work_orders w JOIN contracts c ON c.id = w.contract_id
JOIN organizations o ON o.id = c.client_id
WHERE w.status IN {OPEN}
GROUP BY o.id, o.code, o.name_ja, w.status
"""
OVERDUE = f"""
SELECT o.id, o.code, o.name_ja, count(*), min(w.planned_end)
FROM work_orders w JOIN contracts c ON c.id = w.contract_id
JOIN organizations o ON o.id = c.client_id
WHERE w.status IN {OPEN} AND w.planned_end < :today
GROUP BY o.id, o.code, o.name_ja
"""
URGENT = """
SELECT f.id, f.work_order_id, f.asset_id
FROM findings f JOIN work_orders w ON w.id = f.work_order_id
WHERE w.status IN ('in_progress', 'completed', 'accepted')
  AND (f.urgency = 'I' OR (f.urgency IS NULL AND (
        EXISTS (SELECT 1 FROM findings g WHERE g.work_order_id = f.work_order_id
                AND g.asset_id = f.asset_id AND g.rank = 'a'
                AND g.category IN ('腐食', 'たるみ'))
        OR (SELECT count(*) FROM findings g WHERE g.work_order_id = f.work_order_id
                AND g.asset_id = f.asset_id AND g.rank = 'a'
                AND g.category NOT IN ('腐食', 'たるみ')) >= 2)))
  AND NOT EXISTS (
        SELECT 1 FROM work_order_assets x JOIN work_orders n ON n.id = x.work_order_id
        WHERE x.asset_id = f.asset_id AND n.id <> f.work_order_id AND n.status <> 'cancelled'
          AND (coalesce(n.actual_start, n.planned_start) IS NULL
               OR coalesce(n.actual_start, n.planned_start) >= coalesce(
                    w.actual_end, w.actual_start, w.planned_end, w.planned_start, :long_ago)))
"""
# What the app reads (migration 0024): the kept rows of the assets without notes, the rule
# computed for the noted ones (none once the builders have folded).
URGENT_READ = f"""
SELECT finding_id AS id, work_order_id, asset_id FROM urgent_findings
WHERE asset_id NOT IN (SELECT asset_id FROM urgent_changes)
UNION ALL
{URGENT} AND f.asset_id IN (SELECT asset_id FROM urgent_changes)
"""
URGENT_COUNTS = """
WITH u AS ({found})
SELECT NULL, NULL, NULL, count(*), count(DISTINCT u.work_order_id), count(DISTINCT u.asset_id)
FROM u
UNION ALL
SELECT o.id, o.code, o.name_ja, count(*), 0, count(DISTINCT u.asset_id)
FROM u JOIN assets a ON a.id = u.asset_id JOIN organizations o ON o.id = a.owner_id
GROUP BY o.id, o.code, o.name_ja
"""
HOURS = """
SELECT s.from_organization_id, sum(t.minutes)
FROM secondments s JOIN time_entries t
  ON t.person_id = s.person_id AND t.work_date >= :first AND t.work_date <= :last
 AND t.work_date >= s.start_date AND (s.end_date IS NULL OR t.work_date <= s.end_date)
 AND t.status <> 'returned'
WHERE s.start_date <= :last AND (s.end_date IS NULL OR s.end_date >= :first)
GROUP BY s.from_organization_id
"""
CAPACITY = """
SELECT s.from_organization_id, count(DISTINCT s.id), count(*),
       sum(CASE WHEN d.day <= :today THEN 1 ELSE 0 END)
FROM secondments s JOIN ({days}) d
  ON d.day >= s.start_date AND (s.end_date IS NULL OR s.end_date >= d.day)
GROUP BY s.from_organization_id
"""
LEAVING = """
SELECT s.id, p.id, p.employee_no, p.name, o.name_ja, s.kind, s.position, s.end_date
FROM secondments s JOIN organizations o ON o.id = s.from_organization_id
JOIN people p ON p.id = s.person_id
WHERE s.end_date BETWEEN :today AND :until
ORDER BY s.end_date, o.code, p.employee_no
"""
CONTRACTS = """
SELECT c.id, c.number, c.title, c.client_id, o.code, o.name_ja, c.amount_yen
FROM contracts c JOIN organizations o ON o.id = c.client_id
WHERE c.start_date <= :fy_last AND c.end_date >= :fy_first ORDER BY c.number
"""
PROGRESS = """
SELECT w.contract_id, w.status,
       sum(CASE WHEN coalesce(w.planned_start, w.actual_start) BETWEEN :fy_first AND :fy_last
           THEN 1 ELSE 0 END),
       count(*)
FROM work_orders w
WHERE w.contract_id IN (SELECT id FROM contracts
                        WHERE start_date <= :fy_last AND end_date >= :fy_first)
GROUP BY w.contract_id, w.status
"""


def _stamp() -> str:
    return f"{fingerprint()}-{dashdata.fingerprint()}"


def _sqlite_path() -> Path:
    prefix = f"oneaqita-bench-dash-{_label(ORDERS)}-"
    path = TMP / f"{prefix}{_stamp()}.sqlite3"
    with _build_lock(prefix + "sqlite"):
        if path.exists():
            return path
        source = cached_sqlite()
        for stale in TMP.glob(f"{prefix}*.sqlite3"):
            _remove_sqlite(stale)
        building = path.with_name(path.name + ".building")
        _remove_sqlite(building)
        shutil.copyfile(source, building)
        dashdata.add_to(f"sqlite:///{building.as_posix()}")
        conn = sqlite3.connect(building)
        conn.execute("PRAGMA journal_mode = DELETE")
        conn.close()
        os.replace(building, path)
    return path


def _pg_url() -> str:
    source = make_url(cached_pg()).database
    return cached_pg_database(
        f"oneaqita_bench_dash_{_label(ORDERS)}", _stamp(), dashdata.add_to, template=source
    )


@pytest.fixture(scope="module", params=["sqlite", pytest.param("postgresql", marks=pytest.mark.pg)])
def setup(request: pytest.FixtureRequest) -> Iterator[tuple[str, Database, Any]]:
    if request.param == "sqlite":
        path = _sqlite_path()
        db = Database.open(f"sqlite:///{path.as_posix()}")
        raw: Any = sqlite3.connect(path)
        yield "SQLite", db, raw
    else:
        import psycopg

        url = _pg_url()
        db = Database.open(url)
        info = make_url(url).set(drivername="postgresql").render_as_string(False)
        raw = psycopg.connect(info, autocommit=True)
        yield "PostgreSQL", db, raw
    raw.close()
    db.dispose()


def _manager(db: Database) -> Actor:
    with db.read() as session:
        return Actor.of(session.query(User).filter_by(login=dashdata.MANAGER).one())


class Raw:
    """The hand-written statements through the bare driver: named parameters as the driver
    spells them, dates as SQLite stores them (ISO text) or as psycopg sends them."""

    def __init__(self, name: str, raw: Any) -> None:
        self.name, self.raw = name, raw

    def run(self, sql: str, **params: Any) -> list[Any]:
        if self.name == "SQLite":
            values = {k: v.isoformat() if isinstance(v, date) else v for k, v in params.items()}
            return list(self.raw.execute(sql, values).fetchall())
        for key in sorted(params, key=len, reverse=True):  # :d10 before :d1
            sql = sql.replace(f":{key}", f"%({key})s")
        return list(self.raw.execute(sql, params).fetchall())


def baseline(raw: Raw) -> dict[str, Any]:
    first, last = TODAY.replace(day=1), date(2026, 3, 31)
    days = list(working_days_in(first, last))
    cast = "" if raw.name == "SQLite" else "::date"
    day_sql = " UNION ALL ".join(f"SELECT :d{i}{cast} AS day" for i in range(len(days)))
    fy_first, fy_last = date(2025, 4, 1), date(2026, 3, 31)
    return {
        "open": raw.run(OPEN_ORDERS),
        "overdue": raw.run(OVERDUE, today=TODAY),
        "urgent": raw.run(URGENT_COUNTS.format(found=URGENT_READ), long_ago=date(1900, 1, 1)),
        "capacity": raw.run(
            CAPACITY.format(days=day_sql),
            today=TODAY,
            **{f"d{i}": d for i, d in enumerate(days)},
        ),
        "hours": raw.run(HOURS, first=first, last=last),
        "leaving": raw.run(LEAVING, today=TODAY, until=TODAY + timedelta(days=90)),
        "contracts": raw.run(CONTRACTS, fy_first=fy_first, fy_last=fy_last),
        "progress": raw.run(PROGRESS, fy_first=fy_first, fy_last=fy_last),
    }


def assert_same_figures(board: Dashboard, rows: dict[str, Any]) -> None:
    """Every figure of every tile, per body, equals the hand-written statements' rows."""
    open_rows: dict[int, dict[str, int]] = {}
    for oid, _code, _name, status, n in rows["open"]:
        open_rows.setdefault(oid, {})[status] = int(n)
    assert {
        b.client_id: {s.value: n for s, n in b.counts.items() if n}
        for b in board.open_orders.bodies
    } == open_rows
    assert {(b.client_id, b.orders, b.oldest_end) for b in board.overdue.bodies} == {
        (oid, int(n), _day(end)) for oid, _c, _n, n, end in rows["overdue"]
    }
    totals = next(r for r in rows["urgent"] if r[0] is None)
    assert (board.urgent.findings, board.urgent.orders, board.urgent.assets) == tuple(totals[3:])
    assert {(b.owner_id, b.findings, b.assets) for b in board.urgent.bodies} == {
        (r[0], r[3], r[5]) for r in rows["urgent"] if r[0] is not None
    }
    minutes = {oid: int(m or 0) for oid, m in rows["hours"]}
    assert {b.organization_id: b.minutes for b in board.hours.bodies if b.minutes} == {
        oid: m for oid, m in minutes.items() if m
    }
    assert {
        b.organization_id: (b.people, b.capacity_minutes, b.capacity_to_date_minutes)
        for b in board.hours.bodies
        if b.capacity_minutes
    } == {oid: (int(p), int(d) * 465, int(t or 0) * 465) for oid, p, d, t in rows["capacity"]}
    assert [r.secondment_id for r in board.leaving.rows] == [r[0] for r in rows["leaving"]]
    assert [c.contract_id for c in board.contracts.contracts] == [r[0] for r in rows["contracts"]]
    in_year: dict[int, dict[str, int]] = {}
    for cid, status, year, _every in rows["progress"]:
        if year:
            in_year.setdefault(cid, {})[status] = int(year)
    assert {
        c.contract_id: {s.value: n for s, n in c.counts.items() if n}
        for c in board.contracts.contracts
        if c.orders
    } == in_year
    assert board.contracts.done == sum(
        r[2] for r in rows["progress"] if r[1] in ("completed", "accepted")
    )


def _day(value: Any) -> date:
    return value if isinstance(value, date) else date.fromisoformat(value)


def tiles(db: Database) -> dict[str, Callable[[], Any]]:
    """Each tile's figures on its own, to see where the time goes."""
    return {
        "open orders": lambda: open_orders(db),
        "overdue": lambda: overdue_orders(db, TODAY),
        "urgency I not acted on": lambda: urgent_findings(db),
        "hours against capacity": lambda: hours_against_capacity(db, TODAY),
        "secondments ending": lambda: secondments_ending(db, TODAY),
        "contract progress": lambda: contract_progress(db, fiscal_year(TODAY)),
    }


def test_the_whole_dashboard(setup: tuple[str, Database, Any]) -> None:
    name, db, conn = setup
    manager = _manager(db)
    raw = Raw(name, conn)
    counts = {
        t: raw.run(f"SELECT count(*) FROM {t}")[0][0]
        for t in ("assets", "work_orders", "findings", "time_entries")
    }

    def ours() -> Dashboard:
        return dashboard(db, manager, TODAY)

    mine, base = interleaved(ours, lambda: baseline(raw))
    board, rows = mine.result, base.result
    assert_same_figures(board, rows)
    # The kept rows are the rule's: its hand-written statement over every finding, once.
    ruled = raw.run(URGENT_COUNTS.format(found=URGENT), long_ago=date(1900, 1, 1))
    assert sorted(ruled, key=repr) == sorted(rows["urgent"], key=repr)
    table = Table(
        f"Dashboard on {TODAY} ({name}: {counts['assets']:,} assets, "
        f"{counts['work_orders']:,} work orders, {counts['findings']:,} findings, "
        f"{counts['time_entries']:,} time entries)",
        ["case", "ours ms", f"raw {'sqlite3' if name == 'SQLite' else 'psycopg'} ms", "ratio"],
    )
    table.add(
        "dashboard (6 tiles, 9 statements) vs the same SQL",
        ms(mine.median),
        ms(base.median),
        ratio(mine.median, base.median),
    )
    for tile, run in tiles(db).items():
        (alone,) = interleaved(run, reps=3)
        table.add(f"  {tile} alone", ms(alone.median), "", "")
    if hasattr(os, "getloadavg"):  # not on Windows
        table.notes.append(f"load average {' / '.join(f'{x:.1f}' for x in os.getloadavg())}")
    table.notes.append(
        f"issue #11's target: < {TARGET_MS:.0f} ms; the bulk is the same SQL's own time, "
        "so the ratio is what this run can hold on a shared machine"
    )
    publish(table)
    assert counts["time_entries"] >= 2_000_000 or ORDERS < 500_000
    assert mine.median < MAX_RATIO * base.median, f"{name}: {mine.median:.0f} ms"
