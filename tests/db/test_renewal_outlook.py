"""The renewal outlook, computed by hand: years due with the backlog, the tables' lives
(asset's own, body's target, standard), repeats of short lives, consolidation, unit costs by
diameter band, km past life, the levelled scenario and the exports."""

from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook
from sqlalchemy import insert, update

from oneaqita.models import Asset, AssetKind, AssetStatus
from oneaqita.reports.renewal_levelling import levelled
from oneaqita.reports.renewal_outlook import renewal_outlook
from oneaqita.reports.renewal_outlook_files import write_outlook
from oneaqita.services.database import Database
from oneaqita.services.service_lives import (
    read_renewal_basis,
    save_body_life,
    save_service_life,
    save_unit_cost,
)
from tests.staffing_builders import ADMIN, MANAGER, add_bodies

K = AssetKind
FIRST = 2026
AKITA, NOSHIRO = "052019", "052027"


def _asset(code: str, kind: K, owner: int, year: int | None, **more: Any) -> dict[str, Any]:
    return {"code": code, "kind": kind, "owner_id": owner, "installed_year": year, **more}


def build(db: Database) -> dict[str, int]:
    """The assets of the hand-computed case (see each line); the bodies' ids."""
    ids = add_bodies(db)
    a, n = ids[AKITA], ids[NOSHIRO]
    rows = [
        # 1970 + 50 = 2020: past life, the first year's backlog; 100 m × 61,000
        _asset("A1", K.PIPE, a, 1970, diameter_mm=200, length_m=Decimal(100)),
        # 1980 + 50 = 2030; 50.5 m × 116,000 (band from 251 mm? no: 300 mm is in it)
        _asset("A2", K.PIPE, a, 1980, diameter_mm=300, length_m=Decimal("50.5")),
        # its own life 60: 2040; 40 m × 116,000
        _asset("A3", K.PIPE, a, 1980, diameter_mm=300, length_m=Decimal(40), service_life_years=60),
        # 15 years: due 2030, renewed and due again 2045, 2060, 2075; 15,000,000 each time
        _asset("A4", K.MANHOLE_PUMP, a, 2015),
        # out of service: never in the outlook
        _asset("A5", K.PIPE, a, 1960, length_m=Decimal(30), status=AssetStatus.CONSOLIDATED),
        _asset("A6", K.PIPE, a, 1960, length_m=Decimal(30), status=AssetStatus.RETIRED),
        # no diameter: the band from 0 mm; 2024 + 50 = 2074; 20 m × 61,000
        _asset("A7", K.PIPE, a, 2024, length_m=Decimal(20)),
        # its own life 60 from 2020: 2080, past the horizon (2026–2075)
        _asset("A8", K.PIPE, a, 2020, length_m=Decimal(5), service_life_years=60),
        # Noshiro plans its pipes for 76 years: 1990 + 76 = 2066; 10 m × 295,000
        _asset("N1", K.PIPE, n, 1990, diameter_mm=600, length_m=Decimal(10)),
        # no installed year: undated, left out
        _asset("N2", K.PIPE, n, None, length_m=Decimal(7)),
        # 1976 + 50 = 2026: due in the first year, not backlog; 1,000,000
        _asset("N3", K.MANHOLE, n, 1976),
    ]
    with db.unit_of_work(ADMIN) as uow:
        uow.session.execute(insert(Asset), rows)
    save_body_life(db, MANAGER, n, K.PIPE, 76)
    return ids


def _totals(db: Database, **filters: Any) -> dict[int, tuple[int, Decimal, int]]:
    outlook = renewal_outlook(db, ADMIN, FIRST, **filters)
    return {
        t.fiscal_year: (t.count, t.metres, t.cost_yen) for t in outlook.year_totals() if t.count
    }


EXPECTED = {
    2026: (2, Decimal(100), 7_100_000),
    2030: (2, Decimal("50.5"), 20_858_000),
    2040: (1, Decimal(40), 4_640_000),
    2045: (1, Decimal(0), 15_000_000),
    2060: (1, Decimal(0), 15_000_000),
    2066: (1, Decimal(10), 2_950_000),
    2074: (1, Decimal(20), 1_220_000),
    2075: (1, Decimal(0), 15_000_000),
}


def test_years_due_lives_repeats_and_costs_by_hand(db: Database) -> None:
    build(db)
    assert _totals(db) == EXPECTED
    outlook = renewal_outlook(db, ADMIN, FIRST)
    assert outlook.last_year == 2075 and len(outlook.year_totals()) == 50
    assert outlook.undated == 1
    assert outlook.total_cost_yen == 81_768_000
    first = outlook.year_totals()[0]
    assert first.backlog_cost_yen == 6_100_000
    assert [outlook.past_life_km(a) for a in (0, 10, 20)] == [
        Decimal("0.1"),
        Decimal("0.1505"),
        Decimal("0.1905"),
    ]
    by_owner = outlook.year_totals("owner")[0].by_part
    ids = {name: oid for oid, name in outlook.bodies.items()}
    assert by_owner == {ids["秋田市"]: 6_100_000, ids["能代市"]: 1_000_000}
    pump = [c for c in outlook.cells if c.kind is K.MANHOLE_PUMP]
    assert [(c.fiscal_year, c.again_count) for c in pump] == [
        (2030, 0),
        (2045, 1),
        (2060, 1),
        (2075, 1),
    ]


