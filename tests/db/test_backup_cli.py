"""`oneaqita backup FILE` and `oneaqita restore FILE`: exit codes, messages in both languages,
nothing replaced when refused."""

import sqlite3
from pathlib import Path

import pytest

from oneaqita.cli import main
from oneaqita.models import Role
from oneaqita.services.database import Database
from tests.logins import actor_for, add_login, as_cli_user
from tests.settlement_builders import add_user


def _url(db: Database) -> str:
    return db.engine.url.render_as_string(hide_password=False)


def _count(path: Path, table: str) -> int:
    conn = sqlite3.connect(path)
    try:
        return int(conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0])
    finally:
        conn.close()


def test_backup_then_restore(
    sqlite_db: Database, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    add_login(sqlite_db)
    url, file = _url(sqlite_db), tmp_path / "copy.sqlite3"
    assert main(["backup", str(file), "--db", url]) == 0
    out = capsys.readouterr().out
    assert f"{file}: バックアップしました" in out and "backup written" in out
    users_at_backup = _count(file, "users")
    add_user(sqlite_db, "later", Role.COORDINATOR)  # after the backup: the restore drops it
    sqlite_db.dispose()
    assert main(["restore", str(file), "--db", url]) == 0
    out = capsys.readouterr().out
    assert f"から復元しました / restored from {file}" in out
    assert "before-restore-" in out  # where the previous database is kept
    live = Path(sqlite_db.engine.url.database or "")
    assert _count(live, "users") == users_at_backup
    kept = [p for p in tmp_path.iterdir() if ".before-restore-" in p.name]
    assert len(kept) == 1 and _count(kept[0], "users") == users_at_backup + 1


def test_a_refused_restore_exits_1_and_replaces_nothing(
    sqlite_db: Database, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    url, bad = _url(sqlite_db), tmp_path / "bad.sqlite3"
    bad.write_bytes(b"PK\x03\x04 not a database")
    add_login(sqlite_db)
    before = sorted(p.name for p in tmp_path.iterdir())
    assert main(["restore", str(bad), "--db", url]) == 1
    err = capsys.readouterr().err
    assert "SQLite のデータベースファイルではありません" in err and "Not an SQLite database" in err
    assert sorted(p.name for p in tmp_path.iterdir()) == before


def test_bad_targets_and_commands(
    sqlite_db: Database, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    add_login(sqlite_db)
    url = _url(sqlite_db)
    assert main(["backup", str(tmp_path), "--db", url]) == 1
    assert "フォルダです" in capsys.readouterr().err
    assert main(["backup", sqlite_db.engine.url.database or "", "--db", url]) == 1
    assert "使用中のデータベース" in capsys.readouterr().err
    with pytest.raises(SystemExit) as exc:
        main(["backup", "--db", url])  # no FILE
    assert exc.value.code == 2


def test_only_the_roles_that_may(
    sqlite_db: Database,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    actor_for(sqlite_db, "first-admin")
    add_login(sqlite_db, "clerk", Role.SECONDED)
    add_login(sqlite_db, "boss", Role.MANAGER)
    url, file = _url(sqlite_db), tmp_path / "b.sqlite3"
    as_cli_user(monkeypatch, "clerk")
    assert main(["backup", str(file), "--db", url]) == 1
    assert "だけが行えます" in capsys.readouterr().err and not file.exists()
    as_cli_user(monkeypatch, "boss")
    assert main(["backup", str(file), "--db", url]) == 0
    assert main(["restore", str(file), "--db", url]) == 1
    assert "管理者だけが行えます" in capsys.readouterr().err


@pytest.mark.pg
def test_postgresql_is_refused_with_the_pg_dump_commands(
    pg_db: Database, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    add_login(pg_db)
    assert main(["backup", str(tmp_path / "b.dump"), "--db", _url(pg_db)]) == 1
    err = capsys.readouterr().err
    assert "pg_dump -Fc -h HOST -U USER -d oneaqita -f oneaqita.dump" in err
    assert main(["restore", str(tmp_path / "b.dump"), "--db", _url(pg_db)]) == 1
    assert "pg_restore --clean --if-exists" in capsys.readouterr().err
