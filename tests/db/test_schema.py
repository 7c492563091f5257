"""The schema: migrations match the models, and the rules hold in the database itself."""

from datetime import date

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import insert, inspect, text, update
from sqlalchemy.exc import DBAPIError, IntegrityError

from oneaqita.db.engine import PAGE_CACHE_KIB
from oneaqita.db.migrate import current_revision, downgrade, head_revision, upgrade
from oneaqita.models import Base, Organization, Secondment, TimeEntry
from oneaqita.services.actor import SYSTEM_ACTOR
from oneaqita.services.database import Database
from tests.builders import build_sample


def _include(obj, name, type_, reflected, compare_to):  # type: ignore[no-untyped-def]
    from oneaqita.asset_search import ASSET_SEARCH_TABLES
    from oneaqita.search import SEARCH_TABLES

    if type_ == "index" and name == "ix_assets_map_cells":  # on expressions (migration 0016)
        return False
    return not (
        type_ == "table" and any(name.startswith(t) for t in (*SEARCH_TABLES, *ASSET_SEARCH_TABLES))
    )


def test_migrations_and_models_do_not_drift(db: Database) -> None:
    with db.engine.connect() as conn:
        ctx = MigrationContext.configure(
            conn, opts={"include_object": _include, "compare_type": True}
        )
        assert compare_metadata(ctx, Base.metadata) == []
    assert current_revision(db.engine) == head_revision(db.engine)


def test_downgrade_to_base_and_up_again(db: Database) -> None:
    downgrade(db.engine, "base")
    tables = set(inspect(db.engine).get_table_names())
    assert not tables & set(Base.metadata.tables)
    upgrade(db.engine)
    assert set(Base.metadata.tables) <= set(inspect(db.engine).get_table_names())


def test_revision_chain_is_linear(sqlite_db: Database) -> None:
    from alembic.script import ScriptDirectory

    from oneaqita.db.migrate import alembic_config

    script = ScriptDirectory.from_config(alembic_config(sqlite_db.engine))
    assert len(script.get_heads()) == 1
    assert len(script.get_bases()) == 1


def _insert_fails(db: Database, table, **values) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(IntegrityError), db.engine.begin() as conn:
        conn.execute(insert(table), [values])


@pytest.mark.parametrize("minutes", [-1, 1441])
def test_time_entry_minutes_range(db: Database, minutes: int) -> None:
    sample = build_sample(db)
    with db.read() as s:
        person_id = s.scalar(text("SELECT id FROM people"))
    good = dict(
        person_id=person_id,
        work_date=date(2025, 5, 1),
        category="office",
        version=1,
        status="draft",
    )
    with db.engine.begin() as conn:
        conn.execute(insert(TimeEntry.__table__), [dict(good, minutes=1440)])
    _insert_fails(db, TimeEntry.__table__, **dict(good, minutes=minutes))
    assert sample.akita_id


def test_time_entry_needs_exactly_one_of_work_order_or_category(db: Database) -> None:
    sample = build_sample(db)
    with db.read() as s:
        person_id = s.scalar(text("SELECT id FROM people"))
    base = dict(
        person_id=person_id, work_date=date(2025, 5, 1), minutes=60, version=1, status="draft"
    )
    _insert_fails(db, TimeEntry.__table__, **base)
    _insert_fails(
        db,
        TimeEntry.__table__,
        **dict(base, category="office", work_order_id=sample.work_order_ids[0]),
    )


@pytest.mark.parametrize(
    ("table", "column", "bad"),
    [
        ("findings", "rank", "d"),
        ("findings", "urgency", "IV"),
        ("secondments", "salary_borne_by_company_pct", 101),
        ("work_orders", "priority", 4),
        ("work_orders", "status", "done"),
        ("organizations", "kind", "county"),
    ],
)
def test_check_constraints_refuse_bad_values(
    db: Database, table: str, column: str, bad: object
) -> None:
    sample = build_sample(db)
    with db.engine.begin() as conn:
        conn.execute(
            text(
                "INSERT INTO people (employee_no, name, home_organization_id, version, created_at,"
                " updated_at) VALUES ('E9', 'x', :o, 1, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)"
            ),
            {"o": sample.akita_id},
        )
        conn.execute(
            text(
                "INSERT INTO secondments (person_id, from_organization_id, kind, start_date,"
                " salary_borne_by_company_pct, version, created_at, updated_at) SELECT id, :o,"
                " 'on_roll', '2025-04-01', 0, 1, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP FROM people"
                " WHERE employee_no = 'E9'"
            ),
            {"o": sample.akita_id},
        )
        conn.execute(
            text(
                "INSERT INTO findings (work_order_id, asset_id, category, rank, version,"
                " created_at, updated_at) SELECT :w, id, '腐食', 'a', 1, CURRENT_TIMESTAMP,"
                " CURRENT_TIMESTAMP"
                " FROM assets"
            ),
            {"w": sample.work_order_ids[0]},
        )
    with pytest.raises((IntegrityError, DBAPIError)), db.engine.begin() as conn:
        conn.execute(text(f"UPDATE {table} SET {column} = :v"), {"v": bad})


