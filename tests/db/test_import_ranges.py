"""Numbers an import cell may hold: each checked against its model column's type at the column
reader, with the column named (an amount of 2^63 was an OverflowError traceback on SQLite and a
message about the key column on PostgreSQL)."""

from pathlib import Path

import pytest
from sqlalchemy import BigInteger, Integer, Numeric, SmallInteger
from sqlalchemy import Column as SqlColumn

from oneaqita.cli import main
from oneaqita.services.actor import Actor
from oneaqita.services.database import Database
from oneaqita.services.number_fields import column_range
from oneaqita.transfer import import_file
from oneaqita.transfer.kinds import KINDS
from oneaqita.values import parse_decimal, parse_int, parse_percent
from tests.db.test_import_contracts import CONTRACTS
from tests.db.test_import_files import ORGS
from tests.import_files import write_csv, write_xlsx
from tests.logins import add_login

BIG = 2**63  # one more than a BigInteger holds


def test_ranges_come_from_the_column_types() -> None:
    assert column_range(SqlColumn(SmallInteger)) == (-(2**15), 2**15 - 1)
    assert column_range(SqlColumn(Integer)) == (-(2**31), 2**31 - 1)
    assert column_range(SqlColumn(BigInteger)) == (-(2**63), 2**63 - 1)
    assert [str(b) for b in column_range(SqlColumn(Numeric(10, 2))) or ()] == [
        "-99999999.99",
        "99999999.99",
    ]
    assert column_range(SqlColumn(Numeric)) is None  # no precision: nothing to overflow


def test_every_number_column_of_every_kind_names_its_model_column() -> None:
    numbers = (parse_int, parse_decimal, parse_percent)
    for spec in KINDS.values():
        for col in spec.columns:
            if col.parse in numbers:
                assert column_range(col.stored) is not None, f"{spec.name}.{col.name}"


def test_an_amount_beyond_the_column_is_refused_at_its_column(
    bodies: Database, admin: Actor, tmp_path: Path
) -> None:
    rows = [CONTRACTS[0], [*CONTRACTS[1][:6], f"{BIG:,}", ""], [*CONTRACTS[2][:6], BIG - 1, ""]]
    path = write_csv(tmp_path / "c.csv", rows)
    report = import_file(bodies, admin, "contracts", path, display_name="c.csv")
    assert [str(e) for e in report.errors] == [
        "c.csv:2: 契約金額: 9,223,372,036,854,775,808は9,223,372,036,854,775,807以下にしてください"
        " / 9,223,372,036,854,775,808 must be at most 9,223,372,036,854,775,807"
    ]
    assert not report.written


@pytest.mark.parametrize(
    ("kind", "rows", "column", "expected"),
    [
        (
            "shareholdings",
            [["株主", "株式数", "出資額", "取得日"], ["050008", 10**40, 1, "2025-04-01"]],
            "株式数",
            "(25+ digits)は9,223,372,036,854,775,807以下にしてください",
        ),
        (
            "shareholdings",
            [["株主", "株式数", "出資額", "取得日"], ["050008", 1, -BIG - 1, "2025-04-01"]],
            "出資額",
            "-9,223,372,036,854,775,809は-9,223,372,036,854,775,808以上にしてください",
        ),
        (
            "assets",
            [["施設番号", "施設種別", "管理者", "管径"], ["P-1", "管路", "秋田市", 2**31]],
            "管径",
            "2,147,483,648は2,147,483,647以下にしてください",
        ),
        (
            "assets",
            [["施設番号", "施設種別", "管理者", "延長"], ["P-1", "管路", "秋田市", "1" * 5000]],
            "延長",
            "(25+ digits)は99,999,999.99以下にしてください",
        ),
    ],
)
def test_other_number_columns_are_checked_the_same_way(
    bodies: Database,
    admin: Actor,
    tmp_path: Path,
    kind: str,
    rows: list[list[object]],
    column: str,
    expected: str,
) -> None:
    path = write_xlsx(tmp_path / "f.xlsx", rows) if kind == "assets" else None
    path = path or write_csv(tmp_path / "f.csv", rows)
    report = import_file(bodies, admin, kind, path, display_name="f")
    assert [str(e).split(" / ")[0] for e in report.errors] == [f"f:2: {column}: {expected}"]


def test_the_command_reports_the_amount_and_exits_1(
    db: Database, any_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    add_login(db)  # the command's user, proved by ONEAQITA_USER and ONEAQITA_PASSWORD
    assert (
        main(["import", "organizations", str(write_csv(tmp_path / "o.csv", ORGS)), "--db", any_url])
        == 0
    )
    rows = [CONTRACTS[0], [*CONTRACTS[1][:6], str(BIG), ""]]
    path = write_csv(tmp_path / "c.csv", rows)
    assert main(["import", "contracts", str(path), "--db", any_url]) == 1
    err = capsys.readouterr().err
    assert f"{path}:2: 契約金額: 9,223,372,036,854,775,808は" in err
    assert "Traceback" not in err and "OverflowError" not in err
