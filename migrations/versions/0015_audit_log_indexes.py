"""Indexes from which the audit log viewer pages a user's or a table's entries, newest first

Revision ID: 0015_audit_log_indexes
Revises: 0014_pg_security
Create Date: 2026-12-02 01:00:00

The viewer (oneaqita/services/audit_queries.py) lists the log newest first (at, then id) and
filters by user, by table and by period. With only (at) and (entity, entity_id) of 0001, a
user's entries or a table's came from walking the whole log by date and skipping the others'
(a rare user in a 1,000,000-entry log: every entry read for a page). (user_id, at, id) and
(entity, at, id) hand over a user's or a table's entries in the list's order, a period of
them too; the id ends them so that PostgreSQL need not sort ties.
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0015_audit_log_indexes"
down_revision: str | None = "0014_pg_security"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

INDEXES = (
    ("ix_audit_log_user_id_at_id", ["user_id", "at", "id"]),
    ("ix_audit_log_entity_at_id", ["entity", "at", "id"]),
)


def upgrade() -> None:
    for name, columns in INDEXES:
        op.create_index(name, "audit_log", columns)


def downgrade() -> None:
    for name, _columns in INDEXES:
        op.drop_index(name, table_name="audit_log")
