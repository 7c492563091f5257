"""Hostile import files end to end, on SQLite and PostgreSQL: each is refused with its message
and leaves the stored data as it was; rows streamed chunk by chunk are still all or nothing."""

import zipfile
from pathlib import Path

import pytest
from sqlalchemy import select

from oneaqita.models import Person
from oneaqita.services.actor import Actor
from oneaqita.services.database import Database
from oneaqita.transfer import import_file
from oneaqita.transfer.runner import CHUNK
from tests.import_files import MAIN_NS, write_csv, write_xlsx, write_xlsx_parts
from tests.logins import actor_for

ORGS = [["団体コード", "種別", "名称"], ["052019", "市", "秋田市"]]
HEADER = ["職員番号", "氏名", "所属団体", "メール"]
PEOPLE = [HEADER] + [[f"E00{i}", f"佐藤 {i}", "秋田市", f"p{i}@example.jp"] for i in (1, 2, 3)]


@pytest.fixture
def admin(db: Database, tmp_path: Path) -> Actor:
    actor = actor_for(db, "import-admin")
    for kind, rows in (("organizations", ORGS), ("people", PEOPLE)):
        report = import_file(db, actor, kind, write_csv(tmp_path / f"{kind}.csv", rows))
        assert report.ok and report.written, report.lines()
    return actor


def mails(db: Database) -> dict[str, str | None]:
    with db.read() as s:
        return {no: mail for no, mail in s.execute(select(Person.employee_no, Person.email))}


STORED = {"E001": "p1@example.jp", "E002": "p2@example.jp", "E003": "p3@example.jp"}


def test_formulas_without_saved_values_leave_the_mails_untouched(
    db: Database, admin: Actor, tmp_path: Path
) -> None:
    rows = [HEADER] + [[r[0], r[1], r[2], f'=LOWER("{r[3]}")'] for r in PEOPLE[1:]]
    path = write_xlsx(tmp_path / "formulas.xlsx", rows)
    report = import_file(db, admin, "people", path)
    assert not report.written and report.updated == 0
    assert [(e.line, e.column) for e in report.errors] == [
        (2, "メール"),
        (3, "メール"),
        (4, "メール"),
    ]
    assert "Excel" in report.errors[0].en
    assert mails(db) == STORED


def test_a_workbook_bomb_is_refused_and_nothing_changes(
    db: Database, admin: Actor, tmp_path: Path
) -> None:
    path = write_xlsx_parts(tmp_path / "bomb.xlsx", f'<worksheet xmlns="{MAIN_NS}"/>')
    with (
        zipfile.ZipFile(path, "a", zipfile.ZIP_DEFLATED) as z,
        z.open("xl/worksheets/sheet2.xml", "w", force_zip64=True) as f,
    ):
        for _ in range(40):
            f.write(b" " * 1_000_000)
    report = import_file(db, admin, "people", path)
    assert not report.written and len(report.errors) == 1
    assert report.errors[0].line is None and "too large" in report.errors[0].en
    assert mails(db) == STORED


def test_latin1_is_refused_not_stored_as_mojibake(
    db: Database, admin: Actor, tmp_path: Path
) -> None:
    path = tmp_path / "latin1.csv"
    # Every byte decodes as CP932 ("Straﾟe"): only its implausibility refuses it.
    path.write_bytes(
        "employee_no,name,home_organization\r\nE001,Straße,052019\r\n".encode("latin-1")
    )
    report = import_file(db, admin, "people", path)
    assert not report.written and [e.line for e in report.errors] == [2]
    assert "Shift_JIS (CP932)" in report.errors[0].en
    with db.read() as s:
        assert s.scalar(select(Person.name).where(Person.employee_no == "E001")) == "佐藤 1"


def test_a_long_cell_is_reported_briefly(db: Database, admin: Actor, tmp_path: Path) -> None:
    path = write_csv(tmp_path / "long.csv", [HEADER, ["E001", "名" * 100_000, "秋田市", ""]])
    report = import_file(db, admin, "people", path)
    (error,) = report.errors
    assert len(str(error)) < 300 and "100,000" in str(error)
    assert mails(db) == STORED


def test_streamed_chunks_are_still_all_or_nothing(
    db: Database, admin: Actor, tmp_path: Path
) -> None:
    # Several chunks are stored before the bad rows are even read: nothing may remain.
    n = 3 * CHUNK
    body = [[f"N{i:05d}", f"新人 {i}", "秋田市", ""] for i in range(n)]
    body.append(["N00001", "同じキー", "秋田市", ""])  # the same key as line 3, far behind
    body.append(["E001", "佐藤 1", "秋田市", "changed@example.jp"])
    body.append(["N99999", "", "秋田市", ""])  # the name is required
    report = import_file(db, admin, "people", write_csv(tmp_path / "many.csv", [HEADER, *body]))
    assert not report.written
    assert [(e.line, e.en) for e in report.errors] == [
        (n + 2, "same key as line 3"),
        (n + 4, "required value is empty"),
    ]
    assert mails(db) == STORED
    check = import_file(db, admin, "people", write_csv(tmp_path / "ok.csv", [HEADER, *body[:n]]))
    assert check.ok and check.written and check.added == n
