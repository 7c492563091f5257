"""The users list of the Users page and the CLI: login, display name, role, linked person,
active; filtered and sorted in SQL. Administrators only (Action.MANAGE_USERS), like the
changes themselves (oneaqita/services/user_accounts.py)."""

import enum
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Select, case, select
from sqlalchemy.orm import Session

from oneaqita.errors import NotFound
from oneaqita.models import Person, Role, User
from oneaqita.permissions import Action, requires
from oneaqita.services.actor import Actor
from oneaqita.services.database import Database
from oneaqita.services.text_fields import matches_all_terms

__all__ = ["PersonChoice", "UserFilter", "UserRow", "UserSort", "get_user", "list_users"]
__all__ += ["person_choices"]


class UserSort(enum.StrEnum):
    LOGIN = "login"
    NAME = "name"
    ROLE = "role"
    PERSON = "person"
    ACTIVE = "active"


@dataclass(frozen=True)
class UserFilter:
    text: str = ""  # in the login, the display name, the person's name or employee number
    role: Role | None = None
    active: bool | None = None  # None: active and deactivated ones
    sort: UserSort = UserSort.LOGIN
    descending: bool = False


@dataclass(frozen=True, slots=True)
class UserRow:
    id: int
    login: str
    display_name: str
    role: Role
    person_id: int | None
    employee_no: str | None
    person_name: str | None
    active: bool
    version: int


@dataclass(frozen=True, slots=True)
class PersonChoice:
    id: int
    employee_no: str
    name: str
    linked_login: str | None  # the user already linked to this person, if any


# Administrators first, as the permission table lists the roles.
_ROLE_ORDER = case({role.value: n for n, role in enumerate(Role)}, value=User.role, else_=9)
_SORT_KEYS: dict[UserSort, list[Any]] = {
    UserSort.LOGIN: [User.login],
    UserSort.NAME: [User.display_name, User.login],
    UserSort.ROLE: [_ROLE_ORDER, User.login],
    UserSort.PERSON: [Person.name, User.login],
    UserSort.ACTIVE: [User.active, User.login],
}


def _rows() -> Select[int, str, str, Role, int | None, str, str, bool, int]:
    return select(
        User.id,
        User.login,
        User.display_name,
        User.role,
        User.person_id,
        Person.employee_no,
        Person.name,
        User.active,
        User.version,
    ).outerjoin(Person, Person.id == User.person_id)


def _query(flt: UserFilter) -> Select[int, str, str, Role, int | None, str, str, bool, int]:
    stmt = _rows()
    if flt.role is not None:
        stmt = stmt.where(User.role == flt.role)
    if flt.active is not None:
        stmt = stmt.where(User.active.is_(flt.active))
    match = matches_all_terms(
        flt.text, [User.login, User.display_name, Person.name, Person.employee_no]
    )
    if match is not None:
        stmt = stmt.where(match)
    keys = _SORT_KEYS[flt.sort]
    first = keys[0].desc() if flt.descending else keys[0].asc()
    if flt.sort is UserSort.PERSON:  # users without a person last, either way
        first = first.nulls_last()
    return stmt.order_by(first, *keys[1:], User.id)


def _row(values: tuple[Any, ...]) -> UserRow:
    return UserRow(*values)


@requires(Action.MANAGE_USERS)
def list_users(db: Database, actor: Actor, flt: UserFilter | None = None) -> list[UserRow]:
    with db.read() as session:
        return [_row(tuple(r)) for r in session.execute(_query(flt or UserFilter()))]


@requires(Action.MANAGE_USERS)
def get_user(db: Database, actor: Actor, user_id: int) -> UserRow:
    with db.read() as session:
        return read_user(session, user_id)


def read_user(session: Session, user_id: int) -> UserRow:
    found = session.execute(_rows().where(User.id == user_id)).first()
    if found is None:
        raise NotFound(f"ユーザー (id {user_id}) が見つかりません。", f"User {user_id} not found.")
    return _row(tuple(found))


@requires(Action.MANAGE_USERS)
def person_choices(db: Database, actor: Actor) -> list[PersonChoice]:
    """Every person, by employee number, with the login already linked to them."""
    stmt = (
        select(Person.id, Person.employee_no, Person.name, User.login)
        .outerjoin(User, User.person_id == Person.id)
        .order_by(Person.employee_no)
    )
    with db.read() as session:
        return [PersonChoice(*r) for r in session.execute(stmt)]
