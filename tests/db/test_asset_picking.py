"""The asset picker's queries (services/asset_picking.py) on SQLite and PostgreSQL, against a
registry small enough to compute every answer by hand, and the save path at 5,000 assets."""

import time
from datetime import date
from decimal import Decimal
from typing import Any

import pytest
from sqlalchemy import event, func, insert, select

from oneaqita.errors import ValidationError
from oneaqita.models import Asset, AssetKind, AssetStatus
from oneaqita.models import work_order_assets as woa
from oneaqita.services.asset_picking import (
    AssetFilter,
    asset_codes,
    asset_lines,
    count_assets,
    district_choices,
    matching_lines,
    picker_choices,
    search_assets,
)
from oneaqita.services.changes import Entity
from oneaqita.services.contracts import upsert_contract
from oneaqita.services.database import Database
from oneaqita.services.records import ContractData
from oneaqita.services.work_order_editing import (
    WorkOrderData,
    create_work_order,
    edit_work_order,
    work_order_to_edit,
)
from tests.staffing_builders import ADMIN, COORDINATOR, add_bodies

P, M = AssetKind.PIPE, AssetKind.MANHOLE
R = AssetStatus.RETIRED
# code, kind, owner, district, installed, material, length, status
REGISTRY = [
    ("Y-01", P, "052019", "八橋処理区", 1965, "HP", "12.50", None),
    ("Y-02", P, "052019", "八橋処理区", 1979, "VU", "30.00", None),
    ("Y-03", P, "052019", "八橋処理区", 1980, "VU", "8.00", None),  # not before 1980
    ("Y-04", P, "052019", "八橋処理区", None, "HP", None, None),  # year unknown
    ("Y-05", M, "052019", "八橋処理区", 1970, None, None, None),  # a manhole
    ("Y-06", P, "052019", "八橋処理区", 1975, "HP", "5.25", R),  # retired
    ("Y-07", P, "052019", "旭北処理区", 1960, "HP", "40.00", None),  # another district
    ("N-01", P, "052027", "八橋処理区", 1972, "CP", "3.00", None),  # another owner
    ("N-02", M, "052027", None, 1990, None, None, None),
]


@pytest.fixture
def registry(db: Database) -> dict[str, int]:
    bodies = add_bodies(db)
    with db.unit_of_work(ADMIN) as uow:
        uow.session.execute(
            insert(Asset),
            [
                {
                    "code": code,
                    "kind": kind,
                    "owner_id": bodies[owner],
                    "district": district,
                    "installed_year": year,
                    "material": material,
                    "length_m": Decimal(length) if length else None,
                    "status": status or AssetStatus.IN_SERVICE,
                    "service_life_years": 50,
                }
                for code, kind, owner, district, year, material, length, status in REGISTRY
            ],
        )
    return bodies


def _codes(db: Database, **kw: Any) -> list[str]:
    flt = AssetFilter(**kw)
    codes = asset_codes(db, flt)
    assert count_assets(db, flt) == len(codes)
    assert [line.code for line in matching_lines(db, flt)] == codes
    return codes


def test_all_pipes_of_a_district_laid_before_1980(db: Database, registry: Any) -> None:
    # Y-03 is of 1980, Y-04 has no year, Y-05 is a manhole, Y-07 lies in 旭北
    assert _codes(db, kind=P, district="八橋処理区", installed_before=1980) == [
        "N-01",
        "Y-01",
        "Y-02",
        "Y-06",
    ]
    assert _codes(
        db, kind=P, district="八橋処理区", installed_before=1980, owner_id=registry["052019"]
    ) == ["Y-01", "Y-02", "Y-06"]
    in_service = AssetStatus.IN_SERVICE
    assert _codes(db, kind=P, district="八橋処理区", installed_before=1980, status=in_service) == [
        "N-01",
        "Y-01",
        "Y-02",
    ]


def test_years_material_and_status(db: Database, registry: Any) -> None:
    assert _codes(db, installed_from=1975) == ["N-02", "Y-02", "Y-03", "Y-06"]
    assert _codes(db, installed_from=1970, installed_before=1976) == ["N-01", "Y-05", "Y-06"]
    assert _codes(db, material="HP") == ["Y-01", "Y-04", "Y-06", "Y-07"]
    assert _codes(db, material="HP", installed_before=1970) == ["Y-01", "Y-07"]
    assert _codes(db, status=R) == ["Y-06"]
    assert _codes(db, district="旭北処理区", code_text="y-0") == ["Y-07"]
    assert len(_codes(db)) == len(REGISTRY)  # an empty filter matches everything
    assert _codes(db, installed_from=1981, installed_before=1980) == []


