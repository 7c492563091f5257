"""Reading people for the People page: the filtered, paged list and a person's card.

Filtering, sorting and paging happen in SQL. The list is sorted by the filter's column, then
by employee number (unique), so that pages never overlap; blanks (no kana, no e-mail, not
seconded) come last in either direction, as in a spreadsheet. No sort column needs an index
of its own at the company's size (thousands): at 5,000 people every order's first and last
page takes 8-27 ms on both databases, no slower than the indexed employee-number order.

"Currently seconded" means a secondment that is active on the filter's date (today by
default): started on or before it and not ended before it, an open end lasting forever. No
two secondments of a person overlap, so at most one is active on any date and joining it
never repeats a person.
"""

from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import Any, TypeVar

from sqlalchemy import Select, and_, case, func, or_, select
from sqlalchemy.orm import aliased

from oneaqita.errors import NotFound
from oneaqita.models import Organization, Person, PersonQualification, Secondment, SecondmentKind
from oneaqita.services.database import Database
from oneaqita.services.text_fields import matches_all_terms
from oneaqita.values import normalize_text, replace_unstorable


class PeopleSort(StrEnum):
    EMPLOYEE_NO = "employee_no"
    NAME = "name"
    KANA = "kana"
    HOME = "home"  # the home body, in code order (JIS X 0402 for the public bodies)
    SECONDED = "seconded"  # the end of the secondment active on the date; open ends last
    EMAIL = "email"


@dataclass(frozen=True)
class PeopleFilter:
    home_organization_id: int | None = None
    currently_seconded: bool | None = None  # None: either
    qualification: str | None = None  # exact name, as qualification_names() lists it
    text: str = ""  # name, kana (hiragana or katakana), employee no., e-mail
    as_of: date | None = None  # the date "currently" means; None: today
    sort: PeopleSort = PeopleSort.EMPLOYEE_NO
    descending: bool = False


@dataclass(frozen=True, slots=True)
class PersonRow:
    id: int
    employee_no: str
    name: str
    name_kana: str | None
    home_organization_name: str
    email: str | None
    phone: str | None
    currently_seconded: bool
    seconded_from: str | None  # the sending body of the secondment active on the date
    seconded_until: date | None  # its end; None when open-ended or not seconded
    version: int


@dataclass(frozen=True, slots=True)
class SecondmentLine:
    id: int
    from_organization_id: int
    from_organization_code: str
    from_organization_name: str
    kind: SecondmentKind
    start: date
    end: date | None
    position: str | None
    salary_borne_by_company_pct: int
    version: int
    monthly_cost_yen: int | None = None  # 月額負担基礎額; None when not stated


@dataclass(frozen=True)
class PersonCard:
    id: int
    employee_no: str
    name: str
    name_kana: str | None
    home_organization_id: int
    home_organization_code: str
    home_organization_name: str
    email: str | None
    phone: str | None
    version: int
    qualifications: list[str]
    secondments: list[SecondmentLine]  # oldest first
    officer: bool = False  # 役員, else 職員


def active_on(secondment: Any, on: date) -> Any:
    """SQL condition: the secondment is active on `on` (an open end never ends)."""
    return and_(
        secondment.start_date <= on,
        or_(secondment.end_date.is_(None), secondment.end_date >= on),
    )


AnySelect = Select[*tuple[Any, ...]]
Q = TypeVar("Q", bound=AnySelect)

_current = aliased(Secondment, name="current_secondment")
_home = aliased(Organization, name="home")
_sender = aliased(Organization, name="sender")


def _filtered(stmt: Q, flt: PeopleFilter) -> Q:
    on = flt.as_of or date.today()
    stmt = stmt.join(_home, _home.id == Person.home_organization_id).outerjoin(
        _current, and_(_current.person_id == Person.id, active_on(_current, on))
    )
    if flt.home_organization_id is not None:
        stmt = stmt.where(Person.home_organization_id == flt.home_organization_id)
    if flt.currently_seconded is True:
        stmt = stmt.where(_current.id.is_not(None))
    elif flt.currently_seconded is False:
        stmt = stmt.where(_current.id.is_(None))
    qualification = normalize_text(flt.qualification)
    if qualification is not None:
        # A character no name may hold finds nothing (and PostgreSQL refuses NUL in a query).
        name = replace_unstorable(qualification)
        stmt = stmt.where(
            Person.id.in_(
                select(PersonQualification.person_id).where(PersonQualification.name == name)
            )
        )
    match = matches_all_terms(
        flt.text, [Person.name, Person.name_kana, Person.employee_no, Person.email]
    )
    return stmt if match is None else stmt.where(match)


