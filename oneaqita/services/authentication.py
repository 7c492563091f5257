"""Logging in: who is acting is proved by a password, never taken from the environment.

Rules:

- Embedded SQLite database: ``authenticate`` checks the password against the user's argon2id
  hash (oneaqita/passwords.py). A wrong login and a wrong password get the same message, and an
  unknown login is checked against a dummy hash, so that the time taken tells nothing either.
- Failures are counted in ``login_failures`` (a row per user; the user's own row, its version
  and its audit are never touched by a failure). From the ``SLOW_FROM``-th consecutive failure
  on, an attempt sooner than 1, 2, 4 … s (at most ``MAX_DELAY_S``) after the last failure is
  refused without checking; after ``LOCK_AFTER`` failures the account is locked for
  ``LOCK_FOR``. A lock that has run out starts a new count. A success deletes the row (and
  rehashes a hash made with weaker parameters).
- A deactivated user is refused (said only once the password is right). A user without a
  password hash logs in without one only on a demo database (``database_settings`` demo = 1).
- PostgreSQL: the server checks the password (SCRAM); ``open_as`` connects as that login role
  and the actor is the users row of ``session_user``. The app stores no password there.
- The first administrator is made only by ``create_first_admin``, deliberately, and only while
  the database has no user at all.
"""

from datetime import UTC, datetime, timedelta

from sqlalchemy import Connection, delete, exists, func, select, text, update
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, DBAPIError, NoSuchModuleError

from oneaqita.db import pg_roles
from oneaqita.db.engine import make_engine, resolve_url
from oneaqita.errors import (
    AuthenticationFailed,
    BadDatabaseUrl,
    DatabaseUnavailable,
    PermissionDenied,
    ValidationError,
)
from oneaqita.models import DatabaseSetting, LoginFailure, Role, User
from oneaqita.passwords import check_password, hash_password, needs_rehash, verify_password
from oneaqita.services.actor import SYSTEM_ACTOR, Actor
from oneaqita.services.changes import Entity
from oneaqita.services.database import Database
from oneaqita.services.users import registered_actor

__all__ = ["LOCK_AFTER", "LOCK_FOR", "MAX_DELAY_S", "SLOW_FROM", "authenticate"]
__all__ += ["check_server_url", "create_first_admin", "has_users", "is_demo_database", "open_as"]
__all__ += ["demo_logins", "mark_demo_database", "needs_password", "set_missing_admin_password"]

SLOW_FROM = 3
LOCK_AFTER = 10
LOCK_FOR = timedelta(minutes=15)
MAX_DELAY_S = 30
DEMO_KEY = "demo"
_PG_INSUFFICIENT_PRIVILEGE = "42501"
LOGIN_MAX = 60

# Verified for an unknown login, so that it costs as long as a known one.
_DUMMY_HASH = hash_password("not-a-password-of-anyone")


def _wrong() -> AuthenticationFailed:
    return AuthenticationFailed(
        "ログイン名またはパスワードが違います。", "The login or the password is wrong."
    )


def _aware(moment: datetime) -> datetime:
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def _locked(until: datetime) -> AuthenticationFailed:
    local = _aware(until).astimezone().strftime("%Y-%m-%d %H:%M")
    return AuthenticationFailed(
        f"ログインの失敗が続いたため、このアカウントは {local} までロックされています。",
        f"Too many failed logins: this account is locked until {local}.",
    )


def _slow_down(seconds: float) -> AuthenticationFailed:
    wait = max(1, round(seconds))
    return AuthenticationFailed(
        f"ログインの失敗が続いています。{wait}秒待ってからもう一度試してください。",
        f"Too many failed logins: slow down, try again in {wait} s.",
    )


def _no_password(login: str) -> AuthenticationFailed:
    return AuthenticationFailed(
        f"ユーザー「{login}」にはパスワードが設定されていません。管理者に依頼してください。",
        f"User '{login}' has no password set; ask an administrator.",
    )


