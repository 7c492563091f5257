"""PostgreSQL enforces the roles itself: a user who opens psql with their own password can do
nothing the app would refuse them.

Design:

- **Owner.** The tables, sequences and functions belong to the role that runs the migrations
  (the owner), never to an app role: ``apply_security`` refuses to run when an app role owns
  one. Only an owner may ALTER a table (DISABLE TRIGGER among it), DROP it, or TRUNCATE it
  without a grant, and no app role gets TRUNCATE, REFERENCES or TRIGGER.
- **GRANTs** come from the permission table: ``oneaqita.db.action_grants`` says per action
  which tables and privileges its services need; each group role (``pg_roles.GROUP_ROLES``,
  NOLOGIN; a login role is a member of one) gets exactly the union over its role's actions,
  plus USAGE on the sequences of the tables it inserts into. Everything else is revoked from
  PUBLIC and from the groups first, so a privilege taken out of the table goes on the next run.
- **Rows** are row-level security's (``oneaqita.db.pg_policies``): a seconded user sees and
  writes only their own hours and sees only their own assignments and the orders they are on.
  The person of the session is ``oneaqita_session_person()``: ``users.person_id`` of the
  active row whose login is ``session_user`` (STABLE, SECURITY DEFINER, owned by the owner), so
  the PostgreSQL login role of a user is named as the user's login.
- **Audit.** ``audit_log`` is INSERT-only for every app role (UPDATE and DELETE also refused by
  the trigger of revision 0001). Two triggers, both SECURITY DEFINER functions of the owner:
  ``audit_log`` entries written by an app role are stamped with that role (``actor`` =
  ``session_user``, ``user_id`` its user, ``at`` the server's time), so an entry cannot be
  written in another's name; and every audited table has statement-level AFTER INSERT, UPDATE
  and DELETE triggers with transition tables that write, in one set-based INSERT per statement,
  one entry per changed row (action ``db_insert``/``db_update``/``db_delete``, entity the
  table, entity_id the row's id, before/after the row as JSON without ``password_hash``)
  whenever the session is not the owner; a statement of more than ``BULK_ROWS`` rows (an
  import's batch, a psql UPDATE of a whole table), or an UPDATE of a table without an ``id``,
  leaves one entry holding its rows (before/after ``{"count": n, "rows": [...]}``, entity_id
  NULL).
  One entry per change: the triggers' condition is also ``oneaqita_witnessed()``, which the
  unit of work asks once per connection; when it is true (an app login role) the app writes
  no entry of its own for a row's change (``services/unit_of_work.py``), only those no row
  change stands for (an import's summary, a password reset). No setting of the session turns
  the triggers off: they depend on ``session_user`` alone, which only a superuser can change.
  The owner (who could disable any trigger anyway) is not witnessed: migrations, the demo
  loader and the tests, connected as the owner, write the app's entries as SQLite does.
  ``work_order_search`` (derived from the orders) is not witnessed.
- **Users.** No member of an app group has CREATEROLE (``apply_security`` takes it from every
  one): on PostgreSQL 15 it would let an administrator grant themself the owner's role. The
  users page changes login roles through the owner's SECURITY DEFINER functions of
  ``oneaqita.db.pg_login_functions`` (EXECUTE for the administrators' group; each checks the
  caller and that the role is an app user's login role).
- ``apply_security`` is idempotent: revision 0014 runs it, and it records a fingerprint of
  what it applied in ``database_settings`` (key ``pg_security``); every ``upgrade``
  (``oneaqita.db.migrate``) then runs ``refresh_security``, which applies it again when the
  code's grants, policies or triggers differ from the recorded ones and the owner is
  connected — a changed permission table needs no new revision (a new table does, as ever).
  ``remove_security`` undoes it (the group roles, shared by every database of the cluster,
  stay). SQLite has none of it: whoever can write the file can
  do anything (README, "Security").
"""

import hashlib
import json
from typing import Any

from sqlalchemy import Connection, Engine, text

from oneaqita.db.action_grants import TABLES, Privilege, grants_for
from oneaqita.db.pg_day_limit import DAY_LIMIT_FUNCTION, day_limit_drops, day_limit_statements
from oneaqita.db.pg_login_functions import (
    GRANTED,
    LOGIN_FUNCTIONS,
    login_functions,
    take_createrole,
)
from oneaqita.db.pg_policies import POLICIES, drop_statements, policy_statements
from oneaqita.db.pg_roles import GROUP_ROLES, group_role
from oneaqita.models import Role
from oneaqita.permissions import PERMISSIONS, Action

