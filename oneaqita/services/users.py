"""Who is acting at this desktop."""

import getpass

from sqlalchemy import func, select

from oneaqita.models import Role, User
from oneaqita.services.actor import Actor, deactivated, not_registered
from oneaqita.services.changes import Entity
from oneaqita.services.database import Database


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
                raise not_registered(login)
            user = User(login=login, display_name=login, role=Role.ADMIN)
            uow.session.add(user)
            uow.session.flush()
            uow.audit("create", Entity.USERS, user.id, None, {"login": login, "role": "admin"})
        return _active(user)


def _active(user: User) -> Actor:
    if not user.active:
        raise deactivated(user.login)
    return Actor.of(user)


def require_registered(actor: Actor) -> None:
    """PermissionDenied for a maintenance actor (one for no user): reading data out of the
    database, e.g. exporting it, is for registered users only (whether that user is still
    active is checked by ``@requires`` and every unit of work)."""
    if actor.user_id is None:
        raise not_registered(actor.login)


def _bootstrap(login: str) -> Actor:
    return Actor(user_id=None, login=login, role=Role.ADMIN)
