"""Planning 10,000 inspection orders (50,000 pipes, five districts, five fiscal years, five
pipes an order) through create_plan on SQLite, beside raw sqlite3 executemany of the same
rows (the orders, their asset links, their events and their audit entries) into a copy of
the same database, in one transaction. create_plan does more than the baseline: it reads and
levels the assets, checks the plan, numbers the orders and builds their search index.

Run: .venv/bin/pytest -m bench tests/bench/test_inspection_plan_bench.py -s

ONEAQITA_BENCH_PLAN_ORDERS sets the orders (default 10,000), ONEAQITA_BENCH_PLAN_REPS the
repetitions (default 3). Every repetition starts from a copy of the same prepared file.
"""

import os
import shutil
import sqlite3
import time
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, insert, select

from oneaqita.db.engine import make_engine
from oneaqita.db.migrate import upgrade
from oneaqita.models import Asset, AssetKind, WorkOrder
from oneaqita.services.contracts import upsert_contract
from oneaqita.services.database import Database
from oneaqita.services.inspection_planning import PlanRequest, create_plan, preview_plan
from oneaqita.services.records import ContractData
from tests.bench.timing import Table, Timed, interleaved, ms, publish, ratio
from tests.staffing_builders import ADMIN, COORDINATOR, add_bodies

pytestmark = pytest.mark.bench

ORDERS = int(os.environ.get("ONEAQITA_BENCH_PLAN_ORDERS", "10000"))
REPS = int(os.environ.get("ONEAQITA_BENCH_PLAN_REPS", "3"))
PER_ORDER, YEARS, DISTRICTS = 5, 5, ("旭北", "土崎", "八橋", "新屋", "牛島")
START = date(2025, 4, 1)  # planned as if on the contract's first day: five whole years
TABLES = ("work_orders", "work_order_assets", "work_order_events", "audit_log")


def _prepared(folder: Path) -> tuple[Path, int]:
    path = folder / "prepared.sqlite3"
    db = Database(make_engine(f"sqlite:///{path}"))
    upgrade(db.engine)
    bodies = add_bodies(db)
    with db.unit_of_work(COORDINATOR) as uow:
        data = ContractData("K-1", "秋田市", "管路点検", START, date(2030, 3, 31), 1)
        contract = upsert_contract(uow, data)[0]
    with db.unit_of_work(ADMIN) as uow:
        uow.session.execute(
            insert(Asset),
            [
                {
                    "code": f"052019-P-{i:06d}",
                    "kind": AssetKind.PIPE,
                    "owner_id": bodies["052019"],
                    "district": DISTRICTS[i % len(DISTRICTS)],
                    "installed_year": 1960 + i % 50,
                    "length_m": Decimal(20 + i % 40),
                    "service_life_years": 50,
                }
                for i in range(ORDERS * PER_ORDER)
            ],
        )
    db.dispose()
    return path, contract


def _copy(source: Path, name: str) -> Path:
    target = source.with_name(name)
    for suffix in ("", "-wal", "-shm"):
        Path(f"{target}{suffix}").unlink(missing_ok=True)
    shutil.copyfile(source, target)
    return target


def _table_rows(path: Path) -> dict[str, tuple[list[str], list[tuple[Any, ...]]]]:
    """What create_plan wrote, table by table (columns and rows, ids left to the database)."""
    conn = sqlite3.connect(path)
    try:
        out = {}
        for table in TABLES:
            where = " WHERE entity = 'work_orders'" if table == "audit_log" else ""
            cursor = conn.execute(f"SELECT * FROM {table}{where}")  # noqa: S608 - fixed names
            columns = [d[0] for d in cursor.description]
            out[table] = (columns, cursor.fetchall())
        return out
    finally:
        conn.close()


def test_planning_ten_thousand_orders_against_raw_executemany(tmp_path: Path) -> None:
    source, contract = _prepared(tmp_path)
    request = PlanRequest(contract, per_order=PER_ORDER)
    written: dict[str, Any] = {}

    def ours() -> Timed:
        path = _copy(source, "ours.sqlite3")
        db = Database(make_engine(f"sqlite:///{path}"))
        plan = preview_plan(db, request, START)  # what the dialog shows first (not timed)
        t0 = time.perf_counter()
        create_plan(db, COORDINATOR, request, plan.token, today=START)
        elapsed = time.perf_counter() - t0
        with db.read() as s:
            created = s.scalar(select(func.count()).select_from(WorkOrder))
        db.dispose()
        written["rows"] = _table_rows(path)
        return Timed(elapsed, created)

    def raw() -> Timed:
        path = _copy(source, "raw.sqlite3")
        rows = written["rows"]
        conn = sqlite3.connect(path, isolation_level=None)
        try:
            t0 = time.perf_counter()
            conn.execute("BEGIN IMMEDIATE")
            for table in TABLES:
                columns, values = rows[table]
                marks = ", ".join("?" for _ in columns)
                conn.executemany(
                    f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({marks})",  # noqa: S608
                    values,
                )
            conn.execute("COMMIT")
            elapsed = time.perf_counter() - t0
            return Timed(elapsed, conn.execute("SELECT count(*) FROM work_orders").fetchone()[0])
        finally:
            conn.close()

    ours_sample, raw_sample = interleaved(ours, raw, reps=REPS, warmup=0)
    assert ours_sample.result == raw_sample.result == ORDERS
    rows = written["rows"]
    table = Table(
        f"inspection planning: {ORDERS:,} orders of {PER_ORDER} pipes over {YEARS} years, SQLite"
        " (ms; ratio = create_plan / raw sqlite3)",
        ["case", "create_plan", "raw executemany", "ratio"],
    )
    table.add(
        "create the plan",
        ms(ours_sample.median),
        ms(raw_sample.median),
        ratio(ours_sample.median, raw_sample.median),
    )
    table.notes.append(
        f"medians of {REPS}, each on a copy of the same file; rows written: "
        + ", ".join(f"{t} {len(rows[t][1]):,}" for t in TABLES)
    )
    table.notes.append(
        "create_plan also reads and levels the assets, checks the plan against the preview, "
        "numbers the orders and builds their search index; the raw side only inserts"
    )
    publish(table)
