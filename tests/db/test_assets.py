"""Storing assets (upsert_asset, upsert_assets, save_asset): rules, audit, versions, parents."""

from dataclasses import replace
from datetime import date
from decimal import Decimal

import pytest
from sqlalchemy import select

from oneaqita.errors import ConcurrentEdit, PermissionDenied, ValidationError
from oneaqita.models import Asset, AssetKind, AssetStatus
from oneaqita.services.assets import save_asset, upsert_asset, upsert_assets
from oneaqita.services.changes import Entity
from oneaqita.services.database import Database
from oneaqita.services.records import AssetData, UpsertOutcome
from oneaqita.services.service_lives import effective_life
from tests.staffing_builders import ADMIN, COORDINATOR, add_bodies, audits

U = UpsertOutcome
K = AssetKind
PLANT = AssetData("TP-1", K.TREATMENT_PLANT, "秋田市", district="中央処理区", installed_year=1990)
PIPE = AssetData(
    "P-1",
    K.PIPE,
    "052019",
    installed_year=1985,
    material="ヒューム管",
    diameter_mm=250,
    length_m=Decimal("35.5"),
    latitude=Decimal("39.7186145"),
    longitude=Decimal("140.1023"),
    parent="TP-1",
)


def _asset(db: Database, code: str) -> Asset:
    with db.read() as s:
        asset = s.scalar(select(Asset).where(Asset.code == code))
        assert asset is not None
        s.expunge(asset)
        return asset


def test_adds_updates_and_leaves_unchanged_with_one_audit_entry_per_write(db: Database) -> None:
    add_bodies(db)
    with db.unit_of_work(ADMIN) as uow:
        assert upsert_asset(uow, PLANT)[1] is U.ADDED
        assert upsert_asset(uow, PIPE)[1] is U.ADDED
    pipe = _asset(db, "P-1")
    plant = _asset(db, "TP-1")
    assert pipe.parent_id == plant.id and pipe.service_life_years is None  # the tables decide
    assert plant.service_life_years is None and plant.status is AssetStatus.IN_SERVICE
    assert pipe.length_m == Decimal("35.50")
    assert pipe.latitude == Decimal("39.718614")  # rounded half even to what is stored
    with db.unit_of_work(ADMIN) as uow:
        assert upsert_asset(uow, PIPE)[1] is U.UNCHANGED
        assert upsert_asset(uow, replace(PIPE, status=AssetStatus.RETIRED))[1] is U.UPDATED
    assert _asset(db, "P-1").version == pipe.version + 1
    entries = audits(db, "assets")
    assert [e[0] for e in entries] == ["create", "create", "update"]
    before, after = entries[2][2], entries[2][3]
    assert (before["status"], after["status"]) == ("in_service", "retired")
    assert after["length_m"] == "35.50" and after["parent_id"] == plant.id


def test_a_standard_service_life_follows_the_kind(db: Database) -> None:
    add_bodies(db)
    with db.unit_of_work(ADMIN) as uow:
        upsert_asset(uow, replace(PLANT, kind=K.PUMP_STATION, parent=None))
        upsert_asset(uow, replace(PLANT, kind=K.MANHOLE, parent=None))
    with db.read() as s:
        life = s.scalar(select(effective_life()).where(Asset.code == "TP-1"))
    assert life == 50  # a manhole's standard life, no life of its own


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"code": " "}, "code"),
        ({"owner": "999999"}, "owner"),
        ({"installed_year": 1867}, "installed_year"),
        ({"installed_year": date.today().year + 1}, "installed_year"),
        ({"diameter_mm": 0}, "diameter_mm"),
        ({"diameter_mm": 2**31}, "diameter_mm"),  # Integer: 32-bit on PostgreSQL
        ({"length_m": Decimal("100000000")}, "length_m"),  # Numeric(10, 2)
        ({"length_m": Decimal("1E+40")}, "length_m"),  # beyond what quantize() takes
        ({"length_m": Decimal("-0.01")}, "length_m"),
        ({"latitude": Decimal("90.000001")}, "latitude"),
        ({"longitude": Decimal("-180.5")}, "longitude"),
        ({"parent": "NOPE"}, "parent"),
        ({"parent": "P-1"}, "parent"),
        ({"material": "x" * 41}, "material"),
    ],
)
def test_refuses_bad_values_naming_the_field(
    db: Database, change: dict[str, object], field: str
) -> None:
    add_bodies(db)
    with db.unit_of_work(ADMIN) as uow:
        upsert_asset(uow, PLANT)
    with pytest.raises(ValidationError) as exc, db.unit_of_work(ADMIN) as uow:
        upsert_asset(uow, replace(PIPE, **change))  # type: ignore[arg-type]
    assert exc.value.field == field
    assert exc.value.ja and exc.value.en
    with db.read() as s:
        assert s.scalar(select(Asset.code).where(Asset.code == "P-1")) is None


