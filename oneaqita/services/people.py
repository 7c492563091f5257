"""People: the company's own staff and everyone seconded to it, with their qualifications.

Rules enforced here:

- A person's key is the employee number. Name and home organization are required; the home
  organization is given by code or exact Japanese name and must exist.
- An e-mail address, when given, looks like one: one "@", something before it, a domain with
  a dot after it, no spaces and no list separators ("," ";"), at most 200 characters.
- A person is an officer (役員: 代表取締役, 取締役, 監査役 …) or staff (職員), whichever body
  sent them; only True or False is taken [officer].
- Storing a person replaces the qualifications with the given set (names trimmed, each once).
- Administrators, managers and coordinators change people (a secondment, which they may
  record, needs its person first).
- Names are part of each assigned work order's search document and list column, so a change
  of name or kana re-indexes those work orders in the same unit of work.
- Storing by employee number sets every field as given (None clears it). An import stores
  its rows a chunk at a time through upsert_people: the same checks, set-based statements.

Reading (the list, its filter and the person's card) is in oneaqita.services.people_queries
and re-exported here.
"""

import re
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from sqlalchemy import insert, select
from sqlalchemy.orm import Session, selectinload

from oneaqita.errors import ValidationError
from oneaqita.models import (
    Organization,
    Person,
    PersonQualification,
    work_order_assignees,
)
from oneaqita.permissions import Action, requires
from oneaqita.services.actor import Actor
from oneaqita.services.changes import Change, Entity
from oneaqita.services.database import Database
from oneaqita.services.organizations import organizations_by_ref, resolve_organization
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
from oneaqita.services.unit_of_work import UnitOfWork
from oneaqita.services.upserts import row_to_edit, store_values

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
    "upsert_people",
    "upsert_person",
]

ENTITY = Entity.PEOPLE
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


_SNAPSHOT_FIELDS = (
    "employee_no",
    "name",
    "name_kana",
    "home_organization_id",
    "email",
    "phone",
    "officer",
)


def _officer(value: object) -> bool:
    if not isinstance(value, bool):
        raise ValidationError(
            "役員か職員かを選んでください。", "Say whether the person is an officer.", "officer"
        )
    return value


def snapshot(person: Person) -> dict[str, Any]:
    values = {k: getattr(person, k) for k in _SNAPSHOT_FIELDS}
    return _snapshot(values, [q.name for q in person.qualifications], person.version)


def _snapshot(
    values: Mapping[str, Any], qualifications: Iterable[str], version: int
) -> dict[str, Any]:
    """The audit log's view of a person, from its column values."""
    return {
        **{k: values[k] for k in _SNAPSHOT_FIELDS},
        "qualifications": sorted(qualifications),
        "version": version,
    }


def _checked(
    data: PersonData, homes: Mapping[str, Organization]
) -> tuple[dict[str, Any], set[str]]:
    """The person's column values and qualifications once every rule holds; the home
    organization among `homes` (organizations_by_ref)."""
    values: dict[str, Any] = {
        "employee_no": required_text(
            data.employee_no, "employee_no", "職員番号", "Employee no.", 20
        ),
        "name": required_text(data.name, "name", "氏名", "Name", 100),
        "name_kana": optional_text(data.name_kana, "name_kana", "カナ", "Kana name", 200),
        "home_organization_id": resolve_organization(
            homes, data.home_organization, "home_organization"
        ).id,
        "email": _email(data.email),
        "phone": optional_text(data.phone, "phone", "電話番号", "Phone", 40),
        "officer": _officer(data.officer),
    }
    return values, _qualifications(data.qualifications)


def _differs(person: Person, values: dict[str, Any], qualifications: set[str]) -> bool:
    return person.qualification_names != qualifications or any(
        getattr(person, k) != v for k, v in values.items()
    )


def _apply(person: Person, values: dict[str, Any], qualifications: set[str]) -> bool:
    """Set the new values on a stored person; whether the name or kana changed (the
    assigned work orders are then re-indexed)."""
    renamed = (person.name, person.name_kana) != (values["name"], values["name_kana"])
    for k, v in values.items():
        setattr(person, k, v)
    person.qualification_names = frozenset(qualifications)
    return renamed


def _employee_no(data: PersonData) -> str:
    return required_text(data.employee_no, "employee_no", "職員番号", "Employee no.", 20)


def _reindex_assigned(uow: UnitOfWork, person_ids: list[int]) -> None:
    if person_ids:
        assigned = select(work_order_assignees.c.work_order_id).where(
            work_order_assignees.c.person_id.in_(person_ids)
        )
        uow.reindex_work_orders(list(uow.session.scalars(assigned)))


