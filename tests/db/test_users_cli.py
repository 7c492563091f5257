"""`oneaqita users …`: what the Users page does, on the command line; exit 0 done, 1 refused
(both languages), 2 wrong command; the new password from the environment or asked twice."""

import pytest

from oneaqita.cli import main
from oneaqita.models import Organization, OrganizationKind, Person, Role, User
from oneaqita.passwords import verify_password
from oneaqita.services.actor import SYSTEM_ACTOR
from oneaqita.services.database import Database
from tests.logins import CLI_LOGIN, add_login


@pytest.fixture
def url(sqlite_db: Database) -> str:
    add_login(sqlite_db)  # the command line's user (tests.logins), an administrator
    with sqlite_db.unit_of_work(SYSTEM_ACTOR) as uow:
        body = Organization(code="052019", kind=OrganizationKind.CITY, name_ja="秋田市")
        uow.session.add(body)
        uow.session.flush()
        uow.session.add(Person(employee_no="E0001", name="佐藤 花子", home_organization_id=body.id))
    return sqlite_db.engine.url.render_as_string(hide_password=False)


def _user(db: Database, login: str) -> User:
    with db.read() as s:
        found = s.query(User).filter_by(login=login).one()
        s.expunge(found)
        return found


def test_add_then_change_everything(
    sqlite_db: Database,
    url: str,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setenv("ONEAQITA_NEW_PASSWORD", "first secret")
    args = ["users", "add", "Clerk", "--name", "事務 太郎", "--role", "coordinator"]
    assert main([*args, "--person", "E0001", "--db", url]) == 0
    assert "ユーザー「Clerk」を追加しました" in capsys.readouterr().out
    clerk = _user(sqlite_db, "clerk")
    assert clerk.role is Role.COORDINATOR and clerk.person_id is not None
    assert verify_password(clerk.password_hash, "first secret")

    assert main(["users", "set-role", "clerk", "manager", "--db", url]) == 0
    assert main(["users", "link", "clerk", "--none", "--db", url]) == 0
    assert main(["users", "deactivate", "clerk", "--db", url]) == 0
    clerk = _user(sqlite_db, "clerk")
    assert (clerk.role, clerk.person_id, clerk.active) == (Role.MANAGER, None, False)
    assert main(["users", "activate", "clerk", "--db", url]) == 0
    monkeypatch.delenv("ONEAQITA_NEW_PASSWORD")
    typed = iter(["second secret", "second secret"])
    monkeypatch.setattr("getpass.getpass", lambda _prompt="": next(typed))
    assert main(["users", "reset-password", "clerk", "--db", url]) == 0
    assert verify_password(_user(sqlite_db, "clerk").password_hash, "second secret")
    capsys.readouterr()
    assert main(["users", "list", "--db", url]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == "login\tname\trole\tperson\tactive"
    assert "clerk\t事務 太郎\tmanager\t-\tyes" in lines


def test_refusals_exit_1_in_both_languages(
    sqlite_db: Database,
    url: str,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setenv("ONEAQITA_NEW_PASSWORD", "first secret")
    assert main(["users", "add", "a b", "--name", "名前", "--role", "admin", "--db", url]) == 1
    err = capsys.readouterr().err
    assert "ログイン名には英小文字" in err and "may hold only a-z" in err
    assert main(["users", "set-role", "nobody", "admin", "--db", url]) == 1
    assert "nobody" in capsys.readouterr().err
    assert main(["users", "link", "nobody", "E9999", "--db", url]) == 1
    me = CLI_LOGIN
    assert main(["users", "deactivate", me, "--db", url]) == 1
    err = capsys.readouterr().err
    assert "自分自身を無効にはできません" in err and "cannot deactivate yourself" in err
    monkeypatch.delenv("ONEAQITA_NEW_PASSWORD")
    typed = iter(["one secret!", "another one"])
    monkeypatch.setattr("getpass.getpass", lambda _prompt="": next(typed))
    assert main(["users", "reset-password", me, "--db", url]) == 1
    assert "一致しません" in capsys.readouterr().err


def test_wrong_commands_exit_2(url: str, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exc:
        main(["users", "set-role", "clerk", "emperor", "--db", url])
    assert exc.value.code == 2
    assert main(["users", "link", "clerk", "--db", url]) == 2  # neither a person nor --none
    assert main(["users", "link", "clerk", "E0001", "--none", "--db", url]) == 2
    assert "--none" in capsys.readouterr().err
