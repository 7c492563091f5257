"""The asset registry's tree, one level at a time: the owning bodies, a body's districts (処理区),
a district's top-level assets, an asset's children (a plant's pump stations, a station's
manhole pumps: parent_id).

Rules enforced here:

- Every level is read only when it is opened, with the count of what lies under each node
  computed by SQL (GROUP BY), never by loading the nodes below.
- A body's count is all its assets; a district's, and an asset's, the nodes directly under
  it. A district's nodes are its assets without a parent; an asset with a parent stands
  under the parent only. Assets without a district stand under a district node of their own
  (district None).
- A level with many nodes (a district's 20,000 spans) comes in pages in code order; each page
  comes with the number of children of its assets (one GROUP BY on ix_assets_parent_id).
- Bodies in code order (JIS), districts in name order, the one without a district last.
"""

from dataclasses import dataclass
from typing import Any

from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session

from oneaqita.models import Asset, AssetKind, AssetStatus, Organization, Urgency
from oneaqita.services.database import Database

__all__ = [
    "TreeAsset",
    "TreeDistrict",
    "TreeOwner",
    "child_assets",
    "district_assets",
    "tree_districts",
    "tree_owners",
]

PAGE = 500


@dataclass(frozen=True, slots=True)
class TreeOwner:
    id: int
    code: str
    name: str
    name_en: str | None
    assets: int


@dataclass(frozen=True, slots=True)
class TreeDistrict:
    owner_id: int
    district: str | None
    top_level: int  # assets without a parent: the nodes under it


@dataclass(frozen=True, slots=True)
class TreeAsset:
    id: int
    code: str
    kind: AssetKind
    district: str | None
    installed_year: int | None
    status: AssetStatus
    condition: Urgency | None
    children: int


def tree_owners(db: Database) -> list[TreeOwner]:
    counts = select(Asset.owner_id, func.count().label("n")).group_by(Asset.owner_id).subquery()
    stmt = (
        select(Organization.id, Organization.code, Organization.name_ja, Organization.name_en)
        .add_columns(counts.c.n)
        .join(counts, counts.c.owner_id == Organization.id)
        .order_by(Organization.code)
    )
    with db.read() as session:
        return [TreeOwner(*r) for r in session.execute(stmt)]


def tree_districts(db: Database, owner_id: int) -> list[TreeDistrict]:
    stmt = (
        select(Asset.district, func.count())
        .where(Asset.owner_id == owner_id, Asset.parent_id.is_(None))
        .group_by(Asset.district)
    )
    with db.read() as session:
        rows = sorted(session.execute(stmt).all(), key=lambda r: (r[0] is None, r[0] or ""))
    return [TreeDistrict(owner_id, d, n) for d, n in rows]


_COLUMNS = (
    Asset.id,
    Asset.code,
    Asset.kind,
    Asset.district,
    Asset.installed_year,
    Asset.status,
    Asset.condition,
)


def _with_children(session: Session, stmt: "Select[*tuple[Any, ...]]") -> list[TreeAsset]:
    rows = session.execute(stmt).all()
    if not rows:
        return []
    counts: dict[int | None, int] = {
        parent: n
        for parent, n in session.execute(
            select(Asset.parent_id, func.count())
            .where(Asset.parent_id.in_([r[0] for r in rows]))
            .group_by(Asset.parent_id)
        )
    }
    return [TreeAsset(r[0], r[1], r[2], r[3], r[4], r[5], r[6], counts.get(r[0], 0)) for r in rows]


def district_assets(
    db: Database, owner_id: int, district: str | None, offset: int = 0, limit: int = PAGE
) -> list[TreeAsset]:
    """A page of the district's top-level assets in code order, with their children counts."""
    where = Asset.district.is_(None) if district is None else Asset.district == district
    stmt = (
        select(*_COLUMNS)
        .where(Asset.owner_id == owner_id, where, Asset.parent_id.is_(None))
        .order_by(Asset.code)
        .offset(offset)
        .limit(limit)
    )
    with db.read() as session:
        return _with_children(session, stmt)


def child_assets(
    db: Database, parent_id: int, offset: int = 0, limit: int = PAGE
) -> list[TreeAsset]:
    """A page of the asset's children in code order, with their own children counts."""
    stmt = (
        select(*_COLUMNS)
        .where(Asset.parent_id == parent_id)
        .order_by(Asset.code)
        .offset(offset)
        .limit(limit)
    )
    with db.read() as session:
        return _with_children(session, stmt)
