"""User management on PostgreSQL without CREATEROLE for anyone of the app.

On PostgreSQL 15 a role with CREATEROLE may grant itself any role that is not a superuser,
the owner of the tables included: an administrator with it would be as strong as the owner.
So no app login role has CREATEROLE (``apply_security`` takes it from every member of an app
group), and the four changes the users page makes to login roles go through these functions,
owned by the owner (which creates the group roles and so has CREATEROLE or is a superuser),
SECURITY DEFINER with the search path pinned, EXECUTE for the administrators' group only:

- ``oneaqita_create_login(login, verifier, grp)``: a new LOGIN role, no other attribute, in
  the app group ``grp``, with the SCRAM-SHA-256 verifier (NULL: no password yet).
- ``oneaqita_set_login_password(login, verifier)``: a new SCRAM-SHA-256 verifier (never a
  clear-text password, which could land in the server's statement log).
- ``oneaqita_set_login_group(login, grp)``: a member of ``grp`` and of no other app group.
- ``oneaqita_set_login_can_login(login, can)``: LOGIN or NOLOGIN.

Each first checks (``oneaqita_login_target``) and refuses with SQLSTATE 42501 and the message
``oneaqita_logins:<reason>`` (``pg_roles`` says it in both languages):

- ``caller``: the session's user is neither the owner (or a superuser) nor an active
  administrator of this database (a users row with role ``admin``) in the administrators'
  group;
- ``target``: the role is not an app login role: no users row of this database names it, or
  it is an app group, a ``pg_`` role, a superuser, the owner or a member of it, has CREATEROLE,
  CREATEDB, REPLICATION or BYPASSRLS, is a member of any role but the app groups, has members
  itself, or owns anything (a database, a table, … anywhere in the cluster);
- ``exists``: a login to create is a role already;
- ``group``: ``grp`` is not one of the app groups;
- ``self``: an administrator taking their own administrators' group or login (the app refuses
  both too);
- ``verifier``: not a SCRAM-SHA-256 verifier.
"""

from typing import Any

from psycopg import sql
from sqlalchemy import Connection, text

from oneaqita.db.pg_roles import GROUP_ROLES
from oneaqita.models import Role

__all__ = ["GRANTED", "LOGIN_FUNCTIONS", "login_functions", "take_createrole"]

_GROUPS = "ARRAY[" + ", ".join(f"'{g}'" for g in GROUP_ROLES.values()) + "]::text[]"
_ADMINS = GROUP_ROLES[Role.ADMIN]
# SCRAM-SHA-256$<iterations>:<salt>$<StoredKey>:<ServerKey>, base64 parts.
_VERIFIER = r"^SCRAM-SHA-256\$[0-9]+:[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+:[A-Za-z0-9+/=]+$"


def _refuse(reason: str) -> str:
    return f"RAISE EXCEPTION USING ERRCODE = '42501', MESSAGE = 'oneaqita_logins:{reason}';"


