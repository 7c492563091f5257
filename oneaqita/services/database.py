"""The app-wide handle on one database: read sessions and units of work."""

from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import Connection, Engine
from sqlalchemy.exc import DBAPIError, OperationalError
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from oneaqita.db.engine import describe, make_engine, session_factory, writer
from oneaqita.errors import ConcurrentEdit, DatabaseBusy, DatabaseReadOnly
from oneaqita.services.actor import Actor, current_actor
from oneaqita.services.change_notify import ChangeNotifier
from oneaqita.services.unit_of_work import UnitOfWork

__all__ = ["Database"]

# SQLite's primary result codes (the low byte of an extended one such as SQLITE_BUSY_SNAPSHOT,
# 517): another connection holds the lock this one waited for, or wrote over its snapshot.
_SQLITE_BUSY, _SQLITE_LOCKED, _SQLITE_READONLY = 5, 6, 8
_PG_READ_ONLY_TRANSACTION = "25006"  # e.g. a standby, or default_transaction_read_only


class Database:
    """One per open database; cheap to pass around, safe to share across threads."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self._sessions = session_factory(engine)
        self._writer = writer(engine)
        self._writers = session_factory(self._writer)
        self.notifier = ChangeNotifier(engine)  # live changes (see change_notify)

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
    def read_connection(self) -> Iterator[Connection]:
        """A Core connection for queries only, nothing committed: for the hot reads (opening
        a week) that run prepared module-level statements and want no ORM session."""
        with self.engine.connect() as conn:
            yield conn  # closing it rolls its transaction back

    def current_actor(self, actor: Actor) -> Actor:
        """`actor` as its user is stored now (see oneaqita.services.actor)."""
        if actor.user_id is None:
            return actor
        with self.read_connection() as conn:
            return current_actor(conn, actor)

    @contextmanager
    def unit_of_work(self, actor: Actor) -> Iterator[UnitOfWork]:
        """Commits when the block ends normally, rolls everything back on any error, turns a
        lost optimistic-locking race into ConcurrentEdit, and a database another writer kept
        locked longer than the busy timeout (SQLite) into DatabaseBusy, and a write to a
        read-only database into DatabaseReadOnly. On SQLite the write
        lock is taken at the start (BEGIN IMMEDIATE, see db/engine.py). The unit of work acts
        for `actor`'s user as stored now (PermissionDenied if it is gone or deactivated). Its
        transaction is its connection's; an ORM session joins it when first asked for. Its
        change is announced to the other apps at the commit (change_notify)."""
        with self._writer.connect() as connection:
            uow: UnitOfWork | None = None

            def rollback() -> None:
                session = uow.session_made if uow is not None else None
                if session is not None:
                    session.rollback()  # and the connection's transaction with it
                connection.rollback()

            try:
                connection.begin()  # on SQLite, BEGIN IMMEDIATE: the write lock first
                uow = UnitOfWork(
                    connection,
                    current_actor(connection, actor),
                    # The session joins the transaction; the unit of work commits it.
                    lambda: self._writers(bind=connection, join_transaction_mode="rollback_only"),
                )
                yield uow
                session = uow.session_made
                if uow.discarded:
                    rollback()
                else:
                    with self.notifier.committing(connection, lambda: uow.change):
                        # Here, not at the top: the folds' modules import this one. What the
                        # change's triggers noted is folded before the commit (noted_folds).
                        from oneaqita.services.noted_folds import fold_noted

                        flush = session.flush if session is not None else None
                        fold_noted(connection, uow.change, flush)  # the map's, the urgency's
                        if session is not None:
                            session.commit()  # flushes; the transaction is committed below
                        connection.commit()
            except StaleDataError as exc:
                rollback()
                raise ConcurrentEdit() from exc
            except OperationalError as exc:
                rollback()
                code = getattr(exc.orig, "sqlite_errorcode", None)
                if code is not None and code & 0xFF in (_SQLITE_BUSY, _SQLITE_LOCKED):
                    raise DatabaseBusy() from exc
                if code is not None and code & 0xFF == _SQLITE_READONLY:
                    raise DatabaseReadOnly() from exc
                raise
            except DBAPIError as exc:
                rollback()
                if getattr(exc.orig, "sqlstate", None) == _PG_READ_ONLY_TRANSACTION:
                    raise DatabaseReadOnly() from exc
                raise
            except BaseException:
                rollback()
                raise
            finally:
                if uow is not None and uow.session_made is not None:
                    uow.session_made.close()

    def dispose(self) -> None:
        self.notifier.close()
        self.engine.dispose()
