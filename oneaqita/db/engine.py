"""One SQLAlchemy URL selects the database: an SQLite file by default, PostgreSQL when shared.

Rules for SQLite:

- A transaction begins with a deferred ``BEGIN`` (reads take no lock in WAL mode), except on a
  ``writer()`` engine, where it begins with ``BEGIN IMMEDIATE``: the write lock is taken at the
  start, waiting up to the busy timeout for another writer. A deferred transaction that read
  first and then writes is refused at once (SQLITE_BUSY, the timeout never applies), so every
  unit of work is a writer from its first statement.

Opening: ``make_engine`` connects once, and every reason a URL cannot be used is a DomainError
with the URL (password hidden) and the reason (see make_engine).
"""

import os
import sqlite3
from pathlib import Path
from typing import Any

import platformdirs
from sqlalchemy import Connection, Engine, create_engine, event
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError, DBAPIError, NoSuchModuleError, OperationalError
from sqlalchemy.orm import Session, sessionmaker

from oneaqita.db.connection_settings import stored_url
from oneaqita.errors import BadDatabaseUrl, DatabaseUnavailable

ENV_URL = "ONEAQITA_DATABASE_URL"
APP_NAME = "oneaqita"
APP_AUTHOR = "ONE-AQITA"


def default_database_path() -> Path:
    """The embedded default: a file in the user's data directory (no admin rights needed)."""
    return Path(platformdirs.user_data_dir(APP_NAME, APP_AUTHOR)) / "oneaqita.sqlite3"


def demo_database_url() -> str:
    """`oneaqita --demo`: a file of its own, so that demo data never mixes with real data."""
    path = Path(platformdirs.user_data_dir(APP_NAME, APP_AUTHOR)) / "oneaqita-demo.sqlite3"
    return f"sqlite:///{path.as_posix()}"


def resolve_url(url: str | None = None) -> str:
    """--db wins, then ONEAQITA_DATABASE_URL, then the server chosen in the database settings
    (connection_settings), then the embedded SQLite file."""
    if url:
        return url
    env = os.environ.get(ENV_URL, "").strip()
    if env:
        return env
    stored = stored_url()
    if stored:
        return stored
    return f"sqlite:///{default_database_path().as_posix()}"


def _on_sqlite_connect(dbapi_connection: Any, _record: Any) -> None:
    # The sqlite3 module opens transactions on its own (and not before a SAVEPOINT, so a
    # released savepoint committed for good); SQLAlchemy takes over: see _on_sqlite_begin.
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    # Foreign keys are off by default in SQLite; WAL lets the UI read while a write runs.
    cursor.execute("PRAGMA foreign_keys = ON")
    cursor.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    cursor.execute("PRAGMA synchronous = NORMAL")
    cursor.execute(f"PRAGMA cache_size = -{PAGE_CACHE_KIB}")
    cursor.close()


BUSY_TIMEOUT_MS = 10_000
# Each connection's page cache (SQLite's default is 2 MB). A list's count walks an index of
# its table: at 500,000 assets the smallest is 4.9 MB, so with 2 MB every count read all its
# pages from the file again (2 ms); with the pages kept it takes 0.1 ms. A cap, not an
# allocation: a connection holds only the pages it has read, and drops them when another
# connection writes. (A memory map would share the pages between connections, but turns a
# read error of the file into a crash of the process.)
PAGE_CACHE_KIB = 16 * 1024
_WRITER = "oneaqita_writer"


def _on_sqlite_begin(conn: Any) -> None:
    # An AUTOCOMMIT connection (ANALYZE, VACUUM) must not be wrapped in a transaction that
    # is then rolled back when the connection closes.
    # Sent on the driver's connection: through exec_driver_sql it cost as much as a query
    # (a quarter of opening a week).
    options = conn.get_execution_options()
    if options.get("isolation_level") != "AUTOCOMMIT":
        begin = "BEGIN IMMEDIATE" if options.get(_WRITER) else "BEGIN"
        try:
            conn.connection.driver_connection.execute(begin)
        except sqlite3.OperationalError as exc:  # busy, read-only: as SQLAlchemy raises them
            raise OperationalError(begin, None, exc) from exc


def writer(engine: Engine) -> Engine:
    """The same engine (pool, events) for transactions that write: on SQLite they begin with
    BEGIN IMMEDIATE (see the module's rules); nothing changes on PostgreSQL."""
    return engine.execution_options(**{_WRITER: True})


