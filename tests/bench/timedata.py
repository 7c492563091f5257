"""A database with 2,000,000 time entries (DESIGN.md's scale) for the settlement benchmark:
29 sending bodies, 1,400 seconded people with one or two secondments each (a few change
body on 1 October 2024), two entries per working day from April 2023 to March 2026, built
with Core inserts in a couple of minutes and cached apart from bigdata.py's database (which
holds no time entries).

The figures are not believable, only the row counts and their spread over people and days.
"""

import hashlib
import random
import tempfile
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import insert

from oneaqita.db.engine import make_engine
from oneaqita.db.migrate import MIGRATIONS_DIR, upgrade
from oneaqita.models import Organization, Person, Secondment, TimeEntry
from oneaqita.workdays import is_working_day

ENTRIES = 2_000_000
PEOPLE = 1_400
BODIES = 29  # 25 municipalities, the prefecture, three partner firms
FIRST, LAST = date(2023, 4, 1), date(2026, 3, 31)
SWITCH = date(2024, 10, 1)
STATUSES = ("approved",) * 8 + ("submitted", "draft", "returned")
CATEGORIES = ("office", "training", "travel", "leave")
TMP = Path(tempfile.gettempdir())
BATCH = 20_000


def fingerprint() -> str:
    digest = hashlib.sha1(Path(__file__).read_bytes())
    for source in sorted(MIGRATIONS_DIR.glob("versions/*.py")):
        digest.update(source.name.encode() + source.read_bytes())
    return digest.hexdigest()[:10]


def _stamp() -> dict[str, Any]:
    now = datetime(2026, 4, 1, tzinfo=UTC).replace(tzinfo=None)
    return {"version": 1, "created_at": now, "updated_at": now}


def build_url(url: str, seed: int = 11) -> dict[str, int]:
    """Migrate the empty database at ``url`` and fill it; the row counts."""
    rnd = random.Random(seed)
    engine = make_engine(url)
    upgrade(engine)
    started = time.perf_counter()
    days = [d for d in _days(FIRST, LAST) if is_working_day(d)]
    with engine.begin() as conn:
        orgs = []
        for i in range(1, BODIES + 1):
            kind = "partner" if i > BODIES - 3 else ("prefecture" if i == 1 else "city")
            orgs.append(
                {"id": i, "code": f"B{i:03d}", "kind": kind, "name_ja": f"団体{i:03d}"}
                | {"is_fictional": True}
                | _stamp()
            )
        conn.execute(insert(Organization.__table__), orgs)
        people, secs = [], []
        for pid in range(1, PEOPLE + 1):
            body = rnd.randrange(1, BODIES + 1)
            people.append(
                {
                    "id": pid,
                    "employee_no": f"E{pid:05d}",
                    "name": f"職員{pid:05d}",
                    "home_organization_id": body,
                }
                | _stamp()
            )
            kind = "partner" if body > BODIES - 3 else "on_roll"
            cost = 400_000 + rnd.randrange(0, 36) * 10_000
            pct = rnd.choice((0, 50, 100, 100))
            if pid % 10 == 0:  # changes body in the middle
                other = rnd.randrange(1, BODIES - 2)
                spans = [
                    (body, kind, FIRST, SWITCH - timedelta(days=1)),
                    (other, "on_roll", SWITCH, None),
                ]
            else:
                spans = [(body, kind, FIRST, None)]
            for sender, k, start, end in spans:
                secs.append(
                    {
                        "id": len(secs) + 1,
                        "person_id": pid,
                        "from_organization_id": sender,
                        "kind": k,
                        "start_date": start,
                        "end_date": end,
                        "position": "主任",
                        "salary_borne_by_company_pct": pct,
                        "monthly_cost_yen": cost if pid % 50 else None,
                    }
                    | _stamp()
                )
        conn.execute(insert(Person.__table__), people)
        conn.execute(insert(Secondment.__table__), secs)
    count = 0
    table = TimeEntry.__table__
    stamp = _stamp()
    batch: list[dict[str, Any]] = []
    with engine.begin() as conn:
        for day in days:
            for pid in range(1, PEOPLE + 1):
                if count >= ENTRIES:
                    break
                first = rnd.choice((240, 300, 360, 450))
                for minutes, category in ((first, "office"), (480 - first, rnd.choice(CATEGORIES))):
                    count += 1
                    batch.append(
                        {
                            "id": count,
                            "person_id": pid,
                            "work_date": day,
                            "minutes": minutes,
                            "category": category,
                            "status": rnd.choice(STATUSES),
                        }
                        | stamp
                    )
            if len(batch) >= BATCH:
                conn.execute(insert(table), batch)
                batch = []
        if batch:
            conn.execute(insert(table), batch)
    if engine.dialect.name == "sqlite":
        with engine.begin() as conn:
            conn.exec_driver_sql("ANALYZE")
    else:
        with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            conn.exec_driver_sql("VACUUM ANALYZE")
    engine.dispose()
    print(f"built {count:,} time entries in {time.perf_counter() - started:.0f} s")
    return {"time_entries": count, "people": PEOPLE, "secondments": len(secs)}


def _days(first: date, last: date) -> list[date]:
    return [first + timedelta(days=i) for i in range((last - first).days + 1)]
