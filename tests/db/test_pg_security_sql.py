"""Every role through plain SQL on its own connection, as a hostile user with psql would:
the audit log cannot be changed or emptied, triggers cannot be disabled, a seconded user sees
and changes only their own hours, nobody makes themselves an administrator, and a direct
change leaves an audit entry naming the database user who made it."""

from collections.abc import Iterator
from datetime import timedelta

import pytest
from sqlalchemy import text

from oneaqita.models import Role
from tests.db.pg_security_setup import Secured, refused, secured_database
from tests.timesheet_builders import MONDAY, SECONDMENT_END

pytestmark = pytest.mark.pg

ROLES = list(Role)


@pytest.fixture(scope="module")
def secured() -> Iterator[Secured]:
    yield from secured_database()


@pytest.mark.parametrize("role", ROLES)
def test_nobody_changes_empties_or_unguards_the_audit_log(secured: Secured, role: Role) -> None:
    with secured.engine(role).connect() as conn, conn.begin():
        conn.execute(
            text(
                "INSERT INTO audit_log (at, actor, action, entity) "
                "VALUES (now(), 'x', 'note', 'people')"
            )
        )
        for sql in (
            "UPDATE audit_log SET actor = 'someone else'",
            "DELETE FROM audit_log",
            "TRUNCATE audit_log",
            "ALTER TABLE audit_log DISABLE TRIGGER ALL",
            "ALTER TABLE organizations DISABLE TRIGGER ALL",
            "ALTER TABLE time_entries DISABLE ROW LEVEL SECURITY",
            "DROP TRIGGER audit_log_no_change ON audit_log",
            "DROP TABLE audit_log",
            "ALTER TABLE audit_log OWNER TO CURRENT_USER",
            "CREATE TABLE mine (id integer)",
        ):
            assert refused(conn, sql), (role, sql)


@pytest.mark.parametrize("role", ROLES)
def test_an_audit_entry_cannot_be_written_in_another_name(secured: Secured, role: Role) -> None:
    with secured.engine(role).connect() as conn, conn.begin():
        conn.execute(
            text(
                "INSERT INTO audit_log (at, user_id, actor, action, entity, entity_id) "
                "VALUES ('2000-01-01', NULL, 'somebody', 'forged', 'people', -1)"
            )
        )
    with secured.owner.engine.connect() as conn:
        row = conn.execute(
            text(
                "SELECT actor, user_id, at > now() - interval '1 hour' FROM audit_log "
                "WHERE action = 'forged' ORDER BY id DESC LIMIT 1"
            )
        ).one()
    assert tuple(row) == (secured.logins[role], secured.actors[role].user_id, True)


@pytest.mark.parametrize("role", [Role.SECONDED, Role.COORDINATOR, Role.MANAGER])
def test_nobody_but_an_administrator_makes_anyone_an_administrator(
    secured: Secured, role: Role
) -> None:
    login = secured.logins[role]
    with secured.engine(role).connect() as conn, conn.begin():
        assert refused(conn, "UPDATE users SET role = 'admin' WHERE login = :l", {"l": login})
        assert refused(conn, "UPDATE users SET role = 'admin'")
        assert refused(
            conn,
            "INSERT INTO users (login, display_name, role, active, version, created_at, "
            "updated_at) VALUES ('evil', 'evil', 'admin', true, 1, now(), now())",
        )
        assert refused(conn, "DELETE FROM users")


