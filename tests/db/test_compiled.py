"""db/compiled.py: a Core statement compiled once per dialect and run on the driver gives what
Connection.execute gives (types converted both ways), inside the connection's transaction,
and raises what SQLAlchemy raises."""

from dataclasses import replace
from datetime import UTC, date, datetime
from typing import cast

import pytest
from sqlalchemy import Table, bindparam, case, func, insert, literal_column, select, update
from sqlalchemy.exc import IntegrityError

from oneaqita.db.compiled import Compiled
from oneaqita.models import AuditEntry, OverheadCategory, Person, TimeEntry, TimeEntryStatus
from oneaqita.services.database import Database
from oneaqita.services.time_entries import Cell, upsert_entry
from tests.builders import build_sample
from tests.timesheet_builders import MONDAY, build_company

_T = cast(Table, TimeEntry.__table__)
_ENTRIES = Compiled(
    select(TimeEntry.id, TimeEntry.work_date, TimeEntry.category, TimeEntry.status)
    .where(
        TimeEntry.person_id == bindparam("person_id"),
        TimeEntry.status == TimeEntryStatus.DRAFT,  # a value of the statement itself
    )
    .order_by(TimeEntry.id)
)
_ADD = Compiled(
    insert(_T)
    .values(
        person_id=bindparam("p"),
        work_date=bindparam("d"),
        minutes=bindparam("m"),
        category=bindparam("c"),
        status=TimeEntryStatus.DRAFT,
        version=1,
        created_at=bindparam("at"),
        updated_at=bindparam("at2"),
    )
    .returning(_T.c.id)
)
_MORE = Compiled(
    update(_T)
    .where(_T.c.id == bindparam("entry_id"))
    .values(minutes=_T.c.minutes + 1, updated_at=bindparam("at"))
)
_AUDITED = Compiled(
    insert(cast(Table, AuditEntry.__table__))
    .inline()
    .values(
        at=bindparam("at"),
        actor="test",
        action="create",
        entity="time_entries",
        entity_id=None,
        before=bindparam("b"),
        after=bindparam("a"),
    )
)
NOW = datetime(2026, 3, 2, 9, 30, tzinfo=UTC)


def _person(db: Database) -> int:
    build_sample(db)
    with db.read() as s:
        return int(s.scalars(select(func.min(Person.id))).one())


def test_rows_are_what_the_connection_reads_converted_both_ways(db: Database) -> None:
    person = _person(db)
    with db.engine.begin() as conn:
        new_id = _ADD.scalar(
            conn,
            {"p": person, "d": date(2026, 3, 2), "m": 90, "c": OverheadCategory.TRAVEL}
            | {"at": NOW, "at2": NOW},
        )
        assert conn.in_transaction()
    with db.read_connection() as conn:
        rows = _ENTRIES.rows(conn, {"person_id": person})
        expected = conn.execute(_ENTRIES.statement, {"person_id": person}).all()
    assert [tuple(r) for r in rows] == [tuple(r) for r in expected]
    mine = next(r for r in rows if r.id == new_id)
    assert mine.work_date == date(2026, 3, 2) and isinstance(mine.work_date, date)
    assert mine.category is OverheadCategory.TRAVEL and mine.status is TimeEntryStatus.DRAFT
    assert _ENTRIES.read(db.engine, {"person_id": person}) == rows  # alone, on the pool


def test_it_writes_in_the_connections_transaction_and_counts_rows(db: Database) -> None:
    person = _person(db)
    values = {"p": person, "d": date(2026, 3, 3), "m": 60, "c": OverheadCategory.OFFICE}
    with db.engine.connect() as conn:
        new_id = _ADD.scalar(conn, values | {"at": NOW, "at2": NOW})
        assert _MORE.run(conn, {"entry_id": new_id, "at": NOW}) == 1
        assert _MORE.run(conn, {"entry_id": -1, "at": NOW}) == 0
        conn.rollback()  # nothing of it stays
    with db.read() as s:
        assert s.get(TimeEntry, new_id) is None
    with db.engine.begin() as conn:
        new_id = _ADD.scalar(conn, values | {"at": NOW, "at2": NOW})
        _MORE.run(conn, {"entry_id": new_id, "at": NOW})
        _AUDITED.run(conn, {"at": NOW, "b": None, "a": {"minutes": 61, "note": "出張 ✓"}})
    with db.read() as s:
        assert s.get(TimeEntry, new_id).minutes == 61  # type: ignore[union-attr]
        entry = s.scalars(select(AuditEntry).where(AuditEntry.actor == "test")).one()
        assert entry.after == {"minutes": 61, "note": "出張 ✓"} and entry.before is None
        assert entry.at == NOW or entry.at.replace(tzinfo=UTC) == NOW