__all__ = [
    "AUDITED_TABLES",
    "apply_security",
    "fingerprint",
    "refresh_security",
    "remove_security",
    "witnessed",
]

# The database_settings key under which apply_security records what it applied.
SETTING = "pg_security"

# Every table whose direct changes leave an audit entry (the log itself, the schema revision
# and the derived search documents (work orders, assets), map counts and urgent findings aside).
_DERIVED = {
    "work_order_search",
    "asset_map_cells",
    "asset_map_changes",
    "asset_search",
    "urgent_changes",
    "urgent_findings",
}
AUDITED_TABLES = tuple(t for t in TABLES if t not in {"audit_log", "alembic_version", *_DERIVED})
# A statement that changes more rows than this is witnessed by one entry holding them all
# (entity_id NULL), not one entry per row: a bulk change costs one row of the log.
BULK_ROWS = 100
_EVENTS = {
    "insert": ("INSERT", "NEW TABLE AS new_rows"),
    "update": ("UPDATE", "OLD TABLE AS old_rows NEW TABLE AS new_rows"),
    "delete": ("DELETE", "OLD TABLE AS old_rows"),
}

_CREATE_GROUP = """
DO $$ BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '{role}') THEN
    CREATE ROLE {role} NOLOGIN;
  END IF;
EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;  -- created meanwhile
END $$"""


def _functions(schema: str) -> list[str]:
    path = f'SET search_path = "{schema}", pg_temp'
    definer = f"SECURITY DEFINER {path}"
    row = "(to_jsonb({r}) - 'password_hash')::json"
    # A statement's rows as one object (the audit page shows an entry's fields): how many, and
    # the rows themselves.
    rows = "json_build_object('count', count(*), 'rows', json_agg(to_jsonb({r}) - 'password_hash'))"
    entry = "INSERT INTO audit_log (at, user_id, actor, action, entity, entity_id, before, after)"
    who = "now(), uid, left(session_user, 60)"
    return [
        "CREATE OR REPLACE FUNCTION oneaqita_session_person() RETURNS integer "
        f"LANGUAGE sql STABLE {definer} AS "
        "$$ SELECT person_id FROM users WHERE login = session_user AND active $$",
        "CREATE OR REPLACE FUNCTION oneaqita_session_user_id() RETURNS integer "
        f"LANGUAGE sql STABLE {definer} AS "
        "$$ SELECT id FROM users WHERE login = session_user $$",
        "CREATE OR REPLACE FUNCTION oneaqita_day_minutes(person integer, day date, own integer) "
        f"RETURNS bigint LANGUAGE sql STABLE {definer} AS "
        "$$ SELECT coalesce(sum(minutes), 0) FROM time_entries "
        "WHERE person_id = person AND work_date = day AND id IS DISTINCT FROM own "
        # only one's own day: called for another person it tells nothing
        "AND person = (SELECT u.person_id FROM users u WHERE u.login = session_user) $$",
        "CREATE OR REPLACE FUNCTION oneaqita_audit_stamp() RETURNS trigger "
        f"LANGUAGE plpgsql {definer} AS $$ BEGIN "
        "IF session_user <> current_user THEN "
        "NEW.actor := left(session_user, 60); "
        "NEW.user_id := (SELECT id FROM users WHERE login = session_user); "
        "NEW.at := now(); "
        "END IF; RETURN NEW; END $$",
        "CREATE OR REPLACE FUNCTION oneaqita_witness() RETURNS trigger "
        f"LANGUAGE plpgsql {definer} AS $$ DECLARE uid integer; changed bigint; BEGIN "
        "IF session_user = current_user THEN RETURN NULL; END IF; "
        "IF TG_OP = 'INSERT' THEN changed := (SELECT count(*) FROM new_rows); "
        "ELSE changed := (SELECT count(*) FROM old_rows); END IF; "
        "IF changed = 0 THEN RETURN NULL; END IF; "
        "uid := (SELECT id FROM users WHERE login = session_user); "
        f"IF changed > {BULK_ROWS} OR (TG_OP = 'UPDATE' AND TG_ARGV[0] <> 'id') THEN "
        "IF TG_OP = 'INSERT' THEN "
        f"{entry} SELECT {who}, 'db_insert', TG_TABLE_NAME, NULL, NULL, {rows.format(r='n')} "
        "FROM new_rows n; "
        "ELSIF TG_OP = 'DELETE' THEN "
        f"{entry} SELECT {who}, 'db_delete', TG_TABLE_NAME, NULL, {rows.format(r='o')}, NULL "
        "FROM old_rows o; "
        "ELSE "
        f"{entry} SELECT {who}, 'db_update', TG_TABLE_NAME, NULL, "
        f"(SELECT {rows.format(r='o')} FROM old_rows o), "
        f"(SELECT {rows.format(r='n')} FROM new_rows n); "
        "END IF; "
        "ELSIF TG_OP = 'INSERT' THEN "
        f"{entry} SELECT {who}, 'db_insert', TG_TABLE_NAME, "
        f"(to_jsonb(n) ->> 'id')::integer, NULL, {row.format(r='n')} FROM new_rows n; "
        "ELSIF TG_OP = 'DELETE' THEN "
        f"{entry} SELECT {who}, 'db_delete', TG_TABLE_NAME, "
        f"(to_jsonb(o) ->> 'id')::integer, {row.format(r='o')}, NULL FROM old_rows o; "
        "ELSE "
        f"{entry} SELECT {who}, 'db_update', TG_TABLE_NAME, o.id, "
        f"{row.format(r='o')}, {row.format(r='n')} FROM old_rows o JOIN new_rows n ON n.id = o.id; "
        "END IF; RETURN NULL; END $$",
    ]


