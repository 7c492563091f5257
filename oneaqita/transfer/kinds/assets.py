"""Kind ``assets``: key ``code``; kind and status in English or Japanese (vocabulary.py); the
owner by organization code or exact Japanese name, the parent by asset code. A parent may come
after its children in the file: rows are stored parents first (``order``). Rows are stored a
chunk at a time (upsert_assets); exports write codes, and numbers as number cells."""

from collections.abc import Collection, Iterator, Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session, aliased

from oneaqita.models import Asset, AssetKind, AssetStatus, Organization
from oneaqita.services.assets import upsert_asset, upsert_assets
from oneaqita.services.changes import Entity
from oneaqita.services.records import AssetData
from oneaqita.transfer.columns import Column, KindSpec, choice, decimal_number, enum_ja
from oneaqita.values import normalize_text, parse_decimal, parse_int
from oneaqita.vocabulary import ASSET_KIND_JA, ASSET_STATUS_JA


def _records(session: Session, codes: Collection[object] | None) -> Iterator[AssetData]:
    parent = aliased(Asset)
    query = (
        select(Asset, Organization.code, parent.code)
        .join(Asset.owner)
        .outerjoin(parent, parent.id == Asset.parent_id)
        .order_by(Asset.code)
        .execution_options(yield_per=1000)
    )
    if codes is not None:
        query = query.where(Asset.code.in_(codes))
    for a, owner, parent_code in session.execute(query):
        yield AssetData(
            code=a.code,
            kind=a.kind,
            owner=owner,
            district=a.district,
            installed_year=a.installed_year,
            material=a.material,
            diameter_mm=a.diameter_mm,
            length_m=a.length_m,
            latitude=a.latitude,
            longitude=a.longitude,
            parent=parent_code,
            status=a.status,
        )


def parents_first(records: Sequence[AssetData]) -> list[int]:
    """The indexes of ``records``, each asset after its parent when the parent is in there
    too (otherwise in file order); the members of a cycle keep their file order (the service
    refuses them)."""
    index = {normalize_text(r.code): i for i, r in enumerate(records)}
    depth: dict[int, int] = {}
    for start in range(len(records)):
        path: list[int] = []
        i: int | None = start
        while i is not None and i not in depth and i not in path:
            path.append(i)
            i = index.get(normalize_text(records[i].parent))
        base = depth.get(i, 0) if i is not None else -1
        for offset, j in enumerate(reversed(path), start=1):
            depth[j] = base + offset
    return sorted(range(len(records)), key=lambda i: depth[i])


SPEC = KindSpec(
    name="assets",
    name_ja="施設",
    record_type=AssetData,
    columns=(
        Column("code", "施設番号", required=True, max_length=40),
        Column(
            "kind",
            "施設種別",
            choice(AssetKind, ASSET_KIND_JA, "施設種別", "asset kind"),
            required=True,
            export=enum_ja(ASSET_KIND_JA),
        ),
        Column("owner", "管理者", required=True, aliases=("owner_id",)),
        Column("district", "処理区", max_length=100),
        Column("installed_year", "布設年度", parse_int, stored=Asset.installed_year),
        Column("material", "管種", max_length=40),
        Column("diameter_mm", "管径", parse_int, stored=Asset.diameter_mm),
        Column("length_m", "延長", parse_decimal, export=decimal_number, stored=Asset.length_m),
        Column("latitude", "緯度", parse_decimal, export=decimal_number, stored=Asset.latitude),
        Column("longitude", "経度", parse_decimal, export=decimal_number, stored=Asset.longitude),
        Column("parent", "上位施設", max_length=40, aliases=("parent_id",)),
        Column(
            "status",
            "状態",
            choice(AssetStatus, ASSET_STATUS_JA, "状態", "asset status"),
            export=enum_ja(ASSET_STATUS_JA),
        ),
    ),
    key=("code",),
    upsert=upsert_asset,
    upsert_many=upsert_assets,
    order=parents_first,
    records=_records,
    entity=Entity.ASSETS,
)
