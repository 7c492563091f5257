"""PostgreSQL login roles the users tests make: what the server says of one, and dropping
them after the test (roles belong to the whole cluster, not to the test's database)."""

from collections.abc import Iterable

from psycopg import sql

from oneaqita.services.database import Database


def drop_test_roles(db: Database, logins: Iterable[str]) -> None:
    if db.dialect != "postgresql":
        return
    with db.engine.connect() as conn:
        raw = conn.connection.driver_connection
        assert raw is not None
        with raw.cursor() as cursor:
            for login in logins:
                assert login.startswith("t_users_")  # never anything else's role
                cursor.execute(sql.SQL("DROP ROLE IF EXISTS {}").format(sql.Identifier(login)))
        conn.commit()


def role_facts(db: Database, login: str) -> tuple[bool, bool, list[str]] | None:
    """(can log in, may create roles, the group roles it is a member of), None when missing."""
    with db.engine.connect() as conn:
        raw = conn.connection.driver_connection
        assert raw is not None
        with raw.cursor() as cursor:
            cursor.execute(
                "SELECT r.rolcanlogin, r.rolcreaterole, "
                "  array(SELECT g.rolname FROM pg_auth_members m "
                "        JOIN pg_roles g ON g.oid = m.roleid WHERE m.member = r.oid "
                "        ORDER BY g.rolname) "
                "FROM pg_roles r WHERE r.rolname = %s",
                (login,),
            )
            found = cursor.fetchone()
    return None if found is None else (found[0], found[1], list(found[2]))