def login_functions(schema: str) -> list[str]:
    """The SQL creating the functions (``CREATE OR REPLACE``: running it again changes
    nothing)."""
    definer = f'SECURITY DEFINER SET search_path = "{schema}", pg_temp'
    target = (
        "CREATE OR REPLACE FUNCTION oneaqita_login_target(target text, fresh boolean) "
        f"RETURNS void LANGUAGE plpgsql {definer} AS $$ DECLARE r pg_roles%ROWTYPE; BEGIN "
        # current_user is the owner here (the function's); session_user the caller.
        "IF NOT (pg_has_role(session_user, current_user, 'MEMBER') "
        f"OR (pg_has_role(session_user, '{_ADMINS}', 'MEMBER') AND EXISTS (SELECT 1 FROM users "
        "WHERE login = session_user AND active AND role = 'admin'))) THEN "
        f"{_refuse('caller')} END IF; "
        "IF target IS NULL OR target LIKE 'pg\\_%' OR target = ANY("
        f"{_GROUPS}) OR NOT EXISTS (SELECT 1 FROM users WHERE login = target) THEN "
        f"{_refuse('target')} END IF; "
        "SELECT * INTO r FROM pg_roles WHERE rolname = target; "
        "IF NOT FOUND THEN "
        f"IF fresh THEN RETURN; END IF; {_refuse('target')} END IF; "
        f"IF fresh THEN {_refuse('exists')} END IF; "
        "IF r.rolsuper OR r.rolcreaterole OR r.rolcreatedb OR r.rolreplication OR r.rolbypassrls "
        "OR pg_has_role(target, current_user, 'MEMBER') "
        "OR EXISTS (SELECT 1 FROM pg_auth_members m JOIN pg_roles g ON g.oid = m.roleid "
        f"WHERE m.member = r.oid AND g.rolname <> ALL({_GROUPS})) "
        "OR EXISTS (SELECT 1 FROM pg_auth_members m WHERE m.roleid = r.oid) "
        "OR EXISTS (SELECT 1 FROM pg_shdepend d WHERE d.refclassid = 'pg_authid'::regclass "
        "AND d.refobjid = r.oid AND d.deptype = 'o') "
        "OR EXISTS (SELECT 1 FROM pg_database d WHERE d.datdba = r.oid) THEN "
        f"{_refuse('target')} END IF; END $$"
    )
    group_check = f"IF grp IS NULL OR grp <> ALL({_GROUPS}) THEN {_refuse('group')} END IF; "
    verifier_check = f"IF verifier !~ '{_VERIFIER}' THEN {_refuse('verifier')} END IF; "
    return [
        target,
        "CREATE OR REPLACE FUNCTION oneaqita_create_login(login text, verifier text, grp text) "
        f"RETURNS void LANGUAGE plpgsql {definer} AS $$ BEGIN "
        "PERFORM oneaqita_login_target(login, true); "
        f"{group_check}"
        f"IF verifier IS NOT NULL THEN {verifier_check} END IF; "
        "EXECUTE format('CREATE ROLE %I LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE "
        "NOREPLICATION NOBYPASSRLS INHERIT PASSWORD %L IN ROLE %I', login, verifier, grp); "
        "END $$",
        "CREATE OR REPLACE FUNCTION oneaqita_set_login_password(login text, verifier text) "
        f"RETURNS void LANGUAGE plpgsql {definer} AS $$ BEGIN "
        "PERFORM oneaqita_login_target(login, false); "
        f"IF verifier IS NULL THEN {_refuse('verifier')} END IF; {verifier_check}"
        "EXECUTE format('ALTER ROLE %I PASSWORD %L', login, verifier); END $$",
        "CREATE OR REPLACE FUNCTION oneaqita_set_login_group(login text, grp text) "
        f"RETURNS void LANGUAGE plpgsql {definer} AS $$ DECLARE other text; BEGIN "
        "PERFORM oneaqita_login_target(login, false); "
        f"{group_check}"
        f"IF login = session_user AND grp <> '{_ADMINS}' THEN {_refuse('self')} END IF; "
        f"FOREACH other IN ARRAY {_GROUPS} LOOP "
        "IF other <> grp THEN EXECUTE format('REVOKE %I FROM %I', other, login); END IF; "
        "END LOOP; "
        "EXECUTE format('GRANT %I TO %I', grp, login); END $$",
        "CREATE OR REPLACE FUNCTION oneaqita_set_login_can_login(login text, can boolean) "
        f"RETURNS void LANGUAGE plpgsql {definer} AS $$ BEGIN "
        "PERFORM oneaqita_login_target(login, false); "
        f"IF can IS NULL OR (login = session_user AND NOT can) THEN {_refuse('self')} END IF; "
        "EXECUTE format(CASE WHEN can THEN 'ALTER ROLE %I LOGIN' ELSE 'ALTER ROLE %I NOLOGIN' "
        "END, login); END $$",
    ]


# Their signatures (for REVOKE, GRANT and DROP); the check itself is granted to nobody.
LOGIN_FUNCTIONS = (
    "oneaqita_login_target(text, boolean)",
    "oneaqita_create_login(text, text, text)",
    "oneaqita_set_login_password(text, text)",
    "oneaqita_set_login_group(text, text)",
    "oneaqita_set_login_can_login(text, boolean)",
)
GRANTED = LOGIN_FUNCTIONS[1:]


# Members of an app group with CREATEROLE (login roles made by an earlier version, which gave
# it to administrators): on PostgreSQL 15 it lets them grant themselves the owner's role.
_CREATEROLE_MEMBERS = """
SELECT r.rolname FROM pg_roles r
WHERE r.rolcreaterole AND NOT r.rolsuper AND r.rolname <> current_user
  AND EXISTS (SELECT 1 FROM pg_auth_members m JOIN pg_roles g ON g.oid = m.roleid
              WHERE m.member = r.oid AND g.rolname = ANY(:groups))
"""


def take_createrole(conn: Connection) -> None:
    """No member of an app group keeps CREATEROLE (users are managed through the owner's
    functions, oneaqita/db/pg_login_functions.py)."""
    groups = list(GROUP_ROLES.values())
    logins = conn.execute(text(_CREATEROLE_MEMBERS), {"groups": groups}).scalars().all()
    raw: Any = conn.connection.driver_connection
    with raw.cursor() as cursor:
        for login in logins:
            cursor.execute(sql.SQL("ALTER ROLE {} NOCREATEROLE").format(sql.Identifier(login)))
