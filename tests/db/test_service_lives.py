"""Editing the renewal basis: who may, hostile values refused at their field with nothing
written, version checks, the audit, and the rules that keep every asset costed."""

from typing import Any

import pytest

from oneaqita.errors import ConcurrentEdit, NotFound, PermissionDenied, ValidationError
from oneaqita.models import AssetKind
from oneaqita.services.changes import Entity
from oneaqita.services.database import Database
from oneaqita.services.service_lives import (
    read_renewal_basis,
    remove_body_life,
    remove_unit_cost,
    save_body_life,
    save_service_life,
    save_unit_cost,
    set_asset_service_life,
)
from tests.staffing_builders import ADMIN, COORDINATOR, MANAGER, add_bodies, audits

K = AssetKind


def _pipe_life(db: Database) -> Any:
    return next(r for r in read_renewal_basis(db, COORDINATOR).lives if r.kind is K.PIPE)


def test_the_tables_are_seeded_with_the_standard_lives_and_costs(db: Database) -> None:
    basis = read_renewal_basis(db, COORDINATOR)
    assert {r.kind: r.years for r in basis.lives} == {
        K.PIPE: 50,
        K.MANHOLE: 50,
        K.MANHOLE_PUMP: 15,
        K.PUMP_STATION: 20,
        K.TREATMENT_PLANT: 20,
        K.RURAL_DRAINAGE_PLANT: 20,
        K.NIGHT_SOIL_PLANT: 20,
    }
    pipes = [(c.min_diameter_mm, c.yen) for c in basis.unit_costs if c.kind is K.PIPE]
    assert pipes[:2] == [(0, 61_000), (251, 116_000)] and len(pipes) == 6
    assert {c.kind for c in basis.unit_costs if c.min_diameter_mm == 0} == set(K)
    assert basis.body_lives == []


def test_a_standard_life_edit_is_version_checked_and_audited(db: Database) -> None:
    row = _pipe_life(db)
    change = save_service_life(db, MANAGER, K.PIPE, "７６", row.version)
    assert change.touches(Entity.RENEWAL_BASIS)
    assert _pipe_life(db).years == 76
    with pytest.raises(ConcurrentEdit):
        save_service_life(db, ADMIN, K.PIPE, 60, row.version)
    assert _pipe_life(db).years == 76
    ((action, actor, before, after),) = audits(db, "renewal_basis")
    assert (action, actor) == ("update", "manager")
    assert (before["years"], after["years"], after["table"]) == (50, 76, "service_lives")


@pytest.mark.parametrize(
    "years", [0, -5, 201, 10**12, "7.5", "=1+1", "-1", "\x00", "", True, None, 7.0]
)
def test_a_hostile_life_is_refused_and_nothing_written(db: Database, years: object) -> None:
    row = _pipe_life(db)
    with pytest.raises(ValidationError) as err:
        save_service_life(db, ADMIN, K.PIPE, years, row.version)
    assert err.value.field == "years" and err.value.ja and err.value.en
    assert _pipe_life(db) == row and audits(db, "renewal_basis") == []


@pytest.mark.parametrize("yen", [-1, 10**12, "1e6", "abc", "@SUM(A1)"])
def test_a_hostile_unit_cost_is_refused(db: Database, yen: object) -> None:
    with pytest.raises(ValidationError) as err:
        save_unit_cost(db, ADMIN, K.PIPE, 700, yen)
    assert err.value.field == "yen"


def test_only_administrators_and_managers_edit_the_basis(db: Database) -> None:
    row = _pipe_life(db)
    with pytest.raises(PermissionDenied):
        save_service_life(db, COORDINATOR, K.PIPE, 60, row.version)
    with pytest.raises(PermissionDenied):
        save_unit_cost(db, COORDINATOR, K.PIPE, 700, 1)
    assert _pipe_life(db) == row


def test_body_target_lives_one_per_kind(db: Database) -> None:
    ids = add_bodies(db)
    city = ids["052019"]
    row_id, _ = save_body_life(db, ADMIN, city, K.PIPE, 76)
    with pytest.raises(ValidationError) as err:
        save_body_life(db, ADMIN, city, K.PIPE, 80)
    assert err.value.field == "kind"
    (row,) = read_renewal_basis(db, ADMIN).body_lives
    assert (row.id, row.body, row.years) == (row_id, "秋田市", 76)
    save_body_life(db, ADMIN, city, K.PIPE, 80, row_id, row.version)
    with pytest.raises(ConcurrentEdit):
        remove_body_life(db, ADMIN, row_id, row.version)
    remove_body_life(db, ADMIN, row_id, row.version + 1)
    assert read_renewal_basis(db, ADMIN).body_lives == []
    with pytest.raises(NotFound):
        remove_body_life(db, ADMIN, row_id, row.version + 1)
    with pytest.raises(ValidationError):
        save_body_life(db, ADMIN, 999_999, K.PIPE, 76)
    assert [a[0] for a in audits(db, "renewal_basis")] == ["create", "update", "delete"]


def test_bands_can_be_added_and_removed_but_never_the_one_from_zero(db: Database) -> None:
    band_id, _ = save_unit_cost(db, ADMIN, K.MANHOLE, 1200, 1_500_000)
    with pytest.raises(ValidationError) as err:
        save_unit_cost(db, ADMIN, K.MANHOLE, 1200, 1)
    assert err.value.field == "min_diameter_mm"
    costs = read_renewal_basis(db, ADMIN).unit_costs
    zero = next(c for c in costs if c.kind is K.MANHOLE and c.min_diameter_mm == 0)
    added = next(c for c in costs if c.id == band_id)
    with pytest.raises(ValidationError):
        remove_unit_cost(db, ADMIN, zero.id, zero.version)
    with pytest.raises(ValidationError):
        save_unit_cost(db, ADMIN, K.MANHOLE, 100, zero.yen, zero.id, zero.version)
    remove_unit_cost(db, ADMIN, band_id, added.version)
    assert band_id not in {c.id for c in read_renewal_basis(db, ADMIN).unit_costs}


def test_an_assets_own_life_is_set_and_cleared(db: Database) -> None:
    from sqlalchemy import insert, select

    from oneaqita.models import Asset
    from oneaqita.services.service_lives import effective_life

    ids = add_bodies(db)
    with db.unit_of_work(ADMIN) as uow:
        uow.session.execute(
            insert(Asset), [{"code": "P-1", "kind": K.PIPE, "owner_id": ids["052019"]}]
        )

    def life() -> tuple[int, int | None, int]:
        with db.read() as s:
            row = s.execute(
                select(Asset.id, Asset.service_life_years, effective_life(), Asset.version)
            ).one()
            return row[0], row[1], row[2], row[3]  # type: ignore[return-value]

    asset_id, own, effective, version = life()
    assert (own, effective) == (None, 50)
    save_body_life(db, ADMIN, ids["052019"], K.PIPE, 76)
    assert life()[2] == 76
    with pytest.raises(PermissionDenied):
        set_asset_service_life(db, MANAGER, asset_id, 60, version)
    with pytest.raises(ValidationError):
        set_asset_service_life(db, ADMIN, asset_id, "0", version)
    change = set_asset_service_life(db, ADMIN, asset_id, "60", version)
    assert change.touches(Entity.ASSETS) and life()[1:3] == (60, 60)
    with pytest.raises(ConcurrentEdit):
        set_asset_service_life(db, ADMIN, asset_id, None, version)
    set_asset_service_life(db, ADMIN, asset_id, "", version + 1)
    assert life()[1:3] == (None, 76)
