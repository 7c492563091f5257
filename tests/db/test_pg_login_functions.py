"""No administrator can become the owner (issue 13): no app login role has CREATEROLE, and the
owner's user-management functions (oneaqita/db/pg_login_functions.py) refuse anyone but an
active administrator and any role but an app user's login role. Tried as an administrator with
psql would: over plain SQL on their own connection, against a database whose owner is, as on a
real server, no superuser but has CREATEROLE."""

from collections.abc import Iterator

import pytest
from sqlalchemy import Connection, text
from sqlalchemy.exc import DBAPIError

from oneaqita.cli import main
from oneaqita.db.pg_security import apply_security
from oneaqita.models import Role, User
from oneaqita.services import user_accounts as accounts
from tests.db.pg_owner_setup import OwnedDatabase, owned_database
from tests.db.pg_security_setup import INSUFFICIENT_PRIVILEGE, sqlstate
from tests.db.user_roles import role_facts

pytestmark = pytest.mark.pg

VERIFIER = "SCRAM-SHA-256$4096:c2FsdHNhbHQ=$c3RvcmVka2V5:c2VydmVya2V5"


@pytest.fixture(scope="module")
def owned() -> Iterator[OwnedDatabase]:
    yield from owned_database()


@pytest.fixture(scope="module")
def admin(owned: OwnedDatabase) -> str:
    return owned.add_user("admin", Role.ADMIN)


def _refusal(conn: Connection, sql: str, params: dict[str, object] | None = None) -> str:
    """The message of PostgreSQL's refusal (for lack of privilege) of ``sql``, in a savepoint;
    anything else, success included, fails the test."""
    try:
        with conn.begin_nested():
            conn.execute(text(sql), params or {})
    except DBAPIError as exc:
        assert sqlstate(exc) == INSUFFICIENT_PRIVILEGE, exc
        return str(exc.orig)
    pytest.fail(f"not refused: {sql}")


def _users_row(conn: Connection, login: str) -> None:
    """What an administrator may do with psql: name any role in a users row."""
    conn.execute(
        text(
            "INSERT INTO users (login, display_name, role, active, version, created_at) "
            "VALUES (:l, :l, 'seconded', true, 1, now()) ON CONFLICT (login) DO NOTHING"
        ),
        {"l": login},
    )


def test_an_administrator_cannot_grant_themself_the_owner_or_more(
    owned: OwnedDatabase, admin: str
) -> None:
    assert role_facts(owned.owner_db, admin) == (True, False, ["oneaqita_admin"])
    with owned.engine(admin).connect() as conn:
        me = f'"{admin}"'
        _refusal(conn, f'GRANT "{owned.owner}" TO {me}')
        _refusal(conn, f"ALTER ROLE {me} SUPERUSER")
        _refusal(conn, f"ALTER ROLE {me} CREATEROLE")
        _refusal(conn, f"ALTER ROLE {me} BYPASSRLS")
        _refusal(conn, f'CREATE ROLE "{owned.login("mine")}" LOGIN')
        _refusal(conn, f"ALTER ROLE \"{owned.owner}\" PASSWORD 'x'")
        _refusal(conn, "TRUNCATE audit_log")
        _refusal(conn, "ALTER TABLE audit_log DISABLE TRIGGER ALL")
        conn.rollback()


@pytest.mark.parametrize("whom", ["owner", "postgres", "oneaqita_manager", "pg_monitor"])
def test_the_functions_refuse_the_owner_a_superuser_and_any_role_not_an_app_login(
    owned: OwnedDatabase, admin: str, whom: str
) -> None:
    target = owned.owner if whom == "owner" else whom
    with owned.engine(admin).connect() as conn:
        _users_row(conn, target)  # the check does not trust the users table alone
        for call, params in [
            ("oneaqita_set_login_password(:t, :v)", {"v": VERIFIER}),
            ("oneaqita_set_login_group(:t, 'oneaqita_admin')", {}),
            ("oneaqita_set_login_can_login(:t, true)", {}),
            ("oneaqita_create_login(:t, :v, 'oneaqita_admin')", {"v": VERIFIER}),
        ]:
            message = _refusal(conn, f"SELECT {call}", {"t": target, **params})
            assert "oneaqita_logins:" in message
        conn.rollback()
    facts = role_facts(owned.owner_db, target)
    assert facts is not None and not any(g.startswith("oneaqita_") for g in facts[2])


