"""Who is acting at this desktop."""

import getpass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from oneaqita.errors import PermissionDenied
from oneaqita.models import Role, User
from oneaqita.services.database import Actor, Database


def os_login() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):  # no login name in some service environments
        return "admin"


def desktop_actor(db: Database, login: str | None = None) -> Actor:
    """The user for this desktop session, found by login (the operating-system login by
    default). On a database without any user, the first one to open it becomes its
    administrator, so that a fresh install can be set up without a separate tool."""
    login = login or os_login()
    # Read first: a registered user writes nothing, so opening the app or exporting neither
    # waits for another desktop's write nor needs a writable database.
    with db.read() as session:
        known = session.scalar(select(User).where(User.login == login))
        if known is not None:
            return _active(known)
    with db.unit_of_work(_bootstrap(login)) as uow:
        user = uow.session.scalar(select(User).where(User.login == login))
        if user is None:
            if uow.session.scalar(select(func.count(User.id))):
                raise _not_registered(login)
            user = User(login=login, display_name=login, role=Role.ADMIN)
            uow.session.add(user)
            uow.session.flush()
            uow.audit("create", "users", user.id, None, {"login": login, "role": "admin"})
        return _active(user)


def _active(user: User) -> Actor:
    if not user.active:
        raise _deactivated(user.login)
    return Actor(user.id, user.login, user.role)


# Everyone who may open the app reads its lists, and so may export them.
READ_ROLES = tuple(Role)


def require_reader(session: Session, actor: Actor) -> None:
    """PermissionDenied unless `actor` is a registered, active user of this database with a
    role that reads (every role does): reading data out of the database, e.g. exporting it,
    is refused to a login that is not registered, has been deactivated since the session
    began, or acts for no user at all (a maintenance actor)."""
    actor.require(*READ_ROLES)
    user = session.get(User, actor.user_id) if actor.user_id is not None else None
    if user is None or user.login != actor.login:
        raise _not_registered(actor.login)
    if not user.active:
        raise _deactivated(actor.login)


def _not_registered(login: str) -> PermissionDenied:
    return PermissionDenied(
        f"ユーザー「{login}」は登録されていません。管理者に登録を依頼してください。",
        f"User '{login}' is not registered. Ask an administrator to add you.",
    )


def _deactivated(login: str) -> PermissionDenied:
    return PermissionDenied(
        f"ユーザー「{login}」は無効になっています。", f"User '{login}' is deactivated."
    )


def _bootstrap(login: str) -> Actor:
    return Actor(user_id=None, login=login, role=Role.ADMIN)