def test_hostile_filters_are_refused_on_their_field_or_find_nothing(
    db: Database, registry: Any
) -> None:
    with pytest.raises(ValidationError) as err:
        count_assets(db, AssetFilter(installed_before=10**30))
    assert err.value.field == "installed_before"
    with pytest.raises(ValidationError) as err:
        count_assets(db, AssetFilter(installed_from=-(10**12)))
    assert err.value.field == "installed_from"
    with pytest.raises(ValidationError) as err:
        count_assets(db, AssetFilter(district="八橋\x00処理区"))
    assert err.value.field == "district"
    with pytest.raises(ValidationError) as err:
        count_assets(db, AssetFilter(material="H\x1bP"))
    assert err.value.field == "material"
    assert _codes(db, material="=HYPERLINK(1)") == []
    assert _codes(db, code_text="%") == []  # a LIKE wildcard is a character
    assert search_assets(db, "_\x00%") == []


def test_list_lines_in_the_order_asked_and_the_search(db: Database, registry: Any) -> None:
    lines = asset_lines(db, ["Y-02", "NOPE", "Y-01", "Y-02"])
    assert [
        (x.code, x.kind, x.district, x.installed_year, x.material, x.length_m) for x in lines
    ] == [
        ("Y-02", P, "八橋処理区", 1979, "VU", Decimal("30.00")),
        ("Y-01", P, "八橋処理区", 1965, "HP", Decimal("12.50")),
    ]
    assert [x.code for x in search_assets(db, "旭北")] == ["Y-07"]
    assert [x.code for x in search_assets(db, "八橋 n-")] == ["N-01"]
    assert [x.code for x in search_assets(db, "y-0", limit=3)] == ["Y-01", "Y-02", "Y-03"]
    assert search_assets(db, "   ") == []
    choices = picker_choices(db)
    assert [code for _i, code, _n in choices.owners] == ["052019", "052027"]
    assert choices.districts == district_choices(db) == ["八橋処理区", "旭北処理区"]
    assert choices.materials == ["CP", "HP", "VU"]


def test_five_thousand_assets_are_saved_and_replaced_set_based(db: Database) -> None:
    bodies = add_bodies(db)
    with db.unit_of_work(COORDINATOR) as uow:
        upsert_contract(
            uow, ContractData("K-1", "秋田市", "管路包括", date(2025, 4, 1), date(2028, 3, 31), 1)
        )
    with db.unit_of_work(ADMIN) as uow:
        uow.session.execute(
            insert(Asset),
            [
                {"code": f"H-{i:05d}", "kind": P, "owner_id": bodies["052019"]}
                | {"service_life_years": 50}
                for i in range(7500)
            ],
        )
    codes = [f"H-{i:05d}" for i in range(5000)]
    data = WorkOrderData(contract="K-1", type="inspection", title="管路点検", asset_codes=codes)
    statements: list[str] = []

    def seen(*args: Any) -> None:
        statements.append(args[2])

    event.listen(db.engine, "before_cursor_execute", seen)
    started = time.perf_counter()
    try:
        change = create_work_order(db, COORDINATOR, data, today=date(2026, 5, 1))
        wo_id = change.created_id(Entity.WORK_ORDERS)
        assert wo_id is not None
        stored = work_order_to_edit(db, wo_id)
        moved = [f"H-{i:05d}" for i in range(2500, 7500)]  # 2,500 kept, 2,500 out, 2,500 in
        edit_work_order(
            db,
            COORDINATOR,
            wo_id,
            WorkOrderData(**{**data.__dict__, "asset_codes": moved}),
            stored.version,
            today=date(2026, 5, 1),
        )
    finally:
        event.remove(db.engine, "before_cursor_execute", seen)
    elapsed = time.perf_counter() - started
    assert sorted(work_order_to_edit(db, wo_id).data.asset_codes) == moved
    with db.read() as s:
        assert s.scalar(select(func.count()).where(woa.c.work_order_id == wo_id)) == 5000
    inserts = [st for st in statements if "INSERT INTO work_order_assets" in st]
    assert len(inserts) <= 10, len(inserts)  # executemany (PostgreSQL: pages of 1000)
    lookups = [st for st in statements if "FROM assets" in st and " IN (" in st]
    assert len(lookups) <= 2 * 10 + 2, len(lookups)  # chunks of 500 codes, per save
    assert len(statements) < 120, len(statements)
    assert elapsed < 20
