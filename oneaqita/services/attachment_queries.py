"""Reading a finding's attached files: the list (thumbnails, never the files), one file's
content (to open or save it), and the photos of a work order for its sheet's photo pages."""

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select

from oneaqita.errors import NotFound
from oneaqita.models import Finding, FindingAttachment, FindingRank, Urgency
from oneaqita.services.database import Database
from oneaqita.services.finding_queries import findings_of_work_order
from oneaqita.thumbnails import IMAGE_TYPES

__all__ = [
    "AttachmentFile",
    "AttachmentLine",
    "OrderPhoto",
    "attachment_content",
    "attachments_of_finding",
    "photos_of_work_order",
]


@dataclass(frozen=True, slots=True)
class AttachmentLine:
    id: int
    finding_id: int
    file_name: str
    media_type: str
    size_bytes: int
    thumbnail: bytes | None  # a small JPEG; None for a file that is no decodable image
    created_at: datetime


@dataclass(frozen=True, slots=True)
class AttachmentFile:
    id: int
    file_name: str
    media_type: str
    content: bytes


@dataclass(frozen=True, slots=True)
class OrderPhoto:
    """One photo of a work order's findings, as its sheet shows it."""

    attachment_id: int
    finding_id: int
    asset_code: str
    category: str
    rank: FindingRank
    urgency: Urgency | None  # the finding's effective urgency (given, else by the rule)
    file_name: str
    media_type: str
    content: bytes


def attachments_of_finding(db: Database, finding_id: int) -> list[AttachmentLine]:
    """The finding's files in the order they were attached."""
    with db.read() as session:
        rows = session.execute(
            select(
                FindingAttachment.id,
                FindingAttachment.finding_id,
                FindingAttachment.file_name,
                FindingAttachment.media_type,
                FindingAttachment.size_bytes,
                FindingAttachment.thumbnail,
                FindingAttachment.created_at,
            )
            .where(FindingAttachment.finding_id == finding_id)
            .order_by(FindingAttachment.id)
        )
        return [AttachmentLine(*r) for r in rows]


def attachment_content(db: Database, attachment_id: int) -> AttachmentFile:
    with db.read() as session:
        row = session.execute(
            select(
                FindingAttachment.id,
                FindingAttachment.file_name,
                FindingAttachment.media_type,
                FindingAttachment.content,
            ).where(FindingAttachment.id == attachment_id)
        ).first()
    if row is None:
        raise NotFound(
            f"添付ファイル (id {attachment_id}) が見つかりません。",
            f"Attachment {attachment_id} not found.",
        )
    return AttachmentFile(*row)


def photos_of_work_order(db: Database, work_order_id: int) -> list[OrderPhoto]:
    """Every image attached to the order's findings, by asset code, category, then the order
    attached. An image is a JPEG or PNG that had a thumbnail made: one that does not decode
    (a decompression bomb, a truncated file) is not handed to a PDF writer."""
    lines = {line.id: line for line in findings_of_work_order(db, work_order_id)}
    if not lines:
        return []
    with db.read() as session:
        rows = session.execute(
            select(
                FindingAttachment.id,
                FindingAttachment.finding_id,
                FindingAttachment.file_name,
                FindingAttachment.media_type,
                FindingAttachment.content,
            )
            .join(Finding, Finding.id == FindingAttachment.finding_id)
            .where(
                Finding.work_order_id == work_order_id,
                FindingAttachment.media_type.in_(sorted(IMAGE_TYPES)),
                FindingAttachment.thumbnail.is_not(None),
            )
            .order_by(FindingAttachment.id)
        ).all()
    order = {finding_id: i for i, finding_id in enumerate(lines)}
    photos = []
    for attachment_id, finding_id, file_name, media_type, content in sorted(
        (r for r in rows if r[1] in order), key=lambda r: (order[r[1]], r[0])
    ):
        line = lines[finding_id]
        photos.append(
            OrderPhoto(
                attachment_id,
                finding_id,
                line.asset_code,
                line.category,
                line.rank,
                line.effective_urgency,
                file_name,
                media_type,
                content,
            )
        )
    return photos
