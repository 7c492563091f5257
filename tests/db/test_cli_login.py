"""The command line's user: --user or $ONEAQITA_USER proved by $ONEAQITA_PASSWORD (or the
terminal); the operating-system login never decides anything; `db upgrade --admin`."""

from pathlib import Path

import pytest
from sqlalchemy import func, select

from oneaqita.cli import main
from oneaqita.models import AuditEntry, LoginFailure, Role, User
from oneaqita.services.authentication import LOCK_AFTER, authenticate
from oneaqita.services.database import Database
from tests.logins import CLI_PASSWORD, actor_for, add_login, as_cli_user


def _url(db: Database) -> str:
    return db.engine.url.render_as_string(hide_password=False)


def _export(db: Database, out: Path, *extra: str) -> int:
    return main([*extra, "export", "organizations", str(out), "--db", _url(db)])


def _audited_logins(db: Database) -> list[str]:
    with db.read() as session:
        return list(session.scalars(select(AuditEntry.actor).order_by(AuditEntry.id)))


def test_logname_naming_an_administrator_changes_nothing(
    sqlite_db: Database,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    add_login(sqlite_db, "boss", Role.ADMIN, "boss-password-1")
    add_login(sqlite_db, "clerk", Role.SECONDED)
    monkeypatch.setenv("LOGNAME", "boss")
    monkeypatch.setenv("USER", "boss")
    monkeypatch.delenv("ONEAQITA_USER")
    orgs = tmp_path / "orgs.csv"
    orgs.write_text("code,kind,name\nP001,協力会社,会社\n", encoding="utf-8")
    args = ["--user", "clerk", "import", "organizations", str(orgs), "--db", _url(sqlite_db)]
    before = _audited_logins(sqlite_db)  # the set-up's own entries
    assert main(args) == 1  # as clerk: not an administrator, whatever LOGNAME says
    assert "Only admin may do this." in capsys.readouterr().err
    assert _audited_logins(sqlite_db) == before  # nothing done, least of all as boss


def test_no_user_given_is_a_clear_exit_1(
    sqlite_db: Database,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    add_login(sqlite_db, "admin")
    monkeypatch.delenv("ONEAQITA_USER")
    monkeypatch.setenv("LOGNAME", "admin")
    assert _export(sqlite_db, tmp_path / "o.csv") == 1
    err = capsys.readouterr().err
    assert "ユーザーが指定されていません" in err and "--user LOGIN" in err
    assert not (tmp_path / "o.csv").exists()


def test_no_password_and_no_terminal_is_a_clear_exit_1(
    sqlite_db: Database,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    add_login(sqlite_db)
    monkeypatch.delenv("ONEAQITA_PASSWORD")
    monkeypatch.setattr("sys.stdin.isatty", lambda: False)
    assert _export(sqlite_db, tmp_path / "o.csv") == 1
    err = capsys.readouterr().err
    assert "パスワードがありません" in err and "ONEAQITA_PASSWORD" in err


def test_the_password_is_asked_on_a_terminal(
    sqlite_db: Database,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    add_login(sqlite_db)
    monkeypatch.delenv("ONEAQITA_PASSWORD")
    monkeypatch.setattr("sys.stdin.isatty", lambda: True)
    asked: list[str] = []
    monkeypatch.setattr("getpass.getpass", lambda prompt: asked.append(prompt) or CLI_PASSWORD)
    assert _export(sqlite_db, tmp_path / "o.csv") == 0
    assert len(asked) == 1 and "cli-user" in asked[0]


def test_a_wrong_password_exits_1_and_is_counted_then_locks(
    sqlite_db: Database,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    add_login(sqlite_db)
    as_cli_user(monkeypatch, password="wrong-password")
    assert _export(sqlite_db, tmp_path / "o.csv") == 1
    assert "The login or the password is wrong." in capsys.readouterr().err
    with sqlite_db.read() as session:
        assert session.scalar(select(LoginFailure.failures)) == 1
    for _ in range(LOCK_AFTER - 1):  # each after the slow-down's wait (set back in time)
        with sqlite_db.engine.begin() as conn:
            conn.exec_driver_sql("UPDATE login_failures SET last_failed_at = '2000-01-01 00:00:00'")
        _export(sqlite_db, tmp_path / "o.csv")
    capsys.readouterr()
    as_cli_user(monkeypatch)  # now the right password: still locked
    assert _export(sqlite_db, tmp_path / "o.csv") == 1
    assert "locked until" in capsys.readouterr().err
    assert not (tmp_path / "o.csv").exists()


def test_db_upgrade_admin_creates_the_first_administrator_once(
    sqlite_url: str,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("ONEAQITA_PASSWORD", "first-password-1")
    assert main(["db", "upgrade", "--admin", "first", "--db", sqlite_url]) == 0
    assert "administrator first created" in capsys.readouterr().out
    assert main(["db", "upgrade", "--admin", "second", "--db", sqlite_url]) == 1
    assert "already has users" in capsys.readouterr().err
    db = Database.open(sqlite_url)
    try:
        assert authenticate(db, "first", "first-password-1").role is Role.ADMIN
        with db.read() as session:
            assert session.scalar(select(func.count(User.id))) == 1
    finally:
        db.dispose()


def test_db_upgrade_admin_asks_the_password_twice(
    sqlite_url: str,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv("ONEAQITA_PASSWORD")
    monkeypatch.setattr("sys.stdin.isatty", lambda: True)
    typed = iter(["first-password-1", "first-password-2"])
    monkeypatch.setattr("getpass.getpass", lambda _prompt: next(typed))
    assert main(["db", "upgrade", "--admin", "first", "--db", sqlite_url]) == 1
    assert "The two passwords differ." in capsys.readouterr().err


def test_an_administrator_from_before_logins_gets_a_first_password_by_db_upgrade(
    sqlite_db: Database,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    actor_for(sqlite_db, "old-admin")  # no password hash, as every user before logins
    actor_for(sqlite_db, "old-clerk", Role.SECONDED)
    as_cli_user(monkeypatch, "old-admin", "new-password-1")
    assert _export(sqlite_db, tmp_path / "o.csv") == 1
    assert "no password set; ask an administrator" in capsys.readouterr().err
    upgrade = ["db", "upgrade", "--db", _url(sqlite_db), "--admin"]
    assert main([*upgrade, "old-clerk"]) == 1  # not an administrator
    assert main([*upgrade, "old-admin"]) == 0
    assert _export(sqlite_db, tmp_path / "o.csv") == 0
    assert main([*upgrade, "old-admin"]) == 1  # it has one now: only a login changes it
    assert "already has users" in capsys.readouterr().err