_FUNCTIONS = (
    "oneaqita_session_person()",
    "oneaqita_session_user_id()",
    "oneaqita_day_minutes(integer, date, integer)",
    "oneaqita_audit_stamp()",
    "oneaqita_witness()",
    "oneaqita_witnessed()",
    DAY_LIMIT_FUNCTION,
)

_OWNED_BY_APP_ROLES = """
SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE n.nspname = current_schema() AND c.relowner IN (
  SELECT oid FROM pg_roles WHERE rolname = ANY(:groups)
  UNION SELECT m.member FROM pg_auth_members m JOIN pg_roles g ON g.oid = m.roleid
  WHERE g.rolname = ANY(:groups))
"""


def _tables(conn: Connection) -> list[str]:
    rows = conn.exec_driver_sql(
        "SELECT tablename FROM pg_tables WHERE schemaname = current_schema()"
    ).scalars()
    present = set(rows)
    return [t for t in TABLES if t in present]


def _sequences(conn: Connection, table: str) -> list[str]:
    """The sequences the table's columns draw from (serial and identity columns)."""
    return list(
        conn.exec_driver_sql(
            "SELECT s.relname FROM pg_class s "
            "JOIN pg_depend d ON d.objid = s.oid AND d.deptype IN ('a', 'i') "
            "JOIN pg_class t ON t.oid = d.refobjid "
            "WHERE s.relkind = 'S' AND t.relname = %(table)s "
            "AND t.relnamespace = to_regnamespace(current_schema())::oid",
            {"table": table},
        ).scalars()
    )


def _check_owner(conn: Connection) -> None:
    groups = list(GROUP_ROLES.values())
    owned = conn.execute(text(_OWNED_BY_APP_ROLES), {"groups": groups}).scalars().all()
    if owned:
        raise RuntimeError(
            f"app roles own tables ({', '.join(owned)}): the owner must own every table; "
            "ALTER TABLE … OWNER TO the owner, then run the migrations again"
        )


