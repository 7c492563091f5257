"""Every role against every table, table-driven from the permission table: each privilege
its actions need works through the role's own connection, every other one is refused."""

import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import make_url, text

from oneaqita.db.action_grants import TABLES, Privilege, grants_for
from oneaqita.db.pg_security import apply_security
from oneaqita.models import Role
from oneaqita.permissions import PERMISSIONS, Action
from tests.db.pg_security_setup import Secured, refused, secured_database

pytestmark = pytest.mark.pg


@pytest.fixture(scope="module")
def secured() -> Iterator[Secured]:
    yield from secured_database()


def _probe(privilege: Privilege, table: str, column: str) -> str:
    """A statement that needs ``privilege`` on ``table`` and nothing else, touching no row."""
    return {
        Privilege.SELECT: f"SELECT 1 FROM {table} LIMIT 0",
        Privilege.INSERT: f"INSERT INTO {table} SELECT (NULL::{table}).* WHERE false",
        Privilege.UPDATE: f"UPDATE {table} SET {column} = NULL WHERE false",
        Privilege.DELETE: f"DELETE FROM {table} WHERE false",
    }[privilege]


def _first_columns(secured: Secured) -> dict[str, str]:
    with secured.owner.engine.connect() as conn:
        rows = conn.execute(
            text(
                "SELECT table_name, column_name FROM information_schema.columns "
                "WHERE table_schema = current_schema() AND ordinal_position = 1"
            )
        )
        return {t: c for t, c in rows}


@pytest.mark.parametrize("role", list(Role))
def test_a_role_has_exactly_the_privileges_of_its_actions(secured: Secured, role: Role) -> None:
    granted = grants_for(role)
    columns = _first_columns(secured)
    assert set(TABLES) <= set(columns), "every table of the grants exists"
    wrong: list[tuple[str, str, str]] = []
    with secured.engine(role).connect() as conn, conn.begin():
        for table in TABLES:
            for privilege in Privilege:
                expected = privilege in granted.get(table, frozenset())
                if refused(conn, _probe(privilege, table, columns[table])) == expected:
                    wrong.append((table, privilege, "refused" if expected else "allowed"))
            if not refused(conn, f"TRUNCATE {table}"):
                wrong.append((table, "TRUNCATE", "allowed"))
        conn.rollback()
    assert wrong == []


def test_a_seconded_user_may_log_hours_but_not_touch_the_settlement_or_the_users() -> None:
    """The permission table itself, as the grants read it (a sanity check of the mapping)."""
    seconded = grants_for(Role.SECONDED)
    assert Privilege.INSERT in seconded["time_entries"]
    assert Privilege.INSERT in seconded["timesheet_weeks"]
    assert seconded["users"] == {Privilege.SELECT}
    assert seconded["audit_log"] == {Privilege.INSERT}
    assert "login_failures" not in seconded
    for role in Role:
        assert Privilege.UPDATE not in grants_for(role)["audit_log"]
        assert Privilege.DELETE not in grants_for(role)["audit_log"]


def test_applying_the_security_again_changes_nothing(secured: Secured) -> None:
    snapshot = text(
        "SELECT grantee, table_name, privilege_type FROM information_schema.role_table_grants "
        "WHERE table_schema = current_schema() AND grantee LIKE 'oneaqita%' "
        "UNION ALL SELECT policyname, tablename, cmd FROM pg_policies "
        "UNION ALL SELECT tgname, tgrelid::regclass::text, '' FROM pg_trigger "
        "WHERE NOT tgisinternal ORDER BY 1, 2, 3"
    )
    with secured.owner.engine.connect() as conn:
        before = conn.execute(snapshot).all()
        apply_security(conn)
        conn.commit()
        assert conn.execute(snapshot).all() == before
    assert len(before) > 100


@pytest.mark.parametrize("role", list(Role))
def test_pg_dump_copies_the_database_for_those_who_may_back_it_up(
    secured: Secured, role: Role, tmp_path: Path
) -> None:
    pg_dump = shutil.which("pg_dump")
    if pg_dump is None:
        pytest.skip("pg_dump is not installed")
    url = make_url(secured.url)
    dump = tmp_path / "copy.dump"
    done = subprocess.run(
        [pg_dump, "-Fc", "--enable-row-security", "-h", url.host or "127.0.0.1"]
        + ["-p", str(url.port or 5432), "-U", secured.logins[role], "-d", url.database or ""]
        + ["-f", str(dump)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    may = role in PERMISSIONS[Action.BACKUP_DATABASE]
    assert (done.returncode == 0) is may, done.stderr
    if not may:
        assert "permission denied" in done.stderr
