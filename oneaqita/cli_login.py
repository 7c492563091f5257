"""Who runs a command: ``--user LOGIN`` (or $ONEAQITA_USER), proved by a password from
$ONEAQITA_PASSWORD or typed at the terminal. The operating-system login (LOGNAME, USER) never
decides anything; a passwordless demo user of a demo database needs no password."""

import argparse
import getpass
import os
import sys

from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError

from oneaqita.db import migrate
from oneaqita.db.engine import resolve_url
from oneaqita.errors import AuthenticationFailed
from oneaqita.passwords import check_repeated
from oneaqita.services.actor import Actor
from oneaqita.services.authentication import (
    authenticate,
    create_first_admin,
    has_users,
    needs_password,
    open_as,
    set_missing_admin_password,
)
from oneaqita.services.database import Database

__all__ = ["ENV_PASSWORD", "ENV_USER", "add_user_option", "create_admin", "open_for_user"]

ENV_USER = "ONEAQITA_USER"
ENV_PASSWORD = "ONEAQITA_PASSWORD"


def add_user_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--user",
        metavar="LOGIN",
        default=argparse.SUPPRESS,
        help=f"the login to act as (default: ${ENV_USER}); the password comes from "
        f"${ENV_PASSWORD} or is asked on the terminal / 実行するユーザーのログイン名",
    )


def _login(args: argparse.Namespace) -> str:
    login = (getattr(args, "user", None) or os.environ.get(ENV_USER, "")).strip()
    if not login:
        raise AuthenticationFailed(
            f"ユーザーが指定されていません。--user LOGIN または ${ENV_USER} で指定してください。",
            f"No user given: name one with --user LOGIN or ${ENV_USER}.",
        )
    return login


def _no_terminal() -> AuthenticationFailed:
    return AuthenticationFailed(
        f"パスワードがありません。${ENV_PASSWORD} で渡すか、端末から実行してください。",
        f"No password: give it in ${ENV_PASSWORD} or run the command on a terminal.",
    )


def _password(prompt: str) -> str:
    given = os.environ.get(ENV_PASSWORD)
    if given is not None:
        return given
    if not sys.stdin.isatty():
        raise _no_terminal()
    return getpass.getpass(prompt)


def _backend(url: str) -> str | None:
    try:
        return make_url(url).get_backend_name()
    except ArgumentError:
        return None  # Database.open says what is wrong with it


def open_for_user(args: argparse.Namespace, url: str) -> tuple[Database, Actor]:
    """The migrated database at ``url`` and the proved actor of ``--user``."""
    login = _login(args)
    resolved = resolve_url(url)
    if _backend(resolved) == "postgresql":
        db, actor = open_as(resolved, login, _password(f"{login} のパスワード / password: "))
        try:
            migrate.upgrade(db.engine)
        except BaseException:
            db.dispose()
            raise
        return db, actor
    db = Database.open(resolved)
    try:
        migrate.upgrade(db.engine)
        password = ""
        if needs_password(db, login):
            password = _password(f"{login} のパスワード / password: ")
        return db, authenticate(db, login, password)
    except BaseException:
        db.dispose()
        raise


def create_admin(db: Database, login: str) -> Actor:
    """``db upgrade --admin LOGIN``: the first administrator (on SQLite with a password from
    $ONEAQITA_PASSWORD or typed twice; on PostgreSQL the login role's own). On an SQLite
    database whose administrator LOGIN has no password yet, that password is set."""
    if db.dialect == "postgresql":
        return create_first_admin(db, login, login, None)
    password = os.environ.get(ENV_PASSWORD)
    if password is None:
        if not sys.stdin.isatty():
            raise _no_terminal()
        password = ask_new_password(f"{login} の新しいパスワード / new password: ")
    if has_users(db):  # a database from before logins: its administrator's first password
        return set_missing_admin_password(db, login.strip(), password)
    return create_first_admin(db, login, login, password)


def ask_new_password(prompt: str = "新しいパスワード / new password: ") -> str:
    """A new password asked twice on the terminal (ValidationError when the two differ)."""
    first = getpass.getpass(prompt)
    check_repeated(first, getpass.getpass("もう一度 / again: "))
    return first
