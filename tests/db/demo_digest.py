"""A digest of what the demo loader writes: counts per table and a hash of each table's rows
in a fixed order. Run as ``python -m tests.db.demo_digest PATH SEED SCALE`` it loads the demo
into a new SQLite file at PATH and prints the digest, so that two processes can be compared
(tests/db/test_demo_processes.py)."""

import hashlib
import sys
from datetime import date
from pathlib import Path

from sqlalchemy import Engine, text

# Everything the demo writes, each with an order that makes a dump reproducible.
DUMPED_TABLES = {
    "organizations": "id",
    "shareholdings": "id",
    "people": "id",
    "person_qualifications": "person_id, name",
    "secondments": "id",
    "users": "id",
    "assets": "id",
    "contracts": "id",
    "work_orders": "id",
    "work_order_assets": "work_order_id, asset_id",
    "work_order_assignees": "work_order_id, person_id",
    "work_order_events": "id",
    "findings": "id",
    "time_entries": "id",
    "timesheet_weeks": "id",
    "work_order_search": "work_order_id",
}
TODAY = date(2026, 12, 1)  # the demo follows the calendar: a fixed today makes it reproducible


def table_digests(engine: Engine) -> dict[str, tuple[int, str]]:
    """Per dumped table: its row count and the SHA-256 of its ordered rows."""
    out: dict[str, tuple[int, str]] = {}
    with engine.connect() as conn:
        for table, order in DUMPED_TABLES.items():
            digest, count = hashlib.sha256(), 0
            for row in conn.execute(text(f"SELECT * FROM {table} ORDER BY {order}")):
                digest.update(repr(tuple(row)).encode())
                count += 1
            out[table] = (count, digest.hexdigest())
    return out


def checksum(engine: Engine) -> str:
    """One SHA-256 over every dumped table's rows."""
    return hashlib.sha256(repr(sorted(table_digests(engine).items())).encode()).hexdigest()


def main(argv: list[str]) -> None:
    from oneaqita.db.engine import make_engine
    from oneaqita.db.migrate import upgrade
    from oneaqita.demo import load_demo
    from oneaqita.services.database import Database

    path, seed, scale = Path(argv[0]), int(argv[1]), float(argv[2])
    engine = make_engine(f"sqlite:///{path.as_posix()}")
    try:
        upgrade(engine)
        load_demo(Database(engine), seed=seed, scale=scale, today=TODAY)
        for table, (count, digest) in table_digests(engine).items():
            print(table, count, digest)
    finally:
        engine.dispose()


if __name__ == "__main__":
    main(sys.argv[1:])