def test_a_seconded_user_sees_and_changes_only_their_own_hours(secured: Secured) -> None:
    co, other = secured.co, secured.tanaka_entry_id
    with secured.engine(Role.SECONDED).connect() as conn, conn.begin():
        assert conn.execute(text("SELECT count(*) FROM time_entries")).scalar() == 0
        assert (
            conn.execute(text("SELECT * FROM time_entries WHERE id = :i"), {"i": other}).all() == []
        )
        assert conn.execute(text("UPDATE time_entries SET minutes = 1")).rowcount == 0
        assert (
            conn.execute(text("DELETE FROM time_entries WHERE id = :i"), {"i": other}).rowcount == 0
        )
        new = {"d": MONDAY, "w": co.assigned_id}
        insert = (
            "INSERT INTO time_entries (person_id, work_date, minutes, work_order_id, status, "
            "version, created_at, updated_at) VALUES (:p, :d, 60, :w, :s, 1, now(), now())"
        )
        # someone else's hours, an approved entry, an order one is not assigned to: refused
        assert refused(conn, insert, {**new, "p": co.tanaka_id, "s": "draft"})
        assert refused(conn, insert, {**new, "p": co.sato_id, "s": "approved"})
        assert refused(conn, insert, {**new, "p": co.sato_id, "s": "draft", "w": co.other_id})
        # one's own draft hours: written, and then not approvable nor given away
        assert not refused(conn, insert, {**new, "p": co.sato_id, "s": "draft"})
        assert conn.execute(text("SELECT count(*) FROM time_entries")).scalar() == 1
        assert refused(conn, "UPDATE time_entries SET status = 'approved'")
        assert refused(conn, "UPDATE time_entries SET person_id = :p", {"p": co.tanaka_id})
        # a week only ever submitted, never approved by oneself
        week = (
            "INSERT INTO timesheet_weeks (person_id, week_start, status, submitted_by_id, "
            "version, created_at, updated_at) VALUES (:p, :d, :s, :u, 1, now(), now())"
        )
        me = {"p": co.sato_id, "d": MONDAY, "u": secured.actors[Role.SECONDED].user_id}
        assert refused(conn, week, {**me, "s": "approved"})
        assert not refused(conn, week, {**me, "s": "submitted"})
        assert refused(conn, "UPDATE timesheet_weeks SET status = 'approved'") is False
        assert conn.execute(text("SELECT status FROM timesheet_weeks")).scalar() == "submitted", (
            "a submitted week is not the seconded user's to change"
        )
        conn.rollback()


def test_a_seconded_user_reads_only_their_own_people_users_and_orders(secured: Secured) -> None:
    co, login = secured.co, secured.logins[Role.SECONDED]
    with secured.engine(Role.SECONDED).connect() as conn:

        def rows(sql: str) -> list[tuple[object, ...]]:
            return [tuple(r) for r in conn.execute(text(sql))]

        assert rows("SELECT login FROM users") == [(login,)]
        assert rows("SELECT id FROM people") == [(co.sato_id,)]
        assert rows("SELECT person_id FROM secondments") == [(co.sato_id,)]
        assert rows("SELECT DISTINCT person_id FROM work_order_assignees") == [(co.sato_id,)]
        assert rows("SELECT id FROM work_orders") == [(co.assigned_id,)]
        assert rows("SELECT work_order_id FROM work_order_search") == [(co.assigned_id,)]
        assert len(rows("SELECT id FROM contracts")) == 1
        assert refused(conn, "SELECT * FROM audit_log")
        assert refused(conn, "SELECT * FROM login_failures")
    with secured.engine(Role.COORDINATOR).connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM people")).scalar() == 2
        assert conn.execute(text("SELECT count(*) FROM time_entries")).scalar() == 1


def test_a_direct_change_leaves_an_audit_entry_naming_the_database_user(
    secured: Secured,
) -> None:
    akita = secured.co.akita_id
    rename = "UPDATE organizations SET name_ja = '秋田市役所' WHERE id = :i"
    with secured.engine(Role.MANAGER).connect() as conn, conn.begin():
        assert refused(conn, rename, {"i": akita}), "bodies are the administrator's"
        conn.execute(
            text(
                "INSERT INTO kpi_targets (fiscal_year, kpi, target, version, created_at, "
                "updated_at) VALUES (2026, 'km_inspected', 90, 1, now(), now())"
            )
        )
        conn.commit()
    with secured.engine(Role.ADMIN).connect() as conn, conn.begin():
        conn.execute(text(rename), {"i": akita})
        conn.commit()
    with secured.owner.engine.connect() as conn:
        entries = conn.execute(
            text(
                "SELECT actor, action, entity, entity_id, before::jsonb ->> 'name_ja', "
                "after::jsonb ->> 'name_ja' FROM audit_log WHERE action LIKE 'db_%' ORDER BY id"
            )
        ).all()
    manager, admin = secured.logins[Role.MANAGER], secured.logins[Role.ADMIN]
    assert [tuple(e[:3]) for e in entries] == [
        (manager, "db_insert", "kpi_targets"),
        (admin, "db_update", "organizations"),
    ]
    assert tuple(entries[1][3:]) == (akita, "秋田市", "秋田市役所")


