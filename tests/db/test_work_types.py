"""The work-type catalogue: shipped with 16 types, extended by administrators only, codes
that never change, unique names, types in use deactivated but never deleted; the search
documents follow a type's Japanese name."""

import pytest
from hypothesis import given
from hypothesis import strategies as st
from sqlalchemy import select

from oneaqita.errors import ConcurrentEdit, PermissionDenied, ValidationError
from oneaqita.models import WorkKind, WorkOrder
from oneaqita.services.changes import Entity
from oneaqita.services.database import Database
from oneaqita.services.records import WorkTypeData
from oneaqita.services.work_order_queries import (
    WorkOrderFilter,
    count_work_orders,
    list_work_orders,
)
from oneaqita.services.work_types import (
    checked_work_type,
    delete_work_type,
    find_work_type,
    get_work_type,
    list_work_types,
    save_work_type,
    set_work_type_active,
)
from tests.builders import build_sample
from tests.staffing_builders import ADMIN, COORDINATOR, MANAGER, SECONDED, audits

SHIPPED = [
    ("strategy", "経営戦略策定支援", WorkKind.OFFICE),
    ("stock_plan", "ストックマネジメント計画策定", WorkKind.OFFICE),
    ("analysis", "経営分析", WorkKind.OFFICE),
    ("ledger", "台帳管理", WorkKind.OFFICE),
    ("returns", "調書作成", WorkKind.OFFICE),
    ("estimate", "積算", WorkKind.OFFICE),
    ("supervision", "工事監督", WorkKind.OFFICE),
    ("design_review", "設計照査", WorkKind.OFFICE),
    ("consultation", "各種協議", WorkKind.OFFICE),
    ("monitoring", "業務モニタリング", WorkKind.OFFICE),
    ("inspection", "点検", WorkKind.FIELD),
    ("tv_survey", "TVカメラ調査", WorkKind.FIELD),
    ("cleaning", "清掃", WorkKind.FIELD),
    ("repair", "修繕", WorkKind.FIELD),
    ("emergency", "緊急対応", WorkKind.FIELD),
    ("training", "研修・講習会", WorkKind.OFFICE),  # migration 0023: the courses held (KPI)
]
PUMP = WorkTypeData("pump_check", "ポンプ点検", "Pump check", WorkKind.FIELD, True, 200)


def _id(db: Database, code: str) -> int:
    return next(r.id for r in list_work_types(db, include_inactive=True) if r.code == code)


def test_the_catalogue_ships_with_the_sixteen_types(db: Database) -> None:
    rows = list_work_types(db)
    assert [(r.code, r.name_ja, r.kind) for r in rows] == SHIPPED
    assert all(r.active and r.name_en and r.version == 1 for r in rows)
    assert len({r.name_en for r in rows}) == 16
    # Field work names its assets; the office services mostly do not.
    assert all(r.requires_assets for r in rows if r.kind is WorkKind.FIELD)
    assert [r.code for r in rows if r.kind is WorkKind.OFFICE and r.requires_assets] == [
        "supervision"
    ]
    assert rows[0].name("en") == "Management strategy support"
    assert rows[0].name("ja") == "経営戦略策定支援"


def test_an_administrator_adds_and_edits_a_type(db: Database) -> None:
    change = save_work_type(db, ADMIN, PUMP, None)
    new_id = change.created_id(Entity.WORK_TYPES)
    assert new_id is not None
    row = get_work_type(db, new_id)
    assert (row.code, row.name_ja, row.active, row.requires_assets) == (
        "pump_check",
        "ポンプ点検",
        True,
        True,
    )
    assert list_work_types(db)[-1].code == "pump_check"  # sort order 200: last
    edited = WorkTypeData("pump_check", "ポンプ設備点検", "Pump check", WorkKind.FIELD, False, 5)
    save_work_type(db, ADMIN, edited, row.version, new_id)
    row = get_work_type(db, new_id)
    assert (row.name_ja, row.requires_assets, row.sort_order, row.version) == (
        "ポンプ設備点検",
        False,
        5,
        2,
    )
    assert list_work_types(db)[0].code == "pump_check"  # sort order 5: first
    assert [a for a, *_ in audits(db, "work_types")] == ["create", "update"]
    with pytest.raises(ConcurrentEdit):  # the version the user saw is gone
        save_work_type(db, ADMIN, PUMP, 1, new_id)


@pytest.mark.parametrize("actor", [MANAGER, COORDINATOR, SECONDED], ids=lambda a: a.login)
def test_only_administrators_change_the_catalogue(db: Database, actor) -> None:  # type: ignore[no-untyped-def]
    inspection = _id(db, "inspection")
    with pytest.raises(PermissionDenied):
        save_work_type(db, actor, PUMP, None)
    with pytest.raises(PermissionDenied):
        set_work_type_active(db, actor, inspection, 1, False)
    with pytest.raises(PermissionDenied):
        delete_work_type(db, actor, inspection, 1)
    assert len(list_work_types(db)) == 16


