"""A secured PostgreSQL database for the tests of oneaqita.db.pg_security: the timesheet
company (tests.timesheet_builders), a PostgreSQL login role per app role (cluster-wide, so
named ``t_pgsec_<unique>_<login>`` and dropped afterwards) and each role's own connection."""

import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import timedelta

from sqlalchemy import Connection, Engine, create_engine, make_url, text
from sqlalchemy.exc import DBAPIError
from sqlalchemy.pool import NullPool

from oneaqita.db.engine import make_engine
from oneaqita.db.migrate import upgrade
from oneaqita.db.pg_roles import group_role
from oneaqita.models import Role, TimeEntry
from oneaqita.services.actor import SYSTEM_ACTOR, Actor
from oneaqita.services.database import Database
from tests.conftest import _pg_admin_engine
from tests.timesheet_builders import MONDAY, Company, build_company

INSUFFICIENT_PRIVILEGE = "42501"
_LOGINS = {Role.SECONDED: "sato", Role.MANAGER: "tanaka", Role.COORDINATOR: "coord"}
_LOGINS[Role.ADMIN] = "admin"


@dataclass
class Secured:
    """The owner's database, the company in it, and per app role the login role's name and
    the app's actor for it (its user's login is the role's name)."""

    owner: Database
    url: str
    co: Company
    logins: dict[Role, str]
    actors: dict[Role, Actor]
    tanaka_entry_id: int  # a time entry of the manager (another person than the seconded)
    engines: dict[Role, Engine] = field(default_factory=dict)

    def engine(self, role: Role) -> Engine:
        """An engine that connects as the login role of ``role`` (its own connection)."""
        if role not in self.engines:
            url = make_url(self.url).set(username=self.logins[role], password=None)
            self.engines[role] = create_engine(url, poolclass=NullPool)
        return self.engines[role]

    def app_database(self, role: Role) -> Database:
        """The app's Database as it runs for the user of ``role`` (connected as its login)."""
        url = make_url(self.url).set(username=self.logins[role], password=None)
        return Database(make_engine(url.render_as_string(hide_password=False)))


def sqlstate(exc: DBAPIError) -> str | None:
    return getattr(exc.orig, "sqlstate", None)


def refused(conn: Connection, sql: str, params: dict[str, object] | None = None) -> bool:
    """Whether PostgreSQL refuses ``sql`` for lack of privilege (or by a row-level policy),
    in a savepoint of ``conn``'s transaction (so nothing else is undone). Any other error
    fails the test."""
    try:
        with conn.begin_nested():
            conn.execute(text(sql), params or {})
    except DBAPIError as exc:
        if sqlstate(exc) == INSUFFICIENT_PRIVILEGE:
            return True
        raise
    return False


def secured_database() -> Iterator[Secured]:
    """Create, fill and secure a database with a login role per app role; drop all after."""
    admin = _pg_admin_engine()
    name = f"oneaqita_test_{uuid.uuid4().hex[:12]}"
    prefix = f"t_pgsec_{uuid.uuid4().hex[:8]}_"
    logins = {role: prefix + login for role, login in _LOGINS.items()}
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    url = admin.url.set(database=name).render_as_string(hide_password=False)
    owner = Database(make_engine(url))
    secured: Secured | None = None
    try:
        upgrade(owner.engine)
        co = build_company(owner)
        with owner.engine.begin() as conn:
            conn.execute(text("UPDATE users SET login = :prefix || login"), {"prefix": prefix})
        with owner.unit_of_work(SYSTEM_ACTOR) as uow:
            entry = TimeEntry(
                person_id=co.tanaka_id,
                work_date=MONDAY + timedelta(days=1),
                minutes=120,
                work_order_id=co.assigned_id,
            )
            uow.session.add(entry)
            uow.session.flush()
            tanaka_entry = entry.id
        with admin.connect() as conn:
            for role, login in logins.items():
                conn.execute(text(f'CREATE ROLE "{login}" LOGIN IN ROLE {group_role(role)}'))
        actors = {
            Role.SECONDED: co.sato,
            Role.MANAGER: co.tanaka,
            Role.COORDINATOR: co.coordinator,
            Role.ADMIN: co.admin,
        }
        actors = {
            role: Actor(a.user_id, prefix + a.login, a.role, a.person_id)
            for role, a in actors.items()
        }
        secured = Secured(owner, url, co, logins, actors, tanaka_entry)
        yield secured
    finally:
        if secured is not None:
            for engine in secured.engines.values():
                engine.dispose()
        owner.dispose()
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
            for login in logins.values():
                conn.execute(text(f'DROP ROLE IF EXISTS "{login}"'))
        admin.dispose()
