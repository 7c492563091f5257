"""The asset registry (施設台帳): its list filtered, sorted and paged in SQL, its tree read a
level at a time, the asset card and the edit path, on SQLite and PostgreSQL, against a registry
small enough to compute every answer by hand."""

import dataclasses
from datetime import date
from decimal import Decimal
from typing import Any

import pytest
from sqlalchemy import insert, select, update

from oneaqita.asset_search import reindex_assets
from oneaqita.errors import ConcurrentEdit, NotFound, PermissionDenied, ValidationError
from oneaqita.fiscal import fiscal_year
from oneaqita.models import Asset, AssetKind, AssetStatus, FindingRank, Urgency, WorkOrder
from oneaqita.models import WorkOrderStatus as S
from oneaqita.services.asset_card import asset_card, asset_to_edit
from oneaqita.services.asset_registry import (
    AssetListFilter,
    AssetSort,
    count_registry,
    list_registry,
    open_registry,
)
from oneaqita.services.asset_tree import (
    child_assets,
    district_assets,
    tree_districts,
    tree_owners,
)
from oneaqita.services.assets import save_asset
from oneaqita.services.attachments import attach_files
from oneaqita.services.changes import Entity
from oneaqita.services.database import Database
from oneaqita.services.findings import FindingData, save_finding
from tests.builders import build_sample
from tests.images import jpeg
from tests.staffing_builders import ADMIN, COORDINATOR, add_bodies

P, M, PS, TP = AssetKind.PIPE, AssetKind.MANHOLE, AssetKind.PUMP_STATION, AssetKind.TREATMENT_PLANT
R, C = AssetStatus.RETIRED, AssetStatus.CONSOLIDATED
TODAY = date(2026, 3, 31)  # fiscal year 2025: ages count from it
# code, kind, owner, district, installed, material, diameter, length, status, condition, parent
REGISTRY = [
    ("Y-01", P, "052019", "八橋処理区", 1965, "HP", 250, "12.50", None, Urgency.I, None),
    ("Y-02", P, "052019", "八橋処理区", 1979, "VU", 200, "30.00", None, Urgency.III, None),
    ("Y-03", P, "052019", "八橋処理区", 1980, "VU", 300, "8.00", None, None, None),
    ("Y-04", P, "052019", "八橋処理区", None, "HP", None, None, None, None, None),
    ("Y-05", M, "052019", "八橋処理区", 1970, None, None, None, None, Urgency.II, None),
    ("Y-06", P, "052019", "八橋処理区", 1975, "HP", 150, "5.25", R, None, None),
    ("Y-07", P, "052019", "旭北処理区", 1960, "HP", 400, "40.00", C, Urgency.I, None),
    ("N-01", P, "052027", "八橋処理区", 1972, "CP", 250, "3.00", None, None, None),
    ("N-02", M, "052027", None, 1990, None, None, None, None, None, None),
    ("T-01", TP, "052019", "八橋処理区", 1985, None, None, None, None, None, None),
    ("T-02", PS, "052019", "八橋処理区", 1990, None, None, None, None, None, "T-01"),
    ("T-03", PS, "052019", "八橋処理区", 1995, None, None, None, None, None, "T-01"),
]


@pytest.fixture
def registry(db: Database) -> dict[str, int]:
    """The registry stored; the ids of the bodies by code and of the assets by code."""
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
                    "diameter_mm": diameter,
                    "length_m": Decimal(length) if length else None,
                    "status": status or AssetStatus.IN_SERVICE,
                    "condition": condition,
                    "service_life_years": 50,
                }
                for code, kind, owner, district, year, material, diameter, length, status, condition, _ in REGISTRY  # noqa: E501
            ],
        )
        ids = dict(uow.session.execute(select(Asset.code, Asset.id)).all())
        for code, *_, parent in REGISTRY:
            if parent:
                uow.session.execute(
                    update(Asset).where(Asset.code == code).values(parent_id=ids[parent])
                )
        reindex_assets(uow.session)  # written by hand: their search documents too
    return {**bodies, **ids}


def _codes(db: Database, **kw: Any) -> list[str]:
    flt = AssetListFilter(today=TODAY, **kw)
    rows = list_registry(db, flt, 0, 100)
    assert count_registry(db, flt) == len(rows)
    return [r.code for r in rows]


def test_every_asset_in_code_order_with_its_columns(db: Database, registry: Any) -> None:
    rows = list_registry(db, AssetListFilter(today=TODAY))
    assert [r.code for r in rows] == sorted(c[0] for c in REGISTRY)
    y01 = next(r for r in rows if r.code == "Y-01")
    assert (y01.kind, y01.owner_code, y01.owner_name, y01.district) == (
        P,
        "052019",
        "秋田市",
        "八橋処理区",
    )
    assert (y01.installed_year, y01.age, y01.material, y01.diameter_mm) == (1965, 60, "HP", 250)
    assert (y01.length_m, y01.status, y01.condition) == (
        Decimal("12.50"),
        AssetStatus.IN_SERVICE,
        Urgency.I,
    )
    assert next(r for r in rows if r.code == "Y-04").age is None  # year unknown