@pytest.mark.parametrize(
    "code", ["Pump", "1pump", "p", "pump-check", "ポンプ", "pump check", "a" * 41, "_pump"]
)
def test_a_code_outside_the_pattern_is_refused_at_the_code(code: str) -> None:
    with pytest.raises(ValidationError) as err:
        checked_work_type(WorkTypeData(code, "x", "x", WorkKind.OFFICE, False))
    assert err.value.field == "code"


@given(st.from_regex(r"[a-z][a-z0-9_]{1,39}", fullmatch=True))
def test_every_code_of_the_pattern_is_accepted(code: str) -> None:
    assert checked_work_type(WorkTypeData(code, "x", "x", WorkKind.OFFICE, False)).code == code


def test_codes_and_names_name_one_type_each(db: Database) -> None:
    for data, field in (
        (WorkTypeData("inspection", "新しい点検", "New", WorkKind.FIELD, True), "code"),
        (WorkTypeData("check2", "点検", "Check", WorkKind.FIELD, True), "name_ja"),
        (WorkTypeData("check2", "二次点検", "Inspection", WorkKind.FIELD, True), "name_en"),
    ):
        with pytest.raises(ValidationError) as err:
            save_work_type(db, ADMIN, data, None)
        assert err.value.field == field
    # Renaming one type to another's name is refused too; keeping its own name is not.
    repair = get_work_type(db, _id(db, "repair"))
    with pytest.raises(ValidationError) as err:
        save_work_type(
            db, ADMIN, WorkTypeData("repair", "清掃", "Repair", WorkKind.FIELD, True), 1, repair.id
        )
    assert err.value.field == "name_ja"
    save_work_type(
        db,
        ADMIN,
        WorkTypeData("repair", "修繕", "Repairs", WorkKind.FIELD, True, 140),
        1,
        repair.id,
    )
    assert get_work_type(db, repair.id).name_en == "Repairs"


def test_a_stored_code_never_changes(db: Database) -> None:
    repair = _id(db, "repair")
    with pytest.raises(ValidationError) as err:
        save_work_type(
            db, ADMIN, WorkTypeData("repairs", "修繕", "Repair", WorkKind.FIELD, True), 1, repair
        )
    assert err.value.field == "code"
    assert get_work_type(db, repair).code == "repair"


def test_a_type_in_use_is_deactivated_never_deleted(db: Database) -> None:
    sample = build_sample(db)
    inspection = get_work_type(db, _id(db, "inspection"))
    with pytest.raises(ValidationError, match="1 件の作業"):
        delete_work_type(db, ADMIN, inspection.id, inspection.version)
    set_work_type_active(db, ADMIN, inspection.id, inspection.version, False)
    assert "inspection" not in [r.code for r in list_work_types(db)]
    assert not get_work_type(db, inspection.id).active
    with db.read() as s:  # the order keeps its type, and lists still name it
        assert s.scalar(select(WorkOrder.type).where(WorkOrder.number == "WO-0001")) == "inspection"
    row = next(r for r in list_work_orders(db, WorkOrderFilter()) if r.number == "WO-0001")
    assert (row.type, row.type_name_ja, row.type_name_en) == ("inspection", "点検", "Inspection")
    set_work_type_active(db, ADMIN, inspection.id, inspection.version + 1, True)
    assert get_work_type(db, inspection.id).active
    # A type no order has can go.
    new_id = save_work_type(db, ADMIN, PUMP, None).created_id(Entity.WORK_TYPES)
    assert new_id is not None
    delete_work_type(db, ADMIN, new_id, 1)
    assert "pump_check" not in [r.code for r in list_work_types(db, include_inactive=True)]
    assert [a for a, *_ in audits(db, "work_types")][-2:] == ["create", "delete"]
    assert sample.work_order_ids


def test_a_type_is_found_by_code_or_japanese_name(db: Database) -> None:
    with db.read() as s:
        assert find_work_type(s, "inspection").name_ja == "点検"
        assert find_work_type(s, "TVカメラ調査").code == "tv_survey"
        assert find_work_type(s, " 清掃 ").code == "cleaning"
        with pytest.raises(ValidationError, match="見つかりません") as err:
            find_work_type(s, "点検作業", "type")
        assert err.value.field == "type"


def test_searching_a_type_name_finds_its_orders_and_follows_a_rename(db: Database) -> None:
    build_sample(db)

    def numbers(text: str) -> set[str]:
        return {r.number for r in list_work_orders(db, WorkOrderFilter(text=text))}

    assert numbers("点検") == {"WO-0001"}
    assert numbers("緊急対応") == {"WO-0005"}
    repair = get_work_type(db, _id(db, "repair"))
    change = save_work_type(
        db,
        ADMIN,
        WorkTypeData("repair", "補修工事", "Repair", WorkKind.FIELD, True, 140),
        1,
        repair.id,
    )
    assert change.touches(Entity.WORK_ORDERS)  # its orders were re-indexed
    assert numbers("補修工事") == {"WO-0004"}


def test_the_list_filters_by_type(db: Database) -> None:
    build_sample(db)
    flt = WorkOrderFilter(type="cleaning")
    assert count_work_orders(db, flt) == 1
    assert [r.number for r in list_work_orders(db, flt)] == ["WO-0003"]
    assert count_work_orders(db, WorkOrderFilter(type="strategy")) == 0
