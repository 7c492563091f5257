"""One asset as its card (施設カード) shows it, and as its edit dialog starts from it.

The card holds the list's row, the location and service life, the parent and the children
(the first CHILDREN in code order, with how many there are), every work order that has the
asset among its assets (latest planned start first), its findings over time (the latest
survey first, as the condition counts them: services/finding_queries.py) with the thumbnails
of their photos, and the condition with the survey it was derived from (oneaqita/condition.py;
never typed). Four reads in one session, each on an index: the work orders by
work_order_assets' key, the findings by ix_findings_asset_id, the thumbnails by the
attachments' finding id.
"""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from sqlalchemy import func, select

from oneaqita.condition import COUNTED_STATUSES
from oneaqita.errors import NotFound
from oneaqita.models import Asset, AssetKind, FindingAttachment, WorkOrder, WorkOrderStatus
from oneaqita.models import work_order_assets as woa
from oneaqita.services.asset_registry import AssetRow, rows_by_id
from oneaqita.services.database import Database
from oneaqita.services.finding_queries import FindingLine, findings_of_asset
from oneaqita.services.records import AssetData
from oneaqita.services.service_lives import effective_life

__all__ = [
    "AssetCard",
    "AssetLink",
    "EditableAsset",
    "FindingPhoto",
    "OrderLine",
    "asset_card",
    "asset_to_edit",
]

CHILDREN = 200


@dataclass(frozen=True, slots=True)
class AssetLink:
    id: int
    code: str
    kind: AssetKind


@dataclass(frozen=True, slots=True)
class OrderLine:
    id: int
    number: str
    title: str
    status: WorkOrderStatus
    planned_start: date | None
    actual_end: date | None


@dataclass(frozen=True, slots=True)
class FindingPhoto:
    id: int  # the attachment's
    finding_id: int
    file_name: str
    thumbnail: bytes


@dataclass(frozen=True)
class AssetCard:
    row: AssetRow
    version: int
    latitude: Decimal | None
    longitude: Decimal | None
    service_life_years: int | None  # the effective life: the asset's own, else the tables'
    own_service_life: bool  # the asset has a life of its own (not the tables')
    parent: AssetLink | None
    children: list[AssetLink]
    children_count: int
    orders: list[OrderLine]
    findings: list[FindingLine]
    photos: list[FindingPhoto]  # thumbnails of the findings' images, by finding then attached
    condition_from: FindingLine | None  # a finding of the survey the condition comes from

    def photos_of(self, finding_id: int) -> list[FindingPhoto]:
        return [p for p in self.photos if p.finding_id == finding_id]


def _not_found(asset_id: int) -> NotFound:
    return NotFound(f"施設 (id {asset_id}) が見つかりません。", f"Asset {asset_id} not found.")


def asset_card(db: Database, asset_id: int, today: date | None = None) -> AssetCard:
    findings = findings_of_asset(db, asset_id)
    with db.read() as session:
        asset = session.get(Asset, asset_id)
        if asset is None:
            raise _not_found(asset_id)
        row = rows_by_id(session, [asset_id], today)[0]
        parent = None
        if asset.parent_id is not None:
            p = session.execute(
                select(Asset.id, Asset.code, Asset.kind).where(Asset.id == asset.parent_id)
            ).one()
            parent = AssetLink(*p)
        children = [
            AssetLink(*c)
            for c in session.execute(
                select(Asset.id, Asset.code, Asset.kind)
                .where(Asset.parent_id == asset_id)
                .order_by(Asset.code)
                .limit(CHILDREN)
            )
        ]
        count = len(children)
        if count == CHILDREN:
            count = int(
                session.scalar(select(func.count()).where(Asset.parent_id == asset_id)) or 0
            )
        orders = [
            OrderLine(*o)
            for o in session.execute(
                select(
                    WorkOrder.id,
                    WorkOrder.number,
                    WorkOrder.title,
                    WorkOrder.status,
                    WorkOrder.planned_start,
                    WorkOrder.actual_end,
                )
                .join(woa, woa.c.work_order_id == WorkOrder.id)
                .where(woa.c.asset_id == asset_id)
                .order_by(WorkOrder.planned_start.desc(), WorkOrder.id.desc())
            )
        ]
        with_files = [f.id for f in findings if f.attachments]
        photos = (
            [
                FindingPhoto(p[0], p[1], p[2], p[3] or b"")
                for p in session.execute(
                    select(
                        FindingAttachment.id,
                        FindingAttachment.finding_id,
                        FindingAttachment.file_name,
                        FindingAttachment.thumbnail,
                    )
                    .where(
                        FindingAttachment.finding_id.in_(with_files),
                        FindingAttachment.thumbnail.is_not(None),
                    )
                    .order_by(FindingAttachment.finding_id, FindingAttachment.id)
                )
            ]
            if with_files
            else []
        )
        version, lat, lon = asset.version, asset.latitude, asset.longitude
        own = asset.service_life_years is not None
        life = session.scalar(select(effective_life()).where(Asset.id == asset_id))
    counted = [f for f in findings if f.work_order_status in COUNTED_STATUSES]
    return AssetCard(
        row=row,
        version=version,
        latitude=lat,
        longitude=lon,
        service_life_years=life,
        own_service_life=own,
        parent=parent,
        children=children,
        children_count=count,
        orders=orders,
        findings=findings,
        photos=photos,
        condition_from=counted[0] if counted and row.condition is not None else None,
    )


@dataclass(frozen=True)
class EditableAsset:
    """What the edit dialog fills its form from: the stored values as AssetData (owner and
    parent by code) and the version edited."""

    id: int
    data: AssetData
    version: int


def asset_to_edit(db: Database, asset_id: int) -> EditableAsset:
    with db.read() as session:
        asset = session.get(Asset, asset_id)
        if asset is None:
            raise _not_found(asset_id)
        data = AssetData(
            code=asset.code,
            kind=asset.kind,
            owner=asset.owner.code,
            district=asset.district,
            installed_year=asset.installed_year,
            material=asset.material,
            diameter_mm=asset.diameter_mm,
            length_m=asset.length_m,
            latitude=asset.latitude,
            longitude=asset.longitude,
            parent=asset.parent.code if asset.parent is not None else None,
            status=asset.status,
        )
        return EditableAsset(asset.id, data, asset.version)
