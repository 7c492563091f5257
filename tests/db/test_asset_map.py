"""The assets' map read by level of detail (points when few, cells counted in SQL when many),
under the list's filter, and the nearest asset to a click, on SQLite and PostgreSQL."""

from decimal import Decimal

import pytest
from sqlalchemy import insert, select

from oneaqita.errors import ValidationError
from oneaqita.models import Asset, AssetKind, AssetStatus, Urgency
from oneaqita.services.asset_map import (
    INDEXED_LEVEL,
    SEVERITY,
    MapBox,
    cell_level,
    cell_size,
    map_picture,
    nearest_asset,
)
from oneaqita.services.asset_registry import AssetListFilter
from oneaqita.services.database import Database
from tests.staffing_builders import ADMIN, add_bodies

BOX = MapBox(140.0, 39.0, 141.0, 40.0)
# code, owner, kind, lon, lat, condition, status
ASSETS = [
    ("A-1", "052019", AssetKind.PIPE, "140.100000", "39.700000", Urgency.I, None),
    ("A-2", "052019", AssetKind.PIPE, "140.101000", "39.701000", Urgency.III, None),
    ("A-3", "052019", AssetKind.MANHOLE, "140.102000", "39.702000", None, None),
    ("A-4", "052027", AssetKind.PIPE, "140.900000", "39.100000", Urgency.II, None),
    ("A-5", "052027", AssetKind.PIPE, "140.901000", "39.101000", None, AssetStatus.RETIRED),
    ("A-6", "052027", AssetKind.PIPE, "139.000000", "39.500000", Urgency.I, None),  # west of box
    ("A-7", "052019", AssetKind.PIPE, None, None, Urgency.I, None),  # no coordinates
]


@pytest.fixture
def placed(db: Database) -> dict[str, int]:
    bodies = add_bodies(db)
    with db.unit_of_work(ADMIN) as uow:
        uow.session.execute(
            insert(Asset),
            [
                {
                    "code": code,
                    "kind": kind,
                    "owner_id": bodies[owner],
                    "district": "八橋処理区",
                    "longitude": Decimal(lon) if lon else None,
                    "latitude": Decimal(lat) if lat else None,
                    "condition": condition,
                    "status": status or AssetStatus.IN_SERVICE,
                }
                for code, owner, kind, lon, lat, condition, status in ASSETS
            ],
        )
        ids = dict(uow.session.execute(select(Asset.code, Asset.id)).all())
    return {**bodies, **ids}


def _codes(placed: dict[str, int], ids: object) -> set[str]:
    by_id = {v: k for k, v in placed.items() if k.startswith("A-")}
    return {by_id[i] for i in ids}  # type: ignore[attr-defined]


def test_few_assets_are_points_with_their_position_and_condition(
    db: Database, placed: dict[str, int]
) -> None:
    pic = map_picture(db, AssetListFilter(), BOX, 800, 600)
    assert not pic.aggregated
    assert _codes(placed, pic.ids) == {"A-1", "A-2", "A-3", "A-4", "A-5"}
    drawn = zip(pic.ids, pic.lons, pic.lats, pic.severities, strict=True)
    at = {i: (lon, lat, s) for i, lon, lat, s in drawn}
    assert at[placed["A-1"]] == pytest.approx((140.1, 39.7, SEVERITY[Urgency.I]))
    assert at[placed["A-3"]][2] == SEVERITY[None]
    assert pic.total == 5


def test_the_lists_filter_decides_what_is_drawn(db: Database, placed: dict[str, int]) -> None:
    def drawn(**kw: object) -> set[str]:
        return _codes(placed, map_picture(db, AssetListFilter(**kw), BOX, 800, 600).ids)  # type: ignore[arg-type]

    assert drawn(owner_id=placed["052027"]) == {"A-4", "A-5"}
    assert drawn(kind=AssetKind.MANHOLE) == {"A-3"}
    assert drawn(condition=Urgency.I) == {"A-1"}
    assert drawn(condition="none") == {"A-3", "A-5"}
    assert drawn(status=AssetStatus.RETIRED) == {"A-5"}
    assert drawn(text="A-2") == {"A-2"}


