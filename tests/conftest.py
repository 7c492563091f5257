"""Shared fixtures: a migrated throw-away database per test, on SQLite or the real PostgreSQL."""

import os
import shutil
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import settings
from sqlalchemy import create_engine, make_url, text

# CI runs the same examples every time (a red run can be reproduced, a green one is not luck);
# a developer's run keeps exploring new ones.
settings.register_profile("ci", derandomize=True, deadline=None, print_blob=True)
settings.register_profile("dev", deadline=None)
settings.load_profile("ci" if os.environ.get("CI") else "dev")

# Without a display and without this, pytest-qt crashes the interpreter instead of failing.
if not os.environ.get("QT_QPA_PLATFORM"):
    os.environ["QT_QPA_PLATFORM"] = "offscreen"

from oneaqita.db.engine import make_engine  # noqa: E402
from oneaqita.db.migrate import upgrade  # noqa: E402
from oneaqita.services.database import Database  # noqa: E402

PG_URL = os.environ.get(
    "ONEAQITA_TEST_PG_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"
)


def _pg_admin_engine():  # type: ignore[no-untyped-def]
    engine = create_engine(PG_URL, isolation_level="AUTOCOMMIT")
    try:
        with engine.connect():
            pass
    except Exception as exc:  # noqa: BLE001 - any failure to connect means "no server"
        engine.dispose()
        if os.environ.get("CI"):
            pytest.fail(f"PostgreSQL at {PG_URL} is required in CI: {exc}")
        pytest.skip(f"PostgreSQL not reachable at {PG_URL}: {exc}")
    return engine


@pytest.fixture
def pg_url() -> Iterator[str]:
    """A fresh, empty PostgreSQL database for one test, dropped afterwards."""
    admin = _pg_admin_engine()
    name = f"oneaqita_test_{uuid.uuid4().hex[:12]}"
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    url = admin.url.set(database=name).render_as_string(hide_password=False)
    try:
        yield url
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


@pytest.fixture
def sqlite_url(tmp_path) -> str:  # type: ignore[no-untyped-def]
    return f"sqlite:///{(tmp_path / 'test.sqlite3').as_posix()}"


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.pg)])
def any_url(request) -> str:  # type: ignore[no-untyped-def]
    """Runs a test once on SQLite and once on PostgreSQL."""
    if request.param == "sqlite":
        return str(request.getfixturevalue("sqlite_url"))
    return str(request.getfixturevalue("pg_url"))


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory) -> Path:  # type: ignore[no-untyped-def]
    """An SQLite file migrated to the newest revision once a run: a test's SQLite database
    starts as a copy of it (migrating takes about 0.4 s, copying a millisecond)."""
    path = tmp_path_factory.mktemp("schema") / "migrated.sqlite3"
    engine = make_engine(f"sqlite:///{path.as_posix()}")
    upgrade(engine)
    with engine.connect() as conn:
        conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")  # everything in the main file
    engine.dispose()
    return path


_PG_TEMPLATE: dict[str, str] = {}  # the run's migrated PostgreSQL database, made when first asked


def _pg_template() -> str:
    """The name of a PostgreSQL database migrated to the newest revision once a run (a test's
    migrated database is a copy of it: CREATE DATABASE … TEMPLATE, a fraction of the ~2 s that
    migrating with the security takes), dropped when the run ends."""
    if "name" not in _PG_TEMPLATE:
        name = f"oneaqita_template_{uuid.uuid4().hex[:12]}"
        admin = _pg_admin_engine()
        with admin.connect() as conn:
            conn.execute(text(f'CREATE DATABASE "{name}"'))
        engine = make_engine(admin.url.set(database=name).render_as_string(hide_password=False))
        upgrade(engine)
        engine.dispose()  # a template copies only while nobody is connected to it
        admin.dispose()
        _PG_TEMPLATE["name"] = name
    return _PG_TEMPLATE["name"]


@pytest.fixture(autouse=True, scope="session")
def _drop_pg_template() -> Iterator[None]:
    yield
    if "name" in _PG_TEMPLATE:
        admin = create_engine(PG_URL, isolation_level="AUTOCOMMIT")
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{_PG_TEMPLATE.pop("name")}" WITH (FORCE)'))
        admin.dispose()


def _migrated(url: str, template: Path | None = None) -> Iterator[Database]:
    target = make_url(url).database
    if template is not None and url.startswith("sqlite") and target:
        shutil.copyfile(template, target)
        engine = make_engine(url)
    elif url.startswith("postgresql") and target:
        source = _pg_template()
        admin = _pg_admin_engine()
        with admin.connect() as conn:  # the empty database of pg_url, made again as a copy
            conn.execute(text(f'DROP DATABASE IF EXISTS "{target}" WITH (FORCE)'))
            conn.execute(text(f'CREATE DATABASE "{target}" TEMPLATE "{source}"'))
        admin.dispose()
        engine = make_engine(url)
    else:
        engine = make_engine(url)
        upgrade(engine)
    database = Database(engine)
    yield database
    database.dispose()


@pytest.fixture
def db(any_url: str, sqlite_template: Path) -> Iterator[Database]:
    """A migrated, empty database on both back ends."""
    yield from _migrated(any_url, sqlite_template)


@pytest.fixture
def pg_db(pg_url: str) -> Iterator[Database]:
    """A migrated, empty PostgreSQL database (for what only PostgreSQL has)."""
    yield from _migrated(pg_url)


@pytest.fixture
def sqlite_db(sqlite_url: str, sqlite_template: Path) -> Iterator[Database]:
    """A migrated, empty SQLite database (for tests that need no second back end)."""
    yield from _migrated(sqlite_url, sqlite_template)


@pytest.fixture(autouse=True, scope="session")
def _no_real_database_settings(tmp_path_factory) -> Iterator[None]:  # type: ignore[no-untyped-def]
    """No test reads or writes the developer's own database settings (config directory):
    they live in an empty folder of the run; a test that stores some points it elsewhere."""
    from oneaqita.db.connection_settings import CONFIG_DIR_ENV

    before = os.environ.get(CONFIG_DIR_ENV)
    os.environ[CONFIG_DIR_ENV] = str(tmp_path_factory.mktemp("config"))
    yield
    if before is None:
        os.environ.pop(CONFIG_DIR_ENV, None)
    else:
        os.environ[CONFIG_DIR_ENV] = before


@pytest.fixture
def clerk_role() -> Iterator[str]:
    """A login role that owns nothing (trust: no password asked)."""
    name = f"oneaqita_clerk_{uuid.uuid4().hex[:8]}"
    admin = create_engine(PG_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE ROLE "{name}" LOGIN'))
    try:
        yield name
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP ROLE IF EXISTS "{name}"'))
        admin.dispose()
