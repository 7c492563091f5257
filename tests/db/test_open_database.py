"""Opening the database from the command line: a URL that names no usable database is a wrong
command (exit 2), one that cannot be opened is exit 1, each with a message in both languages
and never a traceback; a read-only database still exports.

Read-only is simulated with ``?mode=ro`` (SQLite) and ``default_transaction_read_only``
(PostgreSQL): the tests run as root, whom ``chmod 444`` does not stop from writing.
"""

import sqlite3
from pathlib import Path
from urllib.parse import quote

import pytest
from sqlalchemy import func, select
from sqlalchemy.engine import make_url

from oneaqita.cli import main
from oneaqita.db.engine import ENV_URL, make_engine
from oneaqita.errors import BadDatabaseUrl, DatabaseUnavailable
from oneaqita.models import User
from oneaqita.services.database import Database
from tests.db.test_import_files import ORGS
from tests.import_files import write_csv
from tests.logins import add_login


def _run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    status = main(argv)
    captured = capsys.readouterr()
    assert "Traceback" not in captured.err
    return status, captured.err


@pytest.mark.parametrize(
    ("url", "ja", "en"),
    [
        ("nonsense", "データベースのURLとして読めません", "not a database URL: 'nonsense'"),
        ("foo://x", "対応していないデータベースです: foo", "unsupported database 'foo'"),
        ("mysql://u@h/x", "対応していないデータベースです: mysql", "supported: sqlite, postgresql"),
        ("postgresql+nosuchdriver://u@h/x", "ドライバがありません", "no driver for"),
    ],
)
def test_a_url_that_names_no_usable_database_is_a_wrong_command(
    url: str, ja: str, en: str, capsys: pytest.CaptureFixture[str]
) -> None:
    for argv in (["db", "current", "--db", url], ["export", "people", "x.csv", "--db", url]):
        status, err = _run(argv, capsys)
        assert status == 2
        assert ja in err and en in err


def test_a_driver_that_is_not_installed_is_named(capsys: pytest.CaptureFixture[str]) -> None:
    try:
        import pg8000  # type: ignore[import-not-found]  # noqa: F401
    except ImportError:
        pass
    else:
        pytest.skip("pg8000 is installed here")
    status, err = _run(["db", "current", "--db", "postgresql+pg8000://u@h/x"], capsys)
    assert status == 2 and "no driver for 'postgresql+pg8000' is installed" in err


def test_a_bad_url_in_the_environment_is_refused_the_same_way(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv(ENV_URL, "nonsense")
    status, err = _run(["db", "upgrade"], capsys)
    assert status == 2 and "not a database URL" in err


def test_a_server_that_does_not_answer(capsys: pytest.CaptureFixture[str]) -> None:
    url = "postgresql+psycopg://someone:secret@127.0.0.1:1/oneaqita"
    status, err = _run(["db", "upgrade", "--db", url], capsys)
    assert status == 1
    assert "データベースを開けませんでした (postgresql+psycopg://someone:***@127.0.0.1:1" in err
    assert "Connection refused" in err and "secret" not in err


@pytest.mark.pg
def test_a_database_that_does_not_exist(pg_url: str, capsys: pytest.CaptureFixture[str]) -> None:
    url = make_url(pg_url).set(database="does_not_exist").render_as_string(hide_password=False)
    status, err = _run(["import", "organizations", "x.csv", "--db", url], capsys)
    assert status == 2  # x.csv does not exist: checked before the database is opened
    status, err = _run(["export", "organizations", "x.csv", "--db", url], capsys)
    assert status == 1 and 'database "does_not_exist" does not exist' in err


def test_an_sqlite_file_whose_folder_cannot_be_made(tmp_path: Path) -> None:
    (tmp_path / "file").write_text("not a folder")
    with pytest.raises(DatabaseUnavailable) as err:
        make_engine(f"sqlite:///{tmp_path.as_posix()}/file/db.sqlite3")
    assert "データベースを開けませんでした" in err.value.ja
    assert not isinstance(err.value, BadDatabaseUrl)


def _read_only(url: str) -> str:
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        return f"sqlite:///file:{quote(str(parsed.database))}?mode=ro&uri=true"
    return parsed.update_query_dict(
        {"options": "-c default_transaction_read_only=on"}
    ).render_as_string(hide_password=False)


def test_export_from_a_read_only_database(
    db: Database, any_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    add_login(db)
    orgs = write_csv(tmp_path / "orgs.csv", ORGS)
    assert main(["import", "organizations", str(orgs), "--db", any_url]) == 0
    db.dispose()  # leaves the SQLite file checkpointed, as a closed app does
    read_only = _read_only(any_url)
    out = tmp_path / "out.csv"
    status, _ = _run(["export", "organizations", str(out), "--db", read_only], capsys)
    assert status == 0 and len(out.read_text(encoding="utf-8-sig").splitlines()) == len(ORGS)
    status, _ = _run(["import", "organizations", str(orgs), "--db", read_only], capsys)
    assert status == 0  # nothing to change: nothing to write
    more = write_csv(tmp_path / "more.csv", [*ORGS, ["P002", "協力会社", "別の会社", "", ""]])
    status, err = _run(["import", "organizations", str(more), "--db", read_only], capsys)
    assert status == 1
    assert "データベースは読み取り専用のため、書き込めません" in err and "read-only" in err


def test_a_database_without_users_makes_nobody_its_administrator(
    db: Database, any_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # Once, the first login to open a database became its administrator.
    out = tmp_path / "out.csv"
    status, err = _run(["export", "organizations", str(out), "--db", any_url], capsys)
    assert status == 1 and "oneaqita: " in err and "Traceback" not in err
    assert not out.exists()
    with db.read() as session:
        assert session.scalar(select(func.count(User.id))) == 0


def test_a_read_only_sqlite_file_that_is_not_in_wal_mode_still_opens(
    sqlite_db: Database, sqlite_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    add_login(sqlite_db)
    sqlite_db.dispose()
    raw = sqlite3.connect(str(make_url(sqlite_url).database))
    raw.execute("PRAGMA journal_mode = DELETE")  # e.g. a copy made by another tool
    raw.close()
    out = tmp_path / "out.xlsx"
    status, _ = _run(["export", "people", str(out), "--db", _read_only(sqlite_url)], capsys)
    assert status == 0 and out.exists()
