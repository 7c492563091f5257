"""A kill in the middle of planning writes nothing: a child process plans into an SQLite file,
says through its progress callback that the orders' insert has run (inside the unit of work)
and waits; the test SIGKILLs it there and finds no order, no asset link, no event, no audit
entry, a sound file, and a plan that then creates normally."""

import os
import signal
import subprocess
import sys
import time
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import func, select, text

from oneaqita.models import AssetKind, AuditEntry, WorkOrder, WorkOrderEvent
from oneaqita.models import work_order_assets as woa
from oneaqita.services.database import Database
from oneaqita.services.inspection_planning import PlanRequest, create_plan, preview_plan
from tests.db.test_inspection_planning import TODAY, add_contract, add_pipes
from tests.staffing_builders import COORDINATOR, add_bodies

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")

ROOT = Path(__file__).resolve().parents[2]
CHILD = """
import os, sys, time
from datetime import date
from pathlib import Path
from oneaqita.db.engine import make_engine
from oneaqita.services.database import Database
from oneaqita.services.inspection_planning import PlanRequest, create_plan
from tests.staffing_builders import COORDINATOR

url, ready, contract_id = sys.argv[1], Path(sys.argv[2]), int(sys.argv[3])

def progress(stage, done, total):
    if done and not ready.exists():
        # Written whole, then renamed: the test must never read a file still being written.
        ready.with_suffix(".part").write_text(f"{stage} {done}/{total}")
        os.replace(ready.with_suffix(".part"), ready)
        time.sleep(600)  # killed here, the transaction open

create_plan(Database(make_engine(url)), COORDINATOR, PlanRequest(contract_id, per_order=1),
            None, progress, date(2025, 4, 1))
"""


def _written(db: Database) -> list[int]:
    with db.read() as s:
        return [
            s.scalar(select(func.count()).select_from(WorkOrder)) or 0,
            s.scalar(select(func.count()).select_from(woa)) or 0,
            s.scalar(select(func.count()).select_from(WorkOrderEvent)) or 0,
            s.scalar(select(func.count()).where(AuditEntry.entity == "work_orders")) or 0,
        ]


def test_a_kill_while_writing_leaves_nothing(
    sqlite_db: Database, sqlite_url: str, tmp_path: Path
) -> None:
    db = sqlite_db
    bodies = add_bodies(db)
    contract = add_contract(db, "K-1", date(2025, 4, 1), date(2030, 3, 31))
    pipes = [
        {"code": f"P{i:05d}", "kind": AssetKind.PIPE, "length_m": Decimal(20)} for i in range(5000)
    ]
    add_pipes(db, bodies["052019"], pipes)
    ready = tmp_path / "ready"
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    child = subprocess.Popen(
        [sys.executable, "-c", CHILD, sqlite_url, str(ready), str(contract)], cwd=ROOT, env=env
    )
    try:
        deadline = time.monotonic() + 120
        while not ready.exists():
            assert child.poll() is None, "the child ended before writing"
            assert time.monotonic() < deadline, "the child never reported its first insert"
            time.sleep(0.05)
        assert ready.read_text().startswith("作業を作成しています 2000/5000")
        os.kill(child.pid, signal.SIGKILL)
        assert child.wait(30) == -signal.SIGKILL
    finally:
        if child.poll() is None:
            child.kill()
            child.wait()
    db.dispose()  # read the file afresh, as the next start of the app would
    after = Database(db.engine)
    assert _written(after) == [0, 0, 0, 0]
    with after.engine.connect() as conn:
        assert conn.execute(text("PRAGMA integrity_check")).scalar() == "ok"
    request = PlanRequest(contract, per_order=1)
    plan = preview_plan(after, request, TODAY)
    create_plan(after, COORDINATOR, request, plan.token, today=TODAY)
    assert _written(after) == [5000, 5000, 5000, 5000]
