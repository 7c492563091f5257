"""A month's settlement for all sending bodies at 2,000,000 time entries (issue #10: < 1 s,
aggregated by SQL), against one hand-written GROUP BY over the same rows through the bare
driver, on SQLite and PostgreSQL."""

import os
import sqlite3
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import make_url

from oneaqita.models import Role, User
from oneaqita.reports.settlement_figures import settlement_figures
from oneaqita.services.actor import SYSTEM_ACTOR, Actor
from oneaqita.services.database import Database
from tests.bench import timedata
from tests.bench.conftest import TMP, _build_lock, _remove_sqlite, cached_pg_database
from tests.bench.timing import Table, interleaved, ms, publish, ratio

pytestmark = pytest.mark.bench

MONTH = date(2025, 6, 1)
FIRST, LAST = "2025-06-01", "2025-06-30"
TARGET_MS = 1000.0

# The same rows the service sums: each secondment of the month with its person's entries
# inside both the month and the secondment, returned ones left out.
BASELINE = """
SELECT s.id,
       count(DISTINCT CASE WHEN t.minutes > 0 THEN t.work_date END),
       sum(t.minutes),
       sum(CASE WHEN t.status = 'approved' THEN t.minutes ELSE 0 END)
FROM secondments s
JOIN time_entries t
  ON t.person_id = s.person_id
 AND t.work_date >= ? AND t.work_date <= ?
 AND t.work_date >= s.start_date
 AND (s.end_date IS NULL OR t.work_date <= s.end_date)
 AND t.status <> 'returned'
WHERE s.start_date <= ? AND (s.end_date IS NULL OR s.end_date >= ?)
GROUP BY s.id
"""


def _sqlite_path() -> Path:
    path = TMP / f"oneaqita-bench-time-{timedata.fingerprint()}.sqlite3"
    with _build_lock("oneaqita-bench-time-sqlite"):
        if path.exists():
            return path
        for stale in TMP.glob("oneaqita-bench-time-*.sqlite3"):
            _remove_sqlite(stale)
        building = path.with_name(path.name + ".building")
        _remove_sqlite(building)
        timedata.build_url(f"sqlite:///{building.as_posix()}")
        conn = sqlite3.connect(building)
        conn.execute("PRAGMA journal_mode = DELETE")
        conn.close()
        os.replace(building, path)
    return path


def _pg_url() -> str:
    return cached_pg_database("oneaqita_bench_time", timedata.fingerprint(), timedata.build_url)


def _manager(db: Database) -> Actor:
    with db.unit_of_work(SYSTEM_ACTOR) as uow:
        user = uow.session.query(User).filter_by(login="bench-manager").one_or_none()
        if user is None:
            user = User(login="bench-manager", display_name="bench", role=Role.MANAGER)
            uow.session.add(user)
            uow.session.flush()
        return Actor.of(user)


@pytest.fixture(scope="module", params=["sqlite", pytest.param("postgresql", marks=pytest.mark.pg)])
def setup(request: pytest.FixtureRequest) -> Iterator[tuple[str, Database, Any, str]]:
    if request.param == "sqlite":
        path = _sqlite_path()
        db = Database.open(f"sqlite:///{path.as_posix()}")
        raw: Any = sqlite3.connect(path)
        yield "SQLite", db, raw, "?"
    else:
        import psycopg

        url = _pg_url()
        db = Database.open(url)
        info = make_url(url).set(drivername="postgresql").render_as_string(False)
        raw = psycopg.connect(info, autocommit=True)
        yield "PostgreSQL", db, raw, "%s"
    raw.close()
    db.dispose()


def test_a_months_settlement_for_all_bodies(setup: tuple[str, Database, Any, str]) -> None:
    name, db, raw, mark = setup
    manager = _manager(db)
    sql = BASELINE.replace("?", mark)
    params: tuple[Any, ...] = (FIRST, LAST, LAST, FIRST)
    if name == "PostgreSQL":
        params = tuple(date.fromisoformat(p) for p in params)
    entries = raw.execute("SELECT count(*) FROM time_entries").fetchone()[0]

    def ours() -> Any:
        return settlement_figures(db, manager, MONTH)

    def baseline() -> Any:
        return raw.execute(sql, params).fetchall()

    mine, base = interleaved(ours, baseline)
    settlement = mine.result
    lines = [x for b in settlement.bodies for x in b.lines]
    # The same sums as the hand-written statement.
    assert sum(x.minutes for x in lines) == sum(r[2] for r in base.result)
    assert sum(x.approved_minutes for x in lines) == sum(r[3] for r in base.result)
    assert sum(x.days_worked for x in lines) == sum(r[1] for r in base.result)
    table = Table(
        f"Settlement of {MONTH:%Y-%m}, all bodies ({name}, {entries:,} time entries, "
        f"{len(settlement.bodies)} bodies, {len(lines)} lines)",
        ["case", "ours ms", f"raw {'sqlite3' if name == 'SQLite' else 'psycopg'} ms", "ratio"],
    )
    table.add(
        "settlement_figures vs one GROUP BY",
        ms(mine.median),
        ms(base.median),
        ratio(mine.median, base.median),
    )
    publish(table)
    assert entries >= timedata.ENTRIES
    assert mine.median < TARGET_MS, f"{name}: {mine.median:.0f} ms"