def apply_security(conn: Connection) -> None:
    """(Re)create the group roles when missing, revoke everything from PUBLIC and the groups,
    grant what the permission table decides, and (re)create the row-level policies and the
    audit triggers. Run by the owner of the tables; running it again changes nothing."""
    _check_owner(conn)
    schema = conn.exec_driver_sql("SELECT current_schema()").scalar_one()
    groups = ", ".join(GROUP_ROLES.values())
    run = conn.exec_driver_sql
    for role in GROUP_ROLES.values():
        run(_CREATE_GROUP.format(role=role))
    tables = _tables(conn)
    run(f'REVOKE CREATE ON SCHEMA "{schema}" FROM PUBLIC')
    run(f'GRANT USAGE ON SCHEMA "{schema}" TO {groups}')
    for table in tables:
        run(f"REVOKE ALL ON TABLE {table} FROM PUBLIC, {groups}")
        for sequence in _sequences(conn, table):
            run(f"REVOKE ALL ON SEQUENCE {sequence} FROM PUBLIC, {groups}")
    for sql in _functions(schema):
        run(sql)
    # The owner's own writes skip the triggers in the server, without a call of the function.
    owner = conn.exec_driver_sql("SELECT current_user").scalar_one()
    if "time_entries" in tables:  # a day's 24 hours over a whole statement
        for sql in day_limit_statements(schema, owner):
            run(sql)
    owner = owner.replace("'", "''")
    not_owner = f"WHEN (session_user <> '{owner}')"
    # Whether the triggers record the session's changes (the app then writes no entry of its
    # own for them): the very condition of the triggers.
    run(
        "CREATE OR REPLACE FUNCTION oneaqita_witnessed() RETURNS boolean LANGUAGE sql STABLE "
        f"AS $$ SELECT session_user <> '{owner}' $$"
    )
    with _driver(conn).cursor() as cursor:  # no parameters: % as is
        for sql in login_functions(schema):
            cursor.execute(sql)
    for fn in (*_FUNCTIONS, *LOGIN_FUNCTIONS):
        run(f"REVOKE ALL ON FUNCTION {fn} FROM PUBLIC, {groups}")
    for fn in GRANTED:  # the functions check the caller again
        run(f"GRANT EXECUTE ON FUNCTION {fn} TO {group_role(Role.ADMIN)}")
    take_createrole(conn)
    run(f"GRANT EXECUTE ON FUNCTION oneaqita_session_person() TO {groups}")
    # It tells only whether the session is the owner: anyone may ask (a role with grants of
    # its own but in no group too, whose units of work would otherwise fail).
    run("GRANT EXECUTE ON FUNCTION oneaqita_witnessed() TO PUBLIC")
    run(f"GRANT EXECUTE ON FUNCTION oneaqita_session_user_id() TO {groups}")
    run(f"GRANT EXECUTE ON FUNCTION oneaqita_day_minutes(integer, date, integer) TO {groups}")
    for app_role, group in GROUP_ROLES.items():
        granted = grants_for(app_role)
        for table in tables:
            privileges = granted.get(table, frozenset())
            if privileges:
                run(f"GRANT {', '.join(sorted(privileges))} ON TABLE {table} TO {group}")
            sequence_privileges = [
                *(["USAGE"] if Privilege.INSERT in privileges else []),
                *(["SELECT"] if app_role in PERMISSIONS[Action.BACKUP_DATABASE] else []),
            ]
            if sequence_privileges:  # a copy of the database (pg_dump) reads every sequence
                for sequence in _sequences(conn, table):
                    run(f"GRANT {', '.join(sequence_privileges)} ON SEQUENCE {sequence} TO {group}")
    for table in tables:
        if table in POLICIES:
            for sql in policy_statements(table):
                run(sql)
    run("DROP TRIGGER IF EXISTS oneaqita_audit_stamp ON audit_log")
    run(
        "CREATE TRIGGER oneaqita_audit_stamp BEFORE INSERT ON audit_log "
        # Not the witness's own entries (written inside a trigger, already truthful): an
        # app role can make no trigger of its own, so depth 0 is every entry it writes.
        f"FOR EACH ROW WHEN (session_user <> '{owner}' AND pg_trigger_depth() = 0) "
        "EXECUTE FUNCTION oneaqita_audit_stamp()"
    )
    for table in (t for t in tables if t in AUDITED_TABLES):
        keyed = "id" if _has_id(conn, table) else "key"
        for event, (command, rows) in _EVENTS.items():
            run(f"DROP TRIGGER IF EXISTS oneaqita_witness_{event} ON {table}")
            run(
                f"CREATE TRIGGER oneaqita_witness_{event} AFTER {command} ON {table} "
                f"REFERENCING {rows} FOR EACH STATEMENT {not_owner} "
                f"EXECUTE FUNCTION oneaqita_witness('{keyed}')"
            )
    conn.execute(text("DELETE FROM database_settings WHERE key = :k"), {"k": SETTING})
    conn.execute(
        text("INSERT INTO database_settings (key, value) VALUES (:k, :v)"),
        {"k": SETTING, "v": _stamp(conn)},
    )


_WITNESSED = "oneaqita_witnessed"  # the key of the answer in the DBAPI connection's info


