"""Who is acting: the user a unit of work runs for, as the database says it is now.

Rules:

- An ``Actor`` for a user (``user_id`` set) is only a claim: every unit of work re-reads that
  user (``current_actor``) and runs with the role and person stored NOW; a user that has been
  removed, renamed or deactivated since the actor was made may do nothing.
- An ``Actor`` without a user is a maintenance actor (migrations, the demo loader, the very
  first start that creates the first administrator, tests that set up data). Only the core's
  own entry points make one; it is never re-read and acts with the role it names.
- ``person_id`` is the person the user is (for "my hours", "nobody approves their own").
"""

from dataclasses import dataclass

from sqlalchemy import Connection, bindparam, select

from oneaqita.db.compiled import Compiled
from oneaqita.errors import PermissionDenied
from oneaqita.models import Role, User

__all__ = ["SYSTEM_ACTOR", "Actor", "current_actor", "deactivated", "not_registered"]


@dataclass(frozen=True, slots=True)
class Actor:
    user_id: int | None
    login: str
    role: Role
    person_id: int | None = None

    @classmethod
    def of(cls, user: User) -> "Actor":
        return cls(user.id, user.login, user.role, user.person_id)


# Used by maintenance entry points (migrations, the demo loader) that act for no person.
SYSTEM_ACTOR = Actor(user_id=None, login="system", role=Role.ADMIN)


# Every unit of work and every permission check of a database and an actor runs it: compiled
# once, run on the driver (db/compiled.py).
_USER = Compiled(
    select(User.login, User.active, User.role, User.person_id).where(
        User.id == bindparam("user_id")
    )
)


def current_actor(conn: Connection, actor: Actor) -> Actor:
    """``actor`` as the database has its user now (role, person); PermissionDenied when that
    user no longer exists under that login or is deactivated. Maintenance actors as given."""
    if actor.user_id is None:
        return actor
    user = _USER.first(conn, {"user_id": actor.user_id})
    if user is None or user.login != actor.login:
        raise not_registered(actor.login)
    if not user.active:
        raise deactivated(actor.login)
    return Actor(actor.user_id, user.login, user.role, user.person_id)


def not_registered(login: str) -> PermissionDenied:
    return PermissionDenied(
        f"ユーザー「{login}」は登録されていません。管理者に登録を依頼してください。",
        f"User '{login}' is not registered. Ask an administrator to add you.",
    )


def deactivated(login: str) -> PermissionDenied:
    return PermissionDenied(
        f"ユーザー「{login}」は無効になっています。", f"User '{login}' is deactivated."
    )
