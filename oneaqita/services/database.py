"""The app-wide handle on one database, and the unit of work every use case runs in."""

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Engine, insert
from sqlalchemy.exc import DBAPIError, OperationalError
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from oneaqita.db.engine import describe, make_engine, session_factory, writer
from oneaqita.errors import ConcurrentEdit, DatabaseBusy, DatabaseReadOnly, PermissionDenied
from oneaqita.models import AuditEntry, Role


@dataclass(frozen=True, slots=True)
class Actor:
    """Who is acting: every write is checked against the role and audited under the login."""

    user_id: int | None
    login: str
    role: Role

    def require(self, *roles: Role) -> None:
        if self.role not in roles:
            raise PermissionDenied(
                f"この操作は{'・'.join(ROLE_LABELS_JA[r] for r in roles)}だけが行えます。",
                f"Only {', '.join(r.value for r in roles)} may do this.",
            )


ROLE_LABELS_JA = {
    Role.ADMIN: "管理者",
    Role.MANAGER: "管理職",
    Role.COORDINATOR: "業務担当",
    Role.SECONDED: "出向職員",
}

# SQLite's primary result codes (the low byte of an extended one such as SQLITE_BUSY_SNAPSHOT,
# 517): another connection holds the lock this one waited for, or wrote over its snapshot.
_SQLITE_BUSY, _SQLITE_LOCKED, _SQLITE_READONLY = 5, 6, 8
_PG_READ_ONLY_TRANSACTION = "25006"  # e.g. a standby, or default_transaction_read_only

# Used by maintenance entry points (migrations, the demo loader) that act for no person.
SYSTEM_ACTOR = Actor(user_id=None, login="system", role=Role.ADMIN)


@dataclass(frozen=True)
class Change:
    """What a use case changed, so that open views can decide whether to refresh."""

    entities: frozenset[str] = frozenset()
    ids: frozenset[int] = frozenset()

    def touches(self, entity: str) -> bool:
        return entity in self.entities


@dataclass
class UnitOfWork:
    session: Session
    actor: Actor
    _changed: set[str] = field(default_factory=set)
    _ids: set[int] = field(default_factory=set)

    def audit(
        self,
        action: str,
        entity: str,
        entity_id: int | None,
        before: dict[str, Any] | None = None,
        after: dict[str, Any] | None = None,
    ) -> None:
        self.session.add(AuditEntry(**self._entry(action, entity, entity_id, before, after)))

    def audit_many(
        self,
        action: str,
        entity: str,
        entries: Sequence[tuple[int, dict[str, Any] | None, dict[str, Any] | None]],
    ) -> None:
        """audit() for many records at once, (entity_id, before, after) each, in one statement
        (for set-based use cases; still one entry per record)."""
        if entries:
            self.session.execute(
                insert(AuditEntry),
                [self._entry(action, entity, *entry) for entry in entries],
            )

    def _entry(
        self,
        action: str,
        entity: str,
        entity_id: int | None,
        before: dict[str, Any] | None,
        after: dict[str, Any] | None,
    ) -> dict[str, Any]:
        self._changed.add(entity)
        if entity_id is not None:
            self._ids.add(entity_id)
        return {
            "user_id": self.actor.user_id,
            "actor": self.actor.login,
            "action": action,
            "entity": entity,
            "entity_id": entity_id,
            "before": before,
            "after": after,
        }

    @property
    def change(self) -> Change:
        return Change(frozenset(self._changed), frozenset(self._ids))


class Database:
    """One per open database; cheap to pass around, safe to share across threads."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self._sessions = session_factory(engine)
        self._writers = session_factory(writer(engine))

    @classmethod
    def open(cls, url: str | None = None) -> "Database":
        return cls(make_engine(url))

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name

    def describe(self) -> str:
        return describe(self.engine)

    @contextmanager
    def read(self) -> Iterator[Session]:
        """A session for queries only; nothing is committed."""
        with self._sessions() as session:
            try:
                yield session
            finally:
                session.rollback()

    @contextmanager
    def unit_of_work(self, actor: Actor) -> Iterator[UnitOfWork]:
        """Commits when the block ends normally, rolls everything back on any error, turns a
        lost optimistic-locking race into ConcurrentEdit, and a database another writer kept
        locked longer than the busy timeout (SQLite) into DatabaseBusy, and a write to a
        read-only database into DatabaseReadOnly. On SQLite the write
        lock is taken at the start (BEGIN IMMEDIATE, see db/engine.py)."""
        with self._writers() as session:
            uow = UnitOfWork(session, actor)
            try:
                yield uow
                session.commit()
            except StaleDataError as exc:
                session.rollback()
                raise ConcurrentEdit() from exc
            except OperationalError as exc:
                session.rollback()
                code = getattr(exc.orig, "sqlite_errorcode", None)
                if code is not None and code & 0xFF in (_SQLITE_BUSY, _SQLITE_LOCKED):
                    raise DatabaseBusy() from exc
                if code is not None and code & 0xFF == _SQLITE_READONLY:
                    raise DatabaseReadOnly() from exc
                raise
            except DBAPIError as exc:
                session.rollback()
                if getattr(exc.orig, "sqlstate", None) == _PG_READ_ONLY_TRANSACTION:
                    raise DatabaseReadOnly() from exc
                raise
            except BaseException:
                session.rollback()
                raise

    def dispose(self) -> None:
        self.engine.dispose()
