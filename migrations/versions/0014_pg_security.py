"""PostgreSQL enforces the roles: GRANTs per group role from the permission table, row-level
security, audit triggers stamped with the database user

Revision ID: 0014_pg_security
Revises: 0013_logins
Create Date: 2026-12-02 01:00:00

On PostgreSQL, ``oneaqita.db.pg_security.apply_security`` (its docstring gives the design):
each group role gets exactly the privileges its app role's actions need, a seconded user sees
and writes only their own hours and sees only their own assignments, and every direct change
by an app role leaves an audit entry naming it. It must be run by the owner of the tables (who
runs every migration); a later revision that adds a table or an action runs it again. SQLite:
nothing (whoever can write the file can do anything; README, "Security").
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0014_pg_security"
down_revision: str | None = "0013_logins"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_RUN_BY_OWNER = (
    "SELECT pg_has_role(current_user, c.relowner, 'USAGE') FROM pg_class c "
    "WHERE c.oid = to_regclass('audit_log')"
)


def _owner_runs_it() -> None:
    if not op.get_bind().exec_driver_sql(_RUN_BY_OWNER).scalar():
        raise RuntimeError(
            "the database's security is set up by the owner of its tables: run the "
            "migrations as the role that owns them"
        )


def upgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    from oneaqita.db.pg_security import apply_security

    _owner_runs_it()
    apply_security(op.get_bind())


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    from oneaqita.db.pg_security import remove_security

    _owner_runs_it()
    remove_security(op.get_bind())
