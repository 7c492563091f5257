"""Defects that inspections and TV-camera surveys find: older assets show more, and worse.

Rank a/b/c is the degree of a defect; the urgency 緊急度 I/II/III follows mostly from the
rank, with the surveyor's judgement moving it one step now and then. The asset's condition
is derived afterwards, in SQL, as the worst urgency of its findings.
"""

from __future__ import annotations  # array[int] is not subscriptable before 3.12

import random
from array import array

from oneaqita.models import AssetKind, FindingRank, Urgency

K = AssetKind
PIPE_DEFECTS = (
    ("腐食", 12),
    ("たるみ", 10),
    ("破損", 8),
    ("クラック", 15),
    ("継手ズレ", 14),
    ("浸入水", 12),
    ("取付管突出", 10),
    ("油脂付着", 10),
    ("樹木根侵入", 9),
)
MANHOLE_DEFECTS = (("腐食", 30), ("破損", 15), ("クラック", 25), ("浸入水", 20), ("油脂付着", 10))
FACILITY_DEFECTS = (("腐食", 40), ("破損", 20), ("クラック", 25), ("浸入水", 15))
_URGENCY = {
    FindingRank.A: ((Urgency.I, 80), (Urgency.II, 20)),
    FindingRank.B: ((Urgency.I, 5), (Urgency.II, 70), (Urgency.III, 25)),
    FindingRank.C: ((Urgency.II, 10), (Urgency.III, 90)),
}
_PIPE_NOTES = ("上流側", "下流側", "スパン中央付近", "取付管接続部付近", "管頂部", "管底部")
DATA_YEAR = 2025

FoundDefect = tuple[int, str, str, str | None, str | None]  # asset, category, rank, urgency, note


def _defects(kind: AssetKind) -> tuple[tuple[str, int], ...]:
    if kind is K.PIPE:
        return PIPE_DEFECTS
    if kind is K.MANHOLE:
        return MANHOLE_DEFECTS
    return FACILITY_DEFECTS


def findings_of(
    rng: random.Random, asset_ids: range, kind: AssetKind, installed: array[int], judged: bool
) -> list[FoundDefect]:
    """Findings on the surveyed assets; `judged` is False while the survey is still running,
    when the urgency is usually not decided yet."""
    defects = _defects(kind)
    names, weights = [d for d, _ in defects], [w for _, w in defects]
    found: list[FoundDefect] = []
    for asset_id in asset_ids:
        age = DATA_YEAR - installed[asset_id - 1]
        chance = min(0.7, 0.05 + max(0, age - 10) / 70)
        if kind is not K.PIPE:
            chance /= 2
        if rng.random() >= chance:
            continue
        how_many = rng.choices((1, 2, 3), weights=(60, 30, 10))[0]
        categories: list[str] = []
        while len(categories) < min(how_many, len(names)):
            pick = rng.choices(names, weights=weights)[0]
            if pick not in categories:  # one finding per category per asset and order
                categories.append(pick)
        for category in categories:
            worse = min(0.5, 0.08 + age / 300)
            r = rng.random()
            rank = (
                FindingRank.A
                if r < worse
                else FindingRank.B
                if r < worse + 0.35
                else (FindingRank.C)
            )
            urgency: str | None = None
            if judged or rng.random() < 0.5:
                table = _URGENCY[rank]
                urgency = rng.choices([u for u, _ in table], weights=[w for _, w in table])[0].value
            note = None
            if kind is K.PIPE and rng.random() < 0.6:
                note = f"{rng.choice(_PIPE_NOTES)} 上流マンホールから{rng.uniform(0.5, 19.5):.1f}m"
            found.append((asset_id, category, rank.value, urgency, note))
    return found
