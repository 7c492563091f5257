"""Trying a PostgreSQL server and migrating it as its owner, against the CI server
(127.0.0.1:5432, trust): the version and the schema's state, each reason a connection fails,
a role that does not own the schema refused before anything runs."""

import pytest
from sqlalchemy import create_engine, make_url, text

from oneaqita.db.connection_settings import CONFIG_DIR_ENV, save_settings, server_settings
from oneaqita.db.engine import ENV_URL, resolve_url
from oneaqita.db.migrate import current_revision, head_revision
from oneaqita.db.owner_migrations import NotOwner, run_owner_migrations
from oneaqita.db.server_check import ConnectionFailed, test_connection
from oneaqita.services.database import Database
from tests.conftest import PG_URL
from tests.server_settings import settings_of

pytestmark = pytest.mark.pg


def test_a_migrated_database_is_up_to_date(pg_db: Database) -> None:
    said = test_connection(settings_of(pg_db.engine.url.render_as_string(False)))
    ja, en = said.splitlines()
    assert "接続できました" in ja and "PostgreSQL 1" in ja and "最新" in ja
    assert "Connected to" in en and "up to date" in en
    assert head_revision(pg_db.engine) in en


def test_an_empty_database_asks_for_the_migrations(pg_url: str) -> None:
    said = test_connection(settings_of(pg_url))
    assert "空" in said and "run the migrations" in said


def test_a_missing_database_is_said_at_its_field(pg_url: str) -> None:
    settings = settings_of(pg_url.rsplit("/", 1)[0] + "/oneaqita_no_such_db")
    with pytest.raises(ConnectionFailed) as refused:
        test_connection(settings)
    assert refused.value.field == "database"
    assert "データベースはサーバーにありません" in refused.value.ja
    assert "No such database" in refused.value.en


def test_a_missing_role_is_said_at_its_field(pg_url: str) -> None:
    with pytest.raises(ConnectionFailed) as refused:
        test_connection(settings_of(pg_url, user="oneaqita_nobody_here"))
    assert refused.value.field == "user"


def test_a_closed_port_is_refused_at_its_field() -> None:
    settings = server_settings("127.0.0.1", "1", "postgres", "postgres")
    with pytest.raises(ConnectionFailed) as refused:
        test_connection(settings)
    assert refused.value.field == "port"
    assert "拒否" in refused.value.ja and "refused" in refused.value.en


def test_the_owner_migrates_an_empty_database_step_by_step(pg_url: str) -> None:
    reported: list[tuple[str, int, int]] = []
    result = run_owner_migrations(
        settings_of(pg_url), "postgres", "", lambda *step: reported.append(step)
    )
    assert result.before is None and result.steps >= 13
    assert result.after is not None and "移行しました" in result.message()
    assert [done for _, done, _ in reported] == list(range(result.steps + 1))
    assert {total for _, _, total in reported} == {result.steps}
    again = run_owner_migrations(settings_of(pg_url), "postgres", "")
    assert again.steps == 0 and "already up to date" in again.message()


def test_a_role_that_owns_nothing_is_refused_before_anything_runs(
    pg_db: Database, clerk_role: str
) -> None:
    url = pg_db.engine.url.render_as_string(False)
    before = current_revision(pg_db.engine)
    with pytest.raises(NotOwner) as refused:
        run_owner_migrations(settings_of(url), clerk_role, "")
    assert "所有者" in refused.value.ja and "owner" in refused.value.en
    assert "alembic_version" in refused.value.en
    assert current_revision(pg_db.engine) == before


def test_a_role_that_may_not_create_in_an_empty_schema_is_refused(
    pg_url: str, clerk_role: str
) -> None:
    with pytest.raises(NotOwner) as refused:
        run_owner_migrations(settings_of(pg_url), clerk_role, "")
    assert "作る権限" in refused.value.ja and "may not create" in refused.value.en


def test_a_database_owner_who_is_no_superuser_migrates_it(pg_url: str, clerk_role: str) -> None:
    admin = create_engine(PG_URL, isolation_level="AUTOCOMMIT")
    database = make_url(pg_url).database
    with admin.connect() as conn:
        conn.execute(text(f'ALTER DATABASE "{database}" OWNER TO "{clerk_role}"'))
    try:
        result = run_owner_migrations(settings_of(pg_url), clerk_role, "")
        assert result.after is not None and result.steps >= 13
    finally:  # the role can be dropped only once it owns nothing
        inside = create_engine(pg_url, isolation_level="AUTOCOMMIT")
        with inside.connect() as conn:
            conn.execute(text(f'REASSIGN OWNED BY "{clerk_role}" TO postgres'))
        inside.dispose()
        admin.dispose()


def test_the_saved_server_is_the_database_that_opens(
    pg_db: Database, tmp_path, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv(CONFIG_DIR_ENV, str(tmp_path / "config"))
    monkeypatch.delenv(ENV_URL, raising=False)
    save_settings(settings_of(pg_db.engine.url.render_as_string(False)))
    opened = Database.open(resolve_url())
    try:
        assert opened.dialect == "postgresql"
        assert current_revision(opened.engine) == head_revision(opened.engine)
        assert opened.engine.url.database == pg_db.engine.url.database
    finally:
        opened.dispose()
