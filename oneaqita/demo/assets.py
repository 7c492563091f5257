"""Stage 3: the sewer assets of the 25 municipalities and the prefecture's regional systems.

Assets are written district by district and, inside a district, kind by kind, so that the
assets of one (district, kind) get consecutive ids. Later stages then pick assets from a
range of ids instead of holding 500,000 rows: a work order's stretch of pipe is a run of
consecutive pipe ids, as a real 工区 is a run of neighbouring spans. Assets that are out of
service come last in their run and are left out of the ranges, so no new work touches them.
"""

from __future__ import annotations  # array[int] is not subscriptable before 3.12

import random
from array import array
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import Connection

from oneaqita.demo.batches import BulkInserter, Row, table_of
from oneaqita.demo.organizations import Body, OrgIndex
from oneaqita.demo.places import (
    LAT_RANGE,
    LON_RANGE,
    NIGHT_SOIL_OWNERS,
    PREFECTURE_DISTRICTS,
    PROFILES,
)
from oneaqita.models import Asset, AssetKind, AssetStatus

K = AssetKind
ASSETS_PER_SCALE = 20_000
PREFECTURE_SHARE = 0.03  # trunk sewers, pump stations and plants of the 流域下水道
CODE_LETTERS = {
    K.PIPE: "P",
    K.MANHOLE: "MH",
    K.MANHOLE_PUMP: "MP",
    K.PUMP_STATION: "PS",
    K.TREATMENT_PLANT: "TP",
    K.RURAL_DRAINAGE_PLANT: "RD",
    K.NIGHT_SOIL_PLANT: "NS",
}
FACILITY_KINDS = (
    K.TREATMENT_PLANT,
    K.RURAL_DRAINAGE_PLANT,
    K.NIGHT_SOIL_PLANT,
    K.PUMP_STATION,
    K.MANHOLE_PUMP,
)
_MUNICIPAL_DIAMETERS = (
    (150, 6),
    (200, 45),
    (250, 14),
    (300, 10),
    (350, 5),
    (400, 5),
    (450, 3),
    (500, 3),
    (600, 3),
    (700, 2),
    (800, 1.5),
    (900, 1),
    (1000, 1),
    (1200, 0.7),
    (1350, 0.3),
    (1500, 0.2),
)
_RURAL_DIAMETERS = ((150, 30), (200, 55), (250, 10), (300, 5))
_TRUNK_DIAMETERS = (
    (400, 10),
    (500, 15),
    (600, 15),
    (700, 12),
    (800, 12),
    (900, 10),
    (1000, 9),
    (1100, 6),
    (1200, 5),
    (1350, 3),
    (1500, 3),
)


@dataclass(frozen=True)
class District:
    owner_id: int
    name: str
    # Ids of the in-service assets of each kind: consecutive, so a range is enough.
    ranges: dict[AssetKind, range]


@dataclass
class AssetIndex:
    districts: dict[int, tuple[District, ...]]  # by owner id
    installed: array[int] = field(default_factory=lambda: array("H"))  # year, by id - 1


@dataclass(frozen=True)
class _Plan:
    owner: Body
    name: str
    kind: str  # "main", "public", "rural" or "regional"
    size: int
    lat: float
    lon: float
    base_year: float


