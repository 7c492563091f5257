"""Managing the app's users: add one, change a role, link a person, deactivate and reactivate,
reset a password. Administrators only (Action.MANAGE_USERS); every change audited, never with
a password or a hash in the audit log.

Rules enforced here:

- A login is 1 to 60 characters of a-z, 0-9, ``.``, ``_`` and ``-`` (upper case is taken as
  lower case); anything else (a space, a control character, a quote, a kanji) is refused, so
  that the same login names the same PostgreSQL role. It names at most one user and never
  changes once stored. Logins PostgreSQL reserves (``pg_…``, ``public`` …) and the app's group
  role names are refused on both databases, so that a database can move to PostgreSQL.
- The display name is required (at most 100 characters, no control characters).
- A person is linked to at most one user; ``person_id`` None unlinks.
- An administrator can neither deactivate nor demote themself, and the last active
  administrator can be neither demoted nor deactivated (checked with the active
  administrators' rows locked, so that two administrators demoting each other at once cannot
  leave none).
- An edit takes the version the editor read (``expected_version``): a user changed since
  raises ConcurrentEdit. The command line gives None (no version was read).
- SQLite: the app keeps the password as an argon2id hash (oneaqita/passwords.py); a reset
  also deletes the user's failed-login count, which unlocks the account.
- PostgreSQL: every user is a login role of its own (oneaqita/db/pg_roles.py), a member of
  its role's group role, written in the same transaction as the users row (the row first:
  the owner's functions that change login roles refuse a role no users row names; nobody of
  the app has CREATEROLE); the app stores no password. Deactivating makes the role NOLOGIN.
  A user whose login role does not exist yet (made before users were managed here) gets one
  when its password is reset.
"""

import re
from collections.abc import Callable
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from oneaqita.db import pg_roles
from oneaqita.errors import ConcurrentEdit, NotFound, ValidationError
from oneaqita.models import LoginFailure, Person, Role, User
from oneaqita.passwords import check_password, hash_password
from oneaqita.permissions import Action, requires
from oneaqita.services.actor import Actor
from oneaqita.services.changes import Change, Entity
from oneaqita.services.database import Database
from oneaqita.services.text_fields import required_text
from oneaqita.services.unit_of_work import UnitOfWork
from oneaqita.services.upserts import holder_of, store_values

__all__ = ["add_user", "change_role", "checked_login", "deactivate", "edit_user", "link_person"]
__all__ += ["in_own_unit", "person_by_employee_no", "reactivate", "reset_password", "user_by_login"]

ENTITY = Entity.USERS
LOGIN_PATTERN = re.compile(r"[a-z0-9._-]{1,60}")
# Role names PostgreSQL refuses or gives another meaning (CREATE ROLE "public" fails).
_RESERVED = frozenset({"public", "none", "current_user", "session_user", "current_role"})
_RESERVED |= frozenset(pg_roles.GROUP_ROLES.values())


def checked_login(login: str) -> str:
    """The login as stored (lower case), or a ValidationError on the field ``login``."""
    if not login:
        raise ValidationError("ログイン名を入力してください。", "A login is required.", "login")
    if any(ord(c) < 0x20 or 0x7F <= ord(c) < 0xA0 for c in login):
        raise ValidationError(
            "ログイン名に制御文字は使えません。",
            "A login cannot contain control characters.",
            "login",
        )
    if len(login) > 60:
        raise ValidationError(
            f"ログイン名は60文字以内にしてください ({len(login)}文字あります)。",
            f"A login may have at most 60 characters (it has {len(login)}).",
            "login",
        )
    clean = login.lower() if login.isascii() else login
    if not LOGIN_PATTERN.fullmatch(clean):
        raise ValidationError(
            "ログイン名には英小文字・数字・「.」「_」「-」だけが使えます(空白は使えません)。",
            "A login may hold only a-z, 0-9, '.', '_' and '-' (no spaces).",
            "login",
        )
    if clean in _RESERVED or clean.startswith("pg_"):
        raise ValidationError(
            f"ログイン名「{clean}」はデータベースが予約しているため使えません。",
            f"The login '{clean}' is reserved by the database.",
            "login",
        )
    return clean


def snapshot(user: User) -> dict[str, Any]:
    """What the audit log keeps of a user: never the password hash."""
    return {
        "login": user.login,
        "display_name": user.display_name,
        "role": user.role.value,
        "person_id": user.person_id,
        "active": user.active,
        "version": user.version,
    }


