"""Kind ``people``: key ``employee_no``; the home organization by code or exact Japanese name;
qualifications separated by ";" (a name listed twice counts once).

``phone / 電話番号`` is accepted beyond IMPORT-FORMAT.md's list so that an export keeps the
telephone numbers kept in the app; a file without that column leaves stored numbers alone,
one with it clears a number whose cell is empty."""

from collections.abc import Iterator

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from oneaqita.importing.columns import Column, KindSpec, join_list, text_list
from oneaqita.models import Organization, Person
from oneaqita.services.database import UnitOfWork
from oneaqita.services.people import upsert_person
from oneaqita.services.records import PersonData, UpsertOutcome


def _upsert(
    uow: UnitOfWork, data: PersonData, columns: frozenset[str]
) -> tuple[int, UpsertOutcome]:
    # A file without the phone column keeps the stored numbers; with it, an empty cell clears.
    return upsert_person(uow, data, clear_missing_phone="phone" in columns)


def _records(session: Session) -> Iterator[PersonData]:
    query = (
        select(Person, Organization.code)
        .join(Person.home_organization)
        .options(selectinload(Person.qualifications))
        .order_by(Person.employee_no)
        .execution_options(yield_per=1000)
    )
    for person, home in session.execute(query):
        yield PersonData(
            employee_no=person.employee_no,
            name=person.name,
            home_organization=home,
            name_kana=person.name_kana,
            email=person.email,
            phone=person.phone,
            qualifications=tuple(q.name for q in person.qualifications),
        )


SPEC = KindSpec(
    name="people",
    name_ja="職員",
    record_type=PersonData,
    columns=(
        Column("employee_no", "職員番号", required=True, max_length=20),
        Column("name", "氏名", required=True, max_length=100),
        Column("name_kana", "カナ", max_length=200),
        Column("home_organization", "所属団体", required=True, aliases=("home_organization_id",)),
        Column("email", "メール", max_length=200),
        Column("phone", "電話番号", max_length=40),
        Column("qualifications", "資格", text_list, max_length=100, export=join_list),
    ),
    key=("employee_no",),
    upsert=_upsert,
    records=_records,
    entity="people",
)
