"""Revision 0014 on PostgreSQL: the upgrade secures the database, the downgrade removes what
it added (policies, grants, triggers, functions) and the upgrade after it secures it again;
on SQLite it does nothing."""

import pytest
from sqlalchemy import Engine, text

from oneaqita.db.engine import make_engine
from oneaqita.db.migrate import current_revision, downgrade, upgrade

SECURITY = text(
    "SELECT (SELECT count(*) FROM pg_policies WHERE policyname LIKE 'oneaqita_%'), "
    "(SELECT count(*) FROM pg_trigger WHERE tgname LIKE 'oneaqita_%'), "
    "(SELECT count(*) FROM information_schema.role_table_grants "
    " WHERE table_schema = current_schema() AND grantee LIKE 'oneaqita_%'), "
    "(SELECT count(*) FROM pg_proc WHERE proname IN "
    " ('oneaqita_session_person', 'oneaqita_witness', 'oneaqita_audit_stamp')), "
    "(SELECT count(*) FROM pg_class WHERE relrowsecurity)"
)


def _security(engine: Engine) -> tuple[int, ...]:
    with engine.connect() as conn:
        return tuple(conn.execute(SECURITY).one())


@pytest.mark.pg
def test_the_revision_secures_and_the_downgrade_unsecures(pg_url: str) -> None:
    engine = make_engine(pg_url)
    try:
        upgrade(engine)
        secured = _security(engine)
        policies, triggers, grants, functions, rls = secured
        assert policies >= 20 and triggers > 60 and grants > 100 and functions == 3
        assert rls == 14
        downgrade(engine, "0013_logins")
        assert _security(engine) == (0, 0, 0, 0, 0)
        with engine.connect() as conn:  # the append-only guard of revision 0001 stays
            assert (
                conn.execute(
                    text("SELECT count(*) FROM pg_trigger WHERE tgname = 'audit_log_no_change'")
                ).scalar()
                == 1
            )
        upgrade(engine)
        assert _security(engine) == secured
    finally:
        engine.dispose()


def test_on_sqlite_the_revision_does_nothing(sqlite_url: str) -> None:
    engine = make_engine(sqlite_url)
    try:
        upgrade(engine, "0013_logins")
        with engine.connect() as conn:
            before = conn.execute(text("SELECT type, name FROM sqlite_master ORDER BY 2")).all()
        upgrade(engine, "0014_pg_security")
        assert current_revision(engine) == "0014_pg_security"
        with engine.connect() as conn:
            assert (
                conn.execute(text("SELECT type, name FROM sqlite_master ORDER BY 2")).all()
                == before
            )
        downgrade(engine, "0013_logins")
    finally:
        engine.dispose()


@pytest.mark.pg
def test_the_security_refuses_a_table_an_app_role_owns(pg_url: str) -> None:
    from oneaqita.db.pg_security import apply_security

    engine = make_engine(pg_url)
    try:
        upgrade(engine)
        with engine.connect() as conn:
            conn.execute(text("CREATE TABLE stray (id integer)"))
            conn.execute(text("ALTER TABLE stray OWNER TO oneaqita_coordinator"))
            with pytest.raises(RuntimeError, match="stray"):
                apply_security(conn)
            conn.rollback()
    finally:
        engine.dispose()


@pytest.mark.pg
def test_an_upgrade_reapplies_the_security_when_the_code_changed_it(pg_url: str) -> None:
    from oneaqita.db.pg_security import fingerprint, refresh_security

    engine = make_engine(pg_url)
    seconded_reads_people = text(
        "SELECT has_table_privilege('oneaqita_seconded', 'people', 'SELECT')"
    )
    stored = text("SELECT value FROM database_settings WHERE key = 'pg_security'")
    try:
        upgrade(engine)
        assert not refresh_security(engine), "nothing changed since the revision applied it"
        with engine.begin() as conn:  # as an older version of the code had left it
            conn.execute(text("REVOKE SELECT ON people FROM oneaqita_seconded"))
            conn.execute(
                text("UPDATE database_settings SET value = 'older' WHERE key = 'pg_security'")
            )
        upgrade(engine)  # at head already: only the security is brought up to date
        with engine.connect() as conn:
            assert conn.execute(seconded_reads_people).scalar() is True
            assert str(conn.execute(stored).scalar()).startswith(fingerprint() + ":")
        downgrade(engine, "0013_logins")
        with engine.connect() as conn:
            assert conn.execute(stored).scalar() is None
    finally:
        engine.dispose()
