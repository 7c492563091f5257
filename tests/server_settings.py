"""For the database settings' tests on the CI PostgreSQL: the settings of a test database's
URL (the clerk_role fixture, a role that owns nothing, is in tests/conftest.py)."""

from sqlalchemy import make_url

from oneaqita.db.connection_settings import ConnectionSettings, server_settings


def settings_of(url: str, user: str | None = None) -> ConnectionSettings:
    parsed = make_url(url)
    return server_settings(
        parsed.host or "127.0.0.1",
        str(parsed.port or 5432),
        parsed.database or "",
        user if user is not None else parsed.username or "",
        "prefer",
    )
