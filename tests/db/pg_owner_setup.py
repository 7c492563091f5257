"""A database as a real server has it: owned by a role that is no superuser but has CREATEROLE
(it creates the group roles and, through its functions, the users' login roles), migrated by
that owner, with an administrator whose login role the owner made. Roles are cluster-wide, so
every name starts with ``t_users_<unique>_`` and is dropped afterwards."""

import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field

from sqlalchemy import Engine, create_engine, make_url, text
from sqlalchemy.pool import NullPool

from oneaqita.db import pg_roles
from oneaqita.db.engine import make_engine
from oneaqita.db.migrate import upgrade
from oneaqita.models import Role, User
from oneaqita.services.actor import SYSTEM_ACTOR, Actor
from oneaqita.services.database import Database
from oneaqita.services.users import registered_actor
from tests.conftest import _pg_admin_engine


@dataclass
class OwnedDatabase:
    url: str  # the owner's
    owner: str
    prefix: str
    owner_db: Database
    engines: dict[str, Engine] = field(default_factory=dict)
    databases: list[Database] = field(default_factory=list)

    def login(self, stem: str) -> str:
        return self.prefix + stem

    def engine(self, login: str) -> Engine:
        """An engine connected as ``login`` (the shared server trusts local connections)."""
        if login not in self.engines:
            url = make_url(self.url).set(username=login, password=None)
            self.engines[login] = create_engine(url, poolclass=NullPool)
        return self.engines[login]

    def app(self, login: str) -> tuple[Database, Actor]:
        """The app's Database as it runs for ``login`` (its own login role), and its actor."""
        url = make_url(self.url).set(username=login, password=None)
        db = Database(make_engine(url.render_as_string(hide_password=False)))
        self.databases.append(db)
        return db, registered_actor(db, login)

    def add_user(self, stem: str, role: Role, active: bool = True) -> str:
        """A users row and its login role, made by the owner (as the first administrator's)."""
        login = self.login(stem)
        with self.owner_db.unit_of_work(SYSTEM_ACTOR) as uow:
            uow.session.add(User(login=login, display_name=stem, role=role, active=active))
            uow.session.flush()
            pg_roles.create_login(uow.session.connection(), login, None, role)
        return login


def owned_database() -> Iterator[OwnedDatabase]:
    admin = _pg_admin_engine()
    prefix = f"t_users_{uuid.uuid4().hex[:8]}_"
    owner = prefix + "owner"
    name = f"oneaqita_test_{uuid.uuid4().hex[:12]}"
    with admin.connect() as conn:
        conn.execute(text(f'CREATE ROLE "{owner}" LOGIN CREATEROLE NOSUPERUSER'))
        conn.execute(text(f'CREATE DATABASE "{name}" OWNER "{owner}"'))
    url = make_url(admin.url).set(database=name, username=owner, password=None)
    owner_url = url.render_as_string(hide_password=False)
    owned = OwnedDatabase(owner_url, owner, prefix, Database(make_engine(owner_url)))
    try:
        upgrade(owned.owner_db.engine)
        yield owned
    finally:
        for db in owned.databases:
            db.dispose()
        for engine in owned.engines.values():
            engine.dispose()
        owned.owner_db.dispose()
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
            logins = conn.execute(
                text("SELECT rolname FROM pg_roles WHERE starts_with(rolname, :p)"),
                {"p": prefix},
            ).scalars()
            for login in sorted(logins, key=lambda n: n == owner):  # the owner last
                conn.execute(text(f'DROP ROLE IF EXISTS "{login}"'))
        admin.dispose()
