"""PostgreSQL: users managed through the owner's functions, no CREATEROLE for app roles; one
audit entry per change

Revision ID: 0019_pgsec13_login_functions
Revises: 0018_dashboard_speed
Create Date: 2026-12-02 05:20:00

On PostgreSQL 15 the CREATEROLE that administrators' login roles had (to manage users) let
them grant themselves the owner's role. ``apply_security`` now creates the owner's SECURITY
DEFINER functions that create a login role, set its password (a SCRAM verifier), its group and
whether it may log in (oneaqita/db/pg_login_functions.py), grants them to the administrators'
group only, and takes CREATEROLE from every member of an app group. It also creates
``oneaqita_witnessed()``, which tells the app whether the audit triggers record its session's
changes (then the app writes no entry of its own for them: one entry per change). Run by the
owner of the tables, as 0014. SQLite: nothing.
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0019_pgsec13_login_functions"
down_revision: str | None = "0018_dashboard_speed"
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
    from oneaqita.db.pg_login_functions import LOGIN_FUNCTIONS

    _owner_runs_it()
    # CREATEROLE is not given back: the functions go, user management needs the owner again.
    for fn in reversed(LOGIN_FUNCTIONS):
        op.get_bind().exec_driver_sql(f"DROP FUNCTION IF EXISTS {fn}")