def delay_after(failures: int) -> float:
    """Seconds an attempt must wait after the last of ``failures`` consecutive failures."""
    if failures < SLOW_FROM:
        return 0.0
    return float(min(2 ** (failures - SLOW_FROM), MAX_DELAY_S))


def is_demo_database(db: Database) -> bool:
    with db.read() as session:
        value = session.scalar(select(DatabaseSetting.value).where(DatabaseSetting.key == DEMO_KEY))
    return value == "1"


def mark_demo_database(db: Database) -> None:
    """Marks ``db`` as a demo database (the demo loader does; so does opening the separate
    demo database, whose demo data may predate the mark)."""
    if is_demo_database(db):
        return
    with db.unit_of_work(SYSTEM_ACTOR) as uow:
        uow.session.merge(DatabaseSetting(key=DEMO_KEY, value="1"))


def has_users(db: Database) -> bool:
    with db.read() as session:
        return bool(session.scalar(select(exists().where(User.id.is_not(None)))))


def demo_logins(db: Database) -> list[tuple[str, str, Role]]:
    """(login, display name, role) of the active users who may log in without a password:
    on a demo database the users without a password hash, else none."""
    if db.dialect != "sqlite" or not is_demo_database(db):
        return []
    with db.read() as session:
        rows = session.execute(
            select(User.login, User.display_name, User.role)
            .where(User.password_hash.is_(None), User.active.is_(True))
            .order_by(User.id)
        ).all()
    return [(r.login, r.display_name, r.role) for r in rows]


def needs_password(db: Database, login: str) -> bool:
    """False only for a passwordless user of a demo database (no prompt is needed)."""
    return login not in {row[0] for row in demo_logins(db)}


def authenticate(db: Database, login: str, password: str, now: datetime | None = None) -> Actor:
    """The actor for ``login`` on the embedded database once ``password`` is proved right;
    AuthenticationFailed otherwise (see the module's rules)."""
    if db.dialect != "sqlite":
        raise AuthenticationFailed(
            "PostgreSQL ではサーバーがパスワードを確認します (open_as)。",
            "On PostgreSQL the server checks the password (open_as).",
        )
    moment = now or datetime.now(UTC)
    with db.read() as session:
        user = session.execute(
            select(User.id, User.login, User.password_hash).where(User.login == login)
        ).first()
        failure = None
        if user is not None:
            failure = session.execute(
                select(
                    LoginFailure.failures, LoginFailure.last_failed_at, LoginFailure.locked_until
                ).where(LoginFailure.user_id == user.id)
            ).first()
    if user is None:
        verify_password(_DUMMY_HASH, password)
        raise _wrong()
    if failure is not None:
        _refuse_early(failure.failures, failure.last_failed_at, failure.locked_until, moment)
    if user.password_hash is None:
        if not is_demo_database(db):
            raise _no_password(user.login)
    elif not verify_password(user.password_hash, password):
        _count_failure(db, user.id, moment)
        raise _wrong()
    actor = registered_actor(db, user.login)  # deactivated: refused here
    _succeeded(db, user.id, user.password_hash, password, had_failures=failure is not None)
    return actor


def _refuse_early(
    failures: int, last_failed_at: datetime, locked_until: datetime | None, moment: datetime
) -> None:
    if locked_until is not None:
        until = _aware(locked_until)
        if moment < until:
            raise _locked(until)
        return  # the lock has run out: a new count begins at the next failure
    wait = delay_after(failures)
    if wait:
        left = (_aware(last_failed_at) + timedelta(seconds=wait) - moment).total_seconds()
        if left > 0:
            raise _slow_down(left)


def _count_failure(db: Database, user_id: int, moment: datetime) -> None:
    with db.unit_of_work(SYSTEM_ACTOR) as uow:
        row = uow.session.get(LoginFailure, user_id)
        if row is None:
            row = LoginFailure(user_id=user_id, failures=0)
            uow.session.add(row)
        elif row.locked_until is not None and _aware(row.locked_until) <= moment:
            row.failures, row.locked_until = 0, None
        row.failures += 1
        row.last_failed_at = moment
        if row.failures >= LOCK_AFTER:
            row.locked_until = moment + LOCK_FOR
        locked = row.locked_until
    if locked is not None and _aware(locked) > moment:
        raise _locked(locked)