def user_by_login(session: Session, login: str) -> User:
    """The user of ``login`` (as typed: upper case is lower case); NotFound when none."""
    key = login.lower() if login.isascii() else login
    user = session.scalar(select(User).where(User.login == key))
    if user is None:
        raise NotFound(
            f"ユーザー「{login}」が見つかりません。", f"There is no user with login '{login}'."
        )
    return user


def person_by_employee_no(session: Session, employee_no: str) -> int:
    """The id of the person with ``employee_no``; a ValidationError on ``person`` when none."""
    found = session.scalar(select(Person.id).where(Person.employee_no == employee_no.strip()))
    if found is None:
        raise ValidationError(
            f"職員番号「{employee_no}」の人が見つかりません。",
            f"No person has the employee number '{employee_no}'.",
            "person",
        )
    return found


# -- the use cases ---------------------------------------------------------------------------
@requires(Action.MANAGE_USERS)
def in_own_unit(db: Database, actor: Actor, call: Callable[[UnitOfWork], Change]) -> Change:
    """One of the use cases below in a unit of work of its own (the Users page's saves)."""
    with db.unit_of_work(actor) as uow:
        return call(uow)


@requires(Action.MANAGE_USERS)
def add_user(
    uow: UnitOfWork,
    login: str,
    display_name: str,
    role: Role,
    password: str | None = None,
    person_id: int | None = None,
) -> Change:
    """A new, active user; on SQLite with ``password``'s hash (None: no login until a reset),
    on PostgreSQL with a login role of that password in ``role``'s group role."""
    clean = checked_login(login)
    name = _display_name(display_name)
    if password is not None:
        check_password(password)
    session = uow.session
    if holder_of(session, User.login, clean, None) is not None:
        raise ValidationError(
            f"ログイン名「{clean}」は既に使われています。",
            f"The login '{clean}' is already used.",
            "login",
        )
    _check_person(session, person_id, None)
    on_pg = _on_postgresql(uow)
    if on_pg and pg_roles.login_exists(session.connection(), clean):
        raise ValidationError(
            f"データベースには既に「{clean}」というロールがあります。別のログイン名にしてください。",
            f"The database server already has a role named '{clean}'; choose another login.",
            "login",
        )
    values = {
        "login": clean,
        "display_name": name,
        "role": role,
        "person_id": person_id,
        "active": True,
        "password_hash": hash_password(password) if password is not None and not on_pg else None,
    }
    _flushed(lambda: store_values(uow, ENTITY, User, None, values, snapshot))
    if on_pg:
        pg_roles.create_login(session.connection(), clean, password, role)
    return uow.change


@requires(Action.MANAGE_USERS)
def edit_user(
    uow: UnitOfWork,
    user_id: int,
    expected_version: int | None,
    display_name: str,
    role: Role,
    person_id: int | None,
) -> Change:
    """The editor's save: display name, role and linked person at once (the login stays)."""
    user = _user_to_edit(uow, user_id, expected_version)
    name = _display_name(display_name)
    _check_person(uow.session, person_id, user.id)
    _guard_admin_loss(uow, user, role, user.active)
    _store(uow, user, {"display_name": name, "role": role, "person_id": person_id})
    return uow.change


@requires(Action.MANAGE_USERS)
def change_role(
    uow: UnitOfWork, user_id: int, role: Role, expected_version: int | None = None
) -> Change:
    user = _user_to_edit(uow, user_id, expected_version)
    _guard_admin_loss(uow, user, role, user.active)
    _store(uow, user, {"role": role})
    return uow.change


@requires(Action.MANAGE_USERS)
def link_person(
    uow: UnitOfWork, user_id: int, person_id: int | None, expected_version: int | None = None
) -> Change:
    """Link the user to the person they are (their hours, their weeks); None unlinks."""
    user = _user_to_edit(uow, user_id, expected_version)
    _check_person(uow.session, person_id, user.id)
    _store(uow, user, {"person_id": person_id})
    return uow.change


@requires(Action.MANAGE_USERS)
def deactivate(uow: UnitOfWork, user_id: int, expected_version: int | None = None) -> Change:
    """The user can no longer log in or act (on PostgreSQL their role becomes NOLOGIN)."""
    user = _user_to_edit(uow, user_id, expected_version)
    _guard_admin_loss(uow, user, user.role, False)
    _store(uow, user, {"active": False})
    return uow.change


@requires(Action.MANAGE_USERS)
def reactivate(uow: UnitOfWork, user_id: int, expected_version: int | None = None) -> Change:
    user = _user_to_edit(uow, user_id, expected_version)
    _store(uow, user, {"active": True})
    return uow.change


