"""A database whose audit log holds 1,000,000 entries, for the audit log viewer's benchmark:
40 users (a few busy ones, most occasional, one who wrote 40 entries in all), every table of
Entity (work orders and time entries the most), records by id, two years of entries, and
before/after JSON as the services write it (Japanese escaped). Built with Core inserts and
cached apart from the other benchmark databases.

The contents are not believable, only the counts and their spread over users, tables and time.
"""

import hashlib
import random
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import insert

from oneaqita.db.engine import make_engine
from oneaqita.db.migrate import MIGRATIONS_DIR, upgrade
from oneaqita.models import AuditEntry, Role, User
from oneaqita.services.changes import Entity

ENTRIES = 1_000_000
USERS = 40
RARE_USER = USERS  # wrote RARE_ENTRIES entries, spread over the two years
RARE_ENTRIES = 40
START = datetime(2024, 4, 1, tzinfo=UTC)
SPAN = timedelta(days=730)
BATCH = 20_000
# How often each table is written (weights); users and the database itself are rare.
WEIGHTS = {
    Entity.WORK_ORDERS: 40,
    Entity.TIME_ENTRIES: 30,
    Entity.TIMESHEET_WEEKS: 8,
    Entity.FINDINGS: 6,
    Entity.ASSETS: 5,
    Entity.PEOPLE: 3,
    Entity.CONTRACTS: 2,
    Entity.SECONDMENTS: 2,
    Entity.FINDING_ATTACHMENTS: 1,
    Entity.ORGANIZATIONS: 1,
    Entity.SHAREHOLDINGS: 1,
    Entity.WORK_TYPES: 1,
}
RARE_ENTITY = Entity.USERS  # about 200 entries


def fingerprint() -> str:
    digest = hashlib.sha1(Path(__file__).read_bytes())
    for source in sorted(MIGRATIONS_DIR.glob("versions/*.py")):
        digest.update(source.name.encode() + source.read_bytes())
    return digest.hexdigest()[:10]


def _entry(rnd: random.Random, at: datetime, user: int, entity: Entity) -> dict[str, Any]:
    record = rnd.randrange(1, 50_000)
    action = rnd.choice(("update", "update", "update", "create", "delete"))
    before = None if action == "create" else {"title": f"点検{record}", "version": 1}
    after = None if action == "delete" else {"title": f"点検{record}改", "version": 2}
    return {
        "at": at,
        "user_id": user,
        "actor": f"user{user:02d}",
        "action": action,
        "entity": str(entity),
        "entity_id": record,
        "before": before,
        "after": after,
    }


def build_url(url: str, seed: int = 13) -> dict[str, int]:
    """Migrate the empty database at ``url`` and fill its audit log; the row counts."""
    rnd = random.Random(seed)
    engine = make_engine(url)
    upgrade(engine)
    started = time.perf_counter()
    tables = list(WEIGHTS)
    weights = [WEIGHTS[t] for t in tables]
    # Busy users first: user k writes about 1/k as much as user 1 (the rare one apart).
    user_weights = [1 / k for k in range(1, USERS)]
    step = SPAN / ENTRIES
    with engine.begin() as conn:
        conn.execute(
            insert(User.__table__),
            [
                {"id": u, "login": f"user{u:02d}", "display_name": f"利用者{u:02d}"}
                | {"role": str(Role.COORDINATOR if u > 3 else Role.ADMIN), "active": True}
                | {"version": 1, "created_at": START, "updated_at": START}
                for u in range(1, USERS + 1)
            ],
        )
        batch: list[dict[str, Any]] = []
        rare_every = ENTRIES // RARE_ENTRIES
        for i in range(ENTRIES):
            at = START + step * i
            if i % rare_every == rare_every // 2:
                row = _entry(rnd, at, RARE_USER, rnd.choice(tables))
            elif i % 5000 == 17:
                row = _entry(rnd, at, 1, RARE_ENTITY)
            else:
                user = rnd.choices(range(1, USERS), user_weights)[0]
                row = _entry(rnd, at, user, rnd.choices(tables, weights)[0])
            batch.append(row)
            if len(batch) == BATCH:
                conn.execute(insert(AuditEntry.__table__), batch)
                batch = []
        if batch:
            conn.execute(insert(AuditEntry.__table__), batch)
    with engine.connect() as conn:
        if engine.dialect.name == "sqlite":
            conn.exec_driver_sql("ANALYZE")
            conn.commit()
        else:
            conn.commit()
            conn.execution_options(isolation_level="AUTOCOMMIT").exec_driver_sql("VACUUM ANALYZE")
    engine.dispose()
    print(f"audit log of {ENTRIES:,} entries built in {time.perf_counter() - started:.0f} s")
    return {"audit_log": ENTRIES, "users": USERS}