def _succeeded(
    db: Database, user_id: int, stored: str | None, password: str, had_failures: bool
) -> None:
    rehash = stored is not None and needs_rehash(stored)
    if not had_failures and not rehash:
        return  # a plain login writes nothing (a read-only database can still be opened)
    with db.unit_of_work(SYSTEM_ACTOR) as uow:
        uow.session.execute(delete(LoginFailure).where(LoginFailure.user_id == user_id))
        if rehash:
            # Only the hash: the user's version and audit are not the login's business.
            uow.session.execute(
                update(User)
                .where(User.id == user_id)
                .values(password_hash=hash_password(password))
                .execution_options(synchronize_session=False)
            )


def _is_auth_failure(exc: BaseException) -> bool:
    for cause in (exc, exc.__cause__, getattr(exc.__cause__, "orig", None)):
        if cause is None:
            continue
        if getattr(cause, "sqlstate", None) in ("28P01", "28000"):
            return True
        message = str(cause)
        if "password authentication failed" in message or "does not exist" in message:
            return "role" in message or "password" in message
        if "no password supplied" in message:
            return True
    return False


def check_server_url(url: str) -> None:
    """BadDatabaseUrl for a server URL that cannot work whatever the password (unparseable,
    its driver not installed), so that nobody is asked for a password in vain."""
    try:
        make_url(url).get_dialect()
    except (NoSuchModuleError, ImportError) as exc:  # NoSuchModuleError is an ArgumentError
        driver = make_url(url).drivername
        raise BadDatabaseUrl(
            f"ドライバがありません: {driver}", f"no driver for {driver!r} is installed"
        ) from exc
    except ArgumentError as exc:
        raise BadDatabaseUrl(
            f"データベースのURLとして読めません: {url!r}", f"not a database URL: {url!r}"
        ) from exc


def open_as(url: str | None, login: str, password: str) -> tuple[Database, Actor]:
    """The PostgreSQL database at ``url`` opened as the login role ``login`` (the server
    checks ``password``), and the actor of that role's users row."""
    parsed = make_url(resolve_url(url)).set(username=login, password=password)
    try:
        engine = make_engine(parsed.render_as_string(hide_password=False))
    except DatabaseUnavailable as exc:
        if _is_auth_failure(exc):
            raise _wrong() from None
        raise
    db = Database(engine)
    try:
        with db.read() as session:
            who = str(session.scalar(text("SELECT session_user")))
        try:
            return db, registered_actor(db, who)
        except DBAPIError as exc:
            if getattr(exc.orig, "sqlstate", None) != _PG_INSUFFICIENT_PRIVILEGE:
                raise
            raise PermissionDenied(
                f"ロール「{who}」にはこのデータベースを使う権限がありません。"
                "管理者にユーザー登録を依頼してください。",
                f"The role '{who}' may not use this database. Ask an administrator to add "
                "you as a user.",
            ) from exc
    except BaseException:
        db.dispose()
        raise


def _check_login(login: str) -> str:
    login = login.strip()
    if not login or len(login) > LOGIN_MAX or any(c.isspace() or ord(c) < 0x20 for c in login):
        raise ValidationError(
            f"ログイン名は空白や制御文字を含まない{LOGIN_MAX}文字以内にしてください。",
            f"A login has 1 to {LOGIN_MAX} characters without spaces or control characters.",
            "login",
        )
    return login


def _check_name(display_name: str, login: str) -> str:
    name = display_name.strip() or login
    if len(name) > 100 or any(ord(c) < 0x20 for c in name):
        raise ValidationError(
            "表示名は制御文字を含まない100文字以内にしてください。",
            "A display name has at most 100 characters and no control characters.",
            "display_name",
        )
    return name


