"""Managing users (issue 13): add, change role, link a person, deactivate, reset a password, on
both databases; the refusals that keep a database with an administrator; the audit without
passwords. PostgreSQL's login roles: tests/db/test_user_login_roles.py."""

import json
import uuid
from collections.abc import Callable
from typing import Any

import pytest
from sqlalchemy import func, select

from oneaqita.errors import ConcurrentEdit, PermissionDenied, ValidationError
from oneaqita.models import (
    AuditEntry,
    LoginFailure,
    Organization,
    OrganizationKind,
    Person,
    Role,
    User,
)
from oneaqita.passwords import verify_password
from oneaqita.services import user_accounts as accounts
from oneaqita.services.actor import SYSTEM_ACTOR, Actor, current_actor
from oneaqita.services.changes import Change, Entity
from oneaqita.services.database import Database
from oneaqita.services.user_queries import UserFilter, UserSort, get_user, list_users
from tests.db.user_roles import drop_test_roles
from tests.logins import actor_for

PASSWORD = "correct horse battery"
Logins = Callable[..., str]


@pytest.fixture
def logins(db: Database) -> Any:
    """Unique logins for this test (PostgreSQL roles are cluster-wide), dropped afterwards."""
    made: list[str] = []

    def new(stem: str = "") -> str:
        made.append(f"t_users_{stem}{uuid.uuid4().hex[:8]}")
        return made[-1]

    yield new
    drop_test_roles(db, made)


@pytest.fixture
def admin(db: Database, logins: Logins) -> Actor:
    return actor_for(db, logins("admin"))


def run(db: Database, actor: Actor, call: Callable[..., Change], *args: Any) -> Change:
    with db.unit_of_work(actor) as uow:
        return call(uow, *args)


def add(db: Database, actor: Actor, login: str, role: Role = Role.COORDINATOR, **kw: Any) -> int:
    change = run(db, actor, accounts.add_user, login, "表示 名前", role, kw.pop("pw", PASSWORD))
    user_id = change.created_id(Entity.USERS)
    assert user_id is not None
    return user_id


def people(db: Database) -> tuple[int, int]:
    with db.unit_of_work(SYSTEM_ACTOR) as uow:
        body = Organization(code="052019", kind=OrganizationKind.CITY, name_ja="秋田市")
        uow.session.add(body)
        uow.session.flush()
        a = Person(employee_no="E0001", name="佐藤 花子", home_organization_id=body.id)
        b = Person(employee_no="E0002", name="鈴木 一郎", home_organization_id=body.id)
        uow.session.add_all([a, b])
        uow.session.flush()
        return a.id, b.id


def audit_text(db: Database) -> str:
    with db.read() as s:
        rows = s.execute(select(AuditEntry.before, AuditEntry.after, AuditEntry.action)).all()
    return json.dumps([tuple(r) for r in rows], ensure_ascii=False)


def test_add_user_lowercases_the_login_and_audits_no_password(
    db: Database, admin: Actor, logins: Logins
) -> None:
    login = logins("new")
    user_id = add(db, admin, login.upper(), Role.MANAGER)
    row = get_user(db, admin, user_id)
    assert (row.login, row.display_name, row.role, row.active) == (
        login,
        "表示 名前",
        Role.MANAGER,
        True,
    )
    with db.read() as s:
        stored = s.get(User, user_id)
        assert stored is not None
        if db.dialect == "sqlite":
            assert verify_password(stored.password_hash, PASSWORD)
        else:  # PostgreSQL checks it; the app keeps none
            assert stored.password_hash is None
    text = audit_text(db)
    assert login in text
    assert PASSWORD not in text and "argon2" not in text and "password_hash" not in text


