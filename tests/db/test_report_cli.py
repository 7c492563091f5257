"""`oneaqita report settlement` and `oneaqita report hours`: formats by suffix, exit codes,
bilingual messages."""

import csv
from pathlib import Path

import pytest

from oneaqita.cli import main
from oneaqita.models import Role
from oneaqita.services.database import Database
from tests.pdf_tools import pdf_text
from tests.settlement_builders import build_settlement_case


def _run(args: list[str], url: str) -> int:
    return main(["report", *args, "--db", url])


@pytest.fixture
def manager_db(db: Database) -> Database:
    build_settlement_case(db)  # this login is a manager
    return db


def test_settlement_pdf_and_csv(
    manager_db: Database, any_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    pdf = tmp_path / "settle.pdf"
    assert _run(["settlement", "--month", "2025-06", "-o", str(pdf)], any_url) == 0
    assert "3団体" in capsys.readouterr().out
    assert "256,150" in pdf_text(pdf, tmp_path)
    out = tmp_path / "settle.CSV"
    assert (
        _run(["settlement", "--month", "2025-06", "--body", "P001", "-o", str(out)], any_url) == 0
    )
    with out.open(encoding="utf-8-sig", newline="") as f:
        rows = list(csv.DictReader(f))
    assert [(r["職員番号"], r["当社負担額"]) for r in rows] == [
        ("E0002", "225000"),
        ("合計", "225000"),
    ]


def test_hours_pdf_and_csv(manager_db: Database, any_url: str, tmp_path: Path) -> None:
    pdf = tmp_path / "hours.pdf"
    assert _run(["hours", "--month", "2025-06", "--person", "E0001", "-o", str(pdf)], any_url) == 0
    assert "佐藤 花子" in pdf_text(pdf, tmp_path)
    out = tmp_path / "hours.csv"
    assert _run(["hours", "--month", "2025-06", "-o", str(out)], any_url) == 0
    assert out.read_text(encoding="utf-8-sig").count("合計") == 1 + 2  # header, two people
    one = tmp_path / "hours-p001.csv"
    assert _run(["hours", "--month", "2025-06", "--body", "P001", "-o", str(one)], any_url) == 0
    text = one.read_text(encoding="utf-8-sig")
    assert text.count("合計") == 1 + 1 and "E0002" in text and "E0001" not in text


@pytest.mark.parametrize(
    ("args", "ja", "en"),
    [
        (["settlement", "--month", "2025-13"], "YYYY-MM", "YYYY-MM"),
        (["settlement", "--month", "June"], "YYYY-MM", "YYYY-MM"),
        (["settlement", "--month", "2025-06", "--body", "X999"], "X999", "No organization"),
        (["hours", "--month", "2025-06", "--person", "E9999"], "E9999", "No person"),
        (["hours", "--month", "2025-06", "--body", "X999"], "X999", "No organization"),
        (["hours", "--month", "2025-06", "--person", "=cmd|'/c calc'!A1"], "職員", "No person"),
        (["hours", "--month", "2025-06", "--person", "E\x1b[2J"], "職員番号", "Employee no."),
        (["settlement", "--month", "2025-06", "--body", "P\x00"], "団体コード", "code"),
        (["settlement", "--month", "2025-06", "--body", " "], "団体コード", "No organization"),
    ],
)
def test_bad_values_exit_1_bilingual(
    manager_db: Database,
    any_url: str,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    args: list[str],
    ja: str,
    en: str,
) -> None:
    out = tmp_path / "r.pdf"
    assert _run([*args, "-o", str(out)], any_url) == 1
    err = capsys.readouterr().err
    assert ja in err and en in err
    assert not out.exists()


def test_wrong_suffix_and_unwritable_file_exit_1(
    manager_db: Database, any_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert _run(["hours", "--month", "2025-06", "-o", str(tmp_path / "r.xlsx")], any_url) == 1
    assert ".pdf か .csv" in capsys.readouterr().err
    for name in ("r.pdf", "r.csv"):
        target = tmp_path / "missing" / name
        assert _run(["settlement", "--month", "2025-06", "-o", str(target)], any_url) == 1
        err = capsys.readouterr().err
        assert "書き込めません" in err and "cannot write" in err


def test_wrong_usage_exits_2(manager_db: Database, any_url: str, tmp_path: Path) -> None:
    with pytest.raises(SystemExit) as no_month:
        _run(["settlement", "-o", str(tmp_path / "r.pdf")], any_url)
    assert no_month.value.code == 2
    with pytest.raises(SystemExit) as no_output:
        _run(["hours", "--month", "2025-06"], any_url)
    assert no_output.value.code == 2


def test_a_coordinator_may_print_hours_but_not_the_settlement(
    db: Database, any_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    build_settlement_case(db, desktop_role=Role.COORDINATOR)
    assert _run(["hours", "--month", "2025-06", "-o", str(tmp_path / "h.csv")], any_url) == 0
    assert _run(["settlement", "--month", "2025-06", "-o", str(tmp_path / "s.pdf")], any_url) == 1
    err = capsys.readouterr().err
    assert "管理者" in err and "manager" in err
    assert not (tmp_path / "s.pdf").exists()
