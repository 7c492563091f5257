"""A work order with many assets, findings and generated photos, for the work-order sheet's
tests (tests write rows directly; the app never does)."""

from decimal import Decimal
from io import BytesIO

from PIL import Image
from sqlalchemy import insert, select

from oneaqita.models import Asset, AssetKind, Finding, FindingRank, WorkOrder, work_order_assets
from oneaqita.services.database import Database
from tests.builders import Sample


def add_assets(db: Database, sample: Sample, count: int, first: int = 2) -> list[str]:
    """``count`` pipes of 秋田市 on WO-0001 (which holds 052019-P-000001 already), by one
    insert each; their codes."""
    codes = [f"052019-P-{i:06d}" for i in range(first, first + count)]
    with db.read() as session:
        session.execute(
            insert(Asset),
            [
                {
                    "code": code,
                    "kind": AssetKind.PIPE,
                    "owner_id": sample.akita_id,
                    "service_life_years": 50,
                    "installed_year": 1970 + n % 40,
                    "district": f"八橋処理区 第{n % 9 + 1}分区",
                    "material": "VU",
                    "diameter_mm": 200 + n % 3 * 50,
                    "length_m": Decimal("35.50"),
                    "version": 1,
                }
                for n, code in enumerate(codes)
            ],
        )
        # The codes are zero-padded: a range finds them all, whatever their number.
        between = Asset.code.between(codes[0], codes[-1])
        ids = session.scalars(select(Asset.id).where(between)).all()
        session.execute(
            insert(work_order_assets),
            [{"work_order_id": sample.work_order_ids[0], "asset_id": i} for i in ids],
        )
        session.commit()
    return codes


def add_finding(
    db: Database, sample: Sample, code: str, category: str, rank: FindingRank, note: str
) -> None:
    with db.read() as session:
        asset_id = session.scalar(select(Asset.id).where(Asset.code == code))
        session.add(
            Finding(
                work_order_id=sample.work_order_ids[0],
                asset_id=asset_id,
                category=category,
                rank=rank,
                note=note,
            )
        )
        session.commit()


def set_note(
    db: Database, sample: Sample, title: str | None = None, note: str | None = None
) -> None:
    with db.read() as session:
        wo = session.get(WorkOrder, sample.work_order_ids[0])
        assert wo is not None
        if title is not None:
            wo.title = title
        wo.note = note
        session.commit()


def image_bytes(
    color: tuple[int, int, int], size: tuple[int, int] = (640, 480), kind: str = "JPEG"
) -> bytes:
    out = BytesIO()
    Image.new("RGB", size, color).save(out, kind)
    return out.getvalue()