def witnessed(conn: Connection) -> bool:
    """Whether the audit triggers record what ``conn`` changes in the audited tables (a
    secured PostgreSQL database, connected as anyone but the owner): then the unit of work
    writes no entry of its own for a row's change, the trigger's is the one. Asked once per
    database connection (its user never changes)."""
    if conn.dialect.name != "postgresql":
        return False
    info = conn.connection.info
    if _WITNESSED not in info:
        secured = conn.exec_driver_sql("SELECT to_regprocedure('oneaqita_witnessed()')").scalar()
        info[_WITNESSED] = bool(
            secured is not None and conn.exec_driver_sql("SELECT oneaqita_witnessed()").scalar()
        )
    return bool(info[_WITNESSED])


def fingerprint() -> str:
    """What ``apply_security`` applies, as a hash: the grants per role, the policies, the
    functions and the audited tables of this version of the code."""
    grants = {r.value: {t: sorted(p) for t, p in sorted(grants_for(r).items())} for r in Role}
    policies = {t: policy_statements(t) for t in sorted(POLICIES)}
    functions = _functions("schema") + login_functions("schema")
    day_limit = day_limit_statements("schema", "owner")
    whole = [grants, policies, functions, day_limit, AUDITED_TABLES, sorted(_EVENTS)]
    return hashlib.sha256(json.dumps(whole, sort_keys=True).encode()).hexdigest()


def _stamp(conn: Connection) -> str:
    """The fingerprint and the tables present when applied: a revision that adds a table
    listed in TABLES (after the security was applied) has it applied again at the upgrade."""
    return fingerprint() + ":" + hashlib.sha256(",".join(_tables(conn)).encode()).hexdigest()[:16]


def refresh_security(engine: Engine) -> bool:
    """Apply the security again when the database was secured by another version of the
    code (its grants, policies or triggers changed) and the owner is connected; True when it
    did. Called after every upgrade: a change of the permission table needs no revision."""
    if engine.dialect.name != "postgresql":
        return False
    with engine.connect() as conn:
        if conn.exec_driver_sql("SELECT to_regclass('database_settings')").scalar() is None:
            return False  # a revision before the settings (and the security)
        stored = conn.execute(
            text(
                "SELECT value FROM database_settings WHERE key = :k "
                "AND pg_has_role(current_user, (SELECT relowner FROM pg_class "
                "WHERE oid = to_regclass('audit_log')), 'USAGE')"
            ),
            {"k": SETTING},
        ).scalar()
        if stored is None or stored == _stamp(conn):  # not secured yet, or not the owner
            return False
        apply_security(conn)
        conn.commit()
        return True


def _driver(conn: Connection) -> Any:
    """The psycopg connection under SQLAlchemy's, in the same transaction."""
    return conn.connection.driver_connection


def _has_id(conn: Connection, table: str) -> bool:
    return (
        conn.exec_driver_sql(
            "SELECT 1 FROM information_schema.columns WHERE table_schema = current_schema() "
            "AND table_name = %(table)s AND column_name = 'id'",
            {"table": table},
        ).first()
        is not None
    )


def remove_security(conn: Connection) -> None:
    """Undo ``apply_security``: the triggers, policies, functions and grants it added (the
    group roles stay: every database of the cluster shares them)."""
    run = conn.exec_driver_sql
    tables = _tables(conn)
    for table in (t for t in tables if t in AUDITED_TABLES):
        for event in _EVENTS:
            run(f"DROP TRIGGER IF EXISTS oneaqita_witness_{event} ON {table}")
    run("DROP TRIGGER IF EXISTS oneaqita_audit_stamp ON audit_log")
    if "time_entries" in tables:
        for sql in day_limit_drops():
            run(sql)
    for table in tables:
        if table in POLICIES:
            for sql in drop_statements(table):
                run(sql)
    existing = set(
        conn.exec_driver_sql("SELECT rolname FROM pg_roles WHERE rolname LIKE 'oneaqita%%'")
        .scalars()
        .all()
    )
    present = [g for g in GROUP_ROLES.values() if g in existing]
    for table in tables:
        if present:
            run(f"REVOKE ALL ON TABLE {table} FROM {', '.join(present)}")
            for sequence in _sequences(conn, table):
                run(f"REVOKE ALL ON SEQUENCE {sequence} FROM {', '.join(present)}")
    for fn in (*_FUNCTIONS, *reversed(LOGIN_FUNCTIONS)):
        run(f"DROP FUNCTION IF EXISTS {fn}")
    conn.execute(text("DELETE FROM database_settings WHERE key = :k"), {"k": SETTING})
    if present:
        schema = conn.exec_driver_sql("SELECT current_schema()").scalar_one()
        run(f'REVOKE USAGE ON SCHEMA "{schema}" FROM {", ".join(present)}')
