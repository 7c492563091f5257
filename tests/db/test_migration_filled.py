"""Every revision since the first release goes down and up again on a database full of demo
data: a revision that rebuilds a table (SQLite's batch mode copies it, drops the old one and
renames the copy) must not trip over the rows other tables point at, and nothing is lost."""

from sqlalchemy import text

from oneaqita.db.migrate import current_revision, downgrade, head_revision, upgrade
from oneaqita.demo import load_demo
from oneaqita.services.database import Database

# The oldest revision a database in use may hold: the first one with the timesheet weeks.
OLDEST_IN_USE = "0008_timesheet_weeks"
COUNTED = ("assets", "findings", "work_order_assets", "work_orders", "time_entries", "people")


def _counts(db: Database) -> dict[str, int]:
    with db.engine.connect() as c:
        return {t: c.execute(text(f"SELECT count(*) FROM {t}")).scalar_one() for t in COUNTED}


def test_a_filled_database_goes_down_and_up_again_unchanged(db: Database) -> None:
    load_demo(db, scale=0.01)
    before = _counts(db)
    assert before["work_order_assets"] and before["findings"], "the demo points at assets"
    downgrade(db.engine, OLDEST_IN_USE)
    assert current_revision(db.engine) == OLDEST_IN_USE
    upgrade(db.engine)
    assert current_revision(db.engine) == head_revision(db.engine)
    assert _counts(db) == before
    if db.dialect == "sqlite":
        with db.engine.connect() as c:
            assert c.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1, "switched back on"
            assert c.exec_driver_sql("PRAGMA foreign_key_check").fetchall() == []
