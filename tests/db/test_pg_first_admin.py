"""The first administrator of a shared database, made by its owner with a password: the login
role is created with a SCRAM verifier (the app keeps nothing), in the administrators' group,
together with the users row or not at all. On the tests' own password-checking cluster."""

import uuid
from collections.abc import Iterator

import pytest
from sqlalchemy import text

from oneaqita.db import pg_roles
from oneaqita.db.engine import make_engine
from oneaqita.db.migrate import upgrade
from oneaqita.errors import AuthenticationFailed, ValidationError
from oneaqita.models import Role
from oneaqita.services.authentication import create_first_admin, has_users, open_as
from oneaqita.services.database import Database
from tests.pg_scram import ScramServer, scram_server  # noqa: F401 - the fixture

pytestmark = pytest.mark.pg
PW = "first-admin-pw-1"


@pytest.fixture
def owner_db(scram_server: ScramServer) -> Iterator[tuple[Database, str]]:  # noqa: F811
    """A migrated database without users, opened as its owner, and its URL naming no user."""
    name = scram_server.new_database()
    engine = make_engine(scram_server.url(database=name))
    upgrade(engine)
    db = Database(engine)
    yield db, scram_server.url(user="", password=None, database=name)
    db.dispose()


def _role(db: Database, login: str) -> tuple[str | None, list[str]] | None:
    with db.read() as session:
        row = session.execute(
            text("SELECT rolpassword FROM pg_authid WHERE rolname = :n"), {"n": login}
        ).first()
        groups = session.scalars(
            text(
                "SELECT g.rolname FROM pg_auth_members m JOIN pg_roles g ON g.oid = m.roleid"
                " JOIN pg_roles u ON u.oid = m.member WHERE u.rolname = :n"
            ),
            {"n": login},
        ).all()
    return None if row is None else (row[0], list(groups))


def test_the_owner_makes_the_login_role_with_a_scram_verifier(
    owner_db: tuple[Database, str],
) -> None:
    db, url = owner_db
    login = f"boss_{uuid.uuid4().hex[:8]}"
    admin = create_first_admin(db, login, "最初の管理者", PW)
    assert admin.role is Role.ADMIN
    role = _role(db, login)
    assert role is not None
    verifier, groups = role
    assert verifier is not None and verifier.startswith("SCRAM-SHA-256$") and PW not in verifier
    assert groups == [pg_roles.group_role(Role.ADMIN)]
    with db.read() as session:
        assert session.scalars(text("SELECT password_hash FROM users")).all() == [None]
    opened, actor = open_as(url, login, PW)  # the server checks the password
    try:
        assert (actor.login, actor.role, actor.user_id) == (login, Role.ADMIN, admin.user_id)
    finally:
        opened.dispose()
    with pytest.raises(AuthenticationFailed):
        open_as(url, login, "not-the-password")


def test_a_refused_first_admin_leaves_no_role_and_no_user(
    owner_db: tuple[Database, str],
    scram_server: ScramServer,  # noqa: F811
) -> None:
    db, _url = owner_db
    taken = f"taken_{uuid.uuid4().hex[:8]}"
    scram_server.execute(f"CREATE ROLE {taken} LOGIN PASSWORD 'theirs-password-1'")
    with pytest.raises(ValidationError) as exists:
        create_first_admin(db, taken, "", PW)  # another's role: its password is not reset
    assert exists.value.field == "login" and "already has a role" in exists.value.en
    short = f"short_{uuid.uuid4().hex[:8]}"
    with pytest.raises(ValidationError):
        create_first_admin(db, short, "", "short")
    with pytest.raises(ValidationError):
        create_first_admin(db, "bad'; DROP ROLE x; --\n", "", PW)
    assert _role(db, short) is None and not has_users(db)
    first = f"first_{uuid.uuid4().hex[:8]}"
    create_first_admin(db, first, "", PW)
    second = f"second_{uuid.uuid4().hex[:8]}"
    with pytest.raises(AuthenticationFailed):
        create_first_admin(db, second, "", PW)  # there is a user now
    assert _role(db, second) is None
