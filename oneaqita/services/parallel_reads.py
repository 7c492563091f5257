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
"""

import os
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from sqlalchemy.pool import SingletonThreadPool, StaticPool

from oneaqita.services.database import Database

__all__ = ["side_by_side"]

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


def side_by_side(db: Database, *calls: Callable[[], Any]) -> list[Any]:
    """Each call's result, in order; the first call's error raised once all have ended."""
    if WORKERS < 2 or len(calls) < 2 or getattr(_inside, "on_pool", False) or not _shared(db):
        return [call() for call in calls]
    futures = [_executor().submit(call) for call in calls]
    errors = [f.exception() for f in futures]  # waits for every call
    for error in errors:
        if error is not None:
            raise error
    return [f.result() for f in futures]
