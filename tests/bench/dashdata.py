"""The dashboard benchmark's database: bigdata.py's 500,000 work orders and 500,000 assets,
plus what the dashboard reads and bigdata.py leaves out — findings on the surveyed orders'
assets, 1,400 seconded people from the 17 bodies (some leaving within 90 days of TODAY) and
two time entries per person and working day from April 2023 to March 2026 (2,000,000 and
more), and a manager to read it. Added by INSERT … SELECT, so the database does the work
(about a minute on SQLite) and the rows are the same on both databases.

The figures are not believable, only the row counts and their spread.
"""

import hashlib
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import text

from oneaqita.db.engine import make_engine
from oneaqita.services.work_order_attention import fold_urgent
from oneaqita.workdays import is_working_day

TODAY = date(2026, 3, 31)
FIRST_DAY, LAST_DAY = date(2023, 4, 1), date(2026, 3, 31)
PEOPLE_FROM, PEOPLE = 1001, 1_400
BODIES = 17  # bigdata.py's organizations
MANAGER = "bench-manager"
NOW = datetime(2026, 4, 1, tzinfo=UTC).replace(tzinfo=None)


def fingerprint() -> str:
    return hashlib.sha1(Path(__file__).read_bytes()).hexdigest()[:10]


def _days() -> list[date]:
    span = (LAST_DAY - FIRST_DAY).days + 1
    days = (FIRST_DAY + timedelta(days=i) for i in range(span))
    return [d for d in days if is_working_day(d)]


STATEMENTS = (
    # Findings: one on every other link of an order in progress, completed or accepted.
    """
    INSERT INTO findings (work_order_id, asset_id, category, rank, urgency, note,
                          version, created_at, updated_at)
    SELECT x.work_order_id, x.asset_id,
           CASE x.asset_id % 5 WHEN 0 THEN '腐食' WHEN 1 THEN '破損' WHEN 2 THEN 'クラック'
                               WHEN 3 THEN '浸入水' ELSE 'たるみ' END,
           CASE (x.asset_id / 5) % 3 WHEN 0 THEN 'a' WHEN 1 THEN 'b' ELSE 'c' END,
           CASE x.work_order_id % 4 WHEN 0 THEN NULL WHEN 1 THEN 'I' WHEN 2 THEN 'II'
                                    ELSE 'III' END,
           NULL, 1, :now, :now
    FROM work_order_assets x JOIN work_orders w ON w.id = x.work_order_id
    WHERE w.status IN ('in_progress', 'completed', 'accepted') AND x.asset_id % 2 = 0
    """,
    # Everyone from 2023-04-01; every 20th leaves on 2026-05-15 (within 90 days of TODAY).
    """
    INSERT INTO secondments (person_id, from_organization_id, kind, start_date, end_date,
                             position, salary_borne_by_company_pct, version,
                             created_at, updated_at)
    SELECT p.id, p.home_organization_id, 'on_roll', :first_day,
           CASE WHEN p.id % 20 = 0 THEN :leaves END, '主任', 100, 1, :now, :now
    FROM people p WHERE p.id >= :first
    """,
    """
    INSERT INTO time_entries (person_id, work_date, minutes, category, status,
                              version, created_at, updated_at)
    SELECT p.id, d.day, 240 + ((p.id + d.n) % 5) * 30, 'office',
           CASE (p.id * 7 + d.n) % 11 WHEN 0 THEN 'returned' WHEN 1 THEN 'draft'
                WHEN 2 THEN 'submitted' ELSE 'approved' END,
           1, :now, :now
    FROM bench_days d CROSS JOIN people p WHERE p.id >= :first
    """,
    """
    INSERT INTO time_entries (person_id, work_date, minutes, category, status,
                              version, created_at, updated_at)
    SELECT p.id, d.day, 240 - ((p.id + d.n) % 5) * 30, 'training',
           CASE (p.id * 7 + d.n) % 11 WHEN 0 THEN 'returned' WHEN 1 THEN 'draft'
                WHEN 2 THEN 'submitted' ELSE 'approved' END,
           1, :now, :now
    FROM bench_days d CROSS JOIN people p WHERE p.id >= :first
    """,
    """
    INSERT INTO users (login, display_name, role, active, version, created_at, updated_at)
    VALUES (:manager, 'bench', 'manager', :yes, 1, :now, :now)
    """,
)


def add_to(url: str) -> dict[str, int]:
    """Add the dashboard's rows to the bigdata.py database at `url`; the row counts."""
    engine = make_engine(url)
    started = time.perf_counter()
    days = _days()
    params: dict[str, Any] = {
        "now": NOW,
        "first": PEOPLE_FROM,
        "first_day": FIRST_DAY,
        "leaves": date(2026, 5, 15),
        "manager": MANAGER,
        "yes": True,
    }
    with engine.begin() as conn:
        conn.execute(text("CREATE TABLE bench_days (n INTEGER PRIMARY KEY, day DATE NOT NULL)"))
        conn.execute(
            text("INSERT INTO bench_days (n, day) VALUES (:n, :day)"),
            [{"n": n, "day": d} for n, d in enumerate(days)],
        )
        conn.execute(
            text(
                "INSERT INTO people (id, employee_no, name, home_organization_id, version,"
                " created_at, updated_at) VALUES (:id, :no, :name, :home, 1, :now, :now)"
            ),
            [
                {
                    "id": i,
                    "no": f"S{i:05d}",
                    "name": f"出向者{i:05d}",
                    "home": i % BODIES + 1,
                    "now": NOW,
                }
                for i in range(PEOPLE_FROM, PEOPLE_FROM + PEOPLE)
            ],
        )
        for statement in STATEMENTS:
            conn.execute(text(statement), params)
        conn.execute(text("DROP TABLE bench_days"))
        fold_urgent(conn)  # the findings and links noted their assets (migration 0024)
        counts = {
            table: int(conn.execute(text(f"SELECT count(*) FROM {table}")).scalar_one())
            for table in ("findings", "secondments", "time_entries", "assets", "work_orders")
        }
    with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
        conn.exec_driver_sql("ANALYZE" if engine.dialect.name == "sqlite" else "VACUUM ANALYZE")
    engine.dispose()
    print(f"added the dashboard's rows in {time.perf_counter() - started:.0f} s: {counts}")
    return counts
