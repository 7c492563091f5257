"""The work-order editor's saves: numbering per fiscal year (also under two writers), typed
numbers, type rules, eligibility of assignees, thousands of assets stored set-based, the
duplicate and a version-checked edit, on SQLite and PostgreSQL."""

import contextlib
import threading
import time
from datetime import date
from typing import Any

import pytest
from sqlalchemy import event, func, insert, select, update

from oneaqita.errors import ConcurrentEdit, PermissionDenied, ValidationError
from oneaqita.models import Asset, AssetKind, WorkOrder, WorkOrderStatus, WorkType
from oneaqita.models import work_order_assets as woa
from oneaqita.services import work_order_editing as editing
from oneaqita.services.asset_picking import AssetFilter, asset_codes, count_assets
from oneaqita.services.assignee_eligibility import assignee_candidates
from oneaqita.services.changes import Entity
from oneaqita.services.contracts import upsert_contract
from oneaqita.services.database import Database
from oneaqita.services.records import ContractData
from oneaqita.services.work_order_editing import (
    WorkOrderData,
    create_work_order,
    duplicate_work_order,
    edit_work_order,
    work_order_to_edit,
)
from oneaqita.services.work_order_queries import WorkOrderFilter, count_work_orders
from tests.staffing_builders import (
    ADMIN,
    COORDINATOR,
    SECONDED,
    add_bodies,
    add_person,
    add_secondment,
    audits,
)

TODAY = date(2026, 5, 10)


@pytest.fixture
def base(db: Database) -> dict[str, int]:
    bodies = add_bodies(db)
    with db.unit_of_work(COORDINATOR) as uow:
        upsert_contract(
            uow,
            ContractData("K-1", "秋田市", "管路包括", date(2025, 4, 1), date(2028, 3, 31), 1000),
        )
    with db.unit_of_work(ADMIN) as uow:
        uow.session.execute(
            insert(Asset),
            [
                {
                    "code": f"052019-P-{i:06d}",
                    "kind": AssetKind.PIPE if i % 2 else AssetKind.MANHOLE,
                    "owner_id": bodies["052019"],
                    "district": "旭北" if i < 100 else "土崎",
                    "installed_year": 1970 + i % 40,
                    "service_life_years": 50,
                }
                for i in range(1, 3001)
            ],
        )
    add_person(db, "E1", "佐藤 花子")
    add_secondment(db, "E1", date(2026, 4, 1), date(2026, 5, 31))
    add_person(db, "E2", "社員 一郎", home="ONE-AQITA")
    add_person(db, "E3", "鈴木 次郎")
    add_secondment(db, "E3", date(2025, 4, 1), None)
    return bodies


def _data(**kw: Any) -> WorkOrderData:
    values: dict[str, Any] = {
        "contract": "K-1",
        "type": "analysis",
        "title": "経営分析 令和8年度",
        "planned_start": date(2026, 4, 1),
        "planned_end": date(2026, 4, 30),
    }
    return WorkOrderData(**{**values, **kw})


def _create(db: Database, **kw: Any) -> int:
    change = create_work_order(db, COORDINATOR, _data(**kw), today=TODAY)
    wo_id = change.created_id(Entity.WORK_ORDERS)
    assert wo_id is not None
    return wo_id


def _number(db: Database, wo_id: int) -> str:
    with db.read() as s:
        return str(s.scalar(select(WorkOrder.number).where(WorkOrder.id == wo_id)))


def _refused(db: Database, field: str, **kw: Any) -> ValidationError:
    with pytest.raises(ValidationError) as err:
        create_work_order(db, COORDINATOR, _data(**kw), today=TODAY)
    assert err.value.field == field, err.value.en
    return err.value


def test_numbers_follow_the_fiscal_year_of_the_planned_start(db: Database, base: Any) -> None:
    march = _create(db, planned_start=date(2026, 3, 31), planned_end=date(2026, 3, 31))
    april = _create(db, planned_start=date(2026, 4, 1), planned_end=date(2026, 4, 1))
    april2 = _create(db, planned_start=date(2026, 6, 1), planned_end=None)
    undated = _create(db, planned_start=None, planned_end=None)
    assert [_number(db, i) for i in (march, april, april2, undated)] == [
        "WO-2025-000001",
        "WO-2026-000001",
        "WO-2026-000002",
        "WO-2026-000003",  # today, 2026-05-10, is in FY2026
    ]
    with db.read() as s:
        wo = s.get(WorkOrder, april)
        assert wo is not None
        assert (wo.status, wo.contract_number) == (WorkOrderStatus.DRAFT, "K-1")
    assert count_work_orders(db, WorkOrderFilter(text="経営分析")) == 4
    assert [a for a, *_ in audits(db, "work_orders")] == ["create"] * 4


