"""A small company for the timesheet tests: a seconded person, company staff, their users and
two work orders (tests may write rows directly; the app may not)."""

from dataclasses import dataclass
from datetime import date

from oneaqita.models import (
    Contract,
    Organization,
    OrganizationKind,
    Person,
    Role,
    Secondment,
    SecondmentKind,
    User,
    WorkOrder,
    WorkOrderStatus,
)
from oneaqita.search import reindex_work_orders
from oneaqita.services.actor import SYSTEM_ACTOR, Actor
from oneaqita.services.database import Database

# The seconded person's secondment: 2026-04-01 to 2027-03-31.
SECONDMENT_START = date(2026, 4, 1)
SECONDMENT_END = date(2027, 3, 31)
MONDAY = date(2026, 11, 30)  # a Monday inside the secondment


@dataclass
class Company:
    akita_id: int
    sato_id: int  # seconded from Akita city
    tanaka_id: int  # company staff, a manager
    sato: Actor  # seconded user, person sato
    tanaka: Actor  # manager user, person tanaka
    coordinator: Actor  # no person
    admin: Actor  # no person
    assigned_id: int  # WO-1: sato is assigned
    other_id: int  # WO-2: nobody is assigned


def build_company(db: Database) -> Company:
    with db.unit_of_work(SYSTEM_ACTOR) as uow:
        s = uow.session
        akita = Organization(code="052019", kind=OrganizationKind.CITY, name_ja="秋田市")
        company = Organization(code="C0001", kind=OrganizationKind.COMPANY, name_ja="当社")
        s.add_all([akita, company])
        s.flush()
        sato = Person(employee_no="E0001", name="佐藤 花子", home_organization_id=akita.id)
        tanaka = Person(employee_no="E0002", name="田中 一郎", home_organization_id=company.id)
        s.add_all([sato, tanaka])
        s.flush()
        s.add(
            Secondment(
                person_id=sato.id,
                from_organization_id=akita.id,
                kind=SecondmentKind.ON_ROLL,
                start_date=SECONDMENT_START,
                end_date=SECONDMENT_END,
            )
        )
        users = [
            User(login="sato", display_name="佐藤", role=Role.SECONDED, person_id=sato.id),
            User(login="tanaka", display_name="田中", role=Role.MANAGER, person_id=tanaka.id),
            User(login="coord", display_name="業務", role=Role.COORDINATOR),
            User(login="admin", display_name="管理", role=Role.ADMIN),
        ]
        s.add_all(users)
        contract = Contract(
            number="C-1",
            client_id=akita.id,
            title="包括業務委託",
            start_date=date(2026, 4, 1),
            end_date=date(2027, 3, 31),
            amount_yen=1_000_000,
        )
        s.add(contract)
        s.flush()
        orders = [
            WorkOrder(
                number=f"WO-{i}",
                contract_id=contract.id,
                title=f"管路点検 {i}",
                type="inspection",
                status=WorkOrderStatus.IN_PROGRESS,
                priority=1,
                planned_start=date(2026, 11, 1),
                planned_end=date(2026, 12, 31),
            )
            for i in (1, 2)
        ]
        orders[0].assignees = [sato, tanaka]
        s.add_all(orders)
        s.flush()
        reindex_work_orders(s)
        return Company(
            akita.id,
            sato.id,
            tanaka.id,
            *(Actor.of(u) for u in users),
            orders[0].id,
            orders[1].id,
        )
