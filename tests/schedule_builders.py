"""A small schedule for the database and window tests: four people, two contracts and a few
orders in the week of 2026-05-25 (Monday) to 2026-05-31, written through the services.

- E1 佐藤 花子: 秋田市 staff, seconded from 秋田市 2026-04-01 to 2026-05-31 (not in June).
- E2 社員 一郎: the company's own staff (always employed).
- E3 鈴木 次郎: 能代市 staff, seconded from 能代市 since 2025-04-01 (open end).
- E4 山田 四郎: 秋田市 staff, never seconded (only on the schedule when assigned anyway).

Orders (contract K-1 of 秋田市 unless said): A 5/25–5/27 E1+E2; B 5/27–6/05 E2; C 5/28–5/29
E1; D 5/29 E3 under K-2 of 能代市, completed; X 5/26 E2 cancelled.
"""

from dataclasses import dataclass
from datetime import date

from sqlalchemy import update

from oneaqita.models import WorkOrder, WorkOrderStatus
from oneaqita.services.changes import Entity
from oneaqita.services.contracts import upsert_contract
from oneaqita.services.database import Database
from oneaqita.services.records import ContractData
from oneaqita.services.work_order_editing import WorkOrderData, create_work_order
from tests.staffing_builders import ADMIN, COORDINATOR, add_bodies, add_person, add_secondment

TODAY = date(2026, 5, 20)
WEEK = (date(2026, 5, 25), date(2026, 5, 31))


@dataclass
class Plan:
    bodies: dict[str, int]
    people: dict[str, int]  # employee number → id
    contracts: dict[str, int]
    orders: dict[str, int]  # A, B, C, D, X → id


def order(
    db: Database, title: str, start: date, end: date, people: tuple[str, ...], contract: str = "K-1"
) -> int:
    data = WorkOrderData(contract, "analysis", title, 2, None, start, end, (), people)
    change = create_work_order(db, COORDINATOR, data, today=TODAY)
    created = change.created_id(Entity.WORK_ORDERS)
    assert created is not None
    return created


def set_status(db: Database, work_order_id: int, status: WorkOrderStatus) -> None:
    with db.unit_of_work(ADMIN) as uow:
        uow.session.execute(
            update(WorkOrder).where(WorkOrder.id == work_order_id).values(status=status)
        )


def build_plan(db: Database) -> Plan:
    bodies = add_bodies(db)
    contracts = {}
    with db.unit_of_work(COORDINATOR) as uow:
        for number, client in (("K-1", "秋田市"), ("K-2", "能代市")):
            data = ContractData(number, client, "包括委託", date(2025, 4, 1), date(2028, 3, 31), 1)
            contracts[number] = upsert_contract(uow, data)[0]
    people = {
        "E1": add_person(db, "E1", "佐藤 花子", kana="さとう はなこ"),
        "E2": add_person(db, "E2", "社員 一郎", home="ONE-AQITA"),
        "E3": add_person(db, "E3", "鈴木 次郎", home="052027"),
        "E4": add_person(db, "E4", "山田 四郎"),
    }
    add_secondment(db, "E1", date(2026, 4, 1), date(2026, 5, 31))
    add_secondment(db, "E3", date(2025, 4, 1), None, sender="052027")
    orders = {
        "A": order(db, "経営分析 A", date(2026, 5, 25), date(2026, 5, 27), ("E1", "E2")),
        "B": order(db, "台帳整備 B", date(2026, 5, 27), date(2026, 6, 5), ("E2",)),
        "C": order(db, "設計照査 C", date(2026, 5, 28), date(2026, 5, 29), ("E1",)),
        "D": order(db, "点検監理 D", date(2026, 5, 29), date(2026, 5, 29), ("E3",), "K-2"),
        "X": order(db, "中止分 X", date(2026, 5, 26), date(2026, 5, 26), ("E2",)),
    }
    set_status(db, orders["D"], WorkOrderStatus.COMPLETED)
    set_status(db, orders["X"], WorkOrderStatus.CANCELLED)
    return Plan(bodies, people, contracts, orders)
