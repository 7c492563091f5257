"""Kind ``people``: key ``employee_no``; the home organization by code or exact Japanese name;
qualifications separated by ";" (a name listed twice counts once).

``phone / 電話番号`` is accepted beyond IMPORT-FORMAT.md's list so that an export keeps the
telephone numbers kept in the app, and ``officer / 役員区分`` (役員 or 職員, officer or staff;
empty: staff) so that the report's 職員の状況 can tell officers from staff. Rows are stored a
chunk at a time (upsert_people)."""

from collections.abc import Collection, Iterator

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from oneaqita.models import Organization, Person
from oneaqita.services.changes import Entity
from oneaqita.services.people import upsert_people, upsert_person
from oneaqita.services.records import PersonData
from oneaqita.transfer.columns import Column, KindSpec, header_key, join_list, text_list
from oneaqita.values import Cell, ValueParseError, cell_text, quote

OFFICER_WORDS = {True: "役員", False: "職員"}
_OFFICER = {header_key(w): v for v, w in OFFICER_WORDS.items()} | {
    "officer": True,
    "staff": False,
}


def officer(value: Cell) -> bool | None:
    """役員 / officer → True, 職員 / staff → False, empty → None (staff)."""
    shown = cell_text(value)
    if shown is None:
        return None
    found = _OFFICER.get(header_key(shown))
    if found is None:
        raise ValueParseError(
            f"役員区分が不正です: {quote(shown, ja=True)} (使える値: 役員 (officer), 職員 (staff))",
            f"unknown officer or staff: {quote(shown)} (allowed: 役員 (officer), 職員 (staff))",
        )
    return found


def officer_word(value: bool) -> Cell:
    return OFFICER_WORDS[bool(value)]


def _records(session: Session, employee_nos: Collection[object] | None) -> Iterator[PersonData]:
    query = (
        select(Person, Organization.code)
        .join(Person.home_organization)
        .options(selectinload(Person.qualifications))
        .order_by(Person.employee_no)
        .execution_options(yield_per=1000)
    )
    if employee_nos is not None:
        query = query.where(Person.employee_no.in_(employee_nos))
    for person, home in session.execute(query):
        yield PersonData(
            employee_no=person.employee_no,
            name=person.name,
            home_organization=home,
            name_kana=person.name_kana,
            email=person.email,
            phone=person.phone,
            qualifications=tuple(q.name for q in person.qualifications),
            officer=person.officer,
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
        Column("officer", "役員区分", officer, export=officer_word),
    ),
    key=("employee_no",),
    upsert=upsert_person,
    upsert_many=upsert_people,
    records=_records,
    entity=Entity.PEOPLE,
)
