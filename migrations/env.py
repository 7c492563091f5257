"""Alembic environment: the engine comes from oneaqita (pragmas, URL resolution)."""

from alembic import context
from sqlalchemy import Connection, Engine

from oneaqita.asset_search import ASSET_SEARCH_TABLES
from oneaqita.db.engine import make_engine
from oneaqita.models import Base
from oneaqita.search import SEARCH_TABLES

config = context.config
target_metadata = Base.metadata


def include_object(obj, name, type_, reflected, compare_to):  # type: ignore[no-untyped-def]
    # The full-text index tables differ per database and are built by hand in the revisions.
    if type_ == "table" and name is not None:
        tables = (*SEARCH_TABLES, *ASSET_SEARCH_TABLES)
        return not any(name == t or name.startswith(t + "_") for t in tables)
    return True


def _configure(**kwargs):  # type: ignore[no-untyped-def]
    context.configure(
        target_metadata=target_metadata,
        render_as_batch=True,  # SQLite cannot ALTER most things; batch mode copies the table
        compare_type=True,
        include_object=include_object,
        **kwargs,
    )


def run_migrations_offline() -> None:
    _configure(url=config.get_main_option("sqlalchemy.url"), literal_binds=True)
    with context.begin_transaction():
        context.run_migrations()


def _sqlite_foreign_keys(connection: Connection, on: bool) -> None:
    """SQLite's foreign keys, switched outside any transaction (inside one the pragma does
    nothing). A batch operation copies a table, drops the old one and renames the copy; with
    foreign keys on, the drop deletes every row that other tables point at and fails as soon
    as the table holds data (assets, pointed at by findings and orders)."""
    driver = connection.connection.driver_connection
    assert driver is not None
    driver.execute(f"PRAGMA foreign_keys = {'ON' if on else 'OFF'}")


def run_migrations_online() -> None:
    engine: Engine = config.attributes.get("engine") or make_engine(
        config.get_main_option("sqlalchemy.url") or None
    )
    sqlite = engine.dialect.name == "sqlite"
    with engine.connect() as connection:
        if sqlite:
            _sqlite_foreign_keys(connection, False)
        try:
            _configure(connection=connection)
            with context.begin_transaction():
                context.run_migrations()
                if sqlite:  # still inside the migration's transaction: a failure undoes it
                    broken = connection.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
                    if broken:
                        raise RuntimeError(
                            f"the migration left rows whose references are broken: {broken[:5]}"
                        )
            connection.commit()
        finally:
            if sqlite:
                connection.rollback()
                _sqlite_foreign_keys(connection, True)


if context.is_offline_mode():
    run_migrations_offline()
else:
    run_migrations_online()
