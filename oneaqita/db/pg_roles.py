"""PostgreSQL roles of the app: one group role per app role, one login role per app user.

On PostgreSQL every user of the app is a login role of its own, and the server checks its
password (SCRAM-SHA-256); the app stores none. A login role is a member of exactly one of the
group roles below, and the group roles carry the GRANTs and row-level policies that the
permission table (oneaqita/permissions.py) decides. No app role owns a table: the tables
belong to the role that runs the migrations (the owner).
"""

from typing import Any

from psycopg import errors as pg_errors
from psycopg import sql
from sqlalchemy import Connection

from oneaqita.errors import PermissionDenied
from oneaqita.models import Role

__all__ = ["GROUP_ROLES", "create_login", "ensure_group_roles", "group_role", "login_exists"]
__all__ += ["set_can_login", "set_group", "set_password"]

GROUP_ROLES: dict[Role, str] = {role: f"oneaqita_{role.value}" for role in Role}


def group_role(role: Role) -> str:
    """The PostgreSQL group role (NOLOGIN) whose members act as ``role``."""
    return GROUP_ROLES[role]


# -- login roles, one per app user ------------------------------------------------------------
# Every statement runs on the caller's connection, in its transaction: role DDL is
# transactional in PostgreSQL, so a users row and its login role are written or not together.
# Names and passwords go into the statements only through sql.Identifier / sql.Literal, and a
# password only as the SCRAM-SHA-256 verifier libpq computes on this side (the clear text is
# never sent to the server, so it cannot land in a statement log).


def ensure_group_roles(conn: Connection) -> None:
    """Create each group role of GROUP_ROLES that does not exist yet (NOLOGIN)."""
    for name in GROUP_ROLES.values():
        if not _role_exists(conn, name):
            _run(conn, sql.SQL("CREATE ROLE {} NOLOGIN").format(sql.Identifier(name)))


def login_exists(conn: Connection, login: str) -> bool:
    """Whether a role named ``login`` exists in the cluster (roles are cluster-wide)."""
    return _role_exists(conn, login)


def create_login(conn: Connection, login: str, password: str | None, role: Role) -> None:
    """A login role for an app user, a member of ``role``'s group role (created first when
    missing); an administrator's also CREATEROLE, so that they can manage users in turn.
    Without a password the role exists but cannot log in until one is set."""
    ensure_group_roles(conn)
    statement = sql.SQL("CREATE ROLE {login} LOGIN{extra}{password} IN ROLE {group}").format(
        login=sql.Identifier(login),
        extra=sql.SQL(" CREATEROLE" if role is Role.ADMIN else " NOCREATEROLE"),
        password=_password_clause(conn, login, password),
        group=sql.Identifier(group_role(role)),
    )
    _run(conn, statement)


def set_password(conn: Connection, login: str, password: str) -> None:
    _run(
        conn,
        sql.SQL("ALTER ROLE {}{}").format(
            sql.Identifier(login), _password_clause(conn, login, password)
        ),
    )


def set_group(conn: Connection, login: str, role: Role) -> None:
    """Make ``login`` a member of ``role``'s group role and of no other app group role;
    CREATEROLE for an administrator only."""
    ensure_group_roles(conn)
    target = group_role(role)
    for name in GROUP_ROLES.values():
        if name != target:
            _run(
                conn,
                sql.SQL("REVOKE {} FROM {}").format(sql.Identifier(name), sql.Identifier(login)),
            )
    _run(conn, sql.SQL("GRANT {} TO {}").format(sql.Identifier(target), sql.Identifier(login)))
    create_role = "CREATEROLE" if role is Role.ADMIN else "NOCREATEROLE"
    _run(conn, sql.SQL("ALTER ROLE {} " + create_role).format(sql.Identifier(login)))


def set_can_login(conn: Connection, login: str, can_login: bool) -> None:
    """LOGIN or NOLOGIN: a deactivated user's role can no longer connect."""
    keyword = "LOGIN" if can_login else "NOLOGIN"
    _run(conn, sql.SQL("ALTER ROLE {} " + keyword).format(sql.Identifier(login)))


def _password_clause(conn: Connection, login: str, password: str | None) -> sql.Composable:
    if password is None:
        return sql.SQL("")
    verifier = _driver(conn).pgconn.encrypt_password(
        password.encode(), login.encode(), b"scram-sha-256"
    )
    return sql.SQL(" PASSWORD {}").format(sql.Literal(verifier.decode()))


def _role_exists(conn: Connection, name: str) -> bool:
    with _driver(conn).cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", (name,))
        return cursor.fetchone() is not None


def _run(conn: Connection, statement: sql.Composable) -> None:
    """Run ``statement`` in the connection's transaction; the server's refusal for lack of
    privilege becomes PermissionDenied (the transaction is then to be rolled back)."""
    try:
        with _driver(conn).cursor() as cursor:
            cursor.execute(statement)
    except pg_errors.InsufficientPrivilege as exc:
        raise PermissionDenied(
            "データベースのログインロールを変更する権限がありません"
            "(PostgreSQL の CREATEROLE 権限が必要です)。",
            "Not allowed to change the database's login roles (PostgreSQL's CREATEROLE "
            "privilege is needed).",
        ) from exc


def _driver(conn: Connection) -> Any:
    """The psycopg connection under SQLAlchemy's, in the same transaction."""
    return conn.connection.driver_connection
