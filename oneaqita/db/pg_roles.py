"""PostgreSQL roles of the app: one group role per app role, one login role per app user.

On PostgreSQL every user of the app is a login role of its own, and the server checks its
password (SCRAM-SHA-256); the app stores none. A login role is a member of exactly one of the
group roles below, and the group roles carry the GRANTs and row-level policies that the
permission table (oneaqita/permissions.py) decides. No app role owns a table or has
CREATEROLE: the tables belong to the role that runs the migrations (the owner), and login
roles change only through the owner's functions (oneaqita/db/pg_login_functions.py).
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
# No app role has CREATEROLE (on PostgreSQL 15 it could grant itself the owner's role): the
# changes go through the owner's SECURITY DEFINER functions of oneaqita/db/pg_login_functions.py,
# which only an active administrator (or the owner) may call and which touch only the app's
# login roles. Every call runs on the caller's connection, in its transaction: role DDL is
# transactional in PostgreSQL, so a users row and its login role are written or not together
# (the users row first: the functions refuse a role no users row names). A password goes to
# the server only as the SCRAM-SHA-256 verifier libpq computes on this side (the clear text is
# never sent, so it cannot land in a statement log); names and verifiers only as parameters.


def ensure_group_roles(conn: Connection) -> None:
    """Create each group role of GROUP_ROLES that does not exist yet (NOLOGIN); the owner's
    (the migrations do it)."""
    for name in GROUP_ROLES.values():
        if not _role_exists(conn, name):
            with _driver(conn).cursor() as cursor:
                cursor.execute(sql.SQL("CREATE ROLE {} NOLOGIN").format(sql.Identifier(name)))


def login_exists(conn: Connection, login: str) -> bool:
    """Whether a role named ``login`` exists in the cluster (roles are cluster-wide)."""
    return _role_exists(conn, login)


def create_login(conn: Connection, login: str, password: str | None, role: Role) -> None:
    """A login role for the app user ``login`` (its users row stored first), a member of
    ``role``'s group role, nothing else. Without a password the role exists but cannot log in
    until one is set."""
    verifier = _verifier(conn, login, password)
    _call(conn, "oneaqita_create_login(%s, %s, %s)", login, verifier, group_role(role))


def set_password(conn: Connection, login: str, password: str) -> None:
    _call(conn, "oneaqita_set_login_password(%s, %s)", login, _verifier(conn, login, password))


def set_group(conn: Connection, login: str, role: Role) -> None:
    """Make ``login`` a member of ``role``'s group role and of no other app group role."""
    _call(conn, "oneaqita_set_login_group(%s, %s)", login, group_role(role))


def set_can_login(conn: Connection, login: str, can_login: bool) -> None:
    """LOGIN or NOLOGIN: a deactivated user's role can no longer connect."""
    _call(conn, "oneaqita_set_login_can_login(%s, %s)", login, can_login)


def _verifier(conn: Connection, login: str, password: str | None) -> str | None:
    if password is None:
        return None
    verifier = _driver(conn).pgconn.encrypt_password(
        password.encode(), login.encode(), b"scram-sha-256"
    )
    return str(verifier.decode())


def _role_exists(conn: Connection, name: str) -> bool:
    with _driver(conn).cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", (name,))
        return cursor.fetchone() is not None


# Why a function refused (its message ``oneaqita_logins:<reason>``), in both languages.
_REASONS: dict[str, tuple[str, str]] = {
    "caller": (
        "ユーザーを管理できるのは、このデータベースの有効な管理者だけです。",
        "Only an active administrator of this database manages its users.",
    ),
    "target": (
        "「{login}」はこのアプリのユーザーのログインロールではないため、変更できません"
        "(所有者・スーパーユーザー・グループロール・他の権限を持つロールは対象外です)。",
        "'{login}' is not the login role of a user of this app and cannot be changed (the "
        "owner, superusers, group roles and roles with other privileges are out of reach).",
    ),
    "exists": (
        "データベースには既に「{login}」というロールがあります。",
        "The database server already has a role named '{login}'.",
    ),
    "group": ("アプリの役割ではないグループです。", "That is not a group of the app's roles."),
    "self": (
        "自分自身の管理者の役割を外すことや、自分自身の無効化はできません。",
        "You can neither take the administrator role from yourself nor deactivate yourself.",
    ),
    "verifier": (
        "パスワードは SCRAM-SHA-256 の検証子としてのみ設定できます。",
        "A password can only be set as a SCRAM-SHA-256 verifier.",
    ),
}


def _call(conn: Connection, function: str, login: str, *args: object) -> None:
    """Call a login function in the connection's transaction; its refusal (or the server's,
    for lack of privilege) becomes PermissionDenied (the transaction is then to be rolled
    back)."""
    try:
        with _driver(conn).cursor() as cursor:
            cursor.execute(f"SELECT {function}", (login, *args))
    except (pg_errors.InsufficientPrivilege, pg_errors.UndefinedFunction) as exc:
        message = exc.diag.message_primary or ""
        reason = message.removeprefix("oneaqita_logins:") if message else ""
        if reason in _REASONS:
            ja, en = _REASONS[reason]
            raise PermissionDenied(ja.format(login=login), en.format(login=login)) from exc
        raise PermissionDenied(
            "データベースのログインロールを変更できませんでした(データベースの所有者が"
            "移行を実行し、所有者に CREATEROLE 権限があるか確かめてください)。",
            "Could not change the database's login roles (have the owner run the migrations, "
            "and check that the owner has PostgreSQL's CREATEROLE privilege).",
        ) from exc


def _driver(conn: Connection) -> Any:
    """The psycopg connection under SQLAlchemy's, in the same transaction."""
    return conn.connection.driver_connection
