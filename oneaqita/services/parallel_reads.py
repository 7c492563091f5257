"""Independent reads run side by side, each on its own pooled connection.

A page that shows several figures (the dashboard's six tiles, the report's sections) reads
them one after another in a few hundred milliseconds each; the database can answer them at
once: PostgreSQL in a server process per connection, SQLite in the calling thread with the
GIL released while a statement steps. `side_by_side` runs such calls on a small shared pool of
threads and returns their results in the order given; each call opens its own read
(`Database.read`), so they share no connection and no transaction.

They run one after another instead when that would be wrong or useless: an in-memory SQLite
database (each thread would get a different, empty one from its pool), a machine with one
core, or a call already running on the pool (waiting for the pool from inside it could
deadlock).

A report whose sections must agree reads them in one snapshot: ``read_consistently(db,
build)`` gives `build` a main read session and ``together(*calls)``, which runs reads of a
session each side by side, all seeing what the main session sees.

- PostgreSQL: the main session is REPEATABLE READ and exports its snapshot
  (pg_export_snapshot); each side read imports it (SET TRANSACTION SNAPSHOT) before its
  first query, so they see the very same rows, and runs without parallel workers of its own
  but with more memory for its hashes (``_PG_SIDE_READ``).
- SQLite cannot share a snapshot, so the reads are checked instead: ``PRAGMA data_version``
  on a connection of its own, before `build` and after it, tells whether any other
  connection committed meanwhile; if one did, `build` runs again with every read one after
  another in the main session. Without a commit during the reads, every read saw the same
  database.
"""

import os
import re
import threading
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from typing import Any, TypeVar

from sqlalchemy import text
from sqlalchemy.orm import Session
from sqlalchemy.pool import SingletonThreadPool, StaticPool

from oneaqita.services.database import Database

__all__ = ["Reads", "read_consistently", "side_by_side"]

T = TypeVar("T")
_SNAPSHOT_ID = re.compile(r"[0-9A-Fa-f]+(-[0-9A-Fa-f]+)+")  # what pg_export_snapshot returns
_REPEATABLE = {"isolation_level": "REPEATABLE READ"}
# A PostgreSQL side read's own settings: no parallel workers of its own (the reads already
# run side by side: with both, 2 cores ran the report's figures slower), and room for its
# hashes and sorts (at the default 4 MB the report's aggregates spilled to disk). 1.4–1.5 s
# → 1.1–1.15 s for the report's figures at demo scale 25, 2026-12-03.
_PG_SIDE_READ = ("SET LOCAL max_parallel_workers_per_gather = 0", "SET LOCAL work_mem = '64MB'")

WORKERS = min(4, os.cpu_count() or 1)

_pool: ThreadPoolExecutor | None = None
_pool_lock = threading.Lock()
_inside = threading.local()


def _executor() -> ThreadPoolExecutor:
    global _pool
    with _pool_lock:
        if _pool is None:
            _pool = ThreadPoolExecutor(WORKERS, "oneaqita-read", initializer=_mark)
        return _pool


def _mark() -> None:
    _inside.on_pool = True


def _shared(db: Database) -> bool:
    """Whether each thread gets a connection to the same database from the engine's pool."""
    return not isinstance(db.engine.pool, (SingletonThreadPool, StaticPool))


def _parallel(db: Database, calls: int) -> bool:
    return WORKERS >= 2 and calls >= 2 and not getattr(_inside, "on_pool", False) and _shared(db)


def side_by_side(db: Database, *calls: Callable[[], Any]) -> list[Any]:
    """Each call's result, in order; the first call's error raised once all have ended."""
    if not _parallel(db, len(calls)):
        return [call() for call in calls]
    futures = [_executor().submit(call) for call in calls]
    errors = [f.exception() for f in futures]  # waits for every call
    for error in errors:
        if error is not None:
            raise error
    return [f.result() for f in futures]


class Reads:
    """What ``read_consistently`` hands its build: the main session, and reads side by side."""

    def __init__(self, db: Database, session: Session, snapshot: str | None, apart: bool):
        self._db, self.session, self._snapshot, self._apart = db, session, snapshot, apart

    def together(self, *calls: Callable[[Session], Any]) -> list[Any]:
        """Each call's result, given a read session that sees what the main session sees."""
        if not self._apart:
            return [call(self.session) for call in calls]
        return side_by_side(self._db, *(lambda c=c: self._read(c) for c in calls))

    def _read(self, call: Callable[[Session], T]) -> T:
        with self._db.read() as session:
            if self._snapshot is not None:
                session.connection(execution_options=_REPEATABLE)
                session.execute(text(f"SET TRANSACTION SNAPSHOT '{self._snapshot}'"))
                for setting in _PG_SIDE_READ:
                    session.execute(text(setting))
            return call(session)


def read_consistently(db: Database, build: Callable[[Reads], T]) -> T:
    """`build`'s result, every read it makes seeing one state of the database (see the
    module's docstring); `build` may run twice on SQLite, so it only reads."""
    if not _parallel(db, 2):
        return _in_one_session(db, build)
    if db.dialect == "postgresql":
        with db.read() as session:
            session.connection(execution_options=_REPEATABLE)
            snapshot = str(session.execute(text("SELECT pg_export_snapshot()")).scalar_one())
            if not _SNAPSHOT_ID.fullmatch(snapshot):
                raise ValueError(f"unexpected snapshot id {snapshot!r}")
            return build(Reads(db, session, snapshot, True))
    with _data_version(db) as version:
        before = version()
        with db.read() as session:
            built = build(Reads(db, session, None, True))
        if version() == before:
            return built
    return _in_one_session(db, build)  # something was committed meanwhile: once more


def _in_one_session(db: Database, build: Callable[[Reads], T]) -> T:
    """`build` with every read one after another in one session (one snapshot on SQLite)."""
    with db.read() as session:
        return build(Reads(db, session, None, False))


@contextmanager
def _data_version(db: Database) -> Iterator[Callable[[], int]]:
    """SQLite's count of commits by other connections, read on a pooled connection of its
    own outside any transaction."""
    pooled = db.engine.raw_connection()
    try:
        driver = pooled.driver_connection
        assert driver is not None
        yield lambda: int(driver.execute("PRAGMA data_version").fetchone()[0])
    finally:
        pooled.close()
