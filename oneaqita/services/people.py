"""People: the company's own staff and everyone seconded to it, with their qualifications.

Rules enforced here:

- A person's key is the employee number. Name and home organization are required; the home
  organization is given by code or exact Japanese name and must exist.
- An e-mail address, when given, looks like one: one "@", something before it, a domain with
  a dot after it, no spaces and no list separators ("," ";"), at most 200 characters.
- Storing a person replaces the qualifications with the given set (names trimmed, each once).
- Administrators, managers and coordinators change people (a secondment, which they may
  record, needs its person first).
- Names are part of each assigned work order's search document and list column, so a change
  of name or kana re-indexes those work orders in the same unit of work.

Reading (the list, its filter and the person's card) is in oneaqita.services.people_queries
and re-exported here.
"""

import re
from typing import Any

from sqlalchemy import select

from oneaqita.errors import ConcurrentEdit, NotFound, ValidationError
from oneaqita.models import Person, PersonQualification, Role, work_order_assignees
from oneaqita.models.base import utcnow
from oneaqita.search import reindex_work_orders
from oneaqita.services.database import Actor, Change, Database, UnitOfWork
from oneaqita.services.organizations import find_organization
from oneaqita.services.people_queries import (
    PeopleFilter,
    PeopleSort,
    PersonCard,
    PersonRow,
    SecondmentLine,
    count_people,
    list_people,
    person_card,
    qualification_names,
)
from oneaqita.services.records import PersonData, UpsertOutcome
from oneaqita.services.text_fields import optional_text, required_text

__all__ = [
    "PeopleFilter",
    "PeopleSort",
    "PersonCard",
    "PersonRow",
    "SecondmentLine",
    "count_people",
    "list_people",
    "person_card",
    "qualification_names",
    "save_person",
    "upsert_person",
]

WRITE_ROLES = (Role.ADMIN, Role.MANAGER, Role.COORDINATOR)
ENTITY = "people"
_EMAIL = re.compile(r"[^@\s,;<>]+@[^@\s,;<>.]+(?:\.[^@\s,;<>.]+)+")


def _email(value: str | None) -> str | None:
    email = optional_text(value, "email", "メールアドレス", "E-mail address", 200)
    if email is not None and not _EMAIL.fullmatch(email):
        raise ValidationError(
            f"メールアドレスの形式が正しくありません: {email}(例: sato.hanako@example.jp)",
            f"Not an e-mail address: {email} (e.g. sato.hanako@example.jp)",
            "email",
        )
    return email


def _qualifications(names: tuple[str, ...]) -> set[str]:
    found: set[str] = set()
    for name in names:
        clean = optional_text(name, "qualifications", "資格", "Qualification", 100)
        if clean is not None:
            found.add(clean)
    return found


def snapshot(person: Person) -> dict[str, Any]:
    return {
        "employee_no": person.employee_no,
        "name": person.name,
        "name_kana": person.name_kana,
        "home_organization_id": person.home_organization_id,
        "email": person.email,
        "phone": person.phone,
        "qualifications": sorted(q.name for q in person.qualifications),
        "version": person.version,
    }


def _store(
    uow: UnitOfWork, person: Person | None, data: PersonData, clear_missing_phone: bool
) -> tuple[int, UpsertOutcome]:
    uow.actor.require(*WRITE_ROLES)
    session = uow.session
    employee_no = required_text(data.employee_no, "employee_no", "職員番号", "Employee no.", 20)
    values: dict[str, Any] = {
        "employee_no": employee_no,
        "name": required_text(data.name, "name", "氏名", "Name", 100),
        "name_kana": optional_text(data.name_kana, "name_kana", "カナ", "Kana name", 200),
        "home_organization_id": find_organization(
            session, data.home_organization, "home_organization"
        ).id,
        "email": _email(data.email),
    }
    phone = optional_text(data.phone, "phone", "電話番号", "Phone", 40)
    if phone is not None or clear_missing_phone or person is None:
        values["phone"] = phone
    qualifications = _qualifications(data.qualifications)
    other = session.scalar(select(Person).where(Person.employee_no == employee_no))
    if other is not None and other is not person:
        raise ValidationError(
            f"職員番号 {employee_no} は既に {other.name} さんの番号です。",
            f"Employee no. {employee_no} already belongs to {other.name}.",
            "employee_no",
        )
    if person is None:
        person = Person(**values)
        person.qualifications = [PersonQualification(name=q) for q in sorted(qualifications)]
        session.add(person)
        session.flush()
        uow.audit("create", ENTITY, person.id, None, snapshot(person))
        return person.id, UpsertOutcome.ADDED
    held = {q.name for q in person.qualifications}
    if held == qualifications and all(getattr(person, k) == v for k, v in values.items()):
        return person.id, UpsertOutcome.UNCHANGED
    before = snapshot(person)
    renamed = (person.name, person.name_kana) != (values["name"], values["name_kana"])
    for k, v in values.items():
        setattr(person, k, v)
    # Only the difference is written: re-adding a held name would collide with its own
    # primary key before the old row is deleted.
    for q in [q for q in person.qualifications if q.name not in qualifications]:
        person.qualifications.remove(q)
    person.qualifications.extend(PersonQualification(name=q) for q in sorted(qualifications - held))
    # Touching the row makes a change of qualifications alone still bump the version, so a
    # concurrent edit of them is caught too.
    person.updated_at = utcnow()
    session.flush()
    if renamed:
        assigned = select(work_order_assignees.c.work_order_id).where(
            work_order_assignees.c.person_id == person.id
        )
        reindex_work_orders(session, list(session.scalars(assigned)))
    uow.audit("update", ENTITY, person.id, before, snapshot(person))
    return person.id, UpsertOutcome.UPDATED


def upsert_person(
    uow: UnitOfWork, data: PersonData, *, clear_missing_phone: bool = False
) -> tuple[int, UpsertOutcome]:
    """Store a person under the employee number: add, update or leave unchanged (see the
    module's rules); the qualifications become exactly the given set. A phone of None keeps
    the stored phone (import files need not carry the column) unless `clear_missing_phone`.
    Every write audited."""
    employee_no = required_text(data.employee_no, "employee_no", "職員番号", "Employee no.", 20)
    person = uow.session.scalar(select(Person).where(Person.employee_no == employee_no))
    return _store(uow, person, data, clear_missing_phone)


def save_person(
    db: Database,
    actor: Actor,
    data: PersonData,
    expected_version: int | None,
    person_id: int | None = None,
) -> Change:
    """The edit dialog's save, in its own unit of work: every field as given (an empty phone
    clears it). `expected_version` None adds a new person (refused if the employee number is
    taken); otherwise it is the version the user edited, and a record changed since raises
    ConcurrentEdit. Found by `person_id` when given (so the number can change), else by it."""
    actor.require(*WRITE_ROLES)
    with db.unit_of_work(actor) as uow:
        if expected_version is None:
            _store(uow, None, data, clear_missing_phone=True)
            return uow.change
        if person_id is not None:
            person = uow.session.get(Person, person_id)
        else:
            key = required_text(data.employee_no, "employee_no", "職員番号", "Employee no.", 20)
            person = uow.session.scalar(select(Person).where(Person.employee_no == key))
        if person is None:
            ref = person_id if person_id is not None else data.employee_no
            raise NotFound(f"職員 {ref} が見つかりません。", f"Person {ref} not found.")
        if person.version != expected_version:
            raise ConcurrentEdit()
        _store(uow, person, data, clear_missing_phone=True)
        return uow.change
