"""The unit of work every use case writes in: one transaction, its acting user, its audit
entries and the change it reports.

Rules:

- ``actor`` is the user as the database has it when the unit of work began (see
  ``oneaqita.services.actor``), not as the caller described it.
- Every write is audited (``audit`` / ``audit_many``) and thereby reported in ``change``;
  an audit action ``create`` also marks the record as created.
- ``discard()`` ends it without committing: what it did is rolled back.
- Records recomputed from a write (work orders re-indexed when their contract, client or
  assignee changed) are reported with ``recomputed`` (``reindex_work_orders`` does both).
"""

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, cast

from sqlalchemy import Table, insert
from sqlalchemy.orm import Session

from oneaqita.models import AuditEntry
from oneaqita.search import reindex_work_orders as _reindex
from oneaqita.services.actor import Actor
from oneaqita.services.changes import Change, ChangeBuilder, Entity

__all__ = ["UnitOfWork"]

# Built once. Inline: no RETURNING of the new id, which on PostgreSQL would need a SELECT on
# the log that app roles do not have (they may only add to it; oneaqita/db/pg_security.py).
_AUDIT = insert(cast(Table, AuditEntry.__table__)).inline()


@dataclass
class UnitOfWork:
    session: Session
    actor: Actor
    _change: ChangeBuilder = field(default_factory=ChangeBuilder)
    discarded: bool = False

    def discard(self) -> None:
        """Roll everything back when the unit of work ends, as on an error, but without one
        (a check-only import, a file with errors): nothing it did is written."""
        self.discarded = True

    def audit(
        self,
        action: str,
        entity: Entity,
        entity_id: int | None,
        before: dict[str, Any] | None = None,
        after: dict[str, Any] | None = None,
    ) -> None:
        # One Core insert on the transaction's connection, at once (no ORM object to flush).
        entry = self._entry(action, entity, entity_id, before, after)
        self.session.connection().execute(_AUDIT, entry)

    def audit_many(
        self,
        action: str,
        entity: Entity,
        entries: Sequence[tuple[int, dict[str, Any] | None, dict[str, Any] | None]],
    ) -> None:
        """audit() for many records at once, (entity_id, before, after) each, in one statement
        (for set-based use cases; still one entry per record): a Core executemany on the
        table, no ORM objects."""
        if entries:
            self.session.connection().execute(
                _AUDIT, [self._entry(action, entity, *entry) for entry in entries]
            )

    def recomputed(self, entity: Entity, ids: Sequence[int]) -> None:
        """Report records derived data was rebuilt for (they were not edited)."""
        self._change.recomputed(entity, ids)

    def reindex_work_orders(self, ids: Sequence[int]) -> None:
        """Rebuild the search documents and list columns of these work orders, and report
        them as recomputed."""
        if ids:
            _reindex(self.session, ids)
            self.recomputed(Entity.WORK_ORDERS, ids)

    def _entry(
        self,
        action: str,
        entity: Entity,
        entity_id: int | None,
        before: dict[str, Any] | None,
        after: dict[str, Any] | None,
    ) -> dict[str, Any]:
        self._change.wrote(Entity(entity), [entity_id], created=action == "create")
        return {
            "user_id": self.actor.user_id,
            "actor": self.actor.login,
            "action": action,
            "entity": str(entity),
            "entity_id": entity_id,
            "before": before,
            "after": after,
        }

    @property
    def change(self) -> Change:
        return self._change.build()
