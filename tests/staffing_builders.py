"""Small staffing data for the database tests, written through the services themselves."""

from datetime import date
from typing import Any

from sqlalchemy import func, select

from oneaqita.models import (
    AuditEntry,
    OrganizationKind,
    Person,
    Role,
    Secondment,
    SecondmentKind,
    Shareholding,
)
from oneaqita.models import Organization as Org
from oneaqita.services.actor import Actor
from oneaqita.services.changes import Entity
from oneaqita.services.database import Database
from oneaqita.services.organizations import upsert_organization
from oneaqita.services.people import upsert_person
from oneaqita.services.records import OrganizationData, PersonData, SecondmentData
from oneaqita.services.secondments import create_secondment

ADMIN = Actor(None, "admin", Role.ADMIN)
MANAGER = Actor(None, "manager", Role.MANAGER)
COORDINATOR = Actor(None, "coord", Role.COORDINATOR)
SECONDED = Actor(None, "sato", Role.SECONDED)

K = OrganizationKind
BODIES = (
    OrganizationData("050008", K.PREFECTURE, "秋田県", "あきたけん", "Akita Prefecture"),
    OrganizationData("052019", K.CITY, "秋田市", "あきたし", "Akita City"),
    OrganizationData("052027", K.CITY, "能代市", "のしろし", "Noshiro City"),
    OrganizationData("P001", K.PARTNER, "東北管路テスト株式会社", "トウホクカンロテスト"),
    OrganizationData("ONE-AQITA", K.COMPANY, "株式会社ONE・AQITA", "ワンアキタ"),
)


def add_bodies(db: Database) -> dict[str, int]:
    """The prefecture, two cities, a partner firm and the company: code → id."""
    with db.unit_of_work(ADMIN) as uow:
        return {data.code: upsert_organization(uow, data)[0] for data in BODIES}


def add_person(
    db: Database,
    employee_no: str,
    name: str,
    home: str = "052019",
    kana: str | None = None,
    email: str | None = None,
    qualifications: tuple[str, ...] = (),
) -> int:
    with db.unit_of_work(ADMIN) as uow:
        data = PersonData(employee_no, name, home, kana, email, None, qualifications)
        return upsert_person(uow, data)[0]


def add_secondment(
    db: Database,
    employee_no: str,
    start: date,
    end: date | None,
    sender: str = "052019",
    kind: SecondmentKind = SecondmentKind.ON_ROLL,
    pct: int = 0,
    position: str | None = None,
) -> int:
    data = SecondmentData(employee_no, sender, kind, start, end, position, pct)
    change = create_secondment(db, COORDINATOR, data)
    secondment_id = change.created_id(Entity.SECONDMENTS)
    assert secondment_id is not None
    return secondment_id


def audits(db: Database, entity: str) -> list[tuple[str, str, Any, Any]]:
    """(action, actor, before, after) of every audit entry on `entity`, oldest first."""
    with db.read() as s:
        rows = s.execute(
            select(AuditEntry.action, AuditEntry.actor, AuditEntry.before, AuditEntry.after)
            .where(AuditEntry.entity == entity)
            .order_by(AuditEntry.id)
        ).all()
        return [tuple(r) for r in rows]


def row_counts(db: Database) -> dict[str, int]:
    with db.read() as s:
        return {
            model.__tablename__: int(s.scalar(select(func.count()).select_from(model)) or 0)
            for model in (Org, Shareholding, Person, Secondment, AuditEntry)
        }
