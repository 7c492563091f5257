"""What a work order is about: which of the client's assets, and the title that says so.

A job on pipes covers a run of neighbouring spans (consecutive ids, see assets.py) and is
titled after its district and 工区 (work section), as in "八橋処理区 管路点検 (第3工区)".
"""

import random
from dataclasses import dataclass

from oneaqita.demo.assets import FACILITY_KINDS, AssetIndex, District
from oneaqita.demo.work_codes import T
from oneaqita.models import AssetKind
from oneaqita.vocabulary import ASSET_KIND_JA

K = AssetKind
SPANS_PER_SECTION = 40  # pipe spans in one 工区
_RUN_LENGTHS = ((1, 1), (2, 2), (3, 3), (4, 3), (5, 3))  # assets per job, weights


@dataclass(frozen=True)
class Scope:
    title: str
    asset_ids: range
    kind: AssetKind


def _run(rng: random.Random, ids: range, longest: int) -> range:
    lengths = _RUN_LENGTHS[:longest]
    k = rng.choices([n for n, _ in lengths], weights=[w for _, w in lengths])[0]
    k = min(k, len(ids))
    offset = rng.randrange(len(ids) - k + 1)
    return ids[offset : offset + k]


def _district(rng: random.Random, districts: tuple[District, ...], kind: AssetKind) -> District:
    """A district with assets of that kind, the busier districts more often."""
    having = [d for d in districts if d.ranges.get(kind)]
    if not having:
        return rng.choice(districts)
    return rng.choices(having, weights=[len(d.ranges[kind]) for d in having])[0]


def _stretch(
    rng: random.Random,
    districts: tuple[District, ...],
    kind: AssetKind,
    work: str,
    longest: int = 5,
) -> Scope | None:
    district = _district(rng, districts, kind)
    ids = district.ranges.get(kind, range(0))
    if not ids:
        return None
    run = _run(rng, ids, longest)
    section = (run.start - ids.start) // SPANS_PER_SECTION + 1
    return Scope(f"{district.name} {work} (第{section}工区)", run, kind)


def _facility(
    rng: random.Random, districts: tuple[District, ...], kinds: tuple[AssetKind, ...], work: str
) -> Scope | None:
    choices = [(d, k) for d in districts for k in kinds if d.ranges.get(k)]
    if not choices:
        return None
    district, kind = rng.choice(choices)
    ids = district.ranges[kind]
    one = rng.randrange(len(ids))
    return Scope(f"{district.name} {ASSET_KIND_JA[kind]}{work}", ids[one : one + 1], kind)


def choose_scope(
    rng: random.Random, assets: AssetIndex, client_id: int, wo_type: str
) -> Scope | None:
    """The assets and title of a new work order for the client, or None when the client
    has nothing in service that this kind of job could be about."""
    districts = assets.districts.get(client_id, ())
    if not districts:
        return None
    r = rng.random()
    found: Scope | None
    if wo_type == T.INSPECTION:
        if r < 0.8:
            found = _stretch(rng, districts, K.PIPE, "管路点検")
        elif r < 0.9:
            found = _stretch(rng, districts, K.MANHOLE, "マンホール点検")
        else:
            found = _facility(rng, districts, FACILITY_KINDS, " 定期点検")
    elif wo_type == T.TV_SURVEY:
        found = _stretch(rng, districts, K.PIPE, "管路TVカメラ調査")
    elif wo_type == T.CLEANING:
        found = _stretch(rng, districts, K.PIPE, "管路清掃")
    elif wo_type == T.REPAIR:
        if r < 0.35:
            found = _stretch(rng, districts, K.MANHOLE, "マンホール蓋修繕", 2)
        elif r < 0.5:
            found = _facility(rng, districts, (K.PUMP_STATION, K.MANHOLE_PUMP), " 設備修繕")
        else:
            work = "管路修繕" if r < 0.8 else "取付管修繕"
            found = _stretch(rng, districts, K.PIPE, work, 2)
    elif r < 0.6:
        found = _stretch(rng, districts, K.PIPE, "管路閉塞 緊急対応", 1)
    elif r < 0.85:
        found = _facility(rng, districts, (K.MANHOLE_PUMP,), " 故障 緊急対応")
    else:
        found = _stretch(rng, districts, K.MANHOLE, "道路陥没 緊急調査", 1)
    # A client without that kind of asset still has pipes: fall back to them.
    return found or _stretch(rng, districts, K.PIPE, "管路点検")