def test_many_assets_are_counted_per_cell_with_the_worst_condition(
    db: Database, placed: dict[str, int]
) -> None:
    pic = map_picture(db, AssetListFilter(), BOX, 800, 600, max_points=2)
    assert pic.aggregated and not pic.ids
    assert pic.total == 5
    cells = sorted(zip(pic.lons, pic.lats, pic.counts, pic.severities, strict=True))
    # two clusters a few hundred metres wide, far apart: one cell each
    assert [(n, s) for _, _, n, s in cells] == [
        (3, SEVERITY[Urgency.I]),
        (2, SEVERITY[Urgency.II]),
    ]
    w, h = cell_size(BOX, 800, 600)
    assert (pic.cell_w, pic.cell_h) == (w, h)
    lon, lat = cells[0][:2]
    assert abs(lon - 140.1) <= w / 2 and abs(lat - 39.7) <= h / 2


def test_cells_of_every_level_count_the_same_assets(db: Database, placed: dict[str, int]) -> None:
    """Coarser than the indexed level (merged), at it, and finer (counted as they are)."""
    for size, level in (((8, 6), 0), ((800, 600), INDEXED_LEVEL), ((8000, 6000), 9)):
        assert cell_level(BOX, *size) == level
        pic = map_picture(db, AssetListFilter(), BOX, *size, max_points=2)
        assert pic.aggregated and pic.cell_w == 2.0**-level
        assert pic.total == 5 and max(pic.severities) == SEVERITY[Urgency.I]
        if level <= INDEXED_LEVEL:  # the two clusters in one 1° cell, or one cell each
            assert sorted(pic.counts) == ([5] if level == 0 else [2, 3])
    owned = map_picture(db, AssetListFilter(owner_id=placed["052027"]), BOX, 80, 60, max_points=1)
    assert list(owned.counts) == [2] and owned.severities == bytes([SEVERITY[Urgency.II]])


def test_cells_are_powers_of_two_and_bounded_by_the_view() -> None:
    w, h = cell_size(MapBox(139.0, 39.0, 141.0, 41.0), 1000, 1000)
    assert w == 2.0**-5 and h == 2.0**-5  # 2° / 125 cells = 0.016 → 1/32 (1/64 is less)
    huge = cell_size(MapBox(-180, -90, 180, 90), 10**9, 10**9)
    assert huge[0] >= 180 / (8192 // 8)  # at most 1,024 cells on the finer axis


def test_a_box_that_is_not_one_is_refused_on_its_field(db: Database) -> None:
    for box in (
        MapBox(141.0, 39.0, 140.0, 40.0),
        MapBox(140.0, 39.0, 140.0, 40.0),
        MapBox(float("nan"), 39.0, 141.0, 40.0),
        MapBox(-200.0, 39.0, 141.0, 40.0),
    ):
        with pytest.raises(ValidationError) as raised:
            map_picture(db, AssetListFilter(), box, 800, 600)
        assert raised.value.field == "box" and "地図" in raised.value.ja


def test_the_nearest_asset_to_a_click(db: Database, placed: dict[str, int]) -> None:
    flt = AssetListFilter()
    assert nearest_asset(db, flt, 140.1004, 39.7004, 0.01) == placed["A-1"]
    assert nearest_asset(db, flt, 140.1009, 39.7009, 0.01) == placed["A-2"]
    assert nearest_asset(db, flt, 140.5, 39.5, 0.01) is None  # nothing that near
    assert (
        nearest_asset(db, AssetListFilter(condition=Urgency.III), 140.1, 39.7, 0.01)
        == (placed["A-2"])
    )
    assert nearest_asset(db, flt, float("nan"), 39.7, 0.01) is None