def test_an_enum_column_reads_its_members_null_and_refuses_what_it_does_not_know(
    db: Database,
) -> None:
    """An enum is converted by a lookup of what SQLAlchemy gives for each stored value: a
    member, None for NULL, and a LookupError (as SQLAlchemy raises) for a value it does not
    know; an empty result converts nothing."""
    person = _person(db)
    values = {"p": person, "d": date(2026, 3, 2), "m": 60, "c": OverheadCategory.OFFICE}
    with db.engine.begin() as conn:
        first = _ADD.scalar(conn, values | {"at": NOW, "at2": NOW})
    # the category where an entry is long, NULL where not: an enum column of the statement
    long_ones = Compiled(
        select(TimeEntry.id, case((TimeEntry.minutes > 30, TimeEntry.category)).label("c"))
        .where(TimeEntry.person_id == bindparam("person_id"), TimeEntry.minutes <= bindparam("m"))
        .order_by(TimeEntry.id)
    )
    with db.read_connection() as conn:
        rows = {r.id: r.c for r in long_ones.rows(conn, {"person_id": person, "m": 60})}
        assert rows[first] is OverheadCategory.OFFICE
        assert rows == {
            r.id: r.c for r in conn.execute(long_ones.statement, {"person_id": person, "m": 60})
        }
        assert long_ones.rows(conn, {"person_id": -1, "m": 60}) == []
    with db.engine.begin() as conn:
        conn.execute(update(_T).where(_T.c.id == first).values(minutes=20))
    with db.read_connection() as conn:
        assert {r.id: r.c for r in long_ones.rows(conn, {"person_id": person, "m": 60})}[
            first
        ] is None
    # a value the enum does not know (the tables' checks refuse to store one): read as such
    unknown = Compiled(
        select(
            TimeEntry.id,
            case((TimeEntry.minutes > 30, TimeEntry.category), else_=literal_column("'no-such'")),
        ).where(TimeEntry.person_id == bindparam("person_id"))
    )
    with db.read_connection() as conn, pytest.raises(LookupError):
        unknown.rows(conn, {"person_id": person})


def test_a_driver_error_is_raised_as_sqlalchemy_raises_it(db: Database) -> None:
    values = {"p": 999_999, "d": date(2026, 3, 2), "m": 60, "c": OverheadCategory.OFFICE}
    with db.engine.connect() as conn, pytest.raises(IntegrityError):
        _ADD.run(conn, values | {"at": NOW, "at2": NOW})  # no such person: foreign key


def test_a_statement_whose_form_depends_on_the_call_is_refused(db: Database) -> None:
    with pytest.raises(ValueError, match="expanding"):
        Compiled(select(TimeEntry.id).where(TimeEntry.id.in_([1, 2]))).form(db.engine.dialect)
    with pytest.raises(ValueError, match="default"):
        Compiled(insert(_T).values(person_id=1)).form(db.engine.dialect)  # created_at etc.


def test_typing_a_cell_makes_no_orm_session_and_is_audited(db: Database) -> None:
    co = build_company(db)
    cell = Cell(co.sato_id, MONDAY, None, OverheadCategory.TRAVEL, 90)
    with db.unit_of_work(co.sato) as uow:
        upsert_entry(uow, cell)
        assert uow.session_made is None  # Core statements on the connection only
    with db.unit_of_work(co.sato) as uow:
        upsert_entry(uow, replace(cell, minutes=120))
    with db.read() as s:
        stored = s.execute(
            select(TimeEntry.id, TimeEntry.minutes, TimeEntry.version, TimeEntry.category).where(
                TimeEntry.person_id == co.sato_id
            )
        ).one()
        audited = s.execute(
            select(AuditEntry.action, AuditEntry.user_id, AuditEntry.before, AuditEntry.after)
            .where(AuditEntry.entity == "time_entries", AuditEntry.entity_id == stored.id)
            .order_by(AuditEntry.id)
        ).all()
    assert (stored.minutes, stored.version, stored.category) == (120, 2, OverheadCategory.TRAVEL)
    assert [a.action for a in audited] == ["create", "update"]
    assert audited[0].before is None and audited[0].user_id == co.sato.user_id
    assert (audited[1].before["minutes"], audited[1].after["minutes"]) == (90, 120)
