"""On PostgreSQL every app user is a login role (oneaqita/db/pg_roles.py), written in the same
transaction as the users row: the role exists, is in its group, NOLOGIN when deactivated;
nothing a login or password holds reaches the server as SQL; the server's refusal is said."""

import threading
import time
import uuid
from collections.abc import Iterator

import pytest
from psycopg import sql
from sqlalchemy import select, text

from oneaqita.db import pg_roles
from oneaqita.errors import PermissionDenied, ValidationError
from oneaqita.models import Role, User
from oneaqita.services import user_accounts as accounts
from oneaqita.services.actor import Actor
from oneaqita.services.database import Database
from tests.db.user_roles import drop_test_roles, role_facts
from tests.logins import actor_for

pytestmark = pytest.mark.pg


@pytest.fixture
def made(pg_db: Database) -> Iterator[list[str]]:
    logins: list[str] = []
    yield logins
    drop_test_roles(pg_db, logins)


def _login(made: list[str], stem: str = "") -> str:
    made.append(f"t_users_{stem}{uuid.uuid4().hex[:8]}")
    return made[-1]


def test_each_user_is_a_login_role_in_its_group(pg_db: Database, made: list[str]) -> None:
    admin = actor_for(pg_db, _login(made, "admin"))
    login = _login(made)
    with pg_db.unit_of_work(admin) as uow:
        user_id = accounts.add_user(uow, login, "名前", Role.SECONDED, "a good password")
        user_id = uow.change.created_id(accounts.ENTITY)
    assert user_id is not None
    assert role_facts(pg_db, login) == (True, False, ["oneaqita_seconded"])

    with pg_db.unit_of_work(admin) as uow:
        accounts.change_role(uow, user_id, Role.ADMIN)
    assert role_facts(pg_db, login) == (True, False, ["oneaqita_admin"])  # never CREATEROLE
    with pg_db.unit_of_work(admin) as uow:
        accounts.change_role(uow, user_id, Role.MANAGER)
    assert role_facts(pg_db, login) == (True, False, ["oneaqita_manager"])

    with pg_db.unit_of_work(admin) as uow:
        accounts.deactivate(uow, user_id)
    assert role_facts(pg_db, login) == (False, False, ["oneaqita_manager"])
    with pg_db.unit_of_work(admin) as uow:
        accounts.reactivate(uow, user_id)
    facts = role_facts(pg_db, login)
    assert facts is not None and facts[0]


def test_a_refused_users_row_leaves_no_role(pg_db: Database, made: list[str]) -> None:
    admin = actor_for(pg_db, _login(made, "admin"))
    login = _login(made)
    with pytest.raises(RuntimeError), pg_db.unit_of_work(admin) as uow:
        accounts.add_user(uow, login, "名前", Role.SECONDED, "a good password")
        raise RuntimeError("after the role was made")  # the whole unit of work rolls back
    assert role_facts(pg_db, login) is None


def test_a_role_of_that_name_elsewhere_in_the_cluster_is_refused(
    pg_db: Database, made: list[str]
) -> None:
    admin = actor_for(pg_db, _login(made, "admin"))
    login = _login(made)
    with pg_db.engine.begin() as conn:  # another app's role, made by its own owner
        conn.exec_driver_sql(f'CREATE ROLE "{login}" LOGIN')
    with pytest.raises(ValidationError) as exc, pg_db.unit_of_work(admin) as uow:
        accounts.add_user(uow, login, "名前", Role.ADMIN, "a good password")
    assert exc.value.field == "login"


def test_a_password_reset_sets_the_roles_password_and_makes_a_missing_role(
    pg_db: Database, made: list[str]
) -> None:
    admin_login = _login(made, "admin")
    admin = actor_for(pg_db, admin_login)  # made before users were managed: no role
    other = _login(made)
    with pg_db.unit_of_work(admin) as uow:
        accounts.add_user(uow, other, "名前", Role.COORDINATOR)
        other_id = uow.change.created_id(accounts.ENTITY)
    assert other_id is not None and admin.user_id is not None
    with pg_db.unit_of_work(admin) as uow:
        accounts.reset_password(uow, other_id, "brand new secret")
        accounts.reset_password(uow, admin.user_id, "the admin's own")
    assert role_facts(pg_db, admin_login) == (True, False, ["oneaqita_admin"])
    with pg_db.engine.connect() as conn:
        stored = conn.exec_driver_sql(
            "SELECT rolname, rolpassword FROM pg_authid WHERE rolname IN (%(a)s, %(b)s)",
            {"a": admin_login, "b": other},
        ).all()
    assert len(stored) == 2 and all(p.startswith("SCRAM-SHA-256$") for _n, p in stored)