@requires(Action.MANAGE_USERS)
def reset_password(
    uow: UnitOfWork, user_id: int, password: str, expected_version: int | None = None
) -> Change:
    """Set a new password: on SQLite its hash, and the account unlocked; on PostgreSQL the
    login role's (created now if the user has none yet)."""
    user = _user_to_edit(uow, user_id, expected_version)
    check_password(password)
    session = uow.session
    if _on_postgresql(uow):
        conn = session.connection()
        if pg_roles.login_exists(conn, user.login):
            pg_roles.set_password(conn, user.login, password)
        else:
            pg_roles.create_login(conn, user.login, password, user.role)
            if not user.active:
                pg_roles.set_can_login(conn, user.login, False)
    else:
        user.password_hash = hash_password(password)
        session.flush()
        session.execute(delete(LoginFailure).where(LoginFailure.user_id == user.id))
    # Who reset whose password and when; the password itself never.
    uow.audit("reset_password", ENTITY, user.id, None, {"login": user.login})
    return uow.change


# -- the steps they share --------------------------------------------------------------------
def _on_postgresql(uow: UnitOfWork) -> bool:
    return uow.session.connection().dialect.name == "postgresql"


def _display_name(value: str) -> str:
    return required_text(value, "display_name", "表示名", "Display name", 100)


def _user_to_edit(uow: UnitOfWork, user_id: int, expected_version: int | None) -> User:
    user = uow.session.get(User, user_id)
    if user is None:
        raise NotFound(f"ユーザー (id {user_id}) が見つかりません。", f"User {user_id} not found.")
    if expected_version is not None and user.version != expected_version:
        raise ConcurrentEdit()
    return user


def _check_person(session: Session, person_id: int | None, own_id: int | None) -> None:
    if person_id is None:
        return
    person = session.get(Person, person_id)
    if person is None:
        raise ValidationError(
            "選んだ人が見つかりません(削除された可能性があります)。",
            "The chosen person no longer exists.",
            "person",
        )
    other = holder_of(session, User.person_id, person_id, own_id)
    if other is not None:
        raise ValidationError(
            f"{person.name}さんは既にユーザー「{other.login}」に紐付いています。",
            f"{person.name} is already linked to the user '{other.login}'.",
            "person",
        )


def _guard_admin_loss(uow: UnitOfWork, user: User, role: Role, active: bool) -> None:
    """Refuse what would leave the acting administrator, or the database, without one."""
    if not (user.role is Role.ADMIN and user.active) or (role is Role.ADMIN and active):
        return
    field = "role" if active else "active"
    if user.id == uow.actor.user_id:
        if active:
            raise ValidationError(
                "自分自身の管理者の役割は外せません。",
                "You cannot take the administrator role from yourself.",
                field,
            )
        raise ValidationError(
            "自分自身を無効にはできません。",
            "You cannot deactivate yourself.",
            field,
        )
    # Locked (PostgreSQL), so that a concurrent demotion of another administrator waits and
    # then counts again; SQLite's writers are one at a time anyway.
    admins = uow.session.scalars(
        select(User.id).where(User.role == Role.ADMIN, User.active.is_(True)).with_for_update()
    ).all()
    if not set(admins) - {user.id}:
        raise ValidationError(
            "最後の有効な管理者は、役割の変更も無効化もできません。",
            "The last active administrator can be neither demoted nor deactivated.",
            field,
        )


def _store(uow: UnitOfWork, user: User, values: dict[str, Any]) -> None:
    """Set ``values`` on the user (audited), and on PostgreSQL on their login role."""
    before_role, before_active = user.role, user.active
    _flushed(lambda: store_values(uow, ENTITY, User, user, values, snapshot))
    if not _on_postgresql(uow):
        return
    conn = uow.session.connection()
    if not pg_roles.login_exists(conn, user.login):
        return  # no login role yet: the next password reset makes one, as the user is now
    if user.role is not before_role:
        pg_roles.set_group(conn, user.login, user.role)
    if user.active is not before_active:
        pg_roles.set_can_login(conn, user.login, user.active)


def _flushed(write: Any) -> None:
    """Run a write whose flush may meet another writer's same login or person first."""
    try:
        write()
    except IntegrityError as exc:
        raise ValidationError(
            "同じログイン名か同じ人のユーザーが、たった今ほかの人により登録されました。",
            "Someone else has just stored a user with the same login or person.",
            "login",
        ) from exc
