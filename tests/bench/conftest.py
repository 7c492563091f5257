"""Benchmark fixtures: the big databases of DESIGN.md's scale, built once and cached between runs.

- SQLite: a file in the system temp dir, named after the order count and a fingerprint of the
  migrations, bigdata.py and oneaqita/search.py, built under a temporary name and renamed when
  complete, so an interrupted build is never reused and a changed schema or generator builds
  afresh (the stale file of the same count is removed).
- PostgreSQL: the database `oneaqita_bench` (`oneaqita_bench_<n>` for another count), built
  under a temporary name and renamed when complete; the fingerprint is its COMMENT.

ONEAQITA_BENCH_ORDERS lowers the count for a quick run (e.g. 20000); ONEAQITA_BENCH_REPS sets
the repetitions (default 7). A file lock keeps two runs from building the same thing at once.
"""

import contextlib
import hashlib
import os
import sqlite3
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, make_url, text

from oneaqita import search
from oneaqita.db import asset_map_sql
from oneaqita.db.engine import PAGE_CACHE_KIB
from oneaqita.db.migrate import MIGRATIONS_DIR
from oneaqita.services.database import Database
from tests.bench import bigdata
from tests.bench.backends import Backend
from tests.bench.timing import CONTEXT, summary_lines

ORDERS = int(os.environ.get("ONEAQITA_BENCH_ORDERS", "500000"))
SEED = 7
PG_URL = os.environ.get(
    "ONEAQITA_TEST_PG_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"
)
TMP = Path(tempfile.gettempdir())


def _label(orders: int) -> str:
    return f"{orders // 1000}k" if orders % 1000 == 0 else str(orders)


def fingerprint() -> str:
    """Changes when the schema (the migrations' text, not only the head revision: the baseline
    migration is still edited in place), the generator or the derived columns and search
    documents (oneaqita/search.py) change, so that a cached database is rebuilt."""
    digest = hashlib.sha1(f"{SEED}".encode())
    for source in [
        *sorted(MIGRATIONS_DIR.glob("versions/*.py")),
        Path(bigdata.__file__),
        Path(search.__file__),
        Path(asset_map_sql.__file__),  # what migration 0020 builds the map's counts with
    ]:
        digest.update(source.name.encode() + source.read_bytes())
    return digest.hexdigest()[:10]


