"""Storing many people at once (upsert_people, the import's path): the same rules and audit as
upsert_person, in a number of statements that does not grow with the rows."""

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from sqlalchemy import event, func, select

from oneaqita.errors import PermissionDenied, ValidationError
from oneaqita.models import Person
from oneaqita.services.database import Database
from oneaqita.services.people import person_card, upsert_people, upsert_person
from oneaqita.services.records import PersonData, UpsertOutcome
from oneaqita.services.work_order_queries import work_order_detail
from oneaqita.transfer import import_file
from tests.builders import build_sample
from tests.import_files import write_csv
from tests.logins import actor_for
from tests.staffing_builders import ADMIN, COORDINATOR, SECONDED, add_bodies, audits, row_counts

U = UpsertOutcome


def test_adds_updates_and_leaves_unchanged_with_one_audit_entry_per_write(db: Database) -> None:
    add_bodies(db)
    with db.unit_of_work(ADMIN) as uow:
        upsert_person(uow, PersonData("E1", "佐藤 花子", "052019", qualifications=("測量士",)))
        upsert_person(uow, PersonData("E2", "鈴木 一郎", "052027"))
    rows = [
        PersonData(
            "E1", "佐藤 花子", "秋田市", email="sato@example.jp", qualifications=("技術士",)
        ),
        PersonData("E2", "鈴木 一郎", "052027"),
        PersonData("Ｅ3", "高橋 三郎", "P001", "タカハシ", qualifications=("技術士", " 技術士")),
    ]
    with db.unit_of_work(COORDINATOR) as uow:
        stored = upsert_people(uow, rows)
    assert [outcome for _, outcome in stored] == [U.UPDATED, U.UNCHANGED, U.ADDED]
    e1, e2, e3 = (person_card(db, pid) for pid, _ in stored)
    assert (e1.email, e1.qualifications, e1.version) == ("sato@example.jp", ["技術士"], 2)
    assert (e2.version, e3.employee_no, e3.qualifications, e3.version) == (1, "E3", ["技術士"], 1)
    written = [(a, who, before, after) for a, who, before, after in audits(db, "people")][2:]
    assert [(a, who) for a, who, _, _ in written] == [("create", "coord"), ("update", "coord")]
    (_, _, _, created), (_, _, before, after) = written
    assert (created["employee_no"], created["qualifications"]) == ("E3", ["技術士"])
    assert (before["qualifications"], after["qualifications"]) == (["測量士"], ["技術士"])
    with db.unit_of_work(COORDINATOR) as uow:
        assert [o for _, o in upsert_people(uow, rows)] == [U.UNCHANGED] * 3


def test_the_first_refused_row_raises_before_anything_is_written(db: Database) -> None:
    add_bodies(db)
    rows = [
        PersonData("E1", "佐藤 花子", "052019"),
        PersonData("E2", "鈴木 一郎", "052019", email="suzuki"),
        PersonData("E3", "高橋 三郎", "湯沢市"),
    ]
    with db.unit_of_work(ADMIN) as uow:
        with pytest.raises(ValidationError) as err:
            upsert_people(uow, rows)
        assert err.value.field == "email"
        assert uow.session.scalar(select(func.count(Person.id))) == 0
    with pytest.raises(PermissionDenied), db.unit_of_work(SECONDED) as uow:
        upsert_people(uow, rows[:1])
    assert row_counts(db)["people"] == 0


def test_renaming_many_renames_them_on_their_work_orders(db: Database) -> None:
    sample = build_sample(db)
    with db.unit_of_work(ADMIN) as uow:
        renamed = [
            PersonData("E0001", "佐藤 花江", "052019", "サトウ ハナエ"),
            PersonData("E0002", "鈴木 一郎", "052027", "スズキ イチロウ"),
        ]
        assert [o for _, o in upsert_people(uow, renamed)] == [U.UPDATED, U.UNCHANGED]
    assert work_order_detail(db, sample.work_order_ids[0]).row.assignees == "佐藤 花江"


@contextmanager
def _statements(db: Database) -> Iterator[list[str]]:
    seen: list[str] = []

    def count(conn, cursor, statement, parameters, context, executemany) -> None:  # type: ignore[no-untyped-def]
        seen.append(statement)

    event.listen(db.engine, "before_cursor_execute", count)
    try:
        yield seen
    finally:
        event.remove(db.engine, "before_cursor_execute", count)


def _people_file(path: Path, rows: int, mail: str) -> Path:
    header = ["職員番号", "氏名", "所属団体", "メール", "資格"]
    body = [
        [f"N{rows}-{i}", f"職員 {i}", "052019", f"p{i}@{mail}", "測量士;技術士"]
        for i in range(rows)
    ]
    return write_csv(path, [header, *body])


def test_an_import_issues_statements_per_chunk_not_per_row(db: Database, tmp_path: Path) -> None:
    add_bodies(db)
    admin = actor_for(db, "bulk-admin")
    used: dict[tuple[str, int], int] = {}
    for rows in (200, 1000):
        for step, mail in (("add", "example.jp"), ("same", "example.jp"), ("update", "x.jp")):
            path = _people_file(tmp_path / f"{rows}-{step}.csv", rows, mail)
            with _statements(db) as seen:
                report = import_file(db, admin, "people", path)
            assert report.ok and report.rows == rows, report.lines()
            used[step, rows] = len(seen)
    # Row by row this was about 6.5 statements a row (5,200 more for 800 more rows); set-based,
    # 800 more rows are 4 more chunks of a few statements each (updates, one a row where the
    # driver cannot batch them, aside).
    assert used["add", 1000] - used["add", 200] < 60, used
    assert used["same", 1000] - used["same", 200] < 60, used
    assert used["update", 1000] - used["update", 200] < 60 + 800, used