@requires(Action.EDIT_PEOPLE)
def _store(uow: UnitOfWork, person: Person | None, data: PersonData) -> tuple[int, UpsertOutcome]:
    session = uow.session
    homes = organizations_by_ref(session, [data.home_organization])
    values, qualifications = _checked(data, homes)
    employee_no = values["employee_no"]
    other = session.scalar(select(Person).where(Person.employee_no == employee_no))
    if other is not None and other is not person:
        raise ValidationError(
            f"職員番号 {employee_no} は既に {other.name} さんの番号です。",
            f"Employee no. {employee_no} already belongs to {other.name}.",
            "employee_no",
        )
    values["qualification_names"] = frozenset(qualifications)
    return store_values(uow, ENTITY, Person, person, values, snapshot, _reindex_if_renamed)


def _reindex_if_renamed(uow: UnitOfWork, person: Person, changed: frozenset[str]) -> None:
    # The name and its reading are derived into the work orders the person is assigned to.
    if changed & {"name", "name_kana"}:
        _reindex_assigned(uow, [person.id])


@requires(Action.EDIT_PEOPLE)
def upsert_person(uow: UnitOfWork, data: PersonData) -> tuple[int, UpsertOutcome]:
    """Store a person under the employee number: add, update or leave unchanged (see the
    module's rules); every field becomes what `data` says (None clears it) and the
    qualifications exactly the given set. Every write audited."""
    person = uow.session.scalar(select(Person).where(Person.employee_no == _employee_no(data)))
    return _store(uow, person, data)


@requires(Action.EDIT_PEOPLE)
def upsert_people(uow: UnitOfWork, rows: Sequence[PersonData]) -> list[tuple[int, UpsertOutcome]]:
    """upsert_person for many people with distinct employee numbers, set-based: the home
    organizations and the stored people of all rows are read in one query each, the new
    people and their qualifications inserted in one statement each, and one audit entry per
    written person, inserted together. Raises the first refusal among the rows, as
    upsert_person would for that row, before writing anything (an import then stores its
    rows one by one to report every refused row)."""
    session = uow.session
    homes = organizations_by_ref(session, [data.home_organization for data in rows])
    checked = [_checked(data, homes) for data in rows]
    numbers = [values["employee_no"] for values, _ in checked]
    stored = {
        p.employee_no: p
        for p in session.scalars(
            select(Person)
            .where(Person.employee_no.in_(numbers))
            .options(selectinload(Person.qualifications))
        )
    }
    new = [(v, q) for v, q in checked if v["employee_no"] not in stored]
    updated: list[tuple[Person, dict[str, Any]]] = []
    renamed: list[int] = []
    for values, qualifications in checked:
        person = stored.get(values["employee_no"])
        if person is not None and _differs(person, values, qualifications):
            updated.append((person, snapshot(person)))
            if _apply(person, values, qualifications):
                renamed.append(person.id)
    session.flush()  # the updates: one UPDATE a person, each checking its version
    ids = _insert_new(session, new)
    _reindex_assigned(uow, renamed)
    uow.audit_many(
        "create",
        ENTITY,
        [(ids[v["employee_no"]], None, _snapshot(v, q, 1)) for v, q in new],  # v1: the default
    )
    uow.audit_many("update", ENTITY, [(p.id, before, snapshot(p)) for p, before in updated])
    changed = {person.employee_no for person, _ in updated}
    return [
        (ids[no], UpsertOutcome.ADDED)
        if no in ids
        else (stored[no].id, UpsertOutcome.UPDATED if no in changed else UpsertOutcome.UNCHANGED)
        for no in numbers
    ]


def _insert_new(session: Session, new: list[tuple[dict[str, Any], set[str]]]) -> dict[str, int]:
    """Insert new people and their qualifications, one statement each (no RETURNING, which
    SQLite would send one row at a time); their ids by employee number."""
    if not new:
        return {}
    session.execute(insert(Person), [values for values, _ in new])
    numbers = [values["employee_no"] for values, _ in new]
    found = session.execute(
        select(Person.employee_no, Person.id).where(Person.employee_no.in_(numbers))
    )
    ids = {number: person_id for number, person_id in found}
    held = [
        {"person_id": ids[values["employee_no"]], "name": name}
        for values, qualifications in new
        for name in sorted(qualifications)
    ]
    if held:
        session.execute(insert(PersonQualification), held)
    return ids


@requires(Action.EDIT_PEOPLE)
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
    with db.unit_of_work(actor) as uow:
        if expected_version is None:
            _store(uow, None, data)
            return uow.change
        key = _employee_no(data) if person_id is None else None
        person = row_to_edit(
            uow, Person, Person.employee_no, key, person_id, expected_version, ("職員", "Person")
        )
        _store(uow, person, data)
        return uow.change