def test_filters_combine(db: Database, registry: Any) -> None:
    akita = registry["052019"]
    assert _codes(db, owner_id=akita, kind=M) == ["Y-05"]
    assert _codes(db, kind=P, district="八橋処理区", status=AssetStatus.IN_SERVICE) == [
        "N-01",
        "Y-01",
        "Y-02",
        "Y-03",
        "Y-04",
    ]
    assert _codes(db, status=C) == ["Y-07"]
    assert _codes(db, condition=Urgency.I) == ["Y-01", "Y-07"]
    assert _codes(db, condition=Urgency.I, owner_id=akita, district="旭北処理区") == ["Y-07"]
    assert _codes(db, condition="none", kind=M) == ["N-02"]


def test_age_range_counts_from_the_fiscal_year(db: Database, registry: Any) -> None:
    # FY2025: 1965 is 60 years old, 1975 50, 1979 46, 1980 45; unknown years never match
    assert _codes(db, age_from=50, kind=P) == ["N-01", "Y-01", "Y-06", "Y-07"]
    assert _codes(db, age_from=45, age_to=50, kind=P) == ["Y-02", "Y-03", "Y-06"]
    assert _codes(db, age_to=30) == ["T-03"]
    assert _codes(db, age_from=70) == []
    for field, kw in (("age_from", {"age_from": -1}), ("age_to", {"age_to": 10**20})):
        with pytest.raises(ValidationError) as refused:
            count_registry(db, AssetListFilter(**kw))  # type: ignore[arg-type]
        assert refused.value.field == field


def test_text_finds_code_district_and_material_with_two_character_words(
    db: Database, registry: Any
) -> None:
    assert _codes(db, text="旭北") == ["Y-07"]  # two characters of a district
    assert _codes(db, text="八橋 vu") == ["Y-02", "Y-03"]  # district and material, any case
    assert _codes(db, text="ｙ－０１") == ["Y-01"]  # full-width forms
    assert _codes(db, text="t-0") == ["T-01", "T-02", "T-03"]


def test_each_day_reads_its_own_ages_though_the_statements_are_kept(
    db: Database, registry: Any
) -> None:
    """The list's statements are kept per filter and its SQL per shape: the age is a value of
    the statement, so a later year's page has its own ages, and the earlier year's again its
    own; a filter without a day counts from today."""

    def ages(today: date | None) -> dict[str, int | None]:
        rows = list_registry(db, AssetListFilter(today=today, kind=P), 0, 100)
        opened = open_registry(db, AssetListFilter(today=today, kind=P), 0, 100)[1]
        assert opened == rows
        return {r.code: r.age for r in rows}

    fy2025 = ages(TODAY)
    assert fy2025["Y-01"] == 60 and fy2025["Y-02"] == 46  # 1965, 1979
    fy2030 = ages(date(2031, 3, 31))
    assert all(fy2030[c] == (None if a is None else a + 5) for c, a in fy2025.items())
    assert ages(TODAY) == fy2025
    now = fiscal_year(date.today())
    assert all(
        a == (None if y is None else max(now - y, 0))
        for a, y in (
            (r.age, r.installed_year) for r in list_registry(db, AssetListFilter(kind=P), 0, 100)
        )
    )


@pytest.mark.parametrize(
    "text",
    ["%", "_", "\\", "' OR 1=1 --", '=HYPERLINK("x")', "\x00", "\u202e", "x" * 10_000, "%_\\'"],
)
def test_hostile_text_matches_only_itself(db: Database, registry: Any, text: str) -> None:
    assert _codes(db, text=text) == []


def test_hostile_district_is_refused_or_finds_nothing(db: Database, registry: Any) -> None:
    with pytest.raises(ValidationError) as refused:
        count_registry(db, AssetListFilter(district="八橋\x07"))
    assert refused.value.field == "district"
    assert _codes(db, district="%") == []


@pytest.mark.parametrize("sort", list(AssetSort))
@pytest.mark.parametrize("descending", [False, True])
def test_every_sort_pages_without_overlap_or_gap(
    db: Database, registry: Any, sort: AssetSort, descending: bool
) -> None:
    flt = AssetListFilter(sort=sort, descending=descending, today=TODAY)
    whole = [r.code for r in list_registry(db, flt, 0, 100)]
    paged = [r.code for start in range(0, 12, 5) for r in list_registry(db, flt, start, 5)]
    assert paged == whole and sorted(whole) == sorted(c[0] for c in REGISTRY)
    rows = list_registry(db, flt, 0, 100)
    key: Any = {
        AssetSort.CODE: lambda r: r.code,
        AssetSort.OWNER: lambda r: r.owner_code,
        AssetSort.AGE: lambda r: r.age,
        AssetSort.DIAMETER: lambda r: r.diameter_mm,
        AssetSort.LENGTH: lambda r: r.length_m,
        AssetSort.INSTALLED_YEAR: lambda r: r.installed_year,
    }.get(sort, lambda r: getattr(r, sort.value))
    known = [key(r) for r in rows if key(r) is not None]
    assert known == sorted(known, reverse=descending)
    # ties broken by id in the sort's direction
    for a, b in zip(rows, rows[1:], strict=False):
        if key(a) == key(b) and sort is not AssetSort.CODE:
            assert (a.id > b.id) if descending != (sort is AssetSort.AGE) else (a.id < b.id)