def _order_by(flt: PeopleFilter) -> list[Any]:
    """The filter's order: its column (blanks last either way), then the unique employee
    number in the same direction."""

    def directed(column: Any) -> Any:
        return column.desc() if flt.descending else column.asc()

    def blanks_last(column: Any) -> Any:
        return directed(column).nulls_last()

    keys: list[Any] = {
        PeopleSort.EMPLOYEE_NO: [],
        # Names sort by their reading, as Japanese lists (and Excel's ふりがな sort) do; the
        # people without a reading follow, by the name itself.
        PeopleSort.NAME: [blanks_last(Person.name_kana), directed(Person.name)],
        PeopleSort.KANA: [blanks_last(Person.name_kana)],
        PeopleSort.HOME: [directed(_home.code)],
        # Not seconded (no active secondment) last; an open end lasts longer than any date.
        PeopleSort.SECONDED: [
            case((_current.id.is_(None), 1), else_=0).asc(),
            directed(_current.end_date).nulls_first()
            if flt.descending
            else directed(_current.end_date).nulls_last(),
        ],
        PeopleSort.EMAIL: [blanks_last(Person.email)],
    }[flt.sort]
    return [*keys, directed(Person.employee_no)]


def list_people(
    db: Database, flt: PeopleFilter, offset: int = 0, limit: int = 200
) -> list[PersonRow]:
    """One page of people matching the filter, in the filter's order (by default the
    employee number)."""
    stmt = select(
        Person.id,
        Person.employee_no,
        Person.name,
        Person.name_kana,
        _home.name_ja,
        Person.email,
        Person.phone,
        _current.id.is_not(None),
        _sender.name_ja,
        _current.end_date,
        Person.version,
    )
    stmt = _filtered(stmt, flt).outerjoin(_sender, _sender.id == _current.from_organization_id)
    stmt = stmt.order_by(*_order_by(flt)).offset(offset).limit(limit)
    with db.read() as session:
        return [PersonRow(*r[:7], bool(r[7]), *r[8:]) for r in session.execute(stmt)]


def count_people(db: Database, flt: PeopleFilter) -> int:
    """How many people match the filter (for the list's row count)."""
    stmt = _filtered(select(func.count(Person.id)), flt)
    with db.read() as session:
        return int(session.scalar(stmt) or 0)


def qualification_names(db: Database) -> list[str]:
    """Every qualification anybody holds, in order: the choices of the list's filter."""
    stmt = select(PersonQualification.name).distinct().order_by(PersonQualification.name)
    with db.read() as session:
        return list(session.scalars(stmt))


def _line(s: Secondment, code: str, name: str) -> SecondmentLine:
    return SecondmentLine(
        s.id,
        s.from_organization_id,
        code,
        name,
        s.kind,
        s.start_date,
        s.end_date,
        s.position,
        s.salary_borne_by_company_pct,
        s.version,
        s.monthly_cost_yen,
    )


def person_card(db: Database, person_id: int) -> PersonCard:
    """A person's contact data, qualifications and whole secondment history."""
    with db.read() as session:
        found = session.execute(
            select(Person, _home.code, _home.name_ja)
            .join(_home, _home.id == Person.home_organization_id)
            .where(Person.id == person_id)
        ).first()
        if found is None:
            raise NotFound(
                f"職員 (id {person_id}) が見つかりません。", f"Person {person_id} not found."
            )
        person, home_code, home_name = found
        history = session.execute(
            select(Secondment, Organization.code, Organization.name_ja)
            .join(Organization, Organization.id == Secondment.from_organization_id)
            .where(Secondment.person_id == person_id)
            .order_by(Secondment.start_date)
        ).all()
        qualifications = session.scalars(
            select(PersonQualification.name)
            .where(PersonQualification.person_id == person_id)
            .order_by(PersonQualification.name)
        ).all()
        return PersonCard(
            id=person.id,
            employee_no=person.employee_no,
            name=person.name,
            name_kana=person.name_kana,
            home_organization_id=person.home_organization_id,
            home_organization_code=home_code,
            home_organization_name=home_name,
            email=person.email,
            phone=person.phone,
            version=person.version,
            qualifications=list(qualifications),
            secondments=[_line(s, code, name) for s, code, name in history],
            officer=person.officer,
        )