def _plans(orgs: OrgIndex, rng: random.Random, total: int) -> list[_Plan]:
    plans: list[_Plan] = []
    regional = max(len(PREFECTURE_DISTRICTS) * 4, round(total * PREFECTURE_SHARE))
    for name, lat, lon in PREFECTURE_DISTRICTS:
        size = regional // len(PREFECTURE_DISTRICTS)
        plans.append(_Plan(orgs.prefecture, name, "regional", size, lat, lon, rng.gauss(1986, 3)))
    weights = {b.id: b.weight + 3 for b in orgs.municipalities}  # villages still have sewers
    whole = sum(weights.values())
    for body in orgs.municipalities:
        profile = PROFILES[body.code]
        owned = (total - regional) * weights[body.id] / whole
        shares = [6.0] + [2.0] * (len(profile.districts) - 1)
        shares += [0.7] * len(profile.rural_districts)
        names = profile.districts + profile.rural_districts
        for n, (name, share) in enumerate(zip(names, shares, strict=True)):
            kind = "main" if n == 0 else "public" if n < len(profile.districts) else "rural"
            spread = 0.0 if n == 0 else 0.07 if kind == "public" else 0.11
            base = {
                "main": rng.gauss(1982, 3),
                "public": rng.uniform(1985, 1998),
                "rural": rng.uniform(1990, 2003),
            }[kind]
            plans.append(
                _Plan(
                    body,
                    name,
                    kind,
                    max(8, round(owned * share / sum(shares))),
                    profile.latitude + rng.uniform(-spread, spread),
                    profile.longitude + rng.uniform(-spread, spread) * 1.3,
                    base,
                )
            )
    return plans


def _layout(plan: _Plan, rng: random.Random) -> list[tuple[AssetKind, int, int]]:
    """(kind, how many, how many of them out of service) in id order for one district."""
    n = plan.size
    plants: list[tuple[AssetKind, int, int]] = []
    if plan.kind == "rural":
        plants.append((K.RURAL_DRAINAGE_PLANT, 1, int(rng.random() < 0.3)))
    elif "関連" not in plan.name:  # a 関連 district drains into the prefecture's plant
        plants.append((K.TREATMENT_PLANT, 1, int(plan.kind == "public" and rng.random() < 0.25)))
    if plan.kind == "main" and plan.owner.code in NIGHT_SOIL_OWNERS:
        plants.append((K.NIGHT_SOIL_PLANT, 1, 0))
    if plan.kind == "regional":
        stations, pumps, manholes = max(1, round(n / 300)), 0, round(n * 0.2)
    else:
        stations = 0 if plan.kind == "rural" else max(1, round(n / 1200))
        pumps = round(n * (0.02 if plan.kind == "rural" else 0.012))
        manholes = max(1, round(n * 0.25))
    pipes = max(3, n - len(plants) - stations - pumps - manholes)
    return [
        *plants,
        (K.PUMP_STATION, stations, 0),
        (K.MANHOLE_PUMP, pumps, 0),
        (K.MANHOLE, manholes, round(manholes * 0.005)),
        (K.PIPE, pipes, round(pipes * 0.01)),
    ]


def load_assets(
    conn: Connection,
    orgs: OrgIndex,
    rng: random.Random,
    scale: float,
    report: Callable[[int, int], None],
    registered: datetime,
) -> tuple[AssetIndex, dict[str, int]]:
    """The assets, all registered at `registered` (the company's register)."""
    table = table_of(Asset)
    plans = _plans(orgs, rng, round(ASSETS_PER_SCALE * scale))
    layouts = [_layout(p, rng) for p in plans]
    total = sum(count for layout in layouts for _, count, _ in layout)
    index = AssetIndex({})
    out = BulkInserter(conn, [table], on_flush=lambda: report(out.counts[table.name], total))
    seq: dict[tuple[int, AssetKind], int] = {}
    next_id = 1
    for plan, layout in zip(plans, layouts, strict=True):
        ranges: dict[AssetKind, range] = {}
        parents: dict[AssetKind, range] = {}
        for kind, count, idle in layout:
            ranges[kind] = range(next_id, next_id + count - idle)
            parents[kind] = range(next_id, next_id + count)
            for n in range(count):
                key = (plan.owner.id, kind)
                seq[key] = seq.get(key, 0) + 1
                row = _asset_row(plan, kind, rng, next_id, seq[key], n >= count - idle)
                row["created_at"] = row["updated_at"] = registered
                row["parent_id"] = _parent(kind, n, parents)
                index.installed.append(row["installed_year"])
                out.add(table, row)
                next_id += 1
        district = District(plan.owner.id, plan.name, ranges)
        index.districts[plan.owner.id] = (*index.districts.get(plan.owner.id, ()), district)
    out.close()
    return index, out.counts