@pytest.mark.parametrize(
    "bad",
    [
        "",
        "a b",
        " ab",
        "a\tb",
        "a\x00b",
        "a\x1bb",
        "a'b",
        'a"b',
        "a;b",
        "佐藤",
        "é",
        "x" * 61,
        "pg_monitor",
        "public",
        "oneaqita_admin",
        "a/b",
    ],
)
def test_a_login_holds_only_the_characters_a_role_name_can(sqlite_db: Database, bad: str) -> None:
    admin = actor_for(sqlite_db, "root")
    with pytest.raises(ValidationError) as exc:
        run(sqlite_db, admin, accounts.add_user, bad, "名前", Role.SECONDED)
    assert exc.value.field == "login"
    assert exc.value.ja and exc.value.en


def test_refusals_name_their_field(db: Database, admin: Actor, logins: Logins) -> None:
    login = logins()
    add(db, admin, login)
    cases: list[tuple[tuple[Any, ...], str]] = [
        ((login, "名前", Role.SECONDED), "login"),  # already used
        ((logins(), "", Role.SECONDED), "display_name"),
        ((logins(), "名\x07前", Role.SECONDED), "display_name"),
        ((logins(), "名前", Role.SECONDED, "short"), "password"),
        ((logins(), "名前", Role.SECONDED, "pass\nword123"), "password"),
        ((logins(), "名前", Role.SECONDED, None, 999_999), "person"),
    ]
    for args, field in cases:
        with pytest.raises(ValidationError) as exc:
            run(db, admin, accounts.add_user, *args)
        assert exc.value.field == field, args
    with db.read() as s:
        assert s.scalar(select(func.count(User.id))) == 2  # nothing else written


def test_only_administrators_manage_users(db: Database, admin: Actor, logins: Logins) -> None:
    manager_id = add(db, admin, logins(), Role.MANAGER)
    manager = Actor(manager_id, get_user(db, admin, manager_id).login, Role.MANAGER)
    with pytest.raises(PermissionDenied):
        run(db, manager, accounts.add_user, logins(), "名前", Role.ADMIN)
    with pytest.raises(PermissionDenied):
        run(db, manager, accounts.change_role, manager_id, Role.ADMIN)
    with pytest.raises(PermissionDenied):
        list_users(db, manager)


def test_an_administrator_neither_demotes_nor_deactivates_themself(
    db: Database, admin: Actor, logins: Logins
) -> None:
    add(db, admin, logins(), Role.ADMIN)  # not the last administrator: still refused
    assert admin.user_id is not None
    with pytest.raises(ValidationError) as exc:
        run(db, admin, accounts.change_role, admin.user_id, Role.MANAGER)
    assert exc.value.field == "role" and "自分" in exc.value.ja
    with pytest.raises(ValidationError) as exc:
        run(db, admin, accounts.deactivate, admin.user_id)
    assert exc.value.field == "active"
    assert get_user(db, admin, admin.user_id).role is Role.ADMIN


def test_the_last_active_administrator_stays(db: Database, admin: Actor, logins: Logins) -> None:
    other = add(db, admin, logins(), Role.ADMIN)
    run(db, admin, accounts.deactivate, other)  # one other administrator may go
    assert admin.user_id is not None
    # The maintenance actor is nobody's self: the last-administrator rule alone refuses.
    with pytest.raises(ValidationError) as exc:
        run(db, SYSTEM_ACTOR, accounts.change_role, admin.user_id, Role.COORDINATOR)
    assert "最後" in exc.value.ja
    with pytest.raises(ValidationError):
        run(db, SYSTEM_ACTOR, accounts.deactivate, admin.user_id)
    run(db, admin, accounts.reactivate, other)
    run(db, SYSTEM_ACTOR, accounts.change_role, admin.user_id, Role.COORDINATOR)
    assert get_user(db, SYSTEM_ACTOR, admin.user_id).role is Role.COORDINATOR


