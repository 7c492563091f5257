"""`oneaqita import` and `export` against a database: exit status 0 imported, 1 rejected."""

from pathlib import Path

import pytest
from sqlalchemy import update

from oneaqita.cli import main
from oneaqita.models import Role, User
from oneaqita.services.actor import SYSTEM_ACTOR
from oneaqita.services.database import Database
from tests.db.test_import_files import ORGS, counts
from tests.import_files import write_csv, write_xlsx
from tests.logins import CLI_LOGIN, add_login


def test_import_check_export_and_reimport(
    db: Database, any_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    add_login(db)
    path = write_csv(tmp_path / "orgs.csv", ORGS, "cp932")
    assert main(["import", "organizations", str(path), "--check", "--db", any_url]) == 0
    assert "importing would give 5 added, 0 updated, 0 unchanged" in capsys.readouterr().out
    assert counts(db)[0] == 0
    assert main(["import", "organizations", str(path), "--db", any_url]) == 0
    assert "imported: 5 added, 0 updated, 0 unchanged" in capsys.readouterr().out
    out = tmp_path / "export.xlsx"
    assert main(["export", "organizations", str(out), "--db", any_url]) == 0
    assert "5 organizations rows written" in capsys.readouterr().out
    assert main(["import", "organizations", str(out), "--db", any_url]) == 0
    assert "imported: 0 added, 0 updated, 5 unchanged" in capsys.readouterr().out


def test_rejected_file_exits_1_and_prints_every_error(
    db: Database, any_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write_xlsx(
        tmp_path / "o.xlsx",
        [["code", "kind", "name"], ["050008", "県", "秋田県"], ["052019", "区", "秋田市"],
         ["", "市", "能代市"], ["052018", "市", "男鹿市"]],
    )  # fmt: skip
    add_login(db)
    before = counts(db)
    assert main(["import", "organizations", str(path), "--db", any_url]) == 1
    captured = capsys.readouterr()
    lines = captured.err.splitlines()
    assert [line.split(": ")[:2] for line in lines[:3]] == [
        [f"{path}:3", "kind"],
        [f"{path}:4", "code"],
        [f"{path}:5", "code"],
    ]
    assert "rejected, nothing written (3 errors in 4 rows)" in lines[3]
    assert captured.out == ""
    assert counts(db)[:4] == before[:4]


def test_undecodable_file_exits_1(
    db: Database, any_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    add_login(db)
    path = tmp_path / "o.csv"
    path.write_bytes(b"code,kind,name\r\n\x85\x40,x,y\r\n")
    assert main(["import", "organizations", str(path), "--db", any_url]) == 1
    assert f"{path}:2: 文字コードを判別できません" in capsys.readouterr().err


def test_a_user_who_is_not_an_administrator_is_refused(
    db: Database, any_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    add_login(db, CLI_LOGIN, Role.MANAGER)
    path = write_csv(tmp_path / "orgs.csv", ORGS)
    assert main(["import", "organizations", str(path), "--check", "--db", any_url]) == 1
    assert "Only admin may do this." in capsys.readouterr().err


def test_export_refuses_a_deactivated_user_and_writes_no_file(
    db: Database, any_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    add_login(db, CLI_LOGIN, Role.SECONDED)
    out = tmp_path / "orgs.csv"
    assert main(["export", "organizations", str(out), "--db", any_url]) == 0  # any role reads
    assert out.exists()
    with db.unit_of_work(SYSTEM_ACTOR) as uow:
        uow.session.execute(update(User).where(User.login == CLI_LOGIN).values(active=False))
    out.unlink()
    assert main(["export", "organizations", str(out), "--db", any_url]) == 1
    assert "deactivated" in capsys.readouterr().err
    assert not out.exists()