def _parent(kind: AssetKind, n: int, parents: dict[AssetKind, range]) -> int | None:
    """Pump stations belong to their district's plant; manhole pumps to a pump station
    (or, in a rural district, to its drainage plant)."""
    if kind is K.PUMP_STATION:
        plant = parents.get(K.TREATMENT_PLANT)
        return plant[0] if plant else None
    if kind is K.MANHOLE_PUMP:
        for owner_kind in (K.PUMP_STATION, K.RURAL_DRAINAGE_PLANT):
            found = parents.get(owner_kind)
            if found:
                return found[n % len(found)]
    return None


def _pick(rng: random.Random, table: tuple[tuple[int, float], ...]) -> int:
    return rng.choices([v for v, _ in table], weights=[w for _, w in table])[0]


def _asset_row(
    plan: _Plan, kind: AssetKind, rng: random.Random, aid: int, seq: int, idle: bool
) -> Row:
    year_spread = 8.0 if kind in (K.PIPE, K.MANHOLE) else 5.0
    year = (
        rng.gauss(plan.base_year + 6, year_spread)
        if kind is not K.MANHOLE_PUMP
        else (rng.gauss(max(plan.base_year, 1995) + 5, 6))
    )
    if kind in (K.TREATMENT_PLANT, K.RURAL_DRAINAGE_PLANT, K.NIGHT_SOIL_PLANT):
        year = plan.base_year - rng.uniform(0, 3)
    if idle:
        year -= 10  # what was retired or consolidated is the older stock
    year_i = min(2024, max(1965, round(year)))
    diameter: int | None = None
    material: str | None = None
    length: float | None = None
    if kind is K.PIPE:
        table = {"rural": _RURAL_DIAMETERS, "regional": _TRUNK_DIAMETERS}.get(
            plan.kind, _MUNICIPAL_DIAMETERS
        )
        diameter = _pick(rng, table)
        material = _pipe_material(rng, year_i, diameter)
        length = round(rng.uniform(20, 80), 1)
    elif kind is K.MANHOLE:
        diameter = rng.choices((900, 1200, 1500), weights=(80, 15, 5))[0]
        material = (
            "レジンコンクリート" if year_i >= 2000 and rng.random() < 0.4 else "鉄筋コンクリート"
        )
    spread = 0.01 if plan.kind == "rural" else 0.02 if plan.kind == "main" else 0.014
    status = AssetStatus.IN_SERVICE
    if idle:
        plant = kind in (K.TREATMENT_PLANT, K.RURAL_DRAINAGE_PLANT)
        status = AssetStatus.CONSOLIDATED if plant else AssetStatus.RETIRED
    return {
        "id": aid,
        "code": f"{plan.owner.code}-{CODE_LETTERS[kind]}-{seq:06d}",
        "kind": kind.value,
        "owner_id": plan.owner.id,
        "district": plan.name,
        "installed_year": year_i,
        "material": material,
        "diameter_mm": diameter,
        "length_m": length,
        "latitude": round(min(LAT_RANGE[1], max(LAT_RANGE[0], rng.gauss(plan.lat, spread))), 6),
        "longitude": round(
            min(LON_RANGE[1], max(LON_RANGE[0], rng.gauss(plan.lon, spread * 1.3))), 6
        ),
        "service_life_years": None,  # follows the service-life tables
        "status": status.value,
        "condition": None,  # derived from the findings once they exist
        "version": 1,
    }


def _pipe_material(rng: random.Random, year: int, diameter: int) -> str:
    r = rng.random()
    if diameter >= 700:
        return "ダクタイル鋳鉄管" if r < 0.15 else "ヒューム管"
    if diameter <= 300:
        if year < 1980:
            return "陶管" if r < 0.5 else "ヒューム管"
        return "塩ビ管" if r < min(0.95, 0.5 + (year - 1980) / 40) else "ヒューム管"
    return "ダクタイル鋳鉄管" if r < 0.1 else "ヒューム管"