@pytest.mark.parametrize(
    "tail", ['"; DROP ROLE postgres; --', "'; DROP ROLE postgres; --", "x\\' OR '1'='1"]
)
def test_a_login_or_password_with_quotes_injects_nothing(
    pg_db: Database, made: list[str], tail: str
) -> None:
    login = _login(made) + tail  # the service refuses such a login; pg_roles still quotes it
    with pg_db.engine.begin() as conn:
        conn.execute(
            text("INSERT INTO users (login, display_name, role, active, version) "
                 "VALUES (:l, 'x', 'seconded', true, 1)"),
            {"l": login},
        )  # fmt: skip
        pg_roles.create_login(conn, login, "pw'; DROP ROLE postgres; --" + tail, Role.SECONDED)
        pg_roles.set_group(conn, login, Role.MANAGER)
        pg_roles.set_password(conn, login, tail + "'--")
        pg_roles.set_can_login(conn, login, False)
        assert pg_roles.login_exists(conn, login)
    assert role_facts(pg_db, login) == (False, False, ["oneaqita_manager"])
    assert role_facts(pg_db, "postgres") is not None


def test_a_role_without_the_functions_grant_is_refused(pg_db: Database, made: list[str]) -> None:
    plain = _login(made, "plain")
    with pg_db.engine.begin() as conn:
        pg_roles.ensure_group_roles(conn)
        conn.exec_driver_sql(
            sql.SQL("CREATE ROLE {} NOLOGIN").format(sql.Identifier(plain)).as_string(None)
        )
    login = _login(made)
    with pg_db.engine.connect() as conn:
        conn.exec_driver_sql(sql.SQL("SET ROLE {}").format(sql.Identifier(plain)).as_string(None))
        with pytest.raises(PermissionDenied) as exc:
            pg_roles.create_login(conn, login, "a good password", Role.SECONDED)
        assert "CREATEROLE" in exc.value.ja and "CREATEROLE" in exc.value.en  # not granted
        conn.rollback()
    assert role_facts(pg_db, login) is None


def test_two_administrators_demoting_each_other_at_once_leave_one(
    pg_db: Database, made: list[str]
) -> None:
    """The second demotion waits for the first one's locks, then counts again and is refused:
    without the lock both would see two administrators and leave none."""
    first = actor_for(pg_db, _login(made, "first"))
    with pg_db.unit_of_work(first) as uow:
        accounts.add_user(uow, _login(made, "second"), "二人目", Role.ADMIN, "a good password")
        second_id = uow.change.created_id(accounts.ENTITY)
    assert second_id is not None and first.user_id is not None
    second = Actor(second_id, made[-1], Role.ADMIN)
    locked, go = threading.Event(), threading.Event()
    outcome: dict[str, BaseException | None] = {}

    def demote(actor: Actor, user_id: int, name: str, hold: bool) -> None:
        try:
            with pg_db.unit_of_work(actor) as uow:
                accounts.change_role(uow, user_id, Role.MANAGER)
                if hold:  # keep the locks until the other one is waiting for them
                    locked.set()
                    go.wait(10)
            outcome[name] = None
        except BaseException as exc:  # noqa: BLE001 - the test looks at it
            outcome[name] = exc

    one = threading.Thread(target=demote, args=(first, second_id, "one", True))
    one.start()
    assert locked.wait(10)
    two = threading.Thread(target=demote, args=(second, first.user_id, "two", False))
    two.start()
    time.sleep(0.5)  # the second one reaches the locked rows and waits
    go.set()
    one.join(10)
    two.join(10)
    assert outcome["one"] is None
    assert isinstance(outcome["two"], ValidationError) and "最後" in outcome["two"].ja
    with pg_db.read() as s:
        admins = s.scalars(select(User.login).where(User.role == Role.ADMIN)).all()
    assert list(admins) == [first.login]