def test_filters_by_owner_and_kind(db: Database) -> None:
    ids = build(db)
    assert _totals(db, owner_ids=[ids[NOSHIRO]]) == {
        2026: (1, Decimal(0), 1_000_000),
        2066: (1, Decimal(10), 2_950_000),
    }
    assert set(_totals(db, kinds=[K.MANHOLE_PUMP])) == {2030, 2045, 2060, 2075}
    assert renewal_outlook(db, ADMIN, FIRST, owner_ids=[ids["050008"]]).cells == []


def test_a_consolidated_asset_drops_out_of_its_old_owners_outlook(db: Database) -> None:
    ids = build(db)
    with db.unit_of_work(ADMIN) as uow:
        uow.session.execute(
            update(Asset).where(Asset.code == "A1").values(status=AssetStatus.CONSOLIDATED)
        )
    akita = _totals(db, owner_ids=[ids[AKITA]])
    assert 2026 not in akita
    outlook = renewal_outlook(db, ADMIN, FIRST)
    assert outlook.year_totals()[0].backlog_cost_yen == 0
    assert outlook.past_life_km(0) == 0


def test_service_life_and_unit_cost_edits_move_the_outlook(db: Database) -> None:
    build(db)
    basis = read_renewal_basis(db, ADMIN)
    pipe = next(r for r in basis.lives if r.kind is K.PIPE)
    band = next(c for c in basis.unit_costs if c.kind is K.PIPE and c.min_diameter_mm == 251)
    save_service_life(db, MANAGER, K.PIPE, 40, pipe.version)
    save_unit_cost(db, ADMIN, K.PIPE, 251, 100_000, band.id, band.version)
    totals = _totals(db)
    # A2 1980 + 40 = 2020: backlog now, 50.5 m × 100,000; A7 2024 + 40 = 2064; A3 (own 60)
    # and N1 (Noshiro's 76) stay where they were.
    assert totals[2026] == (3, Decimal("150.5"), 6_100_000 + 5_050_000 + 1_000_000)
    assert totals[2064] == (1, Decimal(20), 1_220_000)
    assert totals[2040] == (1, Decimal(40), 4_000_000)
    # renewed in 2026, A1 and A2 come due again 40 years on, beside Noshiro's N1
    assert totals[2066] == (3, Decimal("160.5"), 2_950_000 + 6_100_000 + 5_050_000)
    assert 2030 in totals and totals[2030] == (1, Decimal(0), 15_000_000)


def test_levelled_scenario_of_the_outlook_by_hand(db: Database) -> None:
    build(db)
    plan = levelled(renewal_outlook(db, ADMIN, FIRST).due_by_year(), 5_000_000)
    years = {y.fiscal_year: y for y in plan.years}
    assert max(y.spent_yen for y in plan.years) == 5_000_000
    assert (years[2026].spent_yen, years[2026].carried_yen) == (5_000_000, 2_100_000)
    assert (years[2027].spent_yen, years[2027].carried_yen) == (2_100_000, 0)
    assert [years[y].carried_yen for y in range(2030, 2035)] == [
        15_858_000,
        10_858_000,
        5_858_000,
        858_000,
        0,
    ]
    assert years[2040].spent_yen == 4_640_000 and years[2040].carried_yen == 0
    assert plan.left_over_yen == 10_000_000 and plan.oldest_left_over == 2075
    spent = sum(y.spent_yen for y in plan.years)
    assert spent + plan.left_over_yen == 81_768_000


def test_levelling_takes_the_oldest_year_due_first() -> None:
    plan = levelled([(1, 10), (2, 10), (3, 0)], 6)
    assert [(y.spent_yen, y.carried_yen, y.oldest_waiting) for y in plan.years] == [
        (6, 4, 1),
        (6, 8, 2),
        (6, 2, 2),
    ]
    assert plan.left_over_yen == 2 and plan.longest_wait == 2
    enough = levelled([(1, 10), (2, 10)], "1,000")
    assert [y.spent_yen for y in enough.years] == [10, 10] and enough.left_over_yen == 0


@pytest.mark.parametrize("budget", [0, -1, 10**14, "abc", "=1+1", "1.5", True, None])
def test_a_hostile_budget_is_refused_at_its_field(budget: object) -> None:
    from oneaqita.errors import ValidationError

    with pytest.raises(ValidationError) as err:
        levelled([(1, 10)], budget)
    assert err.value.field == "budget"


@pytest.mark.parametrize("first", [1899, 2151, "2026年", None])
def test_a_hostile_first_year_is_refused(sqlite_db: Database, first: object) -> None:
    from oneaqita.errors import ValidationError

    with pytest.raises(ValidationError) as err:
        renewal_outlook(sqlite_db, ADMIN, first)  # type: ignore[arg-type]
    assert err.value.field == "first_year"


def test_exports_write_the_table(db: Database, tmp_path: Path) -> None:
    build(db)
    outlook = renewal_outlook(db, ADMIN, FIRST)
    plan = levelled(outlook.due_by_year(), 5_000_000)
    assert write_outlook(tmp_path / "o.csv", outlook, plan) == 54  # 50 years, 4 figures
    text = (tmp_path / "o.csv").read_text(encoding="utf-8-sig").splitlines()
    assert text[0].startswith("年度,")
    assert text[1].split(",")[:4] == ["2026", "2", "0.1", "7100000"]
    assert text[-1].split(",")[:2] == ["期間末に残る改築費(円)", "10000000"]
    assert write_outlook(tmp_path / "o.xlsx", outlook, None) == 53
    sheet = load_workbook(tmp_path / "o.xlsx").active
    assert sheet is not None
    values = [c.value for c in sheet[2]]
    assert values[:4] == [2026, 2, 0.1, 7_100_000]