def test_a_deactivated_user_can_do_nothing_and_comes_back(
    db: Database, admin: Actor, logins: Logins
) -> None:
    login = logins()
    user_id = add(db, admin, login, Role.COORDINATOR)
    run(db, admin, accounts.deactivate, user_id)
    with db.read_connection() as conn, pytest.raises(PermissionDenied):
        current_actor(conn, Actor(user_id, login, Role.COORDINATOR))
    run(db, admin, accounts.reactivate, user_id)
    assert get_user(db, admin, user_id).active


def test_a_person_is_linked_to_one_user_at_most(db: Database, admin: Actor, logins: Logins) -> None:
    hanako, ichiro = people(db)
    first, second = add(db, admin, logins()), add(db, admin, logins())
    run(db, admin, accounts.link_person, first, hanako)
    with pytest.raises(ValidationError) as exc:
        run(db, admin, accounts.link_person, second, hanako)
    assert exc.value.field == "person" and "佐藤 花子" in exc.value.ja
    run(db, admin, accounts.link_person, second, ichiro)
    run(db, admin, accounts.link_person, first, None)  # unlinked
    run(db, admin, accounts.link_person, second, hanako)
    assert get_user(db, admin, second).person_name == "佐藤 花子"
    assert get_user(db, admin, first).person_id is None


def test_an_edit_of_an_outdated_version_is_refused(
    db: Database, admin: Actor, logins: Logins
) -> None:
    user_id = add(db, admin, logins())
    seen = get_user(db, admin, user_id).version
    run(db, admin, accounts.edit_user, user_id, seen, "新しい 名前", Role.MANAGER, None)
    with pytest.raises(ConcurrentEdit):
        run(db, admin, accounts.edit_user, user_id, seen, "古い 名前", Role.SECONDED, None)
    row = get_user(db, admin, user_id)
    assert (row.display_name, row.role) == ("新しい 名前", Role.MANAGER)


def test_reset_password_unlocks_on_sqlite(sqlite_db: Database) -> None:
    admin = actor_for(sqlite_db, "root")
    user_id = add(sqlite_db, admin, "clerk")
    with sqlite_db.unit_of_work(SYSTEM_ACTOR) as uow:
        uow.session.add(LoginFailure(user_id=user_id, failures=9))
    run(sqlite_db, admin, accounts.reset_password, user_id, "another secret 2")
    with sqlite_db.read() as s:
        assert s.get(LoginFailure, user_id) is None
        stored = s.get(User, user_id)
        assert stored is not None and verify_password(stored.password_hash, "another secret 2")
        assert not verify_password(stored.password_hash, PASSWORD)
    assert "another secret" not in audit_text(sqlite_db)
    with pytest.raises(ValidationError) as exc:
        run(sqlite_db, admin, accounts.reset_password, user_id, "x")
    assert exc.value.field == "password"


def test_the_list_filters_and_sorts_in_sql(sqlite_db: Database) -> None:
    admin = actor_for(sqlite_db, "root")
    hanako, _ = people(sqlite_db)
    b = add(sqlite_db, admin, "bob", Role.SECONDED)
    add(sqlite_db, admin, "alice", Role.MANAGER)
    run(sqlite_db, admin, accounts.link_person, b, hanako)
    run(sqlite_db, admin, accounts.deactivate, b)

    def logins_of(**kw: Any) -> list[str]:
        return [r.login for r in list_users(sqlite_db, admin, UserFilter(**kw))]

    assert logins_of() == ["alice", "bob", "root"]
    assert logins_of(descending=True) == ["root", "bob", "alice"]
    assert logins_of(sort=UserSort.ROLE) == ["root", "alice", "bob"]
    assert logins_of(sort=UserSort.PERSON) == ["bob", "alice", "root"]
    assert logins_of(active=False) == ["bob"]
    assert logins_of(role=Role.MANAGER) == ["alice"]
    assert logins_of(text="はなこ") == []  # the name is 佐藤 花子, no kana stored
    assert logins_of(text="佐藤") == ["bob"]
    assert logins_of(text="E0001") == ["bob"]
    assert logins_of(text="ALI") == ["alice"]