def test_extreme_but_legal_values_are_kept(db: Database) -> None:
    add_bodies(db)
    data = replace(
        PIPE,
        parent=None,
        installed_year=1868,
        length_m=Decimal("0"),
        latitude=Decimal("-90"),
        longitude=Decimal("180"),
        diameter_mm=2**31 - 1,
    )
    with db.unit_of_work(ADMIN) as uow:
        upsert_asset(uow, data)
    pipe = _asset(db, "P-1")
    assert (pipe.length_m, pipe.latitude, pipe.longitude) == (0, -90, 180)
    assert pipe.diameter_mm == 2**31 - 1


def test_a_parent_that_would_make_a_cycle_is_refused(db: Database) -> None:
    add_bodies(db)
    with db.unit_of_work(ADMIN) as uow:
        upsert_asset(uow, PLANT)
        upsert_asset(uow, PIPE)
        upsert_asset(uow, AssetData("MH-1", K.MANHOLE, "052019", parent="P-1"))
    with pytest.raises(ValidationError) as exc, db.unit_of_work(ADMIN) as uow:
        upsert_asset(uow, replace(PLANT, parent="MH-1"))
    assert exc.value.field == "parent"
    assert _asset(db, "TP-1").parent_id is None
    # Two new assets naming each other
    with pytest.raises(ValidationError) as exc, db.unit_of_work(ADMIN) as uow:
        upsert_assets(
            uow,
            [
                AssetData("A", K.MANHOLE, "052019", parent="B"),
                AssetData("B", K.MANHOLE, "052019", parent="A"),
            ],
        )
    assert exc.value.field == "parent"


def test_many_at_once_with_parents_after_children(db: Database) -> None:
    add_bodies(db)
    with db.unit_of_work(ADMIN) as uow:
        upsert_asset(uow, replace(PIPE, code="P-0", parent=None))
    rows = [
        replace(PIPE, code="P-2", parent="MH-9"),
        AssetData("MH-9", K.MANHOLE, "052019", parent="TP-1"),
        replace(PIPE, code="P-0", parent="TP-1"),  # stored, now under a new plant
        PLANT,
    ]
    with db.unit_of_work(ADMIN) as uow:
        outcomes = [o for _, o in upsert_assets(uow, rows)]
    assert outcomes == [U.ADDED, U.ADDED, U.UPDATED, U.ADDED]
    plant, manhole = _asset(db, "TP-1"), _asset(db, "MH-9")
    assert _asset(db, "P-2").parent_id == manhole.id
    assert manhole.parent_id == plant.id
    assert _asset(db, "P-0").parent_id == plant.id
    with db.unit_of_work(ADMIN) as uow:
        assert {o for _, o in upsert_assets(uow, rows)} == {U.UNCHANGED}
    assert [e[0] for e in audits(db, "assets")] == ["create"] + ["create"] * 3 + ["update"]


def test_only_administrators_change_assets(db: Database) -> None:
    add_bodies(db)
    with pytest.raises(PermissionDenied), db.unit_of_work(COORDINATOR) as uow:
        upsert_asset(uow, PLANT)
    with pytest.raises(PermissionDenied):
        save_asset(db, COORDINATOR, PLANT, None)


def test_save_checks_the_version_the_user_edited(db: Database) -> None:
    add_bodies(db)
    asset_id, outcome, change = save_asset(db, ADMIN, PLANT, None)
    assert outcome is U.ADDED and change.touches(Entity.ASSETS)
    assert asset_id in change.ids_of(Entity.ASSETS)
    with pytest.raises(ValidationError) as exc:
        save_asset(db, ADMIN, PLANT, None)  # the code is taken
    assert exc.value.field == "code"
    save_asset(db, ADMIN, replace(PLANT, district="北部処理区"), 1)
    with pytest.raises(ConcurrentEdit):
        save_asset(db, ADMIN, replace(PLANT, district="南部処理区"), 1)  # edited since
    assert _asset(db, "TP-1").district == "北部処理区"


def test_codes_with_quotes_and_percent_signs_are_found_again(db: Database) -> None:
    add_bodies(db)  # the codes are written into the lookup statement as literals
    rows = [AssetData(code, K.MANHOLE, "052019") for code in ("MH'1", "MH%_2", 'MH"3\\')]
    with db.unit_of_work(ADMIN) as uow:
        assert {o for _, o in upsert_assets(uow, rows)} == {U.ADDED}
    with db.unit_of_work(ADMIN) as uow:
        assert {o for _, o in upsert_assets(uow, rows)} == {U.UNCHANGED}
        assert (
            upsert_asset(uow, AssetData("MH-4", K.MANHOLE, "052019", parent="MH'1"))[1] is U.ADDED
        )