def _already_set_up() -> AuthenticationFailed:
    return AuthenticationFailed(
        "このデータベースにはすでにユーザーがいます。最初の管理者は作成できません。",
        "This database already has users: no first administrator can be created.",
    )


def create_first_admin(db: Database, login: str, display_name: str, password: str | None) -> Actor:
    """The first administrator of a database without any user (refused once one exists).
    SQLite: its password hash is stored. PostgreSQL (run as the owner): with a password, the
    login role is created with it (a SCRAM verifier: the server keeps it, the app nothing),
    in the administrators' group role; without one, the login role must exist already and is
    granted that group role when it exists. The users row and the role are one transaction."""
    login = _check_login(login)
    name = _check_name(display_name, login)
    pg = db.dialect == "postgresql"
    stored = None if pg else hash_password(password or "")
    maker = Actor(user_id=None, login=login, role=Role.ADMIN)
    with db.unit_of_work(maker) as uow:
        if uow.session.scalar(select(func.count(User.id))):
            raise _already_set_up()
        user = User(login=login, display_name=name, role=Role.ADMIN, password_hash=stored)
        uow.session.add(user)
        uow.session.flush()  # first: the login functions only reach an app user's role
        if pg and password is not None:
            _create_admin_role(uow.session.connection(), login, password)
        elif pg:
            _grant_admin_group(uow.session.connection(), login)
        uow.audit(
            "create",
            Entity.USERS,
            user.id,
            None,
            {"login": login, "display_name": name, "role": Role.ADMIN.value},
        )
        return Actor.of(user)


def _create_admin_role(conn: Connection, login: str, password: str) -> None:
    check_password(password)
    if pg_roles.login_exists(conn, login):
        raise ValidationError(
            f"PostgreSQL のロール「{login}」はすでにあります。別のログイン名にするか、"
            "パスワードを空にしてそのロール（とそのパスワード）を使ってください。",
            f"PostgreSQL already has a role '{login}': choose another login, or leave the "
            "password empty to use that role (and its password).",
            "login",
        )
    pg_roles.create_login(conn, login, password, Role.ADMIN)


def _grant_admin_group(conn: Connection, login: str) -> None:
    roles = set(
        conn.execute(
            text("SELECT rolname FROM pg_roles WHERE rolname IN (:login, :group)"),
            {"login": login, "group": pg_roles.group_role(Role.ADMIN)},
        ).scalars()
    )
    if login not in roles:
        raise ValidationError(
            f"PostgreSQL にログインロール「{login}」がありません。"
            "先に CREATE ROLE … LOGIN PASSWORD … で作成してください。",
            f"PostgreSQL has no login role '{login}': create it first "
            "(CREATE ROLE … LOGIN PASSWORD …).",
            "login",
        )
    group = pg_roles.group_role(Role.ADMIN)
    if group in roles:
        quote = conn.dialect.identifier_preparer.quote
        try:
            conn.execute(text(f"GRANT {quote(group)} TO {quote(login)}"))
        except DBAPIError as exc:
            raise PermissionDenied(
                f"ロール「{group}」を「{login}」に付与できませんでした"
                "（データベースの所有者として実行してください）。",
                f"Could not grant '{group}' to '{login}' (run this as the database owner).",
            ) from exc


def set_missing_admin_password(db: Database, login: str, password: str) -> Actor:
    """The first password of the administrator ``login`` of the embedded database who has none
    (users made before logins existed); refused for anyone else or once it has one. Whoever
    may run ``db upgrade`` on the file may do this; everyone else logs in."""
    stored = hash_password(password)
    with db.unit_of_work(Actor(user_id=None, login=login, role=Role.ADMIN)) as uow:
        user = uow.session.scalar(select(User).where(User.login == login))
        if (
            user is None
            or user.role is not Role.ADMIN
            or not user.active
            or user.password_hash is not None
        ):
            raise _already_set_up()
        user.password_hash = stored
        uow.session.flush()
        uow.audit("password", Entity.USERS, user.id, None, {"login": login, "password": "set"})
        return Actor.of(user)
