"""The app-wide handle on one database: read sessions and units of work."""

from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import Engine
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from oneaqita.db.engine import describe, make_engine, session_factory
from oneaqita.errors import ConcurrentEdit
from oneaqita.services.actor import SYSTEM_ACTOR, Actor, current_actor
from oneaqita.services.changes import Change
from oneaqita.services.unit_of_work import UnitOfWork

# Until every caller imports them from their own modules.
__all__ = ["SYSTEM_ACTOR", "Actor", "Change", "Database", "UnitOfWork"]


SQLITE_BUSY_SNAPSHOT = 517


class Database:
    """One per open database; cheap to pass around, safe to share across threads."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self._sessions = session_factory(engine)

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

    def current_actor(self, actor: Actor) -> Actor:
        """`actor` as its user is stored now (see oneaqita.services.actor)."""
        if actor.user_id is None:
            return actor
        with self.read() as session:
            return current_actor(session, actor)

    @contextmanager
    def unit_of_work(self, actor: Actor) -> Iterator[UnitOfWork]:
        """Commits when the block ends normally, rolls everything back on any error, and turns
        a lost optimistic-locking race into ConcurrentEdit. The unit of work acts for `actor`'s
        user as stored now (PermissionDenied if it is gone or deactivated)."""
        with self._sessions() as session:
            try:
                uow = UnitOfWork(session, current_actor(session, actor))
                yield uow
                session.commit()
            except StaleDataError as exc:
                session.rollback()
                raise ConcurrentEdit() from exc
            except OperationalError as exc:
                session.rollback()
                # SQLite in WAL: this transaction read a snapshot that another connection has
                # since written over, so it may not write: the same lost race as above.
                if getattr(exc.orig, "sqlite_errorcode", None) == SQLITE_BUSY_SNAPSHOT:
                    raise ConcurrentEdit() from exc
                raise
            except BaseException:
                session.rollback()
                raise

    def dispose(self) -> None:
        self.engine.dispose()
