"""Removing stored attachments, audited one entry per file (its name, size and SHA-256, never
its bytes): shared by the attachment services and by removing a finding, whose files the
database's ON DELETE CASCADE would otherwise take away without a trace."""

from collections.abc import Sequence
from typing import Any

from sqlalchemy import ColumnElement, delete, select

from oneaqita.models import FindingAttachment
from oneaqita.permissions import Action, requires
from oneaqita.services.changes import Entity
from oneaqita.services.unit_of_work import UnitOfWork

__all__ = ["ENTITY", "remove_attachment_rows", "snapshot"]

ENTITY = Entity.FINDING_ATTACHMENTS
_SNAPSHOT_COLUMNS = (
    FindingAttachment.id,
    FindingAttachment.finding_id,
    FindingAttachment.file_name,
    FindingAttachment.media_type,
    FindingAttachment.size_bytes,
    FindingAttachment.sha256,
)


def snapshot(a: Any) -> dict[str, Any]:
    """What the audit log keeps of a file: never its content."""
    return {
        "finding_id": a.finding_id,
        "file_name": a.file_name,
        "media_type": a.media_type,
        "size_bytes": a.size_bytes,
        "sha256": a.sha256,
    }


@requires(Action.RECORD_FINDINGS)
def remove_attachment_rows(uow: UnitOfWork, where: ColumnElement[bool]) -> list[int]:
    """Delete the attachments `where` selects, set-based, each audited; their ids."""
    rows: Sequence[Any] = uow.session.execute(
        select(*_SNAPSHOT_COLUMNS).where(where).order_by(FindingAttachment.id)
    ).all()
    if not rows:
        return []
    ids = [r.id for r in rows]
    uow.session.execute(
        delete(FindingAttachment)
        .where(FindingAttachment.id.in_(ids))
        .execution_options(synchronize_session=False)
    )
    uow.audit_many("delete", ENTITY, [(r.id, snapshot(r), None) for r in rows])
    return ids