def test_tree_levels_with_counts(db: Database, registry: Any) -> None:
    owners = tree_owners(db)
    assert [(o.code, o.assets) for o in owners] == [("052019", 10), ("052027", 2)]
    akita = registry["052019"]
    districts = tree_districts(db, akita)
    assert [(d.district, d.top_level) for d in districts] == [("八橋処理区", 7), ("旭北処理区", 1)]
    noshiro = tree_districts(db, registry["052027"])
    assert [(d.district, d.top_level) for d in noshiro] == [("八橋処理区", 1), (None, 1)]
    top = district_assets(db, akita, "八橋処理区")
    assert [(a.code, a.children) for a in top] == [
        ("T-01", 2),
        ("Y-01", 0),
        ("Y-02", 0),
        ("Y-03", 0),
        ("Y-04", 0),
        ("Y-05", 0),
        ("Y-06", 0),
    ]
    assert [a.code for a in district_assets(db, akita, "八橋処理区", 2, 3)] == [
        "Y-02",
        "Y-03",
        "Y-04",
    ]
    assert [a.code for a in district_assets(db, registry["052027"], None)] == ["N-02"]
    assert [(a.code, a.kind) for a in child_assets(db, registry["T-01"])] == [
        ("T-02", PS),
        ("T-03", PS),
    ]
    assert child_assets(db, registry["T-02"]) == []


def _running_survey(db: Database) -> tuple[int, int, Any]:
    sample = build_sample(db)
    wid = sample.work_order_ids[0]
    with db.read() as s:
        wo = s.get(WorkOrder, wid)
        assert wo is not None
        wo.status, wo.actual_start = S.IN_PROGRESS, date(2025, 5, 1)
        asset_id = wo.assets[0].id
        s.commit()
    return wid, asset_id, sample


def test_card_holds_orders_findings_photos_and_the_condition(db: Database) -> None:
    wid, asset_id, sample = _running_survey(db)
    change = save_finding(
        db, sample.coordinator, FindingData(wid, asset_id, "腐食", FindingRank.A), None
    )
    finding = change.created_id(Entity.FINDINGS)
    assert finding is not None
    save_finding(db, sample.coordinator, FindingData(wid, asset_id, "破損", FindingRank.C), None)
    attach_files(db, sample.coordinator, finding, [("p.jpg", jpeg()), ("n.bin", b"\x01\x02")])
    card = asset_card(db, asset_id, TODAY)
    assert card.row.code == "052019-P-000001" and card.row.age == 35
    assert [o.number for o in card.orders] == ["WO-0001"]
    assert [(f.category, f.effective_urgency) for f in card.findings] == [
        ("破損", Urgency.I),
        ("腐食", Urgency.I),
    ]
    assert card.row.condition is Urgency.I  # derived, never typed
    assert card.condition_from is not None and card.condition_from.work_order_number == "WO-0001"
    photos = card.photos_of(finding)
    assert [p.file_name for p in photos] == ["p.jpg"]  # the file that is no image: no thumbnail
    assert photos[0].thumbnail.startswith(b"\xff\xd8")
    assert card.parent is None and card.children == [] and card.children_count == 0


def test_card_parent_and_children(db: Database, registry: Any) -> None:
    plant = asset_card(db, registry["T-01"], TODAY)
    assert [c.code for c in plant.children] == ["T-02", "T-03"] and plant.children_count == 2
    station = asset_card(db, registry["T-02"], TODAY)
    assert station.parent is not None and station.parent.code == "T-01"
    assert station.orders == [] and station.findings == [] and station.condition_from is None
    with pytest.raises(NotFound):
        asset_card(db, 10**9)


def test_edit_round_trip_and_a_concurrent_edit(db: Database, registry: Any) -> None:
    stored = asset_to_edit(db, registry["T-02"])
    assert stored.data.parent == "T-01" and stored.data.owner == "052019"
    changed = dataclasses.replace(stored.data, material="DCIP", diameter_mm=600)
    asset_id, _, change = save_asset(db, ADMIN, changed, stored.version)
    assert asset_id == registry["T-02"] and change.touches(Entity.ASSETS)
    again = asset_to_edit(db, asset_id)
    assert (again.data.material, again.data.diameter_mm, again.version) == ("DCIP", 600, 2)
    with pytest.raises(ConcurrentEdit):  # someone else saved version 2 meanwhile
        save_asset(db, ADMIN, changed, stored.version)
    with pytest.raises(PermissionDenied):
        save_asset(db, COORDINATOR, changed, again.version)
    huge = dataclasses.replace(again.data, diameter_mm=10**20)
    with pytest.raises(ValidationError) as refused:
        save_asset(db, ADMIN, huge, again.version)
    assert refused.value.field == "diameter_mm"
    assert asset_to_edit(db, asset_id).version == 2  # nothing half-written
