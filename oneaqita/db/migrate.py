"""Alembic, called from code: the app and the CLI upgrade the schema the same way."""

from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine

from oneaqita.bundled import bundled_folder

MIGRATIONS_DIR = bundled_folder(
    "oneaqita", "migrations", Path(__file__).resolve().parents[2] / "migrations"
)


def alembic_config(engine: Engine) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    # The option is interpolated by configparser: a "%" (an escaped password, "file%3A" of an
    # SQLite URI) is written as "%%".
    url = engine.url.render_as_string(hide_password=False)
    config.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    # env.py reuses this engine, so SQLite pragmas and test databases carry over.
    config.attributes["engine"] = engine
    return config


def head_revision(engine: Engine) -> str | None:
    return ScriptDirectory.from_config(alembic_config(engine)).get_current_head()


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def needs_upgrade(engine: Engine) -> bool:
    return current_revision(engine) != head_revision(engine)


def upgrade(engine: Engine, revision: str = "head") -> None:
    command.upgrade(alembic_config(engine), revision)
    # PostgreSQL: the grants, policies and audit triggers of this version of the code.
    from oneaqita.db.pg_security import refresh_security

    refresh_security(engine)


def downgrade(engine: Engine, revision: str) -> None:
    command.downgrade(alembic_config(engine), revision)
