"""Users for tests: proved logins for the command line, and actors for service calls.

``actor_for`` stands in for the login a test does not care about (the user is added when
missing); ``add_login`` gives a user the password the command line then proves (on PostgreSQL
a login role of the same name with the rights on the test database's tables)."""

import pytest
from sqlalchemy import select

from oneaqita.cli_login import ENV_PASSWORD, ENV_USER
from oneaqita.db import pg_roles
from oneaqita.models import Role, User
from oneaqita.passwords import hash_password
from oneaqita.services.actor import SYSTEM_ACTOR, Actor
from oneaqita.services.changes import Entity
from oneaqita.services.database import Database
from oneaqita.services.users import registered_actor

CLI_LOGIN = "cli-user"
CLI_PASSWORD = "cli-password-1"
_HASHES: dict[str, str] = {}  # argon2 is slow on purpose: one hash per password per run


def _hash(password: str) -> str:
    if password not in _HASHES:
        _HASHES[password] = hash_password(password)
    return _HASHES[password]


def actor_for(db: Database, login: str = "admin", role: Role = Role.ADMIN) -> Actor:
    """The registered actor ``login``, added with ``role`` when the database lacks it."""
    with db.read() as session:
        known = session.scalar(select(User.id).where(User.login == login))
    if known is None:  # made and audited as the first opener's administrator once was
        with db.unit_of_work(Actor(user_id=None, login=login, role=Role.ADMIN)) as uow:
            user = User(login=login, display_name=login, role=role)
            uow.session.add(user)
            uow.session.flush()
            uow.audit("create", Entity.USERS, user.id, None, {"login": login, "role": role.value})
    return registered_actor(db, login)


def add_login(
    db: Database, login: str = CLI_LOGIN, role: Role = Role.ADMIN, password: str = CLI_PASSWORD
) -> Actor:
    """``login`` (added with ``role`` when missing) able to log in with ``password``."""
    actor_for(db, login, role)
    with db.unit_of_work(SYSTEM_ACTOR) as uow:
        if db.dialect == "sqlite":
            uow.session.execute(
                User.__table__.update()
                .where(User.login == login)
                .values(password_hash=_hash(password))
            )
        else:  # a login role in the group of its app role, as the users page makes them
            conn = uow.session.connection()
            if pg_roles.login_exists(conn, login):
                pg_roles.set_group(conn, login, role)
                pg_roles.set_can_login(conn, login, True)
            else:
                pg_roles.create_login(conn, login, None, role)
    return registered_actor(db, login)


def as_cli_user(
    monkeypatch: pytest.MonkeyPatch, login: str = CLI_LOGIN, password: str = CLI_PASSWORD
) -> None:
    """The command line runs as ``login`` with ``password`` (by the environment)."""
    monkeypatch.setenv(ENV_USER, login)
    monkeypatch.setenv(ENV_PASSWORD, password)
