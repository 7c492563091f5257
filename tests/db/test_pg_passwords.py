"""PostgreSQL checks the passwords itself (SCRAM-SHA-256): a cluster of the tests' own
(tests/pg_scram.py), since the shared test server trusts every local connection."""

import uuid

import pytest
from sqlalchemy import text

from oneaqita.db.engine import make_engine
from oneaqita.db.migrate import upgrade
from oneaqita.errors import AuthenticationFailed, PermissionDenied, ValidationError
from oneaqita.models import Role
from oneaqita.services import user_accounts as accounts
from oneaqita.services.authentication import create_first_admin, open_as
from oneaqita.services.database import Database
from tests.pg_scram import ScramServer, scram_server  # noqa: F401 - the fixture

pytestmark = pytest.mark.pg


@pytest.fixture
def scram_db(scram_server: ScramServer) -> str:  # noqa: F811
    """A migrated database on the SCRAM cluster with the login role 'kato' (its password
    kept by the server only); the URL names no user."""
    name = scram_server.new_database()
    engine = make_engine(scram_server.url(database=name))
    upgrade(engine)
    engine.dispose()
    scram_server.execute(
        "DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'kato') THEN "
        "CREATE ROLE kato LOGIN PASSWORD 'kato-password-1'; END IF; END $$"
    )
    scram_server.execute(
        "GRANT ALL ON ALL TABLES IN SCHEMA public TO kato",
        "GRANT ALL ON ALL SEQUENCES IN SCHEMA public TO kato",
        database=name,
    )
    return scram_server.url(user="", password=None, database=name)


def _owner_db(scram_server: ScramServer, url: str) -> Database:  # noqa: F811
    database = url.rsplit("/", 1)[1]
    return Database(make_engine(scram_server.url(database=database)))


def test_the_right_password_logs_in_a_wrong_one_is_refused(
    scram_server: ScramServer,  # noqa: F811
    scram_db: str,
) -> None:
    owner = _owner_db(scram_server, scram_db)
    try:
        with pytest.raises(ValidationError) as no_role:
            create_first_admin(owner, "nobody-such", "x", None)
        assert "CREATE ROLE" in no_role.value.en
        created = create_first_admin(owner, "kato", "加藤", None)  # the role's own password
        assert created.role is Role.ADMIN
        with owner.read() as session:
            stored = session.execute(text("SELECT password_hash FROM users")).scalars().all()
        assert stored == [None]  # the app keeps nothing of the password
    finally:
        owner.dispose()
    db, actor = open_as(scram_db, "kato", "kato-password-1")
    try:
        assert (actor.login, actor.role, actor.user_id) == ("kato", Role.ADMIN, created.user_id)
        with db.read() as session:
            assert session.scalar(text("SELECT session_user")) == "kato"
    finally:
        db.dispose()
    with pytest.raises(AuthenticationFailed) as wrong:
        open_as(scram_db, "kato", "wrong-password")
    with pytest.raises(AuthenticationFailed) as unknown:
        open_as(scram_db, "no_such_role", "kato-password-1")
    assert wrong.value.en == unknown.value.en == "The login or the password is wrong."


def test_a_role_that_is_no_user_of_the_app_is_refused(
    scram_server: ScramServer,  # noqa: F811
    scram_db: str,
) -> None:
    with pytest.raises(PermissionDenied) as refused:
        open_as(scram_db, "kato", "kato-password-1")  # a login role, but no users row
    assert "not registered" in refused.value.en


def test_an_administrator_sets_passwords_the_server_then_checks(
    scram_server: ScramServer,  # noqa: F811
    scram_db: str,
) -> None:
    """Without CREATEROLE (the owner's functions make and change the login role): the new
    user logs in with the password the administrator gave, and after a reset only with the
    new one."""
    owner = _owner_db(scram_server, scram_db)
    try:
        create_first_admin(owner, "kato", "加藤", None)
    finally:
        owner.dispose()
    login = f"ito_{uuid.uuid4().hex[:8]}"
    db, kato = open_as(scram_db, "kato", "kato-password-1")
    try:
        with db.unit_of_work(kato) as uow:
            accounts.add_user(uow, login, "伊藤", Role.SECONDED, "ito-password-1")
            ito_id = uow.change.created_id(accounts.ENTITY)
        assert ito_id is not None
        ito_db, ito = open_as(scram_db, login, "ito-password-1")
        ito_db.dispose()
        assert ito.role is Role.SECONDED
        with db.unit_of_work(kato) as uow:
            accounts.reset_password(uow, ito_id, "ito-password-2")
    finally:
        db.dispose()
    with pytest.raises(AuthenticationFailed):
        open_as(scram_db, login, "ito-password-1")
    ito_db, _ito = open_as(scram_db, login, "ito-password-2")
    ito_db.dispose()
    scram_server.execute(f'DROP ROLE "{login}"')