def test_a_typed_number_is_kept_and_must_be_unique(db: Database, base: Any) -> None:
    typed = _create(db, number=" ＷＯ-特-1 ")
    assert _number(db, typed) == "WO-特-1"
    err = _refused(db, "number", number="WO-特-1")
    assert "WO-特-1" in err.ja and "already used" in err.en
    # A typed number in the automatic pattern is skipped over by the next automatic one.
    _create(db, number="WO-2026-000007")
    assert _number(db, _create(db)) == "WO-2026-000008"


def test_two_creates_at_once_get_different_numbers(
    db: Database, base: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    both = threading.Barrier(2, timeout=2)
    real = editing.next_number
    waited: set[int] = set()
    calls: list[str] = []

    def slow(session: Any, year: int) -> str:
        number = real(session, year)
        if threading.get_ident() not in waited:  # both read the same free number first
            waited.add(threading.get_ident())
            # SQLite: the other writer waits for the lock instead, and the barrier times out.
            with contextlib.suppress(threading.BrokenBarrierError):
                both.wait()
        calls.append(number)
        return number

    monkeypatch.setattr(editing, "next_number", slow)
    ids: list[int] = []
    errors: list[BaseException] = []

    def run() -> None:
        try:
            ids.append(_create(db))
        except BaseException as exc:  # noqa: BLE001 - reported below
            errors.append(exc)

    threads = [threading.Thread(target=run) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    assert sorted(_number(db, i) for i in ids) == ["WO-2026-000001", "WO-2026-000002"]
    if db.dialect == "postgresql":  # both read 000001; the later insert retried
        assert calls == ["WO-2026-000001", "WO-2026-000001", "WO-2026-000002"]


def test_type_rules(db: Database, base: Any) -> None:
    err = _refused(db, "assets", type="inspection")
    assert "点検" in err.ja and "at least one asset" in err.en
    _create(db, type="inspection", asset_codes=["052019-P-000001"])
    with db.unit_of_work(ADMIN) as uow:
        uow.session.execute(
            update(WorkType).where(WorkType.code == "analysis").values(active=False)
        )
    err = _refused(db, "type")
    assert "経営分析" in err.ja and "no longer in use" in err.en
    _refused(db, "type", type="nonexistent")


def test_field_rules(db: Database, base: Any) -> None:
    _refused(db, "contract", contract="K-404")
    _refused(db, "title", title=" ")
    _refused(db, "priority", priority=4)
    _refused(db, "description", description="x" * 2001)
    _refused(db, "planned_end", planned_end=date(2026, 3, 1))
    err = _refused(db, "assets", asset_codes=["052019-P-000001", "NOPE-1", "NOPE-2"])
    assert "NOPE-1、NOPE-2" in err.ja and "NOPE-1, NOPE-2" in err.en
    with pytest.raises(PermissionDenied):
        create_work_order(db, SECONDED, _data(), today=TODAY)


def test_only_people_employed_or_seconded_for_the_whole_period(db: Database, base: Any) -> None:
    wo_id = _create(db, assignees=["E1", "E2", "E3"])  # April 2026: all three
    with db.read() as s:
        wo = s.get(WorkOrder, wo_id)
        assert wo is not None
        assert [p.employee_no for p in wo.assignees] == ["E1", "E2", "E3"]
    err = _refused(db, "assignees", assignees=["E1", "E2"], planned_end=date(2026, 6, 30))
    assert "佐藤 花子: 2026/04/01〜2026/06/30 に出向期間がありません" in err.ja
    assert "佐藤 花子: no secondment covers 2026/04/01〜2026/06/30" in err.en
    assert "社員" not in err.ja  # the company's own staff are always eligible
    _refused(db, "assignees", assignees=["E404"])
    candidates = assignee_candidates(db, date(2026, 4, 1), date(2026, 6, 30))
    assert [(c.employee_no, c.eligible) for c in candidates] == [
        ("E1", False),
        ("E2", True),
        ("E3", True),
    ]


def test_thousands_of_assets_in_few_statements(db: Database, base: Any) -> None:
    flt = AssetFilter(owner_id=base["052019"], kind=None, code_text="052019-P")
    codes = asset_codes(db, flt)
    assert len(codes) == count_assets(db, flt) == 3000
    statements: list[str] = []

    def count(*args: Any) -> None:
        statements.append(args[2])

    event.listen(db.engine, "before_cursor_execute", count)
    started = time.perf_counter()
    try:
        wo_id = _create(db, type="inspection", asset_codes=codes)
    finally:
        event.remove(db.engine, "before_cursor_execute", count)
    elapsed = time.perf_counter() - started
    with db.read() as s:
        stored = s.scalar(select(func.count()).where(woa.c.work_order_id == wo_id))
    assert stored == 3000
    inserts = [st for st in statements if "INSERT INTO work_order_assets" in st]
    assert len(inserts) <= 3, len(inserts)  # one executemany (PostgreSQL: pages of 1000)
    assert len(statements) < 60, len(statements)
    assert elapsed < 10
    picked = AssetFilter(kind=AssetKind.MANHOLE, district="旭北", installed_before=1980)
    assert (
        count_assets(db, picked) == len(asset_codes(db, picked)) == 14
    )  # even i < 100, i % 40 < 10


def test_duplicate_is_a_new_draft_with_a_new_number(db: Database, base: Any) -> None:
    source = _create(db, type="inspection", asset_codes=["052019-P-000001"], assignees=["E3"])
    with db.unit_of_work(ADMIN) as uow:
        uow.session.execute(
            update(WorkOrder)
            .where(WorkOrder.id == source)
            .values(status=WorkOrderStatus.IN_PROGRESS, actual_start=date(2026, 4, 2))
        )
    copy = duplicate_work_order(db, COORDINATOR, source, today=TODAY).created_id(Entity.WORK_ORDERS)
    assert copy is not None and copy != source
    one, two = work_order_to_edit(db, source), work_order_to_edit(db, copy)
    assert two.status is WorkOrderStatus.DRAFT
    assert (two.data.number, one.data.number) == ("WO-2026-000002", "WO-2026-000001")
    assert {**two.data.__dict__, "number": None} == {**one.data.__dict__, "number": None}
    with db.read() as s:
        wo = s.get(WorkOrder, copy)
        assert wo is not None and wo.actual_start is None and not wo.findings


def test_edit_checks_the_version_and_writes_only_the_difference(db: Database, base: Any) -> None:
    wo_id = _create(db, type="inspection", asset_codes=["052019-P-000001", "052019-P-000002"])
    seen = work_order_to_edit(db, wo_id)
    new = WorkOrderData(
        **{**seen.data.__dict__, "asset_codes": ("052019-P-000002", "052019-P-000003")}
    )
    change = edit_work_order(db, COORDINATOR, wo_id, new, seen.version, today=TODAY)
    assert change.touches(Entity.WORK_ORDERS) and change.created_id(Entity.WORK_ORDERS) is None
    after = work_order_to_edit(db, wo_id)
    assert after.data.asset_codes == ("052019-P-000002", "052019-P-000003")
    assert after.version == seen.version + 1  # a change of assets alone counts
    with pytest.raises(ConcurrentEdit):  # someone saved after `seen` was read
        edit_work_order(db, COORDINATOR, wo_id, _data(title="古い版"), seen.version)
    renamed = WorkOrderData(**{**after.data.__dict__, "title": "新しい件名", "number": "WO-X"})
    edit_work_order(db, COORDINATOR, wo_id, renamed, after.version, today=TODAY)
    assert _number(db, wo_id) == "WO-X"
    assert count_work_orders(db, WorkOrderFilter(text="新しい件名")) == 1
    actions = [a for a, *_ in audits(db, "work_orders")]
    assert actions == ["create", "update", "update"]


def test_hostile_values_get_brief_messages_at_their_field(db: Database) -> None:
    from oneaqita.errors import ValidationError
    from oneaqita.services.work_order_editing import WorkOrderData, create_work_order
    from tests.builders import build_sample
    from tests.logins import actor_for

    admin = actor_for(db, "admin")
    build_sample(db)
    huge = WorkOrderData("C-1", "inspection", "t", priority=2**64, asset_codes=["052019-P-000001"])
    with pytest.raises(ValidationError) as exc:
        create_work_order(db, admin, huge)
    assert exc.value.field == "priority" and "1〜3" in exc.value.ja
    long_code = WorkOrderData("C-1", "inspection", "t", asset_codes=["X" * 100_000])
    with pytest.raises(ValidationError) as exc:
        create_work_order(db, admin, long_code)
    assert exc.value.field == "assets" and len(exc.value.ja) < 200 and "100,000文字" in exc.value.ja
