"""`oneaqita users …`: the Users page on the command line (administrators only): list, add,
set-role, link, deactivate, activate, reset-password. Exit status 0 done, 1 refused (the reason
in Japanese and English), 2 wrong command.

A new password comes from $ONEAQITA_NEW_PASSWORD, else it is asked twice on the terminal; it
is never an argument (it would stay in the shell's history and the process list)."""

import argparse
import os
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING

from oneaqita.cli_login import ask_new_password
from oneaqita.models import Role

if TYPE_CHECKING:
    from oneaqita.services.actor import Actor
    from oneaqita.services.database import Database
    from oneaqita.services.unit_of_work import UnitOfWork

__all__ = ["ENV_NEW_PASSWORD", "acting_user", "add_users", "run_users"]

ENV_NEW_PASSWORD = "ONEAQITA_NEW_PASSWORD"
_ROLES = [role.value for role in Role]


def add_users(
    sub: "argparse._SubParsersAction[argparse.ArgumentParser]",
    add_db_option: Callable[[argparse.ArgumentParser], None],
) -> None:
    users = sub.add_parser(
        "users",
        help="manage the app's users (administrators) / ユーザー管理",
        description="Add users, change their role, link them to a person, deactivate or "
        "reactivate them, reset a password. Administrators only. A new password comes from "
        f"${ENV_NEW_PASSWORD}, else it is asked twice. / ユーザーを管理します。",
        epilog="Exit status: 0 done, 1 refused, 2 wrong command.",
    )
    users_sub = users.add_subparsers(dest="users_command", metavar="ACTION", required=True)

    def add(name: str, help: str) -> argparse.ArgumentParser:
        parser = users_sub.add_parser(name, help=help, description=help)
        add_db_option(parser)
        return parser

    add("list", "every user: login, name, role, person, active / 一覧")
    new = add("add", "add a user (asks for the initial password) / 追加")
    new.add_argument("login", metavar="LOGIN", help="a-z, 0-9, '.', '_', '-'; at most 60")
    new.add_argument("--name", required=True, help="the display name / 表示名")
    new.add_argument("--role", required=True, choices=_ROLES, help="the app role / 役割")
    new.add_argument("--person", metavar="EMPLOYEE_NO", help="link to this person / 職員番号")
    role = add("set-role", "change a user's role / 役割の変更")
    role.add_argument("login", metavar="LOGIN")
    role.add_argument("role", metavar="ROLE", choices=_ROLES, help=", ".join(_ROLES))
    link = add("link", "link a user to a person, or unlink with --none / 人との紐付け")
    link.add_argument("login", metavar="LOGIN")
    link.add_argument("employee_no", metavar="EMPLOYEE_NO", nargs="?")
    link.add_argument("--none", action="store_true", help="unlink / 紐付けを外す")
    for name, help in (
        ("deactivate", "the user can no longer log in / 無効にする"),
        ("activate", "the user can log in again / 有効にする"),
        ("reset-password", "set a new password (asked) / パスワードの再設定"),
    ):
        add(name, help).add_argument("login", metavar="LOGIN")


def acting_user(args: argparse.Namespace, url: str) -> "tuple[Database, Actor]":
    """The migrated database and the user the `users` commands act for: the command line's
    proved login (--user / $ONEAQITA_USER and a password, oneaqita/cli_login.py)."""
    from oneaqita.cli_login import open_for_user

    return open_for_user(args, url)


def run_users(args: argparse.Namespace, url: str) -> int:
    if args.users_command == "link" and (args.none == (args.employee_no is not None)):
        print(
            "oneaqita: 職員番号か --none のどちらか一方を指定してください。\n"
            "          give either EMPLOYEE_NO or --none",
            file=sys.stderr,
        )
        return 2
    db, actor = acting_user(args, url)
    try:
        if args.users_command == "list":
            _print_list(db, actor)
            return 0
        password = _new_password() if args.users_command in ("add", "reset-password") else None
        with db.unit_of_work(actor) as uow:
            done = _change(uow, args, password)
    finally:
        db.dispose()
    print(done)
    return 0


def _change(uow: "UnitOfWork", args: argparse.Namespace, password: str | None) -> str:
    from oneaqita.services import user_accounts as accounts

    session, command, login = uow.session, args.users_command, args.login
    if command == "add":
        person = accounts.person_by_employee_no(session, args.person) if args.person else None
        accounts.add_user(uow, login, args.name, Role(args.role), password, person)
        return f"ユーザー「{login}」を追加しました / user {login} added"
    user = accounts.user_by_login(session, login)
    if command == "set-role":
        accounts.change_role(uow, user.id, Role(args.role))
        return f"ユーザー「{user.login}」の役割を変更しました / {user.login} is now {args.role}"
    if command == "link":
        person = None if args.none else accounts.person_by_employee_no(session, args.employee_no)
        accounts.link_person(uow, user.id, person)
        return f"ユーザー「{user.login}」の紐付けを変更しました / {user.login} linked"
    if command == "deactivate":
        accounts.deactivate(uow, user.id)
        return f"ユーザー「{user.login}」を無効にしました / {user.login} deactivated"
    if command == "activate":
        accounts.reactivate(uow, user.id)
        return f"ユーザー「{user.login}」を有効にしました / {user.login} activated"
    assert command == "reset-password" and password is not None
    accounts.reset_password(uow, user.id, password)
    return f"ユーザー「{user.login}」のパスワードを再設定しました / password of {user.login} reset"


def _new_password() -> str:
    from_env = os.environ.get(ENV_NEW_PASSWORD)
    if from_env is not None:
        return from_env
    return ask_new_password()


def _print_list(db: "Database", actor: "Actor") -> None:
    from oneaqita.services.user_queries import list_users

    print("login\tname\trole\tperson\tactive")
    for row in list_users(db, actor):
        person = f"{row.employee_no} {row.person_name}" if row.employee_no else "-"
        active = "yes" if row.active else "no"
        print(f"{row.login}\t{row.display_name}\t{row.role.value}\t{person}\t{active}")