@contextlib.contextmanager
def _build_lock(name: str) -> Iterator[None]:
    try:
        import fcntl
    except ImportError:  # Windows: no lock; two simultaneous first runs are unlikely
        yield
        return
    with open(TMP / f"{name}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


def _sqlite_complete(path: Path, orders: int) -> bool:
    try:
        conn = sqlite3.connect(path)
        try:
            (n,) = conn.execute("SELECT count(*) FROM work_orders").fetchone()
            (docs,) = conn.execute("SELECT count(*) FROM work_order_search").fetchone()
            (stats,) = conn.execute("SELECT count(*) FROM sqlite_stat1").fetchone()
        finally:
            conn.close()
    except sqlite3.Error:
        return False
    return n == orders and docs == orders and stats > 0


def _remove_sqlite(path: Path) -> None:
    for suffix in ("", "-wal", "-shm", "-journal"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)


def cached_sqlite(orders: int = ORDERS) -> Path:
    """The path of a complete benchmark database with `orders` work orders (built if needed)."""
    prefix = f"oneaqita-bench-{_label(orders)}-"
    path = TMP / f"{prefix}{fingerprint()}.sqlite3"
    with _build_lock(prefix + "sqlite"):
        if path.exists() and _sqlite_complete(path, orders):
            return path
        for stale in TMP.glob(f"{prefix}*.sqlite3"):
            _remove_sqlite(stale)
        building = path.with_name(path.name + ".building")
        _remove_sqlite(building)
        bigdata.build(building, orders, SEED)
        # Out of WAL before the rename, so no -wal file is left behind under the old name.
        conn = sqlite3.connect(building)
        conn.execute("PRAGMA journal_mode = DELETE")
        conn.close()
        os.replace(building, path)
        if not _sqlite_complete(path, orders):
            raise RuntimeError(f"benchmark database {path} incomplete after building")
        return path


def _pg_admin():  # type: ignore[no-untyped-def]
    engine = create_engine(PG_URL, isolation_level="AUTOCOMMIT")
    try:
        with engine.connect():
            pass
    except Exception as exc:  # noqa: BLE001 - any failure to connect means "no server"
        engine.dispose()
        pytest.skip(f"PostgreSQL not reachable at {PG_URL}: {exc}")
    return engine


def cached_pg_database(
    name: str, stamp: str, build: Callable[[str], None], template: str | None = None
) -> str:
    """The URL of the PostgreSQL benchmark database `name`, built by `build(url)` into
    "<name>_building" (a copy of `template` when given) and renamed into place, unless one
    whose comment is `stamp` (the schema's fingerprint) is already there."""
    admin = _pg_admin()
    url = admin.url.set(database=name).render_as_string(hide_password=False)
    building = f"{name}_building"
    try:
        with _build_lock(f"{name}-pg"):
            with admin.connect() as conn:
                comment = conn.execute(
                    text(
                        "SELECT shobj_description(oid, 'pg_database') FROM pg_database "
                        "WHERE datname = :n"
                    ),
                    {"n": name},
                ).first()
                if comment is not None and comment[0] == stamp:
                    return url
                conn.execute(text(f'DROP DATABASE IF EXISTS "{building}" WITH (FORCE)'))
                copy = f' TEMPLATE "{template}"' if template else ""
                conn.execute(text(f'CREATE DATABASE "{building}"{copy}'))
            build(admin.url.set(database=building).render_as_string(hide_password=False))
            with admin.connect() as conn:
                conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
                conn.execute(text(f'ALTER DATABASE "{building}" RENAME TO "{name}"'))
                conn.execute(text(f"COMMENT ON DATABASE \"{name}\" IS '{stamp}'"))
            return url
    finally:
        admin.dispose()


def _pg_complete(url: str, orders: int) -> bool:
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            n = conn.execute(text("SELECT count(*) FROM work_orders")).scalar_one()
            docs = conn.execute(text("SELECT count(*) FROM work_order_search")).scalar_one()
    except Exception:  # noqa: BLE001 - a half-built database is simply rebuilt
        return False
    finally:
        engine.dispose()
    return n == orders and docs == orders


def cached_pg(orders: int = ORDERS) -> str:
    """The URL of a complete PostgreSQL benchmark database (built if needed; skips the test
    when no server is reachable)."""
    admin = _pg_admin()
    name = "oneaqita_bench" if orders == 500_000 else f"oneaqita_bench_{orders}"
    building = f"{name}_building"
    stamp = fingerprint()
    url = admin.url.set(database=name).render_as_string(hide_password=False)
    try:
        with _build_lock(f"{name}-pg"):
            with admin.connect() as conn:
                comment = conn.execute(
                    text(
                        "SELECT shobj_description(oid, 'pg_database') FROM pg_database "
                        "WHERE datname = :n"
                    ),
                    {"n": name},
                ).first()
            if comment is not None and comment[0] == stamp and _pg_complete(url, orders):
                return url
            with admin.connect() as conn:
                conn.execute(text(f'DROP DATABASE IF EXISTS "{building}" WITH (FORCE)'))
                conn.execute(text(f'CREATE DATABASE "{building}"'))
            bigdata.build_url(
                admin.url.set(database=building).render_as_string(hide_password=False),
                orders,
                SEED,
            )
            with admin.connect() as conn:
                conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
                conn.execute(text(f'ALTER DATABASE "{building}" RENAME TO "{name}"'))
                conn.execute(text(f"COMMENT ON DATABASE \"{name}\" IS '{stamp}'"))
            return url
    finally:
        admin.dispose()


# -- fixtures ------------------------------------------------------------------------------
@pytest.fixture(scope="session")
def big_sqlite_path() -> Path:
    path = cached_sqlite()
    CONTEXT["SQLite data set"] = f"{ORDERS:,} work orders, {path}"
    return path


@pytest.fixture(scope="session")
def big_db(big_sqlite_path: Path) -> Iterator[Database]:
    """The service layer's handle on the big SQLite database (read only by the benchmarks)."""
    db = Database.open(f"sqlite:///{big_sqlite_path.as_posix()}")
    yield db
    db.dispose()


@pytest.fixture(scope="session")
def raw_sqlite(big_sqlite_path: Path) -> Iterator[sqlite3.Connection]:
    """The baseline: the standard library's sqlite3 on the same file, with the page cache the
    app's connections have (db/engine.py), nothing else in between."""
    conn = sqlite3.connect(big_sqlite_path)
    conn.execute(f"PRAGMA cache_size = -{PAGE_CACHE_KIB}")
    yield conn
    conn.close()


@pytest.fixture(scope="session")
def big_pg_url() -> str:
    url = cached_pg()
    engine = create_engine(url)
    with engine.connect() as conn:
        version = conn.execute(text("SHOW server_version")).scalar_one()
    engine.dispose()
    CONTEXT["PostgreSQL data set"] = (
        f"{ORDERS:,} work orders, server {version}, "
        f"{make_url(url).render_as_string(hide_password=True)}"
    )
    return url


@pytest.fixture(scope="session")
def big_pg_db(big_pg_url: str) -> Iterator[Database]:
    db = Database.open(big_pg_url)
    yield db
    db.dispose()


@pytest.fixture(scope="session")
def raw_pg(big_pg_url: str):  # type: ignore[no-untyped-def]
    """The baseline: psycopg on the same database, nothing in between (autocommit, like a
    hand-written tool would be)."""
    import psycopg

    conninfo = make_url(big_pg_url).set(drivername="postgresql")
    conn = psycopg.connect(conninfo.render_as_string(hide_password=False), autocommit=True)
    yield conn
    conn.close()


@pytest.fixture(scope="module", params=["sqlite", pytest.param("postgresql", marks=pytest.mark.pg)])
def backend(request: pytest.FixtureRequest) -> Backend:
    """Each comparison runs on SQLite and on PostgreSQL."""
    if request.param == "sqlite":
        return Backend(
            "SQLite",
            request.getfixturevalue("big_db"),
            request.getfixturevalue("raw_sqlite"),
        )
    return Backend(
        "PostgreSQL", request.getfixturevalue("big_pg_db"), request.getfixturevalue("raw_pg")
    )


def pytest_terminal_summary(terminalreporter) -> None:  # type: ignore[no-untyped-def]
    lines = summary_lines()
    if not lines:
        return
    terminalreporter.write_sep("=", "benchmark medians")
    for line in lines:
        terminalreporter.write_line(line)
