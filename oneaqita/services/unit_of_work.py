"""The unit of work every use case writes in: one transaction, its acting user, its audit
entries and the change it reports.

Rules:

- ``actor`` is the user as the database has it when the unit of work began (see
  ``oneaqita.services.actor``), not as the caller described it.
- Every write is audited (``audit`` / ``audit_many``) and thereby reported in ``change``;
  an audit action ``create`` also marks the record as created.
- One audit entry per change. On a secured PostgreSQL database connected as an app user's
  login role, the database's triggers record every row an app role changes (who, the table,
  the row, before and after; oneaqita/db/pg_security.py), whatever the client: there an entry
  for a row's change (``create``, ``update``, ``delete``, ``transition`` of a record) is the
  trigger's, and the unit of work writes only the entries no row change stands for (an
  import's summary, a password reset, a backup). Everywhere else (SQLite, the owner's
  connection, whose changes the triggers leave alone) it writes every entry itself.
- ``discard()`` ends it without committing: what it did is rolled back.
- ``connection`` is the transaction's Core connection; ``session`` an ORM session joined to
  that transaction, made the first time it is asked for (the unit of work flushes it before
  it commits): hot use cases that write only Core statements never make one.
- Records recomputed from a write (work orders re-indexed when their contract, client or
  assignee changed) are reported with ``recomputed`` (``reindex_work_orders`` does both).
"""

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any, cast

from sqlalchemy import Connection, Table, bindparam, insert
from sqlalchemy.orm import Session

from oneaqita.db.bulk import BulkInsert
from oneaqita.db.compiled import Compiled
from oneaqita.db.pg_security import witnessed
from oneaqita.models import AuditEntry
from oneaqita.models.base import utcnow
from oneaqita.search import reindex_work_orders as _reindex
from oneaqita.services.actor import Actor
from oneaqita.services.changes import Change, ChangeBuilder, Entity

__all__ = ["ROW_ACTIONS", "UnitOfWork"]

# The audit actions that stand for a change of the record's row (what a trigger records).
ROW_ACTIONS = frozenset({"create", "update", "delete", "transition"})

# Built once. No RETURNING of the new id, which on PostgreSQL would need a SELECT on the log
# that app roles do not have (they may only add to it; oneaqita/db/pg_security.py).
_AUDIT_COLUMNS = ("at", "user_id", "actor", "action", "entity", "entity_id", "before", "after")
_AUDIT_MANY = BulkInsert(cast(Table, AuditEntry.__table__), _AUDIT_COLUMNS)
# One entry: compiled once, run on the driver (db/compiled.py); every column given.
_AUDIT_ONE = Compiled(
    insert(cast(Table, AuditEntry.__table__))
    .inline()  # no RETURNING of the id (PostgreSQL would add one)
    .values(
        {c: bindparam(c) for c in ("at", "user_id", "actor", "action", "entity", "entity_id")}
        | {"before": bindparam("before_"), "after": bindparam("after_")}
    )
)


@dataclass
class UnitOfWork:
    connection: Connection  # in the unit of work's transaction, begun
    actor: Actor
    _make_session: Callable[[], Session]
    _change: ChangeBuilder = field(default_factory=ChangeBuilder)
    discarded: bool = False
    _session: Session | None = None
    _witnessed: bool | None = None

    @property
    def session(self) -> Session:
        """An ORM session in the unit of work's transaction, made when first asked for: a use
        case that writes only through Core statements (typing an hour) never pays for one."""
        if self._session is None:
            self._session = self._make_session()
        return self._session

    @property
    def session_made(self) -> Session | None:
        """The session, if one was made."""
        return self._session

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
        # One insert on the transaction's connection, at once (no ORM object to flush).
        entry = self._entry(action, entity, entity_id, before, after)
        if entity_id is not None and self._recorded_by_database(action, entity):
            return
        entry["before_"], entry["after_"] = entry.pop("before"), entry.pop("after")
        _AUDIT_ONE.run(self.connection, entry | {"at": utcnow()})

    def audit_many(
        self,
        action: str,
        entity: Entity,
        entries: Sequence[tuple[int, dict[str, Any] | None, dict[str, Any] | None]],
    ) -> None:
        """audit() for many records at once, (entity_id, before, after) each, in one statement
        (for set-based use cases; still one entry per record): one driver executemany (a COPY
        on PostgreSQL, db/bulk.py), no ORM objects, one time for them all; none where the
        database's triggers record the rows."""
        if not entries:
            return
        ids = [entry[0] for entry in entries]
        self._change.wrote(Entity(entity), ids, created=action == "create")
        if self._recorded_by_database(action, entity):
            return
        head = (utcnow(), self.actor.user_id, self.actor.login, action, str(entity))
        _AUDIT_MANY.run(self.connection, [(*head, *entry) for entry in entries])

    def _recorded_by_database(self, action: str, entity: Entity) -> bool:
        """Whether a trigger records this action's row changes (then it writes no entry)."""
        if action not in ROW_ACTIONS or entity == Entity.DATABASE:
            return False
        if self._witnessed is None:
            self._witnessed = witnessed(self.connection)
        return self._witnessed

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
