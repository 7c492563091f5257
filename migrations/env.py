"""Alembic environment: the engine comes from oneaqita (pragmas, URL resolution)."""

from alembic import context
from sqlalchemy import Engine

from oneaqita.db.engine import make_engine
from oneaqita.models import Base
from oneaqita.search import SEARCH_TABLES

config = context.config
target_metadata = Base.metadata


def include_object(obj, name, type_, reflected, compare_to):  # type: ignore[no-untyped-def]
    # The full-text index tables differ per database and are built by hand in the revisions.
    if type_ == "table" and name is not None:
        return not any(name == t or name.startswith(t + "_") for t in SEARCH_TABLES)
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


def run_migrations_online() -> None:
    engine: Engine = config.attributes.get("engine") or make_engine(
        config.get_main_option("sqlalchemy.url") or None
    )
    with engine.connect() as connection:
        _configure(connection=connection)
        with context.begin_transaction():
            context.run_migrations()
        connection.commit()


if context.is_offline_mode():
    run_migrations_offline()
else:
    run_migrations_online()
