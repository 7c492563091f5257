"""Writing an inspection plan's orders (services/inspection_planning.py decides them): one
executemany INSERT a table (orders, their assets, their creation events, their audit entries),
numbers per fiscal year after the highest (work_order_editing.next_numbers), the search index
rebuilt; inside the caller's unit of work, so all of it or nothing."""

from collections.abc import Callable, Sequence
from typing import Any

from sqlalchemy import Table, insert, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from oneaqita.errors import ValidationError
from oneaqita.fiscal import fiscal_year
from oneaqita.inspection_plan import PlannedOrder
from oneaqita.models import WorkOrder, WorkOrderEvent, WorkOrderStatus, work_order_assets
from oneaqita.permissions import Action, requires
from oneaqita.services.changes import Entity
from oneaqita.services.unit_of_work import UnitOfWork
from oneaqita.services.work_order_editing import next_numbers

__all__ = ["insert_orders", "write_orders"]

_ATTEMPTS = 5
_CHUNK = 2000
Progress = Callable[[str, int, int], None]


def _snapshot(number: str, contract_id: int, code: str, order: PlannedOrder) -> dict[str, Any]:
    """As work_order_editing.snapshot records a new order."""
    return {
        "number": number,
        "contract_id": contract_id,
        "type": code,
        "title": order.title,
        "priority": 2,
        "note": None,
        "planned_start": order.planned_start.isoformat(),
        "planned_end": order.planned_end.isoformat(),
        "status": str(WorkOrderStatus.PLANNED),
        "asset_count": order.asset_count,
        "assignees": [],
        "version": 1,
    }


def _numbers(session: Session, orders: Sequence[PlannedOrder]) -> list[str]:
    wanted: dict[int, int] = {}
    for o in orders:
        wanted[fiscal_year(o.planned_start)] = wanted.get(fiscal_year(o.planned_start), 0) + 1
    fresh = {fy: iter(next_numbers(session, fy, n)) for fy, n in wanted.items()}
    return [next(fresh[fiscal_year(o.planned_start)]) for o in orders]


def _table(model: type[WorkOrder] | type[WorkOrderEvent]) -> Table:
    table = model.__table__
    assert isinstance(table, Table)
    return table


def insert_orders(session: Session, rows: list[dict[str, Any]], progress: Progress) -> list[int]:
    """The orders' rows inserted (plain executemany: RETURNING in parameter order would send
    them one by one on SQLite), and their ids, read back by their unique numbers."""
    table = _table(WorkOrder)
    ids: list[int] = []
    for low in range(0, len(rows), _CHUNK):
        chunk = rows[low : low + _CHUNK]
        session.execute(insert(table), chunk)
        numbers = [r["number"] for r in chunk]
        for part in range(0, len(numbers), 500):  # within every database's bound parameters
            wanted = numbers[part : part + 500]
            query = select(table.c.number, table.c.id).where(table.c.number.in_(wanted))
            found = {number: wid for number, wid in session.execute(query)}
            ids.extend(found[n] for n in wanted)
        progress("作業を作成しています", len(ids), len(rows))
    return ids


@requires(Action.EDIT_WORK_ORDERS)
def write_orders(
    uow: UnitOfWork,
    orders: Sequence[PlannedOrder],
    contract_id: int,
    code: str,
    progress: Progress,
) -> list[int]:
    """The planned orders written set-based, numbered, with their assets, events, audit
    entries and search index (services/inspection_planning.py's rules); their ids."""
    session = uow.session
    for _ in range(_ATTEMPTS):
        numbers = _numbers(session, orders)
        rows = [
            {
                "number": n,
                "contract_id": contract_id,
                "title": o.title,
                "type": code,
                "status": WorkOrderStatus.PLANNED,
                "priority": 2,
                "planned_start": o.planned_start,
                "planned_end": o.planned_end,
            }
            for n, o in zip(numbers, orders, strict=True)
        ]
        try:
            with session.begin_nested():
                ids = insert_orders(session, rows, progress)
            break
        except IntegrityError:
            continue  # another writer took one of the numbers first: number them again
    else:
        raise ValidationError(
            "作業番号を決められませんでした。もう一度作成してください。",
            "No free work order numbers could be taken; create again.",
            "plan",
        )
    pairs = list(zip(ids, numbers, orders, strict=True))
    links = [{"work_order_id": i, "asset_id": a} for i, _, o in pairs for a in o.asset_ids]
    for low in range(0, len(links), _CHUNK * 10):
        session.execute(insert(work_order_assets), links[low : low + _CHUNK * 10])
        progress("対象施設を登録しています", min(low + _CHUNK * 10, len(links)), len(links))
    session.execute(
        insert(_table(WorkOrderEvent)),
        [
            {
                "work_order_id": i,
                "user_id": uow.actor.user_id,
                "from_status": None,
                "to_status": WorkOrderStatus.PLANNED,
            }
            for i in ids
        ],
    )
    progress("履歴と監査記録を書いています", 0, 1)
    uow.audit_many(
        "create",
        Entity.WORK_ORDERS,
        [(i, None, _snapshot(n, contract_id, code, o)) for i, n, o in pairs],
    )
    progress("検索用の索引を更新しています", 0, 1)
    uow.reindex_work_orders(ids)
    return ids