def test_a_role_with_other_powers_is_out_of_reach(owned: OwnedDatabase, admin: str) -> None:
    """A role in the owner's role, one owning a database, one with CREATEDB: an administrator
    who names them in a users row still cannot set their password or group."""
    helper, dba, maker = owned.login("helper"), owned.login("dba"), owned.login("maker")
    with owned.engine("postgres").begin() as conn:  # a superuser of the cluster makes them
        conn.execute(text(f'CREATE ROLE "{helper}" LOGIN IN ROLE "{owned.owner}"'))
        conn.execute(text(f'CREATE ROLE "{maker}" LOGIN CREATEDB'))
        conn.execute(text(f'CREATE ROLE "{dba}" LOGIN IN ROLE oneaqita_seconded'))
        conn.execute(text(f'CREATE TABLE "{dba}_own" (x int)'))
        conn.execute(text(f'ALTER TABLE "{dba}_own" OWNER TO "{dba}"'))
    try:
        with owned.engine(admin).connect() as conn:
            for target in (helper, dba, maker):
                _users_row(conn, target)
                message = _refusal(
                    conn, "SELECT oneaqita_set_login_password(:t, :v)", {"t": target, "v": VERIFIER}
                )
                assert "oneaqita_logins:target" in message
            conn.rollback()
    finally:
        with owned.engine("postgres").begin() as conn:
            conn.execute(text(f'DROP TABLE "{dba}_own"'))


def test_only_an_active_administrator_may_call_them(owned: OwnedDatabase, admin: str) -> None:
    clerk = owned.add_user("clerk", Role.COORDINATOR)
    gone = owned.add_user("gone", Role.ADMIN, active=False)
    with owned.owner_db.engine.begin() as conn:  # still LOGIN: the check reads the users row
        conn.execute(text(f'ALTER ROLE "{gone}" LOGIN'))
    call = "SELECT oneaqita_set_login_group(:t, 'oneaqita_admin')"
    with owned.engine(clerk).connect() as conn:
        assert "permission denied for function" in _refusal(conn, call, {"t": clerk})
    with owned.engine(gone).connect() as conn:
        assert "oneaqita_logins:caller" in _refusal(conn, call, {"t": clerk})
    assert role_facts(owned.owner_db, clerk) == (True, False, ["oneaqita_coordinator"])


def test_an_administrator_cannot_demote_or_lock_out_themself(
    owned: OwnedDatabase, admin: str
) -> None:
    with owned.engine(admin).connect() as conn:
        for call in (
            "oneaqita_set_login_group(:t, 'oneaqita_seconded')",
            "oneaqita_set_login_can_login(:t, false)",
        ):
            assert "oneaqita_logins:self" in _refusal(conn, f"SELECT {call}", {"t": admin})
        for group in ("postgres", "pg_read_all_data", owned.owner):
            refused = _refusal(
                conn, "SELECT oneaqita_set_login_group(:t, :g)", {"t": admin, "g": group}
            )
            assert "oneaqita_logins:group" in refused
        bad = "SELECT oneaqita_set_login_password(:t, 'clear text')"
        assert "oneaqita_logins:verifier" in _refusal(conn, bad, {"t": admin})
    assert role_facts(owned.owner_db, admin) == (True, False, ["oneaqita_admin"])


def test_the_users_page_and_the_command_line_still_manage_users(
    owned: OwnedDatabase, admin: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    db, actor = owned.app(admin)
    login = owned.login("new")
    with db.unit_of_work(actor) as uow:
        accounts.add_user(uow, login, "新人", Role.SECONDED, "a good password")
        user_id = uow.change.created_id(accounts.ENTITY)
    assert user_id is not None
    assert role_facts(owned.owner_db, login) == (True, False, ["oneaqita_seconded"])
    for step in (
        lambda uow: accounts.change_role(uow, user_id, Role.ADMIN),
        lambda uow: accounts.reset_password(uow, user_id, "another good one"),
        lambda uow: accounts.deactivate(uow, user_id),
    ):
        with db.unit_of_work(actor) as uow:
            step(uow)
    assert role_facts(owned.owner_db, login) == (False, False, ["oneaqita_admin"])

    url = owned.url.replace(f"{owned.owner}@", "")
    monkeypatch.setenv("ONEAQITA_USER", admin)
    monkeypatch.setenv("ONEAQITA_PASSWORD", "trusted here")
    monkeypatch.setenv("ONEAQITA_NEW_PASSWORD", "a first secret")
    cli = owned.login("cli")
    assert main(["users", "add", cli, "--name", "端末", "--role", "manager", "--db", url]) == 0
    assert main(["users", "set-role", cli, "coordinator", "--db", url]) == 0
    assert main(["users", "reset-password", cli, "--db", url]) == 0
    assert main(["users", "deactivate", cli, "--db", url]) == 0
    assert role_facts(owned.owner_db, cli) == (False, False, ["oneaqita_coordinator"])
    with db.read() as s:
        assert s.query(User).filter_by(login=cli).one().active is False


def test_the_migration_takes_createrole_from_earlier_administrators(
    owned: OwnedDatabase, admin: str
) -> None:
    earlier = owned.add_user("earlier", Role.ADMIN)
    with owned.owner_db.engine.begin() as conn:  # as the earlier version made administrators
        conn.execute(text(f'ALTER ROLE "{earlier}" CREATEROLE'))
    assert role_facts(owned.owner_db, earlier) == (True, True, ["oneaqita_admin"])
    with owned.owner_db.engine.begin() as conn:
        apply_security(conn)
    assert role_facts(owned.owner_db, earlier) == (True, False, ["oneaqita_admin"])
