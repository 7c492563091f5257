"""The registered user behind a login, for code that has already proved who is acting.

Nothing here checks a password or reads the environment: the entry points (the login dialog,
the command line) prove the user first (oneaqita/services/authentication.py). An unknown login
is refused; no login ever becomes an administrator by opening a database first.
"""

from sqlalchemy import select

from oneaqita.models import User
from oneaqita.services.actor import Actor, deactivated, not_registered
from oneaqita.services.database import Database

__all__ = ["registered_actor", "require_registered"]


def registered_actor(db: Database, login: str) -> Actor:
    """The actor of the registered, active user ``login`` (PermissionDenied otherwise).
    For the core's own use once the user is proved, and for tests: never a user entry
    point by itself."""
    with db.read() as session:
        user = session.scalar(select(User).where(User.login == login))
        if user is None:
            raise not_registered(login)
        if not user.active:
            raise deactivated(user.login)
        return Actor.of(user)


def require_registered(actor: Actor) -> None:
    """PermissionDenied for a maintenance actor (one for no user): reading data out of the
    database, e.g. exporting it, is for registered users only (whether that user is still
    active is checked by ``@requires`` and every unit of work)."""
    if actor.user_id is None:
        raise not_registered(actor.login)
