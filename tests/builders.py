"""Small, explicit data for database tests (tests may write rows directly; the app may not)."""

from dataclasses import dataclass
from datetime import date

from sqlalchemy.orm import Session

from oneaqita.models import (
    Asset,
    AssetKind,
    Contract,
    Organization,
    OrganizationKind,
    Person,
    Role,
    User,
    WorkOrder,
    WorkOrderStatus,
)
from oneaqita.search import reindex_work_orders
from oneaqita.services.actor import SYSTEM_ACTOR, Actor
from oneaqita.services.database import Database


@dataclass
class Sample:
    akita_id: int
    noshiro_id: int
    contract_ids: list[int]
    work_order_ids: list[int]
    coordinator: Actor
    seconded: Actor


TITLES = [
    ("WO-0001", "秋田処理区 管路点検 第1工区", "inspection", WorkOrderStatus.DRAFT),
    ("WO-0002", "秋田処理区 TVカメラ調査", "tv_survey", WorkOrderStatus.PLANNED),
    ("WO-0003", "能代処理区 管路清掃", "cleaning", WorkOrderStatus.IN_PROGRESS),
    ("WO-0004", "能代処理区 マンホール修繕", "repair", WorkOrderStatus.COMPLETED),
    ("WO-0005", "八郎湖処理区 緊急対応 Pump", "emergency", WorkOrderStatus.ACCEPTED),
]


def build_sample(db: Database) -> Sample:
    with db.unit_of_work(SYSTEM_ACTOR) as uow:
        s = uow.session
        akita = Organization(code="052019", kind=OrganizationKind.CITY, name_ja="秋田市")
        noshiro = Organization(code="052027", kind=OrganizationKind.CITY, name_ja="能代市")
        s.add_all([akita, noshiro])
        s.flush()
        c1 = Contract(
            number="C-1",
            client_id=akita.id,
            title="令和7年度 包括業務委託",
            start_date=date(2025, 4, 1),
            end_date=date(2026, 3, 31),
            amount_yen=12_000_000,
        )
        c2 = Contract(
            number="C-2",
            client_id=noshiro.id,
            title="令和7年度 下水道業務委託",
            start_date=date(2025, 4, 1),
            end_date=date(2026, 3, 31),
            amount_yen=8_500_000,
        )
        s.add_all([c1, c2])
        s.flush()
        person = Person(
            employee_no="E0001",
            name="佐藤 花子",
            name_kana="サトウ ハナコ",
            home_organization_id=akita.id,
        )
        other = Person(
            employee_no="E0002",
            name="鈴木 一郎",
            name_kana="スズキ イチロウ",
            home_organization_id=noshiro.id,
        )
        s.add_all([person, other])
        s.flush()
        coord = User(login="coord", display_name="業務 太郎", role=Role.COORDINATOR)
        sec = User(login="sato", display_name="佐藤 花子", role=Role.SECONDED, person_id=person.id)
        s.add_all([coord, sec])
        asset = Asset(
            code="052019-P-000001",
            kind=AssetKind.PIPE,
            owner_id=akita.id,
            service_life_years=50,
            installed_year=1990,
        )
        s.add_all(
            [
                asset,
                Asset(
                    code="052027-M-000001",
                    kind=AssetKind.MANHOLE,
                    owner_id=noshiro.id,
                    service_life_years=50,
                ),
            ]
        )
        orders = []
        for i, (number, title, wo_type, status) in enumerate(TITLES):
            wo = WorkOrder(
                number=number,
                contract_id=(c1 if i < 2 else c2).id,
                title=title,
                type=wo_type,
                status=status,
                priority=1 + i % 3,
                planned_start=date(2025, 5, 1 + i),
                planned_end=date(2025, 6, 1 + i),
            )
            if i == 0:
                wo.assets = [asset]
                wo.assignees = [person]
            orders.append(wo)
        s.add_all(orders)
        s.flush()
        reindex_work_orders(s)
        return Sample(
            akita_id=akita.id,
            noshiro_id=noshiro.id,
            contract_ids=[c1.id, c2.id],
            work_order_ids=[wo.id for wo in orders],
            coordinator=Actor.of(coord),
            seconded=Actor.of(sec),
        )


def city_contract(
    session: Session, title: str, start: date, end: date, amount_yen: int
) -> Contract:
    """秋田市 (052019) and one contract C-1 of it, flushed (ids set): the client most
    single-body tests need."""
    body = Organization(code="052019", kind=OrganizationKind.CITY, name_ja="秋田市")
    session.add(body)
    session.flush()
    contract = Contract(
        number="C-1",
        client_id=body.id,
        title=title,
        start_date=start,
        end_date=end,
        amount_yen=amount_yen,
    )
    session.add(contract)
    session.flush()
    return contract
