"""Choosing a work order's assets: by code, or every asset a filter matches (thousands at
once), set-based.

Rules enforced here:

- A filter combines, all at once, the owning body, the kind, the district (exact), assets
  installed before a year (those without a known year never match it), the asset's status
  (in service, consolidated, retired) and a free text that every term of must appear in the
  code. An empty filter matches every asset.
- Codes are checked as stored text; an unknown code is refused naming it (the first ten, and
  how many more), on the field ``assets``.
- Lookups go in chunks of a few hundred codes, so that any number fits every database's limit
  of bound parameters; an order's assets are written with one executemany INSERT.
"""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from sqlalchemy import ColumnElement, Select, delete, func, insert, select
from sqlalchemy.orm import Session

from oneaqita.errors import ValidationError
from oneaqita.models import Asset, AssetKind, AssetStatus, work_order_assets
from oneaqita.services.database import Database
from oneaqita.services.text_fields import matches_all_terms, reference_text
from oneaqita.values import QUOTED_CHARS, quote

_CHUNK = 500
_NAMED = 10


@dataclass(frozen=True)
class AssetFilter:
    owner_id: int | None = None
    kind: AssetKind | None = None
    district: str | None = None
    installed_before: int | None = None  # a year
    code_text: str = ""
    status: AssetStatus | None = None


def filter_conditions(flt: AssetFilter) -> list[ColumnElement[bool]]:
    """The WHERE conditions of `flt` on Asset (for a query that reads more than codes)."""
    return _conditions(flt)


def _conditions(flt: AssetFilter) -> list[ColumnElement[bool]]:
    where: list[ColumnElement[bool]] = []
    if flt.owner_id is not None:
        where.append(Asset.owner_id == flt.owner_id)
    if flt.kind is not None:
        where.append(Asset.kind == flt.kind)
    district = reference_text(flt.district, "district", "地区", "District")
    if district is not None:
        where.append(Asset.district == district)
    if flt.installed_before is not None:
        where.append(Asset.installed_year < flt.installed_before)
    if flt.status is not None:
        where.append(Asset.status == flt.status)
    text = matches_all_terms(flt.code_text, [Asset.code])
    if text is not None:
        where.append(text)
    return where


def _matching(flt: AssetFilter) -> Select[str]:
    return select(Asset.code).where(*_conditions(flt))


def count_assets(db: Database, flt: AssetFilter) -> int:
    """How many assets `flt` matches (the picker shows it before adding them)."""
    with db.read() as session:
        return int(session.scalar(select(func.count()).select_from(_matching(flt).subquery())) or 0)


def asset_codes(db: Database, flt: AssetFilter) -> list[str]:
    """The codes of every asset `flt` matches, in code order."""
    with db.read() as session:
        return list(session.scalars(_matching(flt).order_by(Asset.code)))


def district_choices(db: Database) -> list[str]:
    with db.read() as session:
        found = session.scalars(
            select(Asset.district).where(Asset.district.is_not(None)).distinct()
        )
        return sorted(d for d in found if d is not None)


def _chunks(values: Sequence[str]) -> Iterable[Sequence[str]]:
    for start in range(0, len(values), _CHUNK):
        yield values[start : start + _CHUNK]


def asset_ids_by_code(session: Session, codes: Iterable[str]) -> list[int]:
    """The ids of the assets with these codes (duplicates once), or a ValidationError on
    ``assets`` naming the unknown ones."""
    wanted: list[str] = []
    for code in codes:
        clean = reference_text(code, "assets", "対象施設", "Assets")
        if clean is not None:
            wanted.append(clean)
    wanted = list(dict.fromkeys(wanted))
    ids: dict[str, int] = {}
    for chunk in _chunks(wanted):
        for code, asset_id in session.execute(
            select(Asset.code, Asset.id).where(Asset.code.in_(chunk))
        ):
            ids[code] = asset_id
    unknown = [c for c in wanted if c not in ids]
    if unknown:
        named = "、".join(_named(c, ja=True) for c in unknown[:_NAMED])
        more_ja = f" ほか{len(unknown) - _NAMED}件" if len(unknown) > _NAMED else ""
        more_en = f" and {len(unknown) - _NAMED} more" if len(unknown) > _NAMED else ""
        raise ValidationError(
            f"施設コード {named}{more_ja} が見つかりません。",
            f"No asset with code {', '.join(_named(c) for c in unknown[:_NAMED])}{more_en}.",
            "assets",
        )
    return [ids[c] for c in wanted]


def stored_asset_ids(session: Session, work_order_id: int) -> set[int]:
    return set(
        session.scalars(
            select(work_order_assets.c.asset_id).where(
                work_order_assets.c.work_order_id == work_order_id
            )
        )
    )


def replace_assets(session: Session, work_order_id: int, asset_ids: Iterable[int]) -> bool:
    """Make the order's assets exactly `asset_ids`, writing only the difference: one
    executemany INSERT for the added, DELETEs in chunks for the removed. Whether any changed."""
    new = set(asset_ids)
    old = stored_asset_ids(session, work_order_id)
    added, removed = sorted(new - old), sorted(old - new)
    if added:
        session.execute(
            insert(work_order_assets),
            [{"work_order_id": work_order_id, "asset_id": a} for a in added],
        )
    c = work_order_assets.c
    for start in range(0, len(removed), _CHUNK):
        chunk = removed[start : start + _CHUNK]
        session.execute(
            delete(work_order_assets).where(c.work_order_id == work_order_id, c.asset_id.in_(chunk))
        )
    return bool(added or removed)


def _named(code: str, ja: bool = False) -> str:
    """A code as typed in a message; one longer than a code can be is cut (values.quote)."""
    return code if len(code) <= QUOTED_CHARS else quote(code, ja)