def test_end_before_start_is_refused(db: Database) -> None:
    build_sample(db)
    with pytest.raises(IntegrityError), db.engine.begin() as conn:
        conn.execute(text("UPDATE contracts SET end_date = '2024-01-01'"))
    with pytest.raises(IntegrityError), db.engine.begin() as conn:
        conn.execute(
            text(
                "UPDATE work_orders SET planned_end = '2024-01-01' WHERE planned_start IS NOT NULL"
            )
        )
    assert Secondment.__table__.c.end_date is not None


@pytest.mark.parametrize(
    ("table", "column"),
    [
        ("organizations", "code"),
        ("contracts", "number"),
        ("work_orders", "number"),
        ("assets", "code"),
        ("people", "employee_no"),
    ],
)
def test_unique_keys(db: Database, table: str, column: str) -> None:
    build_sample(db)
    with db.engine.begin() as conn:
        key = conn.execute(text(f"SELECT {column} FROM {table} LIMIT 1")).scalar()
    with pytest.raises(IntegrityError), db.engine.begin() as conn:
        conn.execute(text(f"UPDATE {table} SET {column} = :k"), {"k": key})


def test_foreign_keys_are_enforced(db: Database) -> None:
    build_sample(db)
    with pytest.raises(IntegrityError), db.engine.begin() as conn:
        conn.execute(text("UPDATE work_orders SET contract_id = 999999"))


def test_audit_log_is_append_only(db: Database) -> None:
    with db.unit_of_work(SYSTEM_ACTOR) as uow:
        uow.audit("create", "organizations", 1, None, {"code": "052019"})
    with pytest.raises(DBAPIError, match="append-only"), db.engine.begin() as conn:
        conn.execute(text("UPDATE audit_log SET actor = 'someone else'"))
    with pytest.raises(DBAPIError, match="append-only"), db.engine.begin() as conn:
        conn.execute(text("DELETE FROM audit_log"))
    with db.read() as s:
        assert s.scalar(text("SELECT actor FROM audit_log")) == "system"


def test_version_column_catches_a_concurrent_edit(pg_db: Database) -> None:
    # PostgreSQL only: on SQLite a unit of work holds the write lock from its first statement
    # (BEGIN IMMEDIATE), so no other desktop can save in between; it waits (see
    # test_sqlite_writers.py). Versions across units of work are checked on both (the
    # services' save tests).
    from oneaqita.errors import ConcurrentEdit

    db = pg_db
    build_sample(db)
    with pytest.raises(ConcurrentEdit), db.unit_of_work(SYSTEM_ACTOR) as uow:
        org = uow.session.query(Organization).filter_by(code="052019").one()
        with db.engine.begin() as other:  # another desktop saves first
            other.execute(
                update(Organization)
                .where(Organization.id == org.id)
                .values(name_en="Akita", version=Organization.version + 1)
            )
        org.name_en = "Akita City"
        uow.session.flush()
    with db.read() as s:
        assert s.query(Organization).filter_by(code="052019").one().name_en == "Akita"


def test_sqlite_connection_pragmas(sqlite_db: Database) -> None:
    with sqlite_db.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() >= 5000
        # a page cache that holds a list's count index at 500,000 assets (see db/engine.py)
        assert conn.exec_driver_sql("PRAGMA cache_size").scalar() == -PAGE_CACHE_KIB
        assert PAGE_CACHE_KIB >= 8 * 1024


def test_sqlite_autocommit_connection_keeps_what_it_runs(sqlite_db: Database) -> None:
    """ANALYZE on an AUTOCOMMIT connection stays (it was wrapped in a BEGIN and rolled back)."""
    with sqlite_db.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
        conn.exec_driver_sql("ANALYZE")
    with sqlite_db.engine.connect() as conn:
        assert conn.exec_driver_sql("SELECT count(*) FROM sqlite_stat1").scalar_one() > 0


@pytest.mark.pg
def test_postgresql_statements_are_planned_for_their_own_values(pg_db: Database) -> None:
    """No server-side prepared statements: a generic plan once turned an IN (…) lookup of 200
    codes into a table scan."""
    with pg_db.engine.connect() as conn:
        assert conn.connection.driver_connection.prepare_threshold is None
        for _ in range(8):
            conn.execute(text("SELECT 1 WHERE 1 = :x"), {"x": 1})
        prepared = conn.execute(text("SELECT count(*) FROM pg_prepared_statements")).scalar_one()
    assert prepared == 0