SUPPORTED_BACKENDS = ("sqlite", "postgresql")
_EXAMPLES = "sqlite:///oneaqita.sqlite3, postgresql+psycopg://user@host/db"
_SQLITE_READONLY = 8
CONNECT_TIMEOUT_S = 10


def _parse_url(text: str) -> URL:
    """The URL, or BadDatabaseUrl when it cannot name a database the app runs on."""
    try:
        resolved = make_url(text)
    except ArgumentError as exc:
        raise BadDatabaseUrl(
            f"データベースのURLとして読めません: {text!r} (例: {_EXAMPLES})",
            f"not a database URL: {text!r} (e.g. {_EXAMPLES})",
        ) from exc
    backend = resolved.get_backend_name()
    if backend not in SUPPORTED_BACKENDS:
        supported = ", ".join(SUPPORTED_BACKENDS)
        raise BadDatabaseUrl(
            f"対応していないデータベースです: {backend} (使えるもの: {supported})",
            f"unsupported database {backend!r} (supported: {supported})",
        )
    return resolved


def _unavailable(resolved: URL, exc: BaseException) -> DatabaseUnavailable:
    where = resolved.render_as_string(hide_password=True)
    orig = getattr(exc, "orig", None) or exc
    why = (str(orig).strip().splitlines() or [type(orig).__name__])[0][:300]
    return DatabaseUnavailable(
        f"データベースを開けませんでした ({where}): {why}",
        f"Could not open the database {where}: {why}",
    )


def make_engine(url: str | None = None, **kwargs: Any) -> Engine:
    """The engine for URL (resolve_url), connected once, so that every way of opening the
    database fails here with the app's own message: BadDatabaseUrl for a URL that names no
    usable database (unparseable, another kind of database, its driver not installed),
    DatabaseUnavailable for one that cannot be opened (no such file folder, server down,
    no such database, refused login)."""
    resolved = _parse_url(resolve_url(url))
    try:
        engine = _create(resolved, **kwargs)
    except (NoSuchModuleError, ImportError) as exc:
        raise BadDatabaseUrl(
            f"ドライバがありません: {resolved.drivername} (例: {_EXAMPLES})",
            f"no driver for {resolved.drivername!r} is installed (e.g. {_EXAMPLES})",
        ) from exc
    except (DBAPIError, OSError) as exc:
        raise _unavailable(resolved, exc) from exc
    return engine


def _create(resolved: URL, **kwargs: Any) -> Engine:
    if resolved.get_backend_name() == "sqlite":
        database = resolved.database
        if database and database != ":memory:" and not database.startswith("file:"):
            Path(database).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(resolved, **kwargs)
        event.listen(engine, "connect", _on_sqlite_connect)
        if database and database != ":memory:":
            with engine.connect() as conn:  # before the begin hook: WAL needs no transaction
                _wal(conn)
        event.listen(engine, "begin", _on_sqlite_begin)
        return engine
    kwargs.setdefault("pool_pre_ping", True)
    if resolved.get_driver_name() == "psycopg":
        # psycopg prepares a statement on the server after its fifth run, and PostgreSQL may
        # then plan it once for any parameters: a lookup of 200 codes by IN (…) became a scan
        # of the table (10,000 unchanged people imported in 7.8 s, 2.2 s without). Every
        # statement is planned for its own values instead.
        connect_args = dict(kwargs.pop("connect_args", {}))
        connect_args.setdefault("prepare_threshold", None)
        connect_args.setdefault("connect_timeout", CONNECT_TIMEOUT_S)  # a host that is silent
        kwargs["connect_args"] = connect_args
    engine = create_engine(resolved, **kwargs)
    try:
        with engine.connect():
            pass
    except BaseException:
        engine.dispose()
        raise
    return engine


def _wal(conn: Connection) -> None:
    """WAL mode (it lasts in the file). A read-only file (``?mode=ro``, or one the user may
    not write) keeps the mode it has: switching would write, and it only reads."""
    try:
        conn.exec_driver_sql("PRAGMA journal_mode = WAL")
    except OperationalError as exc:
        if getattr(exc.orig, "sqlite_errorcode", None) != _SQLITE_READONLY:
            raise


def session_factory(engine: Engine) -> sessionmaker[Session]:
    # expire_on_commit=False: services hand plain results back after their unit of work ends.
    return sessionmaker(engine, expire_on_commit=False)


def is_sqlite(engine: Engine) -> bool:
    return engine.dialect.name == "sqlite"


def describe(engine: Engine) -> str:
    """The URL without its password, for window titles and log lines."""
    return engine.url.render_as_string(hide_password=True)