def test_a_bulk_statement_is_witnessed_by_one_entry_holding_its_rows(secured: Secured) -> None:
    with secured.engine(Role.ADMIN).connect() as conn, conn.begin():
        conn.execute(
            text(
                "INSERT INTO organizations (code, kind, name_ja, version, created_at, "
                "updated_at) SELECT 'B' || g, 'city', '団体' || g, 1, now(), now() "
                "FROM generate_series(1, 150) g"
            )
        )
        conn.execute(text("DELETE FROM organizations WHERE code LIKE 'B%'"))
        entries = conn.execute(
            text(
                "SELECT action, entity_id, json_array_length(coalesce(after, before) -> 'rows') "
                "FROM audit_log WHERE entity = 'organizations' AND action LIKE 'db_%' "
                "AND at = now() ORDER BY id"
            )
        ).all()
        conn.rollback()
    assert [tuple(e) for e in entries] == [("db_insert", None, 150), ("db_delete", None, 150)]


def test_a_manager_approves_the_hours_of_others_but_never_their_own(secured: Secured) -> None:
    co = secured.co
    own, others = secured.tanaka_entry_id, co.sato_id
    with secured.engine(Role.MANAGER).connect() as conn, conn.begin():
        assert refused(
            conn, "UPDATE time_entries SET status = 'approved' WHERE id = :i", {"i": own}
        )
        week = (
            "INSERT INTO timesheet_weeks (person_id, week_start, status, version, created_at, "
            "updated_at) VALUES (:p, :d, 'approved', 1, now(), now())"
        )
        assert refused(conn, week, {"p": co.tanaka_id, "d": MONDAY})
        assert not refused(conn, week, {"p": others, "d": MONDAY})
        conn.rollback()


def test_a_seconded_user_adds_no_more_than_a_day_holds_nor_outside_their_secondment(
    secured: Secured,
) -> None:
    co = secured.co
    insert = (
        "INSERT INTO time_entries (person_id, work_date, minutes, category, status, version, "
        "created_at, updated_at) VALUES (:p, :d, :m, :c, 'draft', 1, now(), now())"
    )
    day = {"p": co.sato_id, "d": MONDAY + timedelta(days=3)}
    with secured.engine(Role.SECONDED).connect() as conn, conn.begin():
        assert not refused(conn, insert, {**day, "m": 1000, "c": "office"})
        assert refused(conn, insert, {**day, "m": 500, "c": "travel"}), "over 24 hours"
        assert not refused(conn, insert, {**day, "m": 440, "c": "travel"})
        assert refused(
            conn, "UPDATE time_entries SET minutes = minutes + 1 WHERE category = 'office'"
        )
        after_the_secondment = {"p": co.sato_id, "d": SECONDMENT_END + timedelta(days=1)}
        assert refused(conn, insert, {**after_the_secondment, "m": 60, "c": "office"})
        # another's day total is not told by the function the policy uses
        other = conn.execute(
            text("SELECT oneaqita_day_minutes(:p, :d, NULL)"),
            {"p": co.tanaka_id, "d": MONDAY + timedelta(days=1)},
        ).scalar()
        assert other == 0
        conn.rollback()


@pytest.mark.parametrize("role", [Role.SECONDED, Role.COORDINATOR])
def test_one_statement_of_many_rows_holds_no_more_than_a_day(secured: Secured, role: Role) -> None:
    """The policy checks each row against the rows stored before the statement; the day-limit
    triggers (oneaqita/db/pg_day_limit.py) check the whole statement's days after it."""
    co = secured.co
    two_rows = (
        "INSERT INTO time_entries (person_id, work_date, minutes, category, status, version, "
        "created_at, updated_at) VALUES (:p, :d, :m, 'office', 'draft', 1, now(), now()), "
        "(:p, :d, :m, 'travel', 'draft', 1, now(), now())"
    )
    day = {"p": co.sato_id, "d": MONDAY + timedelta(days=4)}
    with secured.engine(role).connect() as conn, conn.begin():
        assert refused(conn, two_rows, {**day, "m": 800}), "two rows of one statement: 26:40"
        assert not refused(conn, two_rows, {**day, "m": 720}), "exactly 24 hours"
        both = "UPDATE time_entries SET minutes = minutes + 1 WHERE work_date = :d"
        assert refused(conn, both, {"d": day["d"]}), "one update of both rows: 24:02"
        conn.rollback()
